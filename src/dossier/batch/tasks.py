"""Splitting inputs into tasks, and the pure function that runs one task.

A *task* names a few inputs: a group of small files, a byte range of a WARC
holding a few records, or a slice of JSON Lines.  Planning streams containers
record by record, so an archive of millions of reports becomes tasks without
ever being held in memory; a worker reads only its own range.

:func:`run_task` is what every runner maps (inline, process pool, Dask): it
reads the task's reports and applies the same per-report function
:func:`dossier.analyse.pipeline.analyse_report` to each.  It never raises for
one bad report: that report becomes a :class:`~dossier.model.Failure` and the
others go on.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import resource
import sys
import time
import traceback
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from dossier.acquire.readers import Item, read_bytes, read_paths, sniff_format
from dossier.analyse.pipeline import analyse_report, parse_all
from dossier.config import Config
from dossier.errors import InputError
from dossier.model import Analysis, Failure, Report, content_id
from dossier.store.prepared import PreparedReport, prepare

__all__ = [
    "Task",
    "FilesTask",
    "RangeTask",
    "BytesTask",
    "Outcome",
    "TaskResult",
    "plan_tasks",
    "run_task",
    "read_task",
    "DEFAULT_CHUNK",
]

#: Inputs (files, WARC records, JSON lines) per task: large enough to amortise
#: the hand-off to a worker, small enough to keep every worker busy.
DEFAULT_CHUNK = 8
#: A task's WARC range or JSON Lines slice is cut at this size, whatever ``chunk`` says.
_MAX_TASK_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FilesTask:
    """Whole files, read like ``dossier ingest FILE…`` reads them."""

    paths: tuple[str, ...]
    published: str | None = None

    @property
    def key(self) -> str:
        return _key("files", *self.paths, self.published)


@dataclass(frozen=True, slots=True)
class RangeTask:
    """Bytes ``[start, end)`` of a WARC file: one or more whole records (gzip members)."""

    path: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return _key("range", self.path, self.start, self.end)


@dataclass(frozen=True, slots=True)
class BytesTask:
    """Input held in memory: standard input, or a slice of JSON Lines from ``first_line`` on."""

    name: str
    data: bytes
    fmt: str | None = None
    first_line: int = 1
    published: str | None = None

    @property
    def key(self) -> str:
        return _key("bytes", self.name, self.first_line, hashlib.sha256(self.data).hexdigest())


Task = FilesTask | RangeTask | BytesTask


def _key(*parts: object) -> str:
    return "dossier-task-" + hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input inside a task.

    Exactly one of: ``prepared`` (a new report, analysed: its store rows,
    :func:`~dossier.store.prepared.prepare`, made in the worker so that the
    single writer only executes them), ``known_id`` (already stored, not
    analysed again), ``known_raw_id`` (a file whose bytes were ingested before,
    not even read: the writer looks up its report) or ``failure``.  With
    ``prepared`` comes the ``analysis`` itself unless the runner ships results
    to another process (``run_task(..., keep_analysis=False)``): the rows
    unpickle many times faster than its frozen dataclasses.
    """

    name: str
    analysis: Analysis | None = None
    known_id: str | None = None
    failure: Failure | None = None
    seconds: float = 0.0
    known_raw_id: str | None = None
    prepared: PreparedReport | None = None

    @property
    def report_id(self) -> str | None:
        """The id of the new (analysed) report, or of the stored one (``known_id``); None otherwise."""
        if self.prepared is not None:
            return self.prepared.report_id
        return self.analysis.report.id if self.analysis is not None else self.known_id


@dataclass(frozen=True, slots=True)
class TaskResult:
    """The outcomes of one task, in input order, and who ran it."""

    outcomes: tuple[Outcome, ...]
    worker: str = ""
    peak_rss: int = 0  # bytes, the worker process's high-water mark so far
    seconds: float = 0.0
    extra: dict[str, object] = field(default_factory=dict)


# -- planning ------------------------------------------------------------------------------------
def plan_tasks(
    paths: Iterable[str | Path],
    config: Config,
    *,
    published: str | None = None,
    chunk: int = DEFAULT_CHUNK,
    stdin: IO[bytes] | None = None,
) -> Iterator[Task | Failure]:
    """Tasks covering every input in ``paths``, in the order ``read_paths`` reads them.

    Args:
        paths: Files, directories (recursively) and ``-`` for standard input.
        config: Limits (``max_bytes``, ``max_records``).
        published: The user's ``--published`` date, carried by every task.
        chunk: Files, WARC records or JSON lines per task.
        stdin: Stream for ``-`` (defaults to ``sys.stdin.buffer``).

    Yields:
        Tasks, and a :class:`Failure` for an input that cannot even be listed.
    """
    chunk = max(1, chunk)
    pending: list[str] = []

    def flush() -> Iterator[Task]:
        if pending:
            yield FilesTask(tuple(pending), published)
            pending.clear()

    for path in paths:
        if str(path) == "-":
            yield from flush()
            stream = stdin or sys.stdin.buffer
            yield BytesTask("<stdin>", stream.read(config.max_bytes + 1), published=published)
            continue
        p = Path(path)
        if not p.exists():
            yield Failure(str(p), "not_found", f"{p}: no such file or directory; check the path")
            continue
        if p.is_dir():
            files = sorted(
                f for f in p.rglob("*") if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not files:
                yield Failure(str(p), "empty", f"{p}: the directory has no files to ingest")
        else:
            files = [p]
        for file in files:
            fmt = _sniff(file)
            if fmt in ("warc", "jsonl"):
                yield from flush()
                planner = _plan_warc(file, chunk) if fmt == "warc" else _plan_jsonl(file, config, chunk, published)
                yield from planner
            else:
                pending.append(str(file))
                if len(pending) >= chunk:
                    yield from flush()
    yield from flush()


def _sniff(path: Path) -> str | None:
    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as inner:
                head = inner.read(4096)
        else:
            with path.open("rb") as handle:
                head = handle.read(4096)
    except (OSError, EOFError, zlib.error):
        return None  # the worker's reader reports the damage the way `ingest` always does
    return sniff_format(str(path), head)


def _plan_warc(path: Path, chunk: int) -> Iterator[Task]:
    """Byte ranges of ``chunk`` response records each, found by streaming the archive once."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    start = end = responses = 0
    try:
        with path.open("rb") as stream:
            iterator = ArchiveIterator(stream)
            for record in iterator:
                responses += record.rec_type == "response"
                iterator.read_to_end(record)
                end = iterator.get_record_offset() + iterator.get_record_length()
                if responses >= chunk or end - start >= _MAX_TASK_BYTES:
                    yield RangeTask(str(path), start, end)
                    start, responses = end, 0
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError):
        # From here on the worker reads to the end of the file and reports what is broken.
        yield RangeTask(str(path), start, -1)
        return
    if responses:
        yield RangeTask(str(path), start, end)


def _plan_jsonl(path: Path, config: Config, chunk: int, published: str | None) -> Iterator[Task | Failure]:
    """Slices of ``chunk`` lines, streamed (gzip or not)."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    lines: list[bytes] = []
    first = 1
    records = size = 0
    try:
        with opener(path, "rb") as stream:  # type: ignore[operator]
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    records += 1
                    if records > config.max_records:
                        break
                lines.append(line)
                size += len(line)
                if len(lines) >= chunk or size >= _MAX_TASK_BYTES:
                    yield BytesTask(str(path), b"".join(lines), "jsonl", first, published)
                    lines, first, size = [], number + 1, 0
    except (OSError, EOFError, zlib.error) as exc:
        if lines:
            yield BytesTask(str(path), b"".join(lines), "jsonl", first, published)
        yield Failure(str(path), "unreadable", f"{path}: {type(exc).__name__}: {exc}; the file may be truncated or damaged")
        return
    if lines:
        yield BytesTask(str(path), b"".join(lines), "jsonl", first, published)
    if records > config.max_records:
        yield Failure(str(path), "too_many_records", f"{path}: stopped after {config.max_records} records (max_records)")


# -- running -------------------------------------------------------------------------------------
def read_task(task: Task, config: Config) -> Iterator[Item | Failure]:
    """The reports (or failures) of one task, in order."""
    if isinstance(task, FilesTask):
        for path in task.paths:
            yield from _guarded(path, read_paths([path], config, published=task.published))
    elif isinstance(task, RangeTask):
        yield from _guarded(task.path, read_bytes(_read_range(task, config), task.path, config, fmt="warc"))
    else:
        yield from _guarded(
            task.name,
            read_bytes(task.data, task.name, config, published=task.published, fmt=task.fmt, first_line=task.first_line),
        )


def _read_range(task: RangeTask, config: Config) -> bytes:
    with open(task.path, "rb") as handle:
        handle.seek(task.start)
        # an open-ended range (after a damaged record) is bounded by the per-input limit
        return handle.read(config.max_bytes + 1 if task.end < 0 else task.end - task.start)


def _guarded(name: str, items: Iterator[Item | Failure]) -> Iterator[Item | Failure]:
    """Errors while reading become Failures (as in ``read_paths``) instead of losing the task."""
    try:
        yield from items
    except InputError as exc:
        yield Failure(exc.input or name, exc.reason, str(exc))
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Failure(name, "unreadable", f"{name}: {type(exc).__name__}: {exc}; the file may be truncated or damaged")
    except Exception as exc:  # a bug in a reader must not lose the other inputs of the batch
        yield Failure(name, "read_error", f"{name}: {type(exc).__name__}: {exc} | {_trace()}", stage="acquire")


def _trace() -> str:
    return traceback.format_exc(limit=3).replace("\n", " ")


def run_task(
    task: Task, config: Config, known: frozenset[str] = frozenset(), analyse: bool = True, keep_analysis: bool = True
) -> TaskResult:
    """Read one task's reports and analyse each with :func:`analyse_report`.

    Pure apart from reading the task's input: the same task gives the same
    result inline, in a process pool or on a Dask worker.  The task's texts are
    parsed together (:func:`~dossier.analyse.pipeline.parse_all`, spaCy's
    ``nlp.pipe``), which gives the same parses as one call per report.

    Args:
        task: What to read.
        config: Settings (the same everywhere).
        known: Ids of reports already stored, and of the raw inputs they were
            read from (``Report.raw_id``): a known report is not analysed again,
            and a file whose bytes are a known raw input is not even extracted.
        analyse: False stores reports without analysis (``--no-analyse``).
        keep_analysis: False leaves each new report's :class:`Analysis` out of its
            outcome (only its store rows, ``prepared``), for runners that ship
            results to the writer in another process.
    """
    started = time.perf_counter()
    read: list[tuple[Item | Failure | _Stored, float]] = []
    mark = started
    for item in _read_new(task, config, known):
        now = time.perf_counter()
        read.append((item, now - mark))
        mark = now
    fresh = [i.report for i, _ in read if isinstance(i, Item) and i.report.id not in known]
    docs, parse_seconds = _parse(fresh, config) if analyse else ([None] * len(fresh), [0.0] * len(fresh))
    parsed = {id(r): (d, s) for r, d, s in zip(fresh, docs, parse_seconds)}
    outcomes: list[Outcome] = []
    for item, reading in read:
        if isinstance(item, Failure):
            outcomes.append(Outcome(item.input, failure=item))
            continue
        if isinstance(item, _Stored):
            outcomes.append(Outcome(item.name, known_raw_id=item.raw_id))
            continue
        report = item.report
        name = report.source_name
        if report.id in known:
            outcomes.append(Outcome(name, known_id=report.id))
            continue
        doc, parsing = parsed[id(report)]
        mark = time.perf_counter()
        try:
            analysis = analyse_report(report, config, doc=doc) if analyse else Analysis(report=report)
            prepared = prepare(analysis, item.raw)
            outcome = Outcome(name, analysis=analysis if keep_analysis else None, prepared=prepared)
        except Exception as exc:  # one report's crash becomes its recorded failure
            failure = Failure(name, "analysis_error", f"{name}: {type(exc).__name__}: {exc} | {_trace()}", stage="analyse")
            outcome = Outcome(name, failure=failure)
        outcomes.append(_timed(outcome, reading + parsing + time.perf_counter() - mark))
    return TaskResult(tuple(outcomes), worker=_worker_name(), peak_rss=peak_rss(), seconds=time.perf_counter() - started)


@dataclass(frozen=True, slots=True)
class _Stored:
    """A file whose bytes were ingested before (its raw id is stored): skipped unread."""

    name: str
    raw_id: str


def _read_new(task: Task, config: Config, known: frozenset[str]) -> Iterator[Item | Failure | _Stored]:
    """:func:`read_task`, except that an HTML or text file already ingested is not extracted again."""
    if not isinstance(task, FilesTask) or not known:
        yield from read_task(task, config)
        return
    for path in task.paths:
        raw_id = _raw_id(Path(path), config)
        if raw_id is not None and raw_id in known:
            yield _Stored(path, raw_id)
        else:
            yield from _guarded(path, read_paths([path], config, published=task.published))


def _raw_id(path: Path, config: Config) -> str | None:
    """The raw id the reader gives a one-report file (HTML, text), without extracting it; None otherwise."""
    if _sniff(path) not in ("html", "text"):
        return None  # feeds and PDFs hold their raw ids per record: read as usual
    try:
        if path.stat().st_size > config.max_bytes:
            return None
        data = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        return None  # the reader reports the damage the way `ingest` always does
    return content_id(data, prefix="raw", length=32)


def _parse(reports: list[Report], config: Config) -> tuple[list[Any], list[float]]:
    """The batch's parses and each report's share of the parsing time (by text length).

    If the batched parse fails, each report is parsed on its own inside
    :func:`analyse_report`, so the failure lands on the report that caused it.
    """
    mark = time.perf_counter()
    try:
        docs = parse_all(reports, config)
    except Exception:  # one text that breaks the parser must not fail its neighbours
        return [None] * len(reports), [0.0] * len(reports)
    seconds = time.perf_counter() - mark
    lengths = [len(r.text) if d is not None else 0 for r, d in zip(reports, docs)]
    total = sum(lengths) or 1
    return docs, [seconds * n / total for n in lengths]


def _timed(outcome: Outcome, seconds: float) -> Outcome:
    return replace(outcome, seconds=seconds)


def _worker_name() -> str:
    import socket

    return f"{socket.gethostname()}:{os.getpid()}"


def peak_rss() -> int:
    """High-water mark of this process's resident memory, in bytes (Linux reports KiB)."""
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(usage if sys.platform == "darwin" else usage * 1024)
