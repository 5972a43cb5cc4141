"""A year of an organisation's statistics (climate-statistics/1) from the counted figures.

A worker keeps the statistics it computed (STATISTICS_CACHE of them, the least recently used
go first) under the organisation's revision, which every change to its counted figures raises
in the same transaction: a kept result is never older than the figures.
"""

from datetime import date

from flask import current_app
from sqlalchemy import select

from checker import clock
from checker.statistics.months import month_end
from checker.statistics.summary import year_statistics
from checker.web.extensions import db
from checker.web.models import Organisation
from checker.web.models import Procurement
from checker.web.models import StatisticRevision
from checker.web.pagecache import recall
from checker.web.pagecache import remember
from checker.web.statistics import coverage
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


def revision(organisation_id: int) -> int:
    return (
        db.session.scalar(
            select(StatisticRevision.revision).where(
                StatisticRevision.organisation_id == organisation_id
            )
        )
        or 0
    )


class Kept:
    """What a worker keeps for one set of figures: the statistics, and the page's figures as
    rendered in each language (rendered by the view, once)."""

    def __init__(self, statistics: dict):
        self.statistics = statistics
        self.rendered: dict[str, str] = {}


def statistics_entry(
    organisation: Organisation,
    filters: Filters,
    through: int | None = None,
    named: int | None = 20,
) -> Kept:
    """The kept statistics for these filters, computed now if the figures changed since."""
    today = clock.today_in_norway()
    through = through or default_through(filters.year, today)
    window = as_of(filters.year, through, today)
    size = current_app.config.get("STATISTICS_CACHE", 0)
    if not size:
        return Kept(_compute(organisation, filters, through, window, named))
    key = (organisation.id, filters, through, window, named, revision(organisation.id))
    found = recall("statistics_cache", key)
    if found is None:
        found = Kept(_compute(organisation, filters, through, window, named))
        remember("statistics_cache", key, found, size)
    return found


def organisation_statistics(
    organisation: Organisation,
    filters: Filters,
    through: int | None = None,
    named: int | None = 20,
) -> dict:
    """The year's statistics for the organisation, within the filters; `named` contracts with
    gaps or without dates are named (all with None). The result is shared: do not change it."""
    return statistics_entry(organisation, filters, through, named).statistics


def _compute(organisation, filters, through, window, named) -> dict:
    return year_statistics(
        queries.cells(organisation.id, filters),
        filters.year,
        through=through,
        factors=queries.factor_files(organisation.id, filters),
        completeness=coverage.completeness(organisation.id, filters, through, window, named),
        scope={
            "organisation": {"name": organisation.name, "org_number": organisation.org_number},
            "project": _reference(filters.procurement_id),
            "ruleset": filters.ruleset_id,
            "source": filters.source,
        },
    )
