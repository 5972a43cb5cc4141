"""The officer's decisions on a tender: exception decisions, overrides, manual scores, and
the queue of what is still open."""

from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy import select

from checker.assessment.review import open_questions
from checker.web.evaluation.assessments import _newest_per
from checker.web.evaluation.assessments import assess_tender
from checker.web.evaluation.assessments import current_assessment
from checker.web.evaluation.assessments import require_review_state
from checker.web.evaluation.assessments import shown_status
from checker.web.evaluation.assessments import submitted_tenders
from checker.web.extensions import db
from checker.web.models import Assessment
from checker.web.models import ExceptionDecision
from checker.web.models import ManualScore
from checker.web.models import Override
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User


def decide_exception(
    tender: Tender,
    key: str,
    user: User,
    decision: str,
    legal_basis: str = "",
    expires: date | None = None,
    reason: str = "",
    waived_share: Decimal | None = None,
) -> Assessment:
    """Record the officer's decision; an approval may waive only a share of the item's energy."""
    require_review_state(tender.procurement)
    db.session.add(
        ExceptionDecision(
            tender_id=tender.id,
            request_key=key,
            decision=decision,
            legal_basis=legal_basis,
            expires=expires,
            reason=reason,
            waived_share=waived_share if decision == "approved" else None,
            decided_by_id=user.id,
        )
    )
    db.session.flush()
    return assess_tender(tender, user, f"decision:{key}:{decision}")


def set_override(
    tender: Tender, rule_id: str, item_id: str | None, new_status: str, reason: str, user: User
) -> Assessment:
    """Set a rule's or item's state by hand; the record keeps the state it had."""
    require_review_state(tender.procurement)
    before = current_assessment(tender)
    db.session.add(
        Override(
            tender_id=tender.id,
            rule_id=rule_id,
            item_id=item_id or None,
            old_status=shown_status(before, rule_id, item_id) if before else "",
            new_status=new_status,
            reason=reason,
            assessment_id=before.id if before else None,
            decided_by_id=user.id,
        )
    )
    db.session.flush()
    target = f"{rule_id}/{item_id}" if item_id else rule_id
    return assess_tender(tender, user, f"override:{target}")


def set_score(tender: Tender, criterion_id: int, points: Decimal, reason: str, user: User) -> None:
    require_review_state(tender.procurement)
    db.session.add(
        ManualScore(
            tender_id=tender.id,
            criterion_id=criterion_id,
            points=points,
            reason=reason,
            scored_by_id=user.id,
        )
    )


def newest_id(model, tender: Tender, *where) -> int:
    """The id of the newest record of a subject (0 for none): what a decision form was made
    from. Another officer's decision in between makes the form stale."""
    found = db.session.scalar(
        select(func.max(model.id)).where(model.tender_id == tender.id, *where)
    )
    return found or 0


def decision_basis(tender: Tender, key: str) -> int:
    return newest_id(ExceptionDecision, tender, ExceptionDecision.request_key == key)


def override_basis(tender: Tender, rule_id: str, item_id: str | None) -> int:
    item = Override.item_id == item_id if item_id else Override.item_id.is_(None)
    return newest_id(Override, tender, Override.rule_id == rule_id, item)


def score_basis(tender: Tender, criterion_id: int) -> int:
    return newest_id(ManualScore, tender, ManualScore.criterion_id == criterion_id)


def scores_in_force(tender: Tender) -> dict[int, ManualScore]:
    return {
        row.criterion_id: row for row in _newest_per(ManualScore, tender, ManualScore.criterion_id)
    }


def review_queue(procurement: Procurement) -> list[dict]:
    """Everything a person must still judge, across the procurement's tenders."""
    queue = []
    for tender in submitted_tenders(procurement):
        assessment = current_assessment(tender)
        if assessment is None:
            continue
        for question in open_questions(assessment.data):
            queue.append({"tender": tender, "assessment": assessment, **question})
    return queue
