"""Reading inputs into reports: files, directories, standard input; text, Markdown,
HTML, JSON Lines, RSS/Atom feeds, WARC (optionally gzipped).

:func:`read_paths` yields, for every report found, a :class:`Item` (the report
and its raw bytes) and, for everything that could not be read, a
:class:`~dossier.model.Failure` with a reason and what to do.  It never raises
for a bad input: one broken file does not stop a batch.

Limits (see :class:`~dossier.config.Config`): ``max_bytes`` per file read whole
and per record inside a container; ``max_records`` per container.  WARC and
JSON Lines are streamed record by record, so archives larger than memory work.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from dossier.acquire.decode import decode_bytes
from dossier.acquire.html import extract_html, fragment_to_text
from dossier.acquire.report import build_report
from dossier.config import Config
from dossier.errors import InputError
from dossier.model import Failure, Report, content_id

__all__ = ["Item", "read_paths", "read_bytes", "sniff_format", "FORMATS"]

FORMATS = ("text", "markdown", "html", "jsonl", "feed", "warc")
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".feed": "feed",
    ".warc": "warc", ".arc": "warc",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Item:
    """A report read from an input, with the raw bytes it came from."""

    report: Report
    raw: bytes


def sniff_format(name: str, head: bytes) -> str | None:
    """The format of an input from its name and first bytes; None if unknown."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    for ext, fmt in _EXTENSIONS.items():
        if lower.endswith(ext):
            return fmt
    start = head.lstrip()[:512].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in start:
        return "html"
    if start.startswith(b"<?xml") or start.startswith((b"<rss", b"<feed")):
        return "feed" if (b"<rss" in start or b"<feed" in start or b"<rdf" in start) else None
    if start.startswith(b"{"):
        return "jsonl"
    return "text" if head else None


def read_paths(
    paths: Iterable[str | Path],
    config: Config,
    *,
    published: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Item | Failure]:
    """Read every report in ``paths`` (files, directories recursively, ``-`` for stdin).

    Args:
        paths: What to read.
        config: Limits and outlet list.
        published: A publication date the user gives for every report (``--published``).
        stdin: Stream used for ``-`` (defaults to ``sys.stdin.buffer``).
    """
    for path in paths:
        if str(path) == "-":
            stream = stdin or sys.stdin.buffer
            data = stream.read(config.max_bytes + 1)
            yield from _guard("<stdin>", lambda: read_bytes(data, "<stdin>", config, published=published))
            continue
        p = Path(path)
        if not p.exists():
            yield Failure(str(p), "not_found", f"{p}: no such file or directory; check the path")
        elif p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not files:
                yield Failure(str(p), "empty", f"{p}: the directory has no files to ingest")
            for file in files:
                yield from _guard(str(file), lambda file=file: _read_file(file, config, published))
        else:
            yield from _guard(str(p), lambda: _read_file(p, config, published))


def _guard(name: str, produce: "callable[[], Iterator[Item | Failure]]") -> Iterator[Item | Failure]:  # type: ignore[valid-type]
    """Turn errors while reading one input into a Failure, keeping what was read before."""
    try:
        yield from produce()
    except InputError as exc:
        yield Failure(exc.input or name, exc.reason, str(exc))
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Failure(name, "unreadable", f"{name}: {type(exc).__name__}: {exc}; the file may be truncated or damaged")


def _read_file(path: Path, config: Config, published: str | None) -> Iterator[Item | Failure]:
    name = str(path)
    with path.open("rb") as handle:
        head = handle.read(4096)
    if path.name.lower().endswith(".gz"):
        try:
            with gzip.open(path, "rb") as inner:
                head = inner.read(4096)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"{name}: not a readable gzip file ({exc}); re-download or gunzip it", input=name, reason="unreadable") from exc
    fmt = sniff_format(name, head)
    if fmt == "warc":
        yield from _read_warc(path, config)
        return
    if fmt == "jsonl":
        opener = gzip.open if name.lower().endswith(".gz") else open
        with opener(path, "rb") as stream:  # type: ignore[operator]
            yield from _read_jsonl(stream, name, config, published)
        return
    size = path.stat().st_size
    if size > config.max_bytes:
        raise InputError(
            f"{name}: {size / 1e6:.1f} MB is over the {config.max_bytes / 1e6:.0f} MB limit for one input; "
            "raise it with --max-bytes (or DOSSIER_MAX_BYTES) or split the file",
            input=name,
            reason="too_large",
        )
    data = gzip.decompress(path.read_bytes()) if name.lower().endswith(".gz") else path.read_bytes()
    yield from read_bytes(data, name, config, published=published, fmt=fmt)


def read_bytes(
    data: bytes,
    name: str,
    config: Config,
    *,
    published: str | None = None,
    fmt: str | None = None,
    url: str | None = None,
    first_line: int = 1,
) -> Iterator[Item | Failure]:
    """Reports in one input held in memory (a file's bytes, stdin, an upload).

    ``first_line`` numbers JSON Lines records when ``data`` is a slice of a larger file.
    """
    if len(data) > config.max_bytes:
        raise InputError(
            f"{name}: input is over the {config.max_bytes / 1e6:.0f} MB limit; raise --max-bytes or split it",
            input=name,
            reason="too_large",
        )
    fmt = fmt or sniff_format(name, data[:4096])
    if fmt is None:
        raise InputError(f"{name}: unknown format; pass one of: {', '.join(FORMATS)}", input=name, reason="unsupported")
    if fmt == "warc":
        yield from _read_warc_stream(io.BytesIO(data), name, config)
    elif fmt == "jsonl":
        yield from _read_jsonl(io.BytesIO(data), name, config, published, first_line)
    elif fmt == "feed":
        yield from _read_feed(data, name, config, published)
    elif fmt == "html":
        text, _ = decode_bytes(data, name)
        yield _from_html(text, data, name, config, published=published, url=url)
    else:
        text, _ = decode_bytes(data, name)
        report = build_report(
            text, config=config, user_published=published, source_format=fmt, source_name=name,
            url=url, raw_id=content_id(data, prefix="raw", length=32),
        )
        yield _checked(Item(report, data), name)


def _checked(item: Item, name: str) -> Item:
    if not item.report.text.strip():
        raise InputError(f"{name}: no text found in the input", input=name, reason="empty")
    return item


def _from_html(
    html: str, raw: bytes, name: str, config: Config, *, published: str | None, url: str | None = None,
    title: str | None = None, metadata_date: str | None = None, outlet: str | None = None,
) -> Item:
    document = extract_html(html, url)
    if document is None:
        raise InputError(
            f"{name}: no article text found in the HTML (a script-only page or an index page?)",
            input=name,
            reason="no_text",
        )
    report = build_report(
        document.text,
        config=config,
        url=url or document.url,
        title=title or document.title,
        published=metadata_date or document.date,
        user_published=published,
        outlet=outlet or (None if (url or document.url) else document.sitename),
        byline=document.author,
        source_format="html",
        source_name=name,
        raw_id=content_id(raw, prefix="raw", length=32),
    )
    return _checked(Item(report, raw), name)


def _read_jsonl(
    stream: IO[bytes], name: str, config: Config, published: str | None, first_line: int = 1
) -> Iterator[Item | Failure]:
    count = 0
    for number, line in enumerate(stream, start=first_line):
        where = f"{name}:{number}"
        if not line.strip():
            continue
        count += 1
        if count > config.max_records:
            yield Failure(name, "too_many_records", f"{name}: stopped after {config.max_records} records (max_records)")
            return
        if len(line) > config.max_bytes:
            yield Failure(where, "too_large", f"{where}: line is over the {config.max_bytes / 1e6:.0f} MB limit")
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Failure(where, "malformed", f"{where}: not valid JSON ({exc.__class__.__name__}: {exc}); one object per line")
            continue
        if not isinstance(record, dict) or not (record.get("text") or record.get("html")):
            yield Failure(where, "malformed", f"{where}: each line needs an object with \"text\" or \"html\"")
            continue
        try:
            if record.get("html"):
                yield _from_html(
                    str(record["html"]), line, where, config, published=published, url=record.get("url"),
                    title=record.get("title"), metadata_date=record.get("published"), outlet=record.get("outlet"),
                )
            else:
                report = build_report(
                    str(record["text"]), config=config, url=record.get("url"), title=record.get("title"),
                    published=_str(record.get("published")), user_published=published, outlet=record.get("outlet"),
                    byline=record.get("byline") or record.get("author"), language=record.get("language"),
                    source_format="jsonl", source_name=where, raw_id=content_id(line, prefix="raw", length=32),
                )
                yield _checked(Item(report, line), where)
        except InputError as exc:
            yield Failure(where, exc.reason, str(exc))


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _read_feed(data: bytes, name: str, config: Config, published: str | None) -> Iterator[Item | Failure]:
    import warnings

    import feedparser

    with warnings.catch_warnings():
        # feedparser warns about its own updated/published fallback on every access
        warnings.simplefilter("ignore", DeprecationWarning)
        parsed = feedparser.parse(data)
        yield from _feed_items(parsed, name, config, published)


def _feed_items(parsed: Any, name: str, config: Config, published: str | None) -> Iterator[Item | Failure]:
    entries = parsed.get("entries", [])
    if not entries:
        problem = parsed.get("bozo_exception")
        raise InputError(
            f"{name}: not a readable RSS/Atom feed{f' ({problem})' if problem else ''}; check that it is a feed, "
            "not an HTML page",
            input=name,
            reason="malformed",
        )
    feed_title = parsed.get("feed", {}).get("title")
    for index, entry in enumerate(entries[: config.max_records]):
        where = f"{name}#{entry.get('id') or entry.get('link') or index}"
        content = entry.get("content") or []
        html = content[0].get("value") if content else entry.get("summary", "")
        text = fragment_to_text(html or "")
        if not text.strip():
            problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
            if problem is not None:  # a broken feed, not an empty entry: say what broke
                yield Failure(where, "malformed", f"{where}: the feed is not well-formed ({problem}); fix or re-fetch it")
            else:
                yield Failure(where, "no_text", f"{where}: the feed entry has no text (title only?)")
            continue
        raw = json.dumps({k: entry.get(k) for k in ("id", "link", "title", "published", "updated", "author")}, default=str).encode() + b"\n" + (html or "").encode()
        try:
            report = build_report(
                text, config=config, url=entry.get("link"), title=entry.get("title"),
                published=entry.get("published") or entry.get("updated"), user_published=published,
                byline=entry.get("author"), outlet=None if entry.get("link") else feed_title,
                source_format="feed", source_name=where, raw_id=content_id(raw, prefix="raw", length=32),
            )
            yield _checked(Item(report, raw), where)
        except InputError as exc:
            yield Failure(where, exc.reason, str(exc))
    if len(entries) > config.max_records:
        yield Failure(name, "too_many_records", f"{name}: took the first {config.max_records} of {len(entries)} entries")


def _read_warc(path: Path, config: Config) -> Iterator[Item | Failure]:
    with path.open("rb") as stream:
        yield from _read_warc_stream(stream, str(path), config)


def _read_warc_stream(stream: IO[bytes], name: str, config: Config) -> Iterator[Item | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    seen = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type is None:  # a header line but no WARC-Type: not a record
                break
            seen += 1
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"{name}#{uri or count}"
            content_type = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in content_type.lower():
                yield Failure(where, "unsupported", f"{where}: {content_type or 'no content type'} response skipped; only HTML responses become reports", stage="acquire")
                continue
            count += 1
            if count > config.max_records:
                yield Failure(name, "too_many_records", f"{name}: stopped after {config.max_records} records")
                return
            payload = record.content_stream().read(config.max_bytes + 1)
            if len(payload) > config.max_bytes:
                yield Failure(where, "too_large", f"{where}: record over the {config.max_bytes / 1e6:.0f} MB limit")
                continue
            charset = content_type.split("charset=")[-1].strip() if "charset=" in content_type else None
            try:
                html, _ = decode_bytes(payload, where, charset)
                yield _from_html(html, payload, where, config, published=None, url=uri or None)
            except InputError as exc:
                yield Failure(where, exc.reason, str(exc))
    except ArchiveLoadFailed as exc:
        raise InputError(f"{name}: not a readable WARC ({exc}); check the file", input=name, reason="malformed") from exc
    if seen == 0:  # warcio reads a garbled header as an empty archive; an empty WARC is never intended
        raise InputError(f"{name}: no WARC records found; check that it is a WARC or WARC.gz file", input=name, reason="malformed")
