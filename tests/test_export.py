"""Exports of a real store: each format written, then read back with an independent parser.

The store is filled by the real ingest of the bundled example.  Until every
analyser lands, that analysis has few objects, so the round trips also run over
``annotated_example``: the example's own analysis with hand-made entities,
timexes, an attribution, a claim, an event and a deadline at real offsets of its
text (found with ``str.find``, checked against the text).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, assert_spans_match
from dossier.config import Config
from dossier.core import Dossier
from dossier.errors import ConfigError
from dossier.export import EXPORTS, export_analyses, get_export
from dossier.export.graph import build_network, sentence_bounds
from dossier.export.ics import escape_text, fold_line
from dossier.export.tables import TABLES
from dossier.model import (
    Analysis,
    Attribution,
    Claim,
    Deadline,
    Entity,
    Event,
    Evidence,
    Mention,
    Participant,
    Role,
    Source,
    Span,
    Timex,
)
from dossier.serialize import analysis_from_json, analysis_to_json

HAND = "test.hand.v1"


def _at(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.find(needle, after)
    assert start >= 0, f"{needle!r} not in the example"
    return start, start + len(needle)


def annotated_example(analysis: Analysis) -> Analysis:
    """The example's analysis plus hand-made objects at real offsets of its text."""
    report = analysis.report
    text = report.text
    body = report.paragraphs[0].start if report.paragraphs else 0

    def span(needle: str, after: int = body) -> Span:
        return Span.of(text, *_at(text, needle, after))

    def evidence(s: Span) -> Evidence:
        return Evidence.of(report, s.start, s.end, HAND)

    def entity(eid: str, name: str, type_: str, surface: str, roles: tuple[Role, ...] = ()) -> Entity:
        mentions, pos = [], body
        while (found := text.find(surface, pos)) >= 0:
            mentions.append(Mention(Span.of(text, found, found + len(surface)), type_))
            pos = found + len(surface)
        return Entity(eid, name, type_, tuple(mentions), evidence(mentions[0].span), roles, key=name.lower())

    vp = span("Vice President Delcy Rodríguez")
    entities = (
        entity("e_maduro", "Nicolás Maduro", "person", "Maduro"),
        entity("e_trump", "Donald Trump", "person", "Trump"),
        entity("e_delcy", "Delcy Rodríguez", "person", "Delcy Rodríguez",
               (Role("Vice President", "Venezuela", Span.of(text, vp.start, vp.start + 14)),)),
        entity("e_hegseth", "Pete Hegseth", "person", "Hegseth"),
        entity("e_venezuela", "Venezuela", "place", "Venezuela"),
    )  # fmt: skip
    call = span("Nov. 21")
    friday = span("Friday, Nov. 28")
    saturday = span("Saturday", friday.end)
    week = span("one-week")
    timexes = (
        Timex("t_call", "DATE", "2025-11-21", evidence(call), "day", "2025-11-28", "dct"),
        Timex("t_due", "DATE", "2025-11-28", evidence(friday), "day", note="weekday agrees with the date"),
        Timex("t_sat", "DATE", "2025-11-29", evidence(saturday), "day", "2025-11-28", "narrative"),
        Timex("t_week", "DURATION", "P1W", evidence(week)),
    )
    sources = span("Sources familiar with the Nov. 21 call")
    cue = span("revealed")
    content = span("Trump gave Maduro until Friday, Nov. 28, to leave Venezuela voluntarily")
    sentence = Span.of(text, sources.start, text.find(".", content.end) + 1)
    anonymous = Source("anonymous", "sources familiar with the Nov. 21 call", sources,
                       descriptor="sources familiar with the Nov. 21 call", basis="the Nov. 21 call")  # fmt: skip
    attribution = Attribution("a_call", anonymous, cue, content, evidence(sentence), stance="reported")
    claim = Claim("c_deadline", content.text, evidence(content), "reported", "attributed", 0.91, "a_call")
    gave = span("gave", sources.start)
    trump, maduro = span("Trump", sources.start), span("Maduro", sources.start)
    event = Event(
        "v_ultimatum", "ultimatum", gave, evidence(sentence),
        (Participant("agent", "Trump", trump, "e_trump"), Participant("target", "Maduro", maduro, "e_maduro")),
        timex_id="t_due", time="2025-11-28", modality="reported", attribution_id="a_call",
    )  # fmt: skip
    passed = span("The deadline passed without action")
    deadline = Deadline(
        "d_leave", "Donald Trump", "Nicolás Maduro", "leave Venezuela voluntarily", "2025-11-28", evidence(content),
        consequence="Venezuelan airspace declared “closed”", status="passed", status_as_of="2025-11-29",
        status_evidence=evidence(passed), event_ids=("v_ultimatum",),
    )  # fmt: skip
    return dataclasses.replace(
        analysis, entities=entities, timexes=timexes, attributions=(attribution,), claims=(claim,),
        events=(event,), deadlines=(deadline,),
    )  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, config: Config) -> Dossier:
    path = tmp_path_factory.mktemp("export") / "dossier.db"
    dossier = Dossier.open(str(path), config)
    summary = dossier.ingest([EXAMPLE])
    assert summary.added == 1
    dossier.save(annotated_example(dossier.show(summary.report_ids[0])))
    yield dossier
    dossier.close()


@pytest.fixture(scope="module")
def stored(db: Dossier) -> Analysis:
    (row,) = db.reports()
    return db.show(row.id)


def test_the_hand_annotations_point_into_the_text(stored: Analysis) -> None:
    assert assert_spans_match(stored.report.text, analysis_to_json(stored)) > 20
    assert len(stored.deadlines) == 1 and stored.deadlines[0].status == "passed"


def test_jsonl_round_trips_the_analysis(db: Dossier, stored: Analysis, tmp_path: Path) -> None:
    result = db.export("jsonl", tmp_path / "out.jsonl")
    lines = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    assert result.counts == {"reports": 1} and len(lines) == 1
    document = json.loads(lines[0])
    assert document["schema"] == "dossier.report/1"
    assert analysis_from_json(document) == stored


@pytest.mark.parametrize("target", ["tables", "tables.zip"])
def test_csv_has_one_table_per_kind(db: Dossier, stored: Analysis, tmp_path: Path, target: str) -> None:
    path = tmp_path / target
    result = db.export("csv", path)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            assert sorted(archive.namelist()) == sorted(f"{t}.csv" for t in TABLES)
            read = {t: archive.read(f"{t}.csv").decode("utf-8") for t in TABLES}
    else:
        read = {t: (path / f"{t}.csv").read_text("utf-8") for t in TABLES}
    tables = {t: list(csv.DictReader(io.StringIO(body))) for t, body in read.items()}
    for table, columns in TABLES.items():
        assert list(csv.DictReader(io.StringIO(read[table])).fieldnames or []) == [c for c, _ in columns]
        assert result.counts[table] == len(tables[table])
    text = stored.report.text
    assert tables["reports"][0]["title"] == stored.report.title
    assert [r["name"] for r in tables["cited_sources"]] == ["ZeroHedge.com", "Reuters.com", "BrightU.ai", "Brighteon.com"]
    assert len(tables["key_points"]) == 5
    (deadline,) = tables["deadlines"]
    assert (deadline["due"], deadline["status"]) == ("2025-11-28", "passed")
    for table in ("entities", "timexes", "claims", "mentions", "deadlines"):
        for row in tables[table]:
            assert text[int(row["start"]) : int(row["end"])] == (row.get("text") or text[int(row["start"]) : int(row["end"])])
    assert {r["entity_id"] for r in tables["mentions"]} == {e.id for e in stored.entities}
    assert tables["attributions"][0]["source_kind"] == "anonymous"


def test_parquet_tables_read_back_with_pyarrow(db: Dossier, stored: Analysis, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    result = db.export("parquet", tmp_path / "pq")
    for table, columns in TABLES.items():
        read = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert read.column_names == [c for c, _ in columns]
        assert read.num_rows == result.counts[table]
    timexes = pq.read_table(tmp_path / "pq" / "timexes.parquet").to_pylist()
    assert sorted(t["value"] for t in timexes) == sorted(t.value for t in stored.timexes)
    assert str(pq.read_table(tmp_path / "pq" / "claims.parquet").schema.field("checkworthiness").type) == "double"
    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows == 1


def test_parquet_without_pyarrow_says_what_to_install(
    stored: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("pyarrow"):
            raise ImportError("No module named 'pyarrow'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(ConfigError, match=r"pip install 'dossier\[export\]'"):
        export_analyses("parquet", [stored], tmp_path / "pq")


def test_graphml_actors_network(db: Dossier, stored: Analysis, tmp_path: Path) -> None:
    result = db.export("graphml", tmp_path / "actors.graphml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(tmp_path / "actors.graphml").getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
    graph = root.find("g:graph", ns)
    assert graph is not None and graph.get("edgedefault") == "undirected"

    def data(element: ET.Element) -> dict[str, str]:
        return {keys[d.get("key")]: d.text or "" for d in element.findall("g:data", ns)}

    nodes = {n.get("id"): data(n) for n in graph.findall("g:node", ns)}
    assert {n["label"] for n in nodes.values()} == {e.name for e in stored.entities}
    assert len(nodes) == result.counts["nodes"]
    edges = {frozenset((nodes[e.get("source")]["label"], nodes[e.get("target")]["label"])): data(e)
             for e in graph.findall("g:edge", ns)}  # fmt: skip
    trump_maduro = edges[frozenset({"Donald Trump", "Nicolás Maduro"})]
    assert int(trump_maduro["events"]) == 1 and "ultimatum:1" in trump_maduro["event_types"]
    assert int(trump_maduro["weight"]) == int(trump_maduro["sentences"]) + 1
    # every evidence reference points at a piece of text that mentions both actors
    text = stored.report.text
    for reference in trump_maduro["evidence"].split():
        rid, offsets = reference.split(":")
        start, end = map(int, offsets.split("-"))
        assert rid == stored.report.id and "Trump" in text[start:end] and "Maduro" in text[start:end]
    # Hegseth and Rodríguez never share a sentence
    assert frozenset({"Pete Hegseth", "Delcy Rodríguez"}) not in edges


def test_network_nodes_merge_across_reports(stored: Analysis) -> None:
    other = dataclasses.replace(stored.report, id="r_other")
    second = dataclasses.replace(stored, report=other)
    network = build_network([stored, second])
    maduro = next(n for n in network.nodes.values() if n.label == "Nicolás Maduro")
    assert maduro.reports == {stored.report.id, "r_other"}
    assert maduro.mentions == 2 * len(stored.entities[0].mentions)


def _parse_ics(raw: bytes) -> list[dict[str, str]]:
    """A small iCalendar reader: CRLF lines, unfolding, one dict per VEVENT (property name → value)."""
    text = raw.decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.replace("\r\n ", "").split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    events: list[dict[str, str]] = []
    for line in lines:
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and line and line != "END:VEVENT":
            name, _, value = line.partition(":")
            events[-1][name] = value
    return events


def _unescape(value: str) -> str:
    return value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")


def test_ics_has_one_vevent_per_deadline(db: Dossier, stored: Analysis, tmp_path: Path) -> None:
    result = db.export("ics", tmp_path / "deadlines.ics")
    raw = (tmp_path / "deadlines.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    (event,) = _parse_ics(raw)
    assert result.counts == {"deadlines": 1}
    assert event["DTSTART;VALUE=DATE"] == "20251128" and event["DTEND;VALUE=DATE"] == "20251129"
    assert event["X-DOSSIER-STATUS"] == "passed" and event["UID"] == "d_leave@dossier"
    description = _unescape(event["DESCRIPTION"])
    assert "Status: passed as of 2025-11-29" in description
    assert "The deadline passed without action" in description  # the status evidence
    assert stored.deadlines[0].evidence.text in description
    assert "leave Venezuela voluntarily" in _unescape(event["SUMMARY"])


def test_ics_skips_deadlines_without_a_calendar_date(stored: Analysis, tmp_path: Path) -> None:
    weekly = dataclasses.replace(stored.deadlines[0], id="d_week", due="2025-W48")
    result = export_analyses("ics", [dataclasses.replace(stored, deadlines=(weekly, stored.deadlines[0]))], tmp_path / "d.ics")
    assert result.counts == {"deadlines": 1} and result.skipped == {"no_calendar_date": 1}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=300))
def test_ics_text_escaping_and_folding_round_trip(value: str) -> None:
    line = "DESCRIPTION:" + escape_text(value)
    folded = fold_line(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert _unescape(folded.replace("\r\n ", "").removeprefix("DESCRIPTION:")) == value


def test_claimreview_json_ld_invents_no_rating(db: Dossier, stored: Analysis, tmp_path: Path) -> None:
    db.export("claimreview", tmp_path / "claims.jsonld")
    document = json.loads((tmp_path / "claims.jsonld").read_text("utf-8"))
    assert "https://schema.org" in document["@context"]
    (review,) = document["@graph"]
    assert review["@type"] == "ClaimReview" and "reviewRating" not in review and "author" not in review
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim" and review["claimReviewed"] == stored.claims[0].text
    assert claim["author"]["name"] == "sources familiar with the Nov. 21 call" and claim["author"]["dossier:anonymous"]
    assert claim["appearance"]["headline"] == stored.report.title
    ev = review["dossier:evidence"]
    assert stored.report.text[ev["start"] : ev["end"]] == ev["text"]


def test_claimreview_uses_user_ratings_only(db: Dossier, tmp_path: Path) -> None:
    ratings = {"c_deadline": {"ratingValue": 4, "bestRating": 5, "worstRating": 1, "alternateName": "Mostly true",
                              "author": "Example Fact Check"}}  # fmt: skip
    result = db.export("claimreview", tmp_path / "claims.jsonld", ratings=ratings)
    (review,) = json.loads((tmp_path / "claims.jsonld").read_text("utf-8"))["@graph"]
    assert result.counts == {"claims": 1, "rated": 1}
    assert review["reviewRating"] == {"@type": "Rating", "ratingValue": 4, "bestRating": 5, "worstRating": 1,
                                      "alternateName": "Mostly true"}  # fmt: skip
    assert review["author"] == {"@type": "Organization", "name": "Example Fact Check"}


def test_timeml_keeps_the_text_and_tags_each_timex(db: Dossier, stored: Analysis, tmp_path: Path) -> None:
    result = db.export("timeml", tmp_path / "tml.zip")
    with zipfile.ZipFile(tmp_path / "tml.zip") as archive:
        (name,) = archive.namelist()
        root = ET.fromstring(archive.read(name))
    assert name == f"{stored.report.id}.tml" and result.counts == {"reports": 1, "timexes": 4}
    assert root.findtext("DOCID") == stored.report.id
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.get("value") == stored.report.published.value
    body = root.find("TEXT")
    assert body is not None and "".join(body.itertext()) == stored.report.text
    tags = body.findall("TIMEX3")
    assert [(t.text, t.get("value"), t.get("type")) for t in tags] == [
        (t.evidence.text, t.value, t.type) for t in sorted(stored.timexes, key=lambda t: t.evidence.start)
    ]
    assert tags[0].get("anchorTimeID") == "t0"  # "Nov. 21" was resolved against the DCT


def test_timeml_reads_back_with_the_tempeval_reader(stored: Analysis, tmp_path: Path) -> None:
    from dossier.evaluate.tempeval import read_timeml

    export_analyses("timeml", [stored], tmp_path / "one.tml")
    document = read_timeml(tmp_path / "one.tml")
    assert document.text == stored.report.text and document.dct == stored.report.published.value
    assert [(t.start, t.end, t.value) for t in document.timexes] == sorted(
        (t.evidence.start, t.evidence.end, t.value) for t in stored.timexes
    )


def test_timeml_leaves_out_overlapping_timexes(stored: Analysis, tmp_path: Path) -> None:
    due = next(t for t in stored.timexes if t.id == "t_due")
    inner = dataclasses.replace(due, id="t_inner", evidence=dataclasses.replace(
        due.evidence, start=due.evidence.start + 8, text=stored.report.text[due.evidence.start + 8 : due.evidence.end]))  # fmt: skip
    result = export_analyses("timeml", [dataclasses.replace(stored, timexes=(*stored.timexes, inner))], tmp_path / "one.tml")
    assert result.skipped == {"overlapping": 1} and result.counts["timexes"] == 4
    body = ET.parse(tmp_path / "one.tml").getroot().find("TEXT")
    assert body is not None and "".join(body.itertext()) == stored.report.text


def test_export_of_selected_reports_and_unknown_kinds(db: Dossier, stored: Analysis, tmp_path: Path) -> None:
    assert db.export("jsonl", tmp_path / "one.jsonl", [stored.report.id[:8]]).counts == {"reports": 1}
    with pytest.raises(ConfigError, match="choose one of: jsonl, csv, parquet"):
        db.export("xlsx", tmp_path / "x.xlsx")
    assert get_export("ical") is EXPORTS["ics"] and get_export("JSON-LD") is EXPORTS["claimreview"]


def test_sentence_bounds_cut_at_sentence_ends() -> None:
    text = "Trump spoke. Maduro replied “no.” Then\nRodríguez left on Nov. 28 for the U.S. Congress. End"
    starts = sentence_bounds(text)
    assert [text[s : s + 5] for s in starts] == ["Trump", "Madur", "Then\n", "Rodrí", "End"]


def test_export_command_through_the_entry_point(db: Dossier, tmp_path: Path) -> None:
    import subprocess
    import sys

    url = str(db.store.engine.url.database)
    ratings = tmp_path / "ratings.json"
    ratings.write_text(json.dumps({"c_deadline": {"ratingValue": 1}}), "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "dossier", "export", "claimreview", str(tmp_path / "c.jsonld"), "--db", url,
         "--ratings", str(ratings), "--format", "json"],
        capture_output=True, text=True, timeout=120, env=_env(),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["counts"] == {"claims": 1, "rated": 1}
    bad = subprocess.run([sys.executable, "-m", "dossier", "export", "pdf", str(tmp_path / "x.pdf"), "--db", url],
                         capture_output=True, text=True, timeout=120, env=_env())  # fmt: skip
    assert bad.returncode == 2 and "no export 'pdf'; choose one of: jsonl" in bad.stderr


def _env() -> dict[str, str]:
    import os

    from conftest import ROOT

    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}
