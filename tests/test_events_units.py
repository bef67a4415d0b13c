"""Triggers, roles and modality on single sentences, and the evaluation smoke tests."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED_DATA, assert_spans_match
from dossier.analyse.events.extract import is_commentary, is_instruction
from dossier.analyse.events.modality import modality_of
from dossier.analyse.events.roles import roles_of
from dossier.analyse.events.triggers import event_mentions, typed_triggers
from dossier.analyse.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp(config):  # type: ignore[no-untyped-def]
    return load_pipeline(config.spacy_model)


def _typed(nlp, text: str):  # type: ignore[no-untyped-def]
    sentence = next(nlp(text).sents)
    return sentence, typed_triggers(sentence)


@pytest.mark.parametrize(
    ("text", "lemma", "modality"),
    [
        ("The navy struck a boat on Monday.", "strike", "happened"),
        ("The navy did not strike the boat.", "strike", "negated"),
        ("The navy could strike the boat.", "strike", "conditional"),
        ("The Pentagon plans to deploy more ships.", "deploy", "planned"),
        ("Trump threatened to close the border.", "close", "threatened"),
        ("Officials said the navy attacked a boat.", "attack", "reported"),
        ("A report alleged that the navy attacked a boat.", "attack", "alleged"),
    ],
)
def test_modality(nlp, text: str, lemma: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    _, triggers = _typed(nlp, text)
    trigger = next(t for t in triggers if t.token.lemma_ == lemma)
    assert modality_of(trigger.token)[0] == modality


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Negotiators struck a deal on Monday.", "strike"),
        ("The bill passed the Senate.", "expire"),
        ("Stocks closed higher.", "close"),
        ("Workers began a general strike on Monday.", "strike"),
        ("The company charged fees.", "accuse"),
        ("The UN issued calls for a ceasefire.", "meet"),
    ],
)
def test_ambiguous_verbs_are_constrained(nlp, text: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    _, triggers = _typed(nlp, text)
    assert absent not in {t.type for t in triggers}


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("He was charged with murder.", "accuse"),
        ("The UN issued calls for a ceasefire.", "request"),
        ("The offer was rejected by Caracas.", "offer"),
        ("Trump gave Maduro until Friday to leave.", "give_ultimatum"),
        ("Trump told Maduro that he had until Friday to leave Venezuela.", "give_ultimatum"),
    ],
)
def test_triggers_in_context(nlp, text: str, present: str) -> None:  # type: ignore[no-untyped-def]
    _, triggers = _typed(nlp, text)
    assert present in {t.type for t in triggers}


def test_phrasal_and_light_verb_triggers(nlp) -> None:  # type: ignore[no-untyped-def]
    _, triggers = _typed(nlp, "The U.S. shut down the airspace and imposed sanctions on PDVSA.")
    types = {t.type: t for t in triggers}
    assert types["close"].particle is not None and types["close"].particle.text == "down"
    assert types["sanction"].light is not None and types["sanction"].light.lemma_ == "impose"


def test_roles_of_an_accusation(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence, triggers = _typed(nlp, "The government accused Washington of orchestrating regime change.")
    accuse = next(t for t in triggers if t.type == "accuse")
    roles = {r.role: r.text for r in roles_of(accuse, sentence)}
    assert roles == {"agent": "The government", "target": "Washington", "theme": "orchestrating regime change"}


def test_reader_instructions_and_commentary(nlp) -> None:  # type: ignore[no-untyped-def]
    assert is_instruction(next(nlp("Watch the video below.").sents))
    assert not is_instruction(next(nlp("Trump watched the video.").sents))
    assert is_commentary(next(nlp("For now, the region may face more turmoil.").sents), [])
    assert not is_commentary(next(nlp("The region faced more turmoil, officials said.").sents), [])


def test_event_mentions_cover_verbs_and_event_nouns(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = next(nlp("GM announced the closure of 1,100 dealerships after the bankruptcy.").sents)
    assert {t.text for t in event_mentions(sentence)} >= {"announced", "closure", "bankruptcy"}


@pytest.mark.data
@pytest.mark.parametrize("name", ["meantime", "ecbplus"])
def test_evaluation_smoke(name: str, config) -> None:  # type: ignore[no-untyped-def]
    data = SHARED_DATA / name
    if not data.is_dir():
        pytest.skip(f"{data} not present")
    from dossier.evaluate import run

    result = run(f"{name}_events", data, limit=2, config=config)
    assert result.rows and all(0.0 <= row["F1"] <= 1.0 for row in result.rows)
    assert result.rows[0]["gold"] > 0 and result.rows[0]["predicted"] > 0


def _example_sentences() -> list[str]:
    from conftest import EXAMPLE

    text = EXAMPLE.read_text("utf-8")
    body = [p for p in text.split("\n\n") if len(p) > 200 and not p.lstrip().startswith("•")]
    return [s.strip() + "." for p in body for s in p.split(". ") if len(s) > 40][:16]


SENTENCES = _example_sentences()


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picked=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4, unique=True))
def test_events_invariants_on_any_mix_of_sentences(picked: list[str], config) -> None:  # type: ignore[no-untyped-def]
    from dossier.analyse.events.modality import MODALITIES
    from dossier.analyse.events.ontology import BY_NAME
    from dossier.api import analyse_text
    from dossier.serialize import to_data

    text = "\n\n".join(picked)
    first = analyse_text(text, published="2025-11-30", config=config)
    again = analyse_text(text, published="2025-11-30", config=config)
    assert to_data(first.events) == to_data(again.events), "analysis is a pure function of the report"
    assert_spans_match(first.report.text, to_data(first.events) + to_data(first.deadlines))
    for event in first.events:
        assert event.type in BY_NAME and event.modality in MODALITIES
        assert event.evidence.start <= event.trigger.start < event.trigger.end <= event.evidence.end
        assert len({e.id for e in first.events}) == len(first.events)
