"""Entities within one report: the example's actors, outlets, roles, repaired types, and invariants."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import assert_spans_match
from dossier.acquire.report import build_report
from dossier.analyse.entities.gazetteer import find_outlets
from dossier.analyse.entities.names import country_of, fold, name_key
from dossier.analyse.entities.roles import normalise_title
from dossier.analyse.pipeline import analyse_report
from dossier.outlets import default_directory
from dossier.serialize import analysis_to_json

GOLDEN = Path(__file__).parent / "golden" / "entities_maduro.json"


def _summary(analysis) -> list[dict]:  # type: ignore[no-untyped-def]
    return [
        {
            "name": e.name,
            "type": e.type,
            "kind": e.kind,
            "key": e.key,
            "roles": [[r.title, r.of, r.span.start if r.span else None] for r in e.roles],
            "aliases": list(e.aliases),
            "mentions": [[m.span.start, m.span.end, m.span.text, m.label, m.model_label] for m in e.mentions],
        }
        for e in analysis.entities
    ]


def _by_name(analysis):  # type: ignore[no-untyped-def]
    return {e.name: e for e in analysis.entities}


def test_golden_entities_of_the_example(example_analysis) -> None:  # type: ignore[no-untyped-def]
    summary = _summary(example_analysis)
    if os.environ.get("DOSSIER_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", "utf-8")
    assert summary == json.loads(GOLDEN.read_text("utf-8")), "entities changed; review with DOSSIER_UPDATE_GOLDEN=1 and git diff"


def test_the_example_actors_with_roles(example_analysis) -> None:  # type: ignore[no-untyped-def]
    found = _by_name(example_analysis)
    expected_roles = {
        "Nicolás Maduro": ("President", "Venezuela"),
        "Donald Trump": ("President", "United States"),
        "Delcy Rodríguez": ("Vice President", "Venezuela"),
        "Pete Hegseth": ("Secretary of War", None),
    }
    for name, (title, of) in expected_roles.items():
        entity = found[name]
        assert entity.type == "person", name
        assert any(r.title == title and r.of == of for r in entity.roles), (name, entity.roles)
    for place in ("Venezuela", "United States", "Caribbean"):
        assert found[place].type == "place"
    assert found["Delcy Rodríguez"].key == "delcy rodriguez"


def test_outlets_platforms_and_ai_engines(example_analysis) -> None:  # type: ignore[no-untyped-def]
    found = _by_name(example_analysis)
    assert (found["The Washington Post"].type, found["The Washington Post"].kind) == ("outlet", "newspaper")
    assert (found["Reuters"].type, found["Reuters"].kind) == ("outlet", "wire")
    assert found["ZeroHedge"].type == "outlet"
    assert (found["Brighteon"].type, found["Brighteon"].kind) == ("platform", "video_platform")
    brightu = found["BrightU.AI"]
    assert (brightu.type, brightu.kind) == ("ai_engine", "ai_engine")
    assert "Enoch" in [m.span.text for m in brightu.mentions]
    people = [e for e in example_analysis.entities if e.type == "person"]
    for person in people:
        assert not {"enoch", "brightu.ai"} & {fold(m.span.text) for m in person.mentions}, person


def test_every_mention_is_found_and_the_model_labels_are_repaired(example_analysis) -> None:  # type: ignore[no-untyped-def]
    text = example_analysis.report.text
    found = _by_name(example_analysis)
    spans = [(m.span.start, m.span.end) for m in found["Nicolás Maduro"].mentions]
    # every "Maduro" in the text is (inside) a mention of the one person, the model's misses included
    for i in (i for i in range(len(text)) if text.startswith("Maduro", i)):
        assert any(s <= i and i + 6 <= e for s, e in spans), i
    assert any(m.model_label is None for m in found["Nicolás Maduro"].mentions)
    trump = found["Donald Trump"].mentions
    assert any(m.model_label == "ORG" and m.label == "person" for m in trump), "the ORG-tagged Trump is repaired"
    rodriguez = found["Delcy Rodríguez"].mentions
    assert any(m.model_label == "GPE" and m.span.text == "Rodríguez" for m in rodriguez)
    assert all(m.label == "person" for m in rodriguez)
    assert not [e for e in example_analysis.entities if e.name == "Rodríguez"]


def test_spans_and_ids(example_analysis) -> None:  # type: ignore[no-untyped-def]
    document = analysis_to_json(example_analysis)
    assert assert_spans_match(example_analysis.report.text, document["entities"]) > 50
    ids = [e.id for e in example_analysis.entities]
    assert len(ids) == len(set(ids))


def test_non_english_report_is_reduced_depth_with_entities_skipped(config) -> None:  # type: ignore[no-untyped-def]
    text = (
        "El presidente venezolano Nicolás Maduro rechazó el jueves las demandas de Estados Unidos y dijo que "
        "su gobierno no aceptará ninguna amenaza contra la soberanía del país."
    )
    report = build_report(text, config=config)
    assert report.language == "es"
    analysis = analyse_report(report, config)
    assert analysis.depth == "reduced" and analysis.entities == ()
    assert any(f.reason == "skipped_non_english" and "dossier.entities" in f.detail for f in analysis.failures)


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("VP", "Vice President"),
        ("Department of War Secretary", "Secretary of War"),
        ("Defense Secretary", "Secretary of Defense"),
        ("vice president", "Vice President"),
        ("Treasury Secretary", "Secretary of the Treasury"),
    ],
)
def test_titles_are_normalised(raw: str, title: str) -> None:
    assert normalise_title(raw)[0] == title


def test_keys_fold_accents_and_country_aliases() -> None:
    assert name_key("Rodríguez") == name_key("Rodriguez") == "rodriguez"
    assert name_key("Nicolás Maduro’s") == "nicolas maduro"
    assert name_key("U.S.") == name_key("the United States") == "united states"
    assert country_of("Venezuelan") == "Venezuela"


def test_outlet_guards() -> None:
    directory = default_directory(None)
    text = "Mac OS X ships today, the Post said; the rumble of guns; AP reported; ap style. Reuters.com and Foo-News.net."
    names = {text[m.start : m.end]: m.outlet.kind for m in find_outlets(text, directory)}
    assert "X" not in names and "the Post" not in names and "rumble" not in names and "ap" not in names
    assert names["AP"] == "wire" and names["Reuters.com"] == "wire" and names["Foo-News.net"] == "unknown"


_LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZáéíóúñçüÁÉÍÓÚÑàèìòùâêîôûãõ .'’-"


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=_LATIN, max_size=40))
def test_keys_are_accent_case_and_possessive_blind(name: str) -> None:
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    key = name_key(name)
    assert key == name_key(plain) == name_key(name.upper()) == name_key(name.lower())
    assert key == fold(key) and key == key.strip() and "  " not in key
    if name.strip() and name.strip()[-1].isalpha():
        assert name_key(name.strip() + "’s") == name_key(name.strip() + "'s") == key


def test_acronyms_and_surnames_join_their_full_names(config) -> None:  # type: ignore[no-untyped-def]
    from dossier.api import analyse_text

    text = (
        "General Motors (GM) said on Monday that it would close three plants in Ohio. GM shares fell sharply after "
        "the announcement, and chief executive Mary Barra said that Barra and her team had no other choice."
    )
    found = _by_name(analyse_text(text, config=config))
    gm = found["General Motors"]
    assert gm.type == "organisation" and "GM" in gm.aliases and len(gm.mentions) == 3
    assert "Barra" in found["Mary Barra"].aliases and "GM" not in found


def _fold_reference(text: str) -> tuple[str, list[int]]:
    import unicodedata

    out: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        folded = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).casefold()
        if char in "‘’`":
            folded = "'"
        out.append(folded)
        offsets.extend([i] * len(folded))
    offsets.append(len(text))
    return "".join(out), offsets


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_LATIN + "ßﬁİ\u0301`‘’Å\u212b", max_size=60))
def test_folding_with_offsets_is_character_by_character_folding(text: str) -> None:
    from dossier.analyse.entities.gazetteer import _fold_with_offsets

    assert _fold_with_offsets(text) == _fold_reference(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="Ab .-_é1", max_size=30), st.text(alphabet="Ab.-é", min_size=1, max_size=4))
def test_whole_word_occurrences_are_the_patterns_matches(text: str, surface: str) -> None:
    import re

    from dossier.analyse.entities import _whole_words

    pattern = rf"(?<![\w.-]){re.escape(surface)}(?![\w]|-\w)"
    assert list(_whole_words(text, surface)) == [m.span() for m in re.finditer(pattern, text)]
