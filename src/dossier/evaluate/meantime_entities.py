"""MEANTIME evaluation: entity mentions by type, and entity identity within and across reports.

Data: the NewsReader MEANTIME corpus, English section with intra- and
cross-document annotation (``intra_cross-doc_annotation/corpus_*/*.xml``).
Each file holds tokens, ``ENTITY_MENTION`` markables (token anchors and a
``syntactic_type``), ``ENTITY`` instances (``ent_type`` PER, ORG, LOC, PRO, FIN,
MIX and a corpus-wide ``instance_id``) and ``REFERS_TO`` relations from mentions
to instances (see the corpus README and ``MEANTIME_NWR.xsd``).

What is scored:

* **Mention detection** against the gold *named* mentions (``NAM`` and
  ``PRE.NAM``; dossier finds names, not pronouns or common nouns), per gold
  type, with two match rules: ``exact`` (same tokens) and ``head`` (the system
  mention lies inside the gold extent and contains its head word — MEANTIME
  extents are maximal, "U.S. automaker Chrysler" for the name "Chrysler").
  Pairs are one-to-one, exact matches first.
* **Entity resolution** with MUC, B³, CEAF-e and CoNLL F1
  (:mod:`dossier.evaluate.coref`): system mentions matched to gold ones take
  the gold mention's id (unmatched ones stay twinless, as the reference scorer
  treats predicted mentions); gold clusters are the ``instance_id``; system
  clusters are the report's entity (*within report*) or the global entity
  found by :func:`dossier.link.identity.resolve_entities` over all documents in
  order (*across reports*).  A same-name baseline (mentions with the same
  normalised text are one entity) is scored on the same mentions.
"""

from __future__ import annotations

import importlib.metadata
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from dossier.analyse.entities.names import name_key
from dossier.analyse.nlp import resolve_model_name
from dossier.analyse.pipeline import analyse_report
from dossier.config import Config
from dossier.errors import ConfigError
from dossier.evaluate.base import EvalResult, default_data_dir
from dossier.evaluate.coref import Score, b_cubed, ceaf_e, clusters_from_labels, muc, prf
from dossier.link.identity import resolve_entities
from dossier.model import Entity, GlobalEntity, Report, content_id

__all__ = ["evaluate", "read_document", "GoldDocument", "GoldMention", "TYPE_MAP"]

#: dossier entity type (and kind) → MEANTIME ent_type.
TYPE_MAP = {
    "person": "PER",
    "group": "PER",
    "organisation": "ORG",
    "government_body": "ORG",
    "outlet": "ORG",
    "platform": "ORG",
    "ai_engine": "PRO",
    "place": "LOC",
    "other:product": "PRO",
}
NAMED = ("NAM", "PRE.NAM")
#: MEANTIME annotates every entity mention only in the title (sentence 0), the
#: dateline (1) and the first four sentences (2–5); later sentences carry only
#: some mentions added at the cross-document stage, so scoring is done there.
ANNOTATED_SENTENCES = 5
TYPES = ("PER", "ORG", "LOC", "PRO", "FIN")
_NO_SPACE_BEFORE = {",", ".", ":", ";", "'s", "’s", ")", "%", "?", "!", "n't", "'", "''", "]"}
_NO_SPACE_AFTER = {"(", "$", "``", "["}


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A gold entity mention: token range [first, last] of one document."""

    id: str
    doc: str
    first: int
    last: int
    type: str
    instance: str
    syntactic_type: str
    head: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A MEANTIME document: its detokenised text, token offsets and gold mentions."""

    doc_id: str
    text: str
    token_spans: tuple[tuple[int, int], ...]
    mentions: tuple[GoldMention, ...]
    token_sentences: tuple[int, ...] = ()

    def annotated(self, token: int) -> bool:
        """True in the fully annotated region: the title and the first sentences (index ≤ 5)."""
        return self.token_sentences[token] <= ANNOTATED_SENTENCES

    def tokens_of(self, start: int, end: int) -> tuple[int, int] | None:
        """The first and last token index overlapping ``text[start:end]``."""
        inside = [i for i, (s, e) in enumerate(self.token_spans) if s < end and start < e]
        return (inside[0], inside[-1]) if inside else None


def read_document(path: Path) -> GoldDocument:
    """Parse one MEANTIME XML file."""
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id") or path.stem
    tokens = list(root.iter("token"))
    index = {t.get("t_id"): i for i, t in enumerate(tokens)}
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length, previous_sentence, previous = 0, None, ""
    for token in tokens:
        word = token.text or ""
        sentence = token.get("sentence")
        if previous_sentence is not None:
            sep = "\n" if sentence != previous_sentence else ("" if word in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER else " ")
            parts.append(sep)
            length += len(sep)
        spans.append((length, length + len(word)))
        parts.append(word)
        length += len(word)
        previous_sentence, previous = sentence, word
    markables = root.find("Markables")
    relations = root.find("Relations")
    mention_tokens: dict[str, tuple[list[int], str, str]] = {}
    instances: dict[str, tuple[str, str]] = {}
    for element in markables if markables is not None else ():
        if element.tag == "ENTITY_MENTION":
            ids = [index[a.get("t_id")] for a in element.findall("token_anchor") if a.get("t_id") in index]
            if ids:
                mention_tokens[element.get("m_id", "")] = (ids, element.get("syntactic_type") or "", element.get("head") or "")
        elif element.tag == "ENTITY":
            m_id = element.get("m_id", "")
            instances[m_id] = (element.get("ent_type", ""), element.get("instance_id") or f"{doc_id}:{m_id}")
    mentions = []
    for relation in relations.findall("REFERS_TO") if relations is not None else ():
        target = relation.find("target")
        if target is None or target.get("m_id") not in instances:
            continue
        ent_type, instance = instances[target.get("m_id", "")]
        for source in relation.findall("source"):
            m_id = source.get("m_id", "")
            if m_id in mention_tokens:
                ids, syntactic, head = mention_tokens[m_id]
                mentions.append(GoldMention(f"{doc_id}:{m_id}", doc_id, min(ids), max(ids), ent_type, instance, syntactic, head))
    sentences = tuple(int(t.get("sentence") or 0) for t in tokens)
    return GoldDocument(doc_id, "".join(parts), tuple(spans), tuple(mentions), sentences)


@dataclass(frozen=True, slots=True)
class _SystemMention:
    id: str
    doc: str
    first: int
    last: int
    type: str
    text: str
    entity_id: str


def _system_type(entity: Entity) -> str | None:
    if entity.type == "other":
        return TYPE_MAP.get(f"other:{entity.kind}")
    return TYPE_MAP.get(entity.type)


def _system_mentions(doc: GoldDocument, entities: Iterable[Entity]) -> list[_SystemMention]:
    found = []
    for entity in entities:
        mapped = _system_type(entity)
        if mapped is None:
            continue
        for mention in entity.mentions:
            tokens = doc.tokens_of(mention.span.start, mention.span.end)
            if tokens is not None:
                found.append(
                    _SystemMention(f"{doc.doc_id}:s{mention.span.start}", doc.doc_id, tokens[0], tokens[1], mapped, mention.span.text, entity.id)
                )
    return found


def _match(gold: list[GoldMention], system: list[_SystemMention], doc: GoldDocument, rule: str) -> dict[str, str]:
    """One-to-one system → gold mention ids: exact token matches, then (rule ``head``) head-containing ones.

    Under the head rule a system mention inside several gold extents takes the
    smallest, named ones first.
    """
    pairs: dict[str, str] = {}
    used: set[str] = set()
    by_span = defaultdict(list)
    for g in gold:
        by_span[(g.first, g.last)].append(g)
    for s in system:
        for g in sorted(by_span.get((s.first, s.last), ()), key=lambda g: g.syntactic_type not in NAMED):
            if g.id not in used:
                pairs[s.id] = g.id
                used.add(g.id)
                break
    if rule == "head":
        ordered = sorted(gold, key=lambda g: (g.syntactic_type not in NAMED, g.last - g.first))
        for s in system:
            if s.id in pairs:
                continue
            words = doc.text[doc.token_spans[s.first][0] : doc.token_spans[s.last][1]].split()
            for g in ordered:
                if g.id in used or not (g.first <= s.first and s.last <= g.last):
                    continue
                head = g.head.split()
                if not head or any(h in words for h in head):
                    pairs[s.id] = g.id
                    used.add(g.id)
                    break
    return pairs


def _coref_rows(layer: str, gold_labels: dict[str, str], system_labels: dict[str, str]) -> dict[str, object]:
    key = clusters_from_labels(gold_labels)
    response = clusters_from_labels(system_labels)
    scores: dict[str, Score] = {"muc": muc(key, response), "b3": b_cubed(key, response), "ceaf_e": ceaf_e(key, response)}
    b3 = scores["b3"]
    return {
        "layer": layer, "type": "all", "match": "head",
        "P": b3.precision, "R": b3.recall, "F1": b3.f1,
        "gold": len(gold_labels), "predicted": len(system_labels),
        "MUC F1": scores["muc"].f1, "CEAF-e F1": scores["ceaf_e"].f1,
        "CoNLL F1": sum(s.f1 for s in scores.values()) / 3,
    }


def _files(data: Path) -> list[Path]:
    root = data / "intra_cross-doc_annotation" if (data / "intra_cross-doc_annotation").is_dir() else data
    files = sorted(root.glob("corpus_*/*.xml")) or sorted(root.glob("*.xml"))
    if not files:
        raise ConfigError(f"no MEANTIME XML files under {data}; pass the folder that holds intra_cross-doc_annotation/")
    return files


def evaluate(data: Path | None = None, *, limit: int | None = None, config: Config) -> EvalResult:
    """Score ``dossier.entities.v1`` and cross-report identity on MEANTIME (English)."""
    data = Path(data) if data is not None else default_data_dir("meantime")
    files = _files(data)[:limit] if limit else _files(data)
    config = config.replace(analysers=("entities",))
    documents = [read_document(f) for f in files]
    gold_named: list[GoldMention] = []
    system_all: list[_SystemMention] = []
    pairs: dict[str, dict[str, str]] = {"exact": {}, "head": {}}
    global_of: dict[str, str] = {}  # report entity id -> global id
    index: dict[str, list[GlobalEntity]] = defaultdict(list)
    globals_by_id: dict[str, GlobalEntity] = {}

    def lookup(keys: Iterable[str]) -> list[GlobalEntity]:
        seen = {g.id: globals_by_id[g.id] for k in keys for g in index.get(k, ())}
        return list(seen.values())

    out_of_scope: dict[str, set[str]] = {"exact": set(), "head": set()}
    for doc in documents:
        report = Report(id=content_id("meantime", doc.doc_id, prefix="r"), text=doc.text, language="en")
        analysis = analyse_report(report, config)
        annotated = [g for g in doc.mentions if doc.annotated(g.first)]
        gold = [g for g in annotated if g.syntactic_type in NAMED]
        kinds = {g.id: g.syntactic_type for g in annotated}
        system = [s for s in _system_mentions(doc, analysis.entities) if doc.annotated(s.first)]
        for rule in pairs:
            for s_id, g_id in _match(annotated, system, doc, rule).items():
                if kinds[g_id] in NAMED:
                    pairs[rule][s_id] = g_id
                else:  # a name inside a gold nominal or apposition: right, but outside the named scope
                    out_of_scope[rule].add(s_id)
        gold_named.extend(gold)
        system_all.extend(system)
        for link in resolve_entities(analysis.entities, lookup):
            global_of[link.entity_id] = link.entity.id
            globals_by_id[link.entity.id] = link.entity
            for key in link.entity.keys:
                if all(g.id != link.entity.id for g in index[key]):
                    index[key].append(link.entity)
    gold_type = {g.id: g.type for g in gold_named}
    rows: list[dict[str, object]] = []
    for rule, matched in pairs.items():
        in_scope = [s for s in system_all if s.id not in out_of_scope[rule]]
        for wanted in (*TYPES, "all", "untyped"):
            gold_n = sum(1 for g in gold_named if wanted in ("all", "untyped") or g.type == wanted)
            pred = [s for s in in_scope if wanted in ("all", "untyped") or s.type == wanted]
            tp = sum(1 for s in pred if s.id in matched and (wanted == "untyped" or gold_type[matched[s.id]] == s.type))
            score = prf(tp, len(pred), gold_n)
            rows.append({"layer": "mentions", "type": wanted, "match": rule, "P": score.precision, "R": score.recall,
                         "F1": score.f1, "gold": gold_n, "predicted": len(pred)})
    matched = pairs["head"]
    scoped = [s for s in system_all if s.id not in out_of_scope["head"]]
    gold_within = {g.id: f"{g.doc}|{g.instance}" for g in gold_named}
    gold_across = {g.id: g.instance for g in gold_named}
    within = {matched.get(s.id, s.id): s.entity_id for s in scoped}
    across = {matched.get(s.id, s.id): global_of.get(s.entity_id, s.entity_id) for s in scoped}
    baseline = {matched.get(s.id, s.id): name_key(s.text) or s.id for s in scoped}
    rows.append(_coref_rows("within report", gold_within, within))
    rows.append(_coref_rows("across reports", gold_across, across))
    rows.append(_coref_rows("across reports, same-name baseline", gold_across, baseline))
    model = resolve_model_name(config.spacy_model)
    try:
        version = importlib.metadata.version(model)
    except importlib.metadata.PackageNotFoundError:
        version = "?"
    return EvalResult(
        name="meantime_entities",
        title="Entities and cross-report identity on MEANTIME (dossier.entities.v1, link.identity)",
        dataset=(
            f"MEANTIME English, intra_cross-doc_annotation ({', '.join(sorted({f.parent.name for f in files}))}): "
            f"{len(documents)} documents, fully annotated region (title and first sentences), "
            f"{len(gold_named)} gold named mentions (NAM, PRE.NAM) of "
            f"{len(set(gold_across.values()))} entity instances"
        ),
        command="dossier eval meantime_entities ../shared/data/meantime",
        columns=["layer", "type", "match", "P", "R", "F1", "gold", "predicted", "MUC F1", "CEAF-e F1", "CoNLL F1"],
        rows=rows,
        reference="no leaderboard for MEANTIME entities; the same-name baseline row is the reference on the same mentions",
        notes=(
            f"spaCy model {model} {version}. Mention rows: P/R/F1 of typed mentions (type must agree, 'untyped' ignores it); "
            "a system name inside a gold nominal or appositive extent (not NAM/PRE.NAM) is outside the named scope and "
            "counted neither right nor wrong; only the title and first sentences (sentence index <= 5), where MEANTIME "
            "annotates every entity mention, are scored; "
            "dossier has no financial type, so FIN is never predicted. Resolution rows: P/R/F1 are B³; "
            "mentions matched by the head rule, unmatched system mentions twinless. Text is rebuilt from the corpus tokens."
        ),
    )
