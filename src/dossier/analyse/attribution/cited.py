"""Cited sources: every outlet, wire, report, video, document or AI engine a report relies on.

Joins the report's footer and body citations (``Report.cited_sources``, found at
ingestion) with the sources and chains of its attributions, so that each cited
source lists the statements that rely on it: the footer's "BrightU.ai" and the
body's "BrightU.AI's Enoch notes …" are one AI engine relied on by one claim.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from dossier.model import Analysis, Span
from dossier.outlets import OutletDirectory, default_directory

__all__ = ["SourceUse", "cited_sources", "CITED_KINDS"]

#: Source kinds that are cited sources (people and governments are actors, not sources cited).
CITED_KINDS = ("outlet", "ai_engine", "video", "document")
_OUTLET_KIND = {"ai_engine": "ai_engine", "video_platform": "video"}


@dataclass(frozen=True, slots=True)
class SourceUse:
    """One cited source and what relies on it.

    ``where`` says whether it is named in the body, the footer or both;
    ``attribution_ids`` and ``claim_ids`` are the statements sourced to it (as
    source or as a link of a chain); ``spans`` are where it is named.
    """

    name: str
    kind: str
    domain: str | None
    where: tuple[str, ...]
    spans: tuple[Span, ...]
    attribution_ids: tuple[str, ...] = ()
    claim_ids: tuple[str, ...] = ()


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _key(name: str, descriptor: str | None, directory: OutletDirectory) -> tuple[str, str | None]:
    for candidate in (descriptor, name):
        if candidate:
            outlet = directory.by_name(candidate) or directory.by_domain(candidate)
            if outlet is not None:
                return outlet.domain, outlet.domain
    return _fold(name), None


def cited_sources(analysis: Analysis, directory: OutletDirectory | None = None) -> tuple[SourceUse, ...]:
    """The cited sources of one analysed report, in order of first mention.

    Args:
        analysis: The report's analysis (its report's citations and its attributions and claims).
        directory: Outlets, to recognise one source under several names (default: shipped list).
    """
    directory = directory or default_directory()
    order: list[str] = []
    found: dict[str, dict[str, object]] = {}

    def entry(key: str, name: str, kind: str, domain: str | None) -> dict[str, object]:
        if key not in found:
            order.append(key)
            found[key] = {"name": name, "kind": kind, "domain": domain, "where": [], "spans": [], "attr": [], "claims": []}
        return found[key]

    for cited in analysis.report.cited_sources:
        key, domain = _key(cited.name, None, directory)
        kind = _OUTLET_KIND.get(cited.kind, "outlet" if cited.kind != "unknown" else "outlet")
        item = entry(key, cited.name, kind, cited.domain or domain)
        item["where"].append(cited.where)  # type: ignore[union-attr]
        item["spans"].append(cited.span)  # type: ignore[union-attr]
    claims_by_attribution: dict[str, list[str]] = {}
    for claim in analysis.claims:
        if claim.attribution_id:
            claims_by_attribution.setdefault(claim.attribution_id, []).append(claim.id)
    for attribution in analysis.attributions:
        for source in (attribution.source, *attribution.chain):
            if source.kind not in CITED_KINDS:
                continue
            key, domain = _key(source.name, source.descriptor, directory)
            item = entry(key, source.name, source.kind, domain)
            if source.kind == "ai_engine":
                item["kind"] = "ai_engine"
            item["where"].append("body")  # type: ignore[union-attr]
            if source.span is not None:
                item["spans"].append(source.span)  # type: ignore[union-attr]
            item["attr"].append(attribution.id)  # type: ignore[union-attr]
            item["claims"].extend(claims_by_attribution.get(attribution.id, []))  # type: ignore[union-attr]
    result = []
    for key in order:
        item = found[key]
        spans = sorted({(s.start, s.end): s for s in item["spans"]}.values(), key=lambda s: s.start)  # type: ignore[union-attr]
        result.append(
            SourceUse(
                name=str(item["name"]),
                kind=str(item["kind"]),
                domain=item["domain"],  # type: ignore[arg-type]
                where=tuple(dict.fromkeys(item["where"])),  # type: ignore[arg-type]
                spans=tuple(spans),
                attribution_ids=tuple(dict.fromkeys(item["attr"])),  # type: ignore[arg-type]
                claim_ids=tuple(dict.fromkeys(item["claims"])),  # type: ignore[arg-type]
            )
        )
    return tuple(result)
