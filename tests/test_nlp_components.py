"""The spaCy pipeline holds only the components the analysers read, and batching parses changes nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dossier.acquire.report import build_report
from dossier.analyse.nlp import load_pipeline, needed_components, resolve_model_name
from dossier.analyse.pipeline import analyse_report, analyse_reports, nlp_for
from dossier.analyse.registry import ANALYSERS
from dossier.config import Config
from dossier.errors import ConfigError
from dossier.serialize import analysis_to_json


@pytest.fixture(scope="module")
def package(config: Config) -> str:
    return resolve_model_name(config.spacy_model)


def test_a_component_brings_what_it_reads(package: str) -> None:
    enabled = needed_components(package, None)
    assert "senter" not in enabled  # disabled in the package: never loaded
    lemmas = needed_components(package, ["lemmatizer"])
    # the rule lemmatizer reads pos_ (attribute_ruler), which maps the tagger's tags; the tagger listens to tok2vec
    assert lemmas == tuple(c for c in enabled if c in {"tok2vec", "tagger", "attribute_ruler", "lemmatizer"})
    assert needed_components(package, ["ner"]) == ("ner",)  # ner embeds its own tok2vec in the small models
    assert needed_components(package, enabled) == enabled


def test_an_unknown_component_is_refused_with_the_valid_ones(package: str) -> None:
    with pytest.raises(ConfigError, match="has no enabled component.*it has: tok2vec"):
        needed_components(package, ["coref"])


def test_every_parsing_analyser_declares_components_the_model_has(package: str) -> None:
    enabled = set(needed_components(package, None))
    for spec in ANALYSERS:
        if "doc" in spec.requires:
            assert spec.components and set(spec.components) <= enabled, spec.name
        else:
            assert not spec.components, spec.name


def test_a_selection_skips_components_no_selected_analyser_reads(config: Config) -> None:
    reduced = nlp_for(replace(config, analysers=("entities", "timexes")))
    assert reduced is not None
    assert "lemmatizer" not in reduced.pipe_names and "attribute_ruler" not in reduced.pipe_names
    assert {"tagger", "parser", "ner"} <= set(reduced.pipe_names)
    assert nlp_for(replace(config, analysers=("timexes",))) is None  # nothing parses: no model at all
    # the full analyser set reads every component: one pipeline shared with the events analyser's reparse
    assert nlp_for(config) is load_pipeline(config.spacy_model)


def test_entities_are_the_same_with_the_reduced_pipeline(config: Config, example_text: str) -> None:
    report = build_report(example_text, config=config, user_published="2025-11-24")
    full = analyse_report(report, config)
    reduced = analyse_report(report, replace(config, analysers=("entities", "timexes")))
    assert reduced.entities and analysis_to_json(reduced)["entities"] == analysis_to_json(full)["entities"]


def test_batched_parses_give_the_analyses_of_one_call_per_report(config: Config, example_text: str) -> None:
    paragraphs = [p for p in example_text.split("\n\n") if len(p) > 200][:3]
    reports = [build_report(t, config=config, user_published="2025-11-24") for t in (example_text, *paragraphs)]
    reports.append(build_report("Le gouvernement a dit lundi que les pourparlers reprendraient.", config=config, language="fr"))
    one_by_one = [analysis_to_json(analyse_report(r, config)) for r in reports]
    assert [analysis_to_json(a) for a in analyse_reports(reports, config)] == one_by_one
