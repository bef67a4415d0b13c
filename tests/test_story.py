"""The story dossier end to end: fixtures + the example ingested into a store, linked, assembled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.config import Config
from dossier.core import Dossier
from dossier.link.story import story_to_json
from dossier.render_story import story_to_html, story_to_markdown

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "story" / "reports.jsonl"
EXAMPLE = ROOT / "examples" / "maduro_exit_deadline.txt"


@pytest.fixture
def dossier(store):  # type: ignore[no-untyped-def]
    d = Dossier(store, Config(today="2026-11-24"))
    summary = d.ingest([FIXTURES, EXAMPLE])
    assert summary.added == 5 and not summary.failures
    return d


def _by_outlet(doc: dict) -> dict[str, dict]:
    return {r["outlet"]: r for r in doc["reports"]}


def test_one_story_with_the_rewrite_recognised_as_a_copy(dossier: Dossier) -> None:
    stories = dossier.stories()
    assert len(stories) == 1 and stories[0].reports == 5
    doc = story_to_json(dossier.story(stories[0].id[:8]))
    reports = _by_outlet(doc)
    assert reports["ZeroHedge"]["copy_of"] == reports["Reuters"]["id"]
    assert reports["ZeroHedge"]["copy_kind"] in {"rewrite", "near_duplicate"}
    assert all(reports[o]["copy_of"] is None for o in ("Reuters", "Miami Herald", "teleSUR"))
    published = [r["published"][:10] for r in doc["reports"]]
    assert published == sorted(published)


def test_timeline_in_date_order_with_corroboration_by_origin(dossier: Dossier) -> None:
    doc = story_to_json(dossier.story(dossier.stories()[0].id))
    dates = [e["date"] for e in doc["timeline"] if e["date"]]
    assert len(dates) >= 2 and dates == sorted(dates)
    call = next(e for e in doc["timeline"] if e["date"] and e["date"].startswith("2025-11-2") and len(e["report_ids"]) >= 3)
    labels = [o["label"] for o in call["origins"]]
    # the ZeroHedge rewrite tells it too, but it is a copy of Reuters: one origin, not two
    assert "ZeroHedge" in call["outlets"] and "ZeroHedge" not in labels
    assert call["corroboration"] == len(set(o["key"] for o in call["origins"])) == len(labels)
    assert call["corroboration"] < len(call["report_ids"])
    assert "Reuters" in labels and "Miami Herald" in labels


def test_contradictions_typed_with_both_attributions(dossier: Dossier) -> None:
    doc = story_to_json(dossier.story(dossier.stories()[0].id))
    by_type: dict[str, list[dict]] = {}
    for c in doc["contradictions"]:
        by_type.setdefault(c["type"], []).append(c)
    term = by_type["term"]
    assert any("immediately" in c["explanation"] for c in term)
    herald = next(c for c in term if "Miami Herald" in (c["left_source"] + c["right_source"]) and "Reuters" in (c["left_source"] + c["right_source"]))
    assert "immediately" in (herald["left"]["text"] + herald["right"]["text"])
    assert "one week" in (herald["left"]["text"] + herald["right"]["text"])
    assert any("teleSUR" in c["right_source"] or "teleSUR" in c["left_source"] for c in by_type["polarity"])
    assert any("four strikes" in c["explanation"] and "21 strikes" in c["explanation"] for c in by_type["scope"])
    # "Nov. 21" and "late in the week of Nov. 16" are compatible: no date contradiction
    assert "date" not in by_type
    # the copy never contradicts its original
    for c in doc["contradictions"]:
        assert {c["left"]["report_id"], c["right"]["report_id"]} != {_by_outlet(doc)["Reuters"]["id"], _by_outlet(doc)["ZeroHedge"]["id"]}


def test_every_item_is_linked_to_its_sentence(dossier: Dossier) -> None:
    story = dossier.story(dossier.stories()[0].id)
    doc = story_to_json(story)
    checked = 0

    def walk(node: object) -> None:
        nonlocal checked
        if isinstance(node, dict):
            if {"report_id", "start", "end", "text"} <= node.keys() and isinstance(node["start"], int):
                assert story.texts[node["report_id"]][node["start"] : node["end"]] == node["text"]
                checked += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)
    assert checked > 20
    assert doc["deadlines"] and doc["deadlines"][0]["due"] == "2025-11-28"


def test_renderings_and_moving_a_report(dossier: Dossier) -> None:
    story_id = dossier.stories()[0].id
    story = dossier.story(story_id)
    doc = story_to_json(story)
    md = story_to_markdown(doc)
    assert "## Timeline" in md and "rewrite of" in md and "**term**" in md
    page = story_to_html(doc, story.texts)
    assert page.startswith("<!doctype html>") and "<mark id=" in page and "Contradictions" in page
    json.dumps(doc)  # JSON-able
    telesur = _by_outlet(doc)["teleSUR"]["id"]
    own = dossier.move_report(telesur)
    assert own != story_id and len(dossier.stories()) == 2
    assert dossier.story(story_id).reports.__len__() == 4
    assert dossier.move_report(telesur, story_id) == story_id
    assert [s.reports for s in dossier.stories()] == [5]
    # ingesting again adds nothing and links nothing anew
    again = dossier.ingest([FIXTURES])
    assert again.added == 0 and len(dossier.stories()) == 1
