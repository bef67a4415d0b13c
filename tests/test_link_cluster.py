"""Incremental story clustering over the in-memory index."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.link.cluster import Linker, LinkProfile, MemoryIndex, report_keys
from dossier.link.fingerprint import fingerprint

VENEZUELA = [
    "Donald Trump gave Nicolas Maduro a one-week deadline to leave Venezuela, sources said; Caracas airspace closure followed.",
    "Maduro rejected the ultimatum from Trump and rallied supporters in Caracas against the Venezuela airspace closure.",
    "Venezuela asked for another call between Maduro and Trump after the deadline lapsed and the airspace closure began.",
]
FLOODS = [
    "Floods swept through Valencia province as the Turia river burst its banks, and emergency crews evacuated villages.",
    "Emergency crews in Valencia province evacuated more villages as the Turia river floods reached the coast.",
]


def _profile(rid: str, text: str, date: str | None = "2025-11-30") -> LinkProfile:
    return LinkProfile(rid, fingerprint(text), report_keys(text), date, None, text[:40])


def test_reports_cluster_by_story_incrementally() -> None:
    index = MemoryIndex()
    linker = Linker(index)
    decisions = [linker.link(_profile(f"v{i}", t)) for i, t in enumerate(VENEZUELA)]
    decisions += [linker.link(_profile(f"f{i}", t)) for i, t in enumerate(FLOODS)]
    clusters = sorted(sorted(c) for c in index.clusters().values())
    assert clusters == [["f0", "f1"], ["v0", "v1", "v2"]]
    assert decisions[0].new_story and not decisions[1].new_story
    assert "shares rare keys" in decisions[1].reason
    # linking again is a no-op
    assert linker.link(_profile("v1", VENEZUELA[1])).story_id == index.story_of("v1")


def test_copy_joins_its_original_story_and_dates_block() -> None:
    index = MemoryIndex()
    linker = Linker(index)
    first = linker.link(_profile("a", VENEZUELA[0] + " " + VENEZUELA[1]))
    copy = linker.link(_profile("b", VENEZUELA[0] + " " + VENEZUELA[1], "2025-12-01"))
    assert copy.story_id == first.story_id
    assert copy.copies and copy.copies[0].kind == "exact" and copy.copies[0].original_id == "a"
    # same words a year later: outside the date window, so a new story
    late = linker.link(_profile("c", VENEZUELA[2], "2026-12-30"))
    assert late.new_story


def test_user_can_move_a_report() -> None:
    index = MemoryIndex()
    linker = Linker(index)
    for i, t in enumerate(VENEZUELA):
        linker.link(_profile(f"v{i}", t))
    story = index.story_of("v0")
    new = index.move("v2", None)
    assert new != story and index.story_of("v2") == new
    assert index.stories[story].size == 2
    assert index.move("v2", story) == story and index.stories[story].size == 3
    assert index.move("v2", story) == story and index.stories[story].size == 3, "moving to its own story: no change"


def test_moving_a_report_out_narrows_its_old_storys_dates_and_bad_ids_are_named() -> None:
    import pytest

    from dossier.errors import NotFoundError

    index = MemoryIndex()
    linker = Linker(index)
    for i, (text, date) in enumerate(zip(VENEZUELA, ("2025-11-21", "2025-11-25", "2025-11-30"))):
        linker.link(_profile(f"v{i}", text, date))
    story = index.story_of("v0")
    assert (index.stories[story].first, index.stories[story].last) == ("2025-11-21", "2025-11-30")
    index.move("v2", None)
    assert (index.stories[story].first, index.stories[story].last) == ("2025-11-21", "2025-11-25")
    with pytest.raises(NotFoundError, match="no story 'nope'"):
        index.move("v0", "nope")
    with pytest.raises(NotFoundError, match="not linked"):
        index.move("ghost", None)


def test_store_index_makes_the_same_decisions_as_the_memory_index(store) -> None:  # type: ignore[no-untyped-def]
    from dossier.evaluate.bench_link import SyntheticNews
    from dossier.link.cluster import profile_of
    from dossier.store.link_index import SqlLinkIndex, fingerprints_of, list_stories

    news = SyntheticNews(seed=5)
    profiles = [profile_of(news.report(i)) for i in range(40)]
    memory = MemoryIndex()
    expected = [Linker(memory).link(p) for p in profiles]
    got = []
    for p in profiles:
        with store.engine.begin() as conn:
            got.append(Linker(SqlLinkIndex(conn)).link(p))
    assert [(d.story_id, d.new_story, d.reason) for d in got] == [(d.story_id, d.new_story, d.reason) for d in expected]
    assert any(d.copies for d in got) and sum(not d.new_story for d in got) >= 10
    with store.engine.connect() as conn:
        rows = list_stories(conn, limit=1000)
        assert sum(r.reports for r in rows) == 40 and len(rows) == len(memory.stories)
        stored = {rid: fp for rid, fp, _ in fingerprints_of(conn, [p.report_id for p in profiles])}
    assert all(stored[p.report_id] == p.fingerprint for p in profiles)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(VENEZUELA + FLOODS + ["Short note.", ""]), min_size=1, max_size=12))
def test_every_report_is_in_exactly_one_story(texts: list[str]) -> None:
    index = MemoryIndex()
    linker = Linker(index)
    for i, text in enumerate(texts):
        decision = linker.link(_profile(f"r{i}", text, f"2025-11-{10 + i:02d}"))
        for copy in decision.copies:
            assert copy.copy_id == f"r{i}" and int(copy.original_id[1:]) < i  # copies point back in time
    assert sorted(index.assignment) == sorted(f"r{i}" for i in range(len(texts)))
    assert sum(s.size for s in index.stories.values()) == len(texts)
    assert set(index.assignment.values()) == set(index.stories)
