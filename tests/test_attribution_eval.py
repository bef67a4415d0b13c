"""The PolNeAR and CheckThat! scorers on hand-computed cases, and smoke runs on the real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED_DATA
from dossier.analyse.attribution.cuetagger import parse_train
from dossier.evaluate.checkthat import average_precision, ranking_metrics
from dossier.evaluate.polnear import match_counts, read_gold, trim


def test_average_precision_by_hand() -> None:
    # ranked labels 1,0,1,0 → precisions at the hits 1/1 and 2/3
    assert average_precision([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0]) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision([0.1, 0.2], [0, 0]) == 0.0
    # ties are broken by line order, as a stable sort would
    assert average_precision([0.5, 0.5, 0.5], [0, 0, 1]) == pytest.approx(1 / 3)


def test_ranking_metrics_by_hand() -> None:
    metrics = ranking_metrics([0.1, 0.9, 0.8, 0.2, 0.3], [1, 0, 1, 0, 0])
    assert metrics["RR"] == pytest.approx(1 / 2)  # ranks: .9(0) .8(1) .3(0) .2(0) .1(1)
    assert metrics["R-P"] == pytest.approx(1 / 2)
    assert metrics["P@1"] == 0.0 and metrics["P@5"] == pytest.approx(2 / 5)
    assert metrics["AP"] == pytest.approx((1 / 2 + 2 / 5) / 2)


def test_span_matching_exact_and_overlap() -> None:
    gold = [(0, 10), (20, 30)]
    assert match_counts([(0, 10), (21, 30)], gold, exact=True) == 1
    assert match_counts([(0, 10), (21, 30)], gold, exact=False) == 2
    # one-to-one: two predictions over one gold span count once
    assert match_counts([(0, 4), (5, 9)], [(0, 10)], exact=False) == 1
    assert match_counts([(40, 50)], gold, exact=False) == 0


def test_trim_keeps_quotes_and_drops_edge_punctuation() -> None:
    text = ' “We won,” he said. '
    start, end = trim(text, 0, len(text))
    assert text[start:end] == "“We won,” he said"


def test_read_gold_standoff(tmp_path: Path) -> None:
    ann = tmp_path / "a_1234.ann"
    ann.write_text(
        "T1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;25 30\tx y\nT4\tAttribution 6 10\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nT5\tDiscuss 1 2\tx\n",
        "utf-8",
    )
    gold = read_gold(ann)
    assert gold == {"Source": [(0, 5)], "Cue": [(6, 10)], "Content": [(11, 30)]}


def test_cue_tagger_training_reads_only_train(tmp_path: Path) -> None:
    for split in ("train", "dev"):
        (tmp_path / split / "text").mkdir(parents=True)
        (tmp_path / split / "attributions").mkdir(parents=True)
    text = "Ann said yes. Ed ate."
    (tmp_path / "train" / "text" / "d.txt").write_text(text, "utf-8")
    (tmp_path / "train" / "attributions" / "d_ab12.ann").write_text("T1\tCue 4 8\tsaid\n", "utf-8")
    (tmp_path / "dev" / "text" / "e.txt").write_text("Zed said so.", "utf-8")
    (tmp_path / "dev" / "attributions" / "e_ab12.ann").write_text("T1\tCue 4 8\tsaid\n", "utf-8")
    ((doc, ann),) = parse_train(tmp_path)
    assert doc.text == text and ann.parent.parent.name == "train"


@pytest.mark.data
def test_polnear_smoke() -> None:
    folder = SHARED_DATA / "polnear"
    if not folder.is_dir():
        pytest.skip("../shared/data/polnear not present")
    from dossier.evaluate.polnear import evaluate

    result = evaluate(folder, limit=2)
    cue = next(r for r in result.rows if r["span"] == "cue")
    assert cue["gold"] > 0 and cue["predicted"] > 0 and cue["overlap F1"] > 20


@pytest.mark.data
def test_checkthat_reader_and_metrics_on_one_debate() -> None:
    folder = SHARED_DATA / "checkthat2019"
    if not folder.is_dir():
        pytest.skip("../shared/data/checkthat2019 not present")
    from dossier.analyse.attribution.checkworthy import load_model, read_checkthat

    debates = read_checkthat(folder)
    assert len(debates) == 19 and sum(r[3] for rows in debates.values() for r in rows) > 400
    # The shipped model saw every debate: this only checks the pipeline, not quality (the
    # evaluation command trains without the held-out debate).
    name = sorted(debates)[0]
    rows = debates[name]
    model = load_model()
    assert average_precision(model.scores([r[2] for r in rows]), [r[3] for r in rows]) > 0.05
