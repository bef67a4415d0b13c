"""Evaluations read a held-out compartment laid out like the public one (no dataset needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.evaluate.checkthat import evaluate as evaluate_checkthat
from dossier.evaluate.polnear import evaluate as evaluate_polnear
from dossier.evaluate.polnear import present_splits

TEXT = "Ann Smith said the talks had failed. Officials told reporters that a deal was near."
ANN = "T1\tSource 0 9\tAnn Smith\nT2\tCue 10 14\tsaid\nT3\tContent 15 35\tthe talks had failed\n"


def _compartment(folder: Path) -> None:
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir(parents=True)
    (folder / "text" / "a.txt").write_text(TEXT, "utf-8")
    (folder / "attributions" / "a_x1.ann").write_text(ANN, "utf-8")


def test_polnear_scores_every_compartment_present_including_test(tmp_path: Path, config) -> None:  # type: ignore[no-untyped-def]
    for split in ("train", "test"):
        _compartment(tmp_path / split)
    assert present_splits(tmp_path) == ("test", "train")
    result = evaluate_polnear(tmp_path, config=config)
    cues = {row["split"]: row for row in result.rows if row["span"] == "cue"}
    assert set(cues) == {"test", "train"}
    assert cues["test"]["gold"] == 1 and cues["test"]["exact R"] == 100.0


def test_polnear_reads_a_folder_that_is_one_compartment(tmp_path: Path, config) -> None:  # type: ignore[no-untyped-def]
    _compartment(tmp_path / "heldout")
    result = evaluate_polnear(tmp_path / "heldout", config=config)
    assert {row["split"] for row in result.rows} == {"heldout"}


def test_polnear_without_compartments_names_the_folder_and_what_it_needs(tmp_path: Path, config) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FileNotFoundError, match="text/ and attributions/"):
        evaluate_polnear(tmp_path, config=config)


def _debate(path: Path, lines: list[tuple[str, int]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{i}\tSPEAKER\t{text}\t{label}\n" for i, (text, label) in enumerate(lines, 1)), "utf-8")


WORTHY = [("Unemployment fell by 4 million jobs since 2009.", 1), ("Thank you all for coming tonight.", 0),
          ("Taxes went up 20 percent under his plan.", 1), ("Good evening, everybody.", 0)]


def test_checkthat_trains_on_training_and_scores_the_test_debates(tmp_path: Path, config) -> None:  # type: ignore[no-untyped-def]
    _debate(tmp_path / "training" / "d1.tsv", WORTHY * 5)
    _debate(tmp_path / "training" / "d2.tsv", WORTHY[::-1] * 5)
    _debate(tmp_path / "test_annotated" / "t1.tsv", WORTHY * 2)
    result = evaluate_checkthat(tmp_path, config=config)
    assert [row["debate"] for row in result.rows] == ["mean over 1 test debates", "t1"]
    assert result.rows[1]["sentences"] == 8 and result.rows[1]["check-worthy"] == 4
    assert result.rows[0]["AP"] == result.rows[1]["AP"] > 0.5, "the worthy sentences rank above the greetings"


def test_checkthat_without_labelled_test_debates_cross_validates_the_training_ones(tmp_path: Path, config) -> None:  # type: ignore[no-untyped-def]
    _debate(tmp_path / "training" / "d1.tsv", WORTHY * 5)
    _debate(tmp_path / "training" / "d2.tsv", WORTHY[::-1] * 5)
    (tmp_path / "test_without_labels").mkdir()
    (tmp_path / "test_without_labels" / "t1.tsv").write_text("1\tSPEAKER\tTaxes went up.\n", "utf-8")
    result = evaluate_checkthat(tmp_path, config=config)
    assert result.rows[0]["debate"] == "mean over 2 held-out debates"
