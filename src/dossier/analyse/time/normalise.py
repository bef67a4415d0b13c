"""Normalisation: from a recognised match to a TIMEX3 type and value.

One function per rule of :mod:`dossier.analyse.time.rules`.  Each gets the
rule's groups and the :class:`Anchoring` state of the document, and returns a
:class:`Found` or None when the match is not a time expression after all
("May" the verb, "a second strike", "March" the noun).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable

from dossier.analyse.time.anchoring import Anchoring
from dossier.calendar import MONTHS, week_of
from dossier.analyse.time.lexicon import (
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    SPELLED_DECADES,
    SPELLED_YEAR,
    month_number,
    parse_number,
    spelled_year,
    unit_code,
    weekday_number,
)
from dossier.analyse.time.reasoning import (
    SEASON_MONTHS,
    nearest_year,
    quarter_of,
    shift,
    value_at,
    weekday_name,
    weekday_near,
    year_for_month_day,
)

__all__ = ["Found", "NORMALISERS"]

Groups = dict[str, "str | None"]
_MONTH_KEYS = frozenset(MONTHS)
#: Context patterns of the normalisers, compiled once.
_MONTH_DAY_WORDS = re.compile(r"([A-Za-z]+\.?)\s+(\d{1,2})")
_AND_OR_BEFORE = re.compile(r"\b(?:and|or)\s*$", re.IGNORECASE)
_VERB_OR_NOUN_AFTER = re.compile(r"\s+(?:be|have|not|also|still|well|the|a|in|on|against|to|through|for)\b")
_FOR_BEFORE = re.compile(r"\b(?:for|over|during|throughout|through)\s+$")
_FOR_ONLY_BEFORE = re.compile(r"\bfor\s+$", re.IGNORECASE)
_FINANCIAL_CONTEXT = re.compile(r"\b(?:year|fiscal|profit|earnings|sales|revenue|quarter|economy|growth)", re.IGNORECASE)
_AGE_AFTER = re.compile(r"[\s-]+old\b")
_RATE_BEFORE = re.compile(r"(?:\d|%|million|billion|cents?|dollars?|percent)\s*$")
_NUMBER_LABEL_BEFORE = re.compile(r"(?:no\.|number|route|flight|room|\bpage|\bp\.|\bbill|\bsection|\bh\.r\.)\s*$")
_SEASON_OF = re.compile(r"(?:the\s+)?(spring|summer|fall|autumn|winter)(?:\s+of)?$")
#: "daily" as a noun or the name of a paper, not how often: "the daily newspaper", "daily bread".
_DAILY_NOUN_AFTER = re.compile(r"\s+(?:newspaper|paper|news|bread)")
_NOW_PREPOSITION = re.compile(r"(?:until|till|by|from)\s+")
_FIRST_WORD = re.compile(r"\S+\s+")
_LOWER_WORD_AFTER = re.compile(r"\s+[a-z]")
_CURRENT_NOUN_AFTER = re.compile(r"\s+(?:account|affairs|events|law|rules|system|form|version|policy|crisis|strategy|situation|location|members?|state)")
_RECENT_UNIT_AFTER = re.compile(r"\s+(?:weeks|months|days|years|times|history|past|decades?)\b")
_WORD_AFTER = re.compile(r"\s+\w")
_FUTURE_NOUN_AFTER = re.compile(r"\s+(?:of|is|will|generations|years|plans|quarters|months)\b")
_DURATION_CUE_BEFORE = re.compile(r"\b(?:for|over|in|within|took|take|takes|after|lasted|last)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(slots=True)
class Found:
    """A recognised and normalised expression (before it becomes a :class:`~dossier.model.Timex`)."""

    start: int
    end: int
    type: str
    value: str
    granularity: str | None = None
    anchor: str | None = None
    anchor_source: str | None = None
    mod: str | None = None
    confidence: float = 0.9
    note: str = ""
    flags: tuple[str, ...] = field(default=())
    date: dt.date | None = None  # the day it resolves to, for narrative anchoring
    text: str = ""  # the expression's text, once the tagger has kept it
    rule: str = ""  # the rule that recognised it


_MODS = {"early": "START", "late": "END", "mid": "MID", "earlier": "START", "later": "END"}
_GRAN_LETTER = {"D": "day", "W": "week", "WE": "week", "M": "month", "Q": "quarter", "Y": "year", "E": "decade", "C": "century"}

#: How fine each granularity is (a date can give the week, month or year it falls in, not the reverse).
_GRAN_ORDER = {"year": 1, "half": 2, "quarter": 3, "season": 3, "month": 4, "week": 5, "day": 6, "time": 7}


def _mod(words: str | None) -> str | None:
    if not words:
        return None
    w = words.lower().strip(" -")
    if w in _MODS:
        return _MODS[w]
    if "end" in w or "close" in w:
        return "END"
    if "beginning" in w or "start" in w:
        return "START"
    if "middle" in w:
        return "MID"
    return None


def _cap(word: str | None) -> bool:
    return bool(word) and word[0].isupper()  # type: ignore[index]


def _absolute(start: int, end: int, type_: str, value: str, gran: str, date: dt.date | None = None,
              note: str = "", confidence: float = 0.95, mod: str | None = None) -> Found:
    return Found(start, end, type_, value, gran, None, "absolute", mod, confidence, note, (), date)


def _relative(a: Anchoring, start: int, end: int, type_: str, value: str, gran: str | None,
              date: dt.date | None = None, confidence: float = 0.85, note: str = "",
              mod: str | None = None, narrative: tuple[dt.date, str] | None = None) -> Found:
    if narrative is not None:
        return Found(start, end, type_, value, gran, narrative[0].isoformat(), "narrative", mod, confidence,
                     note or f"anchored on the date mentioned before: {narrative[1]}", (), date)
    return Found(start, end, type_, value, gran, a.reference_iso, a.source, mod, confidence,
                 note or a.note, (), date)


# --- clock times -------------------------------------------------------------------------

def _clock(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    if g["approx"] and g["approx"].strip().lower() == "at":
        s += len(g["approx"])
    day_date, day_note, day_narr = a.reference, "", None
    day_word = g["day"]
    if not day_word:
        # "10:35 a.m. (0735 GMT) Friday", "4 in the morning (4 a.m. EDT Thursday)": the day after a bracket
        later = _DAY_AFTER_BRACKET.match(text, e)
        if later is not None:
            day_word = later.group(1) or later.group(2)
    if day_word:
        resolved = _day_ref(day_word, a, s)
        if resolved is None:
            return None
        day_date, day_note = resolved
    if g["named"]:
        named = g["named"].lower()
        clock = "12:00" if named in ("noon", "midday") else "24:00"
        if not g["day"]:
            return _relative(a, s, e, "TIME", f"{day_date.isoformat()}T{clock}", "time", day_date, 0.6)
    elif g["hour2"]:
        hour = int(g["hour2"]) % 12 + (12 if g["pod"].lower() in ("afternoon", "evening") else 0)
        clock = f"{hour:02d}:00"
    elif g["hour3"]:  # a 24-hour clock, written with its zone: "12:00 UTC"
        clock = f"{int(g['hour3']):02d}:{g['minute3']}"
    else:
        hour = int(g["hour"])
        minute = int(g["minute"] or 0)
        ampm = (g["ampm"] or "").lower()
        if hour > 12 or minute > 59 or (ampm.startswith("o") and hour == 0):
            return None
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        clock = f"{hour:02d}:{minute:02d}"
    value = f"{day_date.isoformat()}T{clock}"
    if g["tz"] and g["tz"].split()[0].upper() in ("UTC", "GMT"):
        value += "Z"  # ISO 8601's designator of UTC; other zones are not written, as TimeBank does
    return _relative(a, s, e, "TIME", value, "time", day_date, 0.9, day_note, narrative=day_narr)


_WEEKDAY_WORD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DAY_AFTER_BRACKET = re.compile(
    rf"\s*\([^()]{{0,30}}?\b({_WEEKDAY_WORD}|today|yesterday|tomorrow)\)|\s*\([^()]{{0,30}}\)\s*,?\s*(?:on\s+)?({_WEEKDAY_WORD}|today|yesterday|tomorrow)\b"
)


def _day_ref(word: str, a: Anchoring, pos: int) -> tuple[dt.date, str] | None:
    """The day of "today", "Friday" or "Nov. 9" next to a clock time."""
    w = word.lower()
    if w == "today":
        return a.reference, ""
    if w == "yesterday":
        return a.reference - dt.timedelta(days=1), ""
    if w == "tomorrow":
        return a.reference + dt.timedelta(days=1), ""
    m = _MONTH_DAY_WORDS.match(word)
    if m and m.group(1).lower().rstrip(".") in _MONTH_KEYS:
        month, day = month_number(m.group(1)), int(m.group(2))
        try:
            return dt.date(nearest_year(month, day, a.reference), month, day), ""
        except ValueError:
            return None
    try:
        weekday = weekday_number(word)
    except KeyError:
        return None
    return weekday_near(a.reference, weekday, a.direction(pos)), ""


def _pod_day(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    resolved = _day_ref(g["day"] or "", a, s)
    if resolved is None:
        return None
    pod = g["pod"].lower()
    if pod in ("noon", "midday"):
        suffix = "T12:00"
    elif pod == "midnight":
        suffix = "T24:00"
    elif "afternoon" in pod:
        suffix = "TAF"
    elif "night" in pod:
        suffix = "TNI"
    else:
        suffix = "TMO"
    return _relative(a, s, e, "TIME", resolved[0].isoformat() + suffix, "time", resolved[0], 0.85)


#: A preposition that makes "the morning" a time: "in the morning", "by mid-afternoon".
_POD_PREPOSITION_BEFORE = re.compile(r"\b(?:in|by|during|until|till|since|from|at|through|throughout)\s+$", re.IGNORECASE)


def _part_of_day(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    """ "in the morning", "by mid-afternoon": that part of the day the text is about.

    The day is the last one mentioned in this sentence or the one before, else the reference date.
    """
    if not _POD_PREPOSITION_BEFORE.search(text, max(0, s - 12), s):
        return None
    pod = g["pod"].lower()
    start = a.sentence_start(s)
    previous = a.sentence_start(start - 1) if start > 0 else 0
    last = a.narrative_before(s)
    if last is not None and last.granularity in ("day", "time") and last.start >= previous:
        day, narrative = last.date, (last.date, last.value)
    else:
        day, narrative = a.reference, None
    return _relative(a, s, e, "TIME", day.isoformat() + "T" + PARTS_OF_DAY[pod], "time", day, 0.6,
                     narrative=narrative)


# --- calendar dates ----------------------------------------------------------------------



def _date(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    if g["iso"]:
        y, m_, d = (int(x) for x in g["iso"].split("-"))
        try:
            date = dt.date(y, m_, d)
        except ValueError:
            return None
        if g["isotime"]:
            return _absolute(s, e, "TIME", f"{date.isoformat()}T{g['isotime']}", "time", date)
        return _absolute(s, e, "DATE", date.isoformat(), "day", date)
    if g["slash"]:
        mo, d, y = (int(x) for x in g["slash"].split("/"))
        y = y + (1900 if y >= 50 else 2000) if y < 100 else y
        try:
            date = dt.date(y, mo, d)
        except ValueError:
            return None
        return _absolute(s, e, "DATE", date.isoformat(), "day", date, confidence=0.8)
    month_word = g["month"] or g["month2"] or g["month3"]
    weekday_word = g["weekday"] or g["weekday3"]
    if not _cap(month_word) or (weekday_word and not _cap(weekday_word)):
        return None
    if month_word.lower() in ("mar", "may", "jun", "jul", "sep", "dec", "jan") and g["month3"]:
        return None  # "3 May" is fine with the full name; "12 mar" is too ambiguous
    day = int(g["day"] or g["day2"] or g["day3"])
    year_text = g["year"] or g["year2"] or g["year3"]
    month = month_number(month_word)
    if not 1 <= day <= 31:
        return None
    weekday = weekday_number(weekday_word) if weekday_word else None
    flags: tuple[str, ...] = ()
    if year_text:
        year, note, source = int(year_text), "year written", "absolute"
    elif a.source == "dct" and not (a.inferred and weekday is not None):
        year = _year_by_tense(month, day, a, s)
        note = f"no year written; took {year} from the reference date {a.reference_iso} and the tense"
        if a.note:
            note += f" ({a.note})"
        source = "dct"
    else:
        # No report date (or one inferred from these very dates): reason from today and the weekday.
        chosen, note = year_for_month_day(month, day, weekday, a.today or a.reference)
        if chosen is None:
            chosen, note = nearest_year(month, day, a.reference), "no year written and no year fits the weekday; took the nearest year"
        year, source = chosen, a.source
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if weekday is not None:
        if date.weekday() != weekday:
            flags = (f"weekday_conflict: {weekday_word} written, but {date.isoformat()} is a {weekday_name(date.weekday())}",)
        elif source == "absolute" or not a.inferred:
            note += f"; {weekday_name(weekday)} agrees with {date.isoformat()}"
    weekof = g["weekof"] or g["weekof2"]
    mod = None
    if weekof:
        value, week_note = _week_of(date)
        note = f"{note}; {week_note}"
        mod, gran = _mod(g["wkmod"] or g["wkmod2"]), "week"
    else:
        value, gran = date.isoformat(), "day"
    confidence = (0.97 if year_text else 0.9) if not flags else 0.6
    anchor = None if source == "absolute" else a.reference_iso
    return Found(s, e, "DATE", value, gran, anchor, source, mod, confidence, note, flags, date)


def _week_of(day: dt.date) -> tuple[str, str]:
    """The value of "the week of <day>" and why (:func:`dossier.calendar.week_of`).

    A Sunday starts its week in US news, Sunday to Saturday: not an ISO week,
    so it is written as the range of its days; any other day gives the ISO
    week that holds it.
    """
    first, last = week_of(day)
    if first.weekday() == 0:
        return value_at(day, "week"), f"the week of {day.isoformat()}: the ISO week holding that day"
    return (f"{first.isoformat()}/{last.isoformat()}",
            f"the week of Sunday {day.isoformat()}: the week it starts, to Saturday {last.isoformat()}")


#: A deadline preposition right before a date: "by February", "until January" look ahead, and so does the day a
#: change takes effect ("a new office, effective Feb. 1").
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|effective)\s+(?:early\s+|mid-?|late\s+)?$")


def _year_by_tense(month: int, day: int | None, a: Anchoring, pos: int) -> int:
    """Year of a month (and day) written without one: news looks back unless the clause looks ahead.

    Past: the latest such date not after the reference date, with two months of
    grace for dates just ahead ("in March" written in February); future (the
    clause looks ahead, or a deadline preposition: "by February"): the first
    not before it.
    """
    ref = a.reference
    day_ = day or 1
    deadline = bool(_DEADLINE_BEFORE.search(a.lowered, max(0, pos - 12), pos))
    future = deadline or a.direction(pos) == "future"
    for year in ((ref.year, ref.year + 1) if future else (ref.year + 1, ref.year, ref.year - 1)):
        try:
            candidate = dt.date(year, month, min(day_, 28) if day is None else day_)
        except ValueError:
            continue
        if future:
            if candidate >= ref - dt.timedelta(days=7 if day and not deadline else 31):
                return year
        elif candidate <= ref + dt.timedelta(days=62):
            return year
    return nearest_year(month, day, ref)


#: Which day of its month the middle of "the first ... week of" it is (the last: three days before the month's end).
_WEEK_MIDDLE_DAY = {"first": 4, "second": 11, "third": 18, "fourth": 25}


def _week_of_month(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    """ "the last week of March": the ISO week holding the middle of those seven days (as ISO's week 1 holds Jan. 4)."""
    if not _cap(g["month"]):
        return None
    month = month_number(g["month"])
    year = int(g["year"]) if g["year"] else _year_by_tense(month, None, a, s)
    which = g["which"].lower()
    if which in _WEEK_MIDDLE_DAY:
        middle = dt.date(year, month, _WEEK_MIDDLE_DAY[which])
    else:
        middle = shift(dt.date(year, month, 1), 1, "M") - dt.timedelta(days=4)
    value = value_at(middle, "week")
    note = f"the {which} week of {middle:%B %Y}: the ISO week holding {middle.isoformat()}, the middle of those seven days"
    if g["year"]:
        return _absolute(s, e, "DATE", value, "week", middle, note=note)
    return _relative(a, s, e, "DATE", value, "week", middle, 0.8, note=note)


def _month_year(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    if not _cap(g["month"]) or g["month"].lower() in ("mar", "jan", "jun", "jul", "dec", "sep"):
        return None
    month = month_number(g["month"])
    if g["spelled"]:
        year = spelled_year(g["spelled"]) or 0
        return _absolute(s, e, "DATE", f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1), mod=_mod(g["dmod"]))
    if g["rel"]:
        year = a.reference.year + {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        date = dt.date(year, month, 1)
        return _relative(a, s, e, "DATE", f"{year:04d}-{month:02d}", "month", date, 0.9, mod=_mod(g["dmod"]))
    year = int(g["year"])
    date = dt.date(year, month, 1)
    return _absolute(s, e, "DATE", f"{year:04d}-{month:02d}", "month", date, mod=_mod(g["dmod"]))


#: Prepositions that make the next capitalised "May" or "March" a month whatever follows ("in May in the court").
_STRONG_MONTH_CUES = re.compile(r"\b(?:in|since|until|till|from|through|during|early|late|mid|last|next|this)\s*-?\s*$",
                                re.IGNORECASE)
_MONTH_CUES = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|through|to|of|early|late|mid|last|next|this|that|during|before|after|between|the|"
    r"and|or|on|for|each|every|past|coming|beginning|end|start|middle|its|their|his|her|our)\s*-?\s*|,\s*)$",
    re.IGNORECASE,
)


#: A day of the month right after a month name: "Oct. 23", "May 5th" (not "May 5%").
_DAY_NUMBER_AFTER = re.compile(r"\.?\s*\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|million|billion|[:,]\d))")


def _month(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    word = g["month"]
    if not _cap(word) or (word.isupper() and len(word) <= 3) or (word.endswith(".") is False and len(word) <= 3 and word != "May"):
        return None
    rel = (g["rel"] or "").lower().split()
    if rel and _DAY_NUMBER_AFTER.match(text, e):
        return None  # "last Oct. 23": a date, which the date rule finds from the month on
    before = text[max(0, s - 14):s]
    if word in ("May", "March") or len(word) > 3:
        # A bare month must be introduced like one: "in May", "last March", "since September".
        if not rel and not g["dmod"] and not _MONTH_CUES.search(before):
            return None
        if word == "May" and not rel and not g["dmod"] and _AND_OR_BEFORE.search(before):
            return None
        strong = _STRONG_MONTH_CUES.search(before)
        if word in ("May", "March") and not strong and _VERB_OR_NOUN_AFTER.match(text[e:e + 12]):
            return None  # a verb ("May be") or a noun ("The March on") after all
    month = month_number(word)
    ref = a.reference
    if "last" in rel or "past" in rel:
        year = ref.year if month < ref.month else ref.year - 1
    elif "next" in rel or "coming" in rel:
        year = ref.year if month > ref.month else ref.year + 1
    elif "this" in rel:
        year = ref.year
    else:
        year = _year_by_tense(month, None, a, s)
    date = dt.date(year, month, 1)
    return _relative(a, s, e, "DATE", f"{year:04d}-{month:02d}", "month", date, 0.85, mod=_mod(g["dmod"]))


# --- quarters and halves -------------------------------------------------------------------

def _fiscal_quarter(ref: dt.date) -> dt.date:
    """The quarter a financial report most likely talks about: the last one completed."""
    return dt.date(ref.year, 3 * (quarter_of(ref) - 1) + 1, 1) - dt.timedelta(days=1)


def _year_phrase(phrase: str | None, ref: dt.date) -> int | None:
    if not phrase:
        return None
    p = phrase.lower()
    if p[:1].isdigit():
        return int(p)
    return ref.year + {"this": 0, "last": -1, "next": 1}[p.split()[0]]


#: "… ended Sept. 30": the last day of a financial period, written right after it.
_ENDED_AFTER = re.compile(r"\s+(?:ended|ending|that\s+ended)\b")
_ENDED_ON_AFTER = re.compile(r"\s+(?:ended|ending|that\s+ended)\s+([A-Z][a-z]{2,8})\.?\s+(\d{1,2})\b")


def _quarter_ended(a: Anchoring, e: int, text: str) -> dt.date | None:
    """The middle of "the quarter ended July 31" (three months to that day), or None if no end is written."""
    m = _ENDED_ON_AFTER.match(text, e)
    if m is None or m.group(1).lower() not in _MONTH_KEYS:
        return None
    month, day = month_number(m.group(1)), int(m.group(2))
    ref = a.reference
    year = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1  # a period reported on has ended
    try:
        end = dt.date(year, month, day)
    except ValueError:
        return None
    return end - dt.timedelta(days=45)


def _quarter(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    ref = a.reference
    if g["ord"]:
        number = ORDINALS[g["ord"].lower()]
        year = _year_phrase(g["year"], ref) or (_year_phrase(g["whose"].split("'")[0] if g["whose"] else None, ref))
        if text[s:e].lower().endswith("quarters"):
            return Found(s, e, "SET", f"XXXX-Q{number}", "quarter", None, None, None, 0.6)
        if year is None:
            start = dt.date(ref.year, 3 * number - 2, 1)
            year = ref.year - 1 if start > ref + dt.timedelta(days=60) else ref.year
        date = dt.date(year, 3 * number - 2, 1)
        return _relative(a, s, e, "DATE", f"{year}-Q{number}", "quarter", date, 0.85)
    if g["final"]:  # "the final quarter of 2009": the fourth of that year
        year = _year_phrase(g["year4"], ref) or ref.year
        return _relative(a, s, e, "DATE", f"{year}-Q4", "quarter", dt.date(year, 10, 1), 0.85)
    rel = (g["rel"] or "").lower()
    if rel == "that":
        # "that quarter": the quarter mentioned last
        last = next((m for m in reversed(a.mentioned) if m.start < s and m.granularity == "quarter"), None)
        if last is None:
            return None
        return _relative(a, s, e, "DATE", last.value, "quarter", last.date, 0.7, narrative=(last.date, last.value))
    middle = _quarter_ended(a, e, text) if rel in ("", "latest", "last", "fiscal", "most recent", "recent") else None
    if middle is not None:
        return _relative(a, s, e, "DATE", value_at(middle, "quarter"), "quarter", middle, 0.75,
                         note="the calendar quarter holding most of the three months to the end written after it")
    base = _fiscal_quarter(ref)
    if rel in ("next", "coming"):
        base = shift(base, 1, "Q")
    elif rel in ("previous", "past", "last") and g["the2"] is None and rel == "last":
        base = base
    elif rel in ("year-earlier", "year-ago", "prior-year", "comparable", "same"):
        base = shift(base, -1, "Y")
    elif rel == "current":
        base = ref
    return _relative(a, s, e, "DATE", value_at(base, "quarter"), "quarter", base, 0.7,
                     note="the quarter most recently reported on at the reference date")


_SAME_UNIT_GRAN = {"quarter": "quarter", "month": "month", "week": "week", "day": "day"}
#: Words of a company's results around "the same period last year" (the words of the expression left out).
_RESULTS_CONTEXT = re.compile(r"\b(?:quarter|earnings|profit|net\s+income|revenue|sales|loss|results)", re.IGNORECASE)


def _same_last_year(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    """ "in January, compared to the same month a year ago", "the corresponding period last year".

    The period is the one the sentence named before (January), else the reference's own (its month, week,
    day; for a quarter, or a "period" in a sentence about results, the quarter most recently reported on;
    else its year), and the value that period a year before.
    """
    what = (g["what"] or g["what2"]).lower()  # "last year's quarter": the same quarter
    gran = _SAME_UNIT_GRAN.get(what)
    last = a.narrative_before(s)
    named = last is not None and last.start >= a.sentence_start(s) and last.granularity in _GRAN_ORDER \
        and last.granularity != "year" and (gran is None or last.granularity == gran)
    if named:
        base, gran = last.date, last.granularity  # type: ignore[union-attr]
    elif gran == "quarter" or gran is None and (_RESULTS_CONTEXT.search(text, a.sentence_start(s), s)
                                                 or _RESULTS_CONTEXT.search(text, e, e + 80)):
        base, gran = _fiscal_quarter(a.reference), "quarter"
    elif gran is None:
        base, gran = a.reference, "year"  # "arrivals rose 5% on the same period last year": which period is not said
    else:
        base = a.reference
    date = shift(base, -1, "Y")
    narrative = (last.date, last.value) if named else None  # type: ignore[union-attr]
    return _relative(a, s, e, "DATE", value_at(date, gran), gran, date, 0.6, narrative=narrative)


def _period(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    """Financial periods: "the year-earlier quarter", "the 1988 third quarter", "year-ago"."""
    ref = a.reference
    fiscal = _fiscal_quarter(ref)
    quarterly = a.quarter_context(s, e)
    if g["bare"]:
        base = shift(fiscal, -1, "Y")
        gran = "quarter" if quarterly else "year"
        return _relative(a, s, e, "DATE", value_at(base, gran), gran, base, 0.6)
    rel = (g["rel"] or "").lower()
    what = " ".join((g["what"] or "").lower().split())
    if g["year"]:
        year = int(g["year"])
        if g["ord"]:
            number = ORDINALS[g["ord"].lower()]
            return _absolute(s, e, "DATE", f"{year}-Q{number}", "quarter", dt.date(year, 3 * number - 2, 1))
        if what in ("quarter", "period"):
            base = dt.date(year, fiscal.month, 1)
            return _relative(a, s, e, "DATE", value_at(base, "quarter"), "quarter", base, 0.6)
        return None
    if g["ord"]:
        if rel not in ("year-earlier", "year-ago", "prior-year", "year earlier"):
            return None
        number = ORDINALS[g["ord"].lower()]
        start = dt.date(ref.year, 3 * number - 2, 1)
        year = (ref.year - 1 if start > ref + dt.timedelta(days=60) else ref.year) - 1
        return _relative(a, s, e, "DATE", f"{year}-Q{number}", "quarter", dt.date(year, 3 * number - 2, 1), 0.75)
    base = shift(fiscal, -1, "Y") if rel not in ("latest", "same", "comparable") else fiscal
    if what in ("nine months", "six months"):
        return Found(s, e, "DURATION", "P9M" if what.startswith("nine") else "P6M", None, None, None, None, 0.6)
    if what == "year":
        if rel in ("latest", "same", "comparable"):
            return None
        return _relative(a, s, e, "DATE", str(ref.year - 1), "year", dt.date(ref.year - 1, 1, 1), 0.6)
    if what == "half":
        return _relative(a, s, e, "DATE", value_at(base, "half"), "half", base, 0.6)
    if rel == "same" and not quarterly:
        return None
    return _relative(a, s, e, "DATE", value_at(base, "quarter"), "quarter", base, 0.65)


#: After "year-end": a noun it qualifies ("year-end results"), so not a date by itself.
_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|to|in|at|for|of|with|from|when|as|but|if|the|a|an|is|was|were|will)\b)[a-z]")
_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)


def _year_end(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    """ "by year-end", "since year end", "around year's end": the last day of a year.

    "since" looks back to the last year-end; a deadline ("by", "until") or a
    clause about what is to come means this year's; otherwise news looks back.
    """
    if _NOUN_AFTER.match(text, e):
        return None
    ref = a.reference
    if _SINCE_BEFORE.search(text, max(0, s - 8), s):
        year = ref.year - 1
    elif _DEADLINE_BEFORE.search(a.lowered, max(0, s - 12), s) or a.direction(s) == "future":
        year = ref.year
    else:
        year = ref.year - 1 if ref.month < 12 else ref.year
    date = dt.date(year, 12, 31)
    return _relative(a, s, e, "DATE", date.isoformat(), "day", date, 0.7, mod="END",
                     note=f"the end of {year}, from the reference date {ref.isoformat()}")


#: A year named right after "the year": "the year two thousand", "the year 2000".
_NAMED_YEAR_AFTER = re.compile(rf"\s+(?:(?P<spelled>{SPELLED_YEAR})|(?P<digits>(?:1[6-9]|20)\d\d))\b", re.IGNORECASE)


def _the_year(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    """ "the year", "the full year", "the weekend": a duration after "for", else the one around the reference."""
    ref = a.reference
    before = text[max(0, s - 12):s].lower()
    unit = g["unit"].lower()
    if unit == "weekend":
        saturday = weekday_near(ref, 5, "past" if a.direction(s) == "past" else "future")
        return _relative(a, s, e, "DATE", value_at(saturday, "week") + "-WE", "week", saturday, 0.6)
    which = " ".join((g["which"] or "").lower().split())
    mod = _mod(g["dmod"])
    named = _NAMED_YEAR_AFTER.match(text, e) if unit == "year" and not which else None
    if named is not None:
        year = int(named.group("digits")) if named.group("digits") else spelled_year(named.group("spelled"))
        if year:
            return _absolute(s, named.end(), "DATE", f"{year:04d}", "year", dt.date(year, 1, 1), mod=mod,
                             note="the year named after it")
    if unit == "month":
        if mod is None:
            return None  # "the month" alone is too vague; "the end of the month" is not
        return _relative(a, s, e, "DATE", value_at(ref, "month"), "month", ref, 0.6, mod=mod)
    if mod is not None:
        return _relative(a, s, e, "DATE", str(ref.year), "year", dt.date(ref.year, 1, 1), 0.6, mod=mod)
    if _FOR_BEFORE.search(before) and "full" not in which or _ENDED_AFTER.match(text, e):
        # "for the year", "the (fiscal) year ended March 31": twelve months, a duration
        return Found(s, e, "DURATION", "P1Y", None, None, None, None, 0.6)
    return _relative(a, s, e, "DATE", str(ref.year), "year", dt.date(ref.year, 1, 1), 0.6)


def _half(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    ref = a.reference
    number = 1 if g["ord"].lower() in ("first", "1st") else 2  # "the last half of 1989" too
    year = _year_phrase(g["year"], ref) or _year_phrase(g["whose"].split("'")[0] if g["whose"] else None, ref)
    if year is None:
        if not _FINANCIAL_CONTEXT.search(text[max(0, s - 80):e + 40]):
            return None
        year = ref.year - 1 if number == 2 and ref.month <= 6 else ref.year
    return _relative(a, s, e, "DATE", f"{year}-H{number}", "half", dt.date(year, 6 * number - 5, 1), 0.7)


# --- durations and shifts ----------------------------------------------------------------

def _duration_value(amount: float | None, code: str) -> str:
    if code == "WE":
        return "P2D" if amount == 1 else ("PXWE" if amount is None else f"P{int(amount * 2)}D")
    time_unit = code.startswith("T")
    letter = code[-1]
    if amount is None:
        # "decades", "centuries": an unknown number of years, as a known number of them is counted ("two decades": P20Y)
        return f"PTX{letter}" if time_unit else "PXY" if code in ("E", "C", "L") else f"PX{letter}"
    if code == "2W":
        amount, letter = amount * 2, "W"
    elif code in ("E", "C", "L"):
        amount, letter = amount * {"E": 10, "C": 100, "L": 1000}[code], "Y"  # "two decades" is P20Y
    if amount != int(amount):
        whole = int(amount)
        smaller = {"Y": ("M", 12), "D": ("H", 24), "TH": ("M", 60), "TM": ("S", 60), "M": ("D", 30),
                   "W": ("D", 7)}.get(code)
        if smaller:
            rest = int(round((amount - whole) * smaller[1]))
            unit2 = smaller[0]
            if time_unit or code == "D":
                head = f"P{whole}D" if code == "D" and whole else "P"
                if code == "D":
                    return f"{head}T{rest}{unit2}"
                return f"PT{whole}{letter}{rest}{unit2}" if whole else f"PT{rest}{unit2}"  # "half an hour": PT30M
            return f"P{whole}{letter}{rest}{unit2}" if whole else f"P{rest}{unit2}"
        return f"P{amount:g}{letter}"
    return f"PT{int(amount)}{letter}" if time_unit else f"P{int(amount)}{letter}"


def _duration(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    if g["unit2"]:
        code = unit_code(g["unit2"])
        if (g["dir2"].lower() in ("past", "last", "previous") and code in ("Y", "M", "E", "C")
                and not _FOR_ONLY_BEFORE.search(text, max(0, s - 6), s)):
            # "in the past year", "over the last decade": the period before the reference one (TimeBank)
            date = shift(a.reference, -1, code)
            gran = _GRAN_LETTER[code]
            return _relative(a, s, e, "DATE", value_at(date, gran), gran, date, 0.6)
        return _relative(a, s, e, "DURATION", _duration_value(1, code), None, confidence=0.75)
    num_text = g["num"]
    unit_text = g["unit"]
    amount = parse_number(num_text)
    if amount is not None and g["half"]:
        amount += 0.5  # "a year and a half"
    code = unit_code(unit_text)
    low = num_text.lower()
    if unit_text.lower() == "second" and low in ("a", "an", "one"):
        return None  # "a second strike", "one second thought": an ordinal, not a duration
    if low in ("a", "an") and text[e:e + 1] == "-":
        return None
    if amount is None and low not in ("several", "a few", "few", "some", "many", "a number of"):
        return None
    if low == "some" and unit_text.lower() in ("day", "time", "year"):
        return None
    if low in ("many", "some") and not unit_text.lower().endswith("s"):
        return None
    if g["tail"] and g["tail"].lower() == "-old" or _AGE_AFTER.match(text[e:e + 6]):
        return None  # an age: "6-year-old", "52 years old"
    if code == "Q" and (low in ("a", "an", "one") or unit_text.lower().endswith("s") and "-" in text[s:e]):
        return None  # a fraction: "a quarter of", "three-quarters"
    if low in ("a", "an") and _RATE_BEFORE.search(text[max(0, s - 12):s]):
        return None  # a rate: "$1.76 a year"
    value = _duration_value(amount, code)
    direction = (g["dir"] or "").lower()
    if amount is not None and amount >= 1000 and code == "Y":
        return None
    confidence = 0.8 if amount is not None else 0.6
    if direction in ("recent",) and amount is None:
        return Found(s, e, "DATE", "PAST_REF", None, a.reference_iso, a.source, None, 0.6)
    return Found(s, e, "DURATION", value, None, None, None, None, confidence)


def _shift(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    amount = parse_number(g["num"])
    if amount is not None and g["half"]:
        amount += 0.5  # "a minute and a half later"
    code = unit_code(g["unit"])
    direction = g["dir"].lower()
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    if direction in ("before", "after") or (amount is None or amount != int(amount)) and direction in ("later", "earlier"):
        # "30 days before the vote", "a few days later", "a minute and a half later": the length is the timex
        # and the word after it a signal (TimeML); the date it leads to needs the event's own date.
        end = e - len(g["dir"])
        while end > s and text[end - 1].isspace():
            end -= 1
        return Found(s, end, "DURATION", _duration_value(amount, code), None, None, None, None, 0.6)
    if amount is None:
        ref_value = "FUTURE_REF" if sign > 0 else "PAST_REF"
        return Found(s, e, "DATE", ref_value, None, a.reference_iso, a.source, None, 0.6)
    if amount != int(amount) or code in ("TH", "TM", "TS", "WE", "2W", ""):
        return Found(s, e, "DURATION", _duration_value(amount, code), None, None, None, None, 0.5)
    gran = _GRAN_LETTER.get(code, "year")
    if gran in ("decade", "century"):
        gran = "year"  # "a decade ago" is a year, not the decade before
    narrative = None
    base = a.reference
    if direction not in ("ago", "from now", "hence", "back"):
        last = a.narrative_before(s)
        if last is not None and code in ("Y", "E", "C", "M", "Q") and last.start < a.sentence_start(s) \
                and direction != "later":
            # a year earlier than what? only a date in the same sentence says; the reference period is the
            # other answer ("profit rose from $2 million a year earlier").  "Later" is never later than the
            # reference date ("In 1984 the Macintosh came out. One year later he was fired."): the date told before.
            last = None
        if last is None and gran == "year" and amount == 1 and a.quarter_context(s, e):
            base, gran = _fiscal_quarter(a.reference), "quarter"
        if last is not None:
            narrative = (last.date, last.value)
            base = last.date
            if last.granularity in ("quarter", "month") and gran == "year":
                gran = last.granularity
    elif gran == "year" and amount == 1 and a.quarter_context(s, e):  # "sales rose from a year ago"
        last = a.narrative_before(s)
        in_sentence = last is not None and last.granularity == "quarter" and last.start >= a.sentence_start(s)
        base, gran = (last.date if in_sentence else _fiscal_quarter(a.reference)), "quarter"  # type: ignore[union-attr]
    date = shift(base, sign * int(amount), code)
    return _relative(a, s, e, "DATE", value_at(date, gran), gran, date, 0.8, narrative=narrative)


_NARRATIVE_UNITS = {"day": "D", "week": "W", "weekend": "W", "month": "M", "year": "Y"}


def _narrative(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    if g["theday"]:
        # "Ford said on Tuesday that ... Its stock rose before declining later in the day": the last day told
        # of, else the reference date
        last = next((m for m in reversed(a.mentioned) if m.start < s and m.granularity in ("day", "time")), None)
        if last is not None:
            return _relative(a, s, e, "DATE", last.date.isoformat(), "day", last.date, 0.6,
                             narrative=(last.date, last.value))
        return _relative(a, s, e, "DATE", a.reference_iso, "day", a.reference, 0.6)
    if g["ba"]:
        sign = 1 if g["ba"].lower() == "after" else -1
        rel2 = (g["rel2"] or "").lower()
        if rel2:
            base = a.reference + dt.timedelta(days=1 if rel2 == "tomorrow" else -1)
            date = base + dt.timedelta(days=sign)
            return _relative(a, s, e, "DATE", date.isoformat(), "day", date, 0.9)
        if not text[s:e].lower().startswith("the"):
            return None
        unit, rel = "day", "following" if sign > 0 else "previous"
    else:
        unit, rel = g["unit"].lower(), (g["rel"] or g["relb"]).lower()
        sign = 0 if rel == "same" else (1 if rel in ("following", "next") else -1)
    last = a.narrative_before(s)
    if rel == "next" and not text[s:e].lower().startswith("the"):
        return None  # "next week" is the relative rule's
    unit_gran = "day" if unit in ("morning", "afternoon", "evening", "night") else _GRAN_LETTER[_NARRATIVE_UNITS[unit]]
    if last is not None and _GRAN_ORDER.get(last.granularity, 0) < _GRAN_ORDER[unit_gran]:
        last = None  # "compared to 2008, an increase from the previous month": no month before a whole year
    if last is None:
        base, narrative = a.reference, None
    else:
        base, narrative = last.date, (last.date, last.value)
    if unit in ("morning", "afternoon", "evening", "night"):
        date = base + dt.timedelta(days=sign)
        return _relative(a, s, e, "TIME", date.isoformat() + "T" + PARTS_OF_DAY[unit], "time", date, 0.75, narrative=narrative)
    code = _NARRATIVE_UNITS[unit]
    date = shift(base, sign, code)
    gran = _GRAN_LETTER[code]
    value = value_at(date, gran) + ("-WE" if unit == "weekend" else "")
    return _relative(a, s, e, "DATE", value, gran, date, 0.8, narrative=narrative)


# --- relative to the reference date ----------------------------------------------------------

#: A preposition before "the summer": a season as a time ("over the summer", "into the early summer").
_SEASON_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|during|over|by|until|till|through|throughout|since|from|into|of|for|before|after|this|last|next)\s+$",
    re.IGNORECASE,
)


def _season(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    """ "over the summer", "in the early spring": the season of the reference year that the tense points to.

    Past: the latest such season begun by the reference date; future: the
    first not yet over.  Only after a preposition ("the fall in prices" is not a time).
    """
    if not _SEASON_PREPOSITION_BEFORE.search(text, max(0, s - 12), s):
        return None
    code = SEASONS[g["season"].lower()]
    first = SEASON_MONTHS[code]
    ref = a.reference
    if a.direction(s, e) == "future":
        year = ref.year if ref.month < first + 3 or first == 12 else ref.year + 1
    else:
        year = ref.year if ref.month >= first else ref.year - 1
    return _relative(a, s, e, "DATE", f"{year}-{code}", "season", dt.date(year, first, 1), 0.7, mod=_mod(g["dmod"]))


def _relative_rule(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    rel = " ".join(g["rel"].lower().split())
    unit = g["unit"].lower()
    ref = a.reference
    mod = _mod(g["dmod"])
    if rel.startswith("that"):
        # "that year", "later that day", "that same week": the period of the date last mentioned.
        last = a.narrative_before(s)
        code = {"year": "Y", "month": "M", "week": "W", "day": "D"}.get(unit)
        if last is None or code is None or _GRAN_ORDER.get(last.granularity, 0) < _GRAN_ORDER[_GRAN_LETTER[code]]:
            return None
        gran = _GRAN_LETTER[code]
        return _relative(a, s, e, "DATE", value_at(last.date, gran), gran, last.date, 0.7, mod=mod,
                         narrative=(last.date, last.value))
    if unit == "day":
        return None  # "last day", "this day": not a date by themselves
    sign = -1 if rel in ("last", "this past") else (1 if rel in ("next", "the coming", "this coming") else 0)
    if unit in ("morning", "afternoon", "evening", "night"):
        if rel not in ("this", "last"):
            return None
        date = ref - dt.timedelta(days=1) if rel == "last" and unit in ("night", "evening") else ref
        return _relative(a, s, e, "TIME", date.isoformat() + "T" + PARTS_OF_DAY[unit], "time", date, 0.85, mod=mod)
    if unit in SEASONS or unit == "season":
        if unit == "season":
            return None
        code = SEASONS[unit]
        first = SEASON_MONTHS[code]
        year = ref.year
        if sign < 0:
            year = ref.year if ref.month >= first + 3 or (code == "WI" and False) else ref.year - 1
        elif sign > 0:
            year = ref.year if ref.month < first else ref.year + 1
        return _relative(a, s, e, "DATE", f"{year}-{code}", "season", dt.date(year, first, 1), 0.8, mod=mod)
    if unit == "year" and rel == "last" and not mod:
        last = a.narrative_before(s)
        if last is not None and last.granularity == "quarter" and last.start >= a.sentence_start(s):
            # "profit fell in the third quarter from $5 million last year": the same quarter a year before.
            date = shift(last.date, -1, "Y")
            return _relative(a, s, e, "DATE", value_at(date, "quarter"), "quarter", date, 0.7,
                             note=f"the quarter of a year before {last.value}, mentioned in the sentence")
    code = {"year": "Y", "month": "M", "week": "W", "weekend": "W", "decade": "E", "century": "C"}[unit]
    date = shift(ref, sign, code)
    gran = _GRAN_LETTER[code]
    value = value_at(date, gran)
    if unit == "weekend":
        value += "-WE"
    return _relative(a, s, e, "DATE", value, gran, date, 0.9, mod=mod)


def _weekday(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    word = g["weekday"]
    if not _cap(word) or (len(word) <= 4 and word.endswith(".") is False):
        return None
    rel = " ".join((g["rel"] or "").lower().split())
    if rel in ("early", "late"):
        s += len(g["rel"]) + (len(text[s + len(g["rel"]):s + len(g["rel"]) + 3]) - len(text[s + len(g["rel"]):s + len(g["rel"]) + 3].lstrip()))
        rel = ""
    weekday = weekday_number(word)
    narrative = None
    if rel in ("last", "this past", "past"):
        date = weekday_near(a.reference, weekday, "last")
    elif rel in ("next", "this coming", "coming"):
        date = weekday_near(a.reference, weekday, "next")
    elif rel == "this":
        date = weekday_near(a.reference, weekday, "future")
    else:
        last = a.explicit_in_sentence(s)
        if last is not None and last.date == a.reference and text.find("\n", last.start, s) >= 0:
            # A dateline: the reference date on a line of its own above ("July 17, 2010\nApple announced
            # Friday"); it says nothing the reference does not, so the tense decides, as for a weekday alone.
            last = None
        if last is not None and abs((last.date - a.reference).days) <= 7:
            # "until Friday, Nov. 28 ... on Saturday": the Saturday after the date just mentioned.
            date = weekday_near(last.date, weekday, "future")
            narrative = (last.date, last.value)
            if (date - last.date).days > 6:
                narrative = None
        if narrative is None:
            since = _SINCE_BEFORE.search(text, max(0, s - 8), s) is not None  # "a drop of $2 since Wednesday's close"
            date = weekday_near(a.reference, weekday, "past" if since else a.direction(s, e))
    value, gran, type_ = date.isoformat(), "day", "DATE"
    if g["pod"]:
        value += "T" + PARTS_OF_DAY[g["pod"].lower()]
        gran = "time"  # type stays DATE: a part of a named day, as TimeBank annotates it
    note = (f"{word} after the date mentioned before, {narrative[1]}" if narrative
            else f"{word} {'after' if date > a.reference else 'before'} the reference date {a.reference_iso}" if date != a.reference
            else f"{word} is the reference date {a.reference_iso}")
    return _relative(a, s, e, type_, value, gran, date, 0.8, note=note, narrative=narrative)


_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new years day": lambda y: dt.date(y, 1, 1),
    "new year's": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "thanksgiving": lambda y: weekday_near(dt.date(y, 11, 1), 3, "future") + dt.timedelta(weeks=3),
    "thanksgiving day": lambda y: weekday_near(dt.date(y, 11, 1), 3, "future") + dt.timedelta(weeks=3),
    "halloween": lambda y: dt.date(y, 10, 31),
    "independence day": lambda y: dt.date(y, 7, 4),
    "fourth of july": lambda y: dt.date(y, 7, 4),
    "july fourth": lambda y: dt.date(y, 7, 4),
    "labor day": lambda y: weekday_near(dt.date(y, 9, 1), 0, "future"),
    "memorial day": lambda y: weekday_near(dt.date(y, 5, 31), 0, "past"),
    "veterans day": lambda y: dt.date(y, 11, 11),
    "valentine's day": lambda y: dt.date(y, 2, 14),
}


def _holiday(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    name = " ".join(g["name"].lower().split())
    if not _cap(g["name"]) or name not in _HOLIDAYS:
        return None
    if g["year"]:
        date = _HOLIDAYS[name](int(g["year"]))
        return _absolute(s, e, "DATE", date.isoformat(), "day", date)
    candidates = [_HOLIDAYS[name](y) for y in (a.reference.year - 1, a.reference.year, a.reference.year + 1)]
    date = min(candidates, key=lambda d: abs((d - a.reference).days))
    return _relative(a, s, e, "DATE", date.isoformat(), "day", date, 0.8)


def _spelled_year(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    year = spelled_year(g["spelled"])
    if year is None or year > a.reference.year + 60:
        return None
    if g["season"]:
        season = SEASONS[g["season"].split()[-2].lower()]
        return _absolute(s, e, "DATE", f"{year}-{season}", "season", None, confidence=0.85)
    return _absolute(s, e, "DATE", str(year), "year", dt.date(year, 1, 1), mod=_mod(g["dmod"]), confidence=0.85)


#: The decade digit of a decade spelled out: "twenties" → "2".
_DECADE_DIGIT = {word: str(digit) for digit, word in enumerate(SPELLED_DECADES, start=2)}


#: Temperatures before "the 70s": degrees, not a decade.
_WARMTH_BEFORE = re.compile(r"\b(?:temperatures?|highs?|lows?|degrees|thermometers?|weather|warm|cool)\b", re.IGNORECASE)


def _decade(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    if g["ordc"]:
        number = int(g["ordc"])
        if not 1 <= number <= 21:
            return None
        return _absolute(s, e, "DATE", f"{number - 1:02d}", "century", None, confidence=0.85)
    if g["cent"]:
        value = g["cent"] + g["dec"]
    else:  # "the '90s", "the 90s", "the nineties": the century of the latest such decade up to the reference year
        if g["dec3"] and _WARMTH_BEFORE.search(text, max(0, s - 40), s):
            return None  # "highs in the 70s": degrees
        digit = _DECADE_DIGIT[g["spelled"].lower()] if g["spelled"] else g["dec2"] or g["dec3"]
        value = str(a.reference.year // 100 - (1 if int(digit) * 10 > a.reference.year % 100 else 0)) + digit
    return _absolute(s, e, "DATE", value, "decade", None, mod=_mod(g["dmod"] or g["dmod2"] or g["dmod3"]),
                     confidence=0.85)


def _year(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    year = int(g["year"])
    if not 1600 <= year <= a.reference.year + 60:
        return None
    fy = (g["fy"] or "").lower()
    before = text[max(0, s - 12):s].lower()
    if not fy and not g["dmod"] and _NUMBER_LABEL_BEFORE.search(before):
        return None
    value = str(year)
    gran = "year"
    season = _SEASON_OF.match(fy)
    if season and fy == "fall" and not _SEASON_PREPOSITION_BEFORE.search(text, max(0, s - 12), s):
        return None  # "prices fall 2007 points": the verb
    if season:
        value, gran = f"{year}-{SEASONS[season.group(1)]}", "season"
    elif "first half" in fy or "second half" in fy:
        value, gran = f"{year}-H{1 if 'first' in fy else 2}", "half"
    conf = 0.9 if fy or g["dmod"] else 0.8
    return _absolute(s, e, "DATE", value, gran, dt.date(year, 1, 1) if gran == "year" else None,
                     mod=_mod(g["dmod"]), confidence=conf)


_SET_VALUES = {
    "daily": "P1D", "weekly": "P1W", "biweekly": "P2W", "bi-weekly": "P2W", "monthly": "P1M",
    "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D", "semiannually": "P6M", "semi-annually": "P6M",
    "annually": "P1Y",
    "day": "P1D", "week": "P1W", "month": "P1M", "quarter": "P1Q", "year": "P1Y", "weekend": "P1WE", "night": "P1D",
    "morning": "XXXX-XX-XXTMO", "afternoon": "XXXX-XX-XXTAF", "evening": "XXXX-XX-XXTEV",
    "summer": "XXXX-SU", "winter": "XXXX-WI", "spring": "XXXX-SP", "fall": "XXXX-FA",
}  # fmt: skip


def _set(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    if g["adv"]:
        word = g["adv"].lower()
        if word == "daily" and _DAILY_NOUN_AFTER.match(text[e:e + 12]):
            return None
        return Found(s, e, "SET", _SET_VALUES[word], None, None, None, None, 0.7)
    if g["plural"]:
        if not _cap(g["plural"]):
            return None
        return Found(s, e, "SET", f"XXXX-WXX-{weekday_number(g['plural'][:-1]) + 1}", None, None, None, None, 0.6)
    if g["each"].lower() == "per":
        return None
    what = g["what"]
    low = what.lower()
    if low in _SET_VALUES:
        return Found(s, e, "SET", _SET_VALUES[low], None, None, None, None, 0.8)
    if not _cap(what):
        return None
    if low.rstrip(".") in _MONTH_KEYS:
        return Found(s, e, "SET", f"XXXX-{month_number(what):02d}", None, None, None, None, 0.8)
    return Found(s, e, "SET", f"XXXX-WXX-{weekday_number(what) + 1}", None, None, None, None, 0.8)


_PRESENT = {"now", "right now", "just now", "currently", "nowadays", "these days", "at present", "presently", "the present", "current"}
_PAST = {"recently", "lately", "formerly", "the past"}
_FUTURE = {"future", "the future", "the near future", "the distant future", "the foreseeable future",
           "the near term", "the short term", "the long term", "someday"}  # fmt: skip


_AS_BEFORE = re.compile(r"\bas\s+$", re.IGNORECASE)
_SOON_CONJUNCTION_AFTER = re.compile(r"\s+(?:after|afterwards?|thereafter|as|enough\s+to)\b", re.IGNORECASE)
_FUTURE_AFTER_SOON = re.compile(r"\s+(?:will|would|be|to)\b", re.IGNORECASE)
_MODAL_BEFORE = re.compile(r"\b(?:may|might|could|can|to)\s+$", re.IGNORECASE)


def _deictic(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    word = " ".join(g["word"].lower().split())
    ref = a.reference
    lead = _NOW_PREPOSITION.match(word)
    if lead:
        s += len(_FIRST_WORD.match(text[s:e]).group(0))  # type: ignore[union-attr]
        word = word[lead.end():]
    if word in _PRESENT:
        if word == "current" and not _LOWER_WORD_AFTER.match(text[e:e + 3]):
            return None
        if word == "current" and _CURRENT_NOUN_AFTER.match(text[e:e + 16]):
            return None
        return Found(s, e, "DATE", "PRESENT_REF", None, ref.isoformat(), a.source, None, 0.7 if word != "current" else 0.5)
    if word.startswith("recent "):
        # "in recent years": an unspecified stretch up to the reference date, a duration (TimeML PXY).
        return Found(s, e, "DURATION", "PX" + unit_code(word.rsplit(None, 1)[-1]), None, None, None, None, 0.6)
    if word in _PAST:
        if word == "recent" and not _RECENT_UNIT_AFTER.match(text[e:e + 12]):
            if not _WORD_AFTER.match(text[e:e + 3]):
                return None
        return Found(s, e, "DATE", "PAST_REF", None, ref.isoformat(), a.source, None, 0.6)
    if word in ("soon", "very soon"):
        # "it soon will begin", "may soon seek", "very soon": ahead of the reference date; not a conjunction
        # ("as soon as", "soon after") nor told of the past ("he was soon released")
        if _AS_BEFORE.search(text, max(0, s - 4), s) or _SOON_CONJUNCTION_AFTER.match(text, e) \
                or (a.direction(s, e) != "future" and not _FUTURE_AFTER_SOON.match(text, e)
                    and not _MODAL_BEFORE.search(text, max(0, s - 8), s)):
            return None
        return Found(s, e, "DATE", "FUTURE_REF", None, ref.isoformat(), a.source, None, 0.5)
    if word in _FUTURE:
        if word == "future" and not text[max(0, s - 4):s].lower().endswith("in "):
            if not _FUTURE_NOUN_AFTER.match(text[e:e + 14]):
                return None
        return Found(s, e, "DATE", "FUTURE_REF", None, ref.isoformat(), a.source, None, 0.6)
    if word == "overnight":
        return None
    mod = _mod(word.split()[0]) if word.split()[0] in ("early", "late", "earlier", "later") else None
    parts = word.split()
    day = ref
    if "yesterday" in parts:
        day = ref - dt.timedelta(days=1)
    elif "tomorrow" in parts:
        day = ref + dt.timedelta(days=1)
    if word.startswith("the day before"):
        day -= dt.timedelta(days=1)
    elif word.startswith("the day after"):
        day += dt.timedelta(days=1)
    if word == "tonight":
        return _relative(a, s, e, "TIME", ref.isoformat() + "TNI", "time", ref, 0.85)
    pod = next((p for p in parts if p in ("morning", "afternoon", "evening", "night")), None)
    if pod:
        if parts[0] == "last":
            day = ref - dt.timedelta(days=1)
        return _relative(a, s, e, "TIME", day.isoformat() + "T" + PARTS_OF_DAY[pod], "time", day, 0.85)
    return _relative(a, s, e, "DATE", day.isoformat(), "day", day, 0.9, mod=mod)


def _units(g: Groups, s: int, e: int, a: Anchoring, text: str) -> Found | None:
    if g["compound"]:
        # "a day-long meeting": one unit; "a decades-long dispute", "a years-old slump": an unspecified number of them
        unit = g["compound"].rsplit("-", 1)[0]
        code = unit_code(unit)
        return Found(s, e, "DURATION", _duration_value(None if unit.endswith("s") else 1, code), None, None, None,
                     None, 0.6)
    fuzzy = (g["fuzzy"] or "").lower()
    unit = g["unit"].lower()
    if g["ago"]:  # "should have been taken years ago": some time before the reference date
        return Found(s, e, "DATE", "PAST_REF", None, a.reference_iso, a.source, None, 0.5)
    if not fuzzy:
        if not _DURATION_CUE_BEFORE.search(text[max(0, s - 8):s]):
            return None
    return Found(s, e, "DURATION", f"PX{unit_code(unit)}", None, None, None, None, 0.5)


#: Rule name → normaliser.
NORMALISERS: dict[str, Callable[[Groups, int, int, Anchoring, str], Found | None]] = {
    "clock": _clock,
    "pod_day": _pod_day,
    "part_of_day": _part_of_day,
    "date": _date,
    "week_of_month": _week_of_month,
    "month_year": _month_year,
    "quarter": _quarter,
    "half": _half,
    "same_last_year": _same_last_year,
    "period": _period,
    "the_year": _the_year,
    "year_end": _year_end,
    "shift": _shift,
    "narrative": _narrative,
    "duration": _duration,
    "relative": _relative_rule,
    "season": _season,
    "weekday": _weekday,
    "month": _month,
    "holiday": _holiday,
    "decade": _decade,
    "year": _year,
    "spelled_year": _spelled_year,
    "set": _set,
    "deictic": _deictic,
    "units": _units,
}
