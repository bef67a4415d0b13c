"""Ingestion of every supported format, and of bad input, into a real store."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from conftest import ROOT
from dossier.acquire.readers import Item, read_bytes, read_paths
from dossier.config import Config
from dossier.core import Dossier
from dossier.model import Failure

INPUTS = ROOT / "tests" / "fixtures" / "inputs"


def _read(paths, config) -> tuple[list[Item], list[Failure]]:  # type: ignore[no-untyped-def]
    items, failures = [], []
    for thing in read_paths(paths, config):
        (failures if isinstance(thing, Failure) else items).append(thing)
    return items, failures


def test_every_format_in_the_fixture_folder(config: Config) -> None:
    items, failures = _read([INPUTS], config)
    by_format = {i.report.source_format for i in items}
    assert by_format == {"html", "feed", "jsonl"}
    titles = {i.report.title for i in items}
    assert "Venezuela asks for a second call as U.S. deadline nears" in titles
    assert "U.S. declares Venezuelan airspace closed" in titles
    assert "Hegseth order on second strike questioned" in titles
    assert "What the airspace closure means" in titles
    # the broken feed entry and the two broken JSON lines are failures with reasons, not crashes
    assert sorted(f.reason for f in failures) == ["malformed", "malformed", "no_text"]
    assert all(f.detail.startswith(str(INPUTS)) for f in failures)


def test_html_metadata_and_main_text(config: Config) -> None:
    items, _ = _read([INPUTS / "article.html"], config)
    (item,) = items
    report = item.report
    assert report.published.value == "2025-11-26" and report.published.source == "metadata"
    assert report.outlet is not None and (report.outlet.name, report.outlet.kind) == ("Reuters", "wire")
    assert report.byline == "Ana Torres"
    assert "four sources familiar with the conversation" in report.text
    assert "Most read" not in report.text and "tracking" not in report.text and "All rights reserved" not in report.text
    assert item.raw == (INPUTS / "article.html").read_bytes()


def test_feed_entries_keep_their_dates_and_links(config: Config) -> None:
    items, failures = _read([INPUTS / "feed.rss"], config)
    assert [i.report.url for i in items] == [
        "https://news.example.org/2025/11/29/airspace-closed",
        "https://news.example.org/2025/11/28/deadline-passes",
    ]
    assert items[0].report.published.value.startswith("2025-11-29")
    assert items[0].report.outlet is not None and items[0].report.outlet.name == "news.example.org"
    assert "colonialist threat" in items[0].report.text
    assert [f.reason for f in failures] == ["no_text"]


def _warc(records: list[tuple[str, str, bytes]], compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for uri, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


@pytest.mark.parametrize("compress", [False, True])
def test_warc_html_responses_become_reports_and_others_failures(tmp_path: Path, config: Config, compress: bool) -> None:
    html = (INPUTS / "article.html").read_bytes()
    data = _warc(
        [
            ("https://www.reuters.com/world/americas/venezuela-second-call-2025-11-26/", "text/html; charset=utf-8", html),
            ("https://www.reuters.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        ],
        compress,
    )
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(data)
    items, failures = _read([path], config)
    assert len(items) == 1 and items[0].report.source_format == "html"
    assert items[0].report.url.endswith("venezuela-second-call-2025-11-26/")
    assert [f.reason for f in failures] == ["unsupported"] and "image/png" in failures[0].detail


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("latin-1", "Señor Maduro habló con periodistas en Caracas sobre la situación económica del país."),
        ("cp1252", "“Complete confidence,” Trump said of Hegseth — in Caracas."),
        ("utf-16", "Nicolás Maduro and Delcy Rodríguez spoke in Caracas."),
        ("utf-8-sig", "Nicolás Maduro and Delcy Rodríguez spoke in Caracas."),
    ],
)
def test_legacy_encodings_are_decoded(tmp_path: Path, config: Config, encoding: str, text: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    items, failures = _read([path], config)
    assert failures == []
    assert items[0].report.text == text


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("garbage.bin", bytes(range(256)) * 40, "binary"),
        ("page.html", b"<html><body><script>var x = 1;</script></body></html>", "no_text"),
        ("broken.xml", b"<?xml version='1.0'?><rss><channel><item><title>x</ti", "malformed"),
        ("truncated.txt.gz", gzip.compress(b"Some text about Caracas. " * 200)[:60], "unreadable"),
        ("notawarc.warc", b"WARC/1.0\r\nthis is not a warc record at all", "malformed"),
    ],
)
def test_bad_input_is_a_failure_with_a_reason(tmp_path: Path, config: Config, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    items, failures = _read([path], config)
    assert items == []
    assert [f.reason for f in failures] == [reason], failures
    assert name in failures[0].detail


def test_large_inputs_respect_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = b"Caracas, Nov. 28 - The deadline passed without action, officials said.\n"
    with big.open("wb") as handle:
        for _ in range((50 * 1024 * 1024) // len(line) + 1):
            handle.write(line)
    assert big.stat().st_size >= 50 * 1024 * 1024
    small_limit = Config(today="2026-11-24", max_bytes=10 * 1024 * 1024)
    items, failures = _read([big], small_limit)
    assert items == [] and failures[0].reason == "too_large" and "--max-bytes" in failures[0].detail
    items, failures = _read([big], Config(today="2026-11-24"))
    assert failures == [] and len(items[0].report.text) >= 50 * 1024 * 1024 - 1000


def test_missing_path_and_stdin(config: Config) -> None:
    items, failures = _read(["/nonexistent/report.txt"], config)
    assert items == [] and failures[0].reason == "not_found"
    stdin = io.BytesIO("Trump gave Maduro until Friday, Nov. 28, to leave Venezuela.".encode())
    found = list(read_paths(["-"], config, stdin=stdin))
    assert isinstance(found[0], Item) and found[0].report.source_name == "<stdin>"
    assert found[0].report.published.value == "2025-11-28" and found[0].report.published.source == "inferred"


def test_user_published_wins(config: Config) -> None:
    (item,) = read_bytes(b"Trump gave Maduro until Friday, Nov. 28.", "x.txt", config, published="2025-11-30")
    assert isinstance(item, Item)
    assert item.report.published.value == "2025-11-30" and item.report.published.source == "user"


def test_ingest_is_idempotent_and_batch_survives_bad_files(tmp_path: Path, store_url: str, config: Config) -> None:
    inputs = tmp_path / "inputs"  # apart from the SQLite store file, which lives in tmp_path
    inputs.mkdir()
    (inputs / "bad.bin").write_bytes(bytes(range(256)) * 10)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "good.txt").write_text("Maduro’s exit deadline expires\n\nTrump gave Maduro until Friday, Nov. 28.")
    config = Config(today="2026-11-24", analysers=("timexes",))
    with Dossier.open(store_url, config) as dossier:
        first = dossier.ingest([inputs, INPUTS / "reports.jsonl"])
        second = dossier.ingest([inputs, INPUTS / "reports.jsonl"])
        stored = dossier.store.count_reports()
        recorded = {f.reason for f in dossier.failures()}
    assert first.added == 3 and first.skipped == 0
    assert second.added == 0 and second.skipped == 3
    assert stored == 3
    assert {"binary", "empty", "malformed"} <= recorded
    assert json.loads(json.dumps(first.as_dict()))["failed"] == 4


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nicolás Maduro and Delcy Rodríguez spoke in Caracas.", "en"),
        ("Trump gave Maduro until Friday, Nov. 28, to leave Venezuela voluntarily, sources said.", "en"),
        ("El presidente Nicolás Maduro dijo que Venezuela no aceptará el ultimátum de Washington.", "es"),
        ("Le président vénézuélien a rejeté l’ultimatum américain vendredi soir à Caracas.", "fr"),
        ("Die Regierung in Caracas wies das Ultimatum am Freitag entschieden zurück.", "de"),
    ],
)
def test_language_of_short_texts_with_foreign_names(text: str, language: str) -> None:
    from dossier.acquire.report import detect_language

    assert detect_language(text) == language


def test_a_report_the_store_refuses_is_a_failure_and_the_batch_goes_on(tmp_path: Path, config: Config) -> None:
    from dossier.errors import StoreError

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Trump gave Maduro until Friday, Nov. 28, to leave Venezuela, officials said.")
    (inputs / "b.txt").write_text("Venezuela requested another call with Trump on Saturday, its government said.")
    with Dossier.open(str(tmp_path / "store.db"), config.replace(analysers=("timexes",))) as dossier:
        real_write = dossier.store.write  # every path stores a report through Store.write

        def refuse_a(prepared, **kwargs):  # type: ignore[no-untyped-def]
            if prepared.source_name.endswith("a.txt"):
                raise StoreError("could not store report: simulated constraint failure")
            return real_write(prepared, **kwargs)

        dossier.store.write = refuse_a  # type: ignore[method-assign]
        summary = dossier.ingest([inputs])
        recorded = [f.reason for f in dossier.failures()]
        stored = dossier.store.count_reports()
    assert (summary.added, len(summary.failures)) == (1, 1)
    assert summary.failures[0].reason == "store_error" and summary.failures[0].input.endswith("a.txt")
    assert recorded == ["store_error"] and stored == 1
