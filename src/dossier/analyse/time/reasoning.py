"""Calendar arithmetic and the year/weekday reasoning behind resolved values.

TIMEX3 values at each granularity (``2025-11-28``, ``2025-W47``, ``2025-11``,
``2025-Q4``, ``2025``), shifting a date by units, choosing a year for a date
written without one, and the most recent / next given weekday.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from dossier.calendar import year_for_month_day

__all__ = [
    "value_at",
    "shift",
    "quarter_of",
    "nearest_year",
    "weekday_near",
    "year_for_month_day",
    "SEASON_MONTHS",
    "weekday_name",
]

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Season code → its first month (winter starts in December).
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def quarter_of(date: dt.date) -> int:
    """1–4."""
    return (date.month - 1) // 3 + 1


@lru_cache(maxsize=4096, typed=True)  # pure, called for most expressions
def value_at(date: dt.date, granularity: str) -> str:
    """The TIMEX3 value of ``date`` at ``granularity`` (day, week, month, quarter, year, decade, century)."""
    if granularity == "day":
        return date.isoformat()
    if granularity == "week":
        year, week, _ = date.isocalendar()
        return f"{year}-W{week:02d}"
    if granularity == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if granularity == "quarter":
        return f"{date.year:04d}-Q{quarter_of(date)}"
    if granularity == "half":
        return f"{date.year:04d}-H{1 if date.month <= 6 else 2}"
    if granularity == "decade":
        return f"{date.year // 10:03d}"
    if granularity == "century":
        return f"{date.year // 100:02d}"
    return f"{date.year:04d}"


def _add_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    day = min(date.day, [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month])
    return dt.date(year, month + 1, day)


@lru_cache(maxsize=4096, typed=True)  # pure, called for most expressions
def shift(date: dt.date, amount: int, unit: str) -> dt.date:
    """``date`` moved by ``amount`` units (D, W, M, Q, Y, E, C; TH/TM/TS count as days)."""
    try:
        if unit in ("D", "TH", "TM", "TS"):
            return date + dt.timedelta(days=amount if unit == "D" else 0)
        if unit in ("W", "WE"):
            return date + dt.timedelta(weeks=amount)
        factor = {"M": 1, "Q": 3, "Y": 12, "E": 120, "C": 1200, "L": 12000}.get(unit, 12)
        return _add_months(date, amount * factor)
    except (ValueError, OverflowError):  # past year 1 or 9999: stay at the calendar's edge
        return date


@lru_cache(maxsize=4096, typed=True)  # pure, called for most expressions
def nearest_year(month: int, day: int | None, reference: dt.date) -> int:
    """The year that puts month/day nearest to ``reference`` (news: within half a year either side)."""
    best = reference.year
    best_gap = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = dt.date(year, month, 15 if day is None else day)
        except ValueError:
            continue
        gap = abs((candidate - reference).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


@lru_cache(maxsize=4096, typed=True)  # pure, called for most expressions
def weekday_near(reference: dt.date, weekday: int, direction: str) -> dt.date:
    """The ``weekday`` (0 = Monday) nearest ``reference`` in ``direction``.

    ``past``: the latest such day not after the reference; ``future``: the first
    not before it; ``last``/``next``: strictly before/after (a week away when
    the reference is that weekday).
    """
    delta = weekday - reference.weekday()
    if direction == "future":
        return reference + dt.timedelta(days=delta % 7)
    if direction == "next":
        return reference + dt.timedelta(days=(delta % 7) or 7)
    if direction == "last":
        return reference - dt.timedelta(days=(-delta % 7) or 7)
    return reference - dt.timedelta(days=-delta % 7)


def weekday_name(weekday: int) -> str:
    """``"Monday"`` … ``"Sunday"``."""
    return _WEEKDAY_NAMES[weekday]
