"""A dossier against its own audit trail, both ways: every report, evidence file, bid,
assessment, evaluation and decision the trail records for the procurement must be in the
dossier, saying what the trail recorded; and nothing may be in it that the trail does not record.

The trail's entries are replayed into the rows they describe (created, changed, deleted), so
the check needs no knowledge of the database beyond table and column names.
"""

import hashlib

from checker.audit.chain import canonical
from checker.exports.trail_layout import is_trail_file
from checker.exports.trail_layout import layout_problems
from checker.exports.trail_replay import ACTOR
from checker.exports.trail_replay import SKIP
from checker.exports.trail_replay import content
from checker.exports.trail_replay import json_or_none
from checker.exports.trail_replay import made_by
from checker.exports.trail_replay import moment
from checker.exports.trail_replay import replay
from checker.exports.trail_replay import same

OPENED_STATES = ("closed", "evaluated", "awarded")  # tenders are sealed before
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
DECISION_TABLES = ("exception_decision", "override", "manual_score")
SELF_DECLARATION = "self_declaration"  # the contractors' own reports, not the buyer's


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
            expected[f"reports/{row_id}.pdf"] = ("sha256", content(row.get("pdf"), "sha256"))
    for row_id, row in rows.get("evidence_file", {}).items():
        if str(row.get("tender_id")) in tenders:
            extension = EXTENSIONS.get(row.get("content_type"), "bin")
            path = f"evidence/{row.get('tender_id')}/{row_id}.{extension}"
            expected[path] = ("sha256", row.get("sha256"))
    for table in DECISION_TABLES:
        for row_id, row in rows.get(table, {}).items():
            expected[f"decisions/{table}/{row_id}.json"] = ("row", row)
    # The contract follow-up: every version of every period report as received (a report
    # corrected in place is compared with what it says now), and the handling of deviations.
    for row in rows.get("period_report", {}).values():
        expected[period_path(row)] = ("canonical", row.get("data"))
    for row_id, row in rows.get("deviation_decision", {}).items():
        expected[f"followup/deviation_decision/{row_id}.json"] = ("row", row)
    return expected


def period_path(row: dict) -> str:
    return f"followup/periods/{row.get('period_start')}-v{row.get('version')}.json"


def _of(row: dict, tender_id: str) -> bool:
    return str(row.get("tender_id")) == tender_id


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
        or (moment(found.get("submitted_at")) != moment(submitted) if submitted else False)
    )


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
        "created_by": made_by(row),
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
        "concluded_by": made_by(row),
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
        "decided_by": made_by(row),
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


def _differs(rule, data: bytes) -> bool:
    """Does the file say something other than what the trail recorded?"""
    kind = rule[0]
    if kind == "canonical":
        return rule[1] is not None and canonical(rule[1]) != data
    if kind == "sha256":
        return rule[1] is not None and hashlib.sha256(data).hexdigest() != rule[1]
    found = json_or_none(data)
    if kind == "json":
        return found != rule[1]
    if kind == "fields":
        return not isinstance(found, dict) or any(
            value is not SKIP and not same(found.get(key), value) for key, value in rule[1].items()
        )
    if kind == "frozen":
        return _frozen_differs(found, rule[1], rule[2])
    # "row": the columns the trail recorded when the row was made (a decision is never changed)
    return not isinstance(found, dict) or any(
        not same(found.get(k), v) for k, v in rule[1].items() if k != ACTOR
    )


def trail_problems(members: dict[str, bytes], entries: list[dict], procurement_id) -> list[str]:
    """Every file missing, added or changed against what the trail records, each named."""
    expected = expected_files(replay(entries), procurement_id)
    problems = []
    for path in sorted(expected):
        if path not in members:
            problems.append(f"{path}: the audit trail records it, but it is missing: removed")
        elif expected[path] is not None and _differs(expected[path], members[path]):
            problems.append(f"{path}: differs from what the audit trail recorded: altered")
    for path in sorted(p for p in members if is_trail_file(p) and p not in expected):
        problems.append(f"{path}: the audit trail holds no record of it: added")
    rows = replay(entries)
    return problems + layout_problems(members, rows, expected, procurement_id)
