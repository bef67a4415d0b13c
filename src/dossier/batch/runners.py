"""Where tasks run: in this process, in a local process pool, or on a Dask cluster.

Every runner maps the same function, :func:`dossier.batch.tasks.run_task`, and
yields its :class:`~dossier.batch.tasks.TaskResult` objects **in task order**, with a
bounded number of tasks in flight (memory stays flat on archives of any size).
Results therefore do not depend on the runner or on how inputs were split.

Runners are context managers::

    with PoolRunner(config, workers=4) as runner:
        for result in runner.map(tasks):
            ...
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator, Protocol, TypeVar

from dossier.batch.tasks import Outcome, Task, TaskResult, peak_rss, run_task
from dossier.config import Config
from dossier.errors import ConfigError
from dossier.model import Failure

__all__ = ["Runner", "InlineRunner", "PoolRunner", "DaskRunner", "make_runner", "warm_worker", "local_cluster", "QUIET_DASK"]


class Runner(Protocol):
    """Maps :func:`run_task` over tasks, yielding results in task order."""

    workers: int

    def map(self, tasks: Iterable[Task]) -> Iterator[TaskResult]: ...

    def warm(self) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> "Runner": ...

    def __exit__(self, *exc: object) -> None: ...


# -- worker side ---------------------------------------------------------------------------------
#: Per-process read-only resources of a pool worker, set once by the initializer.
_WORKER: dict[str, Any] = {}


#: A tiny page read once per worker, so that the readers' lazy resources (the language
#: identifier's model, the extractor's caches) are loaded before the first real report.
_WARM_PAGE = (
    b"<html><head><title>Warm-up</title></head><body><article><p>Officials met in Caracas on "
    b"Monday, 24 November 2025, and said the talks would resume next week.</p></article></body></html>"
)


def warm_worker(config: Config) -> int:
    """Load the read-only resources of reading and analysis in this process; return its pid.

    The spaCy model is loaded only if a configured analyser parses (``requires``
    ``doc``), with the components they read; :func:`dossier.analyse.nlp.load_pipeline`
    keeps it for the life of the process.
    """
    from dossier.acquire.readers import read_bytes
    from dossier.analyse.pipeline import nlp_for

    list(read_bytes(_WARM_PAGE, "warm-up.html", config))
    nlp_for(config)
    return os.getpid()


def _init_pool_worker(config: Config, known: frozenset[str], analyse: bool) -> None:
    _WORKER.update(config=config, known=known, analyse=analyse)
    if analyse:
        warm_worker(config)


def _run_in_pool(task: Task) -> TaskResult:
    # the result crosses to the writer's process: its store rows only (see Outcome)
    return run_task(task, _WORKER["config"], _WORKER["known"], _WORKER["analyse"], keep_analysis=False)


def _ping(_: int) -> int:
    import time

    time.sleep(0.05)  # long enough that every worker, not one, answers a ping
    return os.getpid()


# -- runners -------------------------------------------------------------------------------------
F = TypeVar("F")


def _in_order(
    tasks: Iterable[Task], submit: Callable[[Task], F], in_flight: int
) -> Iterator[tuple[Task, F, "deque[tuple[Task, F]]"]]:
    """Submit tasks ahead, at most ``in_flight`` at a time; yield each ``(task, future)`` in task order.

    The window of tasks still in flight comes along, so that a runner whose
    workers died can submit them again (it replaces the window's entries).
    """
    window: deque[tuple[Task, F]] = deque()
    source = iter(tasks)
    while True:
        while len(window) < in_flight and (task := next(source, None)) is not None:
            window.append((task, submit(task)))
        if not window:
            return
        task, future = window.popleft()
        yield task, future, window


class InlineRunner:
    """Runs tasks one after another in this process (``--workers 1``)."""

    def __init__(self, config: Config, *, known: frozenset[str] = frozenset(), analyse: bool = True) -> None:
        self.config, self.known, self.analyse = config, known, analyse
        self.workers = 1

    def warm(self) -> None:
        if self.analyse:
            warm_worker(self.config)

    def map(self, tasks: Iterable[Task]) -> Iterator[TaskResult]:
        for task in tasks:
            yield run_task(task, self.config, self.known, self.analyse)

    def close(self) -> None:
        pass

    def __enter__(self) -> "InlineRunner":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PoolRunner:
    """A local process pool: the model is loaded once per worker by the pool's initializer.

    A worker that dies (out of memory, a crash in native code) breaks the pool;
    the pool is rebuilt and the tasks in flight are tried again, once.  A task
    that kills its worker twice becomes a failure of each of its inputs.
    """

    def __init__(
        self,
        config: Config,
        *,
        workers: int | None = None,
        known: frozenset[str] = frozenset(),
        analyse: bool = True,
        in_flight: int | None = None,
    ) -> None:
        self.config, self.known, self.analyse = config, known, analyse
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.in_flight = in_flight or self.workers * 3
        # forkserver: workers start from a clean process, never from a parent that
        # holds database connections or a progress-bar thread.
        if "forkserver" in multiprocessing.get_all_start_methods():
            self._context = multiprocessing.get_context("forkserver")
            # the fork server imports dossier once; each worker forks from it ready to run
            self._context.set_forkserver_preload(["dossier.batch.tasks", "dossier.batch.runners"])
        else:
            self._context = multiprocessing.get_context("spawn")
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=self._context,
                initializer=_init_pool_worker,
                initargs=(self.config, self.known, self.analyse),
            )
        return self._executor

    def warm(self) -> None:
        """Start every worker and load its model now (benchmarks time the steady state)."""
        list(self._pool().map(_ping, range(self.workers * 2)))

    def map(self, tasks: Iterable[Task]) -> Iterator[TaskResult]:
        crashes: dict[str, int] = {}

        def submit(task: Task) -> "Future[TaskResult]":
            return self._pool().submit(_run_in_pool, task)

        for task, future, window in _in_order(tasks, submit, self.in_flight):
            try:
                yield future.result()
            except BrokenProcessPool:
                # every task in flight died with the pool: rebuild it and submit them again,
                # this one first unless it has now broken the pool twice
                self._rebuild()
                crashes[task.key] = crashes.get(task.key, 0) + 1
                again = [t for t, _ in window]
                if crashes[task.key] > 1:
                    yield _crashed(task, self.workers)
                else:
                    again.insert(0, task)
                window.clear()
                window.extend((t, submit(t)) for t in again)

    def _rebuild(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> "PoolRunner":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _crashed(task: Task, workers: int) -> TaskResult:
    names = getattr(task, "paths", None) or (getattr(task, "path", None) or getattr(task, "name", "?"),)
    failures = tuple(
        Outcome(name, failure=Failure(name, "worker_crashed", f"{name}: the worker process died twice on this input "
                                      f"(out of memory?); ingest it alone with --workers 1 to see why", stage="analyse"))
        for name in names
    )
    return TaskResult(failures, worker=f"pool[{workers}]", peak_rss=peak_rss())


class DaskRunner:
    """Maps :func:`run_task` over a dask.distributed cluster.

    Args:
        config: Settings, sent to every task.
        address: ``tcp://host:8786`` (a running scheduler), ``local`` (a
            :class:`~distributed.LocalCluster` with one single-threaded worker
            process per core) or ``local:N`` (N workers).
        client: An existing ``distributed.Client`` (tests), instead of ``address``.
        known: Ids already stored; broadcast once to every worker.
        analyse: False stores reports without analysis.

    Task keys are content hashes of the task, so a resubmitted or retried task
    is the same task; and results are written only for reports not yet stored,
    so a retry never duplicates a report.
    """

    def __init__(
        self,
        config: Config,
        *,
        address: str | None = None,
        client: Any = None,
        known: frozenset[str] = frozenset(),
        analyse: bool = True,
        in_flight: int | None = None,
    ) -> None:
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - depends on the installed extras
            raise ConfigError("--dask needs dask.distributed: pip install 'dossier[dask]'") from exc
        self.config, self.analyse = config, analyse
        self._own_cluster: Any = None
        self._own_client = client is None
        if client is None:
            if address is None or address == "local" or address.startswith("local:"):
                n = int(address.split(":", 1)[1]) if address and ":" in address else (os.cpu_count() or 1)
                self._own_cluster = local_cluster(n)
                client = Client(self._own_cluster)
            else:
                try:
                    client = Client(address, timeout="20s")
                except OSError as exc:
                    raise ConfigError(
                        f"cannot reach the Dask scheduler at {address!r} ({exc}); start one with "
                        "`dask scheduler` and `dask worker tcp://HOST:8786`, or use --dask local"
                    ) from exc
        self.client = client
        self.workers = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
        self.in_flight = in_flight or self.workers * 3
        # one copy per worker, not one per task
        self._known = client.scatter([known], broadcast=True)[0] if known else frozenset()

    def warm(self) -> None:
        """Load the model on every worker now."""
        if self.analyse:
            self.client.run(warm_worker, self.config)

    def map(self, tasks: Iterable[Task]) -> Iterator[TaskResult]:
        def submit(task: Task) -> Any:
            # Dask retries a task whose worker died (retries=1); its key makes it the same task.
            # keep_analysis=False: the result carries the reports' store rows only (see Outcome)
            return self.client.submit(
                run_task, task, self.config, self._known, self.analyse, False, key=task.key, pure=False, retries=1
            )

        for _, future, _ in _in_order(tasks, submit, self.in_flight):
            result = future.result()
            future.release()
            yield result

    def close(self) -> None:
        if self._own_client:
            self.client.close()
        if self._own_cluster is not None:
            self._own_cluster.close()

    def __enter__(self) -> "DaskRunner":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: Dask settings of a LocalCluster that dossier starts.  Its diagnostics wake up every
#: 10-100 ms (each worker samples its running task's stack every 10 ms; the scheduler and
#: nannies, in this process, check their event loops every 20 ms and the workers' memory
#: every 100 ms): about a tenth of a core on an idle cluster of 2, taken from the cores that
#: analyse, for tasks that last seconds.  The memory limit and work stealing stay on.
QUIET_DASK = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def local_cluster(workers: int) -> Any:
    """A ``distributed.LocalCluster`` of ``workers`` single-threaded worker processes, with :data:`QUIET_DASK`."""
    import dask.config
    from distributed import LocalCluster

    with dask.config.set(QUIET_DASK):  # read when the scheduler, nannies and workers start
        return LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )


def make_runner(
    config: Config,
    *,
    workers: int | None = None,
    dask: str | None = None,
    known: frozenset[str] = frozenset(),
    analyse: bool = True,
) -> Runner:
    """The runner for ``--workers N`` / ``--dask ADDRESS`` (Dask wins when both are given)."""
    if dask:
        return DaskRunner(config, address=dask, known=known, analyse=analyse)
    if workers is not None and workers <= 1:
        return InlineRunner(config, known=known, analyse=analyse)
    return PoolRunner(config, workers=workers, known=known, analyse=analyse)
