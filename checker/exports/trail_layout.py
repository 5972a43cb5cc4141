"""A dossier's own files against the trail it carries: the procurement, tailoring and award
model as last recorded, the three indexes, the files every dossier holds and nothing else."""

import hashlib

from checker.audit.chain import canonical
from checker.exports.trail_replay import SKIP
from checker.exports.trail_replay import content
from checker.exports.trail_replay import json_or_none
from checker.exports.trail_replay import number
from checker.exports.trail_replay import same

# The folders whose every file must be one the trail records (index files aside).
TRAIL_FOLDERS = (
    "tenders/",
    "assessments/",
    "evaluations/",
    "reports/",
    "evidence/",
    "decisions/",
    "followup/periods/",
    "followup/deviation_decision/",
)


def is_trail_file(path: str) -> bool:
    if path == "award-decision.json":
        return True
    return path.startswith(TRAIL_FOLDERS) and not path.endswith("index.json")


# Files every dossier may hold besides those the trail records.
LAYOUT = {
    "manifest.json",
    "manifest.sig",
    "procurement.json",
    "award-model.json",
    "tailoring.json",
    "tenders/index.json",
    "reports/index.json",
    "evidence/index.json",
    "audit/entries.jsonl",
    "audit/checkpoint.json",
    "followup/periods/index.json",
}


def _unknown_problems(members, rows: dict, procurement_id) -> list[str]:
    """Nothing but the dossier's own layout and the procurement's one rule set file."""
    procurement = rows.get("procurement", {}).get(str(procurement_id)) or {}
    ruleset = f"ruleset/{procurement.get('ruleset_id')}/{procurement.get('ruleset_version')}.yaml"
    return [
        f"{path}: not part of a dossier: added"
        for path in sorted(members)
        if path not in LAYOUT and path != ruleset and not is_trail_file(path)
    ]


def _required_problems(members: dict[str, bytes], expected: dict) -> list[str]:
    """The files every dossier holds (the index files once there is something to index)."""
    required = ["procurement.json", "award-model.json", "tailoring.json", "reports/index.json"]
    if any(path.startswith("tenders/") for path in expected):
        required.append("tenders/index.json")
    if any(path.startswith("evidence/") for path in expected):
        required.append("evidence/index.json")
    if any(path.startswith("followup/periods/") for path in expected):
        required.append("followup/periods/index.json")
    return [f"{path}: missing: removed" for path in required if path not in members]


def _index_rows(members: dict[str, bytes], path: str) -> list[dict]:
    found = json_or_none(members.get(path, b"[]"))
    return [row for row in found if isinstance(row, dict)] if isinstance(found, list) else []


def _index_expectations(rows: dict, expected: dict) -> dict[str, tuple[str, dict]]:
    """Each index file -> (the field that names a row, {name: the fields the trail records})."""
    reports = {
        f"reports/{row_id}.pdf": {
            "tender": row.get("tender_id"),
            "assessment": row.get("assessment_id"),
            "evaluation": row.get("evaluation_id"),
            "kind": row.get("kind"),
            "tier": row.get("tier"),
            "lang": row.get("lang"),
            "pdf_sha256": content(row.get("pdf"), "sha256"),
            "report_sha256": row.get("report_sha256"),
            "unsigned_sha256": row.get("unsigned_sha256"),
            "certificate_sha256": row.get("certificate_sha256"),
            "tender_sha256": row.get("tender_sha256"),
            "issued_at": row.get("issued_at"),
            "issued_by": _issuer(rows, row_id),
        }
        for row_id, row in rows.get("issued_report", {}).items()
        if f"reports/{row_id}.pdf" in expected
    }
    evidence = {
        path: {
            "tender": row.get("tender_id"),
            "kind": row.get("kind"),
            "item": row.get("item_id"),
            "filename": row.get("filename"),
            "content_type": row.get("content_type"),
            "sha256": row.get("sha256"),
            "uploaded_at": row.get("uploaded_at"),
        }
        for row_id, row in rows.get("evidence_file", {}).items()
        for path in expected
        if path.startswith(f"evidence/{row.get('tender_id')}/{row_id}.")
    }
    tenders = {
        str(row_id): {
            "tender_id": content(row.get("data"), "tender_id"),
            "price_nok": row.get("price_nok"),
            "submitted_at": row.get("submitted_at"),
            "frozen_sha256": row.get("frozen_sha256"),
            "frozen_at": row.get("frozen_at"),
            "sha256": hashlib.sha256(canonical(row.get("data"))).hexdigest(),
            "contractor": _organisation(rows, row),
        }
        for row_id, row in rows.get("tender", {}).items()
        if f"tenders/{row_id}.json" in expected
    }
    periods = {
        f"followup/periods/{row.get('period_start')}-v{row.get('version')}.json": {
            "version": row.get("version"),
            "sha256": row.get("sha256"),
            "submitted_at": row.get("submitted_at"),
            "accepted_at": row.get("accepted_at"),
        }
        for row in rows.get("period_report", {}).values()
    }
    return {
        "followup/periods/index.json": ("file", periods),
        "reports/index.json": ("file", reports),
        "evidence/index.json": ("file", evidence),
        "tenders/index.json": ("id", tenders),
    }


def _issuer(rows: dict, row_id: str):
    """Who issued a report, as its 'report_issued' entry says (recorded in the replay)."""
    return rows.get("issued_by", {}).get(row_id, SKIP)


def _organisation(rows: dict, tender: dict):
    organisation = rows.get("organisation", {}).get(str(tender.get("organisation_id")))
    if organisation is None:
        return SKIP
    return {"name": organisation.get("name"), "org_number": organisation.get("org_number")}


def _index_problems(members: dict[str, bytes], rows: dict, expected: dict) -> list[str]:
    """Each index must list exactly the files the trail records, saying what it recorded (names
    of people and companies aside: the procurement's trail does not hold them)."""
    problems = []
    for path, (key, wanted) in _index_expectations(rows, expected).items():
        if path not in members:
            continue
        listed = {str(row.get(key)): row for row in _index_rows(members, path)}
        if set(listed) != set(wanted) or any(
            value is not SKIP and not same(listed[name].get(field), value)
            for name, fields in wanted.items()
            for field, value in fields.items()
        ):
            problems.append(f"{path}: differs from what the audit trail recorded: altered")
    return problems


def _award_model_problems(members: dict[str, bytes], rows: dict) -> list[str]:
    """award-model.json must list the award criteria the trail last recorded."""
    found = json_or_none(members.get("award-model.json", b"{}"))
    criteria = found.get("criteria") if isinstance(found, dict) else None
    if not isinstance(criteria, list):
        return ["award-model.json: not an award model"] if "award-model.json" in members else []

    def key(row: dict) -> tuple:
        return (row.get("name"), number(row.get("weight_percent")), row.get("scoring"))

    recorded = sorted(map(key, rows.get("award_criterion", {}).values()), key=str)
    said = sorted((key(c) for c in criteria if isinstance(c, dict)), key=str)
    if recorded != said:
        return ["award-model.json: differs from what the audit trail recorded: altered"]
    return []


def _procurement_problems(members, rows, procurement_id) -> list[str]:
    """procurement.json and tailoring.json must say what the trail last recorded."""
    recorded = rows.get("procurement", {}).get(str(procurement_id))
    if recorded is None:
        return ["procurement.json: the audit trail holds no record of this procurement"]
    problems = []
    found = json_or_none(members.get("procurement.json", b"")) or {}
    ruleset = found.get("ruleset") if isinstance(found.get("ruleset"), dict) else {}
    said = {
        "reference": found.get("reference"),
        "title": found.get("title"),
        "state": found.get("state"),
        "level": found.get("level"),
        "ruleset_id": ruleset.get("id"),
        "ruleset_version": ruleset.get("version"),
        "ruleset_sha256": ruleset.get("sha256"),
    }
    if any(recorded.get(key, value) != value for key, value in said.items()):
        problems.append("procurement.json: differs from what the audit trail recorded: altered")
    tailoring = json_or_none(members.get("tailoring.json", b""))
    if (recorded.get("tailoring") or {}) != tailoring:
        problems.append("tailoring.json: differs from what the audit trail recorded: altered")
    return problems


def layout_problems(members, rows, expected, procurement_id) -> list[str]:
    """Every problem with the dossier's own files, each named."""
    problems = _unknown_problems(members, rows, procurement_id)
    problems += _required_problems(members, expected)
    problems += _procurement_problems(members, rows, procurement_id)
    problems += _award_model_problems(members, rows)
    return problems + _index_problems(members, rows, expected)
