"""The writer's fast path: rows prepared by a worker (dossier.store.prepared) and executed with little overhead
(dossier.store.fastexec) are the rows SQLAlchemy's own statements write, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timezone

from sqlalchemy import create_engine, select

from dossier.serialize import to_data
from dossier.store import Store, schema
from dossier.store.fastexec import execute_many
from dossier.store.link_index import _upsert_statement
from dossier.store.prepared import CITED_COLUMNS, EXTRACTED_COLUMNS, FAILURE_COLUMNS, REPORT_COLUMNS, prepare


def test_prepared_rows_name_every_column_of_their_tables() -> None:
    def columns(table) -> set[str]:  # type: ignore[no-untyped-def]
        return {c.name for c in table.columns}

    assert set(REPORT_COLUMNS) | {"added_at"} == columns(schema.reports)
    assert set(CITED_COLUMNS) == columns(schema.cited_sources)
    assert set(FAILURE_COLUMNS) | {"id", "at"} == columns(schema.failures)
    assert list(EXTRACTED_COLUMNS) == list(schema.EXTRACTED)
    for name, table in schema.EXTRACTED.items():
        assert set(EXTRACTED_COLUMNS[name]) | ({"global_id"} if name == "entities" else set()) == columns(table)


def test_the_example_is_stored_from_its_prepared_rows_exactly(store: Store, example_analysis) -> None:  # type: ignore[no-untyped-def]
    prepared = pickle.loads(pickle.dumps(prepare(example_analysis, b"<raw>")))  # as a worker ships it
    assert store.write(prepared) is True
    assert store.get_analysis(example_analysis.report.id) == example_analysis
    with store.engine.connect() as conn:
        for name, table in schema.EXTRACTED.items():
            rows = conn.execute(select(table).order_by(table.c.seq)).fetchall()
            objects = getattr(example_analysis, name)
            assert len(rows) == len(objects) > 0 or name == "deadlines"
            for row, obj in zip(rows, objects):
                assert (row.id, row.text, row.data) == (obj.id, obj.evidence.text, to_data(obj))
        if store.dialect == "sqlite":  # the JSON text SQLAlchemy's JSON type would have written
            entity = example_analysis.entities[0]
            raw = conn.exec_driver_sql("SELECT data FROM entities WHERE id = ?", (entity.id,)).scalar()
            assert raw == json.dumps(to_data(entity))


def test_execute_many_writes_what_sqlalchemy_writes() -> None:
    now = datetime(2025, 11, 28, 12, 30, tzinfo=timezone.utc)
    upsert = _upsert_statement("sqlite", schema.story_keys, ("key", "story_id"), "reports", 1)
    stories = schema.stories.insert()
    batches = [[{"key": k, "story_id": "s1", "reports": 1} for k in ("a", "b")], [{"key": k, "story_id": "s1", "reports": 1} for k in ("b", "c")]]
    story = [{"id": "s1", "title": "T", "report_count": 1, "first_published": None, "last_published": "2025-11-28",
              "created_at": now, "updated_at": now}]
    dumps = []
    for fast in (True, False):
        engine = create_engine("sqlite://")
        schema.metadata.create_all(engine)
        with engine.begin() as conn:
            for rows in batches:
                execute_many(conn, upsert, rows) if fast else conn.execute(upsert, rows)
            execute_many(conn, stories, story) if fast else conn.execute(stories, story)
            dumps.append([conn.exec_driver_sql(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in ("story_keys", "stories")])
    assert dumps[0] == dumps[1]
    assert dict((k, n) for k, _, n in dumps[0][0]) == {"a": 1, "b": 2, "c": 1}


def test_fetch_reads_what_sqlalchemy_reads(store: Store, example_analysis) -> None:  # type: ignore[no-untyped-def]
    from dossier.core import Dossier
    from dossier.store.entities import _CANDIDATES
    from dossier.store.fastexec import fetch
    from dossier.store.link_index import _BAND_MATCHES, _REPORT_COUNT, _STORIES_WITH_KEYS

    dossier = Dossier(store)
    dossier.add(example_analysis)
    keys = [key for entity in example_analysis.entities for key in (entity.key, "surname:maduro")]
    with store.engine.connect() as conn:
        bands = [r[0] for r in conn.execute(select(schema.report_bands.c.band))]
        story_keys = [r[0] for r in conn.execute(select(schema.story_keys.c.key))]
        cases = [
            (_CANDIDATES, {"keys": keys}),  # an expanding list, a JSON column
            (_BAND_MATCHES, {"bands": bands}),  # the statement's own LIMIT values
            (_REPORT_COUNT, {}),
            (_STORIES_WITH_KEYS[(True, True)], {"keys": story_keys, "since": "2025-11-01", "until": "2025-12-31"}),
            (_STORIES_WITH_KEYS[(False, False)], {"keys": ["w:nothing"]}),
        ]
        for statement, params in cases:
            expected = [tuple(row) for row in conn.execute(statement, params)]
            got = fetch(conn, statement, params)
            assert [tuple(row) for row in got] == expected
            assert all(getattr(row, c.key) == row[i] for row in got for i, c in enumerate(statement.selected_columns))
        assert fetch(conn, _CANDIDATES, {"keys": keys}) and fetch(conn, _REPORT_COUNT, {})[0][0] == 1


def test_a_refused_fast_write_raises_as_sqlalchemy_does_and_rolls_back(store: Store, example_analysis) -> None:  # type: ignore[no-untyped-def]
    import pytest
    from sqlalchemy.exc import IntegrityError

    from dossier.errors import StoreError

    prepared = prepare(example_analysis)
    with pytest.raises(IntegrityError):
        with store.transaction() as conn:
            store.write(prepared, conn=conn, new=True)
            store._insert_report(conn, prepared)  # the same report row again: a primary key conflict
    assert store.count_reports() == 0  # the transaction's first write was rolled back with it
    store.write(prepared)
    with pytest.raises(StoreError):
        store.write(prepared, new=True)  # told it is new, but it is stored: refused, as a StoreError
    assert store.count_reports() == 1


_KEYS = ["e:maduro", "n:caracas", "w:talks", "w:deadl", "e:o'neil", "n:é", ""]


def _link_keys_engine():  # type: ignore[no-untyped-def]
    engine = create_engine("sqlite://")
    schema.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(schema.link_keys.insert(), [{"key": k, "reports": i + 1} for i, k in enumerate(_KEYS)])
    return engine


def test_fetch_spreads_in_lists_of_any_length_like_sqlalchemy() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from dossier.store.fastexec import fetch
    from dossier.store.link_index import _KEY_FREQUENCIES, _STORIES_WITH_KEYS

    engine = _link_keys_engine()
    words = st.sampled_from(_KEYS) | st.text(max_size=6)

    @settings(max_examples=60, deadline=None)
    @given(keys=st.lists(words, max_size=40), since=st.none() | st.sampled_from(["2025-01-01", "2026-01-01"]))
    def check(keys: list[str], since: str | None) -> None:
        with engine.connect() as conn:
            for statement, params in (
                (_KEY_FREQUENCIES, {"keys": keys}),
                (_STORIES_WITH_KEYS[(since is not None, False)], {"keys": keys, **({"since": since} if since else {})}),
            ):
                assert sorted(map(tuple, fetch(conn, statement, params))) == sorted(map(tuple, conn.execute(statement, params)))

    check()


def test_shipped_results_carry_rows_without_the_analysis(config) -> None:  # type: ignore[no-untyped-def]
    from dossier.batch.tasks import BytesTask, run_task

    task = BytesTask("note.txt", b"Trump gave Maduro until Friday, Nov. 28, to leave Venezuela, officials said.", "text")
    kept, shipped = run_task(task, config), run_task(task, config, keep_analysis=False)
    [with_analysis], [without] = kept.outcomes, shipped.outcomes
    assert with_analysis.analysis is not None and without.analysis is None
    assert without.prepared is not None and without.prepared == with_analysis.prepared
    assert without.prepared == prepare(with_analysis.analysis, without.prepared.raw)  # made by the worker as Store.save makes them
    assert without.report_id == with_analysis.analysis.report.id
