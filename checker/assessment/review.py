"""The officer's review on top of the engine: overrides of automatic states, applied as data.

An override names a rule (and, for item rules, an item) and the state the officer sets, with a
reason. Applying it keeps the automatic state beside the new one, so a report can show both, and
folds the rule and the verdict again. Exception decisions are not overrides: they go into the
engine as `decisions`, since the rule itself knows which grounds it accepts. No I/O here.
"""

import copy

from checker.assessment.engine import count_message
from checker.assessment.status import NO_POINTS
from checker.assessment.status import OPEN
from checker.assessment.status import count_states
from checker.assessment.status import fold
from checker.assessment.status import verdict_of
from checker.formats.messages import define
from checker.formats.messages import say
from checker.formats.vocabulary import BLOCKING_KINDS


def override_key(rule_id: str, item_id: str | None) -> str:
    return f"{rule_id}/{item_id}" if item_id else rule_id


def _note(override: dict, automatic: str) -> dict:
    return {
        "automatic": automatic,
        "status": override["status"],
        "reason": override["reason"],
        "by": override["by"],
        "at": override["at"],
    }


def _override_item(result: dict, override: dict) -> bool:
    for entry in result["items"]:
        if entry["id"] == override["item"]:
            entry["override"] = _note(override, entry["status"])
            entry["status"] = override["status"]
            return True
    return False


def _override_rule(result: dict, override: dict) -> None:
    note = _note(override, result["status"]) | {"automatic_message": result["message"]}
    if result["kind"] == "award" and override["status"] in NO_POINTS:
        note["automatic_points"] = result["points"]
        result["points"] = 0.0
    result["override"] = note
    result["status"] = override["status"]
    result["message"] = say("review.set", by=override["by"], reason=override["reason"])


def apply_overrides(assessment: dict, overrides: list[dict]) -> dict:
    """A copy of the assessment with the officer's overrides applied and the verdict folded again.

    Each override is {rule, item (or None), status, reason, by, at}. An override whose rule or item
    is gone from the assessment (the tender changed) is listed under `unapplied_overrides` instead
    of silently dropped.
    """
    result = copy.deepcopy(assessment)
    by_rule = {entry["rule"]: entry for entry in result["results"]}
    unapplied = []
    for override in overrides:
        target = by_rule.get(override["rule"])
        if target is None:
            unapplied.append(override)
        elif override.get("item"):
            if not _override_item(target, override):
                unapplied.append(override)
            elif "override" not in target:
                target["status"] = fold(target["items"])
                target["message"] = _recounted(target["items"])
        else:
            _override_rule(target, override)
    result["overrides"] = [o for o in overrides if o not in unapplied]
    if unapplied:
        result["unapplied_overrides"] = unapplied
    result["verdict"] = verdict_of(result["results"])
    result["summary"]["by_status"] = count_states(entry["status"] for entry in result["results"])
    awards = [entry for entry in result["results"] if entry["kind"] == "award"]
    result["summary"]["award_points"] = round(sum(entry["points"] for entry in awards), 2)
    return result


def _recounted(items: list[dict]) -> dict:
    """The rule's count of states again, saying how many the officer set."""
    counts = count_message(items)
    manual = sum(1 for entry in items if "override" in entry)
    return say("review.recounted", counts=counts, manual=manual)


def open_questions(assessment: dict) -> list[dict]:
    """What the officer still has to judge: blocking rules and items in manual review, not
    answered or in error. A rule the officer has set as a whole is judged, items included."""
    questions = []
    for result in assessment["results"]:
        if result["kind"] not in BLOCKING_KINDS or "override" in result:
            continue
        open_items = [entry for entry in result["items"] if entry["status"] in OPEN]
        for entry in open_items:
            questions.append({"rule": result["rule"], "item": entry["id"], "result": result})
        if result["status"] in OPEN and not open_items:
            questions.append({"rule": result["rule"], "item": None, "result": result})
    return questions


MESSAGES = define(
    {
        "review.set": ("set by {by}: {reason}", "satt av {by}: {reason}", "sett av {by}: {reason}"),
        "review.recounted": (
            "{counts} ({manual} set by the officer)",
            "{counts} ({manual} satt av oppdragsgiver)",
            "{counts} ({manual} sette av oppdragsgivaren)",
        ),
    }
)
