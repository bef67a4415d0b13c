"""Side-by-side speed of the timex tagger at an earlier git revision and in the working tree, in one process.

Usage (from the repository root)::

    PYTHONPATH=src python scripts/timex_speed_compare.py REV [--rounds N] [--cold] [--data DIR]

The package ``src/dossier/analyse/time`` at ``REV`` is copied (``git archive``)
into a temporary directory under another name and imported beside the current
one; both tag every TempEval document (anchored on its DCT) in alternating
rounds, and the median docs/s of each and their ratio are printed.  A shared,
loaded machine slows both alike, so the ratio is what to quote.  ``--cold``
clears the current tagger's memo caches before each round.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from dossier.evaluate.tempeval import load_corpus


def _old_tagger(rev: str, into: Path):  # type: ignore[no-untyped-def]
    """``tag`` of the package at ``rev``, imported as ``dossier_time_old``."""
    archive = subprocess.run(["git", "archive", rev, "src/dossier/analyse/time"], capture_output=True, check=True).stdout
    package = into / "dossier_time_old"
    package.mkdir()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if member.isfile():
                source = tar.extractfile(member).read().decode()  # type: ignore[union-attr]
                (package / Path(member.name).name).write_text(source.replace("dossier.analyse.time", "dossier_time_old"))
    sys.path.insert(0, str(into))
    import dossier_time_old  # type: ignore[import-not-found]

    return dossier_time_old.tag


def main(argv: list[str] | None = None) -> int:
    """Print old and new docs/s and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--data", type=Path, default=Path("../shared/data/tempeval3-train"))
    args = parser.parse_args(argv)
    from dossier.analyse.time import lexicon, reasoning, tag

    caches = [f for module in (lexicon, reasoning) for f in vars(module).values() if hasattr(f, "cache_clear")]
    docs = [(d.text, (d.dct or "")[:10] or None) for d in load_corpus(args.data)]
    with tempfile.TemporaryDirectory() as tmp:
        old = _old_tagger(args.rev, Path(tmp))

        def one_round(tagger, clear: bool) -> float:  # type: ignore[no-untyped-def]
            if clear:
                for cache in caches:
                    cache.cache_clear()
            t0 = time.process_time()
            for text, reference in docs:
                tagger(text, reference, today="2026-11-25")
            return time.process_time() - t0

        one_round(old, False), one_round(tag, False)  # warm up
        olds, news = [], []
        for _ in range(args.rounds):
            olds.append(one_round(old, False))
            news.append(one_round(tag, args.cold))
    o, n = sorted(olds)[len(olds) // 2], sorted(news)[len(news) // 2]
    load = os.getloadavg()[0]
    print(f"{args.rev}: {len(docs) / o:,.0f} docs/s; working tree: {len(docs) / n:,.0f} docs/s; "
          f"ratio {o / n:.3f} (median of {args.rounds}{', cold caches' if args.cold else ''}; load {load:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
