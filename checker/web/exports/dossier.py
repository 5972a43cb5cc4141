"""Gathering a procurement's dossier from the database (the ZIP itself is made in checker.dossier).

`assessments_of` gives each tender's assessment in force (the stored one; computed only for a
tender never assessed), `evidence_files` the contractors' evidence.
"""

from datetime import datetime

from sqlalchemy import select

from checker.audit.chain import iso_time
from checker.exports.dossier import AUDIT_FILE
from checker.exports.dossier import CHECKPOINT_FILE
from checker.exports.dossier import build_dossier
from checker.exports.dossier import json_bytes
from checker.exports.dossier import jsonl_bytes
from checker.exports.dossier import sha256
from checker.formats.inputs import InputError
from checker.formats.tender import canonical_json
from checker.reports.envelope import SELF_DECLARATION
from checker.web import signing
from checker.web.access import OPENED_STATES
from checker.web.audit import recording as audit
from checker.web.audit.checkpoints import checkpoint_head
from checker.web.audit.trail import procurement_entries
from checker.web.evaluation.assessments import current_assessment
from checker.web.evaluation.ranking import award_decision
from checker.web.extensions import db
from checker.web.followup.records import followup_files
from checker.web.models import Assessment
from checker.web.models import Evaluation
from checker.web.models import ExceptionDecision
from checker.web.models import IssuedReport
from checker.web.models import ManualScore
from checker.web.models import Override
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.reports.issuing import assessment_of
from checker.web.workspace.freeze import snapshot


def _time(value: datetime | None) -> str | None:
    return iso_time(value) if value else None


def _number(value) -> str | None:
    return None if value is None else str(value)


def procurement_record(procurement: Procurement) -> dict:
    return {
        "id": procurement.id,
        "reference": procurement.reference,
        "title": procurement.title,
        "description": procurement.description,
        "buyer": {
            "name": procurement.organisation.name,
            "org_number": procurement.organisation.org_number,
        },
        "cpv": procurement.cpv,
        "estimated_value_nok": _number(procurement.estimated_value_nok),
        "tender_deadline": _time(procurement.tender_deadline),
        "contract_start": _date(procurement.contract_start),
        "contract_end": _date(procurement.contract_end),
        "state": procurement.state,
        "published_at": _time(procurement.published_at),
        "ruleset": {
            "id": procurement.ruleset_id,
            "version": procurement.ruleset_version,
            "sha256": procurement.ruleset_sha256,
        },
        "level": procurement.level,
    }


def _date(value) -> str | None:
    return value.isoformat() if value else None


def award_model(procurement: Procurement) -> dict:
    return {
        "criteria": [
            {
                "name": c.name,
                "weight_percent": _number(c.weight_percent),
                "is_climate_environment": c.is_climate_environment,
                "scoring": c.scoring,
            }
            for c in procurement.criteria
        ],
        "climate_exception": {
            "ground": procurement.climate_exception_ground,
            "justification": procurement.climate_exception_justification,
        },
    }


def opened_tenders(procurement: Procurement) -> list[Tender]:
    if procurement.state not in OPENED_STATES:
        return []
    return list(
        db.session.scalars(
            select(Tender)
            .where(Tender.procurement_id == procurement.id, Tender.status == "submitted")
            .order_by(Tender.id)
        )
    )


def assessments_of(tenders: list[Tender]) -> dict[int, dict]:
    """The assessment in force of each tender, by tender id: the officer's stored assessment
    (decisions and overrides applied); for a tender never assessed, the engine's result now."""
    found = {}
    for tender in tenders:
        stored = current_assessment(tender)
        if stored is not None:
            found[tender.id] = stored.data
            continue
        try:
            found[tender.id] = assessment_of(tender)[0]
        except InputError as err:
            found[tender.id] = {"error": err.describe()}
    return found


def _history_files(procurement: Procurement) -> dict[str, bytes]:
    """Every stored assessment, in force or not, with who made it, when and why."""
    stored = db.session.scalars(
        select(Assessment)
        .where(Assessment.procurement_id == procurement.id)
        .order_by(Assessment.id)
    ).all()
    return {
        f"assessments/history/{a.id}.json": json_bytes(
            {
                "id": a.id,
                "tender": a.tender_id,
                "run": a.run_id,
                "cause": a.cause,
                "verdict": a.verdict,
                "automatic_verdict": a.automatic_verdict,
                "ruleset": {
                    "id": a.ruleset_id,
                    "version": a.ruleset_version,
                    "sha256": a.ruleset_sha256,
                },
                "tender_sha256": a.tender_sha256,
                "created_at": _time(a.created_at),
                "created_by": a.created_by.email,
                "assessment": a.data,
            }
        )
        for a in stored
    }


def _evaluation_files(procurement: Procurement) -> dict[str, bytes]:
    """Each concluded evaluation (withdrawn ones too, with the reason) and the award decision."""
    files = {}
    evaluations = db.session.scalars(
        select(Evaluation)
        .where(Evaluation.procurement_id == procurement.id)
        .order_by(Evaluation.id)
    ).all()
    for e in evaluations:
        files[f"evaluations/{e.id}.json"] = json_bytes(
            {
                "id": e.id,
                "concluded_at": _time(e.concluded_at),
                "concluded_by": e.concluded_by.email,
                "withdrawn_at": _time(e.withdrawn_at),
                "withdrawn_reason": e.withdrawn_reason or None,
                "evaluation": e.data,
            }
        )
    decision = award_decision(procurement)
    if decision is not None:
        files["award-decision.json"] = json_bytes(
            {
                "evaluation": decision.evaluation_id,
                "tender": decision.tender_id,
                "contractor": decision.tender.organisation.name,
                "justification": decision.justification,
                "decided_at": _time(decision.decided_at),
                "decided_by": decision.decided_by.email,
            }
        )
    return files


EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}


def evidence_files(procurement: Procurement) -> dict[str, bytes]:
    """The evidence of the submitted tenders, named by ids (never by what a user typed), and an
    index with each file's original name, what it backs, its SHA-256 and who attached it."""
    files, index = {}, []
    for tender in opened_tenders(procurement):
        for evidence in tender.evidence:
            path = (
                f"evidence/{tender.id}/{evidence.id}.{EXTENSIONS.get(evidence.content_type, 'bin')}"
            )
            files[path] = evidence.content
            index.append(
                {
                    "file": path,
                    "tender": tender.id,
                    "kind": evidence.kind,
                    "item": evidence.item_id,
                    "filename": evidence.filename,
                    "content_type": evidence.content_type,
                    "sha256": evidence.sha256,
                    "uploaded_at": _time(evidence.uploaded_at),
                }
            )
    if index:
        files["evidence/index.json"] = json_bytes(index)
    return files


def _tender_files(tenders: list[Tender]) -> dict[str, bytes]:
    files = {f"tenders/{t.id}.json": canonical_json(t.data) for t in tenders}
    # The frozen bid as hashed at the deadline: its SHA-256 is the tender's frozen_sha256.
    files |= {f"tenders/{t.id}.frozen.json": canonical_json(snapshot(t)) for t in tenders}
    index = [
        {
            "id": t.id,
            "tender_id": t.data.get("tender_id"),
            "contractor": {"name": t.organisation.name, "org_number": t.organisation.org_number},
            "price_nok": _number(t.price_nok),
            "submitted_at": _time(t.submitted_at),
            "frozen_sha256": t.frozen_sha256,
            "frozen_at": _time(t.frozen_at),
            "sha256": sha256(files[f"tenders/{t.id}.json"]),
        }
        for t in tenders
    ]
    files["tenders/index.json"] = json_bytes(index)
    for tender_id, assessment in assessments_of(tenders).items():
        files[f"assessments/{tender_id}.json"] = json_bytes(assessment)
    return files


def _report_files(procurement: Procurement) -> dict[str, bytes]:
    reports = db.session.scalars(
        select(IssuedReport)
        .where(IssuedReport.procurement_id == procurement.id, IssuedReport.state == "ready")
        .where(IssuedReport.kind != SELF_DECLARATION)  # the contractors' own, not the buyer's
        .order_by(IssuedReport.id)
    ).all()
    files = {f"reports/{r.id}.pdf": r.pdf for r in reports}
    register = [
        {
            "id": r.id,
            "file": f"reports/{r.id}.pdf",
            "tender": r.tender_id,
            "assessment": r.assessment_id,
            "evaluation": r.evaluation_id,
            "kind": r.kind,
            "tier": r.tier,
            "lang": r.lang,
            "pdf_sha256": r.pdf_sha256,
            "report_sha256": r.report_sha256,
            "unsigned_sha256": r.unsigned_sha256,
            "certificate_sha256": r.certificate_sha256,
            "tender_sha256": r.tender_sha256,
            "issued_at": _time(r.issued_at),
            "issued_by": r.issued_by.email if r.issued_by else None,
        }
        for r in reports
    ]
    files["reports/index.json"] = json_bytes(register)
    return files


def decision_files(procurement: Procurement) -> dict[str, bytes]:
    """Every exception decision, override and manual score on the procurement's tenders, each
    row as the audit trail records it (decisions are only ever added)."""
    files = {}
    tender_ids = select(Tender.id).where(Tender.procurement_id == procurement.id)
    for model in (ExceptionDecision, Override, ManualScore):
        rows = db.session.scalars(
            select(model).where(model.tender_id.in_(tender_ids)).order_by(model.id)
        )
        for row in rows:
            path = f"decisions/{model.__tablename__}/{row.id}.json"
            files[path] = json_bytes(audit.recorded_values(row))
    return files


def _organisations(procurement: Procurement) -> list[int]:
    """The buyer and every organisation that tendered: their names are in the dossier."""
    tendered = db.session.scalars(
        select(Tender.organisation_id).where(Tender.procurement_id == procurement.id)
    )
    return sorted({procurement.organisation_id, *tendered})


def dossier_files(procurement: Procurement) -> dict[str, bytes]:
    """Every file of the dossier but the manifest, by path."""
    files = {
        "procurement.json": json_bytes(procurement_record(procurement)),
        "award-model.json": json_bytes(award_model(procurement)),
        "tailoring.json": json_bytes(procurement.tailoring or {}),
        AUDIT_FILE: jsonl_bytes(procurement_entries(procurement.id, _organisations(procurement))),
    }
    ruleset = chosen_ruleset(procurement)
    if ruleset is not None:
        files[f"ruleset/{ruleset.id}/{ruleset.version}.yaml"] = ruleset.path.read_bytes()
    files |= _tender_files(opened_tenders(procurement))
    files |= _history_files(procurement)
    files |= _evaluation_files(procurement)
    files |= _report_files(procurement)
    files |= evidence_files(procurement)
    files |= decision_files(procurement)
    files |= followup_files(procurement)
    return files


def export_dossier(procurement: Procurement, now: datetime, by: str) -> bytes:
    """The dossier ZIP, signed; its export is recorded in the audit trail with the ZIP's
    SHA-256. The trail's head at export is signed as a checkpoint and carried in it."""
    newest = checkpoint_head(db.session.connection(), now)
    about = {
        "procurement": {
            "id": procurement.id,
            "reference": procurement.reference,
            "title": procurement.title,
            "buyer": procurement.organisation.name,
        },
        "created_at": iso_time(now),
        "created_by": by,
        "audit_head": {"seq": newest["seq"], "hash": newest["hash"]} if newest else None,
    }
    files = dossier_files(procurement)
    if newest:
        files[CHECKPOINT_FILE] = json_bytes(newest)
    data = build_dossier(files, about, now, signing.current().key)
    audit.record(
        "dossier_exported",
        "procurement",
        procurement.id,
        procurement_id=procurement.id,
        details={"sha256": sha256(data), "size": len(data)},
    )
    db.session.commit()
    return data
