"""The learnt content boundaries: candidate edges, the choice, the trimmed result and training on PolNeAR files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analyse.attribution.bounds import BoundaryModel, DocView, candidates, load_bounds, train
from dossier.analyse.attribution.detect import context_features, find_attributions
from dossier.evaluate.polnear import read_attributions, trim

TEXT = ("Trump said Tuesday that he would win the nomination, in an interview with CNN. "
        "“We are going to win big,” he added. “Believe me.”")


@pytest.fixture(scope="module")
def nlp(config):  # type: ignore[no-untyped-def]
    from dossier.analyse.nlp import load_pipeline

    return load_pipeline(config.spacy_model)


@pytest.fixture(scope="module")
def doc(nlp):  # type: ignore[no-untyped-def]
    return nlp(TEXT)


def _content(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def test_doc_view_counts_quotes_and_sentences(doc) -> None:  # type: ignore[no-untyped-def]
    view = DocView(doc)
    quote = TEXT.index("“We")
    assert view.balanced(quote, TEXT.index("big,”") + 5)
    assert not view.balanced(quote, TEXT.index("big,”"))
    assert view.start_char(0) == 0 and view.end_char(0) == len("Trump")
    quotes, verbs, sentences = view.counts(0, len(doc))
    assert quotes == 4 and verbs >= 2 and sentences >= 2


def test_candidates_keep_the_rules_edge_first_and_lie_on_tokens(doc) -> None:  # type: ignore[no-untyped-def]
    view = DocView(doc)
    start, end = _content(TEXT, "that he would win the nomination, in an interview with CNN")
    for side in "ES":
        choice = candidates(view, start, end, side, set(), set(), ["kind=verb"])
        assert choice is not None and choice.offsets[0] == (end if side == "E" else start)
        assert len(choice.offsets) == len(choice.features) > 1
        token_edges = {t.idx for t in doc} | {t.idx + len(t) for t in doc}
        assert set(choice.offsets) <= token_edges
    ends = candidates(view, start, end, "E", set(), set(), []).offsets
    assert TEXT.index(", in an interview") in ends  # the cut before the cue's adverbial


def test_a_model_that_prefers_cuts_drops_the_trailing_adverbial(doc) -> None:  # type: ignore[no-untyped-def]
    view = DocView(doc)
    start, end = _content(TEXT, "that he would win the nomination, in an interview with CNN")
    model = BoundaryModel({"E<": 2.0, "E:a.form=,": 3.0, "S=same": 5.0}, margin=0.5)
    new = model.refine(view, start, end, set(), set(), [])
    assert TEXT[new[0] : new[1]] == "that he would win the nomination"
    assert BoundaryModel({}, 0.0).refine(view, start, end, set(), set(), []) == (start, end)
    # below the margin the rules' edge stays
    assert BoundaryModel({"E<": 0.1}, margin=1.0).refine(view, start, end, set(), set(), []) == (start, end)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_refined_contents_are_nonempty_trimmed_spans(doc, data) -> None:  # type: ignore[no-untyped-def]
    view = DocView(doc)
    i = data.draw(st.integers(0, len(doc) - 2))
    j = data.draw(st.integers(i + 1, len(doc)))
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
    names = sorted({n for side in "ES" for c in [candidates(view, start, end, side, set(), set(), [])]
                    if c for feats in c.features for n in feats})
    weights = {n: data.draw(st.floats(-3, 3)) for n in data.draw(st.lists(st.sampled_from(names), max_size=30))}
    new_start, new_end = BoundaryModel(weights, 0.0).refine(view, start, end, set(), set(), [])
    assert 0 <= new_start < new_end <= len(TEXT)
    moved = (new_start, new_end) != (start, end)
    if moved and TEXT[new_start:new_end].strip():
        assert trim(TEXT, new_start, new_end)[1] > trim(TEXT, new_start, new_end)[0]


def test_shipped_model_loads_with_weights() -> None:
    model = load_bounds()
    assert model.weights and model.margin >= 0


def _polnear(tmp: Path, n: int) -> None:
    for split in ("train",):
        (tmp / split / "text").mkdir(parents=True)
        (tmp / split / "attributions").mkdir(parents=True)
    for k in range(n):
        text = f"Senator Smith{k} said on Monday that taxes would rise next year, in an interview with CNN.\n"
        (tmp / "train" / "text" / f"d{k}.txt").write_text(text, "utf-8")
        # a convention of these files: the content leaves out "that"
        cue, content = _content(text, "said"), _content(text, "taxes would rise next year")
        source = _content(text, f"Senator Smith{k}")
        (tmp / "train" / "attributions" / f"d{k}_ab12.ann").write_text(
            f"T1\tSource {source[0]} {source[1]}\tx\nT2\tCue {cue[0]} {cue[1]}\tsaid\n"
            f"T3\tContent {content[0]} {content[1]}\tx\nE1\tAttribution:T2 Cue:T2 Source:T1 Content:T3\n", "utf-8")


def test_read_attributions_groups_roles_by_event(tmp_path: Path) -> None:
    _polnear(tmp_path, 1)
    ann = tmp_path / "train" / "attributions" / "d0_ab12.ann"
    (group,) = read_attributions(ann)
    text = (tmp_path / "train" / "text" / "d0.txt").read_text("utf-8")
    assert text[slice(*group["Content"])] == "taxes would rise next year"
    assert text[slice(*group["Cue"])] == "said" and text[slice(*group["Source"])] == "Senator Smith0"


def test_training_learns_the_gold_edge_from_train_files(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    _polnear(tmp_path, 10)
    pairs = []
    for k in range(10):
        text = (tmp_path / "train" / "text" / f"d{k}.txt").read_text("utf-8")
        pairs.append((nlp(text), tmp_path / "train" / "attributions" / f"d{k}_ab12.ann"))
    logs: list[str] = []
    model = train(pairs, log=logs.append)
    assert len(logs) >= 2 and model.weights
    doc, _ = pairs[0]
    view = DocView(doc)
    text = doc.text
    (found,) = find_attributions(doc, refine=False)
    assert text[slice(*found.content)] == "that taxes would rise next year, in an interview with CNN"  # the rules'

    said = text.index("said")
    cue = {t.i for t in doc if said <= t.idx < said + 4}
    new = model.refine(view, *found.content, cue, set(), context_features(found, text))
    assert text[new[0] : new[1]] == "taxes would rise next year"
