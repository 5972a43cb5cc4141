"""The officer's handling of a contract's deviations and of the exceptions asked for during it.

Each deviation of the follow-up (climate-followup/1) is accepted with a reason, sent back to the
contractor for a correction, or decided as the sanction the contract gives (decided or waived,
with the amount and its arithmetic kept). A decision holds for the period report it was made on:
a corrected report puts its deviations back in the queue. Exceptions asked for in a period are
decided like at tender time, as exception decisions of the awarded tender.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from checker import clock
from checker.followup.sanctions import money
from checker.web.concurrency import Conflict
from checker.web.evaluation.assessments import decisions_in_force
from checker.web.extensions import db
from checker.web.models import DeviationDecision
from checker.web.models import ExceptionDecision
from checker.web.models import Tender
from checker.web.models import User

SANCTION_STATUS = {"sanctioned": "decided", "waived": "waived"}


def deviation_key(deviation: dict) -> str:
    """The deviation's id, with the rule or figure that tells two of one item apart."""
    detail = deviation.get("rule") or deviation.get("field")
    return f"{deviation['id']}/{detail}" if detail else deviation["id"]


def linked_sanctions(period: dict, deviation: dict) -> list[dict]:
    """The sanctions of the period that a failing rule's deviation gives rise to: the item's
    own, or the rule's lump sum (linked to the rule's first deviation, so it is decided once)."""
    if deviation["kind"] != "rule_failed":
        return []
    rule = deviation.get("rule")
    first = next(
        (d for d in period["deviations"] if d["kind"] == "rule_failed" and d.get("rule") == rule),
        None,
    )
    found = []
    for sanction in period["sanctions"]:
        if sanction["rule"] != rule:
            continue
        if sanction["item"] == deviation["item"] or (
            sanction["item"] is None and first is deviation
        ):
            found.append(sanction)
    return found


def sanction_total(sanctions: list[dict]) -> Decimal:
    return sum((money(s["amount_nok"]) for s in sanctions), Decimal(0))


@dataclass
class QueueEntry:
    """One deviation in the officer's queue, with what the contract and the officer say."""

    key: str
    period: dict
    deviation: dict
    sanctions: list[dict]
    decision: DeviationDecision | None

    @property
    def is_open(self) -> bool:
        """Not decided, or decided on a report that has been corrected since."""
        return self.decision is None or self.is_stale

    @property
    def is_stale(self) -> bool:
        return (
            self.decision is not None
            and self.decision.report_sha256 != self.period["report_sha256"]
        )

    @property
    def version(self) -> int:
        return self.decision.version if self.decision else 0


def stored_decisions(tender: Tender) -> dict[str, DeviationDecision]:
    rows = db.session.scalars(
        select(DeviationDecision).where(DeviationDecision.tender_id == tender.id)
    )
    return {row.deviation_key: row for row in rows}


def deviation_queue(tender: Tender, result: dict | None) -> list[QueueEntry]:
    """Every deviation of every period in force, open ones first, then by period."""
    if result is None:
        return []
    decisions = stored_decisions(tender)
    entries = []
    for period in result["periods"]:
        for deviation in period["deviations"]:
            key = deviation_key(deviation)
            entries.append(
                QueueEntry(
                    key, period, deviation, linked_sanctions(period, deviation), decisions.get(key)
                )
            )
    return sorted(entries, key=lambda entry: not entry.is_open)


def correction_requests(tender: Tender, result: dict | None) -> list[QueueEntry]:
    """The deviations the officer sent back, on the reports in force: what the contractor must
    correct (a corrected report takes them back into the officer's queue)."""
    return [
        entry
        for entry in deviation_queue(tender, result)
        if entry.decision and entry.decision.decision == "correction" and not entry.is_stale
    ]


def find_entry(tender: Tender, result: dict | None, key: str) -> QueueEntry | None:
    return next((e for e in deviation_queue(tender, result) if e.key == key), None)


def decide_deviation(
    tender: Tender, entry: QueueEntry, user: User, decision: str, reason: str, seen_version: int
) -> DeviationDecision:
    """Record (or change) the handling of a deviation; Conflict when someone else changed it
    since the form was made (seen_version is the version the officer saw, 0 for none)."""
    if entry.version != seen_version:
        raise Conflict()
    sanctions = entry.sanctions if decision in SANCTION_STATUS else []
    fields = {
        "report_sha256": entry.period["report_sha256"],
        "decision": decision,
        "reason": reason,
        "sanction_nok": sanction_total(sanctions) if sanctions else None,
        "sanction_arithmetic": "; ".join(s["arithmetic"] for s in sanctions),
        "decided_at": clock.now(),
        "decided_by_id": user.id,
    }
    row = entry.decision
    if row is None:
        row = DeviationDecision(
            procurement_id=tender.procurement_id,
            tender_id=tender.id,
            deviation_key=entry.key,
            period_start=date.fromisoformat(entry.period["period"]["start"]),
            kind=entry.deviation["kind"],
            item=entry.deviation["item"],
            **fields,
        )
        db.session.add(row)
    else:
        for name, value in fields.items():
            setattr(row, name, value)
    db.session.flush()
    return row


def handled(tender: Tender, result: dict) -> dict:
    """The follow-up result with the officer's handling in it: each decided deviation's
    `handling`, each sanction's status (proposed, decided, waived) and the decided totals."""
    decisions = stored_decisions(tender)
    decided = Decimal(0)
    for period in result["periods"]:
        for deviation in period["deviations"]:
            row = decisions.get(deviation_key(deviation))
            if row is None or row.report_sha256 != period["report_sha256"]:
                continue
            deviation["handling"] = {
                "decision": row.decision,
                "reason": row.reason,
                "by": row.decided_by.name,
                "at": row.decided_at.isoformat(),
            }
            status = SANCTION_STATUS.get(row.decision)
            for sanction in linked_sanctions(period, deviation):
                if status:
                    sanction["status"] = status
                    if status == "decided":
                        decided += money(sanction["amount_nok"])
    result["cumulative"]["sanctions"]["decided_nok"] = float(decided)
    return result


# --- exceptions asked for during the contract -------------------------------------------------


def period_requests(reports: list) -> list[dict]:
    """Exception requests made in the period reports in force, each with its period."""
    found = []
    for report in reports:
        for request in report.data.get("exceptions") or []:
            found.append({"period": report.data["period"], "request": request})
    return found


def period_decisions(tender: Tender) -> dict[str, ExceptionDecision]:
    return {row.request_key: row for row in decisions_in_force(tender)}


def decide_period_exception(
    tender: Tender,
    key: str,
    user: User,
    decision: str,
    *,
    legal_basis: str,
    expires: date | None,
    reason: str,
    waived_share: Decimal | None,
) -> ExceptionDecision:
    """The officer's decision on an exception asked for in a period: kept like a tender-time
    decision (rows only added; the newest per request is in force) and applied from the period
    on by the follow-up."""
    row = ExceptionDecision(
        tender_id=tender.id,
        request_key=key,
        decision=decision,
        legal_basis=legal_basis,
        expires=expires,
        reason=reason,
        waived_share=waived_share if decision == "approved" else None,
        decided_by_id=user.id,
    )
    db.session.add(row)
    db.session.flush()
    return row
