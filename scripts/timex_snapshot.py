"""Snapshot every timex the tagger finds on a TempEval corpus, to check that a speed change keeps the output.

Usage (from the repository root)::

    PYTHONPATH=src python scripts/timex_snapshot.py ../shared/data/tempeval3-train OUT.json
    PYTHONPATH=src python scripts/timex_snapshot.py ../shared/data/tempeval3-train OUT.json --compare BEFORE.json

Each document is tagged as ``dossier bench timex`` tags it (text of ``<TEXT>``,
anchored on its DCT, ``today`` fixed), and once more with no DCT (anchored on
``today``), and every field of every tagged
expression is written out.  ``--compare`` prints the differing documents and
exits 1 when there is any difference.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from dossier.analyse.time import tag
from dossier.evaluate.tempeval import load_corpus

#: Fixed "now" so that expressions reasoned from today do not drift between runs.
TODAY = "2026-11-25"


def snapshot(data: Path) -> dict[str, list[dict[str, object]]]:
    """Every field of every tagged expression, per document (its index in the corpus and its id)."""
    out: dict[str, list[dict[str, object]]] = {}
    for i, doc in enumerate(load_corpus(data)):
        # As the benchmark tags it (on the DCT), and again with no report date (reasoned from today).
        for how, reference in (("dct", (doc.dct or "")[:10] or None), ("today", None)):
            rows = []
            for t in tag(doc.text, reference=reference, today=TODAY):
                row = {f.name: getattr(t, f.name) for f in dataclasses.fields(t)}
                row["date"] = row["date"].isoformat() if row["date"] is not None else None
                row["flags"] = list(row["flags"])
                rows.append(row)
            out[f"{i:04d} {doc.doc_id} {how}"] = rows  # two documents may share an id
    return out


def main(argv: list[str] | None = None) -> int:
    """Write the snapshot; with ``--compare``, report differences from an earlier one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, default=None)
    args = parser.parse_args(argv)
    snap = snapshot(args.data)
    args.out.write_text(json.dumps(snap, indent=0, sort_keys=True), encoding="utf-8")
    total = sum(len(v) for v in snap.values())
    print(f"{len(snap)} documents, {total} timexes -> {args.out}")
    if args.compare is None:
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    differing = sorted(k for k in set(before) | set(snap) if before.get(k) != snap.get(k))
    for doc_id in differing[:20]:
        old, new = before.get(doc_id) or [], snap.get(doc_id) or []
        print(f"DIFF {doc_id}: {len(old)} before, {len(new)} now")
        for a, b in zip(old, new):
            if a != b:
                print(f"  before {a}\n  now    {b}")
                break
        else:
            print(f"  extra: {(old[len(new):] or new[len(old):])[:2]}")
    print(f"{len(differing)} documents differ" if differing else "identical")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
