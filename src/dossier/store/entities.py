"""Global entities in the store: listing them, and the user's merges and splits.

Identity across reports is decided automatically (:mod:`dossier.link.identity`)
and every decision keeps its reason in ``entity_links.reason``.  The user can
overrule it, and undo that too:

* :meth:`merge_global_entities` — two global entities are one: the second's
  keys and report entities move to the first (undo: split by a name);
* :meth:`split_global_entity` — the report entities named ``name`` are someone
  else: they and that name's key move to a new global entity (undo: merge).

Both are logged in ``entity_decisions`` and change the keys that future
reports are resolved by, so a decision holds for reports ingested later.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import datetime, timezone
from typing import Any, ContextManager, Iterable

from sqlalchemy import Connection, Engine, bindparam, delete, func, or_, select

from dossier.analyse.entities.names import name_key
from dossier.errors import NotFoundError, StoreError
from dossier.model import GlobalEntity, content_id
from dossier.store import schema
from dossier.store.fastexec import fetch

__all__ = ["GlobalEntityStore"]


def _global(row: Any, keys: tuple[str, ...]) -> GlobalEntity:
    return GlobalEntity(row.id, row.name, row.type, row.key, keys, dict(row.data or {}))


def _candidates() -> Any:
    g, k = schema.global_entities, schema.global_entity_keys
    found = select(k.c.global_id).where(k.c.key.in_(bindparam("keys", expanding=True)))
    return (
        select(g, k.c.key.label("key_"))
        .select_from(g.join(k, k.c.global_id == g.c.id))
        .where(g.c.id.in_(found))
        .order_by(g.c.id, k.c.key)  # the store's order of keys, as _keys_of gives them
    )


#: Global entities under any of a report's keys, one row per (entity, key of it).
_CANDIDATES = _candidates()


class GlobalEntityStore:
    """Methods of :class:`dossier.store.Store` about global entities (mixed in)."""

    engine: Engine

    def within(self, conn: Connection | None, *, write: bool = False) -> ContextManager[Connection]:
        """``conn`` itself (so its transaction sees its own writes), else a new connection (a transaction if ``write``)."""
        if conn is not None:
            return nullcontext(conn)
        return self.engine.begin() if write else self.engine.connect()

    @staticmethod
    def _keys_of(conn: Connection, global_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Every key of each of ``global_ids``, sorted, in one query."""
        k = schema.global_entity_keys
        keys: dict[str, list[str]] = {}
        rows = conn.execute(select(k.c.global_id, k.c.key).where(k.c.global_id.in_(list(global_ids))).order_by(k.c.key))
        for global_id, key in rows:
            keys.setdefault(global_id, []).append(key)
        return {global_id: tuple(found) for global_id, found in keys.items()}

    def global_entity_candidates(self, keys: Iterable[str], *, conn: Connection | None = None) -> list[GlobalEntity]:
        """Global entities found under any of ``keys`` (normalised names and aliases), each with all its keys.

        ``conn``: read inside that transaction (which sees the reports it wrote).
        One prebuilt query: the batch writer runs it for every report.
        """
        keys = list(set(keys))
        if not keys:
            return []
        with self.within(conn) as conn:
            found: dict[str, tuple[Any, list[str]]] = {}
            for row in fetch(conn, _CANDIDATES, {"keys": keys}):
                found.setdefault(row.id, (row, []))[1].append(row.key_)
            return [_global(row, tuple(found_keys)) for row, found_keys in found.values()]

    def global_entities(self, query: str | None = None, *, limit: int = 50, offset: int = 0) -> list[tuple[GlobalEntity, int]]:
        """Global entities with how many report entities are linked to each, most linked first.

        Args:
            query: A name; matches names and keys accent- and case-insensitively.
        """
        g, k, links = schema.global_entities, schema.global_entity_keys, schema.entity_links
        count = select(links.c.global_id, func.count().label("n")).group_by(links.c.global_id).subquery()
        stmt = select(g, func.coalesce(count.c.n, 0).label("n")).select_from(g.outerjoin(count, count.c.global_id == g.c.id))
        if query:
            needle = f"%{name_key(query)}%"
            stmt = stmt.where(or_(g.c.id.in_(select(k.c.global_id).where(k.c.key.like(needle))), g.c.name.like(f"%{query}%")))
        stmt = stmt.order_by(func.coalesce(count.c.n, 0).desc(), g.c.name).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).fetchall()
            keys_of = self._keys_of(conn, [row.id for row in rows])
            return [(_global(row, keys_of.get(row.id, ())), int(row.n)) for row in rows]

    def get_global_entity(self, ref: str) -> GlobalEntity:
        """The global entity with id ``ref`` (a prefix of 6+ characters works) or, failing that, named ``ref``."""
        g, k = schema.global_entities, schema.global_entity_keys
        with self.engine.connect() as conn:
            row = conn.execute(select(g).where(g.c.id == ref)).first()
            if row is None and len(ref) >= 6:
                rows = conn.execute(select(g).where(g.c.id.like(f"{ref}%")).limit(2)).fetchall()
                row = rows[0] if len(rows) == 1 else None
            if row is None:
                rows = conn.execute(
                    select(g).where(g.c.id.in_(select(k.c.global_id).where(k.c.key == name_key(ref)))).limit(3)
                ).fetchall()
                if len(rows) > 1:
                    ids = ", ".join(f"{r.id} ({r.name}, {r.type})" for r in rows)
                    raise NotFoundError(f"{ref!r} names several entities: {ids}; pass an id")
                row = rows[0] if rows else None
            if row is None:
                raise NotFoundError(f"no global entity {ref!r}; list them with `dossier entities`")
            return _global(row, self._keys_of(conn, [row.id]).get(row.id, ()))

    def entity_decisions(self) -> list[dict[str, Any]]:
        """The user's merges and splits, oldest first."""
        d = schema.entity_decisions
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(d).order_by(d.c.id))]

    def _log(self, conn: Connection, action: str, global_id: str, other_id: str, keys: list[str], note: str) -> None:
        conn.execute(
            schema.entity_decisions.insert().values(
                action=action, global_id=global_id, other_id=other_id, keys=keys, note=note, at=datetime.now(timezone.utc)
            )
        )

    def merge_global_entities(self, keep: str, other: str, *, note: str = "") -> GlobalEntity:
        """Make ``other`` part of ``keep``: its keys, names and report entities move; ``other`` is removed."""
        first, second = self.get_global_entity(keep), self.get_global_entity(other)
        if first.id == second.id:
            raise StoreError(f"{keep!r} and {other!r} are already one entity ({first.id})")
        g, k, links, e = schema.global_entities, schema.global_entity_keys, schema.entity_links, schema.entities
        reason = f"merged by the user into {first.id} ({first.name}) from {second.id} ({second.name})" + (f": {note}" if note else "")
        with self.engine.begin() as conn:
            moved = [key for key in second.keys if key not in first.keys]
            for key in moved:
                conn.execute(k.insert().values(key=key, global_id=first.id))
            conn.execute(delete(k).where(k.c.global_id == second.id))
            for row in conn.execute(select(links.c.entity_id, links.c.reason).where(links.c.global_id == second.id)).fetchall():
                conn.execute(
                    links.update().where(links.c.entity_id == row.entity_id).values(global_id=first.id, reason=f"{row.reason}; {reason}")
                )
            conn.execute(e.update().where(e.c.global_id == second.id).values(global_id=first.id))
            data = dict(first.data)
            data["names"] = sorted(set(data.get("names", [first.name])) | set(second.data.get("names", [second.name])))
            data["roles"] = sorted(set(data.get("roles", [])) | set(second.data.get("roles", [])))
            conn.execute(g.update().where(g.c.id == first.id).values(data=data))
            conn.execute(delete(g).where(g.c.id == second.id))
            self._log(conn, "merge", first.id, second.id, list(second.keys), note)
        return self.get_global_entity(first.id)

    def split_global_entity(self, global_id: str, name: str, *, note: str = "") -> GlobalEntity:
        """Move the report entities called ``name`` (and that name's key) out of ``global_id`` into a new entity."""
        source = self.get_global_entity(global_id)
        key = name_key(name)
        g, k, links, e = schema.global_entities, schema.global_entity_keys, schema.entity_links, schema.entities
        with self.engine.begin() as conn:
            rows = conn.execute(
                select(e.c.id, e.c.name, e.c.key, e.c.type).where(e.c.global_id == source.id)
            ).fetchall()
            chosen = [r for r in rows if r.key == key or name_key(r.name) == key]
            if not chosen and key not in source.keys:
                raise NotFoundError(f"{source.name} ({source.id}) has no report entity or key {name!r}; see `dossier entities {source.id}`")
            if len(chosen) == len(rows) and rows:
                raise StoreError(f"every report entity of {source.id} is called {name!r}; nothing would remain")
            new_id = content_id("split", source.id, key, prefix="g")
            display = chosen[0].name if chosen else name
            keys = [key] + ([f"surname:{key.split()[-1]}"] if source.type == "person" and len(key.split()) > 1 else [])
            conn.execute(g.insert().values(id=new_id, name=display, type=source.type, key=key, data={"names": [display], "split_from": source.id}))
            for new_key in keys:
                conn.execute(k.insert().values(key=new_key, global_id=new_id))
            conn.execute(delete(k).where(k.c.global_id == source.id, k.c.key == key))
            reason = f"split by the user from {source.id} ({source.name}) as {name!r}" + (f": {note}" if note else "")
            for row in chosen:
                conn.execute(links.update().where(links.c.entity_id == row.id).values(global_id=new_id, reason=reason))
                conn.execute(e.update().where(e.c.id == row.id).values(global_id=new_id))
            self._log(conn, "split", source.id, new_id, [key], note)
        return self.get_global_entity(new_id)
