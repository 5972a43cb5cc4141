"""The registry of check types and what every check receives and returns.

An item check gets the entries the rule applies to (machines, vehicles, heating, fuels or
exceptions) and returns one result per entry; the engine folds those into the rule's state.
A tender check looks at the tender or its metrics as a whole and returns the rule's state itself.

Each check type lives in its own module with everything about it in one place: the function,
its parameters, its advice (chosen by the finding code each result carries, never by reading
the message) and a table of examples with the state each must give (tests run the tables).
"""

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

from checker.formats.messages import define
from checker.formats.messages import say


@dataclass(frozen=True)
class Param:
    """What a check accepts for one parameter: its type and, if optional, its default."""

    type: str
    required: bool = True
    default: object = None


@dataclass
class Outcome:
    """What a check found: a state and message, or (status None) items for the engine to fold."""

    status: str | None
    message: dict | None = None
    items: list[dict] = field(default_factory=list)
    points: float | None = None
    code: str | None = None


@dataclass(frozen=True)
class Example:
    """One row of a check type's example table: parameters and tender data in, a state out."""

    description: str
    params: dict
    tender: dict
    status: str
    items: dict = field(default_factory=dict)  # entry id -> expected state
    decisions: dict = field(default_factory=dict)
    applies_to: str | None = None  # the list the rule applies to, when the type has several


@dataclass(frozen=True)
class Finding:
    """An open result as the advice of its check type sees it."""

    code: str | None
    status: str
    kind: str  # the list the entry is in; "" for a result about the tender as a whole
    entry: dict
    params: dict
    reason: dict
    tender: dict


@dataclass(frozen=True)
class CheckType:
    name: str
    function: Callable
    params: dict[str, Param]
    targets: frozenset[str]
    description: str
    advice: Callable[[Finding], dict | None]
    examples: tuple[Example, ...]
    # Checks that also look beyond their own entries (e.g. machines that name no fuel)
    # must run when the list they apply to is empty.
    runs_without_entries: bool = False


@dataclass
class Context:
    """Everything a check may read: the tender, lookups built once per assessment, metrics."""

    tender: dict
    fuels: dict[str, dict]
    exceptions_by_item: dict[str, list[dict]]
    decisions: dict[str, dict]
    metrics: dict
    # The day the assessment speaks for (ISO 8601); an approval that expired before it no longer
    # waives. None: expiry is not judged (a file assessed on its own, with no "today").
    as_of: str | None = None
    # Every machine by id: an entry charged from an on-site generator takes its fuel's class.
    machines: dict[str, dict] = field(default_factory=dict)


CHECKS: dict[str, CheckType] = {}
ITEM_TARGETS = frozenset({"machines", "vehicles", "heating", "fuels", "exceptions"})


def register(
    name: str,
    function: Callable,
    *,
    targets: set[str],
    params: dict[str, Param],
    advice: Callable[[Finding], dict | None],
    examples: tuple[Example, ...],
    runs_without_entries: bool = False,
) -> CheckType:
    """Register a check type under the name rule files use."""
    doc = (function.__doc__ or "").strip().splitlines()[0]
    check_type = CheckType(
        name,
        function,
        params,
        frozenset(targets),
        doc,
        advice,
        tuple(examples),
        runs_without_entries,
    )
    CHECKS[name] = check_type
    return check_type


def item(entry: dict, status: str, reason: dict, code: str, **extra) -> dict:
    """One entry's result: its state, the reason (a structured message), and the finding code."""
    return {"id": entry["id"], "status": status, "reason": reason, "code": code, **extra}


def carrier_of(entry: dict) -> str:
    return entry.get("energy_carrier") or "?"


def names(*codes: str) -> dict:
    """Codes for a message's value, shown by their names ("fossilfri, utslippsfri")."""
    return {"codes": list(codes)}


def fill_in(finding: Finding) -> dict:
    """The one step for missing data whatever the check: say what is missing, for whom."""
    entry_id = finding.entry.get("id")
    if not entry_id:
        return say("check.fill_in", reason={"message": finding.reason})
    return say("check.fill_in_for", id=entry_id, reason={"message": finding.reason})


MESSAGES = define(
    {
        "check.fill_in": (
            "Fill in what is missing: {reason}.",
            "Fyll inn det som mangler: {reason}.",
            "Fyll inn det som manglar: {reason}.",
        ),
        "check.fill_in_for": (
            "Fill in what is missing for {id}: {reason}.",
            "Fyll inn det som mangler for {id}: {reason}.",
            "Fyll inn det som manglar for {id}: {reason}.",
        ),
    }
)
