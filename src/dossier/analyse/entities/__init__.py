"""Entities: mentions grouped into people, organisations, places, outlets (issue #3).

The analyser ``dossier.entities.v1`` reads the spaCy named entities and the
outlet directory, and returns one :class:`~dossier.model.Entity` per real
entity of the report:

1. candidates — the model's PERSON/ORG/GPE/LOC/FAC/NORP/PRODUCT spans, with
   titles cut off the name ("VP Delcy Rodríguez" → "Delcy Rodríguez") and
   possessives dropped; outlets, platforms and AI engines from the directory
   (:mod:`.gazetteer`) replace whatever the model said about those spans;
2. roles — titles before or after each name (:mod:`.roles`);
3. grouping and type repair by consistency within the report (:mod:`.grouping`);
4. an unqualified national title ("Vice President Delcy Rodríguez") takes the
   country of the first country-qualified title in its sentence.

Each entity keeps every mention's offsets, the type the model gave each
mention, its roles with spans, its aliases and a ``key`` shared with
:mod:`dossier.link.identity` for identity across reports.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Iterator

from dossier.analyse.base import AnalyserSpec, Context, Example
from dossier.analyse.entities.gazetteer import OutletMention, find_outlets
from dossier.analyse.entities.grouping import Candidate, Group, group_mentions, label_type
from dossier.analyse.entities.names import COUNTRY_ALIASES, country_of, name_key, strip_possessive
from dossier.analyse.entities.roles import NATIONAL_TITLES, TitleMatch, leading_title, title_after, title_before
from dossier.model import Entity, Evidence, Mention, Role, Span, content_id
from dossier.outlets import default_directory

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan

__all__ = ["ENTITIES", "NAME", "extract_entities"]

NAME = "dossier.entities.v1"
_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT")
_COUNTRIES = frozenset(COUNTRY_ALIASES.values())
_EDGE = " \t\n\"“”'‘’`,;:()[]{}.-–—"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding punctuation, a leading "the" or a trailing possessive."""
    while start < end and text[start] in _EDGE:
        start += 1
    if text[start:end].lower().startswith("the "):
        start += 4
    core = strip_possessive(text[start:end])
    end = start + len(core) if core and text.startswith(core, start) else end
    while end > start and text[end - 1] in _EDGE and text[end - 1] != ".":  # dots: "U.S.", "Jr."
        end -= 1
    return start, end


def _keep_norp(ent: "SpacySpan") -> bool:
    """Nationalities count as groups only as nouns ("Venezuelans"), not adjectives ("Venezuelan airspace")."""
    return ent.root.tag_ in ("NNPS", "NNS")


def _candidates(text: str, doc: "Doc", outlets: list[OutletMention]) -> list[Candidate]:
    qualifiers = {e.end_char: e.text for e in doc.ents if e.label_ in ("GPE", "NORP", "ORG")}
    found: list[Candidate] = []
    outlet_spans = [(m.start, m.end) for m in outlets]
    model_labels: dict[tuple[int, int], str] = {}
    for ent in doc.ents:
        if ent.label_ not in _LABELS:
            continue
        overlapping = [s for s in outlet_spans if s[0] < ent.end_char and ent.start_char < s[1]]
        if overlapping:
            for span in overlapping:
                model_labels.setdefault(span, ent.label_)
            continue
        start, end = _trim(text, ent.start_char, ent.end_char)
        if ent.label_ == "NORP" and not _keep_norp(ent):
            country = country_of(text[start:end])
            if country is not None:  # "Venezuelan airspace", "Canadian loans": a mention of the country
                found.append(Candidate(start, end, text[start:end], name_key(country), "NORP", "place"))
            continue
        # "VP Delcy Rodríguez" → "Delcy Rodríguez"; never "General Motors" → "Motors"
        name_start = leading_title(text, start, end) if ent.label_ == "PERSON" else start
        titled = name_start != start
        start = name_start
        if end - start < 2 or not any(c.isalpha() for c in text[start:end]):
            continue
        surface = text[start:end]
        cand = Candidate(start, end, surface, name_key(surface), ent.label_, label_type(ent.label_, surface))
        if ent.label_ in ("PERSON", "ORG") or titled:
            for match in (title_before(text, start, qualifiers), title_after(text, end)):
                if match is not None:
                    cand.titles.append(match)
            cand.titled = titled or bool(cand.titles)
        found.append(cand)
    for mention in outlets:
        surface = text[mention.start : mention.end]
        found.append(
            Candidate(
                mention.start, mention.end, surface, name_key(surface),
                model_labels.get((mention.start, mention.end)), "outlet", outlet=mention.outlet,
            )
        )
    return found


def _propagate(text: str, groups: list[Group]) -> None:
    """Add the mentions the model missed: other occurrences of a name already found in the report.

    A name (as written, case-sensitive, whole words) that belongs to exactly one
    entity and is not inside another mention becomes a mention of that entity,
    with no ``model_label``: the report named it once, so it means the same here.
    """
    taken = sorted((m.start, m.end) for g in groups for m in g.members)
    owners: dict[str, set[int]] = {}
    for index, group in enumerate(groups):
        if group.type in ("group", "other"):
            continue
        for member in group.members:
            surface = strip_possessive(member.text)
            if len(surface) >= 3 and surface[:1].isupper():
                owners.setdefault(surface, set()).add(index)
    for surface, indices in owners.items():
        if len(indices) != 1:
            continue
        group = groups[next(iter(indices))]
        for start, end in _whole_words(text, surface):
            i = bisect.bisect_right(taken, (start, len(text) + 1))
            if (i and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
                continue
            group.members.append(Candidate(start, end, surface, name_key(surface), None, group.type))
            bisect.insort(taken, (start, end))
        group.members.sort(key=lambda c: c.start)


_WORD_BEFORE = re.compile(r"[\w.-]")
_WORD_AFTER = re.compile(r"[\w]|-\w")


def _whole_words(text: str, surface: str) -> "Iterator[tuple[int, int]]":
    """Where ``surface`` stands as whole words in ``text``: the matches of
    ``(?<![\\w.-])SURFACE(?![\\w]|-\\w)``, found with ``str.find`` (no pattern compiled per name)."""
    start = text.find(surface)
    while start != -1:
        end = start + len(surface)
        if (not start or not _WORD_BEFORE.match(text, start - 1)) and not _WORD_AFTER.match(text, end):
            yield start, end
            start = text.find(surface, end)
        else:
            start = text.find(surface, start + 1)


def _sentence_index(doc: "Doc") -> list[int]:
    return [s.start_char for s in doc.sents]


def _roles(group: Group, all_titles: list[TitleMatch], starts: list[int]) -> tuple[Role, ...]:
    """The group's roles, unqualified national titles completed from their sentence, duplicates merged."""
    roles: list[Role] = []
    for member in group.members:
        for match in member.titles:
            role = match.role
            if role.of is None and role.title in NATIONAL_TITLES:
                sentence = bisect.bisect_right(starts, match.start) - 1
                peers = [
                    t for t in all_titles
                    if t.role.of in _COUNTRIES and bisect.bisect_right(starts, t.start) - 1 == sentence
                ]
                if peers:
                    role = Role(role.title, peers[0].role.of, role.span, role.time)
            roles.append(role)
    qualified = {(r.title, r.time) for r in roles if r.of}
    kept: dict[tuple[str, str | None, str | None], Role] = {}
    for role in roles:
        if role.of is None and (role.title, role.time) in qualified:
            continue
        kept.setdefault((role.title, role.of, role.time), role)
    return tuple(kept.values())


def _entity(report_id: str, text: str, group: Group, roles: tuple[Role, ...]) -> Entity:
    first = group.members[0]
    outlet = group.outlet
    key = outlet.domain if outlet is not None else name_key(group.name)
    mentions = tuple(Mention(Span.of(text, m.start, m.end), group.type, m.model_label) for m in group.members)
    aliases: list[str] = []
    for member in group.members:
        surface = strip_possessive(member.text)
        if surface != group.name and surface not in aliases:
            aliases.append(surface)
    return Entity(
        id=content_id(report_id, group.type, key, prefix="e"),
        name=group.name,
        type=group.type,
        mentions=mentions,
        evidence=Evidence(report_id, first.start, first.end, text[first.start : first.end], NAME),
        roles=roles if group.type == "person" else (),
        aliases=tuple(aliases),
        kind=group.kind,
        key=key,
    )


def extract_entities(context: Context) -> tuple[Entity, ...]:
    """The entities of one report, each with all its mentions, roles, aliases and key."""
    report = context.report
    text = report.text
    doc = context.doc
    directory = default_directory(context.config.outlets_file)
    candidates = _candidates(text, doc, find_outlets(doc.text, directory))
    groups = group_mentions(candidates)
    _propagate(text, groups)
    all_titles = [t for c in candidates for t in c.titles]
    starts = _sentence_index(doc)
    return tuple(_entity(report.id, text, g, _roles(g, all_titles, starts)) for g in groups)


ENTITIES = AnalyserSpec(
    name=NAME,
    assigns="entities",
    requires=("doc",),
    components=("tagger", "parser", "ner"),
    run=extract_entities,
    description="people, organisations, places and outlets with their mentions, roles and types repaired",
    examples=(
        Example(
            text=(
                "Venezuelan President Nicolás Maduro met the envoys of several countries on Monday in the capital. "
                "Maduro later said that the talks had been useful and that he would not leave the country."
            ),
            expected=(
                {"name": "Nicolás Maduro", "type": "person", "roles": [{"title": "President", "of": "Venezuela"}],
                 "aliases": ["Maduro"]},
            ),
        ),
        Example(
            text=(
                "Maduro wanted an interim government led by VP Delcy Rodríguez, according to the officials. "
                "Rodríguez has not commented on the proposal, which was rejected by the White House last week."
            ),
            expected=({"name": "Delcy Rodríguez", "type": "person", "roles": [{"title": "Vice President"}],
                       "key": "delcy rodriguez"},),
            absent=({"type": "place", "name": "Rodríguez"},),
        ),
        Example(
            text=(
                "Department of War Secretary Pete Hegseth ordered a second strike on the survivors of the attack, "
                "The Washington Post reported on Friday, citing people who were familiar with the operation."
            ),
            expected=(
                {"name": "Pete Hegseth", "type": "person", "roles": [{"title": "Secretary of War"}]},
                {"name": "The Washington Post", "type": "outlet", "kind": "newspaper", "key": "washingtonpost.com"},
            ),
        ),
        Example(
            text=(
                "The move was part of a broader crackdown on the trade in narcotics, BrightU.AI's Enoch notes. "
                "This video is from the TrendingNews channel on Brighteon.com, where it was watched by thousands."
            ),
            expected=(
                {"name": "BrightU.AI", "type": "ai_engine", "kind": "ai_engine"},
                {"name": "Brighteon", "type": "platform", "kind": "video_platform"},
            ),
            absent=({"type": "person"},),
        ),
    ),
)
