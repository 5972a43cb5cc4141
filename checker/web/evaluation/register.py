"""The register of every override and exception decision, for auditors."""

from sqlalchemy import select

from checker.web.extensions import db
from checker.web.models import ExceptionDecision
from checker.web.models import Override
from checker.web.models import Procurement
from checker.web.models import Tender

REGISTER_LIMIT = 2000


def decision_register(organisation_id: int) -> list[dict]:
    """Every override and exception decision of the organisation's procurements, newest first:
    who, when, on which tender and subject, from what to what, why, the legal basis and expiry."""
    rows = []
    for model, when in (
        (Override, Override.decided_at),
        (ExceptionDecision, ExceptionDecision.decided_at),
    ):
        found = db.session.scalars(
            select(model)
            .join(Tender, Tender.id == model.tender_id)
            .join(Procurement, Procurement.id == Tender.procurement_id)
            .where(Procurement.organisation_id == organisation_id)
            .order_by(when.desc())
            .limit(REGISTER_LIMIT)
        ).all()
        rows += [_register_row(row) for row in found]
    rows.sort(key=lambda row: row["at"], reverse=True)
    return rows[:REGISTER_LIMIT]


def _register_row(row) -> dict:
    common = {"at": row.decided_at, "by": row.decided_by, "tender": row.tender}
    if isinstance(row, Override):
        return common | {
            "kind": "override",
            "subject": f"{row.rule_id}/{row.item_id}" if row.item_id else row.rule_id,
            "rule": row.rule_id,
            "item": row.item_id,
            "from": row.old_status,
            "to": row.new_status,
            "reason": row.reason,
        }
    return common | {
        "kind": "exception",
        "subject": row.request_key,
        "decision": row.decision,
        "reason": row.reason,
        "legal_basis": row.legal_basis,
        "expires": row.expires,
    }
