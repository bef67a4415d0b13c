"""Calendar reasoning shared by ingestion (reference dates) and the time tagger.

Pure functions, no dependencies beyond the standard library.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "ExplicitDate",
    "explicit_dates",
    "year_for_month_day",
    "latest_explicit_date",
    "week_of",
]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

_MONTH_RE = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY_RE = r"(?:(?P<weekday>Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+)?"
_MONTH_DAY = re.compile(
    _WEEKDAY_RE + _MONTH_RE + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
_DAY_MONTH = re.compile(
    _WEEKDAY_RE + r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")


@dataclass(frozen=True, slots=True)
class ExplicitDate:
    """A calendar date written in the text, with how its year was chosen."""

    date: dt.date
    start: int
    end: int
    note: str
    weekday_conflict: bool = False


def year_for_month_day(month: int, day: int, weekday: int | None, today: dt.date) -> tuple[int | None, str]:
    """Choose a year for a month/day written without one.

    With a weekday: the most recent year, not after ``today``'s year, in which the
    date falls on that weekday (looking back 28 years, a full calendar cycle).
    Without: the year that puts the date nearest to, and not after, ``today``.

    Returns:
        ``(year, reasoning)``; year is None if no year in the window fits.
    """
    if weekday is not None:
        for year in range(today.year, today.year - 29, -1):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                continue
            if candidate.weekday() == weekday and candidate <= today + dt.timedelta(days=7):
                return year, (
                    f"no year written; {candidate:%A} {candidate:%b} {day} falls on that weekday in {year}, "
                    f"the most recent such year not after {today.isoformat()}"
                )
        return None, "no year written and no recent year puts that date on that weekday"
    for year in (today.year, today.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return year, f"no year written; took {year}, the latest year not after {today.isoformat()}"
    return None, "no valid year for that date"


def explicit_dates(text: str, today: dt.date | None = None) -> list[ExplicitDate]:
    """Every month-day date in ``text`` that resolves to a calendar date.

    Years are taken from the text where written, otherwise reasoned with
    :func:`year_for_month_day`.  A weekday that contradicts the written date is
    flagged (``weekday_conflict``), not silently accepted.
    """
    today = today or dt.date.today()
    matches: list[re.Match[str]] = []
    # Taken spans stay sorted and disjoint, so only the one starting last before a
    # match's end can overlap it: a bisect keeps this linear-ish on 50 MB inputs.
    starts: list[int] = []
    ends: list[int] = []
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for m in pattern.finditer(text):
            i = bisect.bisect_left(starts, m.end())
            if i > 0 and ends[i - 1] > m.start():
                continue
            matches.append(m)
            starts.insert(i, m.start())
            ends.insert(i, m.end())
    # A year written, or fixed by a weekday, anywhere in the text is the text's year:
    # "Nov. 21" beside "Friday, Nov. 28" belongs to the same year as the Friday.
    text_year: tuple[int, str] | None = None
    for m in matches:
        if m.group("year"):
            text_year = (int(m.group("year")), f"year {m.group('year')} written in {m.group(0)!r}")
            break
        if m.group("weekday"):
            year, _ = year_for_month_day(
                MONTHS[m.group("month").lower().rstrip(".")], int(m.group("day")),
                WEEKDAYS[m.group("weekday").lower()], today,
            )
            if year is not None:
                text_year = (year, f"year {year} fixed by the weekday in {m.group(0)!r}")
    found: list[ExplicitDate] = []
    for m in matches:
        month = MONTHS[m.group("month").lower().rstrip(".")]
        day = int(m.group("day"))
        weekday = WEEKDAYS[m.group("weekday").lower()] if m.group("weekday") else None
        if m.group("year"):
            year, note = int(m.group("year")), "year written"
        elif weekday is None and text_year is not None:
            year, note = text_year[0], f"no year written; {text_year[1]}"
        else:
            year, note = year_for_month_day(month, day, weekday, today)
        if year is None:
            continue
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        conflict = weekday is not None and date.weekday() != weekday
        found.append(ExplicitDate(date, m.start(), m.end(), note, conflict))
    for m in _ISO.finditer(text):
        try:
            date = dt.date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        except ValueError:
            continue
        found.append(ExplicitDate(date, m.start(), m.end(), "ISO date"))
    return sorted(found, key=lambda d: d.start)


def latest_explicit_date(text: str, today: dt.date | None = None) -> ExplicitDate | None:
    """The latest explicit date written in ``text`` (for inferring a reference date)."""
    today = today or dt.date.today()
    dates = [d for d in explicit_dates(text, today) if d.date <= today and not d.weekday_conflict]
    return max(dates, key=lambda d: d.date, default=None)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of "the week of <day>" as US news means it.

    The week that holds the day; a Sunday named so starts its week ("the week
    of Nov. 16", a Sunday, is Nov. 16-22), any other day lies in the Monday to
    Sunday week around it ("the week of March 6", a Monday, is March 6-12).
    """
    start = day if day.weekday() == 6 else day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)
