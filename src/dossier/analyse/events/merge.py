"""Merging mentions of one event within a report, and building :class:`Event` objects.

A report names its key events several times (title, key points, body).  Two
mentions are one event when they have the same type and nothing tells them
apart: their times, agents and targets agree or one side is silent, and their
themes or items overlap (or one side has none).  A negated mention never merges
with an asserted one.  The merged event keeps the first body mention as its
evidence, the most factual modality among its mentions, and the union of
participants, items and responses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from dossier.analyse.events.extract import Mention
from dossier.model import Entity, Event, Evidence, Participant, Report, Span, content_id

__all__ = ["MergedEvent", "merge_mentions", "build_events", "compatible_text"]

_FACTUAL_ORDER = ("happened", "reported", "alleged", "threatened", "planned", "conditional", "negated")
_ZONE_ORDER = {"body": 0, "key_point": 1, "title": 2}
_PRONOUNS = frozenset("he she it they his her its their him them this that".split())
_STOP = frozenset("the a an of and or to for in on with by as at most all some any".split())


def _words(text: str) -> set[str]:
    return {w.strip(".,’'s“”").lower() for w in text.replace("’s", " ").split()} - _STOP - {""}


def compatible_text(a: str | None, b: str | None) -> bool:
    """Two participant or theme texts that may name the same thing ("Venezuela" ~ "Venezuelan government")."""
    if not a or not b:
        return True
    wa, wb = _words(a), _words(b)
    if not wa or not wb or wa & _PRONOUNS or wb & _PRONOUNS:
        return True
    return any(x[:6] == y[:6] for x in wa for y in wb if len(x) >= 3 and len(y) >= 3)


_ORDINALS = {"first": 1, "initial": 1, "second": 2, "third": 3, "fourth": 4, "new": 9, "another": 9, "latest": 9}


def _ordinals(mention: Mention) -> set[int]:
    return {_ORDINALS[c.lower_] for c in mention.trigger.token.children if c.lower_ in _ORDINALS}


_THEME_IDENTIFIES = frozenset("close designate sanction".split())


def _same_theme(event: MergedEvent, mention: Mention) -> bool:
    """Closing the same airspace twice in one report is one closure, whoever the report credits with it."""
    theme = mention.role("theme") or mention.role("target")
    if mention.type not in _THEME_IDENTIFIES or theme is None:
        return False
    return any(_words(r.text) == _words(theme.text) for m in event.mentions for r in m.roles
               if r.role in ("theme", "target"))


def _items_overlap(a: Sequence[str], b: Sequence[str]) -> bool:
    if not a or not b:
        return True
    return any(len(_words(x) & _words(y)) >= max(1, min(len(_words(x)), len(_words(y))) // 2) for x in a for y in b)


@dataclass
class MergedEvent:
    """Mentions judged to be one event."""

    mentions: list[Mention] = field(default_factory=list)
    responses: list[str] = field(default_factory=list)

    @property
    def primary(self) -> Mention:
        return min(self.mentions, key=lambda m: (_ZONE_ORDER[m.zone], _FACTUAL_ORDER.index(m.modality), m.trigger.start))

    @property
    def type(self) -> str:
        return self.mentions[0].type

    def value(self, attribute: str) -> object:
        for mention in [self.primary, *self.mentions]:
            value = getattr(mention, attribute)
            if value:
                return value
        return None

    def role_text(self, role: str) -> str | None:
        for mention in [self.primary, *self.mentions]:
            found = mention.role(role)
            if found is not None:
                return found.text
        return None

    def items(self) -> list[str]:
        out: list[str] = []
        for mention in sorted(self.mentions, key=lambda m: (_ZONE_ORDER[m.zone], m.trigger.start)):
            for item in mention.items:
                if not any(_words(item) and len(_words(item) & _words(o)) >= 0.6 * len(_words(item) | _words(o))
                           for o in out):
                    out.append(item)
        return out


def _compatible(event: MergedEvent, mention: Mention) -> bool:
    if event.type != mention.type:
        return False
    ordinals = {o for m in event.mentions for o in _ordinals(m)}
    if ordinals and _ordinals(mention) and not ordinals & _ordinals(mention):
        return False  # "a second strike" is not "the initial missile attack"
    if ("negated" in {m.modality for m in event.mentions}) != (mention.modality == "negated"):
        return False
    time = event.value("time")
    if time is not None and mention.time is not None and time.value[:10] != mention.time.value[:10]:  # type: ignore[attr-defined]
        return False
    same_theme = _same_theme(event, mention)
    if mention.type == "meet":
        # the sides of a meeting are symmetric: each side named must be among the event's sides
        sides = [r.text for m in event.mentions for r in m.roles if r.role in ("agent", "target")]
        mine = [r.text for r in mention.roles if r.role in ("agent", "target")]
        return all(any(compatible_text(s, x) for s in sides) for x in mine) if sides else True
    for role in ("agent", "target"):
        mine = mention.role(role)
        if not compatible_text(event.role_text(role), mine.text if mine else None) and not same_theme:
            return False
    theme = mention.role("theme")
    themes = [r.text for m in event.mentions for r in m.roles if r.role == "theme"]
    if theme is not None and themes and not any(_words(theme.text) & _words(t) for t in themes):
        return False
    return _items_overlap(event.items(), mention.items)


def merge_mentions(mentions: Sequence[Mention]) -> list[MergedEvent]:
    """Greedy merge in text order: each mention joins the first compatible event, else starts one."""
    events: list[MergedEvent] = []
    for mention in mentions:
        target = next((e for e in events if _compatible(e, mention)), None)
        if target is None:
            target = MergedEvent()
            events.append(target)
        target.mentions.append(mention)
    _link_responses(events)
    return events


def _link_responses(events: list[MergedEvent]) -> None:
    """Attach rejections and acceptances to the demand, proposal or offer they answer."""
    by_trigger = {m.trigger.start: e for e in events for m in e.mentions}  # char offsets: one doc or a re-parse
    for event in events:
        for mention in event.mentions:
            for theme_index, text, passive in mention.responses:
                answered = by_trigger.get(theme_index)
                if answered is None and passive:
                    # a passive rejection ("the proposal … was also rejected") answers the proposal before it
                    answered = next((by_trigger[m.trigger.start] for e in events for m in e.mentions
                                     if m.sentence == mention.sentence and m.type in ("propose", "demand", "offer")
                                     and m.trigger.start < mention.trigger.start), None)
                if answered is not None and answered is not event and not any(
                    r.split()[0] == text.split()[0] for r in answered.responses
                ):
                    answered.responses.append(text)


def _participants(event: MergedEvent, report: Report, entities: Sequence[Entity]) -> tuple[Participant, ...]:
    out: list[Participant] = []
    roles_seen: set[str] = set()
    for mention in [event.primary, *[m for m in event.mentions if m is not event.primary]]:
        doc = mention.trigger.token.doc
        for role in mention.roles:
            if mention is not event.primary and role.role in roles_seen:
                continue
            span_doc = doc[role.start : role.end]
            span = Span.of(report.text, span_doc.start_char, span_doc.end_char)
            if any(p.role == role.role and p.span == span for p in out):
                continue
            out.append(Participant(role.role, role.text, span, _entity_for(role.head.idx, role.text, entities)))
        roles_seen |= {r.role for r in mention.roles}
    return tuple(out)


def _entity_for(head: int, text: str, entities: Sequence[Entity]) -> str | None:
    """The entity with a mention on the participant's head word, else one named like the participant."""
    for entity in entities:
        if any(m.span.start <= head < m.span.end for m in entity.mentions):
            return entity.id
    for entity in entities:
        if text == entity.name or text in entity.aliases:
            return entity.id
    return None


def build_events(merged: Sequence[MergedEvent], report: Report, extractor: str,
                 entities: Sequence[Entity] = ()) -> list[Event]:
    """The :class:`Event` objects of merged mentions, in text order of their evidence."""
    events: list[Event] = []
    for event in merged:
        primary = event.primary
        start, end = primary.sentence
        time = event.value("time")
        modality = min((m.modality for m in event.mentions), key=_FACTUAL_ORDER.index)
        # the attribution the event rests on: that of its evidence mention, else of another mention with the
        # same modality; an event the author asserts somewhere rests on none
        attribution = next((m.attribution_id for m in [primary, *event.mentions]
                            if m.modality == modality and m.attribution_id), None)
        responses = list(event.responses)
        events.append(Event(
            id=content_id(report.id, primary.type, primary.trigger.start, prefix="ev"),
            type=primary.type,
            trigger=Span.of(report.text, primary.trigger.start, primary.trigger.end),
            evidence=Evidence.of(report, start, end, extractor),
            participants=_participants(event, report, entities),
            timex_id=time.timex_id if time is not None else None,  # type: ignore[attr-defined]
            time=time.value if time is not None else None,  # type: ignore[attr-defined]
            place=event.value("place"),  # type: ignore[arg-type]
            modality=modality,
            attribution_id=attribution,  # type: ignore[arg-type]
            items=tuple(event.items()),
            response="; ".join(responses) if responses else None,
        ))
    return sorted(events, key=lambda e: e.evidence.start)
