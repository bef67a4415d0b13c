"""CLEF CheckThat! 2019 task 1 (check-worthiness): MAP by leave-one-debate-out.

Every debate is scored by a model trained on the *other* debates only, so no
figure comes from training data.  The metrics follow the task's definitions:
per debate, sentences are ranked by score; average precision is the mean of the
precision at the rank of each check-worthy sentence; MAP is the mean over
debates; R-precision, reciprocal rank and P@k likewise per debate then averaged.
Ties are broken by line number, as the task's scorer does after a stable sort.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from dossier.analyse.attribution.checkworthy import read_checkthat, train
from dossier.config import Config
from dossier.evaluate.base import EvalResult, default_data_dir

__all__ = ["evaluate", "average_precision", "ranking_metrics"]


def _ranked(scores: Sequence[float], labels: Sequence[int]) -> list[int]:
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    return [labels[i] for i in order]


def average_precision(scores: Sequence[float], labels: Sequence[int]) -> float:
    """AP of one ranked debate (0 when it has no check-worthy sentence)."""
    ranked = _ranked(scores, labels)
    hits, total = 0, 0.0
    for rank, label in enumerate(ranked, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def ranking_metrics(scores: Sequence[float], labels: Sequence[int]) -> dict[str, float]:
    """AP, R-precision, reciprocal rank and P@1/5/10/20/50 of one debate."""
    ranked = _ranked(scores, labels)
    relevant = sum(ranked)
    first = next((i for i, label in enumerate(ranked, start=1) if label), None)
    metrics = {
        "AP": average_precision(scores, labels),
        "R-P": (sum(ranked[:relevant]) / relevant) if relevant else 0.0,
        "RR": 1.0 / first if first else 0.0,
    }
    for k in (1, 5, 10, 20, 50):
        metrics[f"P@{k}"] = sum(ranked[:k]) / k
    return metrics


def evaluate(data: Path | None, *, limit: int | None = None, config: Config | None = None) -> EvalResult:
    """Leave-one-debate-out MAP of the shipped feature set and trainer.

    Args:
        data: The ``checkthat2019`` folder (default ``../shared/data/checkthat2019``).
        limit: Evaluate only the first ``limit`` held-out debates (training still uses all others).
        config: Unused; part of the evaluation signature.
    """
    folder = data or default_data_dir("checkthat2019")
    debates = read_checkthat(folder)
    names = sorted(debates)
    held_out = names[:limit] if limit else names
    rows = []
    sums: dict[str, float] = {}
    for name in held_out:
        train_texts = [r[2] for other in names if other != name for r in debates[other]]
        train_labels = [r[3] for other in names if other != name for r in debates[other]]
        model = train(train_texts, train_labels)
        test = debates[name]
        metrics = ranking_metrics(model.scores([r[2] for r in test]), [r[3] for r in test])
        rows.append({"debate": name, "sentences": len(test), "check-worthy": sum(r[3] for r in test), **metrics})
        for key, value in metrics.items():
            sums[key] = sums.get(key, 0.0) + value
    n = len(held_out)
    mean = {"debate": f"mean over {n} held-out debates", "sentences": sum(r["sentences"] for r in rows),
            "check-worthy": sum(r["check-worthy"] for r in rows), **{k: v / n for k, v in sums.items()}}
    columns = ["debate", "sentences", "check-worthy", "AP", "R-P", "RR", "P@1", "P@5", "P@10", "P@20", "P@50"]
    command = "dossier eval checkthat ../shared/data/checkthat2019" + (f" --limit {limit}" if limit else "")
    return EvalResult(
        name="checkthat",
        title="Check-worthiness ranking (CLEF CheckThat! 2019 task 1), leave-one-debate-out",
        dataset=f"CheckThat! 2019 task 1 training debates ({len(names)} debates; each scored by a model trained on the others)",
        command=command,
        columns=columns,
        rows=[mean, *rows],
        reference="best published test MAP 0.166 (Copenhagen, primary run) on the 7 official test debates",
        notes=(
            "Model: class-balanced logistic regression over 16 hand-built features and 2^15 hashed word "
            "uni/bigrams, pure numpy (dossier.analyse.attribution.checkworthy). Cross-validated on the 19 "
            "training debates, not the official test debates, so the comparison with the published figure is indicative."
        ),
    )
