"""Evaluation and benchmark commands, and the results page they feed.

Each evaluation is a function ``evaluate(data: Path, *, limit: int | None, config: Config) -> EvalResult``
registered by name in :data:`EVALUATIONS`; each benchmark likewise in
:data:`BENCHMARKS`.  Results are written as JSON under ``docs/results/`` and
the results page ``docs/results.md`` is rendered from those files only, so no
figure is ever typed by hand.
"""

from __future__ import annotations

from dossier.evaluate.base import EvalResult, default_data_dir, render_table, write_result
from dossier.evaluate.registry import BENCHMARKS, EVALUATIONS, run

__all__ = ["EvalResult", "EVALUATIONS", "BENCHMARKS", "run", "render_table", "write_result", "default_data_dir"]
