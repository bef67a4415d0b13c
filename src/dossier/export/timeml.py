"""Timexes as TimeML: each report's text with inline ``TIMEX3`` tags (TempEval-3 style).

One ``.tml`` document per report, into a folder or a ``.zip`` (or one file when
``path`` ends in ``.tml`` and one report is exported).  The text between the
tags is the report's text unchanged, so ``"".join(TEXT.itertext()) ==
report.text`` (bar characters XML cannot hold, which become U+FFFD) and each
tag's text is its timex's evidence.  The markup is
:func:`dossier.analyse.time.timeml.timeml_markup`; this module writes the files.  The document
creation time (``DCT``) is the report's publication date; timexes resolved
against it carry ``anchorTimeID="t0"``.  Inline tags cannot overlap: a timex
overlapping an earlier, longer one is counted under ``skipped``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from dossier.analyse.time.timeml import timeml_markup
from dossier.errors import ConfigError
from dossier.export.files import ExportResult, FileSet
from dossier.model import Analysis

__all__ = ["write_timeml", "timeml_document"]


def timeml_document(analysis: Analysis) -> tuple[bytes, int]:
    """The TimeML document of one report (UTF-8) and how many timexes had to be left out.

    The markup itself is :func:`dossier.analyse.time.timeml.timeml_markup`.
    """
    xml, skipped = timeml_markup(analysis.report, analysis.timexes, title=True)
    return xml.encode("utf-8"), skipped


def write_timeml(analyses: Iterable[Analysis], path: Path) -> ExportResult:
    """Write one TimeML document per report."""
    result = ExportResult("timeml", path, counts={"reports": 0, "timexes": 0})
    if path.suffix.lower() == ".tml":
        documents = list(analyses)
        if len(documents) != 1:
            raise ConfigError(f"{path}: a .tml file holds one report, got {len(documents)}; give a folder or a .zip path")
        document, skipped = timeml_document(documents[0])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(document)
        _count(result, documents[0], skipped)
        return result
    with FileSet(path) as files:
        for analysis in analyses:
            document, skipped = timeml_document(analysis)
            with files.open_binary(f"{analysis.report.id}.tml") as handle:
                handle.write(document)
            _count(result, analysis, skipped)
        result.files = list(files.names)
    return result


def _count(result: ExportResult, analysis: Analysis, skipped: int) -> None:
    result.counts["reports"] += 1
    result.counts["timexes"] += len(analysis.timexes) - skipped
    if skipped:
        result.skipped["overlapping"] = result.skipped.get("overlapping", 0) + skipped
