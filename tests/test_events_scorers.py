"""The evaluation scorers on tiny files in the corpora's formats (no dataset needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.evaluate.ecbplus_events import evaluate as evaluate_ecbplus
from dossier.evaluate.meantime_events import PRF
from dossier.evaluate.meantime_events import evaluate as evaluate_meantime

TOKENS = ["Rebels", "attacked", "the", "town", "and", "fled", "."]


def _tokens(sentence_of: list[int]) -> str:
    return "\n".join(
        f'<token t_id="{i + 1}" sentence="{s}" number="{i}">{w}</token>' for i, (w, s) in enumerate(zip(TOKENS, sentence_of))
    )


def test_prf_counts() -> None:
    counts = PRF(correct_p=3, predicted=4, correct_r=3, gold=6)
    assert (counts.precision, counts.recall) == (0.75, 0.5)
    assert counts.f1 == pytest.approx(0.6)
    assert PRF().f1 == 0.0


def test_meantime_scorer(tmp_path: Path, config) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "intra-doc_annotation" / "corpus_x"
    folder.mkdir(parents=True)
    (folder / "1_test.xml").write_text(
        f"""<?xml version="1.0" ?><Document doc_id="1" doc_name="1_test" lang="en">
{_tokens([0] * len(TOKENS))}
<Markables>
<ENTITY_MENTION m_id="1"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2"><token_anchor t_id="3"/><token_anchor t_id="4"/></ENTITY_MENTION>
<EVENT_MENTION m_id="3"><token_anchor t_id="2"/></EVENT_MENTION>
<EVENT_MENTION m_id="4"><token_anchor t_id="6"/></EVENT_MENTION>
</Markables>
<Relations>
<HAS_PARTICIPANT r_id="5" sem_role="Arg0"><source m_id="3"/><target m_id="1"/></HAS_PARTICIPANT>
<HAS_PARTICIPANT r_id="6" sem_role="Arg1"><source m_id="3"/><target m_id="2"/></HAS_PARTICIPANT>
<HAS_PARTICIPANT r_id="7" sem_role="Argm-LOC"><source m_id="4"/><target m_id="2"/></HAS_PARTICIPANT>
</Relations>
</Document>""",
        "utf-8",
    )
    result = evaluate_meantime(tmp_path, limit=None, config=config)
    rows = {row["layer"]: row for row in result.rows}
    events = rows["event mentions (strict: same tokens)"]
    assert (events["gold"], events["predicted"], events["P"], events["R"]) == (2, 2, 1.0, 1.0)
    labelled = rows["participants Arg0-2 (labelled role)"]
    assert labelled["gold"] == 2, "Argm-LOC is not a core participant"
    assert labelled["R"] == 1.0


def test_ecbplus_scorer_reads_only_selected_sentences(tmp_path: Path, config) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "1").mkdir()
    (tmp_path / "1" / "1_1ecb.xml").write_text(
        f"""<Document doc_name="1_1ecb.xml" doc_id="x">
{_tokens([1, 1, 1, 1, 1, 1, 1])}
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<NEG_ACTION_OCCURRENCE m_id="2"><token_anchor t_id="6"/></NEG_ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="3"><token_anchor t_id="1"/></HUMAN_PART_PER>
</Markables>
<Relations></Relations>
</Document>""",
        "utf-8",
    )
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text("Topic,File,Sentence Number\n1,1ecb,1\n", "utf-8")
    result = evaluate_ecbplus(tmp_path, limit=None, config=config)
    strict = result.rows[0]
    assert (strict["gold"], strict["predicted"], strict["P"], strict["R"]) == (2, 2, 1.0, 1.0)
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text("Topic,File,Sentence Number\n1,1ecb,0\n", "utf-8")
    empty = evaluate_ecbplus(tmp_path, limit=None, config=config).rows[0]
    assert empty["gold"] == 0 and empty["predicted"] == 0


TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>t1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-11" functionInDocument="CREATION_TIME">1998-08-11</TIMEX3></DCT>
<TEXT>Police <EVENT eid="e1" class="OCCURRENCE">raided</EVENT> two homes on <TIMEX3 tid="t1" type="DATE" value="1998-09-02">Sept. 2</TIMEX3> and <EVENT eid="e2" class="OCCURRENCE">searched</EVENT> for a suspect. Officials <EVENT eid="e3" class="REPORTING">said</EVENT> the man <EVENT eid="e4" class="OCCURRENCE">fled</EVENT> <TIMEX3 tid="t2" type="DATE" value="1998-08-10">Monday</TIMEX3>.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="INCLUDES" timeID="t1" relatedToEventInstance="ei2"/>
<TLINK lid="l3" relType="IS_INCLUDED" eventInstanceID="ei4" relatedToTime="t2"/>
<TLINK lid="l4" relType="BEFORE" eventInstanceID="ei4" relatedToTime="t0"/>
</TimeML>
"""


def test_timeml_reader_keeps_events_and_turns_time_side_links_round() -> None:
    from dossier.evaluate.tempeval import EventTimeLink, parse_timeml

    doc = parse_timeml(TIMEML)
    assert [(e.eid, doc.text[e.start : e.end]) for e in doc.events] == [
        ("e1", "raided"), ("e2", "searched"), ("e3", "said"), ("e4", "fled")]
    assert EventTimeLink("e2", "IS_INCLUDED", "t1") in doc.event_time_links, "t1 INCLUDES ei2 read from the event's side"
    assert EventTimeLink("e4", "BEFORE", "t0") in doc.event_time_links
    assert doc.dct_tid == "t0"


def test_eventtime_scorer_counts_links_against_gold(tmp_path: Path, config) -> None:  # type: ignore[no-untyped-def]
    from dossier.evaluate.eventtime import evaluate as evaluate_eventtime

    (tmp_path / "t1.tml").write_text(TIMEML, "utf-8")
    result = evaluate_eventtime(tmp_path, limit=None, config=config)
    rows = {row["layer"]: row for row in result.rows}
    all_links = rows["event-time links, all gold links"]
    assert all_links["gold"] == 3, "the link to the DCT is not scored"
    # raided <- Sept. 2, searched <- Sept. 2 (coordinated with a dated verb), fled <- Monday
    assert (all_links["predicted"], all_links["P"], all_links["R"]) == (3, 1.0, 1.0)
