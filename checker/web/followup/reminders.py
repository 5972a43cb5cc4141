"""Word to the contractor of a contract in follow-up: late periods with the reminder e-mail sent
once for each, and the periods the officer sends back for a correction.

A contract is reported month by month from its start (procurement.contract_start) to its end
(contract_end, or today while it runs). A month's report is due DUE_DAYS after the month ends;
a month no period report in force overlaps is late from the day after. `checker followup remind`
(run daily, e.g. from cron) sends each late period's reminder once to the contractor's users,
through the notices outbox; the officer's page lists the late periods and the reminders sent.
"""

from dataclasses import dataclass
from datetime import date
from datetime import timedelta

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from checker import clock
from checker.followup.texts import in_language
from checker.statistics.months import month_end
from checker.web.extensions import db
from checker.web.followup.service import awarded_tender
from checker.web.followup.service import in_force
from checker.web.models import PeriodReminder
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.notices import outbox
from checker.web.notices.texts import both
from checker.web.notices.texts import signature

DUE_DAYS = 10  # a month's report is due ten days after the month ends
KIND = "period_late"
CORRECTION = "correction_requested"


@dataclass(frozen=True)
class LatePeriod:
    """A month of the contract (a late one, where the name is read), and its report's due day."""

    start: date
    end: date
    due: date


def _last_day(day: date) -> date:
    return month_end(day.year, day.month)


def _months(first: date, last: date):
    month = first.replace(day=1)
    while month <= last:
        yield month, _last_day(month)
        month = _last_day(month) + timedelta(days=1)


def contract_months(procurement: Procurement, today: date) -> list[LatePeriod]:
    """The contract's months up to today (clipped to its start and end), each with its due day."""
    if procurement.contract_start is None:
        return []
    last = min(procurement.contract_end or today, today)
    months = []
    for start, end in _months(procurement.contract_start, last):
        start = max(start, procurement.contract_start)
        if procurement.contract_end:
            end = min(end, procurement.contract_end)
        months.append(LatePeriod(start, end, _last_day(start) + timedelta(days=DUE_DAYS)))
    return months


def late_periods(procurement: Procurement, tender: Tender, today: date) -> list[LatePeriod]:
    """Months of the contract whose report is overdue on `today`."""
    reported = [(r.period_start, r.period_end) for r in in_force(tender)]
    return [
        month
        for month in contract_months(procurement, today)
        if today > month.due and not any(s <= month.end and month.start <= e for s, e in reported)
    ]


def reminders_sent(tender: Tender) -> dict[date, PeriodReminder]:
    rows = db.session.scalars(select(PeriodReminder).where(PeriodReminder.tender_id == tender.id))
    return {row.period_start: row for row in rows}


def _text(procurement: Procurement, tender: Tender, late: LatePeriod) -> tuple[str, str]:
    def compose():
        subject = _("Period report overdue: %(ref)s", ref=procurement.reference)
        lines = [
            _(
                "Procurement: %(title)s (%(ref)s)",
                title=procurement.title,
                ref=procurement.reference,
            ),
            _("Buyer: %(name)s", name=procurement.organisation.name),
            "",
            _(
                "The period report for %(start)s–%(end)s was due on %(due)s and has not been "
                "received. Submit it on the contract's follow-up page, by upload or through the "
                "API.",
                start=late.start.strftime("%d.%m.%Y"),
                end=late.end.strftime("%d.%m.%Y"),
                due=late.due.strftime("%d.%m.%Y"),
            ),
            *signature(),
        ]
        return subject, lines

    return both(compose)


def remind(procurement: Procurement, tender: Tender, late: LatePeriod) -> PeriodReminder:
    """Send the reminder of one late period to every user of the contractor, and keep that it
    went (or that there was no one to send it to)."""
    subject, body = _text(procurement, tender, late)
    owner = {"procurement_id": procurement.id, "tender_id": tender.id}
    users = outbox.organisation_users(tender.organisation_id)
    for user in users:
        outbox.send(KIND, user, subject, body, **owner)
    if not users:
        outbox.nobody_to_tell(KIND, subject, body, organisation_id=tender.organisation_id, **owner)
    reminder = PeriodReminder(
        procurement_id=procurement.id,
        tender_id=tender.id,
        period_start=late.start,
        period_end=late.end,
        due=late.due,
        recipients=len(users),
    )
    db.session.add(reminder)
    db.session.flush()
    return reminder


def send_due_reminders(today: date | None = None) -> list[PeriodReminder]:
    """A reminder for every late period of every contract in follow-up not reminded of yet."""
    today = today or clock.today_in_norway()
    sent = []
    contracts = db.session.scalars(
        select(Procurement).where(Procurement.state == "awarded").order_by(Procurement.id)
    )
    for procurement in contracts:
        tender = awarded_tender(procurement)
        if tender is None:
            continue
        done = reminders_sent(tender)
        for late in late_periods(procurement, tender, today):
            if late.start not in done:
                sent.append(remind(procurement, tender, late))
    return sent


def tell_correction(tender: Tender, entry, reason: str) -> None:
    """The officer sent a period back: the contractor's users are told what to correct."""
    procurement = tender.procurement
    period = entry.period["period"]

    def compose():
        subject = _("Correction asked for: %(ref)s", ref=procurement.reference)
        lines = [
            _(
                "Procurement: %(title)s (%(ref)s)",
                title=procurement.title,
                ref=procurement.reference,
            ),
            _("Buyer: %(name)s", name=procurement.organisation.name),
            "",
            _(
                "The buyer asks you to correct the period report for %(start)s–%(end)s.",
                start=date.fromisoformat(period["start"]).strftime("%d.%m.%Y"),
                end=date.fromisoformat(period["end"]).strftime("%d.%m.%Y"),
            ),
            _(
                "Deviation: %(what)s",
                what=in_language(entry.deviation["message"], str(get_locale())),
            ),
            _("The buyer's reason: %(reason)s", reason=reason),
            "",
            _("Submit the corrected report on the contract's follow-up page."),
            *signature(),
        ]
        return subject, lines

    subject, body = both(compose)
    owner = {"procurement_id": procurement.id, "tender_id": tender.id}
    users = outbox.organisation_users(tender.organisation_id)
    for user in users:
        outbox.send(CORRECTION, user, subject, body, **owner)
    if not users:
        outbox.nobody_to_tell(
            CORRECTION, subject, body, organisation_id=tender.organisation_id, **owner
        )
