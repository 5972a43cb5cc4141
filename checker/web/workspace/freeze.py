"""The freeze of bids at the tender deadline.

A bid is frozen from its procurement's deadline on: the SHA-256 of its answers and evidence is
recorded once, and nobody (officers included) changes it afterwards.
"""

import hashlib

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from checker import clock
from checker.formats.tender import canonical_json
from checker.web.extensions import db
from checker.web.models import Tender
from checker.web.notices.tenders import send_frozen


def deadline_passed(procurement) -> bool:
    """No bid can change any more: the deadline has passed (or the procurement is not open)."""
    deadline = procurement.tender_deadline
    return procurement.state != "published" or deadline is None or deadline <= clock.now()


def is_frozen(tender: Tender) -> bool:
    return deadline_passed(tender.procurement)


def snapshot(tender: Tender) -> dict:
    """What a frozen bid consists of: the tender data, its status and its evidence hashes."""
    return {
        "tender": tender.data,
        "status": tender.status,
        "submitted_at": tender.submitted_at.isoformat() if tender.submitted_at else None,
        "evidence": [
            {"kind": e.kind, "item": e.item_id, "filename": e.filename, "sha256": e.sha256}
            for e in tender.evidence
        ],
    }


def snapshot_sha256(tender: Tender) -> str:
    return hashlib.sha256(canonical_json(snapshot(tender))).hexdigest()


def freeze_if_due(tender: Tender) -> bool:
    """Record the snapshot hash the first time a bid is seen after its deadline."""
    if not is_frozen(tender):
        return False
    if tender.frozen_sha256 is None:
        tender.frozen_sha256 = snapshot_sha256(tender)
        tender.frozen_at = clock.now()
        send_frozen(tender)
        try:
            db.session.commit()
        except StaleDataError:  # frozen by another request at the same moment
            db.session.rollback()
            db.session.refresh(tender)
    return True


def freeze_tenders_of(procurement_ids: list[int]) -> None:
    """Freeze every bid of procurements whose deadline has just passed."""
    if not procurement_ids:
        return
    tenders = db.session.scalars(
        select(Tender)
        .where(Tender.procurement_id.in_(procurement_ids))
        .where(Tender.frozen_sha256.is_(None))
        .with_for_update()  # a contractor's last change is in, or waits for the freeze
    ).all()
    now = clock.now()
    for tender in tenders:
        tender.frozen_sha256, tender.frozen_at = snapshot_sha256(tender), now
        send_frozen(tender)  # the contractor hears that the bid is frozen as it stands
