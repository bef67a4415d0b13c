"""The web UI and HTTP API over a real SQLite store, through FastAPI's TestClient.

Two stores: one filled by the real ingest of the example and the test inputs
(whatever the analysers find today), and one where the example carries the
hand-made annotations of ``test_export.annotated_example`` so that every section
of the report page has data to show.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from conftest import EXAMPLE, ROOT  # noqa: E402
from dossier.config import Config  # noqa: E402
from dossier.core import Dossier  # noqa: E402
from dossier.model import Story  # noqa: E402
from dossier.serialize import analysis_to_json  # noqa: E402
from dossier.web import create_app  # noqa: E402
from dossier.web.marks import Mark, Piece, layout, marked_html  # noqa: E402
from test_export import annotated_example  # noqa: E402

INPUTS = ROOT / "tests" / "fixtures" / "inputs"
TITLE = "Maduro’s exit deadline expires as U.S. tightens pressure on Venezuela"


class Elements(HTMLParser):
    """Collects, for each element with an id, its text content; and every link's href and text."""

    VOID = {"meta", "link", "input", "br", "img", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.by_id: dict[str, str] = {}
        self.links: list[tuple[dict[str, str], str]] = []
        self.open: list[tuple[str, dict[str, str], list[str]]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.open.append((tag, {k: v or "" for k, v in attrs}, []))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            name, attrs, parts = self.open.pop()
            text = "".join(parts)
            if "id" in attrs:
                self.by_id[attrs["id"]] = text
            if name == "a":
                self.links.append((attrs, text))
            if self.open:
                self.open[-1][2].append(text)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][2].append(data)


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory, config: Config) -> Dossier:
    folder = tmp_path_factory.mktemp("web-real")
    (folder / "empty.txt").write_bytes(b"")
    dossier = Dossier.open(str(folder / "dossier.db"), config)
    summary = dossier.ingest([EXAMPLE, INPUTS, folder / "empty.txt"])
    assert summary.added >= 4 and summary.failures
    yield dossier
    dossier.close()


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory, config: Config) -> Dossier:
    dossier = Dossier.open(str(tmp_path_factory.mktemp("web-annotated") / "dossier.db"), config)
    summary = dossier.ingest([EXAMPLE])
    dossier.save(annotated_example(dossier.show(summary.report_ids[0])))
    yield dossier
    dossier.close()


@pytest.fixture(scope="module")
def client(real: Dossier) -> TestClient:
    with TestClient(create_app(real)) as c:
        yield c


@pytest.fixture(scope="module")
def annotated_client(annotated: Dossier) -> TestClient:
    with TestClient(create_app(annotated)) as c:
        yield c


def example_id(dossier: Dossier) -> str:
    return next(r.id for r in dossier.reports(limit=500) if r.title == TITLE)


def test_reports_page_and_its_json_twin(client: TestClient, real: Dossier) -> None:
    page = client.get("/reports")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert html.escape(TITLE, quote=False) in page.text
    data = client.get("/reports.json").json()
    assert len(data["reports"]) == len(real.reports(limit=500)) >= 4
    report = next(r for r in data["reports"] if r["title"] == TITLE)
    assert report["published"] == "2025-11-28" and report["published_source"] == "inferred"
    assert client.get(report["json_url"]).json()["report"]["title"] == TITLE
    assert f'href="{report["url"]}"' in page.text
    assert client.get("/").url.path == "/reports"


def test_full_text_search(client: TestClient) -> None:
    found = client.get("/reports.json", params={"q": "Hegseth second strike"}).json()["reports"]
    titles = {r["title"] for r in found}
    assert TITLE in titles and "Hegseth order on second strike questioned" in titles
    assert "U.S. declares Venezuelan airspace closed" not in titles
    page = client.get("/reports", params={"q": "xylophone quartz"})
    assert client.get("/reports.json", params={"q": "xylophone quartz"}).json()["reports"] == []
    assert "No report matches “xylophone quartz”" in page.text


def test_pages_of_reports(client: TestClient) -> None:
    first = client.get("/reports.json", params={"limit": 2}).json()
    second = client.get("/reports.json", params={"limit": 2, "offset": first["next_offset"]}).json()
    assert first["next_offset"] == 2 and len(first["reports"]) == 2
    assert not {r["id"] for r in first["reports"]} & {r["id"] for r in second["reports"]}
    assert "older →" in client.get("/reports", params={"limit": 2}).text
    assert client.get("/reports.json", params={"limit": 0}).status_code == 422


def test_report_page_shows_the_dossier_of_the_real_analysis(client: TestClient, real: Dossier) -> None:
    rid = example_id(real)
    analysis = real.show(rid)
    page = client.get(f"/reports/{rid}")
    assert page.status_code == 200
    dom = parse(page.text)
    assert f"<h1>{html.escape(TITLE, quote=False)}</h1>" in page.text
    for label in ("blog / aggregator", "wire", "AI engine", "video platform"):
        assert f">{label}</span>" in page.text
    for name in ("ZeroHedge.com", "Reuters.com", "BrightU.ai", "Brighteon.com"):
        assert any(text == name for _, text in dom.links)
    # every evidence link in the page points at an anchor in the text that holds exactly that span
    evidence_links = [a["href"] for a, _ in dom.links if a.get("class") == "evl"]
    assert len(evidence_links) >= len(analysis.report.key_points) + len(analysis.report.cited_sources)
    _assert_links_reach_their_text(evidence_links, dom, analysis.report.text)
    assert client.get(f"/reports/{rid}.json").json() == analysis_to_json(analysis)


def test_every_stored_report_renders_with_working_evidence_links(client: TestClient, real: Dossier) -> None:
    rows = real.reports(limit=500)
    assert {real.report(r.id).source_format for r in rows} >= {"text", "html", "feed", "jsonl"}
    for row in rows:
        page = client.get(f"/reports/{row.id}")
        assert page.status_code == 200, row.source_name
        dom = parse(page.text)
        links = [a["href"] for a, _ in dom.links if a.get("class") == "evl"]
        _assert_links_reach_their_text(links, dom, real.show(row.id).report.text)


def _assert_links_reach_their_text(hrefs: list[str], dom: Elements, text: str) -> None:
    for href in hrefs:
        start, end = map(int, re.fullmatch(r"#at-(\d+)-(\d+)", href).groups())  # type: ignore[union-attr]
        shown = dom.by_id[href[1:]]
        # the anchor wraps its whole span unless a crossing span cut it: then it is a prefix
        assert text[start:end].startswith(shown) and shown, href


def test_report_page_renders_every_section_with_data(annotated_client: TestClient, annotated: Dossier) -> None:
    rid = example_id(annotated)
    analysis = annotated.show(rid)
    page = annotated_client.get(f"/reports/{rid}").text
    dom = parse(page)
    links = {text: a["href"] for a, text in dom.links if a.get("class") == "evl"}
    # entities with roles, every fact linked to its sentence
    assert "Delcy Rodríguez" in links and "Vice President of Venezuela" in links
    assert dom.by_id[links["Delcy Rodríguez"][1:]] == "Delcy Rodríguez"
    # the deadline with its status and the evidence for the status
    assert ">passed</span>" in page and "as of 2025-11-29" in page
    assert dom.by_id[links["leave Venezuela voluntarily"][1:]].startswith("Trump gave Maduro until Friday, Nov. 28")
    # the timeline in date order: the call (Nov. 21) before the due date before Saturday
    timeline = page[page.index('id="timeline"') : page.index('id="claims"')]
    assert timeline.index("2025-11-21") < timeline.index("2025-11-28") < timeline.index("2025-11-29")
    assert "P1W" in timeline and "ultimatum" in timeline and "according to sources familiar with the Nov. 21 call" in timeline
    # the claim with its modality and sourcing, the attribution with its anonymous source
    claims = page[page.index('id="claims"') : page.index('id="attributions"')]
    assert ">reported</span>" in claims and "sources familiar with the Nov. 21 call" in claims and "0.91" in claims
    assert ">anonymous</span>" in page and "revealed" in page
    _assert_links_reach_their_text([a["href"] for a, _ in dom.links if a.get("class") == "evl"], dom, analysis.report.text)
    # the text pane holds the report text unchanged
    body = page[page.index('<div class="body" id="text">') + len('<div class="body" id="text">') :]
    body = body[: body.index("</div>\n</aside>")]
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == analysis.report.text


def test_actors_across_reports(annotated_client: TestClient, annotated: Dossier) -> None:
    rid = example_id(annotated)
    found = annotated_client.get("/entities.json", params={"q": "rodriguez"}).json()
    delcy = next(g for g in found if g["name"] == "Delcy Rodríguez")
    assert delcy["report_entities"] >= 1
    detail = annotated_client.get(delcy["url"] + ".json").json()
    link = next(r for r in detail["reports"] if r["entity_id"] == "e_delcy")
    assert link["report_id"] == rid and link["title"] == TITLE and link["reason"]
    assert link["url"].endswith(f"/reports/{rid}#ent-e_delcy")
    assert 'id="ent-e_delcy"' in annotated_client.get(f"/reports/{rid}").text
    page = annotated_client.get(delcy["url"]).text
    assert f'href="{link["url"]}"' in page and "<h1>Delcy Rodríguez</h1>" in page
    assert "Delcy Rodríguez" in annotated_client.get("/entities", params={"q": "Rodríguez"}).text
    assert annotated_client.get("/entities/nobody-at-all.json").status_code == 404


def test_evidence_page_and_twin(annotated_client: TestClient, annotated: Dossier) -> None:
    rid = example_id(annotated)
    deadline = annotated.show(rid).deadlines[0]
    start, end = deadline.status_evidence.start, deadline.status_evidence.end  # type: ignore[union-attr]
    data = annotated_client.get(f"/reports/{rid[:10]}/at/{start}-{end}.json").json()
    assert data["text"] == "The deadline passed without action" and data["report_id"] == rid
    assert data["url"].endswith(f"/reports/{rid}#at-{start}-{end}")
    page = annotated_client.get(f"/reports/{rid}/at/{start}-{end}")
    assert parse(page.text).by_id["hl"] == "The deadline passed without action"
    missing = annotated_client.get(f"/reports/{rid}/at/5-999999.json")
    assert missing.status_code == 404 and "characters" in missing.json()["detail"]


def test_unknown_report_is_a_404_page_or_json(client: TestClient) -> None:
    page = client.get("/reports/rnothere00")
    assert page.status_code == 404 and "dossier reports" in page.text and "<h1>Not found</h1>" in page.text
    data = client.get("/reports/rnothere00.json")
    assert data.status_code == 404 and data.json()["error"] == "NotFoundError"


def test_failures_page_and_twin(client: TestClient) -> None:
    failures = client.get("/failures.json").json()
    assert any(f["reason"] == "empty" and f["input"].endswith("empty.txt") for f in failures)
    page = client.get("/failures").text
    assert ">empty</span>" in page and "empty.txt" in page


def test_exports_download(client: TestClient, real: Dossier) -> None:
    kinds = {k["kind"]: k for k in client.get("/exports.json").json()}
    assert set(kinds) == {"jsonl", "csv", "parquet", "graphml", "ics", "claimreview", "timeml"}
    rid = example_id(real)
    ics = client.get("/export/ics", params={"report": rid})
    assert ics.headers["content-type"].startswith("text/calendar") and ics.content.startswith(b"BEGIN:VCALENDAR\r\n")
    tables = client.get(kinds["csv"]["url"])
    with zipfile.ZipFile(io.BytesIO(tables.content)) as archive:
        reports_csv = archive.read("reports.csv").decode("utf-8")
    assert TITLE in reports_csv and reports_csv.count("\n") == len(real.reports(limit=500)) + 1
    assert client.get("/export/xlsx").status_code == 400


def test_openapi_and_no_external_scripts(client: TestClient, real: Dossier) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/reports.json", "/reports/{report_id}.json", "/failures.json", "/exports.json", "/export/{kind}"):
        assert path in spec["paths"]
    assert spec["paths"]["/reports.json"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert client.get("/docs").status_code == 404  # the stock docs page loads from a CDN
    api = client.get("/api").text
    assert "/reports/{report_id}.json" in api
    report_urls = {r.url for r in (real.show(s.id).report for s in real.reports(limit=500)) if r.url}
    for url in ("/reports", f"/reports/{example_id(real)}", "/entities", "/failures", "/exports", "/api"):
        body = client.get(url).text
        assert "<script" not in body and "@import" not in body
        external = {u for u in re.findall(r'(?:href|src)="(https?://[^"]+)"', body) if not u.startswith("http://testserver/")}
        assert external <= report_urls, external  # only links to the reports' own pages, nothing loaded


def test_stories_are_not_linked_without_the_linking_facade(client: TestClient) -> None:
    if callable(getattr(Dossier, "stories", None)):
        pytest.skip("this facade links stories; the story pages are tested below")
    assert 'href="/stories"' not in client.get("/reports").text
    assert client.get("/stories").status_code == 404


def test_story_pages_use_the_facade_when_it_has_stories(real: Dossier) -> None:
    ids = tuple(r.id for r in real.reports(limit=500))

    class Linked(Dossier):
        def stories(self, *, limit: int = 50, offset: int = 0) -> list[Story]:
            return [Story("s1", "US-Venezuela standoff", ids)][offset : offset + limit]

        def story(self, story_id: str) -> Story:
            return self.stories()[0]

    linked = Linked(real.store, real.config)
    with TestClient(create_app(linked)) as c:
        assert 'href="/stories"' in c.get("/reports").text
        assert "US-Venezuela standoff" in c.get("/stories").text
        page = c.get("/stories/s1").text
        assert all(f'href="/reports/{rid}"' in page for rid in ids)
        assert c.get("/stories/s1.json").json()["report_ids"] == list(ids)


def test_create_app_opens_a_store_url(tmp_path: Path, real: Dossier) -> None:
    url = str(real.store.engine.url.database)
    with TestClient(create_app(url)) as c:
        assert c.get("/reports.json").json()["reports"]
    from dossier.errors import StoreError

    with pytest.raises(StoreError, match="dossier ingest"):
        create_app(str(tmp_path / "missing.db"))


@contextmanager
def serve(db: Path) -> Iterator[str]:
    """Run `dossier serve --db DB` on a free port of 127.0.0.1; yield its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    process = subprocess.Popen(
        [sys.executable, "-m", "dossier", "serve", "--db", str(db), "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    give_up = time.monotonic() + 90
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base}/reports.json", timeout=5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > give_up:
                    process.kill()
                    output = process.stdout.read().decode() if process.stdout else ""
                    raise RuntimeError(f"dossier serve did not start: {output[-2000:]}") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_command_serves_the_api(real: Dossier) -> None:
    with serve(Path(str(real.store.engine.url.database))) as base:
        with urllib.request.urlopen(f"{base}/reports.json?q=Hegseth", timeout=30) as response:
            data = json.load(response)
    assert TITLE in {r["title"] for r in data["reports"]}
    assert data["reports"][0]["url"].startswith(base + "/reports/")


# -- the text with anchored evidence --------------------------------------------------------------

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=25)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet="ab <&>\"'\n", min_size=0, max_size=60), pairs=spans)
def test_marks_keep_the_text_and_anchor_every_span(text: str, pairs: list[tuple[int, int]]) -> None:
    marks = [Mark(min(a, b), max(a, b), frozenset({"claim"})) for a, b in pairs]
    rendered = marked_html(text, marks)
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)) == text
    assert rendered.count("<span") == rendered.count("</span>")
    tokens = layout(text, marks)
    position, depth, starts = 0, 0, {}
    for kind, value in tokens:
        if kind == "text":
            position += len(value)  # type: ignore[arg-type]
        elif kind == "open":
            assert isinstance(value, Piece)
            assert value.start == position and value.mark.start <= value.start < value.end <= value.mark.end
            if value.first:
                starts[(value.mark.start, value.mark.end)] = value.start
            depth += 1
        else:
            assert isinstance(value, Piece) and value.end == position
            depth -= 1
        assert depth >= 0
    wanted = {(min(a, b), max(a, b)) for a, b in pairs if min(a, b) < max(a, b) <= len(text)}
    assert starts == {(s, e): s for s, e in wanted}
    assert all(rendered.count(f'id="at-{s}-{e}"') == 1 for s, e in starts)


def test_nested_and_crossing_marks() -> None:
    text = "Sources said Trump gave Maduro a week."
    marks = [Mark(0, 38, frozenset({"claim"})), Mark(13, 18, frozenset({"entity"})), Mark(8, 23, frozenset({"attribution"}))]
    rendered = marked_html(text, marks)
    dom = parse(f"<div>{rendered}</div>")
    assert dom.by_id["at-0-38"] == text and dom.by_id["at-13-18"] == "Trump" and dom.by_id["at-8-23"] == "said Trump gave"
    crossing = marked_html("abcdef", [Mark(0, 4), Mark(2, 6)])
    assert crossing == '<span class="ev" id="at-0-4">ab<span class="ev" id="at-2-6">cd</span></span><span class="ev cont" data-of="at-2-6">ef</span>'


def test_the_app_over_sqlite_and_postgresql(store_url: str, config: Config) -> None:
    with Dossier.open(store_url, config) as dossier:
        rid = dossier.ingest([EXAMPLE]).report_ids[0]
        with TestClient(create_app(dossier)) as c:
            found = c.get("/reports.json", params={"q": "Hegseth"}).json()["reports"]
            assert [r["id"] for r in found] == [rid]
            page = c.get(f"/reports/{rid}")
            assert page.status_code == 200 and html.escape(TITLE, quote=False) in page.text
            assert c.get(f"/reports/{rid}.json").json()["report"]["id"] == rid


def test_timeline_orders_weeks_among_days() -> None:
    from dossier.web.view import time_sort_key

    values = ["2025-11-29", "2025-W47", "2025-11-21", "2025-11", "2025-W48-WE", "2025-11-16"]
    assert sorted(values, key=time_sort_key) == ["2025-11", "2025-11-16", "2025-W47", "2025-11-21", "2025-W48-WE", "2025-11-29"]


def test_the_docs_name_what_the_app_and_exports_offer(client: TestClient) -> None:
    from dossier.export import EXPORTS

    doc = (ROOT / "docs" / "web-and-exports.md").read_text("utf-8")
    kinds = re.findall(r"^\| `(\w+)`(?:, `(\w+)`)? \|", doc, re.M)
    assert {k for pair in kinds for k in pair if k} == set(EXPORTS)
    paths = set(client.get("/openapi.json").json()["paths"])
    for twin in re.findall(r"`(/[a-z]+\.json)", doc):
        assert twin in paths or twin in ("/stories.json", "/openapi.json"), twin


def test_report_text_and_titles_are_escaped(tmp_path: Path, config: Config) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("<script>alert('t')</script> & co\n\nMaduro said <b>no</b> on Friday, Nov. 28, 2025.\n", "utf-8")
    with Dossier.open(str(tmp_path / "h.db"), config) as dossier:
        rid = dossier.ingest([hostile]).report_ids[0]
        with TestClient(create_app(dossier)) as c:
            for url in ("/reports", f"/reports/{rid}", "/reports?q=Maduro"):
                body = c.get(url).text
                assert "<script>" not in body and "<b>no</b>" not in body
            assert "&lt;b&gt;no&lt;/b&gt;" in c.get(f"/reports/{rid}").text


def test_story_pages_over_the_linking_code(tmp_path: Path, config: Config) -> None:
    story_inputs = ROOT / "tests" / "fixtures" / "story" / "reports.jsonl"
    if not callable(getattr(Dossier, "stories", None)) or not story_inputs.exists():
        pytest.skip("the linking code (Dossier.stories, tests/fixtures/story) is not in this tree")
    with Dossier.open(str(tmp_path / "story.db"), config) as dossier:
        dossier.ingest([EXAMPLE, story_inputs])
        if not dossier.stories():  # a tree that links on demand rather than on ingest
            dossier.link()  # type: ignore[attr-defined]
        with TestClient(create_app(dossier)) as c:
            stories = c.get("/stories.json").json()
            assert stories and max(s["reports"] for s in stories) >= 5
            story = max(stories, key=lambda s: s["reports"])
            document = c.get(f"/stories/{story['id']}.json").json()
            assert document["schema"] == "dossier.story/1"
            page = c.get(f"/stories/{story['id']}").text
            assert 'href="/stories"' in c.get("/reports").text and "Claims ledger" in page and "Contradictions" in page
            assert any(r["copy_of"] for r in document["reports"]) and ">rewrite</span>" in page
            links = sorted(set(re.findall(r'href="(/reports/\w+/at/\d+-\d+)#hl"', page)))
            assert len(links) >= 10
            for link in links:
                span = c.get(link + ".json")
                assert span.status_code == 200, link
