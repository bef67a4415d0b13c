"""The extraction metric (the ScrapingHub benchmark's definition) and the benchmark corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHARED_DATA
from dossier.evaluate.extraction import aggregate, page_scores, shingle_counts
from dossier.evaluate.throughput import TASKS_PER_WORKER, ecb_text, task_chunk

words = st.lists(st.sampled_from(["the", "talks", "Caracas", "said", "Monday", "deadline", "2025", "de"]), max_size=40)


def test_metric_on_worked_pages() -> None:
    gold = "one two three four five six"  # 3 shingles of 4 tokens
    assert shingle_counts(gold, gold) == (1.0, 0.0, 0.0)
    assert shingle_counts(gold, "") == (0.0, 0.0, 1.0)
    # prediction adds a boilerplate line: 3 true shingles, 4 false ones across the seam
    tp, fp, fn = shingle_counts(gold, gold + " share this article now")
    assert (tp, fp, fn) == pytest.approx((3 / 7, 4 / 7, 0.0))
    scores = aggregate([shingle_counts(gold, gold), shingle_counts(gold, "")], [1.0, 0.0])
    # the empty prediction does not count towards precision, only recall
    assert scores["precision"] == 1.0 and scores["recall"] == 0.5
    assert scores["F1"] == pytest.approx(2 * 0.5 / 1.5) and scores["accuracy"] == 0.5


@given(words, words)
def test_metric_invariants(a: list[str], b: list[str]) -> None:
    gold, pred = " ".join(a), " ".join(b)
    tp, fp, fn = shingle_counts(gold, pred)
    assert all(0.0 <= x <= 1.0 for x in (tp, fp, fn))
    assert tp + fp + fn == pytest.approx(1.0) or (tp, fp, fn) == (0.0, 0.0, 0.0)
    # swapping gold and prediction swaps false positives and false negatives
    assert shingle_counts(pred, gold) == pytest.approx((tp, fn, fp))
    (same, accuracy) = page_scores(gold, gold)
    assert accuracy == 1.0 and same[1] == same[2] == 0.0


def test_ecb_text_is_rebuilt_from_tokens(tmp_path: Path) -> None:
    xml = tmp_path / "1_1ecb.xml"
    tokens = ["A", "judge", "on", "Saturday", "sentenced", "the", "man", "(", "29", ")", ",", "police", "said", "."]
    body = "".join(f'<token t_id="{i}" sentence="0" number="{i}">{t}</token>' for i, t in enumerate(tokens))
    body += '<token t_id="99" sentence="1" number="0">He</token><token t_id="100" sentence="1" number="1">didn</token>'
    body += '<token t_id="101" sentence="1" number="2">\'t</token><token t_id="102" sentence="1" number="3">.</token>'
    xml.write_text(f'<Document doc_name="1_1ecb.xml">{body}</Document>', "utf-8")
    assert ecb_text(xml) == "A judge on Saturday sentenced the man (29), police said.\n\nHe didn't.\n"


@pytest.mark.data
def test_extraction_scoring_smoke() -> None:
    data = SHARED_DATA / "scrapinghub"
    if not (data / "ground-truth.json").is_file():
        pytest.skip("../shared/data/scrapinghub is not here")
    from dossier.evaluate.extraction import EXTRACTORS, load_pages

    (key, url, html, gold), = load_pages(data, limit=1)
    extract, _ = EXTRACTORS["dossier"]
    (tp, fp, fn), _ = page_scores(gold, extract(html, url))
    assert len(key) == 64 and url.startswith("http") and tp > 0.5


@given(st.integers(min_value=1, max_value=5000), st.integers(min_value=1, max_value=8))
def test_benchmark_tasks_give_every_worker_several(inputs: int, workers: int) -> None:
    chunk = task_chunk(inputs, workers)
    assert 1 <= chunk <= 8
    tasks = -(-inputs // chunk)
    # enough tasks that each worker gets TASKS_PER_WORKER of them, unless tasks of one input are all there are
    assert tasks >= TASKS_PER_WORKER * workers or chunk == 1 or chunk == 8
    assert task_chunk(24) == 2 and task_chunk(96) == 8
