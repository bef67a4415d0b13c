"""The per-report analysis: a pure function ``Report -> Analysis``.

Same input, same output, whether run inline, in a process pool or on Dask: the
only state is the spaCy model, a read-only resource loaded once per process.
An analyser that raises does not stop the others: its error becomes a
:class:`~dossier.model.Failure` of stage ``analyse`` and later analysers that
require its output see it as empty.

:func:`analyse_reports` is the same function over a list of reports: it parses
their texts together with spaCy's ``nlp.pipe`` (faster than one call per text)
and hands each parse to :func:`analyse_report`, so the analyses are those of
one call per report.
"""

from __future__ import annotations

import traceback
from typing import TYPE_CHECKING, Any, Sequence

from dossier.analyse.base import AnalyserSpec, Context
from dossier.analyse.nlp import load_pipeline
from dossier.analyse.registry import pipeline
from dossier.config import Config
from dossier.model import Analysis, Failure, Report

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["analyse_report", "analyse_reports", "parse_all", "parses", "nlp_for"]

#: Texts handed to ``nlp.pipe`` at once.
PARSE_BATCH = 16


def nlp_for(config: Config) -> "Language | None":
    """The spaCy pipeline the configured analysers read, with only their components; None if none parses."""
    specs = [s for s in pipeline(config.analysers) if "doc" in s.requires]
    if not specs:
        return None
    if any(not s.components for s in specs):  # an analyser that did not declare: every component
        return load_pipeline(config.spacy_model)
    return load_pipeline(config.spacy_model, {c for s in specs for c in s.components})


def _parses(spec: AnalyserSpec, english: bool) -> bool:
    return "doc" in spec.requires and (english or not spec.english_only)


def parses(report: Report, config: Config) -> bool:
    """True if some configured analyser will read the spaCy parse of ``report``."""
    english = (report.language or "en") == "en"
    return any(_parses(s, english) for s in pipeline(config.analysers))


def analyse_reports(reports: Sequence[Report], config: Config | None = None) -> list[Analysis]:
    """:func:`analyse_report` over several reports, their texts parsed together (``nlp.pipe``).

    Returns the same analyses, in the same order, as one :func:`analyse_report` call per report.
    """
    config = config or Config.from_env()
    return [analyse_report(r, config, doc=d) for r, d in zip(reports, parse_all(reports, config))]


def parse_all(reports: Sequence[Report], config: Config) -> list["Doc | None"]:
    """The spaCy parse of each report that an analyser will read (None for the others), batched."""
    wanted = [i for i, r in enumerate(reports) if parses(r, config)]
    docs: list["Doc | None"] = [None] * len(reports)
    nlp = nlp_for(config) if wanted else None
    if nlp is not None:
        texts = (reports[i].text[: config.max_text_chars] for i in wanted)
        for i, doc in zip(wanted, nlp.pipe(texts, batch_size=PARSE_BATCH)):
            docs[i] = doc
    return docs


def analyse_report(report: Report, config: Config | None = None, *, doc: "Doc | None" = None) -> Analysis:
    """Run the configured analysers over one report.

    Args:
        report: The report; its ``language`` decides whether English-only
            analysers run (non-English reports are analysed at reduced depth).
        config: Settings; defaults to :meth:`Config.from_env`.
        doc: The report's text already parsed by :func:`nlp_for` (as
            :func:`parse_all` does for a batch); parsed here when needed otherwise.

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

    parsed: list[Any] = [] if doc is None else [doc]  # the spaCy doc, parsed at most once and only if asked for

    def parse() -> Any:
        if not parsed:
            # an analyser that reads the doc without declaring it gets every component
            nlp = nlp_for(config) or load_pipeline(config.spacy_model)
            parsed.append(nlp(text))
        return parsed[0]

    results: dict[str, tuple[Any, ...]] = {}
    memo: dict[str, Any] = {}  # intermediate results shared by this report's analysers (Context.shared)
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
        context = Context(report, config, results, parse, memo)
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
