"""Typed contradictions between reports of one story, each side with its source and evidence.

Types (``Contradiction.type``):

* ``date`` — the same claim or event dated by intervals that do not overlap
  ("Nov. 21" and "late in the week of Nov. 16" overlap: compatible);
* ``number`` — the same count with intervals that do not overlap
  ("13,956" and "nearly 14,000" overlap: compatible);
* ``scope`` — counts of the same thing that differ several-fold ("four strikes"
  vs "21 strikes"): more likely different scopes than a real conflict, flagged
  as such so a reader checks what each counts;
* ``term`` — incompatible terms of a demand ("resign immediately" vs "a
  one-week window to leave");
* ``polarity`` — a claim stated by one source and denied by another;
* ``actor`` — the same event with different agents.

Compatible variants are never reported.  Pairs from the same report, or from
reports that copy one another (same origin), are not compared.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from dossier.link.ledger import LedgerEntry
from dossier.link.statements import Statement, content_words, similarity
from dossier.link.timeline import TimelineEntry, compatible_times, interval
from dossier.model import Contradiction, content_id

__all__ = ["find_contradictions", "numbers_in", "terms_in", "Quantity"]

#: Least content-word overlap for two statements to be about the same thing (numbers, terms).
SAME_TOPIC = 0.3
#: Counts this many times apart are a different scope rather than a conflict.
SCOPE_RATIO = 3.0

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "dozen": 12, "hundred": 100, "thousand": 1000,
}  # fmt: skip
_HEDGE = {
    "nearly": (0.9, 1.0), "almost": (0.9, 1.0), "about": (0.9, 1.1), "around": (0.9, 1.1), "roughly": (0.9, 1.1),
    "approximately": (0.9, 1.1), "some": (0.9, 1.1), "over": (1.0, 1.2), "more than": (1.0, 1.2),
    "at least": (1.0, 10.0), "up to": (0.0, 1.0), "fewer than": (0.0, 1.0), "less than": (0.0, 1.0),
}  # fmt: skip
_NUM = re.compile(
    r"(?P<hedge>\b(?:nearly|almost|about|around|roughly|approximately|some|over|more than|at least|up to|fewer than|less than)\s+)?"
    r"\b(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
    r"(?P<scale>\s+(?:million|billion|thousand|hundred))?"
    r"\s+(?P<unit>[a-z]{3,})\b(?:\s+(?P<unit2>[a-z]{3,})\b)?",
    re.I,
)
_NOT_UNITS = frozenset(
    "percent year day week month hour minute time of and the in on for to at by from with than who that".split()
)
_SCALE = {"million": 1e6, "billion": 1e9, "thousand": 1e3, "hundred": 1e2}
_IMMEDIATE = re.compile(r"\b(?:immediately|at once|forthwith|without delay|right away|straight away)\b", re.I)
_WINDOW = re.compile(
    r"\b(?P<n>\d+|one|two|three|four|five|six|seven|ten)[- ](?P<unit>day|week|month|hour)s?\b(?:[- ](?:window|deadline|period|grace))?"
    r"|\buntil\s+(?:\w+,?\s+)?(?P<until>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.?\s+\d{1,2})",
    re.I,
)
_DEMAND = re.compile(r"\b(?:leave|resign|step(?:ping)? down|depart|exit|quit|surrender|withdraw|hand over)\w*", re.I)
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count written in a statement: its interval and what it counts."""

    low: float
    high: float
    units: frozenset[str]
    text: str


def _unit(word: str) -> str:
    word = word.casefold()
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def numbers_in(text: str) -> list[Quantity]:
    """Counts in ``text`` with hedges turned into intervals ("nearly 14,000" → 12,600–14,000)."""
    out = []
    for m in _NUM.finditer(text):
        raw = m.group("num").casefold().replace(",", "")
        value = float(_NUMBER_WORDS.get(raw, raw) if raw in _NUMBER_WORDS else raw)
        if m.group("scale"):
            value *= _SCALE[m.group("scale").strip().casefold()]
        units = frozenset(_unit(u) for u in (m.group("unit"), m.group("unit2")) if u) - _NOT_UNITS
        if _unit(m.group("unit")) in _NOT_UNITS - {"of", "and", "the", "in", "on", "for"} or not units:
            continue
        if re.fullmatch(r"(19|20)\d\d", raw):
            continue  # a year, not a count
        lo_f, hi_f = _HEDGE.get((m.group("hedge") or "").strip().casefold(), (1.0, 1.0))
        out.append(Quantity(value * lo_f, value * hi_f, units, m.group(0)))
    return out


def terms_in(text: str) -> list[tuple[float, str]]:
    """Compliance terms of a demand in ``text``: (days allowed, wording); 0 for "immediately"."""
    if not _DEMAND.search(text):
        return []
    terms: list[tuple[float, str]] = [(0.0, m.group(0)) for m in _IMMEDIATE.finditer(text)]
    for m in _WINDOW.finditer(text):
        if m.group("until"):
            continue  # a due date: its length depends on when it was given, so compared as dates instead
        n = m.group("n").casefold()
        count = float(_NUMBER_WORDS.get(n, n) if n in _NUMBER_WORDS else n)
        terms.append((count * _UNIT_DAYS[m.group("unit").casefold()], m.group(0)))
    return terms


def _side(st: Statement, outlet_of: Mapping[str, str | None]) -> str:
    outlet = outlet_of.get(st.report_id) or st.report_id
    return f"{st.source} (in {outlet})" if st.source else outlet


def _contradiction(kind: str, a: Statement, b: Statement, outlet_of: Mapping[str, str | None], why: str) -> Contradiction:
    left, right = sorted((a, b), key=lambda s: (s.report_id, s.evidence.start))
    cid = content_id(kind, left.report_id, left.evidence.start, right.report_id, right.evidence.start, prefix="x")
    return Contradiction(cid, kind, left.evidence, right.evidence, _side(left, outlet_of), _side(right, outlet_of), why)


def find_contradictions(
    statements: Sequence[Statement],
    ledger: Sequence[LedgerEntry],
    timeline: Sequence[TimelineEntry],
    roots: Mapping[str, str],
    outlet_of: Mapping[str, str | None],
) -> list[Contradiction]:
    """Every typed contradiction between statements of different origins in one story."""
    found: dict[str, Contradiction] = {}

    def independent(a: Statement, b: Statement) -> bool:
        return a.report_id != b.report_id and roots.get(a.report_id, a.report_id) != roots.get(b.report_id, b.report_id)

    def add(c: Contradiction) -> None:
        found.setdefault(c.id, c)

    for entry in ledger:
        for a, b in itertools.combinations(entry.statements, 2):
            if not independent(a, b):
                continue
            denied = {a.status == "denied", b.status == "denied"}
            if denied == {True, False}:
                yes, no = (b, a) if a.status == "denied" else (a, b)
                add(_contradiction("polarity", yes, no, outlet_of, f"{_side(yes, outlet_of)} states it; {_side(no, outlet_of)} denies it"))
            if a.dates and b.dates and not compatible_times(a.dates, b.dates):
                add(_contradiction("date", a, b, outlet_of, f"dated {', '.join(a.dates)} vs {', '.join(b.dates)}: the dates do not overlap"))
    for entry in timeline:
        for a, b in itertools.combinations(entry.statements, 2):
            if independent(a, b) and a.agents and b.agents and not set(a.agents) & set(b.agents):
                add(_contradiction("actor", a, b, outlet_of, f"{entry.type} by {', '.join(a.agents)} vs by {', '.join(b.agents)}"))
    words = [content_words(s.text) for s in statements]
    numbers = [numbers_in(s.text) for s in statements]
    terms = [terms_in(s.text) for s in statements]
    for i, j in itertools.combinations(range(len(statements)), 2):
        a, b = statements[i], statements[j]
        if not (numbers[i] and numbers[j]) and not (terms[i] and terms[j]):
            continue
        if not independent(a, b) or similarity(words[i], words[j]) < SAME_TOPIC:
            continue
        for qa in numbers[i]:
            for qb in numbers[j]:
                if not qa.units & qb.units or (qa.low <= qb.high and qb.low <= qa.high):
                    continue
                ratio = max(qa.high, qb.high) / max(1e-9, min(qa.high, qb.high))
                if ratio >= SCOPE_RATIO:
                    add(_contradiction("scope", a, b, outlet_of, f"{qa.text!r} vs {qb.text!r}: counts {ratio:.0f}× apart, probably different scopes — check what each counts"))
                else:
                    add(_contradiction("number", a, b, outlet_of, f"{qa.text!r} vs {qb.text!r}: the figures do not overlap even allowing for hedges"))
        for da, wa in terms[i]:
            for db, wb in terms[j]:
                if da != db:
                    add(_contradiction("term", a, b, outlet_of, f"{wa!r} vs {wb!r}: different terms for the same demand"))
    return sorted(found.values(), key=lambda c: (c.type, c.left.report_id, c.left.start))
