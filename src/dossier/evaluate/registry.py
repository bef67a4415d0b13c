"""Registered evaluations and benchmarks (``dossier eval NAME``, ``dossier bench NAME``).

Entries are ``"module:function"`` strings so that a command imports only what
it runs (peers such as newspaper4k are optional extras).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

from dossier.config import Config
from dossier.errors import ConfigError
from dossier.evaluate.base import EvalResult

__all__ = ["EVALUATIONS", "BENCHMARKS", "run"]

EVALUATIONS: dict[str, str] = {
    # name: "module:function"; each takes (data: Path | None, *, limit, config) -> EvalResult
    "tempeval": "dossier.evaluate.tempeval:evaluate_tempeval",
    "meantime_entities": "dossier.evaluate.meantime_entities:evaluate",
    "polnear": "dossier.evaluate.polnear:evaluate",
    "checkthat": "dossier.evaluate.checkthat:evaluate",
    "meantime_events": "dossier.evaluate.meantime_events:evaluate",
    "ecbplus_events": "dossier.evaluate.ecbplus_events:evaluate",
    "extraction": "dossier.evaluate.extraction:evaluate",
    "ecbplus": "dossier.evaluate.ecbplus_coref:evaluate",
    "syndication": "dossier.evaluate.syndication:evaluate",
    "eventtime": "dossier.evaluate.eventtime:evaluate",
    "meantime_timex": "dossier.evaluate.meantime_timex:evaluate",
}
BENCHMARKS: dict[str, str] = {
    "timex": "dossier.evaluate.tempeval:bench_timex",
    "throughput": "dossier.evaluate.throughput:benchmark",
    "ingest": "dossier.evaluate.throughput:bench_ingest",
    "link": "dossier.evaluate.bench_link:benchmark",
}


def _load(target: str) -> Callable[..., EvalResult]:
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


def run(name: str, data: Path | None = None, *, limit: int | None = None, config: Config | None = None) -> EvalResult:
    """Run the evaluation or benchmark ``name`` and return its result."""
    table = EVALUATIONS if name in EVALUATIONS else BENCHMARKS
    if name not in table:
        raise ConfigError(
            f"no evaluation or benchmark {name!r}; evaluations: {', '.join(sorted(EVALUATIONS)) or 'none'}; "
            f"benchmarks: {', '.join(sorted(BENCHMARKS)) or 'none'}"
        )
    return _load(table[name])(data, limit=limit, config=config or Config.from_env())
