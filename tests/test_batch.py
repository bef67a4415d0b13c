"""Batch ingestion: the same store whatever the runner and the split; idempotent; failures recorded."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE, ROOT
from dossier.batch import DaskRunner, plan_tasks, run_ingest, run_task, write_results
from dossier.batch.tasks import BytesTask, FilesTask, RangeTask
from dossier.config import Config
from dossier.core import Dossier, IngestSummary
from dossier.serialize import analysis_to_json

INPUTS = ROOT / "tests" / "fixtures" / "inputs"


def _warc(path: Path, pages: list[tuple[str, str]], *, extra_pdf: bool = True) -> None:
    """A gzipped WARC (one gzip member per record, as crawlers write them)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers))
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        if extra_pdf:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "application/pdf")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://example.org/a.pdf", "response", payload=io.BytesIO(b"%PDF-1.4"), http_headers=headers))


def _page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{body} Paragraph {i} adds detail about {title.lower()}.</p>" for i in range(4))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Text, HTML, JSON Lines, a feed, a WARC, and a file that is binary garbage."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copy(EXAMPLE, root / "maduro.txt")
    for name in ("article.html", "feed.rss", "reports.jsonl"):
        shutil.copy(INPUTS / name, root / name)
    for i in range(5):
        (root / f"note{i}.txt").write_text(
            f"Note {i}\n\nOfficials in Caracas said on Monday that talks number {i} had stalled, "
            f"according to two people familiar with the discussions.\n", "utf-8"
        )
    (root / "garbage.txt").write_bytes(bytes(range(256)) * 8)
    _warc(
        root / "crawl.warc.gz",
        [(f"https://news.example.org/2025/11/{20 + i}/story-{i}", _page(f"Story {i}", f"Ministers met in Caracas on day {i}."))
         for i in range(4)],
    )
    return root


def _snapshot(db: str) -> dict[str, Any]:
    """Everything a runner could change: each stored analysis (JSON) and the failures."""
    with Dossier.open(db, create=False) as dossier:
        analyses = {rid: analysis_to_json(dossier.show(rid)) for rid in dossier.store.report_ids()}
        failures = sorted((f.input, f.reason) for f in dossier.failures(1000))
    return {"analyses": analyses, "failures": failures}


def _some(corpus: Path) -> list[Path]:
    """A few short inputs of every kind (analysis is the slow part of these tests)."""
    return [corpus / n for n in ("note0.txt", "note1.txt", "garbage.txt", "note3.txt", "reports.jsonl", "crawl.warc.gz")]


def _ingest(db: str, corpus: Path, config: Config, **kwargs: Any) -> IngestSummary:
    with Dossier.open(db, config) as dossier:
        summary, _ = run_ingest(dossier, _some(corpus), chunk=3, **kwargs)
    return summary


def test_same_store_inline_pool_and_dask(corpus: Path, config: Config, tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    inline = _ingest(str(tmp_path / "inline.db"), corpus, config, workers=1)
    assert inline.added >= 8 and inline.skipped == 0
    assert {f.reason for f in inline.failures} >= {"unsupported", "malformed"}  # the PDF, broken JSON lines
    expected = _snapshot(str(tmp_path / "inline.db"))
    # every report's evidence points into its own text
    assert all(a["report"]["text"] for a in expected["analyses"].values())

    # the batch path stores and links exactly what the one-by-one facade ingest does
    with Dossier.open(str(tmp_path / "facade.db"), config) as dossier:
        dossier.ingest(_some(corpus))
        stories = sorted(len(dossier.story(s.id).reports) for s in dossier.stories(limit=100))
    assert _snapshot(str(tmp_path / "facade.db"))["analyses"] == expected["analyses"]
    with Dossier.open(str(tmp_path / "inline.db"), config) as dossier:
        assert sorted(len(dossier.story(s.id).reports) for s in dossier.stories(limit=100)) == stories
        assert sum(stories) == inline.added

    pool = _ingest(str(tmp_path / "pool.db"), corpus, config, workers=2)
    assert (pool.added, len(pool.failures)) == (inline.added, len(inline.failures))
    assert _snapshot(str(tmp_path / "pool.db")) == expected

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster, Client(cluster) as client:
        with Dossier.open(str(tmp_path / "dask.db"), config) as dossier, DaskRunner(config, client=client) as runner:
            assert runner.workers == 2
            summary, stats = run_ingest(dossier, _some(corpus), chunk=2, runner=runner)
            assert summary.added == inline.added and stats.tasks > 2
            # a resubmitted (retried) batch of the same tasks adds nothing
            again, _ = run_ingest(dossier, [corpus / "crawl.warc.gz"], chunk=2, runner=runner)
            assert again.added == 0 and again.skipped == 4
    assert _snapshot(str(tmp_path / "dask.db"))["analyses"] == expected["analyses"]


def test_the_split_does_not_change_the_result(corpus: Path, config: Config) -> None:
    def reports(chunk: int) -> list[tuple[str, str]]:
        out = []
        for task in plan_tasks(_some(corpus), config, chunk=chunk):
            assert not hasattr(task, "reason"), task
            out += [(o.name, o.analysis.report.id if o.analysis else o.failure.reason) for o in run_task(task, config).outcomes]  # type: ignore[union-attr]
        return out

    assert reports(1) == reports(100)


def test_warc_is_split_into_byte_ranges_of_whole_records(corpus: Path, config: Config) -> None:
    tasks = list(plan_tasks([corpus / "crawl.warc.gz"], config, chunk=2))
    assert all(isinstance(t, RangeTask) for t in tasks) and len(tasks) == 3  # 4 html + 1 pdf response, 2 per task
    assert tasks[0].start == 0 and all(a.end == b.start for a, b in zip(tasks, tasks[1:]))
    names = [o.name for t in tasks for o in run_task(t, config).outcomes]
    assert names == [f"{corpus / 'crawl.warc.gz'}#https://news.example.org/2025/11/{20 + i}/story-{i}" for i in range(4)] + [
        f"{corpus / 'crawl.warc.gz'}#https://example.org/a.pdf"
    ]


def test_jsonl_slices_keep_line_numbers(corpus: Path, config: Config) -> None:
    tasks = list(plan_tasks([corpus / "reports.jsonl"], config, chunk=1))
    assert all(isinstance(t, BytesTask) for t in tasks)
    sliced = [(o.name, o.failure.reason if o.failure else None) for t in tasks for o in run_task(t, config).outcomes]
    whole = [(o.name, o.failure.reason if o.failure else None) for o in run_task(FilesTask((str(corpus / "reports.jsonl"),)), config).outcomes]
    assert sliced == whole and any(name.endswith(":3") for name, _ in sliced)


def test_second_run_adds_nothing(corpus: Path, config: Config, tmp_path: Path) -> None:
    db = str(tmp_path / "twice.db")
    first = _ingest(db, corpus, config, workers=1)
    second = _ingest(db, corpus, config, workers=1)
    assert first.added > 0 and second.added == 0 and second.skipped == first.added
    with Dossier.open(db, create=False) as dossier:
        assert dossier.store.count_reports() == first.added


def test_a_retried_task_never_duplicates_a_report(corpus: Path, config: Config, tmp_path: Path) -> None:
    task = FilesTask((str(corpus / "note1.txt"), str(corpus / "note0.txt")))
    result = run_task(task, config)
    with Dossier.open(str(tmp_path / "retry.db"), config) as dossier:
        summary = IngestSummary()
        write_results(dossier, [result, result, run_task(task, config)], summary)
        assert (summary.added, summary.skipped) == (2, 4)
        assert dossier.store.count_reports() == 2


def test_a_task_is_written_in_one_transaction_and_a_refused_report_fails_alone(
    corpus: Path, config: Config, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.errors import StoreError
    from dossier.store import Store

    task = FilesTask(tuple(str(corpus / n) for n in ("note0.txt", "note3.txt", "note1.txt")))
    result = run_task(task, config)
    real = Store.write
    in_task: list[bool] = []

    def refuse_note3(self: Store, prepared: Any, **kwargs: Any) -> bool:
        in_task.append(kwargs.get("conn") is not None)
        if "talks number 3" in prepared.fts[2]:
            raise StoreError("refused")
        return real(self, prepared, **kwargs)

    with Dossier.open(store_url, config) as dossier:
        write_results(dossier, [run_task(FilesTask((str(corpus / "note4.txt"),)), config)], IngestSummary())
        monkeypatch.setattr(Store, "write", refuse_note3)
        summary = IngestSummary()
        write_results(dossier, [result], summary)
        # note0 was written in the task's transaction, note3 refused: rolled back, then one transaction per report
        assert in_task == [True, True, False, False, False]
        assert (summary.added, summary.skipped) == (2, 0)
        assert [f.reason for f in summary.failures] == ["store_error"] and summary.failures[0].input.endswith("note3.txt")
        assert summary.report_ids == [o.analysis.report.id for o in result.outcomes if "note3" not in o.name]  # type: ignore[union-attr]
        assert dossier.store.count_reports() == 3
        # nothing of the rolled-back attempt remains: one failure row, each report linked into a story once
        assert [(f.input, f.reason) for f in dossier.failures(10)] == [(summary.failures[0].input, "store_error")]
        assert sum(len(dossier.story(s.id).reports) for s in dossier.stories(limit=10)) == 3


def test_a_broken_report_is_a_failure_and_the_rest_lands(
    corpus: Path, config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossier.batch.tasks as tasks

    real = tasks.analyse_report

    def crash_on_note3(report, config, **kwargs):  # type: ignore[no-untyped-def]
        if "talks number 3" in report.text:
            raise RuntimeError("analyser crashed")
        return real(report, config, **kwargs)

    monkeypatch.setattr(tasks, "analyse_report", crash_on_note3)
    db = str(tmp_path / "broken.db")
    summary = _ingest(db, corpus, config, workers=1)
    crashed = [f for f in summary.failures if f.reason == "analysis_error"]
    assert len(crashed) == 1 and crashed[0].input.endswith("note3.txt") and "RuntimeError: analyser crashed" in crashed[0].detail
    garbage = [f for f in summary.failures if f.input.endswith("garbage.txt")]
    assert len(garbage) == 1
    with Dossier.open(db, create=False) as dossier:
        names = {r.source_name for r in dossier.reports(limit=100)}
        stored_failures = {(f.input, f.reason) for f in dossier.failures(100)}
    assert any(n.endswith("note1.txt") for n in names) and not any(n.endswith("note3.txt") for n in names)
    assert (crashed[0].input, "analysis_error") in stored_failures


def test_facade_and_cli_take_workers(corpus: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dossier.cli import cli

    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    # --no-analyse: the pool's plumbing without loading a model in each worker (kept fast)
    first = runner.invoke(cli, ["ingest", str(corpus), "--db", db, "--workers", "2", "--no-analyse", "--format", "json"])
    assert first.exit_code == 0, first.output
    data = json.loads(first.output)
    second = json.loads(runner.invoke(cli, ["ingest", str(corpus), "--db", db, "--workers", "1", "--no-analyse", "--format", "json"]).output)
    assert data["added"] >= 12 and second["added"] == 0 and second["skipped"] == data["added"]


def test_runners_submit_a_bounded_window_and_yield_in_task_order() -> None:
    from dossier.batch.runners import _in_order

    submitted: list[str] = []
    tasks = [FilesTask((f"t{i}",)) for i in range(10)]
    seen = []
    for task, future, window in _in_order(tasks, lambda t: submitted.append(t.paths[0]) or t.paths[0], 3):
        assert future == task.paths[0] and len(window) <= 2  # at most 3 in flight, this one included
        assert len(submitted) - len(seen) <= 3
        seen.append(task.paths[0])
    assert seen == submitted == [f"t{i}" for i in range(10)]


class _BreakingPool:
    """Stands in for a process pool whose worker dies on the input named ``poison``."""

    def __init__(self, log: list[str]) -> None:
        self.log = log

    def submit(self, fn: Any, task: FilesTask) -> Any:
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        from dossier.batch.tasks import Outcome, TaskResult

        self.log.append(task.paths[0])
        future: Future[Any] = Future()
        if task.paths[0] == "poison":
            future.set_exception(BrokenProcessPool("a worker died"))
        else:
            future.set_result(TaskResult((Outcome(task.paths[0]),)))
        return future

    def shutdown(self, **_: Any) -> None:
        pass


def test_a_task_that_kills_its_worker_is_retried_once_then_recorded(config: Config) -> None:
    from dossier.batch import PoolRunner

    log: list[str] = []
    pools: list[_BreakingPool] = []

    class Runner(PoolRunner):
        def _pool(self) -> Any:
            if self._executor is None:
                self._executor = _BreakingPool(log)  # type: ignore[assignment]
                pools.append(self._executor)  # type: ignore[arg-type]
            return self._executor

    names = ["a", "b", "poison", "c", "d", "e"]
    with Runner(config, workers=2, in_flight=3) as runner:
        results = list(runner.map(FilesTask((n,)) for n in names))
    outcomes = [o for r in results for o in r.outcomes]
    assert [o.name for o in outcomes] == names  # in task order, the poisoned one included
    failure = outcomes[2].failure
    assert failure is not None and failure.reason == "worker_crashed" and failure.input == "poison"
    assert all(o.failure is None for i, o in enumerate(outcomes) if i != 2)
    assert log.count("poison") == 2 and len(pools) == 3  # tried again once, on a rebuilt pool each time


def test_a_file_ingested_before_is_skipped_by_its_raw_bytes_without_extraction(
    corpus: Path, config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossier.acquire.readers as readers

    files = [corpus / "article.html", corpus / "note0.txt", corpus / "note1.txt"]
    db = str(tmp_path / "raw.db")
    with Dossier.open(db, config) as dossier:
        first, _ = run_ingest(dossier, files, workers=1, analyse=False)
    assert first.added == 3

    def no_extraction(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a stored input was extracted again")

    monkeypatch.setattr(readers, "extract_html", no_extraction)
    monkeypatch.setattr(readers, "build_report", no_extraction)
    with Dossier.open(db, config) as dossier:
        again, _ = run_ingest(dossier, files, workers=1, analyse=False)
        assert (again.added, again.skipped, again.failures) == (0, 3, [])
        assert again.report_ids == first.report_ids  # the stored reports' ids, not the raw ids
        assert dossier.store.count_reports() == 3


def _worker_settings() -> tuple[object, object]:
    import dask.config

    return dask.config.get("distributed.worker.profile.enabled"), dask.config.get("distributed.admin.tick.interval")


def test_a_local_cluster_runs_without_dask_diagnostics_sampling_every_few_ms() -> None:
    from distributed import Client

    from dossier.batch.runners import local_cluster

    with local_cluster(1) as cluster, Client(cluster) as client:
        # the worker process got the settings (its stack profiler off), and so did the scheduler here
        assert list(client.run(_worker_settings).values()) == [(False, "1s")]
        assert client.run_on_scheduler(lambda dask_scheduler: dask_scheduler._tick_interval) == 1.0
