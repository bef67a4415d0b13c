"""The learnt cue tagger: its training pieces, the shipped weights, and what it adds to the analyser."""

from __future__ import annotations

import numpy as np
import pytest

from dossier.analyse.attribution import attributions_from_doc
from dossier.analyse.attribution.cuetagger import (
    DENSE_WIDTH,
    CueTagger,
    candidate,
    dense,
    features,
    fit,
    gold_cue_heads,
    load_tagger,
)
from dossier.analyse.nlp import load_pipeline
from dossier.model import Report
from dossier.outlets import default_directory


@pytest.fixture(scope="module")
def nlp(config):  # type: ignore[no-untyped-def]
    return load_pipeline(config.spacy_model)


@pytest.fixture(scope="module")
def attribute(nlp):  # type: ignore[no-untyped-def]
    directory = default_directory()

    def run(text: str):  # type: ignore[no-untyped-def]
        return attributions_from_doc(Report(id="t", text=text), nlp(text), directory)

    return run


def test_gold_cue_head_is_the_verb_the_span_hangs_from(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Post has learned that the call lasted an hour, and Caddell went on to discuss the polls."
    doc = nlp(text)
    learned = (text.index("has learned"), text.index("has learned") + len("has learned"))
    went = (text.index("went on to discuss"), text.index("went on to discuss") + len("went on to discuss"))
    heads, inside = gold_cue_heads(doc, [learned, went])
    # The root verb of a sentence heads its cue (a spaCy token is never `is` its own head object).
    assert {doc[i].text for i in heads} == {"learned", "went"}
    assert {doc[i].text for i in inside} == {"discuss"}


def test_features_describe_the_verb_and_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Clinton wants to triple the size of the program.")
    wants = next(t for t in doc if t.text == "wants")
    names = features(wants)
    assert candidate(wants)
    assert {"lemma=want", "child=xcomp", "xcomp.lemma=triple"} <= set(names)
    assert any(n.startswith("subj=") and n != "subj=none" for n in names)
    assert features(wants, doc.text) == names


def test_fit_separates_a_learnable_feature() -> None:
    none = np.zeros(2)
    examples = [(["bias", "cue"], 1, none)] * 30 + [(["bias", "plain"], 0, none)] * 60 + [(["bias", "cue", "rare"], 1, none)]
    weights, dense_weights = fit(examples, iterations=200)
    assert weights["cue"] > 1.0 > -1.0 > weights["plain"]
    assert "rare" not in weights  # seen once: below min_count
    assert dense_weights == (0.0, 0.0)


def test_fit_learns_from_dense_features() -> None:
    examples = [(["bias"], 1, np.array([1.0, 0.2]))] * 40 + [(["bias"], 0, np.array([-1.0, 0.2]))] * 40
    _, (first, second) = fit(examples, iterations=200)
    assert first > 1.0 and abs(second) < abs(first) / 4
    tagger = CueTagger({"bias": 0.0}, 0.5, (first, second))
    assert CueTagger.from_json(tagger.to_json()).dense_weights == pytest.approx((first, second), abs=1e-4)


def test_dense_features_are_the_parsers_context_vectors(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Trump lashed out at Khan after the speech.")
    lashed = next(t for t in doc if t.text == "lashed")
    vector = dense(lashed)
    assert vector.shape == (2 * DENSE_WIDTH,) and np.abs(vector).sum() > 0
    assert np.allclose(vector[:DENSE_WIDTH], doc.tensor[lashed.i])
    doc.tensor = np.zeros((0, 0), dtype="float32")  # a pipeline without tok2vec: no dense evidence
    assert not dense(lashed).any()


def test_tagger_round_trips_and_rejects_other_files() -> None:
    tagger = CueTagger({"bias": -1.5, "lemma=want": 2.25}, 0.4)
    assert CueTagger.from_json(tagger.to_json()) == tagger
    with pytest.raises(ValueError, match="format"):
        CueTagger.from_json({"format": "something else", "weights": {}, "threshold": 0.5})


def test_shipped_tagger_is_trained_and_selective(nlp) -> None:  # type: ignore[no-untyped-def]
    tagger = load_tagger()
    assert 0.0 < tagger.threshold < 1.0 and len(tagger.weights) > 1000
    doc = nlp("The senator plans to introduce a bill, but the deadline passed without action.")
    plans = next(t for t in doc if t.text == "plans")
    passed = next(t for t in doc if t.text == "passed")
    assert tagger.prob(plans) > tagger.threshold > tagger.prob(passed)


def test_positions_beyond_speech_are_attributed(attribute) -> None:  # type: ignore[no-untyped-def]
    (a,) = attribute("Clinton wants to triple the size of the AmeriCorps program.")
    assert (a.source.name, a.cue.text, a.content.text) == ("Clinton", "wants", "to triple the size of the AmeriCorps program")
    assert attribute("The deadline passed without action on Friday.") == ()


def test_a_request_takes_its_prepositional_object(attribute) -> None:  # type: ignore[no-untyped-def]
    (a,) = attribute("A party activist asked for the allegiances of all the delegates.")
    assert (a.source.kind, a.cue.text, a.content.text) == ("anonymous", "asked for", "the allegiances of all the delegates")
    # A rejection's object stays an act, not a statement.
    assert attribute("Trump dismissed most demands.") == ()


def test_a_quotation_split_by_its_cue_is_one_content(attribute) -> None:  # type: ignore[no-untyped-def]
    text = "“It made no sense,” Eric Trump said. “I was shaking my head.”"
    (a,) = attribute(text)
    assert a.source.name == "Eric Trump"
    assert (a.content.start, a.content.end) == (0, len(text))


def test_nouns_with_a_possessor_and_predicate_adjectives_are_candidates(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Trump's claim that the vote was rigged drew criticism, and Republicans have been critical of the plan.")
    by_text = {t.text: t for t in doc}
    assert candidate(by_text["claim"]) and candidate(by_text["critical"])
    assert not candidate(by_text["criticism"]) and not candidate(by_text["vote"])  # no possessor, no complement


def test_a_predicate_adjective_cue_takes_the_copula_and_its_preposition(nlp) -> None:  # type: ignore[no-untyped-def]
    from dossier.analyse.attribution.detect import find_attributions

    text = "Republicans have been critical of Clinton's use of a private server."
    everything = CueTagger({"bias": 5.0}, 0.5)  # accepts every candidate: the extraction alone is tested
    found = [(f.source.text, text[slice(*f.cue)], text[slice(*f.content)]) for f in find_attributions(nlp(text), tagger=everything)]
    assert ("Republicans", "have been critical of", "Clinton's use of a private server") in found


def test_the_shipped_tagger_reads_a_possessors_claim(attribute) -> None:  # type: ignore[no-untyped-def]
    (a,) = attribute("Trump's claim that the election was rigged drew criticism.")
    assert (a.source.span.text, a.cue.text, a.content.text, a.stance) == (
        "Trump's", "claim", "that the election was rigged", "alleged")


def test_dense_weights_are_used_only_with_the_model_they_were_learnt_on() -> None:
    from dossier.analyse.attribution.cuetagger import CueTagger, load_tagger
    from dossier.analyse.nlp import model_id

    shipped = load_tagger()
    assert shipped.dense_weights and shipped.dense_model == model_id("auto") == "en_core_web_sm 3.8.0"
    assert load_tagger(model="auto").dense_weights == shipped.dense_weights
    other = shipped.for_model("en_core_web_md 3.8.0")
    assert other.dense_weights == () and other.weights == shipped.weights and other.threshold == shipped.threshold
    assert CueTagger.from_json(shipped.to_json()).dense_model == shipped.dense_model
