"""The registry of check types and what every check receives and returns.

An item check gets the entries the rule applies to (machines, vehicles, heating, fuels or
exceptions) and returns one result per entry; the engine folds those into the rule's state.
A tender check looks at the tender or its metrics as a whole and returns the rule's state itself.
"""

from dataclasses import dataclass
from dataclasses import field


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


@dataclass(frozen=True)
class CheckType:
    name: str
    function: object
    params: dict[str, Param]
    targets: frozenset[str]
    description: str
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


CHECKS: dict[str, CheckType] = {}
ITEM_TARGETS = frozenset({"machines", "vehicles", "heating", "fuels", "exceptions"})


def check(name: str, targets: set[str], runs_without_entries: bool = False, **params: Param):
    """Register a check type under the name rule files use."""

    def register(function):
        doc = (function.__doc__ or "").strip().splitlines()[0]
        CHECKS[name] = CheckType(
            name, function, params, frozenset(targets), doc, runs_without_entries
        )
        return function

    return register


def item(entry: dict, status: str, reason: dict) -> dict:
    return {"id": entry["id"], "status": status, "reason": reason}


def carrier_of(entry: dict) -> str:
    return entry.get("energy_carrier") or "?"
