"""What changed between two assessments of a tender: rule and item states, verdict, figures."""

from checker.assessment.status import RANK

FIGURES = ("zero_emission_share", "fossil_free_share", "fossil_litres")


def _items(result: dict) -> dict:
    return {entry["id"]: entry for entry in result.get("items") or []}


def _direction(before: str | None, after: str | None) -> str:
    """better/worse by the engine's order of seriousness; a rule that appears or goes is 'changed'."""
    if before is None or after is None:
        return "changed"
    return "better" if RANK[after] > RANK[before] else "worse"


def _item_changes(rule_id: str, before: dict, after: dict) -> list[dict]:
    old, new = _items(before), _items(after)
    changes = []
    for item_id in sorted(old.keys() | new.keys()):
        was = old.get(item_id, {}).get("status")
        now = new.get(item_id, {}).get("status")
        if was != now:
            changes.append(
                {
                    "rule": rule_id,
                    "item": item_id,
                    "from": was,
                    "to": now,
                    "direction": _direction(was, now),
                    "why": (new.get(item_id) or old.get(item_id))["reason"],
                }
            )
    return changes


def diff_assessments(before: dict, after: dict) -> dict:
    """Every rule and item whose state differs, with the later reason (why it turned)."""
    old = {result["rule"]: result for result in before["results"]}
    new = {result["rule"]: result for result in after["results"]}
    rules, items = [], []
    for rule_id in list(new) + [r for r in old if r not in new]:
        was, now = old.get(rule_id), new.get(rule_id)
        if was and now:
            items += _item_changes(rule_id, was, now)
        if (was or {}).get("status") != (now or {}).get("status"):
            shown = now or was
            rules.append(
                {
                    "rule": rule_id,
                    "title": shown["title"],
                    "from": was and was["status"],
                    "to": now and now["status"],
                    "direction": _direction(was and was["status"], now and now["status"]),
                    "why": shown["message"],
                }
            )
    return {
        "verdict": {"from": before["verdict"], "to": after["verdict"]},
        "rules": rules,
        "items": items,
        "figures": _figure_changes(before["metrics"], after["metrics"]),
        "ruleset_changed": before["ruleset"] != after["ruleset"],
        "tender_changed": before["tender"]["sha256"] != after["tender"]["sha256"],
    }


def _figure_changes(before: dict, after: dict) -> list[dict]:
    changes = []
    for figure in FIGURES:
        if before.get(figure) != after.get(figure):
            changes.append({"figure": figure, "from": before.get(figure), "to": after.get(figure)})
    return changes
