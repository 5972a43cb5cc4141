"""A procurement from the database as an OCDS release package (the mapping is checker.ocds)."""

from datetime import datetime

from flask import current_app

from checker.exports.dossier import json_bytes
from checker.exports.dossier import sha256
from checker.exports.ocds import release_package
from checker.web.audit import recording as audit
from checker.web.evaluation.ranking import award_decision
from checker.web.evaluation.ranking import concluded_evaluation
from checker.web.exports.dossier import assessments_of
from checker.web.exports.dossier import award_model
from checker.web.exports.dossier import opened_tenders
from checker.web.exports.dossier import procurement_record
from checker.web.extensions import db
from checker.web.followup.records import followup_record
from checker.web.models import Procurement
from checker.web.procurements.workflow import chosen_ruleset


def _tender_records(procurement: Procurement) -> list[dict]:
    # Bids only once the deadline has passed: until then tenders are sealed.
    tenders = opened_tenders(procurement)
    assessments = assessments_of(tenders)
    concluded = concluded_evaluation(procurement)
    standing = {e["id"]: e["status"] for e in concluded.data["tenders"]} if concluded else {}
    return [
        {
            "id": tender.id,
            "contractor": tender.organisation.name,
            "org_number": tender.organisation.org_number,
            "price_nok": tender.price_nok,
            "submitted_at": tender.submitted_at.isoformat(timespec="seconds"),
            "assessment": assessments[tender.id],
            "standing": standing.get(str(tender.id)),
        }
        for tender in tenders
    ]


def _award(procurement: Procurement) -> dict | None:
    decision = award_decision(procurement)
    if decision is None:
        return None
    return {
        "tender": decision.tender_id,
        "contractor": decision.tender.organisation.name,
        "org_number": decision.tender.organisation.org_number,
        "price_nok": decision.tender.price_nok,
        "date": decision.decided_at.isoformat(timespec="seconds"),
        "justification": decision.justification,
    }


def ocds_package(procurement: Procurement, now: datetime, lang: str) -> dict:
    """The procurement's criteria and, after the deadline, its bids and their results."""
    record = procurement_record(procurement) | {"tailoring": procurement.tailoring or {}}
    return release_package(
        record,
        award_model(procurement),
        chosen_ruleset(procurement),
        _tender_records(procurement),
        prefix=current_app.config["OCDS_PREFIX"],
        published_at=now,
        lang=lang,
        award=_award(procurement),
        followup=followup_record(procurement),
    )


def export_ocds(procurement: Procurement, now: datetime, lang: str) -> bytes:
    """The package as JSON bytes; the export is recorded in the audit trail with their hash."""
    data = json_bytes(ocds_package(procurement, now, lang))
    audit.record(
        "ocds_exported",
        "procurement",
        procurement.id,
        procurement_id=procurement.id,
        details={"sha256": sha256(data), "size": len(data), "lang": lang},
    )
    db.session.commit()
    return data
