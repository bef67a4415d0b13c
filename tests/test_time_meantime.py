"""The MEANTIME timex evaluation: reader, scored region, DCT handling, and a smoke run on the data."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED_DATA
from dossier.evaluate.meantime_timex import evaluate, load_meantime, read_meantime_timex, system_timexes

MEANTIME = SHARED_DATA / "meantime"


def _tokens(sentences: list[str]) -> str:
    out, t_id = [], 0
    for number, sentence in enumerate(sentences):
        for word in sentence.split():
            t_id += 1
            out.append(f'<token number="{t_id - 1}" sentence="{number}" t_id="{t_id}">{word}</token>')
    return "\n".join(out)


SENTENCES = [
    "Ford recalls cars",  # title: t1-t3
    "July 17 , 2010",  # dateline, the creation time: t4-t7
    "Ford said last Friday that sales fell .",  # t8-t15, "last Friday" t10-t11
    "It said so last month .",  # t16-t21, "last month" t19-t20
    "a",
    "b",
    "c",
    "Sales rose on Monday .",  # sentence 7: outside the annotated region
]

SAMPLE = f"""<?xml version="1.0" ?><Document doc_id="9" doc_name="9_x" lang="en" url="u">
{_tokens(SENTENCES)}
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="17-07-2010">
<token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/><token_anchor t_id="7"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2010-07-16"><token_anchor t_id="10"/><token_anchor t_id="11"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="3" type="DATE" value="2010-06">
<token_anchor t_id="19"/><token_anchor t_id="20"/></TIMEX3>
<TIMEX3 TAG_DESCRIPTOR="2009" functionInDocument="NONE" m_id="4" type="DATE" value="2009"/>
</Markables>
</Document>
"""


def test_reader_keeps_token_timexes_and_reads_the_creation_time(tmp_path: Path) -> None:
    path = tmp_path / "9_x.xml"
    path.write_text(SAMPLE, "utf-8")
    item = read_meantime_timex(path)
    doc = item.doc
    assert doc.dct == "2010-07-17"  # written day first in this file
    assert [(g.text, g.type, g.value) for g in doc.timexes] == [("last Friday", "DATE", "2010-07-16"), ("last month", "DATE", "2010-06")]
    assert all(doc.text[g.start : g.end] == g.text for g in doc.timexes)
    assert item.dct_span is not None and doc.text[slice(*item.dct_span)] == "July 17, 2010"
    assert doc.text[: item.scored_end].endswith("\nb") and "Monday" in doc.text[item.scored_end :]


def test_system_timexes_skip_the_creation_time_and_unannotated_sentences(tmp_path: Path, config) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "9_x.xml"
    path.write_text(SAMPLE, "utf-8")
    item = read_meantime_timex(path)
    found = [(t.text, t.value) for t in system_timexes(item, config)]
    assert found == [("last Friday", "2010-07-16"), ("last month", "2010-06")]
    result = evaluate(tmp_path, limit=None, config=config)
    row = result.rows[0]
    assert row["strict F1"] == 1.0 and row["value F1"] == 1.0
    assert "2 gold TIMEX3" in result.dataset


@pytest.mark.data
@pytest.mark.skipif(not MEANTIME.is_dir(), reason="MEANTIME not found under ../shared/data")
def test_smoke_run_on_three_documents(config) -> None:  # type: ignore[no-untyped-def]
    items = load_meantime(MEANTIME, limit=3)
    assert all(item.doc.dct and len(item.doc.dct) == 10 for item in items)
    assert all(item.doc.text[g.start : g.end] == g.text for item in items for g in item.doc.timexes)
    row = evaluate(MEANTIME, limit=3, config=config).rows[0]
    assert 0.5 < row["relaxed F1"] <= 1.0
