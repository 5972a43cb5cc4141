"""The contract follow-up as plain records, for the dossier and the OCDS export: every version of
every period report, the months due and late, the deviations with their handling, the sanctions
decided, the reminders and the follow-up reports issued."""

from checker import clock
from checker.exports.dossier import json_bytes
from checker.formats.tender import canonical_json
from checker.web.audit import recording as audit
from checker.web.followup.handling import deviation_key
from checker.web.followup.handling import linked_sanctions
from checker.web.followup.handling import stored_decisions
from checker.web.followup.pages import current_result
from checker.web.followup.reminders import DUE_DAYS
from checker.web.followup.reminders import contract_months
from checker.web.followup.reminders import late_periods
from checker.web.followup.reminders import reminders_sent
from checker.web.followup.report import followup_reports
from checker.web.followup.service import awarded_tender
from checker.web.followup.service import versions
from checker.web.models import Procurement
from checker.web.models import Tender

PERIODS = "followup/periods"


def _time(value) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def period_file(report) -> str:
    return f"{PERIODS}/{report.period_start.isoformat()}-v{report.version}.json"


def _version(report) -> dict:
    return {
        "file": period_file(report),
        "period": {"start": report.period_start.isoformat(), "end": report.period_end.isoformat()},
        "version": report.version,
        "sha256": report.sha256,
        "submitted_at": _time(report.submitted_at),
        "submitted_by": report.submitted_by.name,
        "accepted_at": _time(report.accepted_at),
        "accepted_by": report.accepted_by.name if report.accepted_by else None,
    }


def _deviations(tender: Tender, result: dict | None) -> list[dict]:
    if result is None:
        return []
    decisions = stored_decisions(tender)
    found = []
    for period in result["periods"]:
        for deviation in period["deviations"]:
            key = deviation_key(deviation)
            row = decisions.get(key)
            current = row is not None and row.report_sha256 == period["report_sha256"]
            found.append(
                {
                    "key": key,
                    "period": period["period"],
                    "kind": deviation["kind"],
                    "item": deviation["item"],
                    "message": deviation["message"],
                    "handling": deviation.get("handling"),
                    "sanctions": linked_sanctions(period, deviation),
                    "decision_id": row.id if current else None,
                }
            )
    return found


def followup_record(procurement: Procurement) -> dict | None:
    """Everything of the contract's follow-up as plain data; None before the award."""
    tender = awarded_tender(procurement)
    if tender is None:
        return None
    result, problem = current_result(procurement, tender)
    today = clock.today_in_norway()
    late = {p.start for p in late_periods(procurement, tender, today)}
    reminded = reminders_sent(tender)
    verdicts = {p["period"]["start"]: p["verdict"] for p in (result or {}).get("periods", [])}
    reports = versions(tender)
    return {
        "tender": tender.id,
        "contractor": {
            "name": tender.organisation.name,
            "org_number": tender.organisation.org_number,
        },
        "contract_start": procurement.contract_start.isoformat()
        if procurement.contract_start
        else None,
        "contract_end": procurement.contract_end.isoformat() if procurement.contract_end else None,
        "due_days": DUE_DAYS,
        "months": [
            {"start": m.start.isoformat(), "end": m.end.isoformat(), "due": m.due.isoformat()}
            for m in contract_months(procurement, today)
        ],
        "reports": [_version(report) for report in reports],
        "verdicts": verdicts,
        "verdict": result["verdict"] if result else None,
        "problem": problem,
        "late": sorted(start.isoformat() for start in late),
        "reminders": [
            {
                "period_start": start.isoformat(),
                "sent_at": _time(row.sent_at),
                "recipients": row.recipients,
            }
            for start, row in sorted(reminded.items())
        ],
        "deviations": _deviations(tender, result),
        "sanctions": (result or {}).get("cumulative", {}).get("sanctions"),
        "issued_reports": [
            {
                "id": r.id,
                "lang": r.lang,
                "issued_at": _time(r.issued_at),
                "pdf_sha256": r.pdf_sha256,
            }
            for r in followup_reports(tender)
            if r.state == "ready"
        ],
        "as_of": today.isoformat(),
    }


def followup_files(procurement: Procurement) -> dict[str, bytes]:
    """The dossier's follow-up: each period report version as received (canonical JSON, so its
    SHA-256 is the one registered), their index, and each deviation's handling as the audit
    trail records it. Every file is checked against the trail by `dossier verify`; the
    deviations themselves follow from these files with `checker followup`."""
    tender = awarded_tender(procurement)
    reports = versions(tender) if tender else []
    if not reports:
        return {}
    files = {period_file(report): canonical_json(report.data) for report in reports}
    files[f"{PERIODS}/index.json"] = json_bytes([_version(report) for report in reports])
    for row in stored_decisions(tender).values():
        files[f"followup/deviation_decision/{row.id}.json"] = json_bytes(audit.recorded_values(row))
    return files
