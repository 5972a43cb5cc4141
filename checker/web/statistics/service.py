"""A year of an organisation's statistics (climate-statistics/1) from the counted figures."""

from datetime import date

from checker import clock
from checker.statistics.completeness import completeness
from checker.statistics.months import month_end
from checker.statistics.summary import year_statistics
from checker.web.extensions import db
from checker.web.models import Organisation
from checker.web.models import Procurement
from checker.web.statistics import queries
from checker.web.statistics.queries import Filters


def default_through(year: int, today: date) -> int:
    """The last month the year to date runs to: a past year's December; this year's last
    complete month (January while January is still running)."""
    if year < today.year:
        return 12
    if year > today.year:
        return 1
    return max(1, today.month - 1)


def as_of(year: int, through: int, today: date) -> date:
    """The last day the completeness expects reports for: the end of the month through, never
    after today."""
    return min(month_end(year, through), today)


def _reference(procurement_id: int | None) -> str | None:
    if procurement_id is None:
        return None
    return db.session.get(Procurement, procurement_id).reference


def organisation_statistics(
    organisation: Organisation, filters: Filters, through: int | None = None
) -> dict:
    """The year's statistics for the organisation, within the filters."""
    today = clock.today_in_norway()
    through = through or default_through(filters.year, today)
    contracts = queries.coverage(organisation.id, filters)
    return year_statistics(
        queries.cells(organisation.id, filters),
        filters.year,
        through=through,
        factors=queries.factor_files(organisation.id, filters),
        completeness=completeness(contracts, filters.year, as_of(filters.year, through, today)),
        scope={
            "organisation": {"name": organisation.name, "org_number": organisation.org_number},
            "project": _reference(filters.procurement_id),
            "ruleset": filters.ruleset_id,
            "source": filters.source,
        },
    )
