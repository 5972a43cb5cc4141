"""Contract follow-up in the web app: the awarded tender, its period reports, and the result.

Plain functions over the models; the follow-up itself is the core's (checker.followup).
"""

import hashlib
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from checker import clock
from checker.followup.period import order_periods
from checker.followup.period import validate_period
from checker.followup.result import followup
from checker.formats.inputs import InputError
from checker.formats.tender import canonical_json
from checker.web.evaluation.assessments import engine_decisions
from checker.web.extensions import db
from checker.web.models import AwardDecision
from checker.web.models import PeriodReport
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.procurements.workflow import ruleset_changed_since
from checker.web.statistics.rollup import count_period

FOLLOWED_STATE = "awarded"  # after the award the procurement is a contract in follow-up


class FollowupProblem(Exception):
    """Why the follow-up cannot be computed now; the message is for the reader."""


def awarded_tender(procurement: Procurement) -> Tender | None:
    """The tender the contract was awarded to, once awarded."""
    if procurement.state != FOLLOWED_STATE:
        return None
    decision = db.session.scalar(
        select(AwardDecision).where(AwardDecision.procurement_id == procurement.id)
    )
    return decision.tender if decision else None


def versions(tender: Tender) -> list[PeriodReport]:
    """Every version of every period report of the tender, by period and version."""
    return db.session.scalars(
        select(PeriodReport)
        .where(PeriodReport.tender_id == tender.id)
        .order_by(PeriodReport.period_start, PeriodReport.version)
    ).all()


def in_force(tender: Tender) -> list[PeriodReport]:
    """The newest version of each period, in time order."""
    newest: dict[date, PeriodReport] = {}
    for report in versions(tender):
        newest[report.period_start] = report
    return list(newest.values())


def _sha256(data: dict) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


def submit_period(tender: Tender, user: User, data, source: str) -> PeriodReport:
    """Store a period report of the awarded tender; InputError names every problem.

    A period the officer has not accepted yet is corrected in place (the audit trail keeps what
    it said before); one already accepted gets a new version, and both are kept.
    """
    period = validate_period(data, tender.data, source)
    start = date.fromisoformat(period["period"]["start"])
    current = in_force(tender)
    others = [
        (_("the report of %(start)s", start=r.period_start.isoformat()), r.data)
        for r in current
        if r.period_start != start
    ]
    order_periods([*others, (source, period)], tender.data)
    existing = next((r for r in current if r.period_start == start), None)
    fields = {
        "period_end": date.fromisoformat(period["period"]["end"]),
        "data": period,
        "sha256": _sha256(period),
        "submitted_at": clock.now(),
        "submitted_by_id": user.id,
    }
    if existing is not None and not existing.is_accepted:
        for name, value in fields.items():
            setattr(existing, name, value)
        return existing
    report = PeriodReport(
        procurement_id=tender.procurement_id,
        tender_id=tender.id,
        organisation_id=tender.organisation_id,
        period_start=start,
        version=existing.version + 1 if existing else 1,
        **fields,
    )
    db.session.add(report)
    return report


def accept_period(report: PeriodReport, user: User) -> None:
    """The officer accepts a period: from now on a correction is a new version. The statistics
    count it in the same transaction."""
    if report.accepted_at is None:
        report.accepted_at = clock.now()
        report.accepted_by_id = user.id
        count_period(report)


def contract_followup(procurement: Procurement, tender: Tender) -> dict | None:
    """The climate-followup/1 result over the periods in force; None before the first report."""
    reports = in_force(tender)
    if not reports:
        return None
    ruleset = chosen_ruleset(procurement)
    if ruleset is None or ruleset_changed_since(procurement, ruleset):
        raise FollowupProblem(
            _("The rule set file differs from the one fixed when the procurement was published.")
        )
    try:
        return followup(
            ruleset,
            procurement.level,
            procurement.tailoring or None,
            engine_decisions(tender),
            tender.data,
            [report.data for report in reports],
        )
    except InputError as err:  # e.g. a decision on a request a corrected report took back
        problems = "; ".join(str(problem) for problem in err.problems[:5])
        raise FollowupProblem(
            _("The follow-up cannot be computed: %(problems)s", problems=problems)
        ) from None
