"""What happened: events, demands, ultimatums and deadlines (issue #6).

Modules, in the order the analysis runs::

    ontology     the typed actions and their trigger lemmas (docs/events.md)
    triggers     which tokens evoke an event (typed, and TimeML-style for evaluation)
    roles        agent / target / beneficiary / theme and place from the parse
    timing       time expressions linked to triggers (event time, or due time)
    modality     happened / reported / alleged / planned / threatened / conditional / negated
    negotiation  items of demands and offers, responses, consequences of ultimatums
    extract      one mention per trigger in the report's prose
    merge        mentions of one event merged; Event objects built
    deadlines    ultimatums → Deadline, and deadline_status(deadline, events, as_of)
"""

from __future__ import annotations

from typing import Sequence

from dossier.analyse.base import AnalyserSpec, Context, Example
from dossier.analyse.events.deadlines import DeadlineStatus, deadline_status, deadlines_from_events
from dossier.analyse.events.extract import mentions_of, reference_date
from dossier.analyse.events.merge import MergedEvent, build_events, merge_mentions
from dossier.analyse.events.ontology import ONTOLOGY
from dossier.analyse.events.timing import time_points
from dossier.analyse.nlp import load_pipeline
from dossier.model import Deadline, Event

__all__ = [
    "EVENTS",
    "DEADLINES",
    "ONTOLOGY",
    "extract_events",
    "extract_deadlines",
    "deadline_status",
    "DeadlineStatus",
]

EVENTS_NAME = "dossier.events.v1"
DEADLINES_NAME = "dossier.deadlines.v1"


def _merged(context: Context) -> list[MergedEvent]:
    # Built once per report: the deadlines analyser reads the same merged mentions as the events one.
    return context.shared("events.merged", lambda: _merge(context))


def _merge(context: Context) -> list[MergedEvent]:
    report = context.report
    today = reference_date(report, context.config.today)
    points = time_points(report.text, context.get("timexes"), today)
    nlp = load_pipeline(context.config.spacy_model)
    mentions = mentions_of(context.doc, report, points, context.get("attributions"), context.get("claims"), nlp)
    return merge_mentions(mentions)


def _events(context: Context, merged: Sequence[MergedEvent]) -> list[Event]:
    return build_events(merged, context.report, EVENTS_NAME, context.get("entities"))


def extract_events(context: Context) -> tuple[Event, ...]:
    """Events of one report: typed, with participants, time, place, modality, items and responses."""
    return tuple(_events(context, _merged(context)))


def extract_deadlines(context: Context) -> tuple[Deadline, ...]:
    """Deadlines of one report, with their status as of the report's date."""
    merged = _merged(context)
    events = list(context.get("events")) or _events(context, merged)
    as_of = context.report.published.value[:10] if context.report.published.value else context.config.today
    return tuple(deadlines_from_events(merged, events, context.report, DEADLINES_NAME, as_of))


EVENTS = AnalyserSpec(
    name=EVENTS_NAME,
    assigns="events",
    requires=("doc", "entities", "timexes", "attributions", "claims"),
    components=("tagger", "parser", "attribute_ruler", "lemmatizer", "ner"),
    run=extract_events,
    description="typed actions with participants, time, place, modality, attribution, items and responses",
    examples=(
        Example(
            "Sources familiar with the Nov. 21 call revealed that Trump gave Maduro until Friday, Nov. 28, "
            "to leave Venezuela voluntarily before declaring Venezuelan airspace closed on Saturday.",
            published="2025-11-30",
            expected=(
                {"type": "meet", "time": "2025-11-21", "trigger": {"text": "call"}},
                {"type": "give_ultimatum", "participants": [{"role": "agent", "text": "Trump"},
                                                            {"role": "target", "text": "Maduro"}]},
                {"type": "close", "time": "2025-11-29", "modality": "reported"},
            ),
        ),
        Example(
            "Trump rejected his conditions, including amnesty, sanctions relief and an interim government "
            "led by Delcy Rodríguez. Trump dismissed most demands.",
            published="2025-11-30",
            expected=(
                {"type": "reject", "participants": [{"role": "agent", "text": "Trump"}]},
                {"type": "demand", "items": ["amnesty", "sanctions relief",
                                             "interim government led by Delcy Rodríguez"]},
            ),
        ),
        Example(
            "A Washington Post report alleged that Pete Hegseth ordered a second strike on survivors.",
            published="2025-11-30",
            expected=({"type": "strike", "modality": "alleged",
                       "participants": [{"role": "agent", "text": "Pete Hegseth"}]},),
        ),
        Example(
            "For now, Venezuelans brace for further turmoil, fleeing abroad or awaiting a resolution that may "
            "come too late.",
            published="2025-11-30",
            absent=({"type": "flee"},),
        ),
    ),
)

DEADLINES = AnalyserSpec(
    name=DEADLINES_NAME,
    assigns="deadlines",
    requires=("doc", "events", "timexes"),
    components=("tagger", "parser", "attribute_ruler", "lemmatizer", "ner"),
    run=extract_deadlines,
    description="ultimatums and due dates with issuer, target, demand, consequence and status as of the report",
    examples=(
        Example(
            "Trump gave Maduro until Friday, Nov. 28, to leave Venezuela voluntarily before declaring "
            "Venezuelan airspace closed on Saturday. The deadline passed without action.",
            published="2025-11-30",
            expected=({"issuer": "Trump", "target": "Maduro", "demand": "leave Venezuela voluntarily",
                       "due": "2025-11-28", "consequence": "declaring Venezuelan airspace closed",
                       "status": "passed"},),
        ),
        Example(
            "Trump gave Maduro until Friday, Nov. 28, to leave Venezuela.",
            published="2025-11-25",
            expected=({"due": "2025-11-28", "status": "pending", "status_as_of": "2025-11-25"},),
        ),
    ),
)
