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
