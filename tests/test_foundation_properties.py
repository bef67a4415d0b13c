"""Invariants of the foundation, over generated texts (hypothesis).

- every span that plain-text structure parsing produces points at its own text;
- structure parsing never loses a character of the body (spans are disjoint and in order);
- ids are content hashes: the same input gives the same report id;
- the JSON contract round-trips exactly.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import assert_spans_match
from dossier.acquire.report import build_report
from dossier.config import Config
from dossier.model import Analysis
from dossier.serialize import analysis_from_json, analysis_to_json

CONFIG = Config(today="2026-11-24")

words = st.sampled_from(
    ["Maduro", "Trump", "said", "Nov. 28", "Friday,", "the", "deadline", "Reuters.com", "“closed,”",
     "Rodríguez", "airspace", "—", "sources", "2025", "Caracas", "é", "\t", "BrightU.ai"]
)
line = st.lists(words, min_size=0, max_size=12).map(" ".join)
bullet = line.map(lambda s: f"  • {s}")
block = st.one_of(line, bullet, st.just("Sources include:"), st.just(""), st.just("Read full article here"))
document = st.lists(block, min_size=1, max_size=25).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_structure_spans_point_at_their_text(text: str) -> None:
    report = build_report(text, config=CONFIG, language="en")
    data = analysis_to_json(Analysis(report=report))
    assert_spans_match(report.text, data)
    spans = sorted([*report.key_points, *report.paragraphs, *report.headings], key=lambda s: s.start)
    for left, right in zip(spans, spans[1:]):
        assert left.end <= right.start, "structure spans overlap"


@settings(max_examples=60, deadline=None)
@given(document, st.sampled_from([None, "https://www.reuters.com/world/americas/2025/11/29/x/"]))
def test_ids_are_content_hashes(text: str, url: str | None) -> None:
    first = build_report(text, config=CONFIG, url=url, language="en")
    again = build_report(text, config=CONFIG, url=url, language="en")
    assert first.id == again.id and first.id.startswith("r")
    assert build_report(text + " more", config=CONFIG, url=url, language="en").id != first.id


@settings(max_examples=60, deadline=None)
@given(document)
def test_json_contract_round_trips(text: str) -> None:
    analysis = Analysis(report=build_report(text, config=CONFIG, language="en"))
    assert analysis_from_json(analysis_to_json(analysis)) == analysis


def test_body_keeps_every_character_of_the_example(example_text: str) -> None:
    report = build_report(example_text, config=CONFIG)
    body = "".join(p.text for p in report.paragraphs)
    for sentence in ("Venezuelan President Nicolás Maduro’s attempt", "awaiting a resolution that may come too late"):
        assert sentence in body
    assert report.title and report.text.startswith(report.title)


def _ids_are_unique_per_kind(analysis: Analysis) -> None:
    for kind in ("entities", "timexes", "attributions", "claims", "events", "deadlines"):
        ids = [obj.id for obj in getattr(analysis, kind)]
        assert len(ids) == len(set(ids)), f"{kind}: duplicate ids {sorted(i for i in ids if ids.count(i) > 1)}"


def test_ids_are_unique_per_kind_on_real_reports(example_analysis: Analysis) -> None:
    # A repeated id makes the store refuse the whole report (UNIQUE constraint), as a
    # ScrapingHub page with two cues framing one quotation once did.
    _ids_are_unique_per_kind(example_analysis)


def test_ids_are_unique_on_the_page_that_repeated_a_claim_id() -> None:
    import pytest

    from conftest import SHARED_DATA
    from dossier.acquire.readers import read_paths
    from dossier.analyse.pipeline import analyse_report

    page = SHARED_DATA / "scrapinghub" / "html" / "57d46c9d751e3fd3ffaf3ede7ac20cebd30eacb5ea78e1a6aa0a72059244e7ca.html.gz"
    if not page.exists():
        pytest.skip(f"{page} not present")
    (item,) = list(read_paths([page], CONFIG))
    _ids_are_unique_per_kind(analyse_report(item.report, CONFIG))
