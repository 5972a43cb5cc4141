"""Counting the statistics as contracts are awarded and period reports accepted.

Each source document (an awarded tender's plan, an accepted period report) adds its cells to
statistic_contribution, and the same figures to the organisation's monthly sums
(statistic_month) and to the contract's covered days (statistic_coverage), in the transaction
that awards or accepts. A corrected report, once accepted, takes back exactly what its earlier
version added. The pages read the sums, never the reports.
"""

from datetime import date

from sqlalchemy import delete
from sqlalchemy import select
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite

from checker.assessment.emissions import Factors
from checker.assessment.emissions import load_factors
from checker.assessment.engine import assess
from checker.followup.inherit import askable_ids
from checker.followup.inherit import effective_tender
from checker.statistics.activity import fuel_rules
from checker.statistics.activity import judged_sustainable
from checker.statistics.activity import period_cells
from checker.statistics.activity import plan_cells
from checker.statistics.cells import MEASURES
from checker.statistics.cells import Cells
from checker.statistics.completeness import coverage_of
from checker.statistics.factors import factor_table
from checker.web.evaluation.assessments import engine_decisions
from checker.web.extensions import db
from checker.web.models import PeriodReport
from checker.web.models import Procurement
from checker.web.models import StatisticContribution
from checker.web.models import StatisticCoverage
from checker.web.models import StatisticFactorFile
from checker.web.models import StatisticMonth
from checker.web.models import StatisticRevision
from checker.web.models import Tender
from checker.web.models.statistics import EXPECTED_COLUMNS
from checker.web.models.statistics import MONTH_COLUMNS
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.procurements.workflow import ruleset_changed_since

MONTH_KEY = (
    "organisation_id",
    "year",
    "basis",
    "month",
    "source",
    "energy_carrier",
    "ruleset_id",
    "factor_file_id",
)
COVERAGE_KEY = ("procurement_id", "year")


def factor_file(factors: Factors) -> StatisticFactorFile:
    """The stored copy of a factor file's factors, made the first time it is used."""
    found = db.session.scalar(
        select(StatisticFactorFile).where(StatisticFactorFile.sha256 == factors.sha256)
    )
    if found is None:
        found = StatisticFactorFile(
            factors_id=factors.id,
            version=factors.version,
            sha256=factors.sha256,
            carriers=factor_table(factors, factors.carriers),
        )
        db.session.add(found)
        db.session.flush()
    return found


def _sustainable(procurement: Procurement, tender: Tender, effective: dict, as_of) -> frozenset:
    """The fuels the rule set's fuel rules pass for these entries (none without a usable rule
    set: a rule file edited since publishing judges nothing)."""
    ruleset = chosen_ruleset(procurement)
    if ruleset is None or ruleset_changed_since(procurement, ruleset):
        return frozenset()
    askable = askable_ids(effective)
    decisions = {k: v for k, v in engine_decisions(tender).items() if k in askable}
    assessment = assess(
        ruleset,
        procurement.level,
        procurement.tailoring or None,
        effective,
        decisions=decisions,
        as_of=as_of,
    )
    return judged_sustainable(assessment["results"], fuel_rules(ruleset))


def _merged(rows: list[dict], key: tuple, adding: tuple) -> list[dict]:
    """Rows with the same key added into one, in key order: one statement may touch a row only
    once, and taking rows in one order keeps two transactions from waiting on each other."""
    merged: dict[tuple, dict] = {}
    for row in rows:
        found = merged.get(tuple(row[k] for k in key))
        if found is None:
            merged[tuple(row[k] for k in key)] = dict(row)
        else:
            for name in adding:
                found[name] += row[name]
    return [merged[k] for k in sorted(merged)]


def _upsert(model, key: tuple, rows: list[dict], adding: tuple, replacing: tuple = ()) -> None:
    """Add the rows' figures onto the rows with the same key (and replace the `replacing`
    columns), inserting those not there yet."""
    if not rows:
        return
    table = model.__table__
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(_merged(rows, key, adding))
    changes = {name: table.c[name] + statement.excluded[name] for name in adding}
    changes |= {name: statement.excluded[name] for name in replacing}
    statement = statement.on_conflict_do_update(index_elements=list(key), set_=changes)
    db.session.execute(statement)


def _apply(procurement: Procurement, contributions: list[dict], sign: float) -> None:
    """Add (sign 1) or take back (sign -1) contributions from the organisation's monthly sums."""
    ruleset_id = procurement.ruleset_id or ""
    rows = [
        {name: row[name] for name in MONTH_KEY if name != "ruleset_id"}
        | {"ruleset_id": ruleset_id}
        | {measure: sign * row[measure] for measure in MEASURES}
        for row in contributions
    ]
    _upsert(StatisticMonth, MONTH_KEY, rows, MEASURES)


def _coverage_row(procurement: Procurement, year: int) -> dict:
    return {
        "organisation_id": procurement.organisation_id,
        "procurement_id": procurement.id,
        "year": year,
        "first_day": 0,
        "last_day": 0,
    } | dict.fromkeys(MONTH_COLUMNS + EXPECTED_COLUMNS, 0)


def _cover(procurement: Procurement, start: date, end: date, sign: int) -> None:
    """Add (or take back) the days of a period to the contract's covered days."""
    years: dict[int, dict] = {}
    for (year, month), days in coverage_of([(start, end)]).items():
        row = years.setdefault(year, _coverage_row(procurement, year))
        row[MONTH_COLUMNS[month - 1]] = sign * days
    _upsert(StatisticCoverage, COVERAGE_KEY, list(years.values()), MONTH_COLUMNS)
    _revise(procurement)


def _calendar(procurement: Procurement) -> None:
    """The contract's days in each of its years (day of the year it starts and ends), so the
    days expected can be counted; the days covered are kept."""
    start, end = procurement.contract_start, procurement.contract_end
    if start is None or end is None:
        return
    rows = []
    for year in range(start.year, end.year + 1):
        row = _coverage_row(procurement, year)
        row["first_day"] = start.timetuple().tm_yday if year == start.year else 1
        row["last_day"] = (
            end.timetuple().tm_yday if year == end.year else date(year, 12, 31).timetuple().tm_yday
        )
        for (in_year, month), days in coverage_of([(start, end)]).items():
            if in_year == year:
                row[EXPECTED_COLUMNS[month - 1]] = days
        rows.append(row)
    replaced = ("first_day", "last_day", *EXPECTED_COLUMNS)
    _upsert(StatisticCoverage, COVERAGE_KEY, rows, (), replaced)
    _revise(procurement)


def _revise(procurement: Procurement) -> None:
    """The organisation's figures changed: pages computed before are out of date."""
    row = {"organisation_id": procurement.organisation_id, "revision": 1}
    _upsert(StatisticRevision, ("organisation_id",), [row], ("revision",))


def _store(procurement, tender, report_id, cells: Cells, file: StatisticFactorFile) -> None:
    contributions = [
        {
            "organisation_id": procurement.organisation_id,
            "procurement_id": procurement.id,
            "tender_id": tender.id,
            "period_report_id": report_id,
            "basis": basis,
            "year": year,
            "month": month,
            "source": source,
            "energy_carrier": carrier,
            "factor_file_id": file.id,
        }
        | figures
        for (basis, year, month, source, carrier), figures in sorted(cells.items())
    ]
    if contributions:
        db.session.execute(StatisticContribution.__table__.insert(), contributions)
    _apply(procurement, contributions, 1.0)
    _revise(procurement)


def _take_back(procurement: Procurement, where) -> None:
    """Remove contributions (and their part of the monthly sums) matching the condition."""
    table = StatisticContribution.__table__
    rows = [dict(row._mapping) for row in db.session.execute(select(table).where(where))]
    _apply(procurement, rows, -1.0)
    db.session.execute(delete(table).where(where))
    _revise(procurement)


def plan_figures(procurement: Procurement, tender: Tender, factors: Factors) -> Cells:
    """The awarded tender's plan by month (nothing without contract dates to spread it over)."""
    if procurement.contract_start is None or procurement.contract_end is None:
        return {}  # completeness names the contract
    sustainable = _sustainable(procurement, tender, tender.data, None)
    return plan_cells(
        tender.data, procurement.contract_start, procurement.contract_end, factors, sustainable
    )


def record_plan(procurement: Procurement, tender: Tender, factors: Factors | None = None) -> None:
    """Count the awarded tender's plan, spread over the contract's days (again, if counted)."""
    table = StatisticContribution.__table__
    _take_back(
        procurement,
        (table.c.procurement_id == procurement.id) & (table.c.period_report_id.is_(None)),
    )
    factors = factors or load_factors()
    _store(
        procurement, tender, None, plan_figures(procurement, tender, factors), factor_file(factors)
    )
    _calendar(procurement)


def _counted(tender: Tender) -> dict[date, PeriodReport]:
    """The report counted for each period of the tender (the one with contributions)."""
    counted = db.session.scalars(
        select(PeriodReport)
        .where(
            PeriodReport.tender_id == tender.id,
            PeriodReport.id.in_(
                select(StatisticContribution.period_report_id).where(
                    StatisticContribution.procurement_id == tender.procurement_id
                )
            ),
        )
        .order_by(PeriodReport.period_start)
    )
    return {report.period_start: report for report in counted}


def _has_plan(procurement: Procurement) -> bool:
    table = StatisticContribution.__table__
    return (
        db.session.scalar(
            select(table.c.id)
            .where(table.c.procurement_id == procurement.id, table.c.period_report_id.is_(None))
            .limit(1)
        )
        is not None
    )


def period_figures(report: PeriodReport, earlier: list[dict], factors: Factors) -> Cells:
    """What ran in an accepted period, by month; earlier are the data of the periods before it
    (exception requests made in them stay asked for)."""
    tender = report.tender
    effective = effective_tender(tender.data, report.data, earlier)
    as_of = report.period_end.isoformat()
    sustainable = _sustainable(tender.procurement, tender, effective, as_of)
    return period_cells(effective, report.data["period"], factors, sustainable)


def count_period(report: PeriodReport, factors: Factors | None = None) -> None:
    """Count an accepted period report, in place of the version of the same period counted
    before it (an older version never replaces a newer one)."""
    tender, procurement = report.tender, report.tender.procurement
    counted = _counted(tender)
    before = counted.get(report.period_start)
    if before is not None and (before.id == report.id or before.version > report.version):
        return
    factors = factors or load_factors()
    if not _has_plan(procurement):
        record_plan(procurement, tender, factors)
    if before is not None:
        _take_back(procurement, StatisticContribution.period_report_id == before.id)
        _cover(procurement, before.period_start, before.period_end, -1)
    earlier = [r.data for start, r in counted.items() if start < report.period_start]
    cells = period_figures(report, earlier, factors)
    _store(procurement, tender, report.id, cells, factor_file(factors))
    _cover(procurement, report.period_start, report.period_end, 1)
