"""Stored assessments of tenders: which is current, what decisions are in force, assessing one tender."""

from flask_babel import gettext as _
from sqlalchemy import func
from sqlalchemy import select

from checker import clock
from checker.assessment.engine import assess
from checker.assessment.review import apply_overrides
from checker.formats.tender import tender_sha256
from checker.formats.tender import validate_tender
from checker.web.extensions import db
from checker.web.models import Assessment
from checker.web.models import ExceptionDecision
from checker.web.models import Override
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.procurements.workflow import ruleset_changed_since

# Review, scoring and conclusion happen while the procurement is closed (tenders opened).
REVIEW_STATE = "closed"


class EvaluationProblem(Exception):
    """Why an evaluation step cannot be taken now; the message is for the officer."""


def submitted_tenders(procurement: Procurement) -> list[Tender]:
    return db.session.scalars(
        select(Tender)
        .where(Tender.procurement_id == procurement.id, Tender.status == "submitted")
        .order_by(Tender.id)
    ).all()


def latest(model, *where):
    return db.session.scalar(select(model).where(*where).order_by(model.id.desc()).limit(1))


def current_assessment(tender: Tender) -> Assessment | None:
    return latest(Assessment, Assessment.tender_id == tender.id)


def history(tender: Tender) -> list[Assessment]:
    return db.session.scalars(
        select(Assessment).where(Assessment.tender_id == tender.id).order_by(Assessment.id.desc())
    ).all()


def _newest_per(model, tender: Tender, *keys) -> list:
    """The newest row per subject (keys) of a tender: the ones in force."""
    newest = (
        select(func.max(model.id))
        .where(model.tender_id == tender.id)
        .group_by(*keys)
        .scalar_subquery()
    )
    return db.session.scalars(select(model).where(model.id.in_(newest)).order_by(model.id)).all()


def decisions_in_force(tender: Tender) -> list[ExceptionDecision]:
    return _newest_per(ExceptionDecision, tender, ExceptionDecision.request_key)


def overrides_in_force(tender: Tender) -> list[Override]:
    rows = _newest_per(Override, tender, Override.rule_id, Override.item_id)
    return [row for row in rows if row.new_status != "automatic"]


def engine_decisions(tender: Tender) -> dict:
    """Decisions in the engine's shape (decisions.schema.json)."""
    decisions = {}
    for row in decisions_in_force(tender):
        entry = {
            "decision": row.decision,
            "by": row.decided_by.name,
            "at": row.decided_at.isoformat(),
        }
        if row.decision == "approved":
            entry["legal_basis"] = row.legal_basis
            if row.expires:
                entry["expires"] = row.expires.isoformat()
            if row.waived_share is not None:
                entry["waived_share"] = float(row.waived_share)
        if row.reason:
            entry["reason"] = row.reason
        decisions[row.request_key] = entry
    return decisions


def _override_data(row: Override) -> dict:
    return {
        "rule": row.rule_id,
        "item": row.item_id,
        "status": row.new_status,
        "reason": row.reason,
        "by": row.decided_by.name,
        "at": row.decided_at.isoformat(),
    }


def assess_tender(tender: Tender, user: User, cause: str, run_id: int | None = None) -> Assessment:
    """Assess the tender as it stands, with decisions and overrides in force, and store the result.

    cause is stored language-neutral ("run:3", "decision:E1:approved", "override:RULE/ITEM") and
    worded in the reader's language when shown.
    """
    procurement = tender.procurement
    ruleset = chosen_ruleset(procurement)
    if ruleset is None or ruleset_changed_since(procurement, ruleset):
        raise EvaluationProblem(
            _("The rule set file differs from the one fixed when the procurement was published.")
        )
    data = validate_tender(tender.data, f"tender {tender.id}")
    automatic = assess(
        ruleset,
        procurement.level,
        procurement.tailoring or None,
        data,
        decisions=engine_decisions(tender),
        as_of=clock.today_in_norway().isoformat(),  # today, in Norway
    )
    final = apply_overrides(automatic, [_override_data(row) for row in overrides_in_force(tender)])
    assessment = Assessment(
        procurement_id=procurement.id,
        tender_id=tender.id,
        run_id=run_id,
        cause=cause[:300],
        verdict=final["verdict"],
        automatic_verdict=automatic["verdict"],
        data=final,
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        ruleset_sha256=ruleset.sha256,
        level=final["level"],
        tailoring=final["tailoring"],
        tender_sha256=tender_sha256(tender.data),
        created_by_id=user.id,
    )
    db.session.add(assessment)
    return assessment


def may_review(user: User, procurement: Procurement) -> bool:
    """Whether the pages offer the user to run, judge, decide, score and conclude: an officer, while
    the procurement is closed (the actions themselves check again)."""
    return user.role == "officer" and procurement.state == REVIEW_STATE


def require_review_state(procurement: Procurement) -> None:
    if procurement.state != REVIEW_STATE:
        raise EvaluationProblem(
            _("This can only be done while the procurement is closed and not yet concluded.")
        )


def shown_status(assessment: Assessment, rule_id: str, item_id: str | None) -> str:
    """The state a rule or item has in a stored assessment ('' if it is not there)."""
    for result in assessment.data["results"]:
        if result["rule"] != rule_id:
            continue
        if not item_id:
            return result["status"]
        for entry in result["items"]:
            if entry["id"] == item_id:
                return entry["status"]
    return ""


def is_stale(assessment: Assessment, tender: Tender) -> bool:
    """Made on other tender data or another rule set file than the procurement's now."""
    return (
        assessment.ruleset_sha256 != tender.procurement.ruleset_sha256
        or assessment.tender_sha256 != tender_sha256(tender.data)
    )


STALE = {
    "nb": "Vurdert på andre data eller et annet regelsett enn nå; vurder alle tilbud på nytt",
    "en": "Assessed on other data or another rule set than now; assess all tenders again",
}
