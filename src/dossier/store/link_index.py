"""The linking index in the store: the SQL side of :class:`dossier.link.cluster.LinkIndex`.

Every method is a lookup on a primary key or an index (``report_bands`` by
band, ``story_keys`` by key, ``link_keys`` by key), so linking one report costs
the same in a store of a thousand reports or of millions.  :class:`SqlLinkIndex`
works inside the caller's transaction: a report's link rows are written with it
or not at all.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Sequence

from sqlalchemy import Connection, bindparam, delete, func, select, update

from dossier.errors import NotFoundError
from dossier.link.cluster import LinkDecision, LinkProfile, StoryInfo
from dossier.link.fingerprint import CopyRelation, Fingerprint
from dossier.store import schema
from dossier.store.fastexec import execute_many, fetch

__all__ = [
    "SqlLinkIndex", "StoryRow", "list_stories", "story_row", "story_members", "copies_among", "fingerprints_of", "bulk_load",
]


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A row of ``dossier stories``."""

    id: str
    title: str
    reports: int
    first_published: str | None
    last_published: str | None


def _upsert_increment(conn: Connection, table: Any, keys: Sequence[str], rows: list[dict[str, Any]], column: str, by: int) -> None:
    """Add ``by`` to ``column`` of each row, inserting rows that do not exist yet."""
    execute_many(conn, _upsert_statement(conn.dialect.name, table, tuple(keys), column, by), rows)


@functools.lru_cache(maxsize=32)
def _upsert_statement(dialect: str, table: Any, keys: tuple[str, ...], column: str, by: int) -> Any:
    """One statement per (dialect, table, keys, column, step), built once: the writer runs these for every report."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table).on_conflict_do_update(index_elements=list(keys), set_={column: table.c[column] + by})


#: A story gains a report: one statement, compiled once.
_ONE_MORE_REPORT = (
    update(schema.stories)
    .where(schema.stories.c.id == bindparam("sid"))
    .values(
        report_count=schema.stories.c.report_count + 1,
        first_published=bindparam("first"),
        last_published=bindparam("last"),
        updated_at=bindparam("now"),
    )
)


#: The per-report inserts of linking, built once.
_INSERT_FINGERPRINT = schema.report_fingerprints.insert()
_INSERT_BAND = schema.report_bands.insert()
_INSERT_COPY = schema.copies.insert()
_INSERT_STORY = schema.stories.insert()
_INSERT_STORY_REPORT = schema.story_reports.insert()

#: The per-report reads of linking, built once (``expanding`` binds take lists of any length).
_REPORT_COUNT = select(schema.link_stats.c.value).where(schema.link_stats.c.name == "reports")
_KEY_FREQUENCIES = select(schema.link_keys.c.key, schema.link_keys.c.reports).where(
    schema.link_keys.c.key.in_(bindparam("keys", expanding=True))
)
_BAND_MATCHES = (
    select(schema.report_fingerprints)
    .where(
        schema.report_fingerprints.c.report_id.in_(
            select(schema.report_bands.c.report_id)
            .where(schema.report_bands.c.band.in_(bindparam("bands", expanding=True)))
            .distinct()
            .limit(200)
        )
    )
    .order_by(schema.report_fingerprints.c.report_id)
)
_STORY_INFOS = select(schema.stories).where(schema.stories.c.id.in_(bindparam("ids", expanding=True)))
_STORY_OF = select(schema.story_reports.c.story_id).where(schema.story_reports.c.report_id == bindparam("rid"))
_STORY = select(schema.stories).where(schema.stories.c.id == bindparam("sid"))


def _stories_with_keys(since: bool, until: bool) -> Any:
    t, s = schema.story_keys, schema.stories
    query = select(t.c.key, t.c.story_id, t.c.reports).where(t.c.key.in_(bindparam("keys", expanding=True)))
    if since or until:  # postings by key, each checked against its story's primary key
        query = query.select_from(t.join(s, s.c.id == t.c.story_id))
    if since:
        query = query.where((s.c.last_published >= bindparam("since")) | s.c.last_published.is_(None))
    if until:
        query = query.where((s.c.first_published < bindparam("until")) | s.c.first_published.is_(None))
    return query


_STORIES_WITH_KEYS = {(a, b): _stories_with_keys(a, b) for a in (False, True) for b in (False, True)}


def _fingerprint(row: Any) -> Fingerprint:
    return Fingerprint(row.text_hash, tuple(int(v) for v in row.minhash.split(",")), int(row.simhash, 16), row.shingles, bool(row.cites))


class SqlLinkIndex:
    """A :class:`~dossier.link.cluster.LinkIndex` over one open connection (one transaction)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def report_count(self) -> int:
        rows = fetch(self.conn, _REPORT_COUNT, {})
        value = rows[0][0] if rows else None
        return int(value or 0)

    def key_frequencies(self, keys: Iterable[str]) -> dict[str, int]:
        keys = list(keys)
        if not keys:
            return {}
        return {r[0]: int(r[1]) for r in fetch(self.conn, _KEY_FREQUENCIES, {"keys": keys})}

    def band_matches(self, bands: Iterable[str]) -> list[tuple[str, Fingerprint, str | None]]:
        rows = fetch(self.conn, _BAND_MATCHES, {"bands": list(bands)})
        return [(r.report_id, _fingerprint(r), r.published) for r in rows]

    def stories_with_keys(
        self, keys: Iterable[str], since: str | None = None, until: str | None = None
    ) -> dict[str, dict[str, int]]:
        keys = list(keys)
        if not keys:
            return {}
        query = _STORIES_WITH_KEYS[(since is not None, until is not None)]
        params: dict[str, Any] = {"keys": keys}
        if since is not None:
            params["since"] = since
        if until is not None:
            params["until"] = until
        out: dict[str, dict[str, int]] = {}
        for key, story, count in fetch(self.conn, query, params):
            out.setdefault(story, {})[key] = int(count)
        return out

    def story_infos(self, story_ids: Iterable[str]) -> dict[str, StoryInfo]:
        ids = list(story_ids)
        if not ids:
            return {}
        rows = fetch(self.conn, _STORY_INFOS, {"ids": ids})
        return {r.id: StoryInfo(r.id, r.title, r.report_count, _day(r.first_published), _day(r.last_published)) for r in rows}

    def story_of(self, report_id: str) -> str | None:
        rows = fetch(self.conn, _STORY_OF, {"rid": report_id})
        return rows[0][0] if rows else None

    def add(self, profile: LinkProfile, decision: LinkDecision) -> None:
        now = datetime.now(timezone.utc)
        fp = profile.fingerprint
        # statements built once, executed with parameters (on SQLite straight to the driver: see fastexec)
        execute_many(
            self.conn,
            _INSERT_FINGERPRINT,
            [{
                "report_id": profile.report_id, "text_hash": fp.text_hash, "minhash": ",".join(map(str, fp.minhash)),
                "simhash": f"{fp.simhash:016x}", "shingles": fp.size, "cites": int(fp.cites), "published": profile.published,
                "outlet_domain": profile.outlet, "salient_keys": list(profile.keys),
            }],
        )
        execute_many(self.conn, _INSERT_BAND, [{"band": b, "report_id": profile.report_id} for b in fp.bands()])
        keys = sorted(set(profile.keys))
        _upsert_increment(self.conn, schema.link_keys, ["key"], [{"key": k, "reports": 1} for k in keys], "reports", 1)
        _upsert_increment(self.conn, schema.link_stats, ["name"], [{"name": "reports", "value": 1}], "value", 1)
        if decision.copies:
            execute_many(
                self.conn,
                _INSERT_COPY,
                [
                    {"copy_id": c.copy_id, "original_id": c.original_id, "kind": c.kind, "score": c.score,
                     "containment": c.containment, "reason": c.reason}
                    for c in decision.copies
                ],
            )
        self._attach(profile.report_id, keys, profile.published, decision.story_id, profile.title, decision.score, decision.reason, "linker", now)

    def _attach(
        self, report_id: str, keys: list[str], published: str | None, story_id: str, title: str,
        score: float, reason: str, by: str, now: datetime,
    ) -> None:
        s = schema.stories
        rows = fetch(self.conn, _STORY, {"sid": story_id})
        row = rows[0] if rows else None
        if row is None:
            execute_many(
                self.conn,
                _INSERT_STORY,
                [{
                    "id": story_id, "title": title or report_id, "report_count": 1, "first_published": published,
                    "last_published": published, "created_at": now, "updated_at": now,
                }],
            )
        else:
            dates = [d for d in (published, row.first_published, row.last_published) if d]
            execute_many(
                self.conn,
                _ONE_MORE_REPORT,
                [{"sid": story_id, "first": min(dates) if dates else None, "last": max(dates) if dates else None, "now": now}],
            )
        _upsert_increment(
            self.conn, schema.story_keys, ["key", "story_id"],
            [{"key": k, "story_id": story_id, "reports": 1} for k in keys], "reports", 1,
        )
        execute_many(
            self.conn,
            _INSERT_STORY_REPORT,
            [{"report_id": report_id, "story_id": story_id, "score": score, "reason": reason, "assigned_by": by, "linked_at": now}],
        )

    def move(self, report_id: str, story_id: str | None) -> str:
        """Move a report to ``story_id`` (None: a story of its own); return the story it is now in."""
        from dossier.model import content_id

        f, sr, sk, s = schema.report_fingerprints, schema.story_reports, schema.story_keys, schema.stories
        fp = self.conn.execute(select(f.c.salient_keys, f.c.published).where(f.c.report_id == report_id)).first()
        old = self.story_of(report_id)
        if fp is None or old is None:
            raise NotFoundError(f"report {report_id!r} is not linked; run `dossier link` first")
        if story_id is not None and story_id != old:
            if self.conn.execute(select(s.c.id).where(s.c.id == story_id)).first() is None:
                raise NotFoundError(f"no story {story_id!r}; list stories with `dossier stories`")
        target = story_id or content_id(report_id, "moved", prefix="s", length=12)
        if target == old:
            return old
        keys = sorted(set(fp.salient_keys))
        self.conn.execute(update(sk).where(sk.c.story_id == old, sk.c.key.in_(keys)).values(reports=sk.c.reports - 1))
        self.conn.execute(delete(sk).where(sk.c.story_id == old, sk.c.reports <= 0))
        self.conn.execute(delete(sr).where(sr.c.report_id == report_id))
        remaining = self.conn.execute(select(func.count()).select_from(sr).where(sr.c.story_id == old)).scalar_one()
        if remaining == 0:
            self.conn.execute(delete(s).where(s.c.id == old))
        else:
            dates = select(func.min(f.c.published), func.max(f.c.published)).select_from(
                f.join(sr, sr.c.report_id == f.c.report_id)
            ).where(sr.c.story_id == old)
            first, last = self.conn.execute(dates).first() or (None, None)
            self.conn.execute(update(s).where(s.c.id == old).values(report_count=remaining, first_published=first, last_published=last))
        title = self.conn.execute(select(schema.reports.c.title).where(schema.reports.c.id == report_id)).scalar() or report_id
        self._attach(report_id, keys, fp.published, target, title, 1.0, "moved by the user", "user", datetime.now(timezone.utc))
        return target


def _day(value: str | None) -> str | None:
    return value[:10] if value and len(value) >= 10 else None


def list_stories(conn: Connection, *, limit: int = 50, offset: int = 0) -> list[StoryRow]:
    """Stories, most recently active first."""
    s = schema.stories
    rows = conn.execute(select(s).order_by(s.c.last_published.desc(), s.c.report_count.desc(), s.c.id).limit(limit).offset(offset))
    return [StoryRow(r.id, r.title, r.report_count, r.first_published, r.last_published) for r in rows]


def story_row(conn: Connection, story_id: str) -> StoryRow:
    """One story by id or unique id prefix (6+ characters)."""
    s = schema.stories
    row = conn.execute(select(s).where(s.c.id == story_id)).first()
    if row is None and len(story_id) >= 6:
        rows = conn.execute(select(s).where(s.c.id.like(f"{story_id}%")).limit(2)).fetchall()
        row = rows[0] if len(rows) == 1 else None
    if row is None:
        raise NotFoundError(f"no story {story_id!r}; list stories with `dossier stories`")
    return StoryRow(row.id, row.title, row.report_count, row.first_published, row.last_published)


def story_members(conn: Connection, story_id: str) -> dict[str, str]:
    """Report id → why it is in the story."""
    t = schema.story_reports
    return {r[0]: r[1] for r in conn.execute(select(t.c.report_id, t.c.reason).where(t.c.story_id == story_id).order_by(t.c.report_id))}


def copies_among(conn: Connection, report_ids: Sequence[str]) -> list[CopyRelation]:
    """Copy relations whose copy is one of ``report_ids``."""
    if not report_ids:
        return []
    c = schema.copies
    rows = conn.execute(select(c).where(c.c.copy_id.in_(list(report_ids))).order_by(c.c.copy_id, c.c.original_id))
    return [CopyRelation(r.copy_id, r.original_id, r.kind, r.score, r.containment, r.reason) for r in rows]


def fingerprints_of(conn: Connection, report_ids: Sequence[str]) -> list[tuple[str, Fingerprint, str | None]]:
    """(report id, fingerprint, published) of linked reports."""
    if not report_ids:
        return []
    f = schema.report_fingerprints
    rows = conn.execute(select(f).where(f.c.report_id.in_(list(report_ids))))
    return [(r.report_id, _fingerprint(r), r.published) for r in rows]


def _insert_many(conn: Connection, table: Any, columns: list[str], rows: Iterable[tuple[Any, ...]], batch: int) -> None:
    """Insert positional ``rows``: on SQLite through the driver's ``executemany``, with the columns' own bind conversions."""
    dialect = conn.dialect
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        # PostgreSQL: SQLAlchemy's batched executemany (its JSON binding is not a plain bind processor)
        for chunk in _chunks(rows, batch):
            conn.execute(table.insert(), [dict(zip(columns, row)) for row in chunk])
        return
    marker = "?"
    processors = [table.c[c].type.bind_processor(dialect) for c in columns]
    converting = [(i, p) for i, p in enumerate(processors) if p is not None]
    preparer = dialect.identifier_preparer
    sql = (
        f"INSERT INTO {preparer.format_table(table)} ({', '.join(preparer.quote(c) for c in columns)}) "
        f"VALUES ({', '.join([marker] * len(columns))})"
    )
    for chunk in _chunks(rows, batch):
        if converting:
            converted = []
            for row in chunk:
                values = list(row)
                for i, process in converting:
                    values[i] = process(values[i])
                converted.append(tuple(values))
            chunk = converted
        conn.exec_driver_sql(sql, chunk)


def _chunks(rows: Iterable[tuple[Any, ...]], size: int) -> Iterable[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def bulk_load(conn: Connection, index: Any, *, batch: int = 20_000) -> None:
    """Write a :class:`~dossier.link.cluster.MemoryIndex` into empty link tables (benchmarks, migrations of archives).

    The rows are those that linking the same reports one at a time through
    :class:`SqlLinkIndex` writes (the decisions' scores and reasons included; only
    the ``linked_at`` and ``created_at`` times differ).  Built for speed: the
    secondary indexes are dropped and created again after the load, rows go in
    primary-key order through the driver's ``executemany`` in batches of
    ``batch``, all in the caller's transaction.
    """
    now = datetime.now(timezone.utc)
    profiles = sorted(index.profiles.values(), key=lambda p: p.report_id)
    linked = {r: index.decisions.get(r, (0.0, "bulk load", "linker")) for r in index.assignment}
    tables: list[tuple[Any, list[str], Iterable[tuple[Any, ...]]]] = [
        (schema.report_fingerprints,
         ["report_id", "text_hash", "minhash", "simhash", "shingles", "cites", "published", "outlet_domain", "salient_keys"],
         ((p.report_id, p.fingerprint.text_hash, ",".join(map(str, p.fingerprint.minhash)), f"{p.fingerprint.simhash:016x}",
           p.fingerprint.size, int(p.fingerprint.cites), p.published, p.outlet, list(p.keys)) for p in profiles)),
        (schema.report_bands, ["band", "report_id"],
         sorted((b, p.report_id) for p in profiles for b in set(p.fingerprint.bands()))),
        (schema.link_keys, ["key", "reports"], ((k, index.df[k]) for k in sorted(index.df))),
        (schema.story_keys, ["key", "story_id", "reports"],
         sorted((k, s, n) for s, counter in index.story_keys.items() for k, n in counter.items() if n > 0)),
        (schema.stories, ["id", "title", "report_count", "first_published", "last_published", "created_at", "updated_at"],
         ((i.id, i.title, i.size, i.first, i.last, now, now) for i in sorted(index.stories.values(), key=lambda i: i.id))),
        (schema.story_reports, ["report_id", "story_id", "score", "reason", "assigned_by", "linked_at"],
         ((r, index.assignment[r], *linked[r], now) for r in sorted(index.assignment))),
        (schema.link_stats, ["name", "value"], [("reports", len(index.profiles))]),
        (schema.copies, ["copy_id", "original_id", "kind", "score", "containment", "reason"],
         sorted({(c.copy_id, c.original_id): (c.copy_id, c.original_id, c.kind, c.score, c.containment, c.reason)
                 for c in index.copies}.values())),
    ]
    secondary = [ix for table, _, _ in tables for ix in table.indexes]
    for ix in secondary:
        ix.drop(conn)
    for table, columns, rows in tables:
        _insert_many(conn, table, columns, rows, batch)
    for ix in secondary:
        ix.create(conn)
