"""What happened: events, demands, ultimatums and deadlines (issue #6)."""

from __future__ import annotations

from dossier.analyse.base import AnalyserSpec, Context
from dossier.model import Deadline, Event

__all__ = ["EVENTS", "DEADLINES", "extract_events", "extract_deadlines"]


def extract_events(context: Context) -> tuple[Event, ...]:
    """Events of one report.  Not yet implemented (issue #6)."""
    return ()


def extract_deadlines(context: Context) -> tuple[Deadline, ...]:
    """Deadlines of one report.  Not yet implemented (issue #6)."""
    return ()


EVENTS = AnalyserSpec(
    name="dossier.events.v0",
    assigns="events",
    requires=("doc", "entities", "timexes", "attributions"),
    run=extract_events,
    description="typed actions with participants, time, place, modality and attribution",
)
DEADLINES = AnalyserSpec(
    name="dossier.deadlines.v0",
    assigns="deadlines",
    requires=("events", "timexes"),
    run=extract_deadlines,
    description="ultimatums and due dates with consequence and status",
)
