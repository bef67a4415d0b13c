"""Event dating on TempEval-3 (TBAQ): which time expression an event happened in.

A timeline is only as good as the date each event gets.  The events analyser
dates an event by linking a time expression of its sentence to the nearest
event trigger above it in the parse (:func:`dossier.analyse.events.timing.link_times`).
This evaluation runs that same linker over TimeML documents and scores it
against the gold event–time TLINKs.

* **Documents**: ``../shared/data/tempeval3-train`` (TimeBank and AQUAINT,
  TBAQ-cleaned), anchored on each document's DCT.
* **System**: the project's time analyser tags the text (``timexes_of``), the
  spaCy pipeline parses it, every TimeML-sense event head of a sentence
  (:func:`dossier.analyse.events.triggers.event_mentions`) is a trigger, and
  ``link_times`` attaches times to triggers.  Due times ("until Friday") are
  deadlines, not the time an event happened in, and are left out.
* **Gold**: a TLINK saying the event happened inside the time — ``IS_INCLUDED``,
  ``DURING`` or ``SIMULTANEOUS`` (a time-side ``INCLUDES`` turned round) — to a
  DATE or TIME expression of the text (links to the DCT have no expression to
  attach and are not scored).
* **Match**: a predicted (trigger, time) link is correct when the trigger lies
  inside a gold event, the time overlaps a gold timex and gold links the two.
  Precision counts predicted links whose trigger is a gold event (event
  detection is scored by ``meantime_events``); recall counts gold links, over
  all of them and over those whose event and time share a sentence (the only
  ones a sentence-level linker can find).

TimeBank's TLINKs are not exhaustive: annotators linked some event–time pairs
of a sentence and not others, so precision is a lower bound.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from dossier.analyse.time import NAME as TIMEXES_NAME
from dossier.config import Config
from dossier.evaluate.base import EvalResult, default_data_dir
from dossier.evaluate.meantime_events import PRF, prf_row
from dossier.evaluate.tempeval import TimeMLDocument, load_corpus

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["evaluate", "Scored", "score_document"]

_INSIDE = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS"})


@dataclass
class Scored:
    """Counts of one or more documents."""

    links: PRF
    same_sentence: PRF
    off_gold: int = 0  # predicted links whose trigger is not a gold event (not scored)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_document(doc: TimeMLDocument, nlp: "Language", config: Config, counts: Scored) -> None:
    """Link times to events in ``doc`` and add the comparison with its gold TLINKs to ``counts``."""
    from dossier.analyse.events.timing import link_times, time_points
    from dossier.analyse.events.triggers import event_mentions
    from dossier.analyse.time import timexes_of
    from dossier.model import Published, Report

    reference = (doc.dct or "")[:10] or None
    report = Report(id=f"r{doc.doc_id}", text=doc.text, published=Published(reference, "metadata"))
    today = dt.date.fromisoformat(reference) if reference else dt.date.today()
    points = time_points(doc.text, timexes_of(report, today=config.today), today)
    parsed = nlp(doc.text)

    events = {e.eid: e for e in doc.events}
    timexes = {t.tid: t for t in doc.timexes if t.type in ("DATE", "TIME")}
    gold = {(link.event, link.time) for link in doc.event_time_links
            if link.rel in _INSIDE and link.event in events and link.time in timexes}
    starts = [sentence.start_char for sentence in parsed.sents]

    def sentence_at(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    found: set[tuple[str, str]] = set()
    for sentence in parsed.sents:
        heads = event_mentions(sentence)
        links = link_times(sentence, points, {t.i for t in heads})
        for index, attached in links.items():
            token = parsed[index]
            event = next((e for e in doc.events if e.start <= token.idx < e.end), None)
            for link in attached:
                if link.due:
                    continue
                if event is None:
                    counts.off_gold += 1
                    continue
                span = (link.point.start, link.point.end)
                matched = [(event.eid, tid) for tid, t in timexes.items()
                           if _overlaps(span, (t.start, t.end)) and (event.eid, tid) in gold]
                for c in (counts.links, counts.same_sentence):
                    c.predicted += 1
                    c.correct_p += 1 if matched else 0
                found.update(matched)
    for event_id, time_id in gold:
        same = sentence_at(events[event_id].start) == sentence_at(timexes[time_id].start)
        hit = 1 if (event_id, time_id) in found else 0
        counts.links.gold += 1
        counts.links.correct_r += hit
        if same:
            counts.same_sentence.gold += 1
            counts.same_sentence.correct_r += hit


def _documents(data: Path, limit: int | None) -> Sequence[TimeMLDocument]:
    return load_corpus(data, limit)


def evaluate(data: Path | None, *, limit: int | None, config: Config) -> EvalResult:
    """Score event dating (event → the time it happened in) on TempEval-3 TBAQ."""
    from dossier.analyse.nlp import load_pipeline

    data = Path(data or default_data_dir("tempeval3-train"))
    docs = _documents(data, limit)
    nlp = load_pipeline(config.spacy_model)
    counts = Scored(PRF(), PRF())
    for doc in docs:
        score_document(doc, nlp, config, counts)
    return EvalResult(
        name="eventtime",
        title="Event dating: the time expression an event happened in (TempEval-3 TBAQ event-time TLINKs)",
        dataset=f"tempeval3-train: {len(docs)} TimeML documents, {counts.links.gold} gold event-time inclusion "
        f"links (IS_INCLUDED, DURING, SIMULTANEOUS) to DATE/TIME expressions of the text",
        command="dossier eval eventtime ../shared/data/tempeval3-train" + (f" --limit {limit}" if limit else ""),
        columns=["layer", "P", "R", "F1", "gold", "predicted"],
        rows=[
            prf_row("event-time links, all gold links", counts.links),
            prf_row("event-time links, gold event and time in one sentence", counts.same_sentence),
        ],
        reference="Task C of TempEval-3 scores every TLINK type; this scores only 'the event happened within this "
        "time', the relation a timeline needs. No published figure for this exact subset.",
        notes=f"System: dossier.analyse.events.timing.link_times over event_mentions heads of en_core_web_sm parses, "
        f"times from {TIMEXES_NAME} anchored on the DCT; due times ('until Friday') left out. "
        f"{counts.off_gold} predicted links had a trigger outside every gold event and are not scored. "
        f"TimeBank's TLINKs are not exhaustive, so precision is a lower bound.",
    )
