"""The one status vocabulary: the states a rule or item can have, their order of seriousness,
which of them are open or blocking, the verdicts, and their names in bokmål and English.

Everything else (engine, review, advice, reports, web pages, templates) reads these; none keeps a
list of its own. Plain data, no I/O.
"""

from checker.formats.vocabulary import BLOCKING_KINDS

# Most serious first: when items disagree, the rule takes the most serious state among them.
STATES = (
    "fail",
    "error",
    "not_answered",
    "manual_review",
    "waived",
    "pass",
    "informational",
    "not_applicable",
)
RANK = {state: rank for rank, state in enumerate(STATES)}

# A blocking state on a blocking rule rejects the tender: the verdict is non-compliant.
BLOCKING = frozenset({"fail"})
# An open state on a blocking rule waits for a person (or an answer): the verdict is incomplete.
# These are what the officer's review queue lists.
OPEN = frozenset({"manual_review", "not_answered", "error"})
# Not met yet: what the contractor is told how to fix, and what a report gives guidance for.
UNMET = BLOCKING | OPEN
# Nothing to show beside the rule: met, for information only, or not applicable.
QUIET = frozenset({"pass", "informational", "not_applicable"})
# The states an officer may set by hand. Not "waived": waivers come only from decisions on
# exception requests, which carry a legal basis and an expiry.
SETTABLE = ("pass", "fail", "not_applicable")
# An award rule the officer sets to one of these gives no points.
NO_POINTS = frozenset({"fail", "not_applicable"})

VERDICTS = ("compliant", "non_compliant", "incomplete")

NAMES = {
    "pass": {"nb": "Oppfylt", "nn": "Oppfylt", "en": "Pass"},
    "fail": {"nb": "Ikke oppfylt", "nn": "Ikkje oppfylt", "en": "Fail"},
    "error": {"nb": "Feil", "nn": "Feil", "en": "Error"},
    "not_answered": {"nb": "Ikke besvart", "nn": "Ikkje svara", "en": "Not answered"},
    "manual_review": {"nb": "Manuell vurdering", "nn": "Manuell vurdering", "en": "Manual review"},
    "waived": {"nb": "Unntak innvilget", "nn": "Unntak innvilga", "en": "Waived"},
    "informational": {"nb": "Til informasjon", "nn": "Til informasjon", "en": "Informational"},
    "not_applicable": {"nb": "Ikke relevant", "nn": "Ikkje relevant", "en": "Not applicable"},
}
VERDICT_NAMES = {
    "compliant": {"nb": "I samsvar", "nn": "I samsvar", "en": "Compliant"},
    "non_compliant": {"nb": "Ikke i samsvar", "nn": "Ikkje i samsvar", "en": "Non-compliant"},
    "incomplete": {"nb": "Ufullstendig", "nn": "Ufullstendig", "en": "Incomplete"},
}


def most_serious(states) -> str:
    return min(states, key=RANK.__getitem__)


def fold(items: list[dict]) -> str:
    """The state of a rule from its items' states."""
    return most_serious(entry["status"] for entry in items)


def verdict_of(results: list[dict]) -> str:
    """The verdict from the states of the blocking rules (award rules never reject)."""
    statuses = {result["status"] for result in results if result["kind"] in BLOCKING_KINDS}
    if statuses & BLOCKING:
        return "non_compliant"
    if statuses & OPEN:
        return "incomplete"
    return "compliant"


def count_states(statuses) -> dict[str, int]:
    """How many of each state, most serious first, leaving out those that do not occur."""
    counts = {state: 0 for state in STATES}
    for state in statuses:
        counts[state] += 1
    return {state: count for state, count in counts.items() if count}


def status_name(state: str, lang: str) -> str:
    """'Ikke oppfylt' for fail in bokmål; an unknown code is shown as it is."""
    return NAMES[state][lang] if state in NAMES else state


def verdict_name(verdict: str, lang: str) -> str:
    return VERDICT_NAMES[verdict][lang] if verdict in VERDICT_NAMES else verdict


# Jinja tests for the page and report templates: `rejectattr("status", "quiet")`.
TEMPLATE_TESTS = {"quiet": QUIET.__contains__, "unmet": UNMET.__contains__}
