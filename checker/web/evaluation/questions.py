"""What the question and comparison pages show: the item a question is about, the contractor's
claim beside the verdict, and two assessments side by side."""

from flask import abort
from sqlalchemy import select

from checker.assessment.engine import decidable
from checker.web.evaluation.assessments import current_assessment
from checker.web.extensions import db
from checker.web.models import Assessment
from checker.web.models import ExceptionDecision
from checker.web.models import Override


def target(tender, rule_id: str, item_id: str | None):
    """The rule's result and the item's result in the current assessment, or 404."""
    assessment = current_assessment(tender)
    if assessment is None:
        abort(404)
    result = next((r for r in assessment.data["results"] if r["rule"] == rule_id), None)
    if result is None:
        abort(404)
    entry = None
    if item_id:
        entry = next((i for i in result["items"] if i["id"] == item_id), None)
        if entry is None:
            abort(404)
    return assessment, result, entry


def claim(tender, result: dict, item_id: str | None) -> dict:
    """What the contractor declared about the subject: the entry, its fuel, its exception requests."""
    data = tender.data
    if not item_id:
        return {
            "entry": None,
            "fuel": None,
            "requests": [],
            "documents": data.get("documents") or {},
        }
    found = None
    for part in ("machines", "vehicles", "heating", "fuels", "exceptions"):
        found = found or next((e for e in data.get(part) or [] if e.get("id") == item_id), None)
    fuels = {fuel["id"]: fuel for fuel in data.get("fuels") or []}
    requests = [r for r in data.get("exceptions") or [] if r.get("item") == item_id]
    return {
        "entry": found,
        "fuel": fuels.get((found or {}).get("fuel_id")),
        "requests": requests,
        "sporadic": bool((found or {}).get("sporadic")),
        "documents": {},
    }


def claim_keys(tender, item_id: str | None) -> list[str]:
    """The exception requests (and sporadic-use claim) about the item that an officer decides."""
    if not item_id:
        return []
    return [key for key, item in decidable(tender.data).items() if item == item_id]


def overrides_of(tender, rule_id: str, item_id: str | None) -> list[Override]:
    """Every override of the question's subject, newest first."""
    return db.session.scalars(
        select(Override)
        .where(Override.tender_id == tender.id, Override.rule_id == rule_id)
        .where(Override.item_id == item_id if item_id else Override.item_id.is_(None))
        .order_by(Override.id.desc())
    ).all()


def decisions_on(tender, keys: list[str]) -> list[ExceptionDecision]:
    """Every decision on these exception requests of the tender, newest first."""
    if not keys:
        return []
    return db.session.scalars(
        select(ExceptionDecision)
        .where(ExceptionDecision.tender_id == tender.id, ExceptionDecision.request_key.in_(keys))
        .order_by(ExceptionDecision.id.desc())
    ).all()


def side_by_side(assessments: list[Assessment | None]) -> dict | None:
    """The two current assessments rule by rule, marking where the states differ."""
    if not all(assessments):
        return None
    left = {r["rule"]: r for r in assessments[0].data["results"]}
    right = {r["rule"]: r for r in assessments[1].data["results"]}
    order = list(left) + [rule for rule in right if rule not in left]
    rows = [
        {
            "rule": rule,
            "title": (left.get(rule) or right.get(rule))["title"],
            "a": left.get(rule),
            "b": right.get(rule),
            "differs": (left.get(rule) or {}).get("status")
            != (right.get(rule) or {}).get("status"),
        }
        for rule in order
    ]
    return {"rows": rows, "assessments": [a.data for a in assessments]}
