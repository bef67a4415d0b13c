"""Error analysis of the attribution analyser on PolNeAR: scores and error buckets by phenomenon.

Parses a split once and caches the parses (spaCy ``DocBin``) so that rule
changes can be measured in seconds::

    python scripts/polnear_errors.py ../shared/data/polnear --split train --cache /tmp/polnear
    python scripts/polnear_errors.py ../shared/data/polnear --split train --cache /tmp/polnear --buckets
    python scripts/polnear_errors.py ../shared/data/polnear --split train --cache /tmp/polnear --show cue:missed:noun

Scores are those of ``dossier eval polnear`` (same trimming and matching).  With
``--buckets`` each missed gold attribution (no predicted cue overlaps its cue) is
bucketed by what its cue is (a lexicon verb, a verb the tagger rejects, a noun,
"according to", a preposition …) and each content boundary error (the contents
overlap but differ) by where they differ (a trailing "he said", a leading
"that", a quotation mark, a longer or shorter clause).  Develop on train only:
dev is for reporting.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path
from typing import Iterator

import numpy as np

from dossier.analyse.attribution.detect import find_attributions
from dossier.analyse.attribution.lexicon import CUE_VERBS
from dossier.evaluate.polnear import ROLES, Scores, _articles, match_counts, read_attributions, trim

__all__ = ["load_docs", "score", "buckets"]


def load_docs(folder: Path, split: str, cache: Path | None, limit: int | None = None) -> list[tuple[object, Path]]:
    """``(doc, ann path)`` of a split, parsed once and cached as a DocBin under ``cache``."""
    from spacy.tokens import DocBin

    from dossier.analyse.nlp import load_pipeline
    from dossier.config import Config

    articles = list(_articles(folder, (split,)))
    nlp = load_pipeline(Config.from_env().spacy_model)
    path = cache / f"{split}.spacy" if cache else None
    tensors = cache / f"{split}.tensors.npy" if cache else None
    if path is not None and path.exists() and tensors is not None and tensors.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        rows = np.load(tensors)
        at = 0
        for doc in docs:  # DocBin keeps no tensors; the cue tagger reads tok2vec's
            doc.tensor = rows[at : at + len(doc)]
            at += len(doc)
    else:
        docs = list(nlp.pipe((text.read_text("utf-8") for _, text, _ in articles), batch_size=16))
        if path is not None and tensors is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs).to_disk(path)
            np.save(tensors, np.concatenate([doc.tensor for doc in docs]).astype(np.float32))
    pairs = [(doc, ann) for doc, (_, _, ann) in zip(docs, articles)]
    return pairs[: limit or None]


def _predictions(doc, text: str):  # type: ignore[no-untyped-def]
    found = find_attributions(doc)
    return found, {
        "Source": [(f.source.start_char, f.source.end_char) for f in found if f.source is not None],
        "Cue": [f.cue for f in found],
        "Content": [f.content for f in found],
    }


def score(docs: list[tuple[object, Path]]) -> dict[tuple[str, str], Scores]:
    """Scores per (role, mode) as ``dossier eval polnear`` counts them."""
    from dossier.evaluate.polnear import read_gold

    scores = {(role, mode): Scores() for role in ROLES for mode in ("exact", "overlap")}
    for doc, ann in docs:
        text = doc.text  # type: ignore[attr-defined]
        gold = read_gold(ann)
        _, pred = _predictions(doc, text)
        for role in ROLES:
            p = [trim(text, *s) for s in pred[role]]
            g = [trim(text, *s) for s in gold[role]]
            for mode in ("exact", "overlap"):
                scores[(role, mode)].add(len(p), len(g), match_counts(p, g, exact=mode == "exact"))
    return scores


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _cue_bucket(doc, span: tuple[int, int]) -> str:  # type: ignore[no-untyped-def]
    tokens = doc.char_span(*span, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return "unaligned"
    words = tokens.text.lower()
    if "according" in words:
        return "according-to"
    verbs = [t for t in tokens if t.tag_.startswith("VB") and t.pos_ != "AUX"]
    if verbs:
        head = next((t for t in verbs if not (tokens.start <= t.head.i < tokens.end) or t.head.i == t.i), verbs[0])
        lemma = head.lemma_.lower()
        if lemma in CUE_VERBS:
            return "verb:lexicon"
        return "verb:other"
    if any(t.pos_ == "NOUN" for t in tokens):
        return "noun"
    if any(t.pos_ == "ADP" for t in tokens):
        return "preposition"
    if any(t.pos_ == "ADJ" for t in tokens):
        return "adjective"
    if any(t.pos_ == "AUX" for t in tokens):
        return "aux"
    if all(t.is_punct for t in tokens):
        return "punctuation"
    return "other:" + tokens[0].pos_


def _boundary_bucket(text: str, pred: tuple[int, int], gold: tuple[int, int]) -> str:
    parts = []
    if pred[0] < gold[0]:
        parts.append("start:pred-longer")
    elif pred[0] > gold[0]:
        parts.append("start:pred-shorter")
    if pred[1] > gold[1]:
        extra = text[gold[1] : pred[1]].strip()
        parts.append("end:pred-longer" + (":quote" if extra in ('"', "”", "''") else ""))
    elif pred[1] < gold[1]:
        missing = text[pred[1] : gold[1]].strip()
        parts.append("end:pred-shorter" + (":quote" if missing in ('"', "”", "''") else ""))
    return " ".join(parts) or "same"


def buckets(docs: list[tuple[object, Path]]) -> Iterator[tuple[str, str, str]]:
    """(bucket, example text, article) for misses, spurious predictions and boundary errors."""
    for doc, ann in docs:
        text = doc.text  # type: ignore[attr-defined]
        found, _ = _predictions(doc, text)
        golds = read_attributions(ann, trimmed=False)  # a cue of punctuation alone is bucketed as such
        used: set[int] = set()
        for g in golds:
            cue = trim(text, *g["Cue"])
            match = next((i for i, f in enumerate(found) if i not in used and _overlap(trim(text, *f.cue), cue) > 0), None)
            line_start = text.rfind("\n", 0, cue[0]) + 1
            line_end = text.find("\n", cue[1])
            context = text[line_start : line_end if line_end >= 0 else len(text)]
            if match is None:
                kind = _cue_bucket(doc, g["Cue"])
                has_source = "Source" in g
                yield f"cue:missed:{kind}" + ("" if has_source else ":no-source"), f"[{text[cue[0]:cue[1]]}] {context[:300]}", ann.stem
                continue
            used.add(match)
            f = found[match]
            pcue = trim(text, *f.cue)
            if pcue != cue:
                yield f"cue:boundary:{_boundary_bucket(text, pcue, cue)}", f"pred [{text[pcue[0]:pcue[1]]}] gold [{text[cue[0]:cue[1]]}]", ann.stem
            if "Content" in g:
                pc, gc = trim(text, *f.content), trim(text, *g["Content"])
                if _overlap(pc, gc) <= 0:
                    yield "content:wrong", f"pred [{text[pc[0]:pc[1]][:150]}] gold [{text[gc[0]:gc[1]][:150]}]", ann.stem
                elif pc != gc:
                    yield (f"content:boundary:{_boundary_bucket(text, pc, gc)}",
                           f"pred [{text[pc[0]:pc[1]][:200]}]\n      gold [{text[gc[0]:gc[1]][:200]}]", ann.stem)
            if "Source" in g and f.source is not None:
                ps, gs = trim(text, f.source.start_char, f.source.end_char), trim(text, *g["Source"])
                if _overlap(ps, gs) <= 0:
                    yield "source:wrong", f"pred [{text[ps[0]:ps[1]]}] gold [{text[gs[0]:gs[1]]}] {context[:200]}", ann.stem
                elif ps != gs:
                    yield f"source:boundary:{_boundary_bucket(text, ps, gs)}", f"pred [{text[ps[0]:ps[1]]}] gold [{text[gs[0]:gs[1]]}]", ann.stem
            elif "Source" not in g:
                yield "source:spurious(gold has none)", f"[{text[cue[0]:cue[1]]}] {context[:200]}", ann.stem
        for i, f in enumerate(found):
            if i not in used:
                pcue = trim(text, *f.cue)
                yield ("cue:spurious:" + ("learnt" if f.learnt else f.kind), f"[{text[pcue[0]:pcue[1]]}] "
                       f"{text[f.content[0]:f.content[1]][:150]}", ann.stem)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--split", default="train")
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--start", type=int, default=0, help="skip the first N articles")
    parser.add_argument("--buckets", action="store_true")
    parser.add_argument("--show", help="print examples of buckets starting with this prefix")
    parser.add_argument("--examples", type=int, default=25)
    args = parser.parse_args(argv)
    docs = load_docs(args.data, args.split, args.cache)[args.start :]
    docs = docs[: args.limit or None]
    scores = score(docs)
    for role in ROLES:
        line = [role.lower().ljust(8)]
        for mode in ("exact", "overlap"):
            p, r, f = scores[(role, mode)].prf()
            line.append(f"{mode} {100 * p:5.1f}/{100 * r:5.1f}/{100 * f:5.1f}")
        print("  ".join(line), f"gold {scores[(role, 'exact')].gold} pred {scores[(role, 'exact')].predicted}")
    if args.buckets or args.show:
        counts: collections.Counter[str] = collections.Counter()
        shown: collections.Counter[str] = collections.Counter()
        for bucket, example, name in buckets(docs):
            counts[bucket] += 1
            if args.show and bucket.startswith(args.show) and shown[bucket] < args.examples:
                shown[bucket] += 1
                print(f"{bucket}\t{name}\t{example}")
        if args.buckets:
            for bucket, n in sorted(counts.items()):
                print(f"{n:6d}  {bucket}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
