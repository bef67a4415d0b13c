"""Response models of the HTTP API (they make the OpenAPI document precise).

A report's full analysis is the documented ``dossier.report/1`` JSON document
(see ``docs/json-contract.md``) and is served as is.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = [
    "ReportSummaryOut",
    "ReportListOut",
    "FailureOut",
    "EvidenceOut",
    "ExportKindOut",
    "ActorOut",
    "ActorReportOut",
    "ActorDetailOut",
]


class ReportSummaryOut(BaseModel):
    """One stored report in a list."""

    id: str
    title: str | None
    outlet: str | None = Field(description="outlet domain, when known")
    published: str | None
    published_source: str = Field(description="metadata, url, text, user, inferred or none")
    language: str | None
    source_name: str
    analysed: bool
    url: str = Field(description="this report's dossier page")
    json_url: str = Field(description="this report's dossier.report/1 document")


class ReportListOut(BaseModel):
    """A page of stored reports, newest first, optionally matching a full-text query."""

    query: str | None
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page, or null on the last page")
    reports: list[ReportSummaryOut]


class FailureOut(BaseModel):
    """An input or analyser that failed, and why."""

    input: str
    reason: str
    detail: str
    stage: str


class EvidenceOut(BaseModel):
    """A span of a report's text with some context around it."""

    report_id: str
    start: int
    end: int
    text: str
    before: str
    after: str
    anchor: str = Field(description="the element id of this span on the report page")
    url: str = Field(description="the report page scrolled to this span")


class ExportKindOut(BaseModel):
    """An available export and where to download it."""

    kind: str
    description: str
    filename: str
    media_type: str
    url: str


class ActorOut(BaseModel):
    """A real-world entity across reports."""

    id: str
    name: str
    type: str
    keys: list[str] = Field(description="every normalised name or alias it is found under")
    report_entities: int = Field(description="how many report entities are this entity")
    url: str


class ActorReportOut(BaseModel):
    """A report entity that is the actor, and why it was judged so."""

    report_id: str
    title: str
    entity_id: str
    reason: str
    url: str = Field(description="the entity on its report's page")


class ActorDetailOut(BaseModel):
    """A real-world entity and every report entity linked to it."""

    id: str
    name: str
    type: str
    keys: list[str]
    reports: list[ActorReportOut]


def drop_none(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without None values (for query strings)."""
    return {k: v for k, v in data.items() if v is not None}
