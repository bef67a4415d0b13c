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


def _test_folders(folder: Path) -> list[Path]:
    """Labelled test folders beside ``training/`` (``test``, ``test_annotated`` …), as the task distributes them."""
    if not (folder / "training").is_dir():
        return []
    return [p for p in sorted(folder.iterdir()) if p.is_dir() and p.name.startswith("test")
            and any(p.glob("**/*.tsv")) and any(rows for rows in read_checkthat(p).values())]


def evaluate(data: Path | None, *, limit: int | None = None, config: Config | None = None) -> EvalResult:
    """MAP of the shipped feature set and trainer.

    With a ``training/`` folder and a labelled ``test*`` folder beside it, the task's own protocol: one model
    trained on every training debate scores each test debate.  Otherwise leave-one-debate-out over the debates
    found.

    Args:
        data: The ``checkthat2019`` folder (default ``../shared/data/checkthat2019``).
        limit: Evaluate only the first ``limit`` held-out debates (training still uses all others).
        config: Unused; part of the evaluation signature.
    """
    folder = Path(data or default_data_dir("checkthat2019"))
    tests = _test_folders(folder)
    if tests:
        return _evaluate_on_test(folder, tests, limit)
    debates = {name: rows for name, rows in read_checkthat(folder).items() if rows}  # unlabelled files: not scored
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


def _evaluate_on_test(folder: Path, tests: Sequence[Path], limit: int | None) -> EvalResult:
    training = read_checkthat(folder / "training")
    model = train([r[2] for rows in training.values() for r in rows], [r[3] for rows in training.values() for r in rows])
    debates = {name: rows for test in tests for name, rows in read_checkthat(test).items() if rows}
    names = sorted(debates)[: limit or None]
    rows = []
    for name in names:
        test = debates[name]
        metrics = ranking_metrics(model.scores([r[2] for r in test]), [r[3] for r in test])
        rows.append({"debate": name, "sentences": len(test), "check-worthy": sum(r[3] for r in test), **metrics})
    metric_names = [k for k in rows[0] if k not in ("debate", "sentences", "check-worthy")] if rows else []
    mean = {"debate": f"mean over {len(rows)} test debates", "sentences": sum(r["sentences"] for r in rows),
            "check-worthy": sum(r["check-worthy"] for r in rows),
            **{k: sum(r[k] for r in rows) / len(rows) for k in metric_names}}
    command = f"dossier eval checkthat {folder}" + (f" --limit {limit}" if limit else "")
    return EvalResult(
        name="checkthat",
        title="Check-worthiness ranking (CLEF CheckThat! 2019 task 1), trained on the training debates, scored on the test debates",
        dataset=f"CheckThat! 2019 task 1: {len(training)} training debates, {len(rows)} test debates "
        f"({', '.join(t.name for t in tests)})",
        command=command,
        columns=["debate", "sentences", "check-worthy", "AP", "R-P", "RR", "P@1", "P@5", "P@10", "P@20", "P@50"],
        rows=[mean, *rows],
        reference="best published test MAP 0.166 (Copenhagen, primary run) on the 7 official test debates",
        notes="Model: class-balanced logistic regression over 16 hand-built features and 2^15 hashed word "
        "uni/bigrams, pure numpy (dossier.analyse.attribution.checkworthy), trained on every training debate; "
        "the task's protocol, so the mean is comparable with the published test MAP.",
    )
