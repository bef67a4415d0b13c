"""Throughput benchmarks: ``dossier bench throughput`` and ``dossier bench ingest``.

``throughput`` runs, on the same inputs and in the same run, dossier's whole
per-report path (read, extract, analyse with every registered analyser, link
entities, store in SQLite) and a **peer pipeline** built from the tools people
use today (newspaper4k for HTML, the full spaCy pipeline, ``dateparser``'s
``search_dates``), each inline (1 worker) and on a 2-process pool, over
``DOSSIER_BENCH_CORPUS`` inputs (default 60), plus dossier on Dask
``LocalCluster`` s of 1 and 2 single-threaded workers over a larger corpus of
``DOSSIER_BENCH_DASK_CORPUS`` inputs (default 96, at least the main corpus), so
that each Dask worker has many tasks and the last one's tail is small.  Tasks
hold few inputs (at least six tasks per worker), so two workers share the work
evenly.  It reports
reports/s (median over ``DOSSIER_BENCH_RUNS`` runs, default 3), median and p95
latency per report, and peak resident memory per worker.  Workers are started
and their models loaded before the clock starts (steady state).

``ingest`` times ``dossier ingest`` page by page on the ScrapingHub HTML pages,
then ingests the folder again and checks that nothing is added.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.config import Config
from dossier.errors import ConfigError
from dossier.evaluate.base import EvalResult, default_data_dir
from dossier.evaluate.extraction import newspaper_text

__all__ = ["benchmark", "bench_ingest", "build_corpus", "ecb_text", "peer_report", "task_chunk", "Measurement"]

DEFAULT_CORPUS = 60  # reports: half ScrapingHub pages, half ECB+ texts (the machine is shared)
DEFAULT_DASK_CORPUS = 96  # Dask 1 vs 2 workers: enough tasks per worker that scheduling is not the measure
TASKS_PER_WORKER = 6  # at least this many tasks per worker in a timed run (tasks of at most 8 inputs)


def task_chunk(inputs: int, workers: int = 2) -> int:
    """Inputs per task so that ``workers`` get at least :data:`TASKS_PER_WORKER` tasks each (1 to 8)."""
    return max(1, min(8, inputs // (TASKS_PER_WORKER * workers)))


# -- corpus --------------------------------------------------------------------------------------
_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", "%", ")", "]", "}", "'s", "n't", "'t", "'re", "'ve", "'ll", "'d", "'m", "''"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


def ecb_text(path: Path) -> str:
    """The running text of an ECB+ document, rebuilt from its tokens (one paragraph per sentence)."""
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    lines = []
    for _, words in sorted(sentences.items()):
        out = ""
        for word in words:
            if out and word not in _NO_SPACE_BEFORE and out[-1] not in "([{$" and not out.endswith("``"):
                out += " "
            out += word
        lines.append(out.replace("``", '"').replace("''", '"'))
    return "\n\n".join(lines) + "\n"


def _ecb_files(folder: Path) -> list[Path]:
    """ECB+ documents, round-robin over topics so a small corpus still spans many stories."""
    topics = sorted((p for p in folder.rglob("*") if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name))
    per_topic = [sorted(t.glob("*.xml")) for t in topics]
    files = []
    for i in range(max((len(f) for f in per_topic), default=0)):
        files += [f[i] for f in per_topic if i < len(f)]
    return files


def build_corpus(data: Path, size: int, workdir: Path) -> tuple[list[Path], dict[str, str], str]:
    """Input files for the benchmark: ScrapingHub pages (as they are) and ECB+ texts (written as .txt).

    Returns:
        The files, the URL of each page (newspaper4k needs one), and a description.
    """
    import json

    pages_dir = data / "scrapinghub" / "html"
    ecb_dir = data / "ecbplus"
    if not pages_dir.is_dir() or not ecb_dir.is_dir():
        raise ConfigError(f"{data}: expected scrapinghub/html and ecbplus/ inside; pass the shared data folder (../shared/data)")
    pages = sorted(pages_dir.glob("*.html.gz"))[: (size + 1) // 2]
    truth = json.loads((data / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    urls = {str(p): truth.get(p.name.split(".")[0], {}).get("url", "") for p in pages}
    texts = []
    for source in _ecb_files(ecb_dir)[: size - len(pages)]:
        target = workdir / f"ecb_{source.stem}.txt"
        target.write_text(ecb_text(source), "utf-8")
        texts.append(target)
    description = f"{len(pages)} ScrapingHub HTML pages + {len(texts)} ECB+ news texts (rebuilt from tokens)"
    return pages + texts, urls, description


# -- measuring -----------------------------------------------------------------------------------
@dataclass
class Measurement:
    """One configuration measured over several runs."""

    system: str
    setup: str
    workers: int
    rates: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    peak_rss: int = 0
    reports: int = 0

    def row(self) -> dict[str, Any]:
        lat = sorted(self.latencies) or [0.0]
        return {
            "system": self.system,
            "setup": self.setup,
            "workers": self.workers,
            "reports": self.reports,
            "reports/s (median)": round(statistics.median(self.rates), 2) if self.rates else 0.0,
            "runs": len(self.rates),
            "latency median ms": round(1000 * statistics.median(lat), 1),
            "latency p95 ms": round(1000 * lat[min(len(lat) - 1, int(0.95 * len(lat)))], 1),
            "peak MB/worker": round(self.peak_rss / 1e6, 1),
        }


def _dossier_run(files: list[Path], config: Config, runner: Any, db: Path, chunk: int = 8) -> tuple[float, list[float], int, int]:
    """One timed ingest into a fresh SQLite store; (seconds, latencies, peak rss, reports)."""
    from dossier.batch import run_ingest
    from dossier.batch.tasks import peak_rss
    from dossier.core import Dossier

    for leftover in db.parent.glob(db.name + "*"):
        leftover.unlink()
    with Dossier.open(str(db), config) as dossier:
        started = time.perf_counter()
        summary, stats = run_ingest(dossier, files, runner=runner, chunk=chunk)
        seconds = time.perf_counter() - started
    if summary.failures and not summary.added:
        raise ConfigError(f"benchmark ingest failed: {summary.failures[0].detail}")
    peak = max(stats.peak_rss.values(), default=0) or peak_rss()
    return seconds, summary.per_report_seconds, peak, summary.added


# -- the peer pipeline ---------------------------------------------------------------------------
_PEER: dict[str, Any] = {}


def _peer_init(model: str) -> None:
    import warnings

    warnings.simplefilter("ignore")  # newspaper4k warns about optional nltk on import
    import dateparser.search  # noqa: F401
    import newspaper  # noqa: F401

    from dossier.analyse.nlp import resolve_model_name

    import spacy

    _PEER["nlp"] = spacy.load(resolve_model_name(model))  # the full pipeline, nothing disabled
    _PEER["nlp"].max_length = 2_000_000


def peer_report(path: str, url: str) -> tuple[float, int, int]:
    """The peer pipeline on one input: (seconds, entities found, dates found)."""
    import gzip

    from dateparser.search import search_dates

    started = time.perf_counter()
    if ".htm" in path:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as handle:  # type: ignore[operator]
            html = handle.read()
        try:
            text = newspaper_text(html, url or "https://example.org/article")
        except Exception:  # e.g. newspaper4k needs nltk for Korean pages: the peer gets no text, still timed
            text = ""
    else:
        text = Path(path).read_text("utf-8")
    doc = _PEER["nlp"](text)
    dates = search_dates(text, languages=["en"]) or []
    return time.perf_counter() - started, len(doc.ents), len(dates)


def _peer_chunk(items: list[tuple[str, str]]) -> tuple[list[float], int]:
    from dossier.batch.tasks import peak_rss

    return [peer_report(path, url)[0] for path, url in items], peak_rss()


def _peer_run(
    files: list[Path], urls: dict[str, str], pool: ProcessPoolExecutor | None, chunk: int = 8
) -> tuple[float, list[float], int, int]:
    from dossier.batch.tasks import peak_rss

    items = [(str(f), urls.get(str(f), "")) for f in files]
    chunks = [items[i : i + chunk] for i in range(0, len(items), chunk)]
    started = time.perf_counter()
    results = list(pool.map(_peer_chunk, chunks)) if pool else [_peer_chunk(c) for c in chunks]
    seconds = time.perf_counter() - started
    latencies = [s for chunk, _ in results for s in chunk]
    peak = max((p for _, p in results), default=0) if pool else peak_rss()
    return seconds, latencies, peak, len(items)


def _peer_pool(workers: int, model: str) -> ProcessPoolExecutor:
    import multiprocessing

    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("forkserver"), initializer=_peer_init, initargs=(model,))
    list(pool.map(_warm_peer, range(workers * 2)))
    return pool


def _warm_peer(_: int) -> int:
    time.sleep(0.05)
    return os.getpid()


# -- the benchmark -------------------------------------------------------------------------------
def _record(m: Measurement, outcome: tuple[float, list[float], int, int]) -> None:
    seconds, latencies, peak, reports = outcome
    m.rates.append(reports / seconds if seconds else 0.0)
    m.latencies += latencies
    m.peak_rss = max(m.peak_rss, peak)
    m.reports = reports


def benchmark(data: Path | None, *, limit: int | None, config: Config) -> EvalResult:
    """dossier vs the peer pipeline, 1 and 2 workers, and Dask 1 vs 2 workers, on one corpus."""
    from dossier.analyse.registry import pipeline
    from dossier.batch import InlineRunner, PoolRunner
    from dossier.core import Dossier

    data = data or default_data_dir("scrapinghub").parent
    runs = int(os.environ.get("DOSSIER_BENCH_RUNS", "3"))
    # the peer is an order of magnitude slower: fewer runs keep the benchmark within minutes
    peer_runs = int(os.environ.get("DOSSIER_BENCH_PEER_RUNS", "1"))
    analysers = [s.name for s in pipeline(config.analysers)]
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        work = Path(tmp)
        size = limit or int(os.environ.get("DOSSIER_BENCH_CORPUS", str(DEFAULT_CORPUS)))
        dask_size = limit or max(size, int(os.environ.get("DOSSIER_BENCH_DASK_CORPUS", str(DEFAULT_DASK_CORPUS))))
        files, urls, described = build_corpus(data, size, work)
        dask_files, _, dask_described = build_corpus(data, dask_size, work)
        chunk, dask_chunk = task_chunk(len(files)), task_chunk(len(dask_files))
        db = work / "bench.db"
        configs: dict[str, Measurement] = {
            "inline": Measurement("dossier", "in-process", 1),
            "pool": Measurement("dossier", "process pool", 2),
            "dask1": Measurement("dossier", "Dask LocalCluster", 1),
            "dask2": Measurement("dossier", "Dask LocalCluster", 2),
            "peer1": Measurement("peer: newspaper4k + spaCy + dateparser", "in-process", 1),
            "peer2": Measurement("peer: newspaper4k + spaCy + dateparser", "process pool", 2),
        }
        inline = InlineRunner(config)
        inline.warm()
        _peer_init(config.spacy_model)
        peer_report(str(files[0]), urls.get(str(files[0]), ""))  # newspaper4k's first call builds its caches
        with PoolRunner(config, workers=2) as pool, _dask(config, 1) as dask1, _dask(config, 2) as dask2:
            peer_pool = _peer_pool(2, config.spacy_model)
            pool.warm()
            for runner in (inline, pool, dask1, dask2):  # every worker reads and analyses once, untimed
                _dossier_run(files[:4] + files[-4:], config, runner, db, chunk=1)
            _peer_run(files[:4] + files[-4:], urls, peer_pool)
            try:
                for run in range(max(runs, peer_runs)):  # interleaved: the machine's load falls on all alike
                    if run < runs:
                        _record(configs["inline"], _dossier_run(files, config, inline, db, chunk))
                        _record(configs["pool"], _dossier_run(files, config, pool, db, chunk))
                        _record(configs["dask1"], _dossier_run(dask_files, config, dask1, db, dask_chunk))
                        _record(configs["dask2"], _dossier_run(dask_files, config, dask2, db, dask_chunk))
                    if run < peer_runs:
                        _record(configs["peer1"], _peer_run(files, urls, None, chunk))
                        _record(configs["peer2"], _peer_run(files, urls, peer_pool, chunk))
            finally:
                peer_pool.shutdown()
    rows = [m.row() for m in configs.values()]
    rate = {key: statistics.median(m.rates) for key, m in configs.items()}
    ratios = {
        "dossier / peer, 2 workers": rate["pool"] / rate["peer2"],
        "dossier / peer, 1 worker": rate["inline"] / rate["peer1"],
        "pool 2 workers / 1": rate["pool"] / rate["inline"],
        "Dask 2 workers / 1": rate["dask2"] / rate["dask1"],
    }
    rows += [{"system": name, "setup": "ratio", "reports/s (median)": round(value, 2)} for name, value in ratios.items()]
    load = os.getloadavg()
    return EvalResult(
        name="throughput",
        title="Throughput: dossier's full per-report path vs a peer pipeline, 1-2 workers, Dask 1 vs 2",
        dataset=f"{described}, {len(files)} inputs, {chunk} per task; Dask rows: {dask_described}, "
        f"{len(dask_files)} inputs, {dask_chunk} per task; dossier {runs} runs, peer {peer_runs}, interleaved",
        command=f"DOSSIER_BENCH_CORPUS={size} DOSSIER_BENCH_DASK_CORPUS={dask_size} DOSSIER_BENCH_RUNS={runs} "
        f"DOSSIER_BENCH_PEER_RUNS={peer_runs} "
        "dossier bench throughput ../shared/data"
        + (f" --limit {limit}" if limit else ""),
        columns=["system", "setup", "workers", "reports", "reports/s (median)", "runs", "latency median ms", "latency p95 ms", "peak MB/worker"],
        rows=rows,
        reference="targets: ≥ 25 reports/s on 2 cores, ≥ 5× the peer in the same run, ≤ 1.5 GB/worker, Dask 2 workers ≥ 1.8× one",
        notes=(
            f"dossier = read + extract (trafilatura) + analyse ({', '.join(analysers)}) + entity links + SQLite write"
            f"{' + story linking' if hasattr(Dossier, 'link_analysis') else ''}; "
            f"peer = newspaper4k (HTML) + full spaCy {config.spacy_model} + dateparser search_dates(languages=['en']), no storage. "
            f"Workers warm (models loaded) before timing. Machine: {os.cpu_count()} cores shared with other jobs, "
            f"load average {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f} at the end: figures are noisy, ratios within the run are the comparison."
        ),
    )


class _dask:
    """A LocalCluster of ``n`` single-threaded worker processes with a warm :class:`DaskRunner`."""

    def __init__(self, config: Config, n: int) -> None:
        self.config, self.n = config, n

    def __enter__(self) -> Any:
        from distributed import Client

        from dossier.batch import DaskRunner
        from dossier.batch.runners import local_cluster

        self.cluster = local_cluster(self.n)  # as `dossier ingest --dask local:N` starts it
        self.client = Client(self.cluster)
        self.runner = DaskRunner(self.config, client=self.client)
        self.runner.warm()
        return self.runner

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.cluster.close()


def bench_ingest(data: Path | None, *, limit: int | None, config: Config) -> EvalResult:
    """Median time to ingest one ScrapingHub page, the report count, and a second run adding 0."""
    from dossier.core import Dossier

    data = data or default_data_dir("scrapinghub")
    html = data / "html" if (data / "html").is_dir() else data
    pages = sorted(html.glob("*.html*"))[:limit]
    if not pages:
        raise ConfigError(f"{html}: no HTML pages; pass the scrapinghub folder (../shared/data/scrapinghub)")
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        db = str(Path(tmp) / "ingest.db")
        times, failed = [], 0
        with Dossier.open(db, config) as dossier:
            dossier.ingest(pages[:1])  # load the model and caches once, outside the timing
            for page in pages[1:]:
                started = time.perf_counter()
                summary = dossier.ingest([page])
                times.append(time.perf_counter() - started)
                failed += len(summary.failures)
            stored = dossier.store.count_reports()
            again_inputs = [html] if limit is None else pages
            again = dossier.ingest(again_inputs, workers=os.cpu_count() or 1)
    times.sort()
    row = {
        "pages": len(pages),
        "reports stored": stored,
        "failed": failed,
        "second run added": again.added,
        "second run skipped": again.skipped,
        "median ms/page": round(1000 * statistics.median(times), 1),
        "p95 ms/page": round(1000 * times[min(len(times) - 1, int(0.95 * len(times)))], 1),
    }
    return EvalResult(
        name="ingest",
        title="dossier ingest on the ScrapingHub pages: time per page, report count, idempotence",
        dataset=f"scrapinghub html/, {len(pages)} pages",
        command="dossier bench ingest ../shared/data/scrapinghub",
        columns=list(row),
        rows=[row],
        notes=(
            "per page: read + extract + analyse + link + SQLite write, one page per `ingest` call, in-process; "
            f"the second run ingests the folder again on {os.cpu_count()} workers; "
            f"machine shared and loaded (load average {os.getloadavg()[0]:.1f})"
        ),
    )

