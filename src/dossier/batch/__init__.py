"""Ingesting many reports: a local process pool or a Dask cluster.

    plan_tasks  ->  runner.map(run_task)  ->  write_results (main process, one transaction per task)

- :mod:`dossier.batch.tasks`: inputs split into tasks (archives streamed), and
  :func:`~dossier.batch.tasks.run_task`, which applies the pure per-report
  :func:`~dossier.analyse.pipeline.analyse_report` to each report of a task.
- :mod:`dossier.batch.runners`: inline, process pool (``--workers N``) and
  dask.distributed (``--dask tcp://scheduler:8786`` or ``--dask local:N``).
- :mod:`dossier.batch.ingest`: the orchestration behind ``Dossier.ingest(workers=, dask=)``.

On a real cluster, every worker needs dossier and its model installed and the
input files on a path it can read (a shared file system)::

    dask scheduler                                   # on one machine
    dask worker tcp://scheduler:8786 --nthreads 1    # on each worker machine, one per core
    dossier ingest /shared/crawl/*.warc.gz --dask tcp://scheduler:8786 --db postgresql://…
"""

from __future__ import annotations

from dossier.batch.ingest import WorkerStats, run_ingest, write_results
from dossier.batch.runners import DaskRunner, InlineRunner, PoolRunner, Runner, make_runner
from dossier.batch.tasks import DEFAULT_CHUNK, Outcome, Task, TaskResult, plan_tasks, run_task

__all__ = [
    "run_ingest",
    "write_results",
    "WorkerStats",
    "Runner",
    "InlineRunner",
    "PoolRunner",
    "DaskRunner",
    "make_runner",
    "plan_tasks",
    "run_task",
    "Task",
    "TaskResult",
    "Outcome",
    "DEFAULT_CHUNK",
]
