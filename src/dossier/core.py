"""The facade: one object that the CLI, the web app and the batch runner all call.

>>> from dossier import Dossier
>>> with Dossier.open("dossier.db") as d:
...     summary = d.ingest(["reports/"])
...     analysis = d.show(summary.report_ids[0])
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Iterable, Sequence

from dossier.acquire.readers import Item, read_paths
from dossier.analyse.pipeline import analyse_report
from dossier.config import Config
from dossier.errors import DossierError, StoreError
from dossier.link.cluster import LinkDecision, Linker, LinkProfile, profile_of
from dossier.link.identity import EntityIdentity, identity_of, read_alias_file, resolve_entities
from dossier.link.story import StoryDossier, build_story
from dossier.model import Analysis, EntityLink, Failure, GlobalEntity, Report
from dossier.store import ReportSummary, Store
from dossier.store.prepared import PreparedReport, prepare
from dossier.link.fingerprint import copies_within
from dossier.store.link_index import (
    SqlLinkIndex,
    StoryRow,
    copies_among,
    fingerprints_of,
    list_stories,
    story_members,
    story_row,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from dossier.export import ExportResult

__all__ = ["Dossier", "IngestSummary", "ProgressCallback"]

#: Called after each input item: ``(outcome, name)`` with outcome added, skipped or failed.
ProgressCallback = Callable[[str, str], None]


@dataclass
class IngestSummary:
    """What one ``ingest`` did."""

    added: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    report_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0
    per_report_seconds: list[float] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """JSON form for ``--format json``."""
        return {
            "added": self.added,
            "skipped": self.skipped,
            "failed": len(self.failures),
            "report_ids": self.report_ids,
            "failures": [{"input": f.input, "reason": f.reason, "detail": f.detail} for f in self.failures],
            "seconds": round(self.seconds, 3),
        }


class Dossier:
    """A dossier over one store.

    Args:
        store: Where reports and analyses live.
        config: Settings; defaults to :meth:`Config.from_env`.
    """

    def __init__(self, store: Store, config: Config | None = None) -> None:
        self.store = store
        self.config = config or Config.from_env()

    @classmethod
    def open(cls, db: str = "dossier.db", config: Config | None = None, *, create: bool = True) -> "Dossier":
        """Open the store at ``db`` (SQLite path or PostgreSQL URL)."""
        return cls(Store.open(db, create=create), config)

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> "Dossier":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest ------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        published: str | None = None,
        analyse: bool = True,
        progress: ProgressCallback | None = None,
        stdin: IO[bytes] | None = None,
        workers: int | None = None,
        dask: str | None = None,
    ) -> IngestSummary:
        """Read, analyse and store every report in ``paths``.

        Reports already stored (same content hash id) are skipped, so running the
        same ingest twice adds nothing.  Inputs that fail are recorded in the
        store's ``failures`` table and in the summary; the batch goes on.

        ``workers`` (processes) or ``dask`` (a scheduler address, or ``local[:N]``)
        run the analysis in parallel with the same results (see :mod:`dossier.batch`).
        """
        if workers is not None or dask is not None:
            from dossier.batch import run_ingest

            summary, _ = run_ingest(
                self, paths, published=published, analyse=analyse, progress=progress, stdin=stdin,
                workers=workers, dask=dask,
            )
            return summary
        summary = IngestSummary()
        started = time.perf_counter()
        for item in read_paths(paths, self.config, published=published, stdin=stdin):
            if isinstance(item, Failure):
                self.store.record_failure(item)
                summary.failures.append(item)
                _notify(progress, "failed", item.input)
                continue
            t0 = time.perf_counter()
            try:
                outcome = self._store_item(item, analyse)
            except StoreError as exc:  # the store refused this report (rolled back); the batch goes on
                failure = Failure(item.report.source_name, "store_error", str(exc), stage="store")
                self.store.record_failure(failure)
                summary.failures.append(failure)
                _notify(progress, "failed", failure.input)
                continue
            summary.per_report_seconds.append(time.perf_counter() - t0)
            if outcome:
                summary.added += 1
            else:
                summary.skipped += 1
            summary.report_ids.append(item.report.id)
            _notify(progress, "added" if outcome else "skipped", item.report.source_name)
        summary.seconds = time.perf_counter() - started
        return summary

    def _store_item(self, item: Item, analyse: bool) -> bool:
        if self.store.has_report(item.report.id):
            return False
        analysis = analyse_report(item.report, self.config) if analyse else Analysis(report=item.report)
        return self.add(analysis, raw=item.raw)

    def add(
        self, analysis: Analysis, *, raw: bytes | None = None, profile: LinkProfile | None = None, conn: Connection | None = None
    ) -> bool:
        """Store one analysed report and link it into a story: what every ingest path does.

        The serial ingest and the batch writers (process pool, Dask) both end in
        :meth:`add_prepared`, so a report is stored and linked however it arrived.
        ``profile``: the report's ``profile_of(analysis)`` if computed already;
        ``conn``: a connection from :meth:`Store.transaction` to store several
        reports in one transaction.
        """
        return self.add_prepared(prepare(analysis, raw, profile), conn=conn)

    def add_prepared(self, prepared: PreparedReport, *, conn: Connection | None = None, new: bool | None = None) -> bool:
        """:meth:`add` for a report's rows made already (:func:`dossier.store.prepared.prepare`, by a batch worker).

        ``new``: True if the caller knows the report is not stored yet.
        """
        links = self._entity_links(prepared.entities, conn=conn)
        added = self.store.write(prepared, entity_links=links, conn=conn, new=new)
        self.link_profile(prepared.profile, conn=conn)
        return added

    def save(self, analysis: Analysis, *, raw: bytes | None = None, conn: Connection | None = None) -> bool:
        """Store one analysed report (with its cross-report entity links) in one transaction (or in ``conn``'s)."""
        prepared = prepare(analysis, raw)
        return self.store.write(prepared, entity_links=self._entity_links(prepared.entities, conn=conn), conn=conn)

    def entity_links(self, analysis: Analysis, *, conn: Connection | None = None) -> list[EntityLink]:
        """Cross-report identity of the report's entities (see :mod:`dossier.link.identity`)."""
        return self._entity_links([identity_of(entity) for entity in analysis.entities], conn=conn)

    def _entity_links(self, entities: Sequence[EntityIdentity], *, conn: Connection | None = None) -> list[EntityLink]:
        # one candidate query per report, each entity's keys computed once (by the worker, in a batch)
        wanted = {key for entity in entities for key in (*entity.strong, *entity.weak)}
        candidates = self.store.global_entity_candidates(wanted, conn=conn)

        def lookup(keys: Iterable[str]) -> list[GlobalEntity]:
            keys = set(keys)
            return [g for g in candidates if keys.intersection(g.keys)]

        return resolve_entities(entities, lookup)

    # -- linking reports into stories (see dossier.link) -------------------------------------
    def link_analysis(
        self, analysis: Analysis, profile: LinkProfile | None = None, *, conn: Connection | None = None
    ) -> LinkDecision:
        """Link one stored report into a story (a no-op if it is linked already); ``profile`` if computed already."""
        return self.link_profile(profile or profile_of(analysis), conn=conn)

    def link_profile(self, profile: LinkProfile, *, conn: Connection | None = None) -> LinkDecision:
        """Link the stored report of ``profile`` into a story (a no-op if it is linked already)."""
        with self.store.within(conn, write=True) as c:  # the caller's transaction, or one of its own
            return Linker(SqlLinkIndex(c)).link(profile)

    def link(self, report_ids: Iterable[str] | None = None) -> list[LinkDecision]:
        """Link stored reports that are not in a story yet (all of them by default), oldest first."""
        decisions = []
        for report_id in report_ids if report_ids is not None else self.store.report_ids():
            decisions.append(self.link_analysis(self.store.get_analysis(report_id)))
        return decisions

    def stories(self, *, limit: int = 50, offset: int = 0) -> list[StoryRow]:
        """Stories, most recently active first."""
        with self.store.engine.connect() as conn:
            return list_stories(conn, limit=limit, offset=offset)

    def story(self, story_id: str) -> StoryDossier:
        """The assembled dossier of one story (an id prefix of 6+ characters works)."""
        with self.store.engine.connect() as conn:
            row = story_row(conn, story_id)
            reasons = story_members(conn, row.id)
            copies = copies_among(conn, list(reasons))
            known = {pair for c in copies for pair in ((c.copy_id, c.original_id), (c.original_id, c.copy_id))}
            copies += [c for c in copies_within(fingerprints_of(conn, list(reasons))) if (c.copy_id, c.original_id) not in known]
        analyses = list(self.store.iter_analyses(reasons))
        return build_story(row.id, row.title, analyses, copies, reasons)

    def move_report(self, report_id: str, story_id: str | None = None) -> str:
        """Move a report to another story (None: a story of its own); return its story id."""
        report = self.store.get_report(report_id)
        with self.store.engine.begin() as conn:
            target = story_row(conn, story_id).id if story_id else None
            return SqlLinkIndex(conn).move(report.id, target)

    # -- one-shot analysis (no store needed) -------------------------------------------------
    @staticmethod
    def analyse_paths(
        paths: Iterable[str | Path],
        config: Config | None = None,
        *,
        published: str | None = None,
        stdin: IO[bytes] | None = None,
    ) -> tuple[list[Analysis], list[Failure]]:
        """Analyse inputs without storing them (``dossier analyse``)."""
        config = config or Config.from_env()
        analyses: list[Analysis] = []
        failures: list[Failure] = []
        for item in read_paths(paths, config, published=published, stdin=stdin):
            if isinstance(item, Failure):
                failures.append(item)
            else:
                analyses.append(analyse_report(item.report, config))
        return analyses, failures

    def reanalyse(self, report_id: str) -> Analysis:
        """Analyse a stored report again with the current analysers and store the result."""
        report = self.store.get_report(report_id)
        analysis = analyse_report(report, self.config)
        self.save(analysis)
        return analysis

    # -- reads -------------------------------------------------------------------------------
    def reports(self, query: str | None = None, *, limit: int = 50, offset: int = 0) -> list[ReportSummary]:
        """Stored reports, optionally matching a full-text query."""
        return self.store.reports(query=query, limit=limit, offset=offset)

    def show(self, report_id: str) -> Analysis:
        """A stored report with its analysis."""
        return self.store.get_analysis(report_id)

    def report(self, report_id: str) -> Report:
        """A stored report."""
        return self.store.get_report(report_id)

    def failures(self, limit: int = 100) -> list[Failure]:
        """Recorded failures, newest first."""
        return self.store.failures(limit=limit)

    # -- entities across reports -------------------------------------------------------------
    def entities(self, query: str | None = None, *, limit: int = 50) -> list[tuple[GlobalEntity, int]]:
        """Real-world entities across reports, with how many report entities each has."""
        return self.store.global_entities(query, limit=limit)

    def entity(self, ref: str) -> tuple[GlobalEntity, list[tuple[str, str, str]]]:
        """A global entity (id, id prefix or name) and its (report, entity, reason) links."""
        found = self.store.get_global_entity(ref)
        return found, self.store.entity_reports(found.id)

    def merge_entities(self, keep: str, other: str, *, note: str = "") -> GlobalEntity:
        """Declare two global entities one (reversible with :meth:`split_entity`)."""
        return self.store.merge_global_entities(keep, other, note=note)

    def split_entity(self, ref: str, name: str, *, note: str = "") -> GlobalEntity:
        """Declare the report entities called ``name`` another entity than ``ref`` (reversible by a merge)."""
        return self.store.split_global_entity(ref, name, note=note)

    def apply_aliases(self, path: Path) -> list[str]:
        """Apply an alias file (see :func:`dossier.link.identity.read_alias_file`); one line per decision."""
        aliases = read_alias_file(path)
        done: list[str] = []
        for group in aliases.merge:
            for other in group[1:]:
                try:
                    kept = self.merge_entities(group[0], other, note=f"alias file {path}")
                    done.append(f"merged {other!r} into {kept.name} ({kept.id})")
                except DossierError as exc:
                    done.append(f"skipped merge of {other!r} into {group[0]!r}: {exc}")
        for ref, name in aliases.split:
            try:
                new = self.split_entity(ref, name, note=f"alias file {path}")
                done.append(f"split {name!r} from {ref!r} as {new.id}")
            except DossierError as exc:
                done.append(f"skipped split of {name!r} from {ref!r}: {exc}")
        return done
    # -- exports -----------------------------------------------------------------------------
    def export(self, kind: str, path: str | Path, report_ids: Iterable[str] | None = None, **options: object) -> "ExportResult":
        """Export stored analyses (all, or ``report_ids``) to ``path`` as ``kind``.

        Kinds: jsonl, csv, parquet, graphml, ics, claimreview, timeml (see :mod:`dossier.export`).
        """
        from dossier.export import export_analyses

        ids = list(report_ids) if report_ids is not None else None
        return export_analyses(kind, self.store.iter_analyses(ids), path, **options)


def _notify(progress: ProgressCallback | None, outcome: str, name: str) -> None:
    if progress is not None:
        progress(outcome, name)

