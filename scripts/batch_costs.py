"""Where a batch's CPU time goes: the workers' share per report and the main process's share.

Usage (from the repository root)::

    PYTHONPATH=src python scripts/batch_costs.py ../shared/data --size 24
    PYTHONPATH=src python scripts/batch_costs.py ../shared/data --size 48 --dask
    PYTHONPATH=src python scripts/batch_costs.py ../shared/data --size 96 --snapshot OUT.json [--compare BEFORE.json]

Runs the benchmark corpus (``dossier bench throughput``'s ScrapingHub pages and
ECB+ texts) through :func:`dossier.batch.run_task` in this process and prints,
per report: the worker's CPU time (read + parse + analyse + link profile), the
size of a task's result as a runner ships it (pickle) and the CPU time to
pickle and unpickle it, and the writer's CPU time (:func:`write_results` into a
fresh SQLite store). ``--snapshot`` writes every row of that store (times of
day left out) and the analyses as JSON, and ``--compare`` exits 1 when they
differ from an earlier snapshot: a speed change must keep both. With ``--dask`` it also runs the corpus on Dask
LocalClusters of 1 and 2 workers and prints the main process's CPU time per
report (writer + client + in-process scheduler and nannies) and the worker
processes' CPU time per report, beside the wall time; ``--dask-defaults`` runs
the same with Dask's own settings instead of
:data:`dossier.batch.runners.QUIET_DASK`.

The 2-core bound of docs/scaling.md: with a worker at *w* s/report and the
main process at *m*, two workers reach 2w/(w + m) of one.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from dossier.batch import InlineRunner, plan_tasks, run_task, write_results
from dossier.config import Config
from dossier.core import Dossier, IngestSummary
from dossier.evaluate.throughput import build_corpus, task_chunk


def main(argv: list[str] | None = None) -> int:
    """Print the per-report CPU costs of a batch, worker side and main-process side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--size", type=int, default=24)
    parser.add_argument("--dask", action="store_true", help="also time Dask 1 and 2 workers (main-process CPU)")
    parser.add_argument("--dask-defaults", action="store_true", help="with --dask: also with Dask's own settings")
    parser.add_argument("--snapshot", type=Path, help="write the store's rows and the analyses here (JSON)")
    parser.add_argument("--compare", type=Path, help="an earlier --snapshot: exit 1 if this one differs")
    args = parser.parse_args(argv)
    snap = None
    config = Config.from_env()
    with tempfile.TemporaryDirectory(prefix="batch-costs-") as tmp:
        work = Path(tmp)
        files, _, described = build_corpus(args.data, args.size, work)
        chunk = task_chunk(len(files))
        print(f"corpus: {described}, {chunk} per task")
        InlineRunner(config).warm()
        tasks = [t for t in plan_tasks(files, config, chunk=chunk) if not hasattr(t, "reason")]
        run_task(tasks[0], config)  # lazy resources
        cpu = time.process_time()
        results = [run_task(t, config) for t in tasks]
        worker = time.process_time() - cpu
        n = sum(1 for r in results for o in r.outcomes if o.prepared is not None)
        # the analyses stay here for the snapshot; runners ship results without them (keep_analysis=False)
        analyses = [o.analysis for r in results for o in r.outcomes if o.analysis is not None]
        results = [replace(r, outcomes=tuple(replace(o, analysis=None) for o in r.outcomes)) for r in results]
        cpu = time.process_time()
        blobs = [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results]
        dumped = time.process_time() - cpu
        cpu = time.process_time()
        for blob in blobs:
            pickle.loads(blob)
        loaded = time.process_time() - cpu
        size = sum(map(len, blobs))
        db = work / "w.db"
        with Dossier.open(str(db), config) as dossier:
            cpu, wall = time.process_time(), time.perf_counter()
            write_results(dossier, results, IngestSummary())
            writer, writer_wall = time.process_time() - cpu, time.perf_counter() - wall
            snap = _snapshot(dossier, analyses) if args.snapshot else None
        print(f"reports analysed: {n}")
        print(f"worker CPU        {1000 * worker / n:7.1f} ms/report")
        print(f"result pickle     {size / n / 1024:7.1f} KiB/report, dumps {1000 * dumped / n:.2f} ms, loads {1000 * loaded / n:.2f} ms")
        print(f"writer CPU        {1000 * writer / n:7.1f} ms/report (wall {1000 * writer_wall / n:.1f})")
        w, m = worker / n, (writer + loaded) / n
        print(f"bound 2w/(w+m)    {2 * w / (w + m):7.2f}  (m = writer + unpickle)")
        if args.dask:
            _dask(files, config, chunk, work, w)
            if args.dask_defaults:
                _dask(files, config, chunk, work, w, quiet=False)
    if snap is not None:
        args.snapshot.write_text(_portable(json.dumps(snap, indent=0, sort_keys=True, default=str)), "utf-8")
        if args.compare:
            before = json.loads(_portable(args.compare.read_text("utf-8")))
            now = json.loads(args.snapshot.read_text("utf-8"))
            differ = sorted(k for k in set(before) | set(now) if before.get(k) != now.get(k))
            print(f"snapshot: {len(differ)} differing section(s) of {len(now)}: {', '.join(differ[:20])}")
            return 1 if differ else 0
    return 0


def _portable(text: str) -> str:
    """The snapshot without the run's temporary folder (the corpus files' names are kept)."""
    return re.sub(r"/tmp/batch-costs-[A-Za-z0-9_]+", "TMP", text)


#: Columns that hold the time of day a row was written.
_CLOCK = {"added_at", "analysed_at", "applied_at", "created_at", "updated_at", "at", "decided_at", "linked_at"}


def _snapshot(dossier: Dossier, analyses: list) -> dict[str, object]:
    """Every table of the store (rows sorted, clock columns dropped) and every analysis as JSON."""
    from sqlalchemy import select

    from dossier.serialize import analysis_to_json
    from dossier.store import schema

    out: dict[str, object] = {}
    with dossier.store.engine.connect() as conn:
        for name, table in sorted(schema.metadata.tables.items()):
            keep = [c for c in table.columns if c.name not in _CLOCK and not c.name.endswith("_at")]
            rows = [json.dumps(list(r), default=str, sort_keys=True) for r in conn.execute(select(*keep))]
            out[f"table {name}"] = sorted(rows)
    for analysis in analyses:
        out[f"analysis {analysis.report.source_name}"] = analysis_to_json(analysis)
    return out


def _dask(files: list[Path], config: Config, chunk: int, work: Path, w: float, *, quiet: bool = True) -> None:
    import dask.config
    import psutil
    from distributed import Client, LocalCluster

    from dossier.batch import DaskRunner, run_ingest
    from dossier.batch.runners import local_cluster

    def cpu(processes: list[psutil.Process]) -> float:
        return sum(t.user + t.system for t in (p.cpu_times() for p in processes))

    for n in (1, 2):
        if quiet:
            cluster = local_cluster(n)
        else:  # Dask's own defaults, for comparison
            with dask.config.set({}):
                cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40)
        with cluster, Client(cluster) as client:
            runner = DaskRunner(Config.from_env(), client=client)
            runner.warm()
            me = psutil.Process()
            children = me.children(recursive=True)
            for attempt in range(2):  # the first run warms the workers' lazy resources
                db = work / f"d{n}{attempt}{quiet}.db"
                with Dossier.open(str(db), config) as dossier:
                    main, kids, wall = cpu([me]), cpu(children), time.perf_counter()
                    summary, _ = run_ingest(dossier, files, runner=runner, chunk=chunk)
                    main, kids, wall = cpu([me]) - main, cpu(children) - kids, time.perf_counter() - wall
            k = summary.added
            print(f"Dask {n} worker(s){'' if quiet else ' (Dask defaults)'}: {k / wall:5.2f} reports/s; CPU per report: "
                  f"main process {1000 * main / k:.1f} ms, workers {1000 * kids / k:.1f} ms (inline {1000 * w:.0f} ms)")


if __name__ == "__main__":
    raise SystemExit(main())
