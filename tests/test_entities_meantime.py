"""The MEANTIME reader and a small smoke run of the evaluation (skipped without the data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED_DATA
from dossier.evaluate.meantime_entities import ANNOTATED_SENTENCES, evaluate, read_document

MEANTIME = SHARED_DATA / "meantime"

SAMPLE = """<?xml version="1.0" ?><Document doc_id="7" doc_name="7_x" lang="en" url="u">
<token number="0" sentence="0" t_id="1">Apple</token>
<token number="1" sentence="0" t_id="2">CEO</token>
<token number="2" sentence="0" t_id="3">Steve</token>
<token number="3" sentence="0" t_id="4">Jobs</token>
<token number="4" sentence="0" t_id="5">'s</token>
<token number="5" sentence="0" t_id="6">plan</token>
<token number="6" sentence="1" t_id="7">Jobs</token>
<token number="7" sentence="1" t_id="8">spoke</token>
<token number="8" sentence="1" t_id="9">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM" head="Jobs"><token_anchor t_id="3"/><token_anchor t_id="4"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="7"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="PRE.NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY TAG_DESCRIPTOR="Steve Jobs" ent_type="PER" instance_id="PER1" m_id="10"/>
<ENTITY TAG_DESCRIPTOR="Apple" ent_type="ORG" instance_id="ORG1" m_id="11"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="3"/><target m_id="11"/></REFERS_TO>
</Relations>
</Document>
"""


def test_reader_rebuilds_text_offsets_and_instances(tmp_path: Path) -> None:
    path = tmp_path / "7_x.xml"
    path.write_text(SAMPLE, "utf-8")
    doc = read_document(path)
    assert doc.text == "Apple CEO Steve Jobs's plan\nJobs spoke."
    by_id = {m.id: m for m in doc.mentions}
    jobs = by_id["7:1"]
    start, end = doc.token_spans[jobs.first][0], doc.token_spans[jobs.last][1]
    assert doc.text[start:end] == "Steve Jobs" and jobs.type == "PER" and jobs.instance == "PER1"
    assert by_id["7:2"].instance == "PER1" and by_id["7:3"].type == "ORG"
    assert doc.tokens_of(start, end) == (2, 3) and doc.annotated(8) and ANNOTATED_SENTENCES == 5


@pytest.mark.data
@pytest.mark.skipif(not MEANTIME.is_dir(), reason="MEANTIME not found under ../shared/data")
def test_smoke_run_on_two_documents(config) -> None:  # type: ignore[no-untyped-def]
    result = evaluate(MEANTIME, limit=2, config=config)
    rows = {(r["layer"], r["type"], r["match"]): r for r in result.rows}
    untyped = rows[("mentions", "untyped", "head")]
    assert untyped["gold"] > 10 and 0.0 < untyped["F1"] <= 1.0
    across = rows[("across reports", "all", "head")]
    assert 0.0 < across["CoNLL F1"] <= 1.0
    assert result.notes.startswith("spaCy model ")
