"""The per-report analysis: a pure function ``Report -> Analysis``.

Same input, same output, whether run inline, in a process pool or on Dask: the
only state is the spaCy model, a read-only resource loaded once per process.
An analyser that raises does not stop the others: its error becomes a
:class:`~dossier.model.Failure` of stage ``analyse`` and later analysers that
require its output see it as empty.
"""

from __future__ import annotations

import traceback
from typing import Any

from dossier.analyse.base import Context
from dossier.analyse.nlp import load_pipeline
from dossier.analyse.registry import pipeline
from dossier.config import Config
from dossier.model import Analysis, Failure, Report

__all__ = ["analyse_report"]


def analyse_report(report: Report, config: Config | None = None) -> Analysis:
    """Run the configured analysers over one report.

    Args:
        report: The report; its ``language`` decides whether English-only
            analysers run (non-English reports are analysed at reduced depth).
        config: Settings; defaults to :meth:`Config.from_env`.

    Returns:
        The :class:`Analysis` with each analyser's results and any failures.
    """
    config = config or Config.from_env()
    specs = pipeline(config.analysers)
    english = (report.language or "en") == "en"
    text = report.text[: config.max_text_chars]
    failures: list[Failure] = []
    if len(report.text) > config.max_text_chars:
        failures.append(
            Failure(
                report.id,
                "truncated",
                f"text has {len(report.text)} characters; analysed the first {config.max_text_chars} "
                "(raise Config.max_text_chars to analyse all)",
                stage="analyse",
            )
        )

    parsed: list[Any] = []  # the spaCy doc, parsed at most once and only if asked for

    def parse() -> Any:
        if not parsed:
            parsed.append(load_pipeline(config.spacy_model)(text))
        return parsed[0]

    results: dict[str, tuple[Any, ...]] = {}
    ran: list[str] = []
    for spec in specs:
        if spec.english_only and not english:
            failures.append(
                Failure(
                    report.id,
                    "skipped_non_english",
                    f"{spec.name} skipped: report language is {report.language!r}, analyser is English-only",
                    stage="analyse",
                )
            )
            continue
        context = Context(report, config, results, parse)
        try:
            results[spec.assigns] = tuple(spec.run(context))
            ran.append(spec.name)
        except Exception as exc:  # one analyser's bug must not lose the others' work
            failures.append(
                Failure(
                    report.id,
                    "analyser_error",
                    f"{spec.name} failed: {type(exc).__name__}: {exc} | "
                    + traceback.format_exc(limit=3).replace("\n", " "),
                    stage="analyse",
                )
            )
    return Analysis(
        report=report,
        failures=tuple(failures),
        analysers=tuple(ran),
        depth="full" if english else "reduced",
        **results,
    )
