"""Periods and months: a period spanning two months or years is split by its days."""

import calendar
from datetime import date
from datetime import timedelta

Month = tuple[int, int]  # (year, month)


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_end(year: int, month: int) -> date:
    return date(year, month, days_in_month(year, month))


def days_between(start: date, end: date) -> int:
    """Days from start to end, both included; 0 when end is before start."""
    return max(0, (end - start).days + 1)


def month_days(start: date, end: date) -> list[tuple[Month, int]]:
    """((year, month), days) for every month the span touches, both ends included."""
    found = []
    cursor = start
    while cursor <= end:
        last = min(end, month_end(cursor.year, cursor.month))
        found.append(((cursor.year, cursor.month), days_between(cursor, last)))
        cursor = last + timedelta(days=1)
    return found


def month_shares(start: date, end: date) -> list[tuple[Month, int, float]]:
    """((year, month), days, share of the span) for each month: the shares add up to 1.

    15.12.2026–14.01.2027 is 31 days: 17/31 in December 2026 and 14/31 in January 2027.
    """
    total = days_between(start, end)
    return [(month, days, days / total) for month, days in month_days(start, end)]


def overlap_days(start: date, end: date, window_start: date, window_end: date) -> int:
    return days_between(max(start, window_start), min(end, window_end))


def month_label(year: int, month: int) -> str:
    """03.2027, the way the reports write a month."""
    return f"{month:02d}.{year}"
