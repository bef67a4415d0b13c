"""What the report page shows, built from an :class:`~dossier.model.Analysis`.

Pure presentation: labels, ordering, the merged timeline of timexes and events,
and the evidence marks over the text.  Nothing here reads the store or runs NLP.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from dossier.model import Analysis, Attribution, Evidence, Span
from dossier.web.marks import Mark, anchor_id, marked_html

__all__ = ["KIND_LABELS", "TimelineItem", "ReportView", "report_view", "kind_label", "evidence_context", "time_sort_key"]

KIND_LABELS = {
    "wire": "wire",
    "newspaper": "newspaper",
    "broadcaster": "broadcaster",
    "magazine": "magazine",
    "blog": "blog / aggregator",
    "aggregator": "aggregator",
    "state_media": "state media",
    "video_platform": "video platform",
    "ai_engine": "AI engine",
    "social": "social media",
    "government": "government",
    "agency": "agency",
    "unknown": "unknown kind",
}


def kind_label(kind: str | None) -> str:
    """A reader's label for an outlet or source kind."""
    return KIND_LABELS.get(kind or "unknown", (kind or "unknown").replace("_", " "))


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One line of a report's timeline: a time expression or an event, with its evidence."""

    sort_key: str
    when: str
    what: str
    kind: str  # timex | event
    detail: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ReportView:
    """Everything the report template needs beyond the analysis itself."""

    analysis: Analysis
    text_html: str
    timeline: tuple[TimelineItem, ...]
    undated: tuple[TimelineItem, ...]
    attributions: dict[str, Attribution]
    entity_names: dict[str, str]
    counts: dict[str, int]


_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def time_sort_key(value: str) -> str:
    """A key that orders TIMEX3 values in time: ISO weeks (``2025-W47``) by their Monday."""
    if m := _WEEK.match(value):
        try:
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat() + value[m.end() :]
        except ValueError:
            return value
    return value


def _is_dated(value: str | None) -> bool:
    return bool(value) and value[:4].isdigit()  # type: ignore[index]


def _timeline(analysis: Analysis) -> tuple[list[TimelineItem], list[TimelineItem]]:
    dated: list[TimelineItem] = []
    undated: list[TimelineItem] = []
    for t in analysis.timexes:
        detail = f"{t.type.lower()}" + (f", resolved against {t.anchor} ({t.anchor_source})" if t.anchor else "")
        if t.note:
            detail += f"; {t.note}"
        if t.flags:
            detail += f"; ⚠ {', '.join(t.flags)}"
        item = TimelineItem(time_sort_key(t.value), t.value, f"“{t.evidence.text}”", "timex", detail, t.evidence)
        (dated if _is_dated(t.value) and t.type in ("DATE", "TIME") else undated).append(item)
    sources = {a.id: a.source.name for a in analysis.attributions}
    for ev in analysis.events:
        who = ", ".join(f"{p.role}: {p.text}" for p in ev.participants)
        what = ev.type + (f" — {who}" if who else "")
        detail = ev.modality + (f"; at {ev.place}" if ev.place else "")
        if ev.attribution_id in sources:
            detail += f"; according to {sources[ev.attribution_id]}"
        if ev.items:
            detail += f"; items: {', '.join(ev.items)}"
        if ev.response:
            detail += f"; response: {ev.response}"
        item = TimelineItem(time_sort_key(ev.time or ""), ev.time or "undated", what, "event", detail, ev.evidence)
        (dated if _is_dated(ev.time) else undated).append(item)
    dated.sort(key=lambda i: (i.sort_key, i.kind != "event", i.evidence.start))
    undated.sort(key=lambda i: i.evidence.start)
    return dated, undated


def _marks(analysis: Analysis) -> list[Mark]:
    report = analysis.report
    marks: list[Mark] = []

    def add(span: Span | Evidence | None, kind: str, title: str) -> None:
        if span is not None:
            marks.append(Mark(span.start, span.end, frozenset({kind}), title))

    for point in report.key_points:
        add(point, "keypoint", "key point")
    for cited in report.cited_sources:
        add(cited.span, "source", f"cited source: {cited.name} ({kind_label(cited.kind)})")
    for media in report.media:
        add(media.span, "media", f"{media.kind} on {media.platform or '?'}")
    for entity in analysis.entities:
        for mention in entity.mentions:
            add(mention.span, "entity", f"{entity.name} ({entity.type})")
        for role in entity.roles:
            add(role.span, "entity", f"{entity.name}: {role.title}")
    for timex in analysis.timexes:
        add(timex.evidence, "timex", f"{timex.type} {timex.value}")
    for a in analysis.attributions:
        add(a.evidence, "attribution", f"{a.source.name} ({a.stance})")
        add(a.content, "attribution", f"said by {a.source.name}")
    for claim in analysis.claims:
        add(claim.evidence, "claim", f"claim ({claim.modality})")
    for ev in analysis.events:
        add(ev.evidence, "event", f"event: {ev.type} ({ev.modality})")
    for d in analysis.deadlines:
        add(d.evidence, "deadline", f"deadline {d.due or '?'} ({d.status})")
        add(d.status_evidence, "deadline", f"deadline status: {d.status}")
    return marks


def report_view(analysis: Analysis, *, target: tuple[int, int] | None = None) -> ReportView:
    """The view of one analysed report; ``target`` marks one span as the current evidence."""
    marks = _marks(analysis)
    if target is not None:
        marks.append(Mark(target[0], target[1], frozenset({"target"}), "the evidence you followed"))
    dated, undated = _timeline(analysis)
    counts = {
        name: len(getattr(analysis, name))
        for name in ("entities", "timexes", "attributions", "claims", "events", "deadlines", "failures")
    }
    return ReportView(
        analysis=analysis,
        text_html=marked_html(analysis.report.text, marks, target=target),
        timeline=tuple(dated),
        undated=tuple(undated),
        attributions={a.id: a for a in analysis.attributions},
        entity_names={e.id: e.name for e in analysis.entities},
        counts=counts,
    )


def evidence_context(text: str, start: int, end: int, width: int = 240) -> dict[str, Any]:
    """The span ``text[start:end]`` with some text before and after it."""
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "before": text[max(0, start - width) : start],
        "after": text[end : end + width],
        "anchor": anchor_id(start, end),
    }
