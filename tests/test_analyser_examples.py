"""Every registered analyser's worked examples, and the span invariant on each."""

from __future__ import annotations

import pytest

from conftest import assert_spans_match, subset_match
from dossier.acquire.report import build_report
from dossier.analyse.pipeline import analyse_report
from dossier.analyse.registry import ANALYSERS
from dossier.serialize import analysis_to_json

CASES = [(spec, i, ex) for spec in ANALYSERS for i, ex in enumerate(spec.examples)]


@pytest.mark.parametrize(("spec", "index", "example"), CASES, ids=[f"{s.name}#{i}" for s, i, _ in CASES])
def test_worked_example(spec, index, example, config):  # type: ignore[no-untyped-def]
    report = build_report(example.text, config=config, user_published=example.published, title=example.title)
    document = analysis_to_json(analyse_report(report, config))
    assert not [f for f in document["failures"] if f["reason"] == "analyser_error"], document["failures"]
    produced = document[spec.assigns]
    for expected in example.expected:
        assert any(subset_match(expected, item) for item in produced), (
            f"{spec.name}: nothing matches {expected!r} in {produced!r}"
        )
    for absent in example.absent:
        assert not any(subset_match(absent, item) for item in produced), f"{spec.name}: unexpected {absent!r}"
    assert_spans_match(report.text, document)


def test_registry_names_are_versioned_and_unique() -> None:
    names = [spec.name for spec in ANALYSERS]
    assert len(names) == len(set(names))
    assert all(name.startswith("dossier.") and name.rsplit(".", 1)[1].startswith("v") for name in names)


def test_every_span_in_the_example_matches_its_text(example_analysis) -> None:  # type: ignore[no-untyped-def]
    document = analysis_to_json(example_analysis)
    assert assert_spans_match(example_analysis.report.text, document) > 10
