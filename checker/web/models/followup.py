"""Contract follow-up: the awarded contractor's period reports, kept in every version."""

from datetime import date
from datetime import datetime

from sqlalchemy import JSON
from sqlalchemy import Date
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from checker import clock
from checker.web.extensions import db
from checker.web.models.accounts import User
from checker.web.models.base import UtcDateTime
from checker.web.models.procurements import Tender
from checker.web.models.procurements import _OfProcurement


class PeriodReport(_OfProcurement, db.Model):
    """One version of the report of one period (climate-period-report/1) of an awarded tender.

    A period may be corrected in place until the officer accepts it; a correction after that is
    a new version, and every version is kept. The newest version of each period is in force.
    """

    # The unique constraint's index also serves "the versions of this tender's periods".
    __table_args__ = (UniqueConstraint("tender_id", "period_start", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), index=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    data: Mapped[dict] = mapped_column(JSON)
    sha256: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    tender: Mapped[Tender] = relationship()
    submitted_by: Mapped[User] = relationship(foreign_keys=[submitted_by_id])
    accepted_by: Mapped[User | None] = relationship(foreign_keys=[accepted_by_id])

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None
