"""One store interface over SQLite (embedded default) and PostgreSQL (shared server).

>>> store = Store.open("sqlite:///dossier.db")     # or "dossier.db", or "postgresql://user@host/db"
>>> store.save(analysis, raw=b"...")                # one transaction: all of it or none
>>> store.get_analysis(report_id)

Every write of one report (report row, raw input, its extracted objects,
entity links) happens in one transaction, so a crash leaves all or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ContextManager, Iterable, Iterator, Sequence

from sqlalchemy import Connection, Engine, bindparam, create_engine, delete, event, func, or_, select, text
from sqlalchemy.exc import SQLAlchemyError

from dossier.errors import NotFoundError, StoreError
from dossier.model import Analysis, EntityLink, Failure, GlobalEntity, Report
from dossier.serialize import from_data
from dossier.store import schema
from dossier.store.entities import GlobalEntityStore
from dossier.store.fastexec import execute_many, fetch, insert_rows
from dossier.store.migrations import migrate
from dossier.store.prepared import (
    CITED_COLUMNS,
    EXTRACTED_COLUMNS,
    FAILURE_COLUMNS,
    REPORT_COLUMNS,
    PreparedReport,
    failure_row,
    prepare,
)

__all__ = ["Store", "EntityLink", "GlobalEntity", "ReportSummary", "normalise_url"]


def normalise_url(url: str) -> str:
    """A database URL from what a user types: a path means SQLite; postgres uses psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """A row of ``dossier reports``."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    published_source: str
    language: str | None
    source_name: str
    analysed: bool


class Store(GlobalEntityStore):
    """The dossier database.  Open with :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    # -- lifecycle ---------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str = "dossier.db", *, create: bool = True) -> "Store":
        """Open (and migrate) the store at ``url``: a SQLite path/URL or a PostgreSQL URL.

        Raises:
            StoreError: The database cannot be reached, or ``create`` is False and it is new.
        """
        full = normalise_url(url)
        if full.startswith("sqlite:///") and not create:
            path = Path(full.removeprefix("sqlite:///"))
            if not path.exists():
                raise StoreError(f"no store at {path}; run `dossier ingest PATH --db {url}` first")
        try:
            engine = create_engine(full, future=True, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(
                f"cannot use database URL {url!r}: {exc}; use a file path for SQLite or "
                "postgresql://user:password@host/dbname (pip install 'dossier[postgres]')"
            ) from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        try:
            with engine.begin() as conn:
                migrate(conn)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open the store at {url!r}: {exc.__class__.__name__}: {exc}") from exc
        return store

    def close(self) -> None:
        """Release connections."""
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ------------------------------------------------------------------------------
    def transaction(self) -> ContextManager[Connection]:
        """One transaction (``engine.begin()``): pass its connection as ``conn`` to write several reports at once."""
        return self.engine.begin()

    def has_report(self, report_id: str, *, conn: Connection | None = None) -> bool:
        """True if a report with this id is stored (``conn``: as seen inside that transaction)."""
        with self.within(conn) as c:
            return c.execute(_HAS_REPORT, {"rid": report_id}).first() is not None

    def stored_ids(self, report_ids: Iterable[str], *, conn: Connection | None = None) -> set[str]:
        """Those of ``report_ids`` that are stored, in one query (``conn``: as seen inside that transaction)."""
        ids = list(dict.fromkeys(report_ids))
        if not ids:
            return set()
        with self.within(conn) as c:
            return {row[0] for row in fetch(c, _STORED_OF, {"ids": ids})}

    def save(
        self,
        analysis: Analysis,
        *,
        raw: bytes | None = None,
        entity_links: Sequence[EntityLink] = (),
        conn: Connection | None = None,
    ) -> bool:
        """Store a report with its analysis in one transaction.

        Re-saving a report replaces its analysis (re-analysis); the report row and
        raw input are written once.

        Args:
            conn: A connection from :meth:`transaction`: the report is written in
                that transaction (with the others written there, or not at all).

        Returns:
            True if the report was new.
        """
        return self.write(prepare(analysis, raw), entity_links=entity_links, conn=conn)

    def write(
        self,
        prepared: PreparedReport,
        *,
        entity_links: Sequence[EntityLink] = (),
        conn: Connection | None = None,
        new: bool | None = None,
    ) -> bool:
        """Store a report's rows made by :func:`~dossier.store.prepared.prepare` (what :meth:`save` does).

        Args:
            entity_links: Its entities' global entities (each entity row gets its ``global_id``).
            conn: A connection from :meth:`transaction` to write in.
            new: True if the caller knows the report is not stored yet (one query less); None: look.

        Returns:
            True if the report was new.
        """
        rid = prepared.report_id
        try:
            with self.within(conn, write=True) as conn:
                if new is None:
                    new = not fetch(conn, _HAS_REPORT, {"rid": rid})
                if new:
                    self._insert_report(conn, prepared)
                self._replace_analysis(conn, prepared, entity_links, fresh=new)
                self._write_entity_links(conn, entity_links)
                if prepared.failures:
                    now = datetime.now(timezone.utc)
                    insert_rows(conn, schema.failures, (*FAILURE_COLUMNS, "at"), [(*f, now) for f in prepared.failures])
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store report {rid} ({prepared.source_name}): {exc}") from exc
        return bool(new)

    def record_failure(self, failure: Failure, *, conn: Connection | None = None) -> None:
        """Record an input or stage that failed, so a batch can report it later."""
        with self.within(conn, write=True) as c:
            insert_rows(c, schema.failures, (*FAILURE_COLUMNS, "at"), [(*failure_row(failure, None), datetime.now(timezone.utc))])

    def _insert_report(self, conn: Connection, prepared: PreparedReport) -> None:
        if prepared.raw_row is not None:
            if not fetch(conn, _HAS_RAW, {"rid": prepared.raw_row[0]}):
                insert_rows(conn, schema.raw_inputs, _RAW_COLUMNS, [(*prepared.raw_row, prepared.raw)])
        if prepared.outlet is not None:
            self._upsert_outlet(conn, prepared.outlet)
        insert_rows(conn, schema.reports, (*REPORT_COLUMNS, "added_at"), [(*prepared.report, datetime.now(timezone.utc))])
        insert_rows(conn, schema.cited_sources, CITED_COLUMNS, prepared.cited)
        if self.dialect == "sqlite":
            rid, title, body = prepared.fts
            conn.execute(_FTS_INSERT, {"id": rid, "title": title, "text": body})

    def _upsert_outlet(self, conn: Connection, outlet: dict[str, Any]) -> None:
        if not fetch(conn, _HAS_OUTLET, {"domain": outlet["domain"]}):
            conn.execute(schema.outlets.insert(), outlet)

    def _replace_analysis(
        self, conn: Connection, prepared: PreparedReport, entity_links: Sequence[EntityLink], *, fresh: bool = False
    ) -> None:
        report_id = prepared.report_id
        if not fresh:  # a report inserted in this transaction has no earlier analysis to delete
            # entity_links rows go with their entities (ON DELETE CASCADE is not enforced everywhere)
            old_entities = select(schema.entities.c.id).where(schema.entities.c.report_id == report_id)
            conn.execute(delete(schema.entity_links).where(schema.entity_links.c.entity_id.in_(old_entities)))
            for table in schema.EXTRACTED.values():
                conn.execute(delete(table).where(table.c.report_id == report_id))
            conn.execute(delete(schema.analyses).where(schema.analyses.c.report_id == report_id))
        insert_rows(conn, schema.analyses, _ANALYSIS_COLUMNS, [(report_id, *prepared.analysis, datetime.now(timezone.utc))])
        global_ids = {link.entity_id: link.entity.id for link in entity_links}  # written with the entity rows
        for name, rows in prepared.extracted:
            if name == "entities":
                insert_rows(conn, schema.entities, _ENTITY_COLUMNS, [(*row, global_ids.get(row[0])) for row in rows])
            else:
                insert_rows(conn, schema.EXTRACTED[name], EXTRACTED_COLUMNS[name], rows)

    def _write_entity_links(self, conn: Connection, links: Sequence[EntityLink]) -> None:
        # A handful of statements per report, not five per entity: the main process
        # writes for every worker, so its time per report bounds a batch's speed.
        if not links:
            return
        latest = {link.entity.id: link.entity for link in links}  # a later link's name and data win
        ids = list(latest)
        existing = {r[0] for r in fetch(conn, _GLOBAL_IDS, {"ids": ids})}
        new_rows = [
            {"id": e.id, "name": e.name, "type": e.type, "key": e.key, "data": e.data}
            for e in latest.values()
            if e.id not in existing
        ]
        execute_many(conn, _INSERT_GLOBAL, new_rows)
        execute_many(conn, _UPDATE_GLOBAL, [{"gid": e.id, "name": e.name, "data": e.data} for e in latest.values() if e.id in existing])
        known = {(r[0], r[1]) for r in fetch(conn, _GLOBAL_KEYS, {"ids": ids})}
        keys: dict[tuple[str, str], None] = {}
        for link in links:
            for key in (link.entity.key, *link.entity.keys):
                if (link.entity.id, key) not in known:
                    keys[(link.entity.id, key)] = None
        execute_many(conn, _INSERT_GLOBAL_KEY, [{"key": key, "global_id": gid} for gid, key in keys])
        execute_many(
            conn,
            _INSERT_ENTITY_LINK,
            [{"entity_id": link.entity_id, "global_id": link.entity.id, "reason": link.reason} for link in links],
        )

    # -- reads -------------------------------------------------------------------------------
    def get_report(self, report_id: str) -> Report:
        """The stored report ``report_id`` (a unique prefix of at least 6 characters works)."""
        with self.engine.connect() as conn:
            row = self._report_row(conn, report_id)
            return _report_from_row(row._mapping)

    def get_analysis(self, report_id: str) -> Analysis:
        """The stored report with its latest analysis."""
        with self.engine.connect() as conn:
            row = self._report_row(conn, report_id)
            report = _report_from_row(row._mapping)
            meta = conn.execute(select(schema.analyses).where(schema.analyses.c.report_id == report.id)).first()
            parts: dict[str, Any] = {}
            from dossier import model

            types = {
                "entities": model.Entity,
                "timexes": model.Timex,
                "attributions": model.Attribution,
                "claims": model.Claim,
                "events": model.Event,
                "deadlines": model.Deadline,
            }
            for name, table in schema.EXTRACTED.items():
                rows = conn.execute(select(table.c.data).where(table.c.report_id == report.id).order_by(table.c.seq))
                parts[name] = tuple(from_data(types[name], r[0]) for r in rows)
            failures = conn.execute(
                select(schema.failures).where(schema.failures.c.report_id == report.id).order_by(schema.failures.c.id)
            )
            parts["failures"] = tuple(Failure(f.input, f.reason, f.detail, f.stage) for f in failures)
        if meta is None:
            return Analysis(report=report, failures=parts["failures"])
        return Analysis(
            report=report,
            analysers=tuple(meta.analysers.split()),
            depth=meta.depth,
            extra=dict(meta.extra or {}),
            **parts,
        )

    def _report_row(self, conn: Connection, report_id: str) -> Any:
        table = schema.reports
        row = conn.execute(select(table).where(table.c.id == report_id)).first()
        if row is None and len(report_id) >= 6:
            rows = conn.execute(select(table).where(table.c.id.like(f"{report_id}%")).limit(2)).fetchall()
            if len(rows) == 1:
                row = rows[0]
        if row is None:
            raise NotFoundError(f"no report {report_id!r} in the store; list ids with `dossier reports`")
        return row

    def count_reports(self) -> int:
        """How many reports are stored."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.reports)).scalar_one())

    def raw_ids(self) -> set[str]:
        """Ids of the raw inputs (``Report.raw_id``) that stored reports were read from."""
        r = schema.reports
        with self.engine.connect() as conn:
            return {row[0] for row in conn.execute(select(r.c.raw_id).where(r.c.raw_id.is_not(None)).distinct())}

    def report_of_raw(self, raw_id: str) -> str | None:
        """The id of the stored report read from raw input ``raw_id`` (the first stored), or None."""
        r = schema.reports
        with self.engine.connect() as conn:
            row = conn.execute(select(r.c.id).where(r.c.raw_id == raw_id).order_by(r.c.added_at, r.c.id)).first()
        return row[0] if row else None

    def report_ids(self) -> list[str]:
        """All report ids, oldest first."""
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(select(schema.reports.c.id).order_by(schema.reports.c.added_at, schema.reports.c.id))]

    def reports(self, *, query: str | None = None, limit: int = 50, offset: int = 0) -> list[ReportSummary]:
        """Stored reports, newest publication first, optionally matching a full-text ``query``."""
        r = schema.reports
        stmt = (
            select(
                r.c.id, r.c.title, r.c.outlet_domain, r.c.published, r.c.published_source, r.c.language,
                r.c.source_name, schema.analyses.c.report_id.label("analysed"),
            )
            .select_from(r.outerjoin(schema.analyses, schema.analyses.c.report_id == r.c.id))
            .order_by(r.c.published.desc(), r.c.id)
            .limit(limit)
            .offset(offset)
        )
        if query:
            stmt = stmt.where(r.c.id.in_(self._search_ids(query)))
        with self.engine.connect() as conn:
            return [
                ReportSummary(
                    row.id, row.title, row.outlet_domain, row.published, row.published_source, row.language,
                    row.source_name, row.analysed is not None,
                )
                for row in conn.execute(stmt)
            ]

    def _search_ids(self, query: str) -> Any:
        if self.dialect == "sqlite":
            # FTS5 query syntax is powerful but unforgiving; quote each word so any text works.
            words = [w for w in re.findall(r"\w+", query)]
            if not words:
                return select(schema.reports.c.id).where(text("0"))
            match = " ".join(f'"{w}"' for w in words)
            return select(text("report_id")).select_from(text("reports_fts")).where(text("reports_fts MATCH :q")).params(q=match)
        if self.dialect == "postgresql":
            return select(schema.reports.c.id).where(
                text("to_tsvector('simple', coalesce(title, '') || ' ' || text) @@ plainto_tsquery('simple', :q)").bindparams(q=query)
            )
        like = f"%{query}%"
        return select(schema.reports.c.id).where(or_(schema.reports.c.title.like(like), schema.reports.c.text.like(like)))

    def failures(self, *, limit: int = 100) -> list[Failure]:
        """Recorded failures, newest first."""
        f = schema.failures
        with self.engine.connect() as conn:
            rows = conn.execute(select(f).order_by(f.c.id.desc()).limit(limit))
            return [Failure(r.input, r.reason, r.detail, r.stage) for r in rows]

    def raw_input(self, raw_id: str) -> bytes:
        """The raw bytes kept for a report (``Report.raw_id``)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.raw_inputs.c.content).where(schema.raw_inputs.c.id == raw_id)).first()
        if row is None:
            raise NotFoundError(f"no raw input {raw_id!r}")
        return bytes(row[0])

    # -- entities across reports -------------------------------------------------------------
    def entity_reports(self, global_id: str) -> list[tuple[str, str, str]]:
        """(report id, entity id, reason) for every report entity linked to ``global_id``."""
        e, link = schema.entities, schema.entity_links
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(e.c.report_id, e.c.id, link.c.reason)
                .select_from(e.join(link, link.c.entity_id == e.c.id))
                .where(link.c.global_id == global_id)
                .order_by(e.c.report_id)
            )
            return [(r[0], r[1], r[2]) for r in rows]

    def iter_analyses(self, report_ids: Iterable[str] | None = None) -> Iterator[Analysis]:
        """Stored analyses, one at a time (memory stays flat on large stores)."""
        for report_id in report_ids if report_ids is not None else self.report_ids():
            yield self.get_analysis(report_id)


_HAS_REPORT = select(schema.reports.c.id).where(schema.reports.c.id == bindparam("rid"))
_STORED_OF = select(schema.reports.c.id).where(schema.reports.c.id.in_(bindparam("ids", expanding=True)))
_HAS_RAW = select(schema.raw_inputs.c.id).where(schema.raw_inputs.c.id == bindparam("rid"))
_HAS_OUTLET = select(schema.outlets.c.domain).where(schema.outlets.c.domain == bindparam("domain"))
_GLOBAL_IDS = select(schema.global_entities.c.id).where(schema.global_entities.c.id.in_(bindparam("ids", expanding=True)))
_GLOBAL_KEYS = select(schema.global_entity_keys.c.global_id, schema.global_entity_keys.c.key).where(
    schema.global_entity_keys.c.global_id.in_(bindparam("ids", expanding=True))
)
_INSERT_GLOBAL = schema.global_entities.insert()
_UPDATE_GLOBAL = schema.global_entities.update().where(schema.global_entities.c.id == bindparam("gid"))
_INSERT_GLOBAL_KEY = schema.global_entity_keys.insert()
_INSERT_ENTITY_LINK = schema.entity_links.insert()
_FTS_INSERT = text("INSERT INTO reports_fts (report_id, title, text) VALUES (:id, :title, :text)")
_RAW_COLUMNS = ("id", "source_name", "format", "size", "content")
_ANALYSIS_COLUMNS = ("report_id", "analysers", "depth", "extra", "analysed_at")
_ENTITY_COLUMNS = (*EXTRACTED_COLUMNS["entities"], "global_id")


def _report_from_row(row: Any) -> Report:
    data = dict(row["data"])
    values = {
        "id": row["id"],
        "text": row["text"],
        "title": row["title"],
        "url": row["url"],
        "byline": row["byline"],
        "published": {"value": row["published"], "source": row["published_source"], "detail": row["published_detail"] or ""},
        "language": row["language"],
        "content_hash": row["content_hash"],
        "source_format": row["source_format"],
        "source_name": row["source_name"],
        "raw_id": row["raw_id"],
        **data,
    }
    return from_data(Report, values)  # type: ignore[no-any-return]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
