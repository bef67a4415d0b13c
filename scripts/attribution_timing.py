"""Time the attribution analyser alone (parsing excluded) on the example and on ScrapingHub pages.

Usage (from a worktree root; run it for two checkouts in one session to compare)::

    PYTHONPATH=src python scripts/attribution_timing.py [../shared/data/scrapinghub] [--pages 20]

Each text is parsed once; the analyser (``attributions_from_doc``) then runs on the
parse several times and the best time counts, so parsing and machine noise stay
out of the figure.  Prints one line: the example's time, the pages' total time,
and how many attributions and tokens each held.  Nothing is written.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from dossier.analyse.attribution import attributions_from_doc
from dossier.analyse.nlp import load_pipeline
from dossier.config import Config
from dossier.model import Report
from dossier.outlets import default_directory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scrapinghub", nargs="?", default="../shared/data/scrapinghub", type=Path)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--example", default="examples/maduro_exit_deadline.txt", type=Path)
    args = parser.parse_args()
    nlp = load_pipeline(Config.from_env().spacy_model)
    directory = default_directory(None)
    truth = json.loads((args.scrapinghub / "ground-truth.json").read_text("utf-8"))
    pages = [entry["articleBody"] for _, entry in sorted(truth.items())][: args.pages]
    docs = [nlp(text) for text in [args.example.read_text("utf-8"), *pages]]
    reports = [Report(id=f"r{i}", text=doc.text) for i, doc in enumerate(docs)]
    attributions_from_doc(reports[0], docs[0], directory)  # load the resources once

    def best(report: Report, doc, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
        times, count = [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            count = len(attributions_from_doc(report, doc, directory))
            times.append(time.perf_counter() - start)
        return min(times), count

    example_s, example_n = best(reports[0], docs[0], 10)
    page_runs = [best(r, d, 3) for r, d in zip(reports[1:], docs[1:])]
    print(
        f"example {1000 * example_s:.1f} ms ({example_n} attributions, {len(docs[0])} tokens); "
        f"{len(pages)} ScrapingHub pages total {1000 * sum(t for t, _ in page_runs):.1f} ms "
        f"({sum(n for _, n in page_runs)} attributions, {sum(len(d) for d in docs[1:])} tokens)"
    )


if __name__ == "__main__":
    main()
