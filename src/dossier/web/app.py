"""The web UI and HTTP API: a thin client of :class:`dossier.Dossier`.

Every HTML page has a JSON twin at the same path with ``.json`` appended
(``/reports`` and ``/reports.json``); the OpenAPI document is at
``/openapi.json`` and a readable list of endpoints at ``/api``.  Routes only call
the facade; what a page shows is built by :mod:`dossier.web.view`.

>>> from dossier.web import create_app
>>> app = create_app("dossier.db")          # then: uvicorn.run(app)
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.background import BackgroundTask

from dossier import __version__
from dossier.core import Dossier
from dossier.errors import DossierError, NotFoundError, StoreError
from dossier.export import EXPORTS, get_export
from dossier.serialize import analysis_to_json, to_data
from dossier.web.marks import anchor_id
from dossier.web.schemas import (
    ActorDetailOut,
    ActorOut,
    ActorReportOut,
    EvidenceOut,
    ExportKindOut,
    FailureOut,
    ReportListOut,
    ReportSummaryOut,
)
from dossier.web.view import evidence_context, kind_label, report_view

__all__ = ["create_app"]

HERE = Path(__file__).resolve().parent
MAX_PAGE = 500


def create_app(dossier_or_db_url: Dossier | str) -> FastAPI:
    """The FastAPI application over a dossier.

    Args:
        dossier_or_db_url: An open :class:`Dossier` (left open when the app stops),
            or a SQLite path / PostgreSQL URL that the app opens and closes itself.

    Raises:
        StoreError: The store at the given URL does not exist or cannot be opened.
    """
    owned = not isinstance(dossier_or_db_url, Dossier)
    dossier = Dossier.open(dossier_or_db_url, create=False) if owned else dossier_or_db_url  # type: ignore[arg-type]

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            dossier.close()

    app = FastAPI(
        title="dossier",
        version=__version__,
        description="A sourced, checkable dossier of news reports. Every HTML page has a JSON twin (append `.json`).",
        docs_url=None,  # the stock docs pages load scripts from a CDN; /api lists the endpoints instead
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.dossier = dossier
    stories_enabled = callable(getattr(dossier, "stories", None)) and callable(getattr(dossier, "story", None))
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(kind_label=kind_label, anchor_id=anchor_id, stories_enabled=stories_enabled,
                                 exports=EXPORTS)  # fmt: skip
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    @app.exception_handler(DossierError)
    async def dossier_error(request: Request, exc: DossierError) -> Response:
        status = 404 if isinstance(exc, NotFoundError) else 500 if isinstance(exc, StoreError) else 400
        if _wants_json(request):
            return JSONResponse({"error": type(exc).__name__, "detail": str(exc)}, status_code=status)
        return page(request, "error.html", status, title="Not found" if status == 404 else "Error", message=str(exc))

    # -- reports ---------------------------------------------------------------------------
    def report_list(request: Request, q: str | None, limit: int, offset: int) -> ReportListOut:
        rows = dossier.reports(q or None, limit=limit + 1, offset=offset)
        summaries = [
            ReportSummaryOut(
                **to_data(r),
                url=str(request.url_for("report_page", report_id=r.id)),
                json_url=str(request.url_for("report_json", report_id=r.id)),
            )
            for r in rows[:limit]
        ]
        return ReportListOut(query=q or None, limit=limit, offset=offset,
                             next_offset=offset + limit if len(rows) > limit else None, reports=summaries)  # fmt: skip

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/reports")

    @app.get("/reports.json", response_model=ReportListOut, tags=["reports"])
    def reports_json(
        request: Request,
        q: str | None = Query(None, description="full-text search over titles and texts"),
        limit: int = Query(50, ge=1, le=MAX_PAGE),
        offset: int = Query(0, ge=0),
    ) -> ReportListOut:
        """Stored reports, newest first, optionally matching a full-text search."""
        return report_list(request, q, limit, offset)

    @app.get("/reports", response_class=HTMLResponse, tags=["pages"])
    def reports_page(
        request: Request, q: str | None = None, limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)
    ) -> HTMLResponse:
        """The reports list with full-text search."""
        listing = report_list(request, q, limit, offset)
        return page(request, "reports.html", title="Reports", listing=listing, q=q or "")

    @app.get("/reports/{report_id}.json", tags=["reports"])
    def report_json(report_id: str) -> dict[str, Any]:
        """One report's analysis as the ``dossier.report/1`` document."""
        return analysis_to_json(dossier.show(report_id))

    @app.get("/reports/{report_id}", response_class=HTMLResponse, tags=["pages"])
    def report_page(request: Request, report_id: str) -> HTMLResponse:
        """One report's dossier, every fact linked to its sentence in the text."""
        analysis = dossier.show(report_id)
        return page(request, "report.html", title=analysis.report.title or analysis.report.source_name,
                    view=report_view(analysis), a=analysis, r=analysis.report)  # fmt: skip

    def evidence(request: Request, report_id: str, start: int, end: int) -> EvidenceOut:
        report = dossier.report(report_id)
        if not 0 <= start < end <= len(report.text):
            raise NotFoundError(f"no span {start}-{end} in report {report.id} (its text has {len(report.text)} characters)")
        url = str(request.url_for("report_page", report_id=report.id)) + f"#{anchor_id(start, end)}"
        return EvidenceOut(report_id=report.id, url=url, **evidence_context(report.text, start, end))

    @app.get("/reports/{report_id}/at/{start:int}-{end:int}.json", response_model=EvidenceOut, tags=["reports"])
    def evidence_json(request: Request, report_id: str, start: int, end: int) -> EvidenceOut:
        """The text of a report between two offsets, with context."""
        return evidence(request, report_id, start, end)

    @app.get("/reports/{report_id}/at/{start:int}-{end:int}", response_class=HTMLResponse, tags=["pages"])
    def evidence_page(request: Request, report_id: str, start: int, end: int) -> HTMLResponse:
        """The report's text with one span highlighted (a shareable link to a sentence)."""
        span = evidence(request, report_id, start, end)
        analysis = dossier.show(report_id)
        return page(request, "evidence.html", title=f"Evidence {start}-{end}", span=span, r=analysis.report,
                    view=report_view(analysis, target=(start, end)))  # fmt: skip

    # -- actors across reports ---------------------------------------------------------------
    def actor_list(request: Request, q: str | None, limit: int) -> list[ActorOut]:
        return [
            ActorOut(id=g.id, name=g.name, type=g.type, keys=list(g.keys), report_entities=n,
                     url=str(request.url_for("actor_page", ref=g.id)))  # fmt: skip
            for g, n in dossier.entities(q or None, limit=limit)
        ]

    @app.get("/entities.json", response_model=list[ActorOut], tags=["entities"])
    def actors_json(request: Request, q: str | None = Query(None, description="a name (accent- and case-insensitive)"),
                    limit: int = Query(100, ge=1, le=MAX_PAGE)) -> list[ActorOut]:  # fmt: skip
        """Real-world entities across reports, most mentioned first."""
        return actor_list(request, q, limit)

    @app.get("/entities", response_class=HTMLResponse, tags=["pages"])
    def actors_page(request: Request, q: str | None = None, limit: int = Query(100, ge=1, le=MAX_PAGE)) -> HTMLResponse:
        """Actors: the people, organisations and places across all reports."""
        return page(request, "entities.html", title="Actors", actors=actor_list(request, q, limit), q=q or "")

    def actor(request: Request, ref: str) -> ActorDetailOut:
        found, links = dossier.entity(ref)
        reports = []
        for report_id, entity_id, reason in links:
            report = dossier.report(report_id)
            reports.append(ActorReportOut(
                report_id=report_id, title=report.title or report.source_name, entity_id=entity_id, reason=reason,
                url=str(request.url_for("report_page", report_id=report_id)) + f"#ent-{entity_id}",
            ))  # fmt: skip
        return ActorDetailOut(id=found.id, name=found.name, type=found.type, keys=list(found.keys), reports=reports)

    @app.get("/entities/{ref}.json", response_model=ActorDetailOut, tags=["entities"])
    def actor_json(request: Request, ref: str) -> ActorDetailOut:
        """One real-world entity (id, id prefix or name) and every report entity that is it, with why."""
        return actor(request, ref)

    @app.get("/entities/{ref}", response_class=HTMLResponse, tags=["pages"])
    def actor_page(request: Request, ref: str) -> HTMLResponse:
        """One actor across reports."""
        detail = actor(request, ref)
        return page(request, "entity.html", title=detail.name, actor=detail)

    # -- failures ----------------------------------------------------------------------------
    @app.get("/failures.json", response_model=list[FailureOut], tags=["failures"])
    def failures_json(limit: int = Query(100, ge=1, le=10_000)) -> list[FailureOut]:
        """Inputs and analysers that failed, newest first."""
        return [FailureOut(**to_data(f)) for f in dossier.failures(limit)]

    @app.get("/failures", response_class=HTMLResponse, tags=["pages"])
    def failures_page(request: Request, limit: int = Query(100, ge=1, le=10_000)) -> HTMLResponse:
        """Inputs and analysers that failed, with the reason and what to do."""
        return page(request, "failures.html", title="Failures", failures=dossier.failures(limit))

    # -- exports -----------------------------------------------------------------------------
    def export_kinds(request: Request) -> list[ExportKindOut]:
        return [
            ExportKindOut(kind=s.kind, description=s.description, filename=s.filename, media_type=s.media_type,
                          url=str(request.url_for("export_download", kind=s.kind)))  # fmt: skip
            for s in EXPORTS.values()
        ]

    @app.get("/exports.json", response_model=list[ExportKindOut], tags=["exports"])
    def exports_json(request: Request) -> list[ExportKindOut]:
        """The available exports."""
        return export_kinds(request)

    @app.get("/exports", response_class=HTMLResponse, tags=["pages"])
    def exports_page(request: Request) -> HTMLResponse:
        """Download the store (or one report) as JSON Lines, CSV, Parquet, GraphML, iCalendar …"""
        return page(request, "exports.html", title="Exports", kinds=export_kinds(request))

    @app.get("/export/{kind}", tags=["exports"], response_class=FileResponse)
    def export_download(kind: str, report: list[str] | None = Query(None, description="report ids (all if absent)")) -> FileResponse:
        """Download an export of the store, or of the given reports."""
        spec = get_export(kind)
        folder = Path(tempfile.mkdtemp(prefix="dossier-export-"))
        try:
            result = dossier.export(spec.kind, folder / spec.filename, report or None)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return FileResponse(result.path, media_type=spec.media_type, filename=spec.filename,
                            background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))  # fmt: skip

    # -- API index ---------------------------------------------------------------------------
    @app.get("/api", response_class=HTMLResponse, tags=["pages"])
    def api_page(request: Request) -> HTMLResponse:
        """The HTTP API's endpoints (from the OpenAPI document at /openapi.json)."""
        endpoints = [
            {"path": path, "method": method.upper(), "summary": op.get("summary", ""), "description": op.get("description", ""),
             "tags": op.get("tags", [])}
            for path, ops in app.openapi()["paths"].items()
            for method, op in ops.items()
        ]  # fmt: skip
        return page(request, "api.html", title="HTTP API", endpoints=endpoints)

    if stories_enabled:
        _story_routes(app, dossier, page)
    return app


def _story_routes(app: FastAPI, dossier: Dossier, page: Any) -> None:
    """Story pages, present only when the facade can link reports into stories."""

    @app.get("/stories.json", tags=["stories"])
    def stories_json(limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)) -> Any:
        """The stories: clusters of reports about one developing story, most recently active first."""
        return to_data(_stories(dossier, limit, offset))

    @app.get("/stories", response_class=HTMLResponse, tags=["pages"])
    def stories_page(request: Request, limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)) -> HTMLResponse:
        """The stories."""
        return page(request, "stories.html", title="Stories", stories=to_data(_stories(dossier, limit, offset)))

    @app.get("/stories/{story_id}.json", tags=["stories"])
    def story_json(story_id: str) -> Any:
        """One story's dossier (``dossier.story/1``): timeline, deadlines, claims ledger, contradictions."""
        return story_document(dossier.story(story_id))  # type: ignore[attr-defined]

    @app.get("/stories/{story_id}", response_class=HTMLResponse, tags=["pages"])
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        """One story's dossier, every item linked to its sentence."""
        data = story_document(dossier.story(story_id))  # type: ignore[attr-defined]
        return page(request, "story.html", title=data.get("title") or story_id, data=data)


def _stories(dossier: Dossier, limit: int, offset: int) -> Any:
    return dossier.stories(limit=limit, offset=offset)  # type: ignore[attr-defined]


def story_document(story: Any) -> dict[str, Any]:
    """The JSON form of a story: ``dossier.story/1`` for the linking code's story dossier."""
    try:
        from dossier.link.story import StoryDossier, story_to_json  # type: ignore[attr-defined]
    except ImportError:  # linking not installed in this tree: the story's own fields
        return to_data(story)  # type: ignore[no-any-return]
    return story_to_json(story) if isinstance(story, StoryDossier) else to_data(story)  # type: ignore[no-any-return]


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith(".json") or path == "/openapi.json" or "application/json" in request.headers.get("accept", "")
