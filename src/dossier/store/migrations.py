"""Versioned schema migrations, applied in order when a store is opened.

Each migration is ``(version, description, apply(connection))`` and runs in
the same transaction as the row that records it in ``schema_migrations``.
Add new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import Connection, inspect, select, text

from dossier.store import schema

__all__ = ["MIGRATIONS", "migrate", "current_version"]


def _initial(conn: Connection) -> None:
    for table in schema.TABLES_V1:
        if table.name != "schema_migrations":
            table.create(conn, checkfirst=True)
    if conn.dialect.name == "sqlite":
        # Full-text search over titles and texts; kept in step by the store's writes.
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS reports_fts USING fts5("
                "report_id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"
            )
        )
    elif conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "CREATE INDEX IF NOT EXISTS ix_reports_fts ON reports USING GIN "
                "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"
            )
        )


def _entity_decisions(conn: Connection) -> None:
    schema.entity_decisions.create(conn, checkfirst=True)


def _linking(conn: Connection) -> None:
    for table in schema.TABLES_LINKING:
        table.create(conn, checkfirst=True)


def _lookup_indexes(conn: Connection) -> None:
    # A store created after this migration has them already (checkfirst).
    for table, name in ((schema.reports, "ix_reports_raw_id"), (schema.global_entity_keys, "ix_global_entity_keys_global_id")):
        next(i for i in table.indexes if i.name == name).create(conn, checkfirst=True)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "reports, raw inputs, outlets, extracted objects, entities, failures, full-text search", _initial),
    (2, "entity_decisions: the user's merges and splits of global entities", _entity_decisions),
    (3, "stories, story reports, copies, fingerprints, LSH bands and key postings for incremental linking", _linking),
    (
        4,
        "indexes on reports.raw_id (a re-ingest skips raw inputs already stored without extracting them) "
        "and global_entity_keys.global_id (a global entity's keys without a scan)",
        _lookup_indexes,
    ),
]


def current_version(conn: Connection) -> int:
    """The highest applied migration, 0 for an empty database."""
    if not inspect(conn).has_table("schema_migrations"):
        return 0
    value = conn.execute(select(schema.schema_migrations.c.version).order_by(schema.schema_migrations.c.version.desc())).first()
    return int(value[0]) if value else 0


def migrate(conn: Connection) -> list[int]:
    """Apply pending migrations inside the caller's transaction; return those applied."""
    schema.schema_migrations.create(conn, checkfirst=True)
    done = current_version(conn)
    applied = []
    for version, description, apply in MIGRATIONS:
        if version <= done:
            continue
        apply(conn)
        conn.execute(
            schema.schema_migrations.insert().values(
                version=version, description=description, applied_at=datetime.now(timezone.utc)
            )
        )
        applied.append(version)
    return applied
