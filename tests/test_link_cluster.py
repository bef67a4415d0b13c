"""Incremental story clustering over the in-memory index."""

from __future__ import annotations

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
