"""The one clock of the product: the current moment (aware, UTC), the Oslo time zone, and today's
date in Norway. Every module asks here, so tests move time in one place (`frozen`)."""

from contextlib import contextmanager
from datetime import UTC
from datetime import date
from datetime import datetime
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")
_frozen: list[datetime] = []


def now() -> datetime:
    """The current moment in UTC (or the moment a test froze)."""
    return _frozen[-1] if _frozen else datetime.now(UTC)


def today_in_norway() -> date:
    """The calendar date in Norway now: deadlines and expiry dates are Norwegian dates."""
    return now().astimezone(OSLO).date()


@contextmanager
def frozen(moment: datetime):
    """Stop the clock at an aware moment for the duration of a block (tests, replays)."""
    if moment.tzinfo is None:
        raise ValueError("freeze the clock at an aware datetime")
    _frozen.append(moment.astimezone(UTC))
    try:
        yield moment
    finally:
        _frozen.pop()
