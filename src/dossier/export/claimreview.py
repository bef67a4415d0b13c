"""Claims as schema.org ClaimReview-shaped JSON-LD.

Each claim becomes a ``ClaimReview`` whose ``itemReviewed`` is a ``Claim`` with
its ``author`` (the attributed source, or the report's outlet when the report
itself asserts it) and its ``appearance`` (the report).  dossier does not rate
claims: ``reviewRating`` (and the review's ``author``) appear only when the user
supplies a rating for that claim id, e.g. from a fact-checker's verdicts::

    {"c1a2b3...": {"ratingValue": 1, "bestRating": 5, "worstRating": 1,
                    "alternateName": "False", "author": "Example Fact Check"}}

dossier's own fields (modality, voice, check-worthiness, evidence offsets) are
kept under the ``dossier:`` prefix so that schema.org consumers can ignore them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Mapping

from dossier.errors import InputError
from dossier.export.files import ExportResult
from dossier.model import Analysis, Attribution, Report, Source

__all__ = ["write_claimreview", "claim_reviews", "load_ratings"]

CONTEXT: list[Any] = ["https://schema.org", {"dossier": "urn:dossier:"}]

_AUTHOR_TYPE = {
    "person": "Person",
    "author": "Person",
    "organisation": "Organization",
    "government": "GovernmentOrganization",
    "outlet": "NewsMediaOrganization",
    "ai_engine": "SoftwareApplication",
    "document": "CreativeWork",
    "video": "VideoObject",
}
_RATING_FIELDS = ("ratingValue", "bestRating", "worstRating", "alternateName", "ratingExplanation")


def _author(source: Source) -> dict[str, Any]:
    if source.kind == "anonymous":
        described = source.descriptor or source.name
        author: dict[str, Any] = {"@type": "Person", "name": described, "dossier:anonymous": True}
        if source.count:
            author["dossier:count"] = source.count
        return author
    return {"@type": _AUTHOR_TYPE.get(source.kind, "Thing"), "name": source.name}


def _appearance(report: Report) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "NewsArticle", "headline": report.title or report.source_name}
    if report.url:
        work["url"] = report.url
    if report.published.value:
        work["datePublished"] = report.published.value
    if report.outlet is not None:
        work["publisher"] = {"@type": "NewsMediaOrganization", "name": report.outlet.name, "url": f"https://{report.outlet.domain}"}
    if report.byline:
        work["author"] = {"@type": "Person", "name": report.byline}
    work["identifier"] = report.id
    return work


def claim_reviews(analysis: Analysis, ratings: Mapping[str, Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The ClaimReview objects of one report's claims (without ``@context``)."""
    report = analysis.report
    by_id: dict[str, Attribution] = {a.id: a for a in analysis.attributions}
    reviews = []
    for claim in analysis.claims:
        item: dict[str, Any] = {"@type": "Claim", "text": claim.text, "appearance": _appearance(report)}
        attribution = by_id.get(claim.attribution_id or "")
        if attribution is not None:
            item["author"] = _author(attribution.source)
            if attribution.chain:
                item["dossier:via"] = [_author(s) for s in attribution.chain]
        elif claim.voice == "author" and report.outlet is not None:
            item["author"] = {"@type": "NewsMediaOrganization", "name": report.outlet.name}
        if report.published.value:
            item["datePublished"] = report.published.value
        review: dict[str, Any] = {
            "@type": "ClaimReview",
            "identifier": claim.id,
            "claimReviewed": claim.text,
            "itemReviewed": item,
            "dossier:modality": claim.modality,
            "dossier:voice": claim.voice,
            "dossier:checkworthiness": claim.checkworthiness,
            "dossier:evidence": {"report": report.id, "start": claim.evidence.start, "end": claim.evidence.end,
                                 "text": claim.evidence.text, "extractor": claim.evidence.extractor},
        }  # fmt: skip
        rating = (ratings or {}).get(claim.id)
        if rating is not None:
            review["reviewRating"] = {"@type": "Rating", **{k: rating[k] for k in _RATING_FIELDS if k in rating}}
            if rating.get("author"):
                review["author"] = {"@type": "Organization", "name": rating["author"]}
            if rating.get("url"):
                review["url"] = rating["url"]
        reviews.append(review)
    return reviews


def write_claimreview(
    analyses: Iterable[Analysis], path: Path, *, ratings: Mapping[str, Mapping[str, Any]] | None = None
) -> ExportResult:
    """Write every claim as a ClaimReview in one JSON-LD ``@graph``."""
    graph: list[dict[str, Any]] = []
    for analysis in analyses:
        graph += claim_reviews(analysis, ratings)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"@context": CONTEXT, "@graph": graph}, ensure_ascii=False, indent=2) + "\n", "utf-8")
    rated = sum(1 for r in graph if "reviewRating" in r)
    return ExportResult("claimreview", path, counts={"claims": len(graph), "rated": rated})


def load_ratings(path: Path) -> dict[str, dict[str, Any]]:
    """User-supplied ratings: a JSON object mapping claim ids to rating objects.

    Raises:
        InputError: The file is missing or not such an object.
    """
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read ratings ({exc}); give a JSON object {{claim_id: {{ratingValue: …}}}}", input=str(path)) from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise InputError(f"{path}: ratings must be a JSON object {{claim_id: {{ratingValue: …}}}}", input=str(path))
    return data
