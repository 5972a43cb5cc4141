"""Closing at the tender deadline, for every request at once: no page has to remember it.

Before each request the app closes the published procurements whose deadline has passed (and
freezes their bids). That must cost nothing while no deadline can have passed, so each app
remembers the next deadline and asks the database again only when that moment has come, when it
changed a procurement itself, or after RECHECK (another process may have published one since).
"""

from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta

from flask import Flask
from flask import current_app
from flask import has_app_context
from flask import request
from sqlalchemy import event
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from checker import clock
from checker.web.audit.recording import acting_as
from checker.web.extensions import db
from checker.web.models import Procurement
from checker.web.workspace.freeze import freeze_tenders_of

# How late a deadline set by another process (a second gunicorn worker) can be noticed here.
RECHECK = timedelta(seconds=30)


@dataclass
class _NextDeadline:
    at: datetime | None = None  # the earliest deadline of a published procurement; None: none
    checked_at: datetime | None = None  # None: not known, ask the database

    def may_have_passed(self, now: datetime) -> bool:
        if self.checked_at is None or not self.checked_at <= now < self.checked_at + RECHECK:
            return True  # never asked, asked too long ago, or the clock went back (tests)
        return self.at is not None and self.at <= now


def close_expired(now: datetime | None = None) -> None:
    """Published procurements whose deadline has passed are closed, for everyone at once.

    The rows are changed one by one, not by a bulk UPDATE, so the audit trail records each
    closing; a cheap read comes first, so nothing is written when no deadline has passed.
    """
    now = now or clock.now()
    expired = (Procurement.state == "published", Procurement.tender_deadline <= now)
    if db.session.scalar(select(Procurement.id).where(*expired).limit(1)) is None:
        return
    # Several servers may see the same deadline pass: each closes the rows no other is closing.
    closing = db.session.scalars(
        select(Procurement).where(*expired).with_for_update(skip_locked=True)
    ).all()
    with acting_as("system: tender deadline passed"):
        for procurement in closing:
            procurement.state = "closed"
        # The bids are frozen at the same moment: their snapshot hash is recorded now.
        freeze_tenders_of([procurement.id for procurement in closing])
        try:
            db.session.commit()
        except StaleDataError:
            db.session.rollback()  # another request closed them a moment earlier


def close_due() -> None:
    """Close what has expired, if anything can have: no query while the next deadline is ahead."""
    watch = current_app.extensions["next_deadline"]
    now = clock.now()
    if not watch.may_have_passed(now):
        return
    close_expired(now)
    watch.at = db.session.scalar(
        select(func.min(Procurement.tender_deadline)).where(Procurement.state == "published")
    )
    watch.checked_at = now


def _before_request() -> None:
    if request.endpoint != "static":
        close_due()


def _forget_on_change(session, _flush_context) -> None:
    """A procurement published, closed or given another deadline here: ask again next time."""
    if not has_app_context() or "next_deadline" not in current_app.extensions:
        return
    if any(isinstance(row, Procurement) for row in (*session.new, *session.dirty)):
        current_app.extensions["next_deadline"].checked_at = None


def init_app(app: Flask) -> None:
    app.extensions["next_deadline"] = _NextDeadline()
    app.before_request(_before_request)
    if not event.contains(db.session, "after_flush", _forget_on_change):
        event.listen(db.session, "after_flush", _forget_on_change)
