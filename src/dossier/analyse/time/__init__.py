"""Time: a TIMEX3 tagger and normaliser for news (issue #4), pure Python.

Modules, one way:

* :mod:`~dossier.analyse.time.lexicon` — words of time and regex fragments;
* :mod:`~dossier.analyse.time.rules` — recognition: one compiled pattern;
* :mod:`~dossier.analyse.time.reasoning` — calendar arithmetic, year and weekday reasoning;
* :mod:`~dossier.analyse.time.anchoring` — reference date (DCT) and narrative anchors, tense;
* :mod:`~dossier.analyse.time.normalise` — match → TIMEX3 type and value;
* :mod:`~dossier.analyse.time.tagger` — :func:`tag` over plain text;
* :mod:`~dossier.analyse.time.timeml` — TimeML export.

The analyser needs no spaCy parse (``requires=()``), so it is fast.
"""

from __future__ import annotations

import datetime as dt

from dossier.analyse.base import AnalyserSpec, Context, Example
from dossier.analyse.time.tagger import Tagged, tag
from dossier.model import Evidence, Report, Timex, content_id

__all__ = ["TIMEXES", "NAME", "extract_timexes", "timexes_of", "tag", "Tagged"]

NAME = "dossier.timexes.v2"


def _reference(report: Report) -> tuple[str | None, str]:
    published = report.published
    if not published.value:
        return None, ""
    how = {"inferred": "inferred from the text", "metadata": "from the page's metadata", "url": "from the URL",
           "user": "given by the user", "text": "written in the text"}.get(published.source, published.source)
    return published.value[:10], f"reference date {published.value[:10]} ({how})"


def timexes_of(report: Report, today: str | dt.date | None = None) -> tuple[Timex, ...]:
    """The timexes of ``report``, anchored on its publication (or inferred) date."""
    reference, note = _reference(report)
    out = []
    inferred = report.published.source == "inferred"
    for t in tag(report.text, reference, today=today, reference_note=note, reference_inferred=inferred):
        evidence = Evidence.of(report, t.start, t.end, NAME)
        out.append(
            Timex(
                id=content_id(report.id, t.start, t.end, t.value, prefix="t"),
                type=t.type,
                value=t.value,
                evidence=evidence,
                granularity=t.granularity,
                anchor=t.anchor,
                anchor_source=t.anchor_source,
                mod=t.mod,
                confidence=round(t.confidence, 2),
                note=t.note,
                flags=t.flags,
            )
        )
    return tuple(out)


def extract_timexes(context: Context) -> tuple[Timex, ...]:
    """Timexes of one report (the analyser's run function)."""
    return timexes_of(context.report, today=context.config.today)


TIMEXES = AnalyserSpec(
    name=NAME,
    assigns="timexes",
    requires=(),
    run=extract_timexes,
    english_only=True,
    description="dates, times, durations and sets normalised to TIMEX3 values, anchored on the report date",
    examples=(
        Example(
            text=(
                "Sources familiar with the Nov. 21 call said Trump gave Maduro until Friday, Nov. 28, to leave "
                "before declaring the airspace closed on Saturday. Talks collapsed last week. "
                "Trump offered only a one-week window."
            ),
            published="2025-11-29",
            expected=(
                {"type": "DATE", "value": "2025-11-21", "evidence": {"text": "Nov. 21"}, "anchor_source": "dct"},
                {"type": "DATE", "value": "2025-11-28", "evidence": {"text": "Friday, Nov. 28"}},
                {"type": "DATE", "value": "2025-11-29", "evidence": {"text": "Saturday"}, "anchor_source": "narrative"},
                {"type": "DATE", "value": "2025-W47", "evidence": {"text": "last week"}, "granularity": "week"},
                {"type": "DURATION", "value": "P1W", "evidence": {"text": "one-week"}},
            ),
            absent=({"evidence": {"text": "Nov. 28, to"}},),
        ),
        Example(
            text="The ultimatum expired on Friday, Nov. 28. Two days later the airspace closed; the following day "
            "talks resumed.",
            expected=(
                {"value": "2025-11-28", "note": "no year written; Friday Nov 28 falls on that weekday in 2025, "
                 "the most recent such year not after 2026-11-24"},
                {"value": "2025-11-30", "evidence": {"text": "Two days later"}, "anchor_source": "narrative"},
                {"value": "2025-12-01", "evidence": {"text": "the following day"}, "anchor_source": "narrative"},
            ),
        ),
        Example(
            text="The meeting on Thursday, Nov. 28, 2025 may go ahead. May is a busy month, and a second strike "
            "came in March. Sales rose 5% in the third quarter from a year ago, and now stand higher.",
            published="2025-11-20",
            expected=(
                {"value": "2025-11-28", "flags": ["weekday_conflict: Thursday written, but 2025-11-28 is a Friday"]},
                {"type": "DATE", "value": "2025-03", "evidence": {"text": "March"}},
                {"type": "DATE", "value": "2025-Q3", "evidence": {"text": "the third quarter"}},
                {"type": "DATE", "value": "PRESENT_REF", "evidence": {"text": "now"}},
            ),
            absent=({"evidence": {"text": "may"}}, {"evidence": {"text": "a second"}}),
        ),
    ),
)
