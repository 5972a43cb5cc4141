"""The officer's handling of a contract's deviations, and the reminders of late periods."""

from datetime import date
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Date
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import Numeric
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from checker import clock
from checker.web.extensions import db
from checker.web.models.accounts import User
from checker.web.models.base import UtcDateTime
from checker.web.models.procurements import _OfProcurement

# accepted: the deviation is accepted as it is; correction: the contractor is asked to correct
# the period report; sanctioned: the sanction the contract gives is decided; waived: the
# sanction is not claimed.
DEVIATION_DECISIONS = ("accepted", "correction", "sanctioned", "waived")


class DeviationDecision(_OfProcurement, db.Model):
    """How the officer handled one deviation of one period (climate-followup/1 deviation id).

    One row per deviation, changed in place: the audit trail keeps what it said before, and the
    version counter refuses a change made from a stale copy. The decision holds for the period
    report it was made on (report_sha256); a corrected report puts the deviation back in the queue.
    """

    __table_args__ = (UniqueConstraint("tender_id", "deviation_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), index=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id"))
    deviation_key: Mapped[str] = mapped_column(String(300))
    period_start: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40))
    item: Mapped[str | None] = mapped_column(String(100))
    report_sha256: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    # A decided or waived sanction: the amount the contract gives, and how it was computed.
    sanction_nok: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    sanction_arithmetic: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}

    decided_by: Mapped[User] = relationship()


class PeriodReminder(_OfProcurement, db.Model):
    """A reminder sent to the contractor because a period's report is late: one per period."""

    __table_args__ = (UniqueConstraint("tender_id", "period_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), index=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    due: Mapped[date] = mapped_column(Date)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
