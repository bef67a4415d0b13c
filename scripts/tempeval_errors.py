"""Error analysis for ``dossier eval tempeval``: value errors, misses and false alarms by category.

Usage (from the worktree root)::

    PYTHONPATH=src python scripts/tempeval_errors.py ../shared/data/tempeval3-train [--show N] [--kind value|missed|spurious]
    PYTHONPATH=src python scripts/tempeval_errors.py ../shared/data/tempeval3-train --buckets
    PYTHONPATH=src python scripts/tempeval_errors.py ../shared/data/meantime --buckets

A MEANTIME folder (``dossier eval meantime_timex``) is read as that evaluation reads
it: only its annotated sentences are scored and the creation time is left out.

Prints counts per category (gold type and value shape) and up to N examples of each,
so general phenomena can be fixed rather than single files.  Nothing is written.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

from dossier.evaluate.meantime_timex import load_meantime, system_timexes
from dossier.evaluate.tempeval import GoldTimex, TimeMLDocument, load_corpus, tag_document


def documents(data: Path, limit: int | None) -> list[tuple[TimeMLDocument, list[GoldTimex]]]:
    """Each document with the system timexes that are scored: TempEval ``.tml`` files or a MEANTIME folder."""
    if next(data.rglob("*.tml"), None) is None:
        return [(item.doc, system_timexes(item)) for item in load_meantime(data, limit)]
    return [(doc, tag_document(doc)) for doc in load_corpus(data, limit)]


def shape(value: str) -> str:
    """A coarse category of a TIMEX3 value: ``YYYY-MM-DD``, ``P<n>Y``, ``PRESENT_REF`` …"""
    if value.endswith("_REF"):
        return value
    v = re.sub(r"\d", "9", value)
    v = re.sub(r"(?<=P)[9.]+|(?<=T)[9.]+(?=[HMS])", "n", v)
    return v


_BUCKETS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(p, re.IGNORECASE)) for name, p in (
    ("PRESENT/PAST/FUTURE_REF", r"_REF$|^(?:now|current|recent|future|soon)"),
    ("times", r"T\d|T(?:MO|AF|EV|NI)|\b(?:a\.?m|p\.?m|noon|midnight|morning|evening|night|afternoon)\b"),
    ("ago/earlier/later shifts", r"\b(?:ago|earlier|later|before|after|year-ago|year-earlier)\b"),
    ("fiscal", r"\bfiscal\b"),
    ("quarters/halves", r"Q\d|QX|H\d|\bquarters?\b|\bhalf\b|\bperiod\b"),
    ("seasons", r"-(?:SP|SU|FA|WI)$|\b(?:spring|summer|fall|autumn|winter)\b"),
    ("weeks/weekends", r"W\d|WXX|-WE$|\bweek"),
    ("decades/centuries", r"^\d{2,3}X?$|\b(?:decade|century|\d0s)\b"),
    ("durations", r"^P"),
    ("weekdays", r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"),
    ("month/day dates", r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d"),
    ("months", r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|^\d{4}-\d\d$"),
    ("years", r"^\d{4}$|\byear\b"),
))


def bucket(text: str, value: str) -> str:
    """The phenomenon a timex belongs to, from its text and value (first bucket that fits)."""
    for name, pattern in _BUCKETS:
        if pattern.search(value) or pattern.search(text):
            return name
    return "other"


def align(doc, system):  # type: ignore[no-untyped-def]
    """The system's timexes of ``doc``, each gold timex paired with the unused system one it overlaps most
    (or None: missed), and the system timexes paired with none (spurious)."""
    used: set[int] = set()
    pairs = []
    for g in doc.timexes:
        best = None
        for i, s in enumerate(system):
            ov = min(s.end, g.end) - max(s.start, g.start)
            if ov > 0 and i not in used and (best is None or ov > best[0]):
                best = (ov, i)
        if best is not None:
            used.add(best[1])
        pairs.append((g, None if best is None else system[best[1]]))
    return system, pairs, [s for i, s in enumerate(system) if i not in used]


def buckets(data: Path, limit: int | None) -> None:
    """Counts of missed, spurious and wrong-value timexes per phenomenon."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for doc, found in documents(data, limit):
        system, pairs, spurious = align(doc, found)
        for g, s in pairs:
            if s is None:
                table[bucket(g.text, g.value)]["missed"] += 1
            elif s.value != g.value:
                table[bucket(g.text, g.value)]["wrong value"] += 1
        for s in spurious:
            table[bucket(s.text, s.value)]["spurious"] += 1
    print(f"{'bucket':26s} {'missed':>7s} {'spurious':>9s} {'wrong value':>12s}")
    for name in [n for n, _ in _BUCKETS] + ["other"]:
        row = table[name]
        print(f"{name:26s} {row['missed']:7d} {row['spurious']:9d} {row['wrong value']:12d}")
    total = Counter()
    for row in table.values():
        total.update(row)
    print(f"{'total':26s} {total['missed']:7d} {total['spurious']:9d} {total['wrong value']:12d}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--show", type=int, default=4)
    ap.add_argument("--kind", choices=("value", "missed", "spurious"), default="value")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--buckets", action="store_true", help="counts per phenomenon instead of examples")
    args = ap.parse_args()
    if args.buckets:
        buckets(args.data, args.limit)
        return
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for doc, found in documents(args.data, args.limit):
        _, pairs, spurious = align(doc, found)
        for g, s in pairs:
            if s is None:
                if args.kind == "missed":
                    key = f"{g.type} {shape(g.value)}"
                    counts[key] += 1
                    ctx = doc.text[max(0, g.start - 40):g.end + 25].replace("\n", " ")
                    examples[key].append(f"{doc.doc_id} [{g.text}] {g.value} | {ctx}")
                continue
            if args.kind == "value" and s.value != g.value:
                key = f"{g.type} {shape(g.value)} <- {shape(s.value)}"
                counts[key] += 1
                ctx = doc.text[max(0, g.start - 40):g.end + 25].replace("\n", " ")
                examples[key].append(f"{doc.doc_id} dct={doc.dct} gold [{g.text}]={g.value} sys [{s.text}]={s.value} | {ctx}")
        if args.kind == "spurious":
            for s in spurious:
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
