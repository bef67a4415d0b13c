"""When an event happened: linking triggers to time expressions.

Time expressions come from the time analyser (``Timex``) when it ran; without
it, from :func:`dossier.calendar.explicit_dates` plus bare weekdays ("on
Saturday") resolved against the date written just before them in the sentence,
so the events are dated either way.  A time attaches to the nearest trigger
above it in the parse; under ``until``/``by``/``before`` it is a due time (of an
ultimatum) rather than the event's own time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from dossier.calendar import WEEKDAYS, explicit_dates
from dossier.model import Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["TimePoint", "time_points", "link_times", "TimeLink"]

_DUE_PREPS = frozenset("until till by before".split())
_WEEKDAY_RE = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


@dataclass(frozen=True, slots=True)
class TimePoint:
    """A dated time expression over the report text (``timex_id`` when it came from the time analyser)."""

    start: int
    end: int
    value: str
    timex_id: str | None = None


@dataclass(frozen=True, slots=True)
class TimeLink:
    """A time attached to a trigger token; ``due`` when introduced by until/by/before."""

    point: TimePoint
    due: bool


def _from_timexes(timexes: Sequence[Timex]) -> list[TimePoint]:
    points = []
    for t in timexes:
        if t.type in ("DATE", "TIME") and t.value and t.value[:1].isdigit():
            points.append(TimePoint(t.evidence.start, t.evidence.end, t.value, t.id))
    return points


def _fallback(text: str, today: dt.date) -> list[TimePoint]:
    dates = [d for d in explicit_dates(text, today) if not d.weekday_conflict]
    points = [TimePoint(d.start, d.end, d.date.isoformat()) for d in dates]
    taken = [(d.start, d.end) for d in dates]
    for m in _WEEKDAY_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        # a bare weekday follows the date written before it in the same sentence: "until Friday, Nov. 28 …
        # closed on Saturday" is Saturday Nov. 29
        before = [d for d in dates if d.end <= m.start() and m.start() - d.end < 200 and "\n" not in text[d.end : m.start()]]
        if not before:
            continue
        anchor = before[-1].date
        offset = (WEEKDAYS[m.group(1).lower()] - anchor.weekday()) % 7
        if offset == 0:
            continue
        points.append(TimePoint(m.start(), m.end(), (anchor + dt.timedelta(days=offset)).isoformat()))
    return sorted(points, key=lambda p: p.start)


def time_points(text: str, timexes: Sequence[Timex], today: dt.date) -> list[TimePoint]:
    """Dated time expressions of a report: the time analyser's, else the calendar fallback."""
    points = _from_timexes(timexes)
    return points if points else _fallback(text, today)


def _head_token(doc: "Doc", point: TimePoint) -> "Token | None":
    span = doc.char_span(point.start, point.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def link_times(sentence: "SpacySpan", points: Iterable[TimePoint], triggers: set[int]) -> dict[int, list[TimeLink]]:
    """Attach each time in ``sentence`` to the nearest trigger token above it.

    Args:
        sentence: The sentence.
        points: Dated time expressions of the report (report == doc offsets).
        triggers: Token indexes of the sentence's triggers.

    Returns:
        Trigger token index → the times attached to it.
    """
    links: dict[int, list[TimeLink]] = {}
    for point in points:
        if not (sentence.start_char <= point.start < sentence.end_char):
            continue
        head = _head_token(sentence.doc, point)
        if head is None:
            continue
        due = False
        current = head
        for _ in range(8):
            if current.i in triggers and current.i != head.i:
                links.setdefault(current.i, []).append(TimeLink(point, due))
                break
            if current.dep_ == "prep" and current.lower_ in _DUE_PREPS:
                due = True
            if current.head.i == current.i:
                break
            current = current.head
    _share_with_conjuncts(sentence, links, triggers)
    return links


def _share_with_conjuncts(sentence: "SpacySpan", links: dict[int, list[TimeLink]], triggers: set[int]) -> None:
    """"On Sept. 2, police raided two homes and searched for a suspect": a verb coordinated with a dated
    one, with no time of its own, happened at that time too (not a due time: "agreed to leave by Friday
    and asked for more" does not make the asking due)."""
    doc = sentence.doc
    for index in sorted(links):
        dated = [link for link in links[index] if not link.due]
        if not dated or doc[index].pos_ != "VERB":
            continue
        for conjunct in doc[index].conjuncts:
            if conjunct.i in triggers and conjunct.i not in links and conjunct.pos_ == "VERB" and conjunct.i > index:
                links[conjunct.i] = [TimeLink(dated[0].point, False)]
