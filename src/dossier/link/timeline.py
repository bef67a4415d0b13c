"""The merged timeline of a story: one entry per real event, however many reports tell it.

Two statements are the same event when they are of the same type (events) or
both fallback sentences, their times are compatible (the intervals of their
TIMEX values overlap, or one has none) and they say much the same thing
(content-word overlap, participants included).  Each entry keeps every piece
of evidence, the outlets that report it, its origins, and its corroboration:
the number of *independent origins*, not of reports.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from dossier.link.origins import Origin, independent_origins, origin_of
from dossier.link.statements import Statement, content_words, similarity

__all__ = ["TimelineEntry", "merge_timeline", "interval", "compatible_times", "head_key"]

#: Content-word overlap above which two statements of the same type and time are one event.
SAME_EVENT = {"event": 0.4, "sentence": 0.5, "claim": 0.5}

_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s", "e")


def head_key(text: str) -> str:
    """A crude lemma of an event trigger's head word ("attacked", "attacks" → "attack")."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    if not words:
        return text.casefold()
    word = words[-1] if len(words) > 1 and words[0] in {"to", "was", "were", "be", "been", "had", "has"} else words[0]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2]:
        word = word[:-1]  # "shott(ing)" → "shot"
    return word


def interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The dates a TIMEX value covers: a day, ISO week, month or year; None if not a calendar value."""
    if not value:
        return None
    if "/" in value:  # a range "start/end" of two values
        lo, _, hi = value.partition("/")
        a, b = interval(lo), interval(hi)
        return (a[0], b[1]) if a and b else None
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d.*", value):
            d = dt.date.fromisoformat(value[:10])
            return d, d
        if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
            start = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return start, start + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            y, mo = int(m.group(1)), int(m.group(2))
            end = dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1)
            return dt.date(y, mo, 1), end
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def compatible_times(a: Sequence[str], b: Sequence[str]) -> bool:
    """True if either side has no time or some pair of their intervals overlaps."""
    ia = [i for i in map(interval, a) if i]
    ib = [i for i in map(interval, b) if i]
    if not ia or not ib:
        return True
    return any(x[0] <= y[1] and y[0] <= x[1] for x in ia for y in ib)


@dataclass
class TimelineEntry:
    """One event of the merged timeline.

    Attributes:
        date: Its date (ISO value) or None when no report dates it.
        certainty: How the date is known: ``exact``, ``approximate`` (week, month),
            ``written`` (a date in a fallback sentence) or ``undated``.
        type: Event type, or ``statement`` for fallback sentences.
        text: The wording of its earliest report.
        statements: Every statement that tells it (evidence included).
        outlets: Outlets that report it.
        origins: Its independent origins.
    """

    date: str | None
    certainty: str
    type: str
    text: str
    statements: list[Statement] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)

    @property
    def corroboration(self) -> int:
        """Independent origins (copies of one origin count once)."""
        return len(self.origins)

    @property
    def report_ids(self) -> list[str]:
        """Reports that tell this event, in order."""
        return list(dict.fromkeys(s.report_id for s in self.statements))


def _certainty(statement: Statement) -> str:
    if not statement.dates:
        return "undated"
    value = statement.dates[0]
    if statement.kind == "sentence":
        return "written"
    return "exact" if re.fullmatch(r"\d{4}-\d\d-\d\d.*", value) else "approximate"


def merge_timeline(
    statements: Sequence[Statement],
    order: Mapping[str, int],
    roots: Mapping[str, str],
    outlet_of: Mapping[str, str | None],
) -> list[TimelineEntry]:
    """Merge the dated events (or dated fallback sentences) of a story into a timeline in date order.

    Args:
        statements: All statements of the story's reports.
        order: Report id → its position by publication (earliest first).
        roots: Report id → its copy root (:func:`dossier.link.origins.copy_roots`).
        outlet_of: Report id → outlet name or domain.
    """
    usable = [s for s in statements if s.kind == "event" or (s.kind == "sentence" and s.dates)]
    usable.sort(key=lambda s: (order.get(s.report_id, 0), s.evidence.start))
    entries: list[tuple[TimelineEntry, set[str]]] = []
    for st in usable:
        words = content_words(st.text)
        etype = st.event_type or "statement"
        target = None
        for entry, entry_words in entries:
            if entry.type != etype or not compatible_times(entry.statements[0].dates, st.dates):
                continue
            if similarity(words, entry_words) >= SAME_EVENT[st.kind]:
                target = entry
                break
        if target is None:
            target = TimelineEntry(min(st.dates) if st.dates else None, _certainty(st), etype, st.text)
            entries.append((target, set(words)))
        target.statements.append(st)
        outlet = outlet_of.get(st.report_id)
        if outlet and outlet not in target.outlets:
            target.outlets.append(outlet)
    result = []
    for entry, _ in entries:
        supporting = [s for s in entry.statements if s.status != "denied"]  # a denial corroborates nothing
        entry.origins = independent_origins(origin_of(s, roots, outlet_of) for s in supporting)
        result.append(entry)
    result.sort(key=lambda e: (e.date is None, e.date or "", order.get(e.statements[0].report_id, 0)))
    return result
