"""The result of an evaluation or benchmark, and how it is printed and kept."""

from __future__ import annotations

import json
import platform
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

__all__ = ["EvalResult", "render_table", "write_result", "default_data_dir", "RESULTS_DIR"]

#: Where result files live in a source checkout (``docs/results/NAME.json``).
RESULTS_DIR = Path(__file__).resolve().parents[3] / "docs" / "results"


def default_data_dir(name: str) -> Path:
    """``../shared/data/NAME`` beside the project checkout (the evaluation datasets)."""
    return Path(__file__).resolve().parents[4] / "shared" / "data" / name


@dataclass(frozen=True)
class EvalResult:
    """Figures from one evaluation or benchmark run.

    Attributes:
        name: Registered name (``tempeval``, ``polnear`` …).
        title: One line for the results page.
        dataset: Dataset and split used (with document count).
        command: The exact command that reproduces it.
        columns: Column order of ``rows``.
        rows: One dict per line of the table (system, metric values …).
        reference: Published figures to compare against, as text.
        notes: Caveats, what limits the figure.
    """

    name: str
    title: str
    dataset: str
    command: str
    columns: list[str]
    rows: list[dict[str, Any]]
    reference: str = ""
    notes: str = ""
    measured_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    machine: str = field(default_factory=lambda: f"{platform.machine()} {platform.python_version()}")


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 100 else f"{value:,.1f}"
    return str(value)


def render_table(result: EvalResult) -> str:
    """The rows as a Markdown table."""
    head = "| " + " | ".join(result.columns) + " |"
    rule = "|" + "|".join("---" for _ in result.columns) + "|"
    body = ["| " + " | ".join(_fmt(row.get(c, "")) for c in result.columns) + " |" for row in result.rows]
    return "\n".join([head, rule, *body])


def write_result(result: EvalResult, directory: Path | None = None) -> Path:
    """Keep ``result`` as ``NAME.json`` in the results directory; return the path."""
    directory = directory or RESULTS_DIR
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{result.name}.json"
    path.write_text(json.dumps(asdict(result), indent=1, ensure_ascii=False) + "\n", "utf-8")
    return path
