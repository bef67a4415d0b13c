"""The batch writer's many small writes, with little per-row overhead.

A batch has one writer (the main process), which inserts a few hundred rows
per report (extracted objects, link keys, bands).  SQLAlchemy's ``executemany``
processes every parameter set in Python; on SQLite these helpers compile a
statement once and hand the driver's ``executemany`` positional rows, with the
same bind conversions SQLAlchemy applies (times of day, JSON).  Other dialects
(PostgreSQL) run the statements through SQLAlchemy as usual.  Statements are
built once (module constants), so the compiled forms are kept per statement.
"""

from __future__ import annotations

import collections
import re
from typing import Any, Mapping, Sequence

from sqlalchemy import Connection, Text, bindparam, cast
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import sqltypes

__all__ = ["insert_rows", "execute_many", "fetch"]

Row = tuple[Any, ...]


def _fast(dialect: Any) -> bool:
    return bool(dialect.name == "sqlite" and dialect.paramstyle == "qmark")


def insert_rows(conn: Connection, table: Any, columns: tuple[str, ...], rows: Sequence[Row]) -> None:
    """Insert positional ``rows`` of ``columns`` into ``table``; JSON columns hold text encoded already (``json.dumps``).

    The rows of :mod:`dossier.store.prepared`: their JSON was encoded by the
    worker the way SQLAlchemy's JSON type encodes it.  On PostgreSQL the
    statement casts that text to the column's JSON type.
    """
    if rows:
        _Insert.of(conn.dialect, table, columns)(conn, rows)


def execute_many(conn: Connection, statement: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    """``conn.execute(statement, rows)`` for a statement built once (a module constant): the same rows written.

    Every row must have the keys of the first.  On SQLite the statement is
    compiled once per set of keys and the rows go to the driver's ``executemany``.
    """
    if not rows:
        return
    if not _fast(conn.dialect):
        conn.execute(statement, list(rows))
        return
    keys = tuple(rows[0])
    plan = _PLANS.get((statement, keys))
    if plan is None:
        plan = _PLANS[(statement, keys)] = _Plan(conn.dialect, statement, keys)
    plan(conn, rows)


def _run(conn: Connection, sql: str, params: Any, *, many: bool) -> list[Any]:
    """Run ``sql`` on the connection's own driver connection (in its transaction); errors as SQLAlchemy raises them.

    The driver's cursor directly: the batch writer runs some thirty statements
    per report, and SQLAlchemy's per-statement bookkeeping (execution context,
    result set-up) was about a third of their cost.  No engine events are
    used on these statements (the store registers only a connect hook).
    """
    dbapi = conn.dialect.dbapi
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        if many:
            cursor.executemany(sql, params)
            return []
        cursor.execute(sql, params)
        return cursor.fetchall()
    except dbapi.Error as exc:  # type: ignore[union-attr]
        raise DBAPIError.instance(sql, params, exc, dbapi.Error, dialect=conn.dialect) from exc  # type: ignore[union-attr]
    finally:
        cursor.close()


def fetch(conn: Connection, statement: Any, params: Mapping[str, Any]) -> Sequence[Any]:
    """The rows of ``conn.execute(statement, params)`` (a SELECT built once), with attribute and index access.

    On SQLite the statement is compiled once, its ``expanding`` lists (``IN``)
    are spread into as many placeholders as they have values, and the result
    columns get the conversions SQLAlchemy gives them (e.g. JSON decoded).
    """
    if not _fast(conn.dialect) or any(isinstance(v, (list, tuple)) and not v for v in params.values()):
        return conn.execute(statement, dict(params)).fetchall()
    plan = _SELECTS.get(statement)
    if plan is None:
        plan = _SELECTS[statement] = _Select(conn.dialect, statement)
    return plan(conn, params)


class _Select:
    """A SELECT compiled for SQLite, with its expanding parameters left to spread per call."""

    _POSTCOMPILE = re.compile(r"__\[POSTCOMPILE_(\w+)\]")

    def __init__(self, dialect: Any, statement: Any) -> None:
        compiled = statement.compile(dialect=dialect)
        self.parts = self._POSTCOMPILE.split(compiled.string)  # text, name, text, name, ... text
        binds = compiled.binds
        self.sources = [(name, binds[name].expanding, binds[name].value) for name in (compiled.positiontup or ())]
        self.params = {name for name, _, _ in self.sources}
        columns = list(statement.selected_columns)
        self.row = collections.namedtuple("Row", [c.key for c in columns])  # type: ignore[misc]
        self.convert = [
            (i, process)
            for i, c in enumerate(columns)
            if (process := c.type.dialect_impl(dialect).result_processor(dialect, None)) is not None
        ]
        self.sql: dict[tuple[int, ...], str] = {}

    def __call__(self, conn: Connection, params: Mapping[str, Any]) -> list[Any]:
        values: list[Any] = []
        lengths = []
        for name, expanding, default in self.sources:
            value = params[name] if name in params else default
            if expanding:
                values.extend(value)
                lengths.append(len(value))
            else:
                values.append(value)
        key = tuple(lengths)
        sql = self.sql.get(key)
        if sql is None:
            spread = iter(lengths)
            sql = "".join(part if i % 2 == 0 else ", ".join("?" * next(spread)) for i, part in enumerate(self.parts))
            if len(self.sql) < _KEPT_LENGTHS:
                self.sql[key] = sql
        rows = _run(conn, sql, tuple(values), many=False)
        make = self.row._make
        return [make(row) for row in (_converted(rows, self.convert) if self.convert else rows)]


def _converted(rows: Sequence[Row], convert: list[tuple[int, Any]]) -> list[Row]:
    """``rows`` with each ``(column index, conversion)`` of ``convert`` applied to its cell."""
    out = []
    for row in rows:
        cells = list(row)
        for i, process in convert:
            cells[i] = process(cells[i])
        out.append(tuple(cells))
    return out


_SELECTS: dict[Any, _Select] = {}
#: Spread forms of one SELECT kept (one per combination of list lengths seen first).
_KEPT_LENGTHS = 512


class _Plan:
    """A statement compiled for SQLite: its SQL, where each positional value comes from, and its conversions."""

    def __init__(self, dialect: Any, statement: Any, keys: tuple[str, ...]) -> None:
        compiled = statement.compile(dialect=dialect, column_keys=list(keys))
        self.sql = compiled.string
        names = list(compiled.positiontup or ())
        binds = compiled.binds
        # a value from the row, else the statement's own bound value (e.g. the 1 of "reports + 1")
        self.sources = [(name in keys, name if name in keys else binds[name].value) for name in names]
        self.processors = [binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]

    def __call__(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        out = []
        pairs = list(zip(self.sources, self.processors))
        for row in rows:
            values = []
            for (from_row, what), process in pairs:
                value = row[what] if from_row else what
                values.append(process(value) if process is not None else value)
            out.append(tuple(values))
        _run(conn, self.sql, out, many=True)


_PLANS: dict[tuple[Any, tuple[str, ...]], _Plan] = {}


class _Insert:
    """An INSERT of positional rows (JSON encoded already), built once per dialect, table and columns."""

    _built: dict[tuple[str, str, tuple[str, ...]], "_Insert"] = {}

    def __init__(self, dialect: Any, table: Any, columns: tuple[str, ...]) -> None:
        self.columns = columns
        encoded = {c for c in columns if isinstance(table.c[c].type, sqltypes.JSON)}
        self.sql: str | None = None
        self.statement: Any = None
        self.convert: list[tuple[int, Any]] = []
        if _fast(dialect):
            quote = dialect.identifier_preparer
            self.sql = (
                f"INSERT INTO {quote.format_table(table)} ({', '.join(quote.quote(c) for c in columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})"
            )
            for i, c in enumerate(columns):
                process = None if c in encoded else table.c[c].type.dialect_impl(dialect).bind_processor(dialect)
                if process is not None:
                    self.convert.append((i, process))
        else:
            binds = {
                c: cast(bindparam(c, type_=Text()), table.c[c].type) if c in encoded else bindparam(c, type_=table.c[c].type)
                for c in columns
            }
            self.statement = table.insert().values(binds)

    @classmethod
    def of(cls, dialect: Any, table: Any, columns: tuple[str, ...]) -> "_Insert":
        key = (dialect.name, table.name, columns)
        built = cls._built.get(key)
        if built is None:
            built = cls._built[key] = cls(dialect, table, columns)
        return built

    def __call__(self, conn: Connection, rows: Sequence[Row]) -> None:
        if self.sql is None:
            conn.execute(self.statement, [dict(zip(self.columns, row)) for row in rows])
            return
        _run(conn, self.sql, _converted(rows, self.convert) if self.convert else list(rows), many=True)
