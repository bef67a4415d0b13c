"""Time: a TIMEX3 tagger and normaliser for news (issue #4)."""

from __future__ import annotations

from dossier.analyse.base import AnalyserSpec, Context
from dossier.model import Timex

__all__ = ["TIMEXES", "extract_timexes"]


def extract_timexes(context: Context) -> tuple[Timex, ...]:
    """Timexes of one report.  Not yet implemented: returns none (issue #4)."""
    return ()


TIMEXES = AnalyserSpec(
    name="dossier.timexes.v0",
    assigns="timexes",
    requires=(),
    run=extract_timexes,
    english_only=True,
    description="dates, times, durations and sets normalised to TIMEX3 values",
)
