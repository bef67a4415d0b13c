"""TimeML reading, the TempEval-3 scorer, TimeML export round trip and the evaluation commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analyse.time import timexes_of
from dossier.analyse.time.timeml import to_timeml
from dossier.config import Config
from dossier.evaluate.tempeval import GoldTimex, Scores, evaluate_tempeval, parse_timeml, score
from dossier.model import Published, Report

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "tempeval3-train"

SAMPLE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>wsj_0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1989-10-27" temporalFunction="false" functionInDocument="CREATION_TIME">10/27/89</TIMEX3></DCT>
<TEXT>
Profit <EVENT eid="e1" class="OCCURRENCE">rose</EVENT> in <TIMEX3 tid="t1" type="DATE" value="1989-Q3">the third quarter</TIMEX3> &amp; fell <TIMEX3 tid="t2" type="DURATION" value="P2Y">two years</TIMEX3> later.
</TEXT>
</TimeML>
"""


def test_reader_strips_tags_and_keeps_offsets() -> None:
    doc = parse_timeml(SAMPLE)
    assert doc.doc_id == "wsj_0001" and doc.dct == "1989-10-27"
    assert doc.text == "\nProfit rose in the third quarter & fell two years later.\n"
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("the third quarter", "DATE", "1989-Q3"),
        ("two years", "DURATION", "P2Y"),
    ]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text


def _t(start: int, end: int, type_: str = "DATE", value: str = "X") -> GoldTimex:
    return GoldTimex(start, end, "", type_, value)


def test_scorer_follows_the_tempeval3_definitions() -> None:
    gold = [_t(0, 10, "DATE", "1989-Q3"), _t(20, 30, "DURATION", "P2Y"), _t(40, 45, "DATE", "1989")]
    system = [_t(0, 10, "DATE", "1989-Q3"), _t(22, 30, "DATE", "P2Y"), _t(50, 55, "DATE", "1990")]
    scores = Scores()
    scores.add(system, gold)
    f = scores.figures()
    assert (scores.strict, scores.relaxed, scores.type_ok, scores.value_ok) == (1, 2, 1, 2)
    assert f["strict P"] == pytest.approx(1 / 3) and f["strict R"] == pytest.approx(1 / 3)
    assert f["relaxed F1"] == pytest.approx(2 / 3)
    assert f["value F1"] == pytest.approx(2 / 3)
    assert f["type accuracy"] == pytest.approx(0.5)
    assert f["type F1"] == pytest.approx(1 / 3)


def test_scorer_matches_one_to_one() -> None:
    # Two system pieces of one gold expression: only one of them counts.
    scores = score([([_t(0, 5), _t(6, 10)], [_t(0, 10)])])
    assert (scores.relaxed, scores.system, scores.gold) == (1, 2, 1)


def test_timeml_export_round_trips_through_the_reader() -> None:
    text = "Sources said Trump gave Maduro until Friday, Nov. 28 & R&D fell <5%> last week.\r\nNow: one-week window."
    report = Report(id="r42", text=text, published=Published("2025-11-29", "metadata"))
    timexes = timexes_of(report)
    assert len(timexes) >= 3
    doc = parse_timeml(to_timeml(report, timexes))
    assert doc.text == text and doc.dct == "2025-11-29" and doc.doc_id == "r42"
    assert [(g.start, g.end, g.type, g.value) for g in doc.timexes] == [
        (t.evidence.start, t.evidence.end, t.type, t.value) for t in timexes
    ]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_export_round_trips_any_text(text: str) -> None:
    report = Report(id="r", text=text, published=Published("2025-11-28", "user"))
    timexes = timexes_of(report)
    doc = parse_timeml(to_timeml(report, timexes))
    invalid = {c for c in text if ord(c) < 32 and c not in "\t\n\r" or c in "\ufffe\uffff"}
    expected = "".join("\ufffd" if c in invalid else c for c in text)
    assert doc.text == expected
    assert [(g.start, g.end, g.value) for g in doc.timexes] == [(t.evidence.start, t.evidence.end, t.value) for t in timexes]


@pytest.mark.data
def test_evaluation_runs_on_a_few_tempeval_documents() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared/data/tempeval3-train not present")
    result = evaluate_tempeval(SHARED, limit=5, config=Config(today="2026-11-24"))
    (row,) = result.rows
    assert result.name == "tempeval" and "5 TimeML documents" in result.dataset
    assert 0.5 < row["relaxed F1"] <= 1.0 and 0.3 < row["value F1"] <= row["relaxed F1"]
