"""TIMEX3 recognition and normalisation on MEANTIME: the time tagger on a second corpus.

Data: the NewsReader MEANTIME corpus, English Wikinews (``meantime/``).  Its two
annotation folders (``intra-doc_annotation`` and ``intra_cross-doc_annotation``)
hold the same 60 English texts with the same TIMEX3 markables, so each document
is read once, from ``intra-doc_annotation`` when present.

Each file is tokenised; the text is rebuilt from the tokens by
:func:`dossier.evaluate.meantime_entities.read_document` (sentences on lines).
A ``TIMEX3`` markable with token anchors is a gold timex (extent = its first to
its last token); one without tokens (``TAG_DESCRIPTOR``, an implicit time used
by links) is not.  The one with ``functionInDocument="CREATION_TIME"`` (the
dateline) is the document creation time: the tagger is anchored on it and, as
in TempEval-3, it is not scored, nor is a system timex overlapping it.

MEANTIME annotates the title, the dateline and the first four sentences of each
article only (every gold TIMEX3 lies in sentences 0-5), so system timexes are
scored there only.  Scoring is TempEval-3's (:func:`dossier.evaluate.tempeval.score`):
strict and relaxed extent match, type and value attribute F1.

MEANTIME's guidelines differ from TimeML's on some points, which limits the
value figure of any TimeML tagger: "a year ago" is a DURATION ``P1Y`` (TimeML:
the DATE a year before), "annual" a DURATION ``P1Y`` (TimeBank leaves the
adjective untagged), holiday periods ("Christmas") durations with ``PXD``,
"mid-2011" ``2011-06-XX`` (TimeML: ``2011`` with ``mod="MID"``), and a clock
time is apart from its day ("16:15 UTC, June 1st"; TimeBank: one expression).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from dossier.analyse.time import NAME as TIMEXES_NAME
from dossier.config import Config
from dossier.evaluate.base import EvalResult, default_data_dir
from dossier.evaluate.meantime_entities import ANNOTATED_SENTENCES, read_document
from dossier.evaluate.meantime_events import iter_files
from dossier.evaluate.tempeval import SCORE_COLUMNS, GoldTimex, TimeMLDocument, score, scores_row, tag_document

__all__ = ["MeantimeTimexDoc", "read_meantime_timex", "load_meantime", "system_timexes", "evaluate"]

_DAY_FIRST = re.compile(r"(\d\d)-(\d\d)-(\d{4})")


@dataclass(frozen=True, slots=True)
class MeantimeTimexDoc:
    """A MEANTIME document as TimeML (text, DCT, scored gold timexes) and what limits scoring.

    Attributes:
        doc: Text, creation date and the gold timexes that are scored.
        scored_end: Character offset where the annotated region (title, dateline
            and the first four sentences) ends.
        dct_span: Extent of the dateline's creation-time expression, if any.
    """

    doc: TimeMLDocument
    scored_end: int
    dct_span: tuple[int, int] | None


def _iso_date(value: str) -> str:
    """The creation time as ``YYYY-MM-DD``; one file writes it day first (``03-02-2009`` for "February 03, 2009")."""
    day_first = _DAY_FIRST.fullmatch(value)
    return f"{day_first[3]}-{day_first[2]}-{day_first[1]}" if day_first else value


def read_meantime_timex(path: Path) -> MeantimeTimexDoc:
    """Read one MEANTIME XML file: its text, creation date and gold TIMEX3 markables."""
    base = read_document(path)
    root = ET.parse(path).getroot()
    index = {t.get("t_id"): i for i, t in enumerate(root.iter("token"))}
    markables = root.find("Markables")
    gold: list[GoldTimex] = []
    dct, dct_span = None, None
    for element in markables.iter("TIMEX3") if markables is not None else ():
        tokens = [index[a.get("t_id")] for a in element.findall("token_anchor") if a.get("t_id") in index]
        if not tokens:
            continue
        start, end = base.token_spans[min(tokens)][0], base.token_spans[max(tokens)][1]
        if element.get("functionInDocument") == "CREATION_TIME":
            dct, dct_span = _iso_date(element.get("value", "")), (start, end)
            continue
        gold.append(GoldTimex(start, end, base.text[start:end], element.get("type", "DATE"), element.get("value", ""),
                              element.get("m_id", "")))
    annotated = [span for span, sentence in zip(base.token_spans, base.token_sentences) if sentence <= ANNOTATED_SENTENCES]
    scored_end = annotated[-1][1] if annotated else 0
    doc = TimeMLDocument(base.doc_id, base.text, dct, tuple(sorted(gold, key=lambda g: (g.start, g.end))))
    return MeantimeTimexDoc(doc, scored_end, dct_span)


def load_meantime(data: Path, limit: int | None = None) -> list[MeantimeTimexDoc]:
    """The English MEANTIME documents under ``data`` (sorted by path), at most ``limit``."""
    return [read_meantime_timex(p) for p in list(iter_files(data))[:limit]]


def system_timexes(item: MeantimeTimexDoc, config: Config | None = None) -> list[GoldTimex]:
    """The tagger's timexes that are scored: in the annotated region and not the creation time."""
    out = []
    for t in tag_document(item.doc, config):
        if t.start >= item.scored_end:
            continue
        if item.dct_span and t.start < item.dct_span[1] and item.dct_span[0] < t.end:
            continue
        out.append(t)
    return out


def evaluate(data: Path | None, *, limit: int | None, config: Config) -> EvalResult:
    """``dossier eval meantime_timex``: TempEval-3 Task A figures of the tagger on MEANTIME (English)."""
    data = data or default_data_dir("meantime")
    items = load_meantime(data, limit)
    scores = score((system_timexes(item, config), item.doc.timexes) for item in items)
    return EvalResult(
        name="meantime_timex",
        title="MEANTIME: timex recognition (strict/relaxed) and normalisation (type, value), a second corpus",
        dataset=(
            f"{data.name}: {len(items)} English Wikinews documents, {scores.gold} gold TIMEX3 in the annotated "
            "title, dateline and first four sentences (creation time excluded)"
        ),
        command="dossier eval meantime_timex" + (f" --limit {limit}" if limit else ""),
        columns=SCORE_COLUMNS,
        rows=[scores_row(TIMEXES_NAME, scores)],
        reference="no published TIMEX3 figures for MEANTIME English; TempEval-3 scorer (UzZaman et al. 2013)",
        notes=(
            "The tagger was developed on TempEval-3 TBAQ; this corpus was first scored held out (the first version "
            "of this file in git), then its errors were analysed and general fixes made, so it is no longer held out. "
            "Same scorer as `dossier eval tempeval`. "
            "MEANTIME conventions that differ from TimeML count as errors: 'a year ago' is a DURATION P1Y, "
            "'annual' a DURATION P1Y, holiday periods durations (PXD), 'mid-2011' 2011-06-XX (TimeML: 2011, mod MID), "
            "a clock time and its day two expressions ('16:15 UTC, June 1st')."
        ),
    )
