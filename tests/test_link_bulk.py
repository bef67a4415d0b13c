"""Bulk-loading a linked index writes what linking report by report through the store writes; blocking stays bounded."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, select

from dossier.evaluate.bench_link import SyntheticNews
from dossier.link.cluster import LOOKUP_KEYS, MAX_POSTINGS, Linker, MemoryIndex, blocking_keys, profile_of
from dossier.store import schema
from dossier.store.link_index import SqlLinkIndex, bulk_load

_TIMES = {"created_at", "updated_at", "linked_at"}


def _tables(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table in schema.TABLES_LINKING:
        columns = [c for c in table.c if c.name not in _TIMES]
        out[table.name] = sorted(tuple(row) for row in conn.execute(select(*columns)))
    return out


def test_bulk_load_writes_the_rows_of_linking_one_report_at_a_time(store_url: str, tmp_path: Any) -> None:
    from dossier.store import Store

    news = SyntheticNews(seed=3, vocabulary=2_000)
    profiles = [profile_of(news.report(i)) for i in range(150)]
    memory = MemoryIndex()
    linker = Linker(memory)
    for profile in profiles:
        linker.link(profile)
    assert memory.copies and len(memory.stories) > 10  # the sample has copies and several stories

    one_by_one = Store.open(str(tmp_path / "one_by_one.db"))  # the reference: SQLite, linked report by report
    bulk = Store.open(store_url)  # bulk-loaded into SQLite and PostgreSQL
    try:
        for profile in profiles:
            with one_by_one.engine.begin() as conn:
                Linker(SqlLinkIndex(conn)).link(profile)
        with bulk.engine.begin() as conn:
            bulk_load(conn, memory)
        with one_by_one.engine.connect() as a, bulk.engine.connect() as b:
            expected, loaded = _tables(a), _tables(b)
        for name in expected:
            assert loaded[name] == expected[name], name
        assert len(loaded["report_bands"]) == 21 * len(profiles)
        # the secondary indexes are back after the load
        with bulk.engine.connect() as conn:
            names = {ix["name"] for ix in inspect(conn).get_indexes("stories")}
        assert "ix_stories_last_published" in names
    finally:
        one_by_one.close()
        bulk.close()


def test_blocking_keys_are_the_rarest_and_their_postings_are_capped() -> None:
    keys = [f"w:k{i}" for i in range(30)]
    df = {k: (i + 1) * 10 for i, k in enumerate(keys)}  # k0 rarest
    chosen = blocking_keys(keys, df, common=10_000)
    assert chosen == keys[: len(chosen)]  # rarest first
    assert sum(df[k] for k in chosen) <= MAX_POSTINGS < sum(df[k] for k in keys[: len(chosen) + 1])
    assert len(blocking_keys(keys, {k: 1 for k in keys}, common=10_000)) == LOOKUP_KEYS
    # one very common key alone is still looked up; keys above the common share or unseen never are
    assert blocking_keys(["w:a"], {"w:a": 50_000}, common=100_000) == ["w:a"]
    assert blocking_keys(["w:a", "w:b"], {"w:a": 500}, common=100) == []


def test_date_window_is_applied_on_both_sides_by_both_indexes(store: Any) -> None:
    from dossier.link.cluster import LinkProfile
    from dossier.link.fingerprint import fingerprint

    def profile(rid: str, day: str) -> LinkProfile:
        return LinkProfile(rid, fingerprint(f"text of {rid} about quorvath"), ("n:quorvath", f"w:{rid}"), day, None, rid)

    memory = MemoryIndex()
    with store.engine.begin() as conn:
        for index in (memory, SqlLinkIndex(conn)):
            linker = Linker(index, threshold=2.0)  # every report starts its own story
            for rid, day in (("early", "2025-01-01"), ("mid", "2025-03-01"), ("late", "2025-06-01T09:30:00")):
                linker.link(profile(rid, day))
            found = index.stories_with_keys(["n:quorvath"], "2025-02-01", "2025-05-01")
            assert {index.story_of(r) for r in ("mid",)} == set(found)
            # the upper bound is exclusive of the whole day: a report at 09:30 on the bound's day is outside
            assert index.story_of("late") not in index.stories_with_keys(["n:quorvath"], "2025-02-01", "2025-06-01")
            assert index.story_of("late") in index.stories_with_keys(["n:quorvath"], "2025-02-01", "2025-06-02")
