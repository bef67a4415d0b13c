"""Words of time: numbers, units, months, weekdays, seasons, parts of day, holidays.

Plain tables and the regular-expression fragments built from them; no logic
beyond turning a number phrase into an integer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dossier.calendar import MONTHS, WEEKDAYS

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "NUMBER_WORDS",
    "ORDINALS",
    "UNITS",
    "SEASONS",
    "PARTS_OF_DAY",
    "FUZZY_COUNTS",
    "parse_number",
    "unit_code",
    "NUM",
    "UNIT",
    "MONTH",
    "WEEKDAY",
    "SPELLED_DECADES",
    "ORDINAL",
    "AND_A_HALF",
    "month_number",
    "SPELLED_YEAR",
    "spelled_year",
    "weekday_number",
]

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "one hundred": 100, "thousand": 1000, "a thousand": 1000,
    "couple": 2, "a couple of": 2, "a couple": 2, "couple of": 2, "half a": 0.5, "half an": 0.5, "a half": 0.5,
    "dozen": 12, "a dozen": 12,
}  # fmt: skip
#: Counts that say "some number of" (value X in TIMEX3).
FUZZY_COUNTS = {"several", "few", "a few", "some", "many", "the next few", "a number of", "numerous"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "last": -1, "final": -1,
}  # fmt: skip
#: Unit word (singular, lower case) → TIMEX3 duration letter; ``T`` marks time units.
UNITS = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "fortnight": "2W", "month": "M", "quarter": "Q", "year": "Y", "decade": "E", "century": "C",
    "millennium": "L", "weekend": "WE",
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "midday": "MI", "mid-afternoon": "AF", "mid afternoon": "AF", "midafternoon": "AF",
    "dawn": "MO", "daybreak": "MO", "dusk": "EV",
}  # fmt: skip

_SMALL = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen"
)
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
#: A number phrase: digits, words ("twenty-four", "a couple of"), fractions ("2 1/2").
NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+1/2|\s*½)?|(?:{_TENS})(?:[\s-](?:{_SMALL}))?|{_SMALL}|"
    r"a\s+hundred|one\s+hundred|hundred|a\s+thousand|a\s+couple(?:\s+of)?|couple(?:\s+of)?|a\s+dozen|dozen|"
    r"half\s+an?|an?|several|a\s+few|few|some|many|a\s+number\s+of)"
)
#: "a year and a half", "two and a half years": half a unit more (after the number or after the unit).
AND_A_HALF = r"\s+and\s+a\s+half"
UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)|millenni(?:um|a))"
MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|Aug(?:ust|\.)?|"
    r"Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day|\.)"
#: "the nineties": decades spelled out, the twenties first.
SPELLED_DECADES = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")
ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"

_UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"
#: A year spelled out as broadcasts say it: "nineteen ninety-six", "two thousand".
SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen)[\s-](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:{_UNITS_WORDS}))?"
    rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|o[\s-](?:{_UNITS_WORDS}))"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_UNITS_WORDS}|ten|eleven|twelve))?)"
)
_TENS_VALUES = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SMALL_VALUES = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen".split())}  # fmt: skip


def spelled_year(phrase: str) -> int | None:
    """The year of "nineteen ninety-six" (1996), "two thousand and one" (2001)."""
    words = [w for w in re.split(r"[\s-]+", phrase.lower()) if w and w != "and"]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(_SMALL_VALUES.get(w, 0) for w in words[2:])
    if not words or words[0] not in ("nineteen", "eighteen"):
        return None
    century = 1900 if words[0] == "nineteen" else 1800
    rest = words[1:]
    if rest and rest[0] == "o":
        rest = rest[1:]
    value = 0
    for w in rest:
        value += _TENS_VALUES.get(w, _SMALL_VALUES.get(w, 0))
    return century + value


_HALF = re.compile(r"\s*(?:1/2|½)$|\s+and\s+a\s+half$")


@lru_cache(maxsize=4096, typed=True)  # pure, called for most expressions
def parse_number(phrase: str) -> float | None:
    """The number a phrase names (``"twenty-four"`` → 24, ``"2 1/2"`` → 2.5); None if vague."""
    p = " ".join(phrase.lower().replace("-", " ").split())
    if p in FUZZY_COUNTS:
        return None
    half = 0.0
    if _HALF.search(p):
        p, half = _HALF.sub("", p), 0.5
    if p in NUMBER_WORDS:
        return NUMBER_WORDS[p] + half
    try:
        return float(p.replace(",", "")) + half
    except ValueError:
        pass
    total = 0
    for word in p.split():
        if word not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[word]
    return total + half


@lru_cache(maxsize=4096, typed=True)  # pure, called for most expressions
def unit_code(word: str) -> str:
    """TIMEX3 letter(s) for a unit word in any inflection (``"centuries"`` → ``"C"``)."""
    w = word.lower().rstrip(".")
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w == "millennia":
        w = "millennium"
    elif w.endswith("s") and w[:-1] in UNITS:
        w = w[:-1]
    return UNITS.get(w, "")


@lru_cache(maxsize=4096, typed=True)  # pure, called for most expressions
def month_number(word: str) -> int:
    """1–12 for a month name or abbreviation."""
    return MONTHS[word.lower().rstrip(".")]


@lru_cache(maxsize=4096, typed=True)  # pure, called for most expressions
def weekday_number(word: str) -> int:
    """0 (Monday)–6 for a weekday name or abbreviation."""
    w = word.lower().rstrip(".")
    if w in WEEKDAYS:
        return WEEKDAYS[w]
    return WEEKDAYS[w[:3]]
