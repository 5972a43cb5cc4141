"""Climate statistics: figures counted as contracts are awarded and period reports accepted.

The counted figures are derived data: `checker statistics rebuild` makes them again from the
awarded tenders and the accepted period reports, so the audit trail does not record them (the
acceptance that caused them is recorded). What the organisation decides, publishing its
statistics, is recorded like every change.
"""

from datetime import datetime

from sqlalchemy import JSON
from sqlalchemy import Float
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import SmallInteger
from sqlalchemy import String
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from checker import clock
from checker.statistics.cells import MEASURES
from checker.web.extensions import db
from checker.web.models.accounts import Organisation
from checker.web.models.accounts import User
from checker.web.models.base import UtcDateTime


class StatisticFactorFile(db.Model):
    """A factor file the statistics were counted with, kept so its factors can still be named
    (value, unit, scope, source) after the shipped file is revised."""

    __audited__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    factors_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # {carrier: {emission: description}} (checker.statistics.factors.factor_table)
    carriers: Mapped[dict] = mapped_column(JSON)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)

    def reference(self) -> dict:
        return {"id": self.factors_id, "version": self.version, "sha256": self.sha256}


class _Measures:
    """One float column per measure of checker.statistics.cells.MEASURES (set below, so the
    list of measures has one home: the core)."""


for _measure in MEASURES:
    setattr(_Measures, _measure, mapped_column(Float, nullable=False, default=0.0))


class StatisticContribution(_Measures, db.Model):
    """What one source document adds to one cell: the plan (period_report_id None) or one
    accepted period report, for one basis, month, source and energy carrier.

    Kept per document so that a corrected report replaces exactly what its earlier version
    added, and so that a figure can be traced to the contracts and periods behind it.
    """

    __audited__ = False
    __table_args__ = (
        Index("ix_statistic_contribution_project", "procurement_id", "year", "month"),
        Index("ix_statistic_contribution_cell", "organisation_id", "year", "month", "source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"))
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id"))
    period_report_id: Mapped[int | None] = mapped_column(ForeignKey("period_report.id"), index=True)
    basis: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(SmallInteger)
    month: Mapped[int] = mapped_column(SmallInteger)
    source: Mapped[str] = mapped_column(String(12))
    energy_carrier: Mapped[str] = mapped_column(String(30))
    factor_file_id: Mapped[int] = mapped_column(ForeignKey("statistic_factor_file.id"))


class StatisticMonth(_Measures, db.Model):
    """The organisation's monthly sums by rule set, basis, source and carrier: what the
    statistics page reads, kept up to date in the transaction that accepts a period report."""

    __audited__ = False
    __table_args__ = (
        UniqueConstraint(
            "organisation_id",
            "year",
            "basis",
            "month",
            "source",
            "energy_carrier",
            "ruleset_id",
            "factor_file_id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    year: Mapped[int] = mapped_column(SmallInteger)
    basis: Mapped[str] = mapped_column(String(10))
    month: Mapped[int] = mapped_column(SmallInteger)
    source: Mapped[str] = mapped_column(String(12))
    energy_carrier: Mapped[str] = mapped_column(String(30))
    ruleset_id: Mapped[str] = mapped_column(String(100))
    factor_file_id: Mapped[int] = mapped_column(ForeignKey("statistic_factor_file.id"))


MONTH_COLUMNS = tuple(f"days_{month:02d}" for month in range(1, 13))
EXPECTED_COLUMNS = tuple(f"expected_{month:02d}" for month in range(1, 13))


class StatisticCoverage(db.Model):
    """Days of each month of a contract's year that accepted period reports cover: one row per
    contract and year, so the page reads one row per contract, not twelve. Beside them, the
    days of each month the contract runs (expected_*), and the days of the year it runs from
    and to (first_day, last_day; all 0 for a contract without dates), set at the award, so the
    days expected up to any day can be counted in the query."""

    __audited__ = False
    __table_args__ = (
        UniqueConstraint("procurement_id", "year"),
        Index("ix_statistic_coverage_organisation", "organisation_id", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"))
    year: Mapped[int] = mapped_column(SmallInteger)
    first_day: Mapped[int] = mapped_column(SmallInteger, default=0)
    last_day: Mapped[int] = mapped_column(SmallInteger, default=0)

    def covered(self) -> dict[tuple[int, int], int]:
        return {(self.year, n + 1): getattr(self, c) for n, c in enumerate(MONTH_COLUMNS)}


for _column in MONTH_COLUMNS + EXPECTED_COLUMNS:
    setattr(StatisticCoverage, _column, mapped_column(SmallInteger, nullable=False, default=0))


class StatisticRevision(db.Model):
    """A number raised whenever an organisation's counted figures change (in the same
    transaction), so a page may keep what it computed until the figures change."""

    __audited__ = False

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)


class StatisticsPublication(db.Model):
    """The organisation publishes its statistics (aggregates only) at a public address."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), unique=True)
    published_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    published_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    organisation: Mapped[Organisation] = relationship()
    published_by: Mapped[User] = relationship()

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id
