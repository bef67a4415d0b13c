"""A report's store rows, made where it was analysed: the single writer only executes them.

A batch has one writer (the main process) and many workers, so the writer's
CPU time per report bounds how much a second worker adds.  :func:`prepare`
turns an analysed report into the values of every row that
:meth:`dossier.store.Store.write` inserts — the objects' ``data`` already
JSON-encoded (``json.dumps``, as SQLAlchemy's JSON type writes it), each
entity's identity keys (:func:`dossier.link.identity.identity_of`) and the
report's story-link profile — as plain tuples and strings, which also pickle
and unpickle many times faster than the frozen dataclasses of an
:class:`~dossier.model.Analysis`.  What the writer adds are the values that
need the store: times of day, global entity ids, story decisions.

Pure: the same analysis gives the same rows wherever it is prepared, and
:meth:`Store.save` writes an analysis by preparing it first, so one code path
writes every report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from dossier.link.cluster import LinkProfile, profile_of
from dossier.link.identity import EntityIdentity, identity_of
from dossier.model import Analysis, Failure
from dossier.serialize import to_data

__all__ = [
    "PreparedReport",
    "prepare",
    "REPORT_COLUMNS",
    "CITED_COLUMNS",
    "EXTRACTED_COLUMNS",
    "FAILURE_COLUMNS",
    "failure_row",
]

#: Report fields kept in the ``reports.data`` JSON column (the rest have columns of their own).
REPORT_DATA = ("key_points", "paragraphs", "headings", "cited_sources", "media", "outlet")
#: ``reports`` columns in :attr:`PreparedReport.report` order; the writer appends ``added_at``.
REPORT_COLUMNS = (
    "id", "url", "outlet_domain", "title", "byline", "published", "published_source", "published_detail", "language",
    "text", "content_hash", "source_format", "source_name", "raw_id", "data",
)
CITED_COLUMNS = ("report_id", "seq", "name", "kind", "domain", "location", "start", "end")
_COMMON = ("id", "report_id", "seq", "start", "end", "text", "extractor", "data")
#: Columns of each extracted-object table in row order; the writer appends ``global_id`` to entities.
EXTRACTED_COLUMNS: dict[str, tuple[str, ...]] = {
    "entities": (*_COMMON, "name", "type", "kind", "key", "mention_count"),
    "timexes": (*_COMMON, "type", "value", "anchor", "confidence"),
    "attributions": (*_COMMON, "source_kind", "source_name", "cue", "stance", "content"),
    "claims": (*_COMMON, "modality", "voice", "checkworthiness", "attribution_id"),
    "events": (*_COMMON, "type", "modality", "time", "trigger"),
    "deadlines": (*_COMMON, "issuer", "target", "demand", "due", "status"),
}
#: ``failures`` columns of an analysis's failures; the writer appends ``at``.
FAILURE_COLUMNS = ("input", "reason", "detail", "stage", "report_id")

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class PreparedReport:
    """Everything the store writes for one analysed report, as row values.

    Attributes:
        report_id: The report's id.
        source_name: Where it was read from (for error messages).
        raw: The raw input kept by the store, or None.
        raw_row: ``raw_inputs`` (id, source_name, format, size) when ``raw`` is kept, else None.
        outlet: The report's outlet as an ``outlets`` row (a dict), or None.
        report: The ``reports`` row in :data:`REPORT_COLUMNS` order (``data`` JSON-encoded).
        cited: ``cited_sources`` rows in :data:`CITED_COLUMNS` order.
        fts: (report id, title or "", text) for SQLite's full-text index.
        analysis: (analysers, depth, extra as JSON) of the ``analyses`` row.
        extracted: (table, rows) for each table of :data:`EXTRACTED_COLUMNS` with rows, in that order.
        failures: The analysis's failures in :data:`FAILURE_COLUMNS` order.
        entities: Each entity's identity (id, names, roles, keys) for cross-report linking.
        profile: The story-link profile (:func:`dossier.link.cluster.profile_of`).
    """

    report_id: str
    source_name: str
    raw: bytes | None
    raw_row: Row | None
    outlet: dict[str, Any] | None
    report: Row
    cited: tuple[Row, ...]
    fts: Row
    analysis: Row
    extracted: tuple[tuple[str, tuple[Row, ...]], ...]
    failures: tuple[Row, ...]
    entities: tuple[EntityIdentity, ...]
    profile: LinkProfile


def prepare(analysis: Analysis, raw: bytes | None = None, profile: LinkProfile | None = None) -> PreparedReport:
    """The rows of ``analysis`` (and its ``raw`` input, kept if the report has a raw id).

    Args:
        analysis: An analysed report.
        raw: The bytes it was read from, or None.
        profile: Its story-link profile if computed already (else computed here).
    """
    report = analysis.report
    rid = report.id
    keep_raw = raw is not None and bool(report.raw_id)
    data = to_data(report)
    row = (
        rid, report.url, report.outlet.domain if report.outlet else None, report.title, report.byline,
        report.published.value, report.published.source, report.published.detail, report.language, report.text,
        report.content_hash, report.source_format, report.source_name, report.raw_id if raw is not None else None,
        json.dumps({k: data[k] for k in REPORT_DATA}),
    )
    cited = tuple(
        (rid, seq, s.name, s.kind, s.domain, s.where, s.span.start, s.span.end) for seq, s in enumerate(report.cited_sources)
    )
    extracted = []
    for name in EXTRACTED_COLUMNS:
        rows = tuple(_row(name, seq, obj, rid) for seq, obj in enumerate(getattr(analysis, name)))
        if rows:
            extracted.append((name, rows))
    return PreparedReport(
        report_id=rid,
        source_name=report.source_name,
        raw=raw if keep_raw else None,
        raw_row=(report.raw_id, report.source_name, report.source_format, len(raw)) if keep_raw and raw is not None else None,
        outlet=to_data(report.outlet) if report.outlet is not None else None,
        report=row,
        cited=cited,
        fts=(rid, report.title or "", report.text),
        analysis=(" ".join(analysis.analysers), analysis.depth, json.dumps(to_data(analysis.extra))),
        extracted=tuple(extracted),
        failures=tuple(failure_row(f, rid) for f in analysis.failures),
        entities=tuple(identity_of(entity) for entity in analysis.entities),
        profile=profile if profile is not None else profile_of(analysis),
    )


def failure_row(failure: Failure, report_id: str | None) -> Row:
    """A ``failures`` row in :data:`FAILURE_COLUMNS` order (the writer appends ``at``)."""
    return (failure.input, failure.reason, failure.detail, failure.stage, report_id)


def _row(name: str, seq: int, obj: Any, report_id: str) -> Row:
    evidence = obj.evidence
    common = (obj.id, report_id, seq, evidence.start, evidence.end, evidence.text, evidence.extractor, json.dumps(to_data(obj)))
    if name == "entities":
        return (*common, obj.name, obj.type, obj.kind, obj.key, len(obj.mentions))
    if name == "timexes":
        return (*common, obj.type, obj.value, obj.anchor, obj.confidence)
    if name == "attributions":
        return (*common, obj.source.kind, obj.source.name, obj.cue.text if obj.cue else None, obj.stance, obj.content.text)
    if name == "claims":
        return (*common, obj.modality, obj.voice, obj.checkworthiness, obj.attribution_id)
    if name == "events":
        return (*common, obj.type, obj.modality, obj.time, obj.trigger.text)
    return (*common, obj.issuer, obj.target, obj.demand, obj.due, obj.status)
