"""Exports of analyses to the formats other tools read.

========== ==================================================== ========================
kind       what                                                 path
========== ==================================================== ========================
jsonl      one ``dossier.report/1`` document per line            file
csv        one table per kind (reports, entities, claims …)     folder, or ``.zip``
parquet    the same tables as Parquet (``dossier[export]``)     folder, or ``.zip``
graphml    actors network: co-occurrence in sentences/events    file
ics        deadlines as iCalendar VEVENTs                       file
claimreview claims as schema.org ClaimReview JSON-LD            file
timeml     timexes inline in each report's text (TIMEX3)        folder, ``.zip`` or ``.tml``
========== ==================================================== ========================

Every exporter is a function ``(analyses, path, **options) -> ExportResult``
over any iterable of :class:`~dossier.model.Analysis`; the facade's
:meth:`dossier.Dossier.export` feeds it a store's analyses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from dossier.errors import ConfigError
from dossier.export.claimreview import load_ratings, write_claimreview
from dossier.export.files import ExportResult
from dossier.export.graph import write_graphml
from dossier.export.ics import write_ics
from dossier.export.tabular import write_csv, write_jsonl, write_parquet
from dossier.export.timeml import write_timeml
from dossier.model import Analysis

__all__ = ["EXPORTS", "ExportSpec", "ExportResult", "export_analyses", "get_export", "load_ratings"]


@dataclass(frozen=True, slots=True)
class ExportSpec:
    """A registered export.

    Attributes:
        kind: Name used on the command line (``dossier export KIND PATH``).
        write: ``(analyses, path, **options) -> ExportResult``.
        filename: A default file name (for downloads from the web app).
        media_type: MIME type of that file.
        description: One line for help texts.
    """

    kind: str
    write: Callable[..., ExportResult]
    filename: str
    media_type: str
    description: str


EXPORTS: dict[str, ExportSpec] = {
    spec.kind: spec
    for spec in (
        ExportSpec("jsonl", write_jsonl, "dossier.jsonl", "application/x-ndjson", "one dossier.report/1 document per line"),
        ExportSpec("csv", write_csv, "dossier-csv.zip", "application/zip", "one CSV table per kind (folder or .zip)"),
        ExportSpec("parquet", write_parquet, "dossier-parquet.zip", "application/zip", "one Parquet table per kind (folder or .zip)"),
        ExportSpec("graphml", write_graphml, "actors.graphml", "application/graphml+xml", "actors network (co-occurrence in sentences and events)"),
        ExportSpec("ics", write_ics, "deadlines.ics", "text/calendar", "deadlines as iCalendar events"),
        ExportSpec("claimreview", write_claimreview, "claims.jsonld", "application/ld+json", "claims as schema.org ClaimReview JSON-LD"),
        ExportSpec("timeml", write_timeml, "timeml.zip", "application/zip", "timexes as inline TimeML TIMEX3 (folder, .zip or .tml)"),
    )
}  # fmt: skip
_ALIASES = {"ical": "ics", "icalendar": "ics", "jsonld": "claimreview", "json-ld": "claimreview", "tml": "timeml"}


def get_export(kind: str) -> ExportSpec:
    """The export registered as ``kind`` (or an alias such as ``ical``).

    Raises:
        ConfigError: No such export; the message lists the valid kinds.
    """
    spec = EXPORTS.get(_ALIASES.get(kind.lower(), kind.lower()))
    if spec is None:
        raise ConfigError(f"no export {kind!r}; choose one of: {', '.join(EXPORTS)}")
    return spec


def export_analyses(kind: str, analyses: Iterable[Analysis], path: str | Path, **options: Any) -> ExportResult:
    """Write ``analyses`` to ``path`` in the format ``kind``."""
    return get_export(kind).write(analyses, Path(path), **options)
