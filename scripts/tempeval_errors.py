"""Error analysis for ``dossier eval tempeval``: value errors, misses and false alarms by category.

Usage (from the worktree root)::

    PYTHONPATH=src python scripts/tempeval_errors.py ../shared/data/tempeval3-train [--show N] [--kind value|missed|spurious]

Prints counts per category (gold type and value shape) and up to N examples of each,
so general phenomena can be fixed rather than single files.  Nothing is written.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

from dossier.evaluate.tempeval import load_corpus, tag_document


def shape(value: str) -> str:
    """A coarse category of a TIMEX3 value: ``YYYY-MM-DD``, ``P<n>Y``, ``PRESENT_REF`` …"""
    if value.endswith("_REF"):
        return value
    v = re.sub(r"\d", "9", value)
    v = re.sub(r"(?<=P)[9.]+|(?<=T)[9.]+(?=[HMS])", "n", v)
    return v


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--show", type=int, default=4)
    ap.add_argument("--kind", choices=("value", "missed", "spurious"), default="value")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for doc in load_corpus(args.data, args.limit):
        system = tag_document(doc)
        used: set[int] = set()
        for g in doc.timexes:
            best = None
            for i, s in enumerate(system):
                ov = min(s.end, g.end) - max(s.start, g.start)
                if ov > 0 and i not in used and (best is None or ov > best[0]):
                    best = (ov, i)
            if best is None:
                if args.kind == "missed":
                    key = f"{g.type} {shape(g.value)}"
                    counts[key] += 1
                    ctx = doc.text[max(0, g.start - 40):g.end + 25].replace("\n", " ")
                    examples[key].append(f"{doc.doc_id} [{g.text}] {g.value} | {ctx}")
                continue
            used.add(best[1])
            s = system[best[1]]
            if args.kind == "value" and s.value != g.value:
                key = f"{g.type} {shape(g.value)} <- {shape(s.value)}"
                counts[key] += 1
                ctx = doc.text[max(0, g.start - 40):g.end + 25].replace("\n", " ")
                examples[key].append(f"{doc.doc_id} dct={doc.dct} gold [{g.text}]={g.value} sys [{s.text}]={s.value} | {ctx}")
        if args.kind == "spurious":
            for i, s in enumerate(system):
                if i not in used:
                    key = f"{s.type} {shape(s.value)}"
                    counts[key] += 1
                    ctx = doc.text[max(0, s.start - 40):s.end + 25].replace("\n", " ")
                    examples[key].append(f"{doc.doc_id} [{s.text}]={s.value} | {ctx}")
    print(f"{sum(counts.values())} {args.kind} errors")
    for key, n in counts.most_common():
        print(f"\n{n:4d}  {key}")
        for e in examples[key][: args.show]:
            print("      ", e)


if __name__ == "__main__":
    main()
