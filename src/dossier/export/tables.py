"""Analyses as flat tables: one row per object, readable columns, evidence offsets.

The same tables feed CSV and Parquet.  Every table has a fixed list of typed
columns (:data:`TABLES`) so that an empty table still has its header and
schema, and a spreadsheet user sees the same columns whatever the store holds.
Nested values (roles, aliases, participants) are joined with ``"; "``; the full
nested form is in the JSON Lines export.
"""

from __future__ import annotations

from typing import Any, Iterator

from dossier.model import Analysis, Source

__all__ = ["TABLES", "rows_of"]

S, I, F = "string", "int64", "float64"

#: Columns of each table as (name, type), type one of string, int64, float64.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "reports": (
        ("id", S), ("url", S), ("title", S), ("outlet_domain", S), ("outlet_name", S), ("outlet_kind", S),
        ("byline", S), ("published", S), ("published_source", S), ("language", S), ("source_name", S),
        ("source_format", S), ("content_hash", S), ("text_length", I), ("key_points", I), ("analysers", S),
        ("depth", S),
    ),
    "key_points": (("report_id", S), ("seq", I), ("start", I), ("end", I), ("text", S)),
    "cited_sources": (
        ("report_id", S), ("seq", I), ("name", S), ("kind", S), ("domain", S), ("where", S),
        ("start", I), ("end", I), ("text", S),
    ),
    "entities": (
        ("id", S), ("report_id", S), ("name", S), ("type", S), ("kind", S), ("key", S), ("aliases", S),
        ("roles", S), ("mention_count", I), ("start", I), ("end", I), ("text", S), ("extractor", S),
    ),
    "mentions": (
        ("entity_id", S), ("report_id", S), ("label", S), ("model_label", S), ("start", I), ("end", I), ("text", S),
    ),
    "timexes": (
        ("id", S), ("report_id", S), ("type", S), ("value", S), ("granularity", S), ("anchor", S),
        ("anchor_source", S), ("mod", S), ("confidence", F), ("note", S), ("flags", S),
        ("start", I), ("end", I), ("text", S), ("extractor", S),
    ),
    "attributions": (
        ("id", S), ("report_id", S), ("source_kind", S), ("source_name", S), ("source_descriptor", S),
        ("source_count", I), ("source_entity_id", S), ("chain", S), ("cue", S), ("stance", S), ("quote", S),
        ("content", S), ("content_start", I), ("content_end", I), ("start", I), ("end", I), ("text", S),
        ("extractor", S),
    ),
    "claims": (
        ("id", S), ("report_id", S), ("text", S), ("modality", S), ("voice", S), ("checkworthiness", F),
        ("attribution_id", S), ("start", I), ("end", I), ("extractor", S),
    ),
    "events": (
        ("id", S), ("report_id", S), ("type", S), ("trigger", S), ("modality", S), ("time", S), ("timex_id", S),
        ("place", S), ("participants", S), ("items", S), ("response", S), ("attribution_id", S),
        ("start", I), ("end", I), ("text", S), ("extractor", S),
    ),
    "participants": (
        ("event_id", S), ("report_id", S), ("role", S), ("text", S), ("entity_id", S), ("start", I), ("end", I),
    ),
    "deadlines": (
        ("id", S), ("report_id", S), ("issuer", S), ("target", S), ("demand", S), ("due", S), ("consequence", S),
        ("status", S), ("status_as_of", S), ("status_evidence_start", I), ("status_evidence_end", I),
        ("status_evidence_text", S), ("event_ids", S), ("start", I), ("end", I), ("text", S), ("extractor", S),
    ),
    "failures": (("report_id", S), ("input", S), ("reason", S), ("stage", S), ("detail", S)),
}


def _join(values: Any) -> str:
    return "; ".join(str(v) for v in values if v)


def _source_label(source: Source) -> str:
    count = f" x{source.count}" if source.count else ""
    return f"{source.name} ({source.kind}{count})"


def rows_of(analysis: Analysis) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every row of one analysis as ``(table, row)``, each row keyed by :data:`TABLES` columns."""
    report = analysis.report
    rid = report.id
    outlet = report.outlet
    yield "reports", {
        "id": rid, "url": report.url, "title": report.title,
        "outlet_domain": outlet.domain if outlet else None, "outlet_name": outlet.name if outlet else None,
        "outlet_kind": outlet.kind if outlet else None, "byline": report.byline,
        "published": report.published.value, "published_source": report.published.source,
        "language": report.language, "source_name": report.source_name, "source_format": report.source_format,
        "content_hash": report.content_hash, "text_length": len(report.text), "key_points": len(report.key_points),
        "analysers": " ".join(analysis.analysers), "depth": analysis.depth,
    }  # fmt: skip
    for seq, point in enumerate(report.key_points):
        yield "key_points", {"report_id": rid, "seq": seq, "start": point.start, "end": point.end, "text": point.text}
    for seq, cited in enumerate(report.cited_sources):
        yield "cited_sources", {
            "report_id": rid, "seq": seq, "name": cited.name, "kind": cited.kind, "domain": cited.domain,
            "where": cited.where, "start": cited.span.start, "end": cited.span.end, "text": cited.span.text,
        }  # fmt: skip
    for e in analysis.entities:
        roles = [r.title + (f" of {r.of}" if r.of else "") for r in e.roles]
        yield "entities", {
            "id": e.id, "report_id": rid, "name": e.name, "type": e.type, "kind": e.kind, "key": e.key,
            "aliases": _join(e.aliases), "roles": _join(roles), "mention_count": len(e.mentions),
            **_evidence(e.evidence),
        }  # fmt: skip
        for m in e.mentions:
            yield "mentions", {
                "entity_id": e.id, "report_id": rid, "label": m.label, "model_label": m.model_label,
                "start": m.span.start, "end": m.span.end, "text": m.span.text,
            }  # fmt: skip
    for t in analysis.timexes:
        yield "timexes", {
            "id": t.id, "report_id": rid, "type": t.type, "value": t.value, "granularity": t.granularity,
            "anchor": t.anchor, "anchor_source": t.anchor_source, "mod": t.mod, "confidence": t.confidence,
            "note": t.note, "flags": _join(t.flags), **_evidence(t.evidence),
        }  # fmt: skip
    for a in analysis.attributions:
        yield "attributions", {
            "id": a.id, "report_id": rid, "source_kind": a.source.kind, "source_name": a.source.name,
            "source_descriptor": a.source.descriptor, "source_count": a.source.count,
            "source_entity_id": a.source.entity_id, "chain": _join(_source_label(c) for c in a.chain),
            "cue": a.cue.text if a.cue else None, "stance": a.stance, "quote": a.quote,
            "content": a.content.text, "content_start": a.content.start, "content_end": a.content.end,
            **_evidence(a.evidence),
        }  # fmt: skip
    for c in analysis.claims:
        yield "claims", {
            "id": c.id, "report_id": rid, "text": c.text, "modality": c.modality, "voice": c.voice,
            "checkworthiness": c.checkworthiness, "attribution_id": c.attribution_id,
            "start": c.evidence.start, "end": c.evidence.end, "extractor": c.evidence.extractor,
        }  # fmt: skip
    for ev in analysis.events:
        yield "events", {
            "id": ev.id, "report_id": rid, "type": ev.type, "trigger": ev.trigger.text, "modality": ev.modality,
            "time": ev.time, "timex_id": ev.timex_id, "place": ev.place,
            "participants": _join(f"{p.role}: {p.text}" for p in ev.participants), "items": _join(ev.items),
            "response": ev.response, "attribution_id": ev.attribution_id, **_evidence(ev.evidence),
        }  # fmt: skip
        for p in ev.participants:
            yield "participants", {
                "event_id": ev.id, "report_id": rid, "role": p.role, "text": p.text, "entity_id": p.entity_id,
                "start": p.span.start if p.span else None, "end": p.span.end if p.span else None,
            }  # fmt: skip
    for d in analysis.deadlines:
        status = d.status_evidence
        yield "deadlines", {
            "id": d.id, "report_id": rid, "issuer": d.issuer, "target": d.target, "demand": d.demand, "due": d.due,
            "consequence": d.consequence, "status": d.status, "status_as_of": d.status_as_of,
            "status_evidence_start": status.start if status else None,
            "status_evidence_end": status.end if status else None,
            "status_evidence_text": status.text if status else None, "event_ids": _join(d.event_ids),
            **_evidence(d.evidence),
        }  # fmt: skip
    for f in analysis.failures:
        yield "failures", {"report_id": rid, "input": f.input, "reason": f.reason, "stage": f.stage, "detail": f.detail}


def _evidence(evidence: Any) -> dict[str, Any]:
    return {"start": evidence.start, "end": evidence.end, "text": evidence.text, "extractor": evidence.extractor}
