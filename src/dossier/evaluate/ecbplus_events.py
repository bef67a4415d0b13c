"""Event mentions on ECB+ (Cybulska and Vossen 2014).

Gold: the action markables (``ACTION_*`` and ``NEG_ACTION_*``) with token
anchors.  As the ECB+ README asks, only the sentences listed in
``ECBplus_coreference_sentences.csv`` are scored, since mentions elsewhere were
not annotated systematically.  Sentences are parsed on their gold tokens.
A predicted mention (a head from
:func:`dossier.analyse.events.triggers.event_mentions` with a phrasal verb's
particle) is correct *strict* when the gold mention has exactly its tokens,
*head* when its head is one of the gold mention's tokens; precision, recall and
F1 over mentions.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from dossier.config import Config
from dossier.errors import ConfigError
from dossier.evaluate.base import EvalResult, default_data_dir
from dossier.evaluate.meantime_events import PRF, doc_from_tokens, prf_row

__all__ = ["evaluate", "read_ecbplus", "selected_sentences"]


def selected_sentences(data: Path) -> dict[str, set[int]]:
    """File stem (``3_1ecbplus``) → sentence numbers annotated for coreference."""
    path = next(iter(data.rglob("ECBplus_coreference_sentences.csv")), None)
    if path is None:
        raise ConfigError(f"ECBplus_coreference_sentences.csv not found under {data}; pass the ECB+ folder")
    selected: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            selected[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return selected


def read_ecbplus(path: Path, sentences: set[int]) -> tuple[list[list[str]], list[frozenset[int]]]:
    """The selected sentences of one file (gold tokens) and its action mentions as token-index sets."""
    root = ET.parse(path).getroot()
    by_sentence: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for token in root.iter("token"):
        number = int(token.get("sentence", "-1"))
        if number in sentences:
            by_sentence[number].append((token.get("t_id", ""), token.text or "_"))
    index: dict[str, int] = {}  # t_id → position among the kept tokens
    kept: list[list[str]] = []
    for number in sorted(by_sentence):
        kept.append([])
        for t_id, text in by_sentence[number]:
            index[t_id] = len(index)
            kept[-1].append(text)
    mentions: list[frozenset[int]] = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        if not (markable.tag.startswith("ACTION_") or markable.tag.startswith("NEG_ACTION_")):
            continue
        anchors = [a.get("t_id", "") for a in markable.iter("token_anchor")]
        if anchors and all(a in index for a in anchors):
            mentions.append(frozenset(index[a] for a in anchors))
    return kept, mentions


def evaluate(data: Path | None, *, limit: int | None, config: Config) -> EvalResult:
    """Score event-mention detection on ECB+."""
    from dossier.analyse.events.triggers import event_mentions, mention_tokens
    from dossier.analyse.nlp import load_pipeline

    data = Path(data or default_data_dir("ecbplus"))
    selected = selected_sentences(data)
    files = sorted(p for p in data.rglob("*.xml") if p.stem in selected)
    if not files:
        raise ConfigError(f"no ECB+ XML files under {data} match the selected-sentence list")
    files = files[: limit or None]
    nlp = load_pipeline(config.spacy_model)
    strict, head = PRF(), PRF()
    for path in files:
        sentences, gold = read_ecbplus(path, selected[path.stem])
        if not sentences:
            continue
        doc = doc_from_tokens(nlp, sentences)
        predicted = [(t.i, mention_tokens(t)) for sentence in doc.sents for t in event_mentions(sentence)]
        gold_set = set(gold)
        predicted_sets = {tokens for _, tokens in predicted}
        for c in (strict, head):
            c.predicted += len(predicted)
            c.gold += len(gold)
        strict.correct_p += sum(1 for _, tokens in predicted if tokens in gold_set)
        head.correct_p += sum(1 for i, _ in predicted if any(i in g for g in gold))
        strict.correct_r += sum(1 for g in gold if g in predicted_sets)
        head.correct_r += sum(1 for g in gold if any(i in g for i, _ in predicted))
    return EvalResult(
        name="ecbplus_events",
        title="Event mention detection on ECB+",
        dataset=f"ECB+ topics present in the data folder, {len(files)} documents, coreference-annotated "
        f"sentences only ({strict.gold} action mentions)",
        command="dossier eval ecbplus_events ../shared/data/ecbplus" + (f" --limit {limit}" if limit else ""),
        columns=["layer", "P", "R", "F1", "gold", "predicted"],
        rows=[prf_row("event mentions (strict: same tokens)", strict),
              prf_row("event mentions (head: token inside gold mention)", head)],
        reference="No mention-detection figure ships with the data; the peer figure in the data README "
        "(CoNLL F1 about 79-86) is for cross-document event coreference, a later step that starts from mentions.",
        notes="Rule-based detector on en_core_web_sm parses of gold tokens; ECB+ annotates mentions of the "
        "seminal events and their related actions, so generic events found elsewhere in a sentence count "
        "against precision.",
    )
