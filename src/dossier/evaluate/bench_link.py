"""``dossier bench link``: the time to link one new report into stores of 1k, 10k and 100k reports.

The stores are synthetic, generated cheaply without spaCy: stories with their
own names and topic words over a Zipf-distributed background vocabulary,
publication dates spread over a year, and about 5% of reports light rewrites
of an earlier one.  Each store is built by linking its reports one at a time
in memory with the same :class:`~dossier.link.cluster.Linker` and the same
:func:`~dossier.link.cluster.profile_of` (profiles computed in a few
processes), then bulk-loaded into a SQLite store
(:func:`dossier.store.link_index.bulk_load`: the rows linking through the store
would write); then new reports are linked one at a time through the store
(profile, LSH lookup, blocking, scoring and the writes, each in its own
transaction), and the median, p90 and growth over the smallest store are reported.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from dossier.config import Config
from dossier.evaluate.base import EvalResult
from dossier.link.cluster import Linker, LinkProfile, MemoryIndex, profile_of
from dossier.model import Analysis, Published, Report

__all__ = ["benchmark", "SyntheticNews"]

SIZES = (1_000, 10_000, 100_000)
PROBES = 60
#: New reports linked before the timed ones (statement caches).
WARMUP = 5

_SYL = "ka lo mi ra ven zu to ni sa de ar bel cor dan el fi gor han ix jo kel lum mor nor pel qui ros tal ur vor wen yas zed".split()


class SyntheticNews:
    """A deterministic stream of synthetic reports belonging to stories."""

    def __init__(self, seed: int = 7, vocabulary: int = 20_000) -> None:
        self.rng = random.Random(seed)
        self.words = [self._word(2 + i % 3) for i in range(vocabulary)]
        weights = [1.0 / (rank + 1) for rank in range(vocabulary)]
        total = sum(weights)
        self.cumulative = []
        acc = 0.0
        for w in weights:
            acc += w / total
            self.cumulative.append(acc)
        self.stories: list[tuple[list[str], list[str], int]] = []
        self.texts: list[str] = []
        #: The true story of each report so far (a rewrite belongs to the story of the report it rewrites).
        self.truth: list[int] = []

    def _word(self, syllables: int) -> str:
        return "".join(self.rng.choice(_SYL) for _ in range(syllables))

    def _background(self, n: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=n)

    def _new_story(self) -> int:
        names = [f"{self._word(2).title()} {self._word(3).title()}" for _ in range(6)]
        topic = [self._word(4) for _ in range(25)]
        self.stories.append((names, topic, self.rng.randrange(365)))
        return len(self.stories) - 1

    def report(self, number: int) -> Analysis:
        """The ``number``-th report: a new story about a quarter of the time, else a story of recent ones."""
        if not self.stories or self.rng.random() < 0.25:
            story = self._new_story()
        else:
            story = self.rng.randrange(max(0, len(self.stories) - 400), len(self.stories))
        names, topic, day = self.stories[story]
        truth = story
        if self.texts and self.rng.random() < 0.05:
            original = self.rng.randrange(max(0, len(self.texts) - 2000), len(self.texts))
            base, truth = self.texts[original].split(), self.truth[original]
            words = [w if self.rng.random() > 0.1 else self.rng.choice(self.words[:500]) for w in base]
        else:
            words = self._background(110)
            for _ in range(30):
                words.insert(self.rng.randrange(len(words)), self.rng.choice(topic))
            for _ in range(10):
                words.insert(self.rng.randrange(len(words)), self.rng.choice(names))
        text = " ".join(words)
        self.texts.append(text)
        self.truth.append(truth)
        date = dt.date(2025, 1, 1) + dt.timedelta(days=min(364, day + self.rng.randrange(10)))
        report = Report(f"r{number:012d}", text, title=f"report {number}", published=Published(date.isoformat(), "metadata"))
        return Analysis(report=report)


def _profiles(analyses: list[Analysis], pool: Any) -> Iterator[LinkProfile]:
    """:func:`profile_of` of each analysis, in order (computed ahead by the worker ``pool`` when there is one)."""
    if pool is None:
        return map(profile_of, analyses)
    return pool.imap(profile_of, analyses, chunksize=250)


def _pool(workers: int) -> Any:
    if workers <= 1:
        return None
    import multiprocessing

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return context.Pool(workers)


def benchmark(data: Path | None, *, limit: int | None = None, config: Config | None = None) -> EvalResult:
    """Median time to link one new report into synthetic stores of growing size.

    One stream of reports is linked in memory, report by report, by the same
    linker as the store's; when it reaches each size, the index so far is
    bulk-loaded into a fresh SQLite store and the stream's next reports are
    linked one at a time through that store and timed (they then join the
    in-memory index too, and the stream goes on to the next size).
    """
    from dossier.store import Store
    from dossier.store.link_index import SqlLinkIndex, bulk_load

    wanted = os.environ.get("DOSSIER_BENCH_LINK_SIZES")  # e.g. "1000,10000" on a slow machine
    base = tuple(int(x) for x in wanted.split(",")) if wanted else SIZES
    sizes = sorted({s for s in base if limit is None or s <= limit} or {limit or base[0]})
    workers = max(1, min(4, os.cpu_count() or 1))
    pool = _pool(workers)
    news = SyntheticNews(seed=7)
    index = MemoryIndex()
    memory_linker = Linker(index)
    done, build_s, rows, medians = 0, 0.0, [], []
    try:
        for size in sizes:
            started = time.perf_counter()
            while done < size:
                step = min(10_000, size - done)
                for profile in _profiles([news.report(done + i) for i in range(step)], pool):
                    memory_linker.link(profile)
                done += step
            build_s += time.perf_counter() - started
            with tempfile.TemporaryDirectory() as tmp:
                store = Store.open(str(Path(tmp) / "bench.db"))
                t0 = time.perf_counter()
                with store.engine.begin() as conn:
                    bulk_load(conn, index)
                load_s = time.perf_counter() - t0
                timings, candidates, joined, probes, right = [], [], 0, [], 0
                members = index.clusters()
                seen = set(news.truth[:done])
                for n in range(WARMUP + PROBES):  # the first WARMUP are linked but not timed (statement caches)
                    analysis = news.report(done + n)
                    t = time.perf_counter()
                    profile = profile_of(analysis)
                    with store.engine.begin() as conn:
                        decision = Linker(SqlLinkIndex(conn)).link(profile)
                    elapsed = (time.perf_counter() - t) * 1000
                    probes.append(profile)
                    if n >= WARMUP:
                        timings.append(elapsed)
                        candidates.append(decision.candidates)
                        joined += not decision.new_story
                        right += _right_story(news, done + n, decision.new_story, members.get(decision.story_id, []), seen)
                    members.setdefault(decision.story_id, []).append(profile.report_id)
                    seen.add(news.truth[done + n])
                store.close()
            for profile in probes:  # the stream goes on: the probes are part of the larger stores
                memory_linker.link(profile)
            done += len(probes)
            median = statistics.median(timings)
            medians.append(median)
            rows.append(
                {
                    "reports": size,
                    "stories": len(index.stories),
                    "median_ms": round(median, 2),
                    "p90_ms": round(statistics.quantiles(timings, n=10)[-1], 2),
                    "growth": round(median / medians[0], 2),
                    "log_growth": round(math.log(size) / math.log(sizes[0]), 2),
                    "candidate_stories": round(statistics.median(candidates), 1),
                    "joined_existing": f"{joined}/{PROBES}",
                    "right_story": f"{right}/{PROBES}",
                    "build_s": round(build_s, 1),
                    "load_s": round(load_s, 1),
                }
            )
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return EvalResult(
        name="link",
        title="Linking one new report into a store (SQLite, one transaction per report)",
        dataset=f"synthetic reports (~150 words, stories over a year, 5% rewrites), stores of {', '.join(f'{s:,}' for s in sizes)}",
        command=(f"DOSSIER_BENCH_LINK_SIZES={wanted} " if wanted else "") + "dossier bench link",
        columns=["reports", "stories", "median_ms", "p90_ms", "growth", "log_growth", "candidate_stories", "joined_existing", "right_story",
                 "build_s", "load_s"],
        rows=rows,
        reference="Target: median ≤ 50 ms at 100k reports, growing no faster than logarithmically "
        "(growth = median / median of the smallest store; log_growth = ln(size) / ln(smallest size)).",
        notes=("Sizes limited by DOSSIER_BENCH_LINK_SIZES. " if wanted else "")
        + "right_story: probes put in a story whose reports are mostly of their true story (or in a new story when "
        "the store holds none of it). "
        + f"Median and p90 over {PROBES} new reports per store, each profiled (profile_of), fingerprinted, looked up "
        "(LSH bands, rare-key postings capped at 500, date window), scored and written in its own transaction. "
        "Stores: one stream of reports linked in memory, report by report, by the same linker (profiles in "
        f"{workers} processes; build_s: cumulative time to reach the size), bulk-loaded into a fresh SQLite store at "
        "each size (load_s: the rows linking through the store writes, indexes built after the load); each store's "
        "probes then continue the stream. Timings are wall-clock on the machine named below; "
        f"load average when measured: {_load()}.",
    )


def _right_story(news: SyntheticNews, number: int, new_story: bool, members: list[str], seen: set[int]) -> bool:
    """Whether a probe went where it belongs: into a story whose reports are mostly of its own true story, or
    into a new story when no earlier report of its true story is in the store."""
    truth = news.truth[number]
    if new_story:
        return truth not in seen
    votes = Counter(news.truth[int(rid[1:])] for rid in members)
    return bool(votes) and votes.most_common(1)[0][0] == truth


def _load() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - platforms without getloadavg
        return "unknown"
