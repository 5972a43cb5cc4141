"""A dossier against its own audit trail, both ways: every report, evidence file, bid,
assessment, evaluation and decision the trail records for the procurement must be in the
dossier, saying what the trail recorded; and nothing may be in it that the trail does not record.

The trail's entries are replayed into the rows they describe (created, changed, deleted), so
the check needs no knowledge of the database beyond table and column names.
"""

import hashlib
import json
from datetime import datetime
from decimal import Decimal
from decimal import InvalidOperation

from checker.audit.chain import canonical

OPENED_STATES = ("closed", "evaluated", "awarded")  # tenders are sealed before
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
DECISION_TABLES = ("exception_decision", "override", "manual_score")
SELF_DECLARATION = "self_declaration"  # the contractors' own reports, not the buyer's
ACTOR = "__actor__"  # who made a replayed row, as its first entry names them
SKIP = object()  # a field the trail cannot speak for (made by the system, not a person)


def replay(entries: list[dict]) -> dict[str, dict[str, dict]]:
    """The rows as the trail last recorded them: {table: {row id: columns}}; deleted rows gone."""
    rows: dict[str, dict[str, dict]] = {}
    for entry in entries:
        table, row_id = entry.get("table"), str(entry.get("row_id"))
        after = entry.get("after") if isinstance(entry.get("after"), dict) else {}
        if entry.get("kind") == "created":
            rows.setdefault(table, {})[row_id] = dict(after) | {ACTOR: entry.get("actor")}
        elif entry.get("kind") == "changed" and row_id in rows.get(table, {}):
            rows[table][row_id].update(after)
        elif entry.get("kind") == "deleted":
            rows.get(table, {}).pop(row_id, None)
        elif entry.get("kind") == "report_issued" and isinstance(after.get("issued_by"), str):
            rows.setdefault("issued_by", {})[row_id] = after["issued_by"]
    return rows


def _json(data: bytes):
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None


def _content(value: dict | None, key: str):
    return value.get(key) if isinstance(value, dict) else None


def expected_files(rows: dict[str, dict[str, dict]], procurement_id) -> dict[str, object]:
    """Each file the trail says the dossier must hold -> what it must say (None: not compared
    beyond its presence)."""
    procurement = rows.get("procurement", {}).get(str(procurement_id)) or {}
    opened = procurement.get("state") in OPENED_STATES
    tenders = {
        row_id: row
        for row_id, row in rows.get("tender", {}).items()
        if opened and row.get("status") == "submitted"
    }
    expected: dict[str, object] = {}
    in_force = _assessments_in_force(rows)
    for row_id, row in tenders.items():
        expected[f"tenders/{row_id}.json"] = ("canonical", row.get("data"))
        if row.get("frozen_sha256"):
            expected[f"tenders/{row_id}.frozen.json"] = ("sha256", row.get("frozen_sha256"))
        else:  # not frozen yet: its parts are compared one by one
            evidence = [e for e in rows.get("evidence_file", {}).values() if _of(e, row_id)]
            expected[f"tenders/{row_id}.frozen.json"] = ("frozen", row, evidence)
        # The stored assessment in force; a tender never assessed is assessed at export.
        found = in_force.get(row_id)
        expected[f"assessments/{row_id}.json"] = ("json", found) if found else None
    for row_id, row in rows.get("assessment", {}).items():
        expected[f"assessments/history/{row_id}.json"] = ("fields", _history_fields(row))
    for row_id, row in rows.get("evaluation", {}).items():
        expected[f"evaluations/{row_id}.json"] = ("fields", _evaluation_fields(row))
    awards = rows.get("award_decision", {})
    if awards:
        newest = awards[max(awards, key=int)]
        expected["award-decision.json"] = ("fields", _award_fields(newest, rows))
    for row_id, row in rows.get("issued_report", {}).items():
        if row.get("state") == "ready" and row.get("kind") != SELF_DECLARATION:
            expected[f"reports/{row_id}.pdf"] = ("sha256", _content(row.get("pdf"), "sha256"))
    for row_id, row in rows.get("evidence_file", {}).items():
        if str(row.get("tender_id")) in tenders:
            extension = EXTENSIONS.get(row.get("content_type"), "bin")
            path = f"evidence/{row.get('tender_id')}/{row_id}.{extension}"
            expected[path] = ("sha256", row.get("sha256"))
    for table in DECISION_TABLES:
        for row_id, row in rows.get(table, {}).items():
            expected[f"decisions/{table}/{row_id}.json"] = ("row", row)
    return expected


def _of(row: dict, tender_id: str) -> bool:
    return str(row.get("tender_id")) == tender_id


def _moment(value):
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return value


def _frozen_differs(found, tender: dict, evidence: list[dict]) -> bool:
    """A bid's snapshot (not frozen yet) must be its data, status and evidence as recorded."""
    if not isinstance(found, dict):
        return True
    listed = sorted(
        (e.get("kind"), e.get("item_id"), e.get("filename"), e.get("sha256")) for e in evidence
    )
    said = found.get("evidence") if isinstance(found.get("evidence"), list) else None
    said_rows = sorted(
        (e.get("kind"), e.get("item"), e.get("filename"), e.get("sha256"))
        for e in said or []
        if isinstance(e, dict)
    )
    submitted = tender.get("submitted_at")
    return (
        found.get("tender") != tender.get("data")
        or found.get("status") != tender.get("status")
        or said is None
        or said_rows != listed
        or (_moment(found.get("submitted_at")) != _moment(submitted) if submitted else False)
    )


def _by(row: dict):
    """The email of the person who made a row ('officer@kommune.example (officer)'), or SKIP
    when the system made it."""
    label = str(row.get(ACTOR) or "")
    email, _, role = label.partition(" (")
    return email if "@" in email and role.endswith(")") and " " not in email else SKIP


def _history_fields(row: dict) -> dict:
    return {
        "assessment": row.get("data"),
        "tender": row.get("tender_id"),
        "run": row.get("run_id"),
        "cause": row.get("cause"),
        "verdict": row.get("verdict"),
        "automatic_verdict": row.get("automatic_verdict"),
        "tender_sha256": row.get("tender_sha256"),
        "created_at": row.get("created_at"),
        "created_by": _by(row),
        "ruleset": {
            "id": row.get("ruleset_id"),
            "version": row.get("ruleset_version"),
            "sha256": row.get("ruleset_sha256"),
        },
    }


def _evaluation_fields(row: dict) -> dict:
    return {
        "evaluation": row.get("data"),
        "concluded_at": row.get("concluded_at"),
        "concluded_by": _by(row),
        "withdrawn_at": row.get("withdrawn_at"),
        "withdrawn_reason": row.get("withdrawn_reason") or None,
    }


def _award_fields(row: dict, rows: dict) -> dict:
    tender = rows.get("tender", {}).get(str(row.get("tender_id"))) or {}
    organisation = rows.get("organisation", {}).get(str(tender.get("organisation_id"))) or {}
    return {
        "justification": row.get("justification"),
        "tender": row.get("tender_id"),
        "evaluation": row.get("evaluation_id"),
        "decided_at": row.get("decided_at"),
        "decided_by": _by(row),
        "contractor": organisation.get("name", SKIP),
    }


def _assessments_in_force(rows: dict) -> dict[str, dict]:
    """Each tender's newest stored assessment (the one in force), by tender id."""
    newest: dict[str, tuple[int, dict]] = {}
    for row_id, row in rows.get("assessment", {}).items():
        tender = str(row.get("tender_id"))
        if row_id.isdigit() and (tender not in newest or int(row_id) > newest[tender][0]):
            newest[tender] = (int(row_id), row.get("data"))
    return {tender: data for tender, (_id, data) in newest.items()}


# The folders whose every file must be one the trail records (index files aside).
TRAIL_FOLDERS = ("tenders/", "assessments/", "evaluations/", "reports/", "evidence/", "decisions/")


def _is_trail_file(path: str) -> bool:
    if path == "award-decision.json":
        return True
    return path.startswith(TRAIL_FOLDERS) and not path.endswith("index.json")


def _differs(rule, data: bytes) -> bool:
    """Does the file say something other than what the trail recorded?"""
    kind = rule[0]
    if kind == "canonical":
        return rule[1] is not None and canonical(rule[1]) != data
    if kind == "sha256":
        return rule[1] is not None and hashlib.sha256(data).hexdigest() != rule[1]
    found = _json(data)
    if kind == "json":
        return found != rule[1]
    if kind == "fields":
        return not isinstance(found, dict) or any(
            value is not SKIP and not _same(found.get(key), value) for key, value in rule[1].items()
        )
    if kind == "frozen":
        return _frozen_differs(found, rule[1], rule[2])
    # "row": the columns the trail recorded when the row was made (a decision is never changed)
    return not isinstance(found, dict) or any(
        not _same(found.get(k), v) for k, v in rule[1].items() if k != ACTOR
    )


def _same(found, recorded) -> bool:
    """Equal, or the same number or moment written two ways (a stored 7.00 recorded as the
    typed 7; a time with or without its microseconds' zeros)."""
    if found == recorded:
        return True
    if isinstance(found, str) and isinstance(recorded, str):
        moments = (_moment(found), _moment(recorded))
        if all(isinstance(m, datetime) for m in moments):
            return moments[0] == moments[1]
    numbers = (_number(found), _number(recorded))
    return all(isinstance(n, Decimal) for n in numbers) and numbers[0] == numbers[1]


def trail_problems(members: dict[str, bytes], entries: list[dict], procurement_id) -> list[str]:
    """Every file missing, added or changed against what the trail records, each named."""
    expected = expected_files(replay(entries), procurement_id)
    problems = []
    for path in sorted(expected):
        if path not in members:
            problems.append(f"{path}: the audit trail records it, but it is missing: removed")
        elif expected[path] is not None and _differs(expected[path], members[path]):
            problems.append(f"{path}: differs from what the audit trail recorded: altered")
    for path in sorted(p for p in members if _is_trail_file(p) and p not in expected):
        problems.append(f"{path}: the audit trail holds no record of it: added")
    rows = replay(entries)
    problems += _unknown_problems(members, rows, procurement_id)
    problems += _required_problems(members, expected)
    problems += _procurement_problems(members, rows, procurement_id)
    problems += _award_model_problems(members, rows)
    return problems + _index_problems(members, rows, expected)


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
}


def _unknown_problems(members: dict[str, bytes], rows: dict, procurement_id) -> list[str]:
    """Nothing but the dossier's own layout and the procurement's one rule set file."""
    procurement = rows.get("procurement", {}).get(str(procurement_id)) or {}
    ruleset = f"ruleset/{procurement.get('ruleset_id')}/{procurement.get('ruleset_version')}.yaml"
    return [
        f"{path}: not part of a dossier: added"
        for path in sorted(members)
        if path not in LAYOUT and path != ruleset and not _is_trail_file(path)
    ]


def _required_problems(members: dict[str, bytes], expected: dict) -> list[str]:
    """The files every dossier holds (the index files once there is something to index)."""
    required = ["procurement.json", "award-model.json", "tailoring.json", "reports/index.json"]
    if any(path.startswith("tenders/") for path in expected):
        required.append("tenders/index.json")
    if any(path.startswith("evidence/") for path in expected):
        required.append("evidence/index.json")
    return [f"{path}: missing: removed" for path in required if path not in members]


def _index_rows(members: dict[str, bytes], path: str) -> list[dict]:
    found = _json(members.get(path, b"[]"))
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
            "pdf_sha256": _content(row.get("pdf"), "sha256"),
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
            "tender_id": _content(row.get("data"), "tender_id"),
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
    return {
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
            value is not SKIP and not _same(listed[name].get(field), value)
            for name, fields in wanted.items()
            for field, value in fields.items()
        ):
            problems.append(f"{path}: differs from what the audit trail recorded: altered")
    return problems


def _number(value):
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value


def _award_model_problems(members: dict[str, bytes], rows: dict) -> list[str]:
    """award-model.json must list the award criteria the trail last recorded."""
    found = _json(members.get("award-model.json", b"{}"))
    criteria = found.get("criteria") if isinstance(found, dict) else None
    if not isinstance(criteria, list):
        return ["award-model.json: not an award model"] if "award-model.json" in members else []

    def key(row: dict) -> tuple:
        return (row.get("name"), _number(row.get("weight_percent")), row.get("scoring"))

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
    found = _json(members.get("procurement.json", b"")) or {}
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
    tailoring = _json(members.get("tailoring.json", b""))
    if (recorded.get("tailoring") or {}) != tailoring:
        problems.append("tailoring.json: differs from what the audit trail recorded: altered")
    return problems
