"""Batch ingestion: plan tasks, run them on a runner, write results through the store.

Workers only read and analyse; the main process is the only writer.  Results
arrive in task order and are written as they come, one transaction per task
(:meth:`dossier.Dossier.add` with the task's connection), so the store never
holds half a report (nor half a task) and the outcome does not depend on the
runner or on the split into tasks: each report's entity links and story link
are decided inside the transaction, which sees the reports written before it.
A report already stored (same content-hash id) is skipped, which makes a second
run, a resubmitted task or a retried Dask task add nothing.  If the store
refuses a report, its task is written again one report per transaction and
only that report fails.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable, Iterator

from dossier.batch.runners import InlineRunner, Runner, make_runner
from dossier.batch.tasks import DEFAULT_CHUNK, Outcome, Task, TaskResult, plan_tasks
from dossier.errors import StoreError
from dossier.model import Failure
from dossier.store.prepared import PreparedReport, prepare

if TYPE_CHECKING:
    from dossier.core import Dossier, IngestSummary, ProgressCallback

__all__ = ["run_ingest", "write_results", "WorkerStats"]


@dataclass
class WorkerStats:
    """What the workers reported: peak memory per worker and time per report."""

    peak_rss: dict[str, int] = field(default_factory=dict)  # worker -> bytes
    tasks: int = 0

    def add(self, result: TaskResult) -> None:
        self.tasks += 1
        self.peak_rss[result.worker] = max(self.peak_rss.get(result.worker, 0), result.peak_rss)


def run_ingest(
    dossier: "Dossier",
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    analyse: bool = True,
    progress: "ProgressCallback | None" = None,
    stdin: IO[bytes] | None = None,
    workers: int | None = None,
    dask: str | None = None,
    chunk: int = DEFAULT_CHUNK,
    runner: Runner | None = None,
) -> tuple["IngestSummary", WorkerStats]:
    """``Dossier.ingest`` on a process pool (``workers``) or a Dask cluster (``dask``).

    Args:
        dossier: The facade whose store receives the reports.
        paths: Files, directories, ``-``.
        published: ``--published`` for every report.
        analyse: False stores reports without analysing them.
        progress: Called ``(outcome, name)`` after each input.
        stdin: Stream for ``-``.
        workers: Worker processes; None = all cores; 1 = in this process.
        dask: A scheduler address ``tcp://host:8786``, or ``local`` / ``local:N``.
        chunk: Inputs per task.
        runner: An already started (warm) runner instead of ``workers``/``dask``;
            the caller closes it (benchmarks time the steady state with it).

    Returns:
        The summary, and what the workers reported (peak memory, tasks).
    """
    from dossier.core import IngestSummary

    config = dossier.config
    summary = IngestSummary()
    stats = WorkerStats()
    started = time.perf_counter()
    planned = plan_tasks(paths, config, published=published, chunk=chunk, stdin=stdin)
    tasks = _record_planning_failures(planned, dossier, summary, progress)
    if runner is not None:
        write_results(dossier, runner.map(tasks), summary, stats, progress)
    else:
        head = list(itertools.islice(tasks, 2))
        rest = itertools.chain(head, tasks)
        known = frozenset(dossier.store.report_ids()) | frozenset(dossier.store.raw_ids())
        if len(head) < 2 and not dask:  # one task: a pool would only add its start-up time
            own: Runner = InlineRunner(config, known=known, analyse=analyse)
        else:
            own = make_runner(config, workers=workers, dask=dask, known=known, analyse=analyse)
        with own:
            write_results(dossier, own.map(rest), summary, stats, progress)
    summary.seconds = time.perf_counter() - started
    return summary, stats


def _record_planning_failures(
    planned: Iterator[Task | Failure], dossier: "Dossier", summary: "IngestSummary", progress: "ProgressCallback | None"
) -> Iterator[Task]:
    for entry in planned:
        if isinstance(entry, Failure):
            _fail(dossier, summary, progress, entry)
        else:
            yield entry


def write_results(
    dossier: "Dossier",
    results: Iterable[TaskResult],
    summary: "IngestSummary",
    stats: WorkerStats | None = None,
    progress: "ProgressCallback | None" = None,
) -> None:
    """Write each result's reports through the store and link them into stories, one transaction per task.

    A report already stored, or already written earlier in this run (a retried
    task), is counted as skipped.  If the store refuses a report, the task's
    transaction is rolled back and its reports are written again one
    transaction each, so that report becomes a recorded failure and the rest
    of the batch goes on.
    """
    for result in results:
        if stats is not None:
            stats.add(result)
        try:
            written = _write_task(dossier, result.outcomes)
        except StoreError:  # rolled back: find the report that fails, one transaction per report
            written = [_write_one(dossier, outcome) for outcome in result.outcomes]
        for outcome, done in zip(result.outcomes, written):
            if isinstance(done, Failure):
                summary.failures.append(done)
                if progress is not None:
                    progress("failed", done.input)
            else:
                _count(dossier, summary, progress, outcome, done)


def _write_task(dossier: "Dossier", outcomes: tuple[Outcome, ...]) -> list[bool | Failure]:
    """Store a task's new reports and failures in one transaction; per outcome: added, skipped or its failure."""
    written: list[bool | Failure] = []
    with dossier.store.transaction() as conn:
        # which of the task's reports are stored already: one query, then this task's own writes
        stored = dossier.store.stored_ids((o.report_id for o in outcomes if _new_report(o)), conn=conn)  # type: ignore[misc]
        for outcome in outcomes:
            if outcome.failure is not None:
                dossier.store.record_failure(outcome.failure, conn=conn)
                written.append(outcome.failure)
            elif _new_report(outcome) and outcome.report_id not in stored:
                prepared = _prepared(outcome)
                written.append(dossier.add_prepared(prepared, conn=conn, new=True))
                stored.add(prepared.report_id)
            else:
                written.append(False)
    return written


def _new_report(outcome: Outcome) -> bool:
    return outcome.prepared is not None or outcome.analysis is not None


def _prepared(outcome: Outcome) -> PreparedReport:
    """The outcome's store rows (made by the worker; made here for an outcome built without them)."""
    if outcome.prepared is not None:
        return outcome.prepared
    assert outcome.analysis is not None
    return prepare(outcome.analysis)


def _write_one(dossier: "Dossier", outcome: Outcome) -> bool | Failure:
    """Store one outcome in a transaction of its own: added, skipped, or its (recorded) failure."""
    failure = outcome.failure
    if failure is None:
        if not _new_report(outcome) or dossier.store.has_report(outcome.report_id):  # type: ignore[arg-type]
            return False
        prepared = _prepared(outcome)
        try:
            return dossier.add_prepared(prepared)  # stored and linked
        except StoreError as exc:
            failure = Failure(outcome.name, "store_error", str(exc), stage="store")
    dossier.store.record_failure(failure)
    return failure


def _count(
    dossier: "Dossier", summary: "IngestSummary", progress: "ProgressCallback | None", outcome: Outcome, added: bool
) -> None:
    """Count one written (or skipped) report in the summary."""
    report_id = outcome.report_id
    if outcome.known_raw_id is not None:  # a file skipped by its raw id
        report_id = dossier.store.report_of_raw(outcome.known_raw_id)
    if _new_report(outcome):
        summary.per_report_seconds.append(outcome.seconds)
    summary.added += added
    summary.skipped += not added
    if report_id is not None:
        summary.report_ids.append(report_id)
    if progress is not None:
        progress("added" if added else "skipped", outcome.name)


def _fail(dossier: "Dossier", summary: "IngestSummary", progress: "ProgressCallback | None", failure: Failure) -> None:
    dossier.store.record_failure(failure)
    summary.failures.append(failure)
    if progress is not None:
        progress("failed", failure.input)
