"""Reading the counted statistics: sums the page and the exports show, and what lies behind them.

Organisation-wide figures come from the monthly sums (statistic_month), a project's from its
contributions; nothing here reads a period report's data.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy import select

from checker.statistics.cells import MEASURES
from checker.statistics.cells import Cells
from checker.statistics.completeness import ContractCoverage
from checker.statistics.summary import cells_from_rows
from checker.web.extensions import db
from checker.web.models import AwardDecision
from checker.web.models import Organisation
from checker.web.models import PeriodReport
from checker.web.models import Procurement
from checker.web.models import StatisticContribution
from checker.web.models import StatisticCoverage
from checker.web.models import StatisticFactorFile
from checker.web.models import StatisticMonth
from checker.web.models.statistics import MONTH_COLUMNS

CELL = ("basis", "year", "month", "source", "energy_carrier")


@dataclass(frozen=True)
class Filters:
    """What the figures cover: one year, and optionally one project, rule set or source."""

    year: int
    procurement_id: int | None = None
    ruleset_id: str | None = None
    source: str | None = None


def _sums(table):
    return [func.sum(table.c[measure]).label(measure) for measure in MEASURES]


def _cell_query(filters: Filters):
    if filters.procurement_id is not None:
        table = StatisticContribution.__table__
        query = select(*(table.c[k] for k in CELL), *_sums(table)).where(
            table.c.procurement_id == filters.procurement_id
        )
    else:
        table = StatisticMonth.__table__
        query = select(*(table.c[k] for k in CELL), *_sums(table))
        if filters.ruleset_id is not None:
            query = query.where(table.c.ruleset_id == filters.ruleset_id)
    query = query.where(table.c.year == filters.year)
    if filters.source is not None:
        query = query.where(table.c.source == filters.source)
    return table, query.group_by(*(table.c[k] for k in CELL))


def all_cells(organisation_id: int) -> Cells:
    """Every year's figures of the organisation, by cell (the published CSV)."""
    table = StatisticMonth.__table__
    query = (
        select(*(table.c[k] for k in CELL), *_sums(table))
        .where(table.c.organisation_id == organisation_id)
        .group_by(*(table.c[k] for k in CELL))
    )
    return cells_from_rows(row._mapping for row in db.session.execute(query))


def cells(organisation_id: int, filters: Filters) -> Cells:
    """The figures of the organisation (or one of its projects) for the filters, by cell."""
    table, query = _cell_query(filters)
    query = query.where(table.c.organisation_id == organisation_id)
    return cells_from_rows(row._mapping for row in db.session.execute(query))


def factor_files(organisation_id: int, filters: Filters) -> list[dict]:
    """The factor files the figures were counted with (more than one after a revision)."""
    table, _ = _cell_query(filters)
    query = (
        select(StatisticFactorFile)
        .where(
            StatisticFactorFile.id.in_(
                select(table.c.factor_file_id)
                .where(table.c.organisation_id == organisation_id, table.c.year == filters.year)
                .distinct()
            )
        )
        .order_by(StatisticFactorFile.id)
    )
    return [file.reference() for file in db.session.scalars(query)]


def awarded_contracts(organisation_id: int, filters: Filters):
    """The organisation's contracts in follow-up (awarded procurements), for the filters."""
    query = select(Procurement).where(
        Procurement.organisation_id == organisation_id, Procurement.state == "awarded"
    )
    if filters.procurement_id is not None:
        query = query.where(Procurement.id == filters.procurement_id)
    if filters.ruleset_id is not None:
        query = query.where(Procurement.ruleset_id == filters.ruleset_id)
    return query


def coverage(organisation_id: int, filters: Filters) -> list[ContractCoverage]:
    """Each awarded contract's dates and the days accepted reports cover in the year: one row
    per contract."""
    covered = select(StatisticCoverage).where(StatisticCoverage.year == filters.year).subquery()
    query = (
        awarded_contracts(organisation_id, filters)
        .with_only_columns(
            Procurement.id,
            Procurement.reference,
            Procurement.title,
            Procurement.contract_start,
            Procurement.contract_end,
            *(covered.c[column] for column in MONTH_COLUMNS),
        )
        .outerjoin(covered, covered.c.procurement_id == Procurement.id)
        .order_by(Procurement.reference, Procurement.id)
    )
    contracts = []
    for row in db.session.execute(query):
        days = {(filters.year, n + 1): row[5 + n] or 0 for n in range(12)}
        contracts.append(ContractCoverage(row[0], row[1], row[2], row[3], row[4], days))
    return contracts


def years(organisation_id: int) -> list[int]:
    table = StatisticMonth.__table__
    query = select(table.c.year).where(table.c.organisation_id == organisation_id).distinct()
    return sorted(db.session.scalars(query))


def rulesets(organisation_id: int) -> list[str]:
    table = StatisticMonth.__table__
    query = select(table.c.ruleset_id).where(table.c.organisation_id == organisation_id)
    return sorted(r for r in db.session.scalars(query.distinct()) if r)


def project_by_reference(organisation_id: int, reference: str) -> Procurement | None:
    """The awarded procurement of the organisation with this case reference."""
    return db.session.scalars(
        select(Procurement)
        .where(
            Procurement.organisation_id == organisation_id,
            Procurement.reference == reference,
            Procurement.state == "awarded",
        )
        .order_by(Procurement.id)
        .limit(1)
    ).first()


def factor_tables(ids) -> dict:
    """{factor_file_id: {"reference": ..., "carriers": ...}} for tidy_rows."""
    files = db.session.scalars(select(StatisticFactorFile).where(StatisticFactorFile.id.in_(ids)))
    return {f.id: {"reference": f.reference(), "carriers": f.carriers} for f in files}


EXPORT_KEY = (
    "procurement_id",
    "basis",
    "year",
    "month",
    "source",
    "energy_carrier",
    "factor_file_id",
)


def export_query(organisation_id: int, filters: Filters | None):
    """One row per project, basis, month, source, carrier and factor file, in that order."""
    table = StatisticContribution.__table__
    query = (
        select(
            Organisation.name.label("organisation"),
            Organisation.org_number.label("organisation_number"),
            Procurement.reference.label("project"),
            Procurement.project_number,
            Procurement.kostra_function,
            *(table.c[k] for k in EXPORT_KEY[:-1]),
            table.c.factor_file_id.label("factor_file"),
            *_sums(table),
        )
        .join(Procurement, Procurement.id == table.c.procurement_id)
        .join(Organisation, Organisation.id == table.c.organisation_id)
        .where(table.c.organisation_id == organisation_id)
    )
    if filters is not None:
        query = query.where(table.c.year == filters.year)
        if filters.procurement_id is not None:
            query = query.where(table.c.procurement_id == filters.procurement_id)
        if filters.ruleset_id is not None:
            query = query.where(Procurement.ruleset_id == filters.ruleset_id)
        if filters.source is not None:
            query = query.where(table.c.source == filters.source)
    grouping = (
        Organisation.name,
        Organisation.org_number,
        Procurement.reference,
        Procurement.project_number,
        Procurement.kostra_function,
        *(table.c[k] for k in EXPORT_KEY),
    )
    return query.group_by(*grouping).order_by(
        Procurement.reference, *(table.c[k] for k in EXPORT_KEY)
    )


def export_cells(organisation_id: int, filters: Filters | None, engine=None) -> Iterator[dict]:
    """The export's project cells, streamed from the database a thousand rows at a time.

    With an engine, the rows are read on a connection of their own, so a response can stream
    them after the request's session is gone.
    """
    query = export_query(organisation_id, filters)
    if engine is None:
        yield from _cells(db.session.execute(query, execution_options={"yield_per": 1000}))
        return
    with engine.connect() as connection:
        result = connection.execution_options(yield_per=1000).execute(query)
        yield from _cells(result)


def _cells(result) -> Iterator:
    for row in result:
        yield row._mapping


def used_factor_files(organisation_id: int) -> list[int]:
    table = StatisticContribution.__table__
    query = select(table.c.factor_file_id).where(table.c.organisation_id == organisation_id)
    return list(db.session.scalars(query.distinct()))


def figure_contracts(
    organisation_id: int,
    filters: Filters,
    basis: str,
    month,
    carrier,
    through: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list:
    """The contracts behind one figure (a month, or the months through one; a carrier, or all),
    largest energy first."""
    table = StatisticContribution.__table__
    query = (
        select(
            Procurement.id, Procurement.reference, Procurement.title,
            *(func.sum(table.c[m]).label(m) for m in ("kwh", "litres", "km", "fossil_co2e_kg")),
        )
        .join(Procurement, Procurement.id == table.c.procurement_id)
        .where(table.c.organisation_id == organisation_id, table.c.year == filters.year,
               table.c.basis == basis)
    )  # fmt: skip
    for column, value in (
        ("month", month),
        ("energy_carrier", carrier),
        ("source", filters.source),
        ("procurement_id", filters.procurement_id),
    ):
        if value is not None:
            query = query.where(table.c[column] == value)
    if month is None and through is not None:
        query = query.where(table.c.month <= through)
    if filters.ruleset_id is not None:
        query = query.where(Procurement.ruleset_id == filters.ruleset_id)
    query = query.group_by(Procurement.id, Procurement.reference, Procurement.title)
    ordered = query.order_by(func.sum(table.c.kwh).desc(), Procurement.id)
    return db.session.execute(ordered.limit(limit).offset(offset)).all()


def project_periods(procurement_id: int, year: int) -> list:
    """The period reports counted for a project in the year, with what each added."""
    table = StatisticContribution.__table__
    query = (
        select(
            PeriodReport.id, PeriodReport.period_start, PeriodReport.period_end,
            PeriodReport.version, PeriodReport.accepted_at,
            *(func.sum(table.c[m]).label(m) for m in ("kwh", "litres", "hours", "km",
                                                      "fossil_co2e_kg")),
        )
        .join(PeriodReport, PeriodReport.id == table.c.period_report_id)
        .where(table.c.procurement_id == procurement_id, table.c.year == year)
        .group_by(PeriodReport.id, PeriodReport.period_start, PeriodReport.period_end,
                  PeriodReport.version, PeriodReport.accepted_at)
        .order_by(PeriodReport.period_start)
    )  # fmt: skip
    return db.session.execute(query).all()


def awarded_tender_id(procurement_id: int) -> int | None:
    return db.session.scalar(
        select(AwardDecision.tender_id).where(AwardDecision.procurement_id == procurement_id)
    )
