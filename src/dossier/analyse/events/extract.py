"""From a parsed report to event mentions, one per typed trigger.

Only the report's own prose is read: the title, the key points and the body
paragraphs (subheadings, footers and media captions are not events).  Two kinds
of sentence give no events: instructions to the reader ("Watch the video
below") and the author's commentary, i.e. sentences with no date, no source
and a speculative or evaluative marker ("For now, Venezuelans brace for further
turmoil … a resolution that may come too late"), or claims the claims analyser
marked as opinion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from dossier.analyse.events.modality import modality_of
from dossier.analyse.events.negotiation import (
    NEGOTIATION_TYPES,
    RESPONSE_TYPES,
    consequence_of,
    items_of,
    response_text,
)
from dossier.analyse.events.roles import Role, place_of, roles_of
from dossier.analyse.events.syntax import clean_phrase, phrase_bounds, subject_of
from dossier.analyse.events.timing import TimeLink, TimePoint, link_times
from dossier.analyse.events.triggers import Trigger, typed_triggers
from dossier.model import Attribution, Claim, Report

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

__all__ = ["Mention", "zones", "sentences", "mentions_of", "is_commentary", "is_instruction"]

#: Types whose verb complement is the content asked for, not a separate event.
CONTENT_TYPES = frozenset("demand request propose offer give_ultimatum".split())
_SPECULATIVE = ("for now", "whether", "in the balance", "too late", "remains to be seen", "may ", "might ")
_REPORTING_CUES = frozenset("say tell report reveal note according allege claim accuse warn".split())


@dataclass
class Mention:
    """One typed trigger in one sentence, with everything read off the parse."""

    trigger: Trigger
    sentence: tuple[int, int]  # char span of the (zone-clipped) sentence
    zone: str  # title | key_point | body
    roles: list[Role]
    time: TimePoint | None
    due: TimePoint | None
    place: str | None
    modality: str
    attribution_id: str | None
    items: list[str] = field(default_factory=list)
    responses: list[tuple[int, str, bool]] = field(default_factory=list)  # (theme char offset, response, passive)
    consequence: tuple[int, int, str] | None = None

    @property
    def type(self) -> str:
        return self.trigger.type

    def role(self, name: str) -> Role | None:
        return next((r for r in self.roles if r.role == name), None)


def zones(report: Report) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of the title, key points and body paragraphs."""
    out: list[tuple[str, int, int]] = []
    if report.title:
        at = report.text.find(report.title)
        if 0 <= at < 400:
            out.append(("title", at, at + len(report.title)))
    out += [("key_point", s.start, s.end) for s in report.key_points]
    out += [("body", s.start, s.end) for s in report.paragraphs]
    if not report.paragraphs and not report.key_points:
        taken_end = out[-1][2] if out else 0
        out.append(("body", taken_end, len(report.text)))
    return out


def sentences(doc: "Doc", report: Report, reparse: "Language | Callable[[str], Doc] | None" = None
              ) -> Iterator[tuple[str, "SpacySpan"]]:
    """Each sentence of the report's prose, clipped to its zone (so a subheading glued on is cut off).

    The parser sometimes glues a subheading to the sentence after it and then
    parses the heading as that sentence's subject.  Such a sentence is parsed
    again on its own with ``reparse`` (given text padded with spaces up to the
    sentence's offset, so character offsets stay those of the report).  With a
    spaCy ``Language`` the sentences of a report to parse again are parsed
    together (``nlp.pipe``): one pipeline call instead of one per sentence.
    """
    found: list[tuple[str, "SpacySpan", bool]] = []  # (zone, span, to parse again)
    for kind, start, end in zones(report):
        for sent in doc.sents:
            if sent.end_char <= start or sent.start_char >= end:
                continue
            tokens = [t for t in sent if start <= t.idx and t.idx + len(t.text) <= end and not t.is_space]
            if not tokens:
                continue
            # a heading joined to its paragraph by the parser: start after the last line break
            span = doc[tokens[0].i : tokens[-1].i + 1]
            glued = any(not t.is_space for t in doc[sent.start : tokens[0].i])
            if "\n" in span.text or glued:
                cuts = [i for i, t in enumerate(span) if "\n" in t.text or "\n" in t.whitespace_]
                if cuts:
                    span = doc[span.start + max(cuts) + 1 : span.end]
                while len(span) and span[0].is_space:
                    span = doc[span.start + 1 : span.end]
                if len(span) and reparse is not None:
                    found.append((kind, span, True))
                    continue
            if len(span):
                found.append((kind, span, False))
    again = [(span.start_char, span.text) for _kind, span, redo in found if redo]
    parsed = iter(_parse_each(reparse, again) if again else ())
    for kind, span, redo in found:
        if not redo:
            yield kind, span
            continue
        alone = next(parsed)
        for sub in alone.sents:
            words = [t for t in sub if not t.is_space]
            if words:
                yield kind, alone[words[0].i : words[-1].i + 1]


def _parse_each(reparse: "Language | Callable[[str], Doc] | None", texts: list[tuple[int, str]]) -> Iterable["Doc"]:
    """Each ``(offset, text)`` parsed as the text padded with spaces up to its offset."""
    assert reparse is not None
    pipe = getattr(reparse, "pipe", None)
    if pipe is None:
        return (reparse(" " * offset + text) for offset, text in texts)
    return pipe(_padded(reparse, offset, text) for offset, text in texts)


def _padded(nlp: "Language", offset: int, text: str) -> "Doc":
    """The tokens ``nlp.tokenizer`` makes of ``" " * offset + text``: one white-space token, then the
    text's own (a run of white space is one token), without running the tokenizer's affix searches
    over the long run of spaces."""
    from spacy.tokens import Doc

    if not offset or text[:1].isspace():  # white space on both sides of the seam would be one token
        return nlp.tokenizer(" " * offset + text)
    tokens = nlp.tokenizer(text)
    words = [" " * offset, *(t.text for t in tokens)]
    spaces = [False, *(bool(t.whitespace_) for t in tokens)]
    return Doc(nlp.vocab, words=words, spaces=spaces)


def is_instruction(sentence: "SpacySpan") -> bool:
    """An imperative addressed to the reader ("Watch the video below", "Read full article here")."""
    first = sentence[0]
    return first.tag_ == "VB" and first.dep_ == "ROOT" and subject_of(first) is None


def is_commentary(sentence: "SpacySpan", points: Sequence[TimePoint], claims: Sequence[Claim] = ()) -> bool:
    """The author's own speculation or judgement, with nothing that dates or sources it."""
    start, end = sentence.start_char, sentence.end_char
    for claim in claims:
        if claim.modality == "opinion" and claim.evidence.start <= start < claim.evidence.end:
            return True
    if any(start <= p.start < end for p in points):
        return False
    if any(t.lemma_.lower() in _REPORTING_CUES for t in sentence):
        return False
    if any(t.tag_ == "VBD" or (t.tag_ == "VBN" and any(c.dep_ == "aux" for c in t.children)) for t in sentence):
        return False
    lowered = sentence.text.lower() + " "
    return any(marker in lowered for marker in _SPECULATIVE)


def _is_content(trigger: Trigger, by_token: dict[int, Trigger]) -> bool:
    """A demanded, requested or offered action ("until Nov. 28 to leave", "requested another call")."""
    token = trigger.token
    if token.dep_ in ("nsubj", "nsubjpass", "ROOT") or token.tag_ in ("VBD", "VBZ", "VBP"):
        return False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
        return False
    current = token
    for _ in range(3):
        if current.head.i == current.i:
            return False
        if current.dep_ not in ("xcomp", "advcl", "dobj", "acl", "pobj", "prep", "ccomp"):
            return False
        current = current.head
        owner = by_token.get(current.i)
        if owner is not None:
            return owner.type in CONTENT_TYPES and owner.type != trigger.type
    return False


def _agree_without_object(trigger: Trigger) -> bool:
    return trigger.token.lemma_.lower() == "agree" and any(c.dep_ == "xcomp" for c in trigger.token.children)


def mentions_of(
    doc: "Doc",
    report: Report,
    points: Sequence[TimePoint],
    attributions: Sequence[Attribution] = (),
    claims: Sequence[Claim] = (),
    reparse: Callable[[str], "Doc"] | None = None,
) -> list[Mention]:
    """Every typed event mention of the report, in text order."""
    found: list[Mention] = []
    for zone, sentence in sentences(doc, report, reparse):
        if is_instruction(sentence) or is_commentary(sentence, points, claims):
            continue
        triggers = [t for t in typed_triggers(sentence) if not _agree_without_object(t)]
        by_token = {t.token.i: t for t in triggers}
        triggers = [t for t in triggers if not _is_content(t, by_token)]
        links = link_times(sentence, points, {t.token.i for t in triggers} | {t.light.i for t in triggers if t.light})
        here = [_mention(trigger, sentence, zone, links, attributions) for trigger in triggers]
        for mention in here:
            if mention.trigger.type == "meet":
                _meeting_sides(mention, sentence)
        _date_by_the_meeting_reported_on(here, attributions)
        found += here
    return found


def _date_by_the_meeting_reported_on(mentions: Sequence[Mention], attributions: Sequence[Attribution]) -> None:
    """"Sources familiar with the Nov. 21 call revealed that Trump gave Maduro until Friday": what the
    sources report of a dated call or meeting happened in it, so an undated event of the content takes
    the meeting's time (its due time, "until Friday", stays its own)."""
    meetings = [m for m in mentions if m.trigger.type == "meet" and m.time is not None]
    if not meetings:
        return
    by_id = {a.id: a for a in attributions}
    for mention in mentions:
        attribution = by_id.get(mention.attribution_id or "")
        if mention.time is not None or attribution is None or attribution.source.span is None:
            continue
        source = attribution.source.span
        if not (attribution.content.start <= mention.trigger.start < attribution.content.end):
            continue
        meeting = next((m for m in meetings if source.start <= m.trigger.start < source.end), None)
        if meeting is not None:
            mention.time = meeting.time


def _meeting_sides(mention: Mention, sentence: "SpacySpan") -> None:
    """"The Nov. 21 call" names no sides; the people the sentence says acted in it do."""
    sides = [r for r in mention.roles if r.role in ("agent", "target")]
    if len(sides) >= 2:
        return
    token = mention.trigger.token
    inside = {t.i for t in token.subtree}
    taken = {t for r in sides for t in range(r.start, r.end)}
    # "Trump told Maduro during a Nov. 21 phone call": the sides are who acted in the call
    if token.dep_ == "pobj" and token.head.lower_ in ("during", "in", "on", "at") and token.head.head.pos_ == "VERB":
        verb = token.head.head
        people = [c for c in verb.children if c.dep_ in ("nsubj", "dobj", "dative") and c.pos_ in ("PROPN", "PRON")]
    else:
        people = []
    people += [t for t in sentence if t.ent_type_ == "PERSON" and t.dep_ != "compound"]
    people += [t for t in sentence if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "dobj", "dative")]
    for candidate in people:
        if len(sides) >= 2:
            break
        if candidate.i in inside or candidate.i in taken or candidate.pos_ not in ("PROPN", "PRON"):
            continue
        if candidate.pos_ == "PRON" and candidate.lower_ not in ("he", "she", "him", "her"):
            continue
        lo = candidate.left_edge.i if candidate.left_edge.pos_ == "PROPN" else candidate.i
        role = "agent" if not any(r.role == "agent" for r in sides) else "target"
        found = Role(role, lo, candidate.i + 1, sentence.doc[lo : candidate.i + 1].text, candidate)
        sides.append(found)
        mention.roles.append(found)
        taken |= set(range(lo, candidate.i + 1))


def _first(links: list[TimeLink], due: bool) -> TimePoint | None:
    return next((link.point for link in links if link.due == due), None)


def _mention(trigger: Trigger, sentence: "SpacySpan", zone: str, links: dict[int, list[TimeLink]],
             attributions: Sequence[Attribution]) -> Mention:
    token = trigger.token
    own = links.get(token.i, []) + (links.get(trigger.light.i, []) if trigger.light is not None else [])
    roles = roles_of(trigger, sentence)
    place = place_of(trigger, sentence)
    modality, attribution_id = modality_of(token, attributions)
    mention = Mention(
        trigger, (sentence.start_char, sentence.end_char), zone, roles, _first(own, False), _first(own, True),
        clean_phrase(place.doc[slice(*phrase_bounds(place, sentence=sentence))].text) if place is not None else None,
        modality, attribution_id,
    )
    theme = next((r.head for r in roles if r.role in ("theme", "target") and r.head.pos_ in ("NOUN", "PROPN")), None)
    if trigger.type in NEGOTIATION_TYPES:
        if token.pos_ == "NOUN":
            mention.items = items_of(token, sentence)
        elif theme is not None:
            mention.items = items_of(theme, sentence)
        if not mention.items and trigger.type in ("offer", "give_ultimatum"):
            theme_role = mention.role("theme")
            if theme_role is not None:
                mention.items = [clean_phrase(theme_role.text).removeprefix("to ")]
    if trigger.type in RESPONSE_TYPES:
        agent = mention.role("agent")
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
        text = response_text(token, theme, agent.text if agent else None)
        mention.responses.append((theme.idx if theme is not None else -1, text, passive))
    if trigger.type == "give_ultimatum":
        skip = {t.i for links_ in links.values() for link in links_ for t in doc_tokens(sentence, link.point)}
        mention.consequence = consequence_of(token, sentence, skip)
    return mention


def doc_tokens(sentence: "SpacySpan", point: TimePoint) -> list:  # type: ignore[type-arg]
    """Tokens of the sentence inside a time expression."""
    return [t for t in sentence if point.start <= t.idx < point.end]


def reference_date(report: Report, today: str | None) -> dt.date:
    """The date relative expressions are read against: the report's, else the configured today."""
    for value in (report.published.value, today):
        if value:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return dt.date.today()
