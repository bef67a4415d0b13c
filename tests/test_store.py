"""The store suite: the same tests on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from dossier.acquire.report import build_report
from dossier.errors import NotFoundError, StoreError
from dossier.model import Analysis, Entity, Evidence, Failure, Mention, Span, Timex
from dossier.store import Store
from dossier.store import schema


def _analysis(config, text: str = "Reuters reported on Nov. 21, 2025 that talks in Caracas failed.") -> Analysis:  # type: ignore[no-untyped-def]
    report = build_report(text, config=config, url="https://www.reuters.com/world/2025/11/21/talks/")
    ev = Evidence.of(report, 0, 7, "test.v1")
    entity = Entity(
        id="e1" + report.id, name="Reuters", type="outlet", kind="wire", key="reuters",
        mentions=(Mention(Span.of(report.text, 0, 7), "outlet"),), evidence=ev,
    )
    start = report.text.find("Nov. 21, 2025")
    timexes = () if start < 0 else (
        Timex(id="t1" + report.id, type="DATE", value="2025-11-21", evidence=Evidence.of(report, start, start + 13, "test.v1")),
    )
    return Analysis(report=report, entities=(entity,), timexes=timexes, analysers=("test.v1",))


def test_round_trip_is_exact(store: Store, config) -> None:  # type: ignore[no-untyped-def]
    analysis = _analysis(config)
    assert store.save(analysis, raw=b"<raw bytes>") is True
    loaded = store.get_analysis(analysis.report.id)
    assert loaded == analysis
    assert loaded.report.outlet is not None and loaded.report.outlet.kind == "wire"
    assert loaded.report.published.source == "url"


def test_saving_twice_adds_nothing(store: Store, config) -> None:  # type: ignore[no-untyped-def]
    analysis = _analysis(config)
    assert store.save(analysis) is True
    assert store.save(analysis) is False
    assert store.count_reports() == 1
    with store.engine.connect() as conn:
        assert len(conn.execute(select(schema.timexes)).fetchall()) == 1


def test_a_failed_write_leaves_nothing_half_written(store: Store, config) -> None:  # type: ignore[no-untyped-def]
    analysis = _analysis(config)
    # Two timexes with the same id violate the primary key after the report row is written.
    broken = dataclasses.replace(analysis, timexes=analysis.timexes * 2)
    with pytest.raises(StoreError):
        store.save(broken)
    assert store.count_reports() == 0
    with store.engine.connect() as conn:
        for table in (schema.entities, schema.timexes, schema.analyses, schema.cited_sources):
            assert conn.execute(select(table)).fetchall() == []
    assert store.save(analysis) is True  # and the good version still goes in afterwards


def test_reanalysis_replaces_objects(store: Store, config) -> None:  # type: ignore[no-untyped-def]
    analysis = _analysis(config)
    store.save(analysis)
    store.save(dataclasses.replace(analysis, timexes=()))
    assert store.get_analysis(analysis.report.id).timexes == ()
    assert store.get_analysis(analysis.report.id).entities == analysis.entities


def test_full_text_search_and_listing(store: Store, config) -> None:  # type: ignore[no-untyped-def]
    store.save(_analysis(config))
    store.save(_analysis(config, "The Pentagon confirmed a second strike near Venezuela."))
    assert len(store.reports(query="Caracas")) == 1
    found = store.reports(query="second strike")
    assert len(found) == 1 and "Pentagon" in store.get_report(found[0].id).text
    assert store.reports(query="nonexistentword") == []
    assert store.reports(query='"; DROP TABLE reports; --') == []  # any text is a safe query
    assert len(store.reports()) == 2


def test_id_prefix_lookup_and_missing(store: Store, config) -> None:  # type: ignore[no-untyped-def]
    analysis = _analysis(config)
    store.save(analysis)
    assert store.get_report(analysis.report.id[:8]).id == analysis.report.id
    with pytest.raises(NotFoundError, match="dossier reports"):
        store.get_report("rdoesnotexist")


def test_failures_are_recorded(store: Store) -> None:
    store.record_failure(Failure("bad.bin", "binary", "bad.bin: looks like binary data"))
    assert store.failures()[0].reason == "binary"


def test_migrations_are_recorded_and_reopening_is_safe(store_url: str) -> None:
    first = Store.open(store_url)
    first.close()
    again = Store.open(store_url)
    with again.engine.connect() as conn:
        versions = [r[0] for r in conn.execute(select(schema.schema_migrations.c.version))]
    again.close()
    assert versions == sorted(set(versions)) and versions[0] == 1


def test_bad_urls_give_clear_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match="dossier ingest"):
        Store.open(str(tmp_path / "missing.db"), create=False)
    with pytest.raises(StoreError):
        Store.open("postgresql://nobody:wrong@127.0.0.1:1/none")


def test_raw_input_is_kept_for_reanalysis(store: Store, config) -> None:  # type: ignore[no-untyped-def]
    raw = "Le Monde: Caracas, le 21 novembre 2025.".encode("cp1252")
    report = build_report(raw.decode("cp1252"), config=config, raw_id="rawtest0001")
    store.save(Analysis(report=report), raw=raw)
    stored = store.get_report(report.id)
    assert stored.raw_id == "rawtest0001"
    assert store.raw_input("rawtest0001") == raw


def test_migration_4_indexes_raw_ids_and_entity_keys_on_a_store_made_before_it(store_url: str) -> None:
    from sqlalchemy import delete, inspect, text

    store = Store.open(store_url)
    with store.engine.begin() as conn:  # back to a version-3 store, as made before the migration existed
        conn.execute(text("DROP INDEX ix_reports_raw_id"))
        conn.execute(text("DROP INDEX ix_global_entity_keys_global_id"))
        conn.execute(delete(schema.schema_migrations).where(schema.schema_migrations.c.version == 4))
    store.close()
    store = Store.open(store_url)
    with store.engine.connect() as conn:
        indexes = {i["name"] for i in inspect(conn).get_indexes("reports")}
        key_indexes = {i["name"] for i in inspect(conn).get_indexes("global_entity_keys")}
        versions = [r[0] for r in conn.execute(select(schema.schema_migrations.c.version))]
    assert "ix_reports_raw_id" in indexes and "ix_global_entity_keys_global_id" in key_indexes and 4 in versions
    report = build_report("Officials met on Monday.", source_name="a.txt", raw_id="raw" + "0" * 32)
    store.save(Analysis(report=report), raw=b"Officials met on Monday.")
    assert store.raw_ids() == {report.raw_id} and store.report_of_raw(report.raw_id) == report.id
    assert store.report_of_raw("raw" + "1" * 32) is None
    store.close()
