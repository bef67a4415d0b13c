"""The quicker attribute-rule matcher gives spaCy's annotations exactly."""

from __future__ import annotations

import pytest

from dossier.analyse.attribute_rules import RuleMatcher, speed_up

TEXTS = [
    "I'm gonna go, gotta run. Let's see: there is a cat and there are dogs.",
    "He GETS it; she got it.  \n\n  But then nothin' happened, y' know?",
    "Venezuelan President Nicolás Maduro’s attempt to negotiate a safe exit collapsed last week.",
    "Those who did it have had enough, and that was that. Whatever they do, which one is theirs?",
]


@pytest.fixture(scope="module")
def pipelines(config):  # type: ignore[no-untyped-def]
    import spacy

    from dossier.analyse.nlp import resolve_model_name

    package = resolve_model_name(config.spacy_model)
    plain, quick = spacy.load(package), spacy.load(package)
    assert speed_up(quick)
    return plain, quick


def _annotations(doc):  # type: ignore[no-untyped-def]
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_same_annotations_as_spacys_matcher(pipelines, example_text: str) -> None:  # type: ignore[no-untyped-def]
    plain, quick = pipelines
    for text in [*TEXTS, example_text]:
        assert _annotations(quick(text)) == _annotations(plain(text))


def test_same_matches_as_spacys_matcher(pipelines, example_text: str) -> None:  # type: ignore[no-untyped-def]
    plain, quick = pipelines
    ruler, quick_ruler = plain.get_pipe("attribute_ruler"), quick.get_pipe("attribute_ruler")
    for text in [*TEXTS, example_text]:
        doc = plain.make_doc(text)
        for name, component in plain.pipeline:
            if name == "attribute_ruler":
                break
            doc = component(doc)
        assert quick_ruler.match(doc) == ruler.match(doc)


def test_patterns_it_cannot_read_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot read"):
        RuleMatcher([(0, [[{"LOWER": "a", "OP": "+"}]])])
    with pytest.raises(ValueError, match="cannot read"):
        RuleMatcher([(0, [[{"LENGTH": {">=": 3}}]])])


def test_a_ruler_with_other_patterns_keeps_spacys_matcher(config) -> None:  # type: ignore[no-untyped-def]
    import spacy

    from dossier.analyse.nlp import resolve_model_name

    nlp = spacy.load(resolve_model_name(config.spacy_model), exclude=["ner", "lemmatizer"])
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    assert not speed_up(nlp)
    assert nlp("It is very very good.")[2].pos_ == "ADV"
