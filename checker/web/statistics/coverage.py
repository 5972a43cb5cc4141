"""How complete the counted figures are, counted by the database: one row per contract and
year (statistic_coverage) holds the days expected (from the contract's dates) and covered (by
accepted reports), so a year's completeness costs one aggregate query, not a loop over every
contract. The arithmetic is checker.statistics.completeness's, which names a contract's
missing months."""

from datetime import date

from sqlalchemy import and_
from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import literal
from sqlalchemy import or_

from checker.statistics.completeness import ContractCoverage
from checker.statistics.completeness import contract_gaps
from checker.statistics.months import month_end
from checker.web.extensions import db
from checker.web.models import Procurement
from checker.web.models import StatisticCoverage
from checker.web.models.statistics import EXPECTED_COLUMNS
from checker.web.models.statistics import MONTH_COLUMNS
from checker.web.statistics.queries import Filters
from checker.web.statistics.queries import awarded_contracts


def _day(moment: date) -> int:
    return moment.timetuple().tm_yday


def _extremes():
    """GREATEST and LEAST as the database spells them (SQLite's max() and min() of several)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.greatest, func.least
    return func.max, func.min


def _months(year: int, through: int, as_of: date):
    """(expected, covered) expressions for each month 1..through with days up to as_of: a month
    already over reads the days the contract runs in it, stored at the award; only a month
    still running when as_of falls in it needs the contract's first and last day."""
    greatest, least = _extremes()
    c = StatisticCoverage.__table__.c
    found = []
    for month in range(1, through + 1):
        first, last = date(year, month, 1), month_end(year, month)
        if as_of < first:
            break
        if as_of >= last:
            expected = c[EXPECTED_COLUMNS[month - 1]]
        else:
            running = least(c.last_day, literal(_day(as_of))) - greatest(
                c.first_day, literal(_day(first))
            )
            expected = case((c.first_day == 0, literal(0)), else_=greatest(literal(0), running + 1))
        found.append((expected, least(c[MONTH_COLUMNS[month - 1]], expected)))
    return found


def _contracts(organisation_id: int, filters: Filters):
    c = StatisticCoverage.__table__.c
    return awarded_contracts(organisation_id, filters).join(
        StatisticCoverage, and_(c.procurement_id == Procurement.id, c.year == filters.year)
    )


def completeness(
    organisation_id: int, filters: Filters, through: int, as_of: date, named: int | None = 20
) -> dict:
    """The year's completeness to as_of, as checker.statistics.completeness gives it, with up to
    `named` contracts with gaps and without dates named (all with None) and their counts."""
    months = _months(filters.year, through, as_of)
    expected = sum((e for e, _ in months), literal(0))
    covered = sum((c for _, c in months), literal(0))
    gap = or_(*(c < e for e, c in months)) if months else literal(False)
    totals = db.session.execute(
        _contracts(organisation_id, filters).with_only_columns(
            func.count(case((expected > 0, 1))),
            func.coalesce(func.sum(expected), 0),
            func.coalesce(func.sum(covered), 0),
            func.count(case((gap, 1))),
        )
    ).one()
    gaps = _named_gaps(organisation_id, filters, gap, through, as_of, named)
    undated = _undated(organisation_id, filters)
    listed = undated if named is None else undated.limit(named)
    return {
        "year": filters.year,
        "as_of": as_of.isoformat(),
        "contracts": totals[0],
        "complete": totals[0] - totals[3],
        "expected_days": totals[1],
        "covered_days": totals[2],
        "share": totals[2] / totals[1] if totals[1] else None,
        "is_complete": totals[3] == 0 and not db.session.execute(undated.limit(1)).first(),
        "gaps_count": totals[3],
        "with_gaps": gaps,
        "undated_count": db.session.scalar(undated.with_only_columns(func.count()).order_by(None)),
        "undated": [dict(row._mapping) for row in db.session.execute(listed)],
    }


def _named_gaps(organisation_id, filters, gap, through, as_of, named) -> list[dict]:
    c = StatisticCoverage.__table__.c
    query = (
        _contracts(organisation_id, filters)
        .with_only_columns(
            Procurement.id, Procurement.reference, Procurement.title, Procurement.contract_start,
            Procurement.contract_end, *(c[column] for column in MONTH_COLUMNS),
        )
        .where(gap)
        .order_by(Procurement.reference, Procurement.id)
    )  # fmt: skip
    if named is not None:
        query = query.limit(named)
    found = []
    for row in db.session.execute(query):
        days = {(filters.year, n + 1): row[5 + n] or 0 for n in range(12)}
        contract = ContractCoverage(row[0], row[1], row[2], row[3], row[4], days)
        window = min(as_of, month_end(filters.year, through))
        named_contract = {"id": row[0], "reference": row[1], "title": row[2]}
        found.append(named_contract | contract_gaps(contract, filters.year, window))
    return found


def _undated(organisation_id: int, filters: Filters):
    return (
        awarded_contracts(organisation_id, filters)
        .with_only_columns(Procurement.id, Procurement.reference, Procurement.title)
        .where(or_(Procurement.contract_start.is_(None), Procurement.contract_end.is_(None)))
        .order_by(Procurement.reference, Procurement.id)
    )
