"""Event triggers and participants on MEANTIME (NewsReader, English Wikinews).

Gold: ``EVENT_MENTION`` markables (token anchors) and ``HAS_PARTICIPANT``
relations (PropBank roles) of the document-level annotation
(``intra-doc_annotation/corpus_*/*.xml``).  The documents are parsed on their
gold tokens and sentences, so scores measure detection, not tokenisation.

Scored, with the usual precision / recall / F1:

* **event mentions** — :func:`dossier.analyse.events.triggers.event_mentions`
  (every event mention in the TimeML/NewsReader sense); a prediction is a head
  token with a phrasal verb's particle, correct *strict* when the gold mention
  has exactly its tokens and *head* when the head is one of the gold mention's
  tokens;
* **typed triggers** — the subset that the dossier ontology types (precision is
  the share of typed triggers that are gold events; recall is low by design,
  MEANTIME annotates every event, the ontology only crisis actions);
* **participants** — core arguments Arg0/Arg1/Arg2 of gold events; a predicted
  participant is correct when its event's token is in the gold event and its
  head token in the gold entity mention; *labelled* also needs the role to map
  (Arg0 → agent, Arg1 → theme/target, Arg2 → beneficiary/target/theme).  As
  gold participants are entity mentions, predicted participants are the nominal
  ones (a clause is never an entity mention), each member of a coordination
  ("GM and Chrysler") counted on its own.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from dossier.config import Config
from dossier.errors import ConfigError
from dossier.evaluate.base import EvalResult, default_data_dir

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["evaluate", "PRF", "GoldDoc", "read_meantime", "doc_from_tokens", "prf_row", "iter_files"]

_NOMINAL = frozenset("NOUN PROPN PRON NUM".split())
_CORE_ROLES = {"Arg0": {"agent"}, "Arg1": {"theme", "target"}, "Arg2": {"beneficiary", "target", "theme"}}


@dataclass
class PRF:
    """Counts for precision, recall and F1."""

    correct_p: int = 0  # predictions that are correct
    predicted: int = 0
    correct_r: int = 0  # gold items that are found
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct_p / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct_r / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def prf_row(name: str, counts: PRF, **extra: object) -> dict[str, object]:
    """One table row."""
    return {"layer": name, "P": counts.precision, "R": counts.recall, "F1": counts.f1,
            "gold": counts.gold, "predicted": counts.predicted, **extra}


@dataclass
class GoldDoc:
    """One document: sentences of gold tokens, event mentions and participants as token-index sets."""

    name: str
    sentences: list[list[str]]
    events: dict[str, frozenset[int]] = field(default_factory=dict)  # m_id → token indexes
    entities: dict[str, frozenset[int]] = field(default_factory=dict)
    participants: list[tuple[str, str, str]] = field(default_factory=list)  # (event m_id, entity m_id, role)
    annotated: frozenset[int] = frozenset()  # sentence indexes the annotators covered

    def annotated_sentences(self) -> frozenset[int]:
        """The sentences annotated: as given, else the first ones up to the last holding a markable.

        MEANTIME annotates the title and the first few sentences of each article only.
        """
        if self.annotated:
            return self.annotated
        starts, offset = [], 0
        for sentence in self.sentences:
            starts.append(offset)
            offset += len(sentence)
        marked = [t for m in (*self.events.values(), *self.entities.values()) for t in m]
        if not marked:
            return frozenset()
        last = max(i for i, s in enumerate(starts) if s <= max(marked))
        return frozenset(range(last + 1))


def read_meantime(path: Path) -> GoldDoc:
    """Read one MEANTIME XML file."""
    root = ET.parse(path).getroot()
    index: dict[str, int] = {}
    sentences: list[list[str]] = []
    current = None
    for token in root.iter("token"):
        if token.get("sentence") != current:
            current = token.get("sentence")
            sentences.append([])
        index[token.get("t_id", "")] = sum(len(s) for s in sentences)
        sentences[-1].append(token.text or "_")
    doc = GoldDoc(path.stem, sentences)
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        anchors = frozenset(index[a.get("t_id", "")] for a in markable.iter("token_anchor") if a.get("t_id") in index)
        if not anchors:
            continue
        if markable.tag == "EVENT_MENTION":
            doc.events[markable.get("m_id", "")] = anchors
        elif markable.tag == "ENTITY_MENTION":
            doc.entities[markable.get("m_id", "")] = anchors
    relations = root.find("Relations")
    for relation in relations if relations is not None else []:
        if relation.tag != "HAS_PARTICIPANT":
            continue
        source, target = relation.find("source"), relation.find("target")
        if source is None or target is None:
            continue
        doc.participants.append((source.get("m_id", ""), target.get("m_id", ""), relation.get("sem_role", "")))
    return doc


def doc_from_tokens(nlp: "Language", sentences: Sequence[Sequence[str]]) -> "Doc":
    """Parse gold tokens and sentence breaks with ``nlp`` (tokenisation and segmentation kept)."""
    from spacy.tokens import Doc

    words = [w for s in sentences for w in s]
    starts = [i == 0 for s in sentences for i in range(len(s))]
    doc = Doc(nlp.vocab, words=words, sent_starts=starts)
    return nlp(doc)


def _files(data: Path) -> list[Path]:
    folder = data / "intra-doc_annotation" if (data / "intra-doc_annotation").is_dir() else data
    files = sorted(folder.rglob("*.xml"))
    if not files:
        raise ConfigError(f"no MEANTIME XML files under {data}; pass the folder holding intra-doc_annotation/")
    return files


def _score_doc(gold: GoldDoc, doc: "Doc", counts: dict[str, PRF]) -> None:
    from dossier.analyse.events.negotiation import conjuncts
    from dossier.analyse.events.roles import roles_of
    from dossier.analyse.events.triggers import Trigger, event_mentions, mention_tokens, typed_triggers

    gold_events = list(gold.events.values())
    predicted: list[int] = []
    typed: list[int] = []
    spans: dict[int, frozenset[int]] = {}  # head → the mention's tokens
    participants: list[tuple[int, int, str]] = []  # (event token, participant head, role)
    covered = gold.annotated_sentences()
    for number, sentence in enumerate(doc.sents):
        if number not in covered:
            continue
        typed_by_token = {t.token.i: t for t in typed_triggers(sentence)}
        typed += list(typed_by_token)
        for trigger in typed_by_token.values():
            spans[trigger.token.i] = mention_tokens(trigger.token)
        for token in event_mentions(sentence):
            predicted.append(token.i)
            spans[token.i] = mention_tokens(token)
            trigger = typed_by_token.get(token.i) or Trigger(token, "other")
            for role in roles_of(trigger, sentence):
                # MEANTIME participants are entity mentions: a clause is never one, and each
                # member of "GM and Chrysler" is one
                if role.head.pos_ not in _NOMINAL:
                    continue
                for member in conjuncts(role.head):
                    if member.pos_ in _NOMINAL:
                        participants.append((token.i, member.i, role.role))
    for name, tokens in (("events", predicted), ("typed", typed)):
        strict, head = counts[f"{name}_strict"], counts[f"{name}_head"]
        for c in (strict, head):
            c.predicted += len(tokens)
            c.gold += len(gold_events)
        gold_set = set(gold_events)
        strict.correct_p += sum(1 for t in tokens if spans[t] in gold_set)
        head.correct_p += sum(1 for t in tokens if any(t in g for g in gold_events))
        strict.correct_r += sum(1 for g in gold_events if any(spans[t] == g for t in tokens))
        head.correct_r += sum(1 for g in gold_events if any(t in g for t in tokens))
    core = [(gold.events[e], gold.entities[a], r) for e, a, r in gold.participants
            if r in _CORE_ROLES and e in gold.events and a in gold.entities]
    for labelled in (False, True):
        c = counts["participants_labelled" if labelled else "participants"]
        c.predicted += len(participants)
        c.gold += len(core)
        c.correct_p += sum(1 for ev, head, role in participants if any(
            ev in ge and head in ga and (not labelled or role in _CORE_ROLES[gr]) for ge, ga, gr in core))
        c.correct_r += sum(1 for ge, ga, gr in core if any(
            ev in ge and head in ga and (not labelled or role in _CORE_ROLES[gr]) for ev, head, role in participants))


def evaluate(data: Path | None, *, limit: int | None, config: Config) -> EvalResult:
    """Score event mentions, typed triggers and participants on MEANTIME."""
    from dossier.analyse.nlp import load_pipeline

    data = data or default_data_dir("meantime")
    files = _files(Path(data))[: limit or None]
    nlp = load_pipeline(config.spacy_model)
    names = ["events_strict", "events_head", "typed_strict", "typed_head", "participants", "participants_labelled"]
    counts = {name: PRF() for name in names}
    golds = [read_meantime(f) for f in files]
    for gold in golds:
        _score_doc(gold, doc_from_tokens(nlp, gold.sentences), counts)
    labels = {
        "events_strict": "event mentions (strict: same tokens)",
        "events_head": "event mentions (head: token inside gold mention)",
        "typed_strict": "typed triggers, ontology only (strict)",
        "typed_head": "typed triggers, ontology only (head)",
        "participants": "participants Arg0-2 (unlabelled)",
        "participants_labelled": "participants Arg0-2 (labelled role)",
    }
    return EvalResult(
        name="meantime_events",
        title="Event triggers and participants on MEANTIME (English)",
        dataset=f"MEANTIME English intra-document annotation, {len(golds)} documents, "
        f"{sum(len(g.events) for g in golds)} event mentions",
        command="dossier eval meantime_events ../shared/data/meantime" + (f" --limit {limit}" if limit else ""),
        columns=["layer", "P", "R", "F1", "gold", "predicted"],
        rows=[prf_row(labels[n], counts[n]) for n in names],
        reference="MEANTIME has no leaderboard (data README: report P/R/F1 per layer); figures are for dossier's "
        "rule-based detector on en_core_web_sm parses.",
        notes="Gold tokens and sentences are given to the parser. Participants are scored end to end: a "
        "participant counts only if its event is found too, and only Arg0-Arg2 with an annotated entity "
        "mention are gold, so predicted arguments that are not entity mentions count against precision. "
        "Only the sentences MEANTIME annotates (title and first sentences of each article) are scored.",
    )


def iter_files(data: Path) -> Iterable[Path]:
    """The MEANTIME files an evaluation reads (for smoke tests)."""
    return _files(data)
