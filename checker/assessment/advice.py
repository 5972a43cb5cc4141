"""A concrete way to comply for every failing or unanswered rule and item of an assessment.

The engine says what is wrong; the check type that found it says what the contractor can do
about it (each check module has its own advice), chosen by the finding code every result
carries, never by reading the message. Plain data in, {nb, en} texts out: no Flask, no database.
"""

from checker.assessment.status import UNMET
from checker.checks import CHECKS
from checker.checks import Finding
from checker.formats.messages import render
from checker.rulesets.ruleset import Ruleset
from checker.rulesets.wording import values_of
from checker.rulesets.wording import worded

ENTRY_LISTS = ("machines", "vehicles", "heating", "fuels", "exceptions")


def _entries(tender: dict) -> dict[str, tuple[str, dict]]:
    return {entry["id"]: (name, entry) for name in ENTRY_LISTS for entry in tender.get(name) or []}


def _piece(result: dict, item_id, status: str, text: dict) -> dict:
    return {"rule": result["rule"], "item": item_id, "status": status, "advice": text}


def _rule_advice(result: dict, check, params: dict, tender: dict, guidance) -> dict | None:
    """A result about the tender as a whole: the check's advice, else the rule's own guidance."""
    finding = Finding(
        result.get("code"), result["status"], "", {}, params, result["message"], tender
    )
    text = check.advice(finding) if check else None
    return text or guidance or None


def advise(assessment: dict, ruleset: Ruleset, tender: dict) -> list[dict]:
    """One piece of advice per open rule or item: {rule, item, status, advice {nb, en}}."""
    entries = _entries(tender)
    advice = []
    for result in assessment["results"]:
        if result["status"] not in UNMET or result["kind"] == "award":
            continue
        rule = ruleset.rule(result["rule"])
        check = CHECKS.get(rule.check_type) if rule else None
        params = result.get("parameters") or {}
        open_items = [item for item in result.get("items") or [] if item["status"] in UNMET]
        for item in open_items:
            kind, entry = entries.get(item["id"], ("", {"id": item["id"]}))
            finding = Finding(
                item.get("code"), item["status"], kind, entry, params, item["reason"], tender
            )
            text = check.advice(finding) if check else None
            if text:
                advice.append(_piece(result, item["id"], item["status"], text))
        if not open_items:
            guidance = worded(rule, values_of(rule, params)).guidance if rule else None
            text = _rule_advice(result, check, params, tender, guidance)
            if text:
                advice.append(_piece(result, None, result["status"], text))
    return _without_repeats(advice)


def _without_repeats(advice: list[dict]) -> list[dict]:
    """Two rules may find the same gap (an unnamed fuel): the contractor needs one step for it."""
    seen, kept = set(), []
    for piece in advice:
        key = (piece["item"], render(piece["advice"], "en"))
        if key not in seen:
            seen.add(key)
            kept.append(piece)
    return kept
