"""The nouns of a dossier as small frozen dataclasses.

Everything extracted from a report carries :class:`Evidence`: the report id and
character offsets into ``Report.text`` (``report.text[start:end] == evidence.text``),
plus the versioned name of the extractor that produced it.  Sub-spans (a quote's
cue, source and content; an event's trigger) are :class:`Span` over the same text.

This module imports nothing from the rest of the package: every other module
depends on it, never the other way round.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "SCHEMA_REPORT",
    "Span",
    "Evidence",
    "Outlet",
    "Published",
    "CitedSource",
    "Media",
    "Report",
    "Role",
    "Mention",
    "Entity",
    "Timex",
    "Source",
    "Attribution",
    "Claim",
    "Participant",
    "Event",
    "Deadline",
    "Failure",
    "Analysis",
    "Story",
    "Contradiction",
    "GlobalEntity",
    "EntityLink",
    "content_id",
]

#: Version tag of the per-report JSON contract (``dossier analyse --format json``).
SCHEMA_REPORT = "dossier.report/1"


def content_id(*parts: object, prefix: str = "", length: int = 16) -> str:
    """Return a stable id made from a hash of ``parts``.

    IDs are content hashes so that re-ingesting or re-analysing is idempotent.

    Args:
        *parts: Values whose ``str()`` identifies the object.
        prefix: A short readable prefix such as ``"r"`` for reports.
        length: Hex digits of the SHA-256 digest to keep.
    """
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:length]}"


@dataclass(frozen=True, slots=True)
class Span:
    """A character span of a report's text: ``text == report.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, full_text: str, start: int, end: int) -> "Span":
        """Build the span ``full_text[start:end]``."""
        return cls(start, end, full_text[start:end])


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: a report, character offsets, and who extracted it."""

    report_id: str
    start: int
    end: int
    text: str
    extractor: str

    @classmethod
    def of(cls, report: "Report", start: int, end: int, extractor: str) -> "Evidence":
        """Evidence for ``report.text[start:end]``, produced by ``extractor``."""
        return cls(report.id, start, end, report.text[start:end], extractor)


@dataclass(frozen=True, slots=True)
class Outlet:
    """A publisher or origin of information.

    ``kind`` is one of: wire, newspaper, broadcaster, magazine, blog, aggregator,
    state_media, video_platform, ai_engine, social, government, agency, unknown.
    ``credibility`` is only ever set from a user-supplied list, and
    ``credibility_source`` says which.
    """

    domain: str
    name: str
    kind: str = "unknown"
    country: str | None = None
    language: str | None = None
    credibility: str | None = None
    credibility_source: str | None = None


@dataclass(frozen=True, slots=True)
class Published:
    """A report's publication time and how it was found.

    ``source`` is one of ``metadata``, ``url``, ``text``, ``user``, ``inferred``
    (from the latest explicit date in the text) or ``none``.
    """

    value: str | None
    source: str = "none"
    detail: str = ""


@dataclass(frozen=True, slots=True)
class CitedSource:
    """An outlet, wire, video or AI engine that the report cites (footer or body)."""

    name: str
    kind: str
    domain: str | None
    span: Span
    where: str = "footer"  # footer | body


@dataclass(frozen=True, slots=True)
class Media:
    """Embedded media such as "This video is from the X channel on Brighteon.com"."""

    kind: str
    platform: str | None
    channel: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Report:
    """One news report.  ``text`` is immutable; every annotation is a span over it.

    ``paragraphs`` are the body paragraphs (title, key points and footer excluded)
    and ``headings`` the subheadings inside the body.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: Outlet | None = None
    byline: str | None = None
    published: Published = field(default_factory=lambda: Published(None))
    language: str | None = None
    key_points: tuple[Span, ...] = ()
    paragraphs: tuple[Span, ...] = ()
    headings: tuple[Span, ...] = ()
    cited_sources: tuple[CitedSource, ...] = ()
    media: tuple[Media, ...] = ()
    content_hash: str = ""
    source_format: str = "text"
    source_name: str = ""
    raw_id: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """A role or title held by an entity, e.g. "Vice President of Venezuela"."""

    title: str
    of: str | None = None
    span: Span | None = None
    time: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity in a report."""

    span: Span
    label: str  # the type assigned to this mention after repair
    model_label: str | None = None  # what the statistical model said, if anything


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity within one report: its mentions grouped under a canonical name.

    ``type`` is one of person, organisation, government_body, place, group,
    outlet, ai_engine, platform, other.  ``kind`` refines outlets (wire, blog …).
    ``key`` is the normalised cross-report key used to resolve identity in a store.
    """

    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...]
    evidence: Evidence
    roles: tuple[Role, ...] = ()
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    key: str = ""


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3-style time expression.

    ``type`` is DATE, TIME, DURATION or SET; ``value`` its normalised value
    (``2025-11-28``, ``2025-W47``, ``P1W``, ``PRESENT_REF``); ``anchor`` the value it
    was resolved against and ``anchor_source`` how that anchor was chosen
    (``dct``, ``narrative``, ``absolute``, or ``today`` when the report has no
    date).  ``note`` records reasoning such as a
    year chosen from a weekday, and ``flags`` problems such as a weekday that
    contradicts its date.
    """

    id: str
    type: str
    value: str
    evidence: Evidence
    granularity: str | None = None
    anchor: str | None = None
    anchor_source: str | None = None
    mod: str | None = None
    confidence: float = 1.0
    note: str = ""
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """Who says something.

    ``kind`` is one of person, organisation, government, outlet, anonymous,
    document, video, ai_engine, author.  For anonymous sources ``descriptor``
    holds the description ("sources familiar with the Nov. 21 call"), ``count``
    the number if stated (4, or None for "multiple") and ``basis`` what they are
    familiar with.
    """

    kind: str
    name: str
    span: Span | None = None
    entity_id: str | None = None
    descriptor: str | None = None
    count: int | None = None
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """A statement attributed to a source through a cue.

    ``chain`` lists further sources the statement passed through, nearest first
    (``Reuters, citing three sources`` → source Reuters, chain (anonymous ×3,)).
    ``stance`` is the cue's stance: asserted, reported, alleged, hedged, denied,
    confirmed.  ``quote`` is direct, indirect or mixed.
    """

    id: str
    source: Source
    cue: Span | None
    content: Span
    evidence: Evidence
    stance: str = "reported"
    quote: str = "indirect"
    chain: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable proposition with its attribution, modality and check-worthiness.

    ``modality``: asserted, reported, alleged, hedged, denied, confirmed,
    hypothetical, future, opinion.  ``voice`` is ``author`` or ``attributed``.
    """

    id: str
    text: str
    evidence: Evidence
    modality: str
    voice: str
    checkworthiness: float
    attribution_id: str | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    """A participant of an event with its role (agent, target, beneficiary, theme)."""

    role: str
    text: str
    span: Span | None = None
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when and where.

    ``modality``: happened, reported, alleged, planned, threatened, conditional,
    negated.
    """

    id: str
    type: str
    trigger: Span
    evidence: Evidence
    participants: tuple[Participant, ...] = ()
    timex_id: str | None = None
    time: str | None = None
    place: str | None = None
    modality: str = "happened"
    attribution_id: str | None = None
    items: tuple[str, ...] = ()
    response: str | None = None


@dataclass(frozen=True, slots=True)
class Deadline:
    """An ultimatum or due date and its status (pending, passed, met, extended, withdrawn)."""

    id: str
    issuer: str | None
    target: str | None
    demand: str
    due: str | None
    evidence: Evidence
    consequence: str | None = None
    status: str = "pending"
    status_as_of: str | None = None
    status_evidence: Evidence | None = None
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """Why an input or a stage did not succeed; a batch records it and goes on.

    ``reason`` is a short stable code (``empty``, ``binary``, ``too_large``,
    ``malformed``, ``unsupported``, ``analyser_error`` …); ``detail`` tells the user
    what happened and what to do.
    """

    input: str
    reason: str
    detail: str
    stage: str = "acquire"


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the per-report analysers found in one report."""

    report: Report
    entities: tuple[Entity, ...] = ()
    timexes: tuple[Timex, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    failures: tuple[Failure, ...] = ()
    analysers: tuple[str, ...] = ()
    depth: str = "full"  # full | reduced (non-English: what was skipped is in failures)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class Story:
    """A cluster of reports about one developing story."""

    id: str
    title: str
    report_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two claims or events that cannot both hold, each side with its evidence.

    ``type`` is date, number, term, polarity, actor or outcome.
    """

    id: str
    type: str
    left: Evidence
    right: Evidence
    left_source: str | None
    right_source: str | None
    explanation: str


@dataclass(frozen=True, slots=True)
class GlobalEntity:
    """A real-world entity across reports: one id for "Delcy Rodriguez" and "VP Delcy Rodríguez".

    ``keys`` are every normalised name or alias under which it is found.
    """

    id: str
    name: str
    type: str
    key: str
    keys: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EntityLink:
    """The decision that a report's entity is a global entity, and why (explainable, reversible)."""

    entity_id: str
    entity: GlobalEntity
    reason: str
