"""Typing a source span: person, organisation, government, outlet, anonymous, document, video, AI engine.

The outlet directory decides outlets and AI engines ("A Washington Post report"
→ outlet The Washington Post; "BrightU.AI's Enoch" → AI engine); the spaCy parse
and named entities decide the rest.  Anonymous sources keep their descriptor,
their count when stated ("four sources" → 4; "multiple sources" → None) and the
basis of their knowledge ("familiar with the Nov. 21 call").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from dossier.analyse.attribution.lexicon import (
    ANONYMOUS_NOUNS,
    DOCUMENT_NOUNS,
    GOVERNMENT_NOUNS,
    NUMBER_WORDS,
    ORGANISATION_NOUNS,
    REPORT_NOUNS,
    VAGUE_QUANTIFIERS,
    VIDEO_NOUNS,
)
from dossier.model import Entity, Source, Span
from dossier.outlets import OutletDirectory

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["type_source", "author_source", "unnamed_source", "SOURCE_KINDS"]

SOURCE_KINDS = ("person", "organisation", "government", "outlet", "anonymous", "document", "video", "ai_engine", "author")

_POSSESSIVE = re.compile(r"[’‘']s$")
_BASIS_HEADS = {"familiar": "with", "briefed": "on", "knowledgeable": "about", "close": "to", "involved": "in"}
_PERSONAL_PRONOUNS = {"he", "she", "him", "her", "i", "we", "they", "you", "who"}
_GOV_NAME = re.compile(r"\b(White House|Pentagon|Kremlin|Ministry|Department|State Department|Government)\b", re.I)


def author_source() -> Source:
    """The report's author: the source of every unattributed statement."""
    return Source(kind="author", name="author")


def unnamed_source() -> Source:
    """Unnamed people behind a passive cue ("Trump is expected to …", "it was reported that …")."""
    return Source(kind="anonymous", name="unnamed", descriptor="unnamed")


def _candidate_names(span: "SpacySpan") -> list[str]:
    """Strings to look up in the outlet directory, most specific first."""
    names = [span.text]
    tokens = [t for t in span if t.dep_ not in ("det", "punct")]
    if tokens:
        names.append(span.doc[tokens[0].i : tokens[-1].i + 1].text)
    run: list[str] = []
    for token in span:
        text = token.text
        if token.dep_ != "det" and (token.pos_ == "PROPN" or token.ent_type_ or text[:1].isupper()):
            for part in _POSSESSIVE.sub("", text).split("‘s"):
                names.append(part)
            run.append(_POSSESSIVE.sub("", text))
        else:
            if len(run) > 1:
                names.append(" ".join(run))
            run = []
    if len(run) > 1:
        names.append(" ".join(run))
    return [n for n in dict.fromkeys(n.strip() for n in names) if n]


def _count(head: "Token") -> tuple[int | None, bool]:
    """The stated number of an anonymous source and whether it is plural."""
    plural = head.tag_ in ("NNS", "NNPS")
    for child in head.children:
        word = child.lower_
        if child.dep_ in ("nummod", "quantmod") or child.like_num:
            if word.isdigit():
                return int(word), True
            if word in NUMBER_WORDS:
                return NUMBER_WORDS[word], NUMBER_WORDS[word] > 1
        if child.dep_ == "det" and word in ("a", "an", "one") and not plural:
            return 1, False
        if word in VAGUE_QUANTIFIERS:
            return None, True
    return (None, True) if plural else (1, False)


def _basis(span: "SpacySpan") -> str | None:
    """What an anonymous source is familiar with ("the Nov. 21 call")."""
    for token in span:
        prep = _BASIS_HEADS.get(token.lower_)
        if prep is None and token.lower_ == "knowledge":
            prep = "of"
        if prep is None:
            continue
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == prep:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    sub = list(objects[0].subtree)
                    return span.doc[sub[0].i : sub[-1].i + 1].text
    return None


def _entity_id(start: int, end: int, entities: Sequence[Entity]) -> str | None:
    best: tuple[int, str] | None = None
    for entity in entities:
        for mention in entity.mentions:
            overlap = min(end, mention.span.end) - max(start, mention.span.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, entity.id)
    return best[1] if best else None


# Entity types of the entities analyser (issue #3) and the source kind each speaks as.
_ENTITY_KINDS = {"person": "person", "organisation": "organisation", "government_body": "government",
                 "place": "government", "outlet": "outlet", "ai_engine": "ai_engine"}


def _entity_kind(head: "Token", entities: Sequence[Entity]) -> tuple[Entity, str] | None:
    """The report entity whose mention holds the source's head word, and the kind it speaks as."""
    start, end = head.idx, head.idx + len(head)
    for entity in entities:
        kind = _ENTITY_KINDS.get(entity.type)
        if kind is None:
            continue
        if any(m.span.start <= start and end <= m.span.end for m in entity.mentions):
            return entity, kind
    return None


def _resolve_pronoun(token: "Token") -> str | None:
    """The nearest preceding person entity within three sentences (he/she only)."""
    if token.lower_ not in ("he", "she", "him", "her"):
        return None
    doc = token.doc
    sentence_starts = 0
    for ent in reversed([e for e in doc.ents if e.end <= token.i]):
        if ent.label_ == "PERSON":
            between = doc[ent.end : token.i]
            sentence_starts = sum(1 for t in between if t.is_sent_start)
            if sentence_starts <= 3:
                return ent.text
            return None
    return None


def type_source(
    span: "SpacySpan",
    text: str,
    directory: OutletDirectory,
    entities: Sequence[Entity] = (),
) -> Source:
    """Type the source whose words are ``span`` (a spaCy span over ``text``).

    Args:
        span: The source's tokens ("Sources familiar with the Nov. 21 call").
        text: The full text the doc was parsed from (offsets are shared).
        directory: Outlets and AI engines by name.
        entities: The report's entities, for ``Source.entity_id``.
    """
    start, end = span.start_char, span.end_char
    evidence = Span.of(text, start, end)
    entity_id = _entity_id(start, end, entities)
    head = span.root
    lemma = head.lemma_.lower()
    plain = (span[1:] if len(span) > 1 and span[0].dep_ == "det" else span).text

    for name in _candidate_names(span):
        outlet = directory.by_name(name)
        if outlet is None:
            continue
        if outlet.kind == "ai_engine":
            return Source("ai_engine", plain, evidence, entity_id, descriptor=outlet.name)
        if outlet.kind == "video_platform" or lemma in VIDEO_NOUNS:
            return Source("video", plain, evidence, entity_id, descriptor=outlet.name)
        if outlet.kind == "government":
            return Source("government", outlet.name, evidence, entity_id)
        return Source("outlet", outlet.name, evidence, entity_id, descriptor=span.text if lemma in REPORT_NOUNS else None)

    typed = _entity_kind(head, entities)
    lone_name = typed is not None and typed[1] == "organisation" and " " not in typed[0].name and not typed[0].name.isupper()
    if typed is not None and not lone_name:  # a lone capitalised "organisation" is often a misread surname
        entity, kind = typed
        return Source(kind, entity.name if kind != "government" or head.pos_ == "PROPN" else plain, evidence, entity.id)

    names = [e for e in span.ents]
    has_proper = any(t.pos_ == "PROPN" for t in span)
    if lemma in REPORT_NOUNS and has_proper:
        proper = " ".join(_POSSESSIVE.sub("", t.text) for t in span if t.pos_ == "PROPN")
        return Source("outlet", proper, evidence, entity_id, descriptor=span.text)
    if lemma in VIDEO_NOUNS:
        return Source("video", plain, evidence, entity_id)
    if lemma in DOCUMENT_NOUNS or (lemma in REPORT_NOUNS and not has_proper):
        return Source("document", plain, evidence, entity_id)
    if head.pos_ == "PRON" or head.lower_ in _PERSONAL_PRONOUNS:
        resolved = _resolve_pronoun(head)
        return Source("person", resolved or head.text, evidence, entity_id, descriptor=head.text if resolved else None)
    if lemma in ANONYMOUS_NOUNS and head.pos_ != "PROPN" and not any(e.label_ == "PERSON" for e in names):
        count, _plural = _count(head)
        return Source("anonymous", plain, evidence, entity_id, descriptor=span.text, count=count, basis=_basis(span))
    if lemma in GOVERNMENT_NOUNS or _GOV_NAME.search(span.text) or (head.ent_type_ == "GPE"):
        return Source("government", plain, evidence, entity_id)
    if head.ent_type_ == "PERSON" or any(e.label_ == "PERSON" and head in e for e in names):
        return Source("person", plain, evidence, entity_id)
    if head.ent_type_ == "ORG" and head.pos_ == "PROPN" and len(span) <= 2 and not head.text.isupper():
        # The small model often calls a lone surname an ORG ("Maduro said"); people speak more than brands.
        if not any(e.label_ == "ORG" and len(e) > 1 for e in names):
            return Source("person", plain, evidence, entity_id)
    if head.ent_type_ in ("ORG", "NORP") or lemma in ORGANISATION_NOUNS:
        return Source("organisation", plain, evidence, entity_id)
    if head.pos_ == "PROPN":
        return Source("person", plain, evidence, entity_id)
    if head.tag_ == "NNS":
        return Source("anonymous", plain, evidence, entity_id, descriptor=span.text, count=None)
    return Source("person", plain, evidence, entity_id)
