"""Incremental story clustering: one new report is linked without recomputing the world.

Each report is reduced to a :class:`LinkProfile`: its fingerprint (for copies)
and a few dozen *keys* — entity keys (``e:``), capitalised names (``n:``) and
stemmed content words (``w:``).  Linking a new report is three index lookups:

1. **copies** — reports sharing a MinHash-LSH band are compared
   (:func:`dossier.link.fingerprint.compare`); a copy joins its original's story;
2. **blocking** — the stories that hold the report's rarest keys (by document
   frequency; keys held by too many reports are skipped, and keys are taken
   rarest first only while their postings add up to :data:`MAX_POSTINGS`) and
   are active within :data:`DATE_WINDOW_DAYS` of its date;
3. **scoring** — the IDF-weighted share of the report's keys found in each
   candidate story (weighted by how many of the story's reports hold the key).

The best story above :data:`JOIN_THRESHOLD` gets the report; otherwise it starts
a new story.  The cost depends on the postings of rare keys, not on the size of
the store.  Storage is behind the :class:`LinkIndex` protocol:
:class:`MemoryIndex` here (evaluations, bulk builds) and the SQL index in
:mod:`dossier.store.link_index`.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Protocol

from dossier.errors import NotFoundError
from dossier.link.fingerprint import CopyRelation, Fingerprint, compare, fingerprint
from dossier.model import Analysis, content_id

__all__ = [
    "LinkProfile",
    "LinkDecision",
    "StoryInfo",
    "LinkIndex",
    "MemoryIndex",
    "Linker",
    "profile_of",
    "report_keys",
    "JOIN_THRESHOLD",
    "DATE_WINDOW_DAYS",
    "MAX_POSTINGS",
]

#: Least score for a report to join an existing story (chosen on ECB+ topics 1–35: subtopic CoNLL F1 peaks near it).
JOIN_THRESHOLD = 0.08
#: Stories whose reports are all further than this from the report's date are not candidates.
DATE_WINDOW_DAYS = 21
#: Keys looked up per report (the rarest ones) and keys kept per report.
LOOKUP_KEYS = 16
KEPT_KEYS = 40
#: Keys held by more than this share of reports (and more than MIN_COMMON of them) are not used to block.
COMMON_SHARE = 0.05
MIN_COMMON = 50
#: Blocking keys are taken rarest first while the reports holding them add up to at most this many
#: (the first key is always taken): the postings read per report stay bounded however large the store.
MAX_POSTINGS = 500

_STOP = frozenset(
    """a about above after again against all also although am an and any are as at be because been before being
    below between both but by can could did do does doing down during each either few for from further had has
    have having he her here hers herself him himself his how however i if in into is it its itself just last like
    made make many may me might more most much must my myself new news no nor not now of off on once one only or
    other our ours out over own per said same says see she should since so some such than that the their theirs
    them themselves then there these they this those though through to told too two under until up upon very was
    way we week were what when where whether which while who whom whose why will with within without would year
    years yet you your yours monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december according reported report reports""".split()
)
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_NAME = re.compile(r"\b([A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|de|del|la|von|van|al))*)")


@dataclass(frozen=True, slots=True)
class LinkProfile:
    """What linking keeps of one report.

    Attributes:
        report_id: The report.
        fingerprint: For copy detection.
        keys: Salient keys, most salient first (``e:`` entity, ``n:`` name, ``w:`` word stem).
        published: ISO date or date-time (starting ``YYYY-MM-DD``) or None.
        outlet: Outlet domain or None.
        title: For naming a new story.
    """

    report_id: str
    fingerprint: Fingerprint
    keys: tuple[str, ...]
    published: str | None = None
    outlet: str | None = None
    title: str = ""


@dataclass(frozen=True, slots=True)
class StoryInfo:
    """A story as the index sees it."""

    id: str
    title: str
    size: int
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True)
class LinkDecision:
    """Where a report went and why (explainable; a user may move it later)."""

    report_id: str
    story_id: str
    new_story: bool
    score: float
    reason: str
    copies: tuple[CopyRelation, ...] = ()
    candidates: int = 0


class LinkIndex(Protocol):
    """Storage that linking needs; every method is an indexed lookup."""

    def report_count(self) -> int: ...

    def key_frequencies(self, keys: Iterable[str]) -> dict[str, int]: ...

    def band_matches(self, bands: Iterable[str]) -> list[tuple[str, Fingerprint, str | None]]: ...

    def stories_with_keys(
        self, keys: Iterable[str], since: str | None = None, until: str | None = None
    ) -> dict[str, dict[str, int]]:
        """Story → {key: reports holding it} for stories holding ``keys``, last active on or after ``since``
        and first active before ``until`` (ISO dates; None: no bound)."""
        ...

    def story_infos(self, story_ids: Iterable[str]) -> dict[str, StoryInfo]: ...

    def story_of(self, report_id: str) -> str | None: ...

    def add(self, profile: LinkProfile, decision: LinkDecision) -> None: ...

    def move(self, report_id: str, story_id: str | None) -> str: ...


def _stem(word: str) -> str:
    return word[:6]


def _date(value: str | None) -> str | None:
    """The published value if it starts with an ISO date (kept whole: the time orders same-day copies)."""
    if not value or len(value) < 10 or not re.match(r"\d{4}-\d\d-\d\d", value):
        return None
    return value


def report_keys(text: str, entity_keys: Iterable[str] = (), limit: int = KEPT_KEYS) -> tuple[str, ...]:
    """The salient keys of a text: entity keys, capitalised names and frequent word stems."""
    from dossier.link.fingerprint import _fold

    counts: Counter[str] = Counter()
    for key in entity_keys:
        if key:
            counts[f"e:{_fold(key)}"] += 3
    for match in _NAME.finditer(text):
        parts = _fold(match.group(1)).split()
        while parts and parts[0] in _STOP:
            parts.pop(0)  # "The Venezuelan government" at a sentence start
        name = " ".join(parts)
        if name and name not in _STOP and len(name) > 2:
            counts[f"n:{name}"] += 2
    for word in _WORD.findall(_fold(text)):
        if word not in _STOP:
            counts[f"w:{_stem(word)}"] += 1
    return tuple(k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])


def profile_of(analysis: Analysis) -> LinkProfile:
    """The link profile of an analysed report (entities are used when the analysers found them)."""
    report = analysis.report
    body = report.text
    keys = report_keys(body, (e.key or e.name for e in analysis.entities))
    return LinkProfile(
        report.id,
        fingerprint(body),
        keys,
        _date(report.published.value),
        report.outlet.domain if report.outlet else None,
        (report.title or body.strip().split("\n", 1)[0])[:200],
    )


def blocking_keys(keys: Iterable[str], df: dict[str, int], common: float) -> list[str]:
    """The keys a report is blocked on: its rarest known keys, at most :data:`LOOKUP_KEYS`, held by at most
    ``common`` reports each and by at most :data:`MAX_POSTINGS` reports together (the rarest key always)."""
    ranked = sorted((k for k in set(keys) if 0 < df.get(k, 0) <= common), key=lambda k: (df[k], k))
    chosen: list[str] = []
    total = 0
    for key in ranked[:LOOKUP_KEYS]:
        if chosen and total + df[key] > MAX_POSTINGS:
            break
        chosen.append(key)
        total += df[key]
    return chosen


@functools.lru_cache(maxsize=8192)
def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])


def _days_apart(a: str | None, first: str | None, last: str | None) -> int:
    if a is None or first is None or last is None:
        return 0
    d = _day(a)
    lo, hi = _day(first), _day(last)
    if lo <= d <= hi:
        return 0
    return min(abs((d - lo).days), abs((d - hi).days))


@dataclass
class Linker:
    """Links reports into stories over a :class:`LinkIndex`."""

    index: "LinkIndex"
    threshold: float = JOIN_THRESHOLD
    window_days: int = DATE_WINDOW_DAYS

    def link(self, profile: LinkProfile) -> LinkDecision:
        """Put ``profile``'s report in a story (existing or new), record it, and say why."""
        existing = self.index.story_of(profile.report_id)
        if existing is not None:
            return LinkDecision(profile.report_id, existing, False, 1.0, "already linked")
        decision = self.decide(profile)
        self.index.add(profile, decision)
        return decision

    def decide(self, profile: LinkProfile) -> LinkDecision:
        """Where ``profile`` would go, without recording anything."""
        copies = self._copies(profile)
        if copies:
            best = copies[0]
            story = self.index.story_of(best.original_id)
            if story is not None:
                return LinkDecision(
                    profile.report_id, story, False, best.score,
                    f"{best.kind.replace('_', ' ')} of {best.original_id}: {best.reason}", tuple(copies),
                )
        n = max(1, self.index.report_count())
        df = self.index.key_frequencies(profile.keys)
        idf = {k: math.log((n + 1) / (df.get(k, 0) + 0.5)) for k in profile.keys}
        common = max(MIN_COMMON, COMMON_SHARE * n)
        blocking = blocking_keys(profile.keys, df, common)
        since = until = None
        if profile.published:  # stories outside the window are not looked at (done in the index)
            day = dt.date.fromisoformat(profile.published[:10])
            since = (day - dt.timedelta(days=self.window_days)).isoformat()
            until = (day + dt.timedelta(days=self.window_days + 1)).isoformat()  # exclusive: any time that day
        postings = self.index.stories_with_keys(blocking, since, until) if blocking else {}
        infos = self.index.story_infos(postings)
        norm = sum(idf[k] for k in profile.keys) or 1.0
        best_id, best_score, best_shared = None, 0.0, []
        for story_id, held in sorted(postings.items()):  # sorted: the same decision whatever the index
            info = infos.get(story_id)
            if info is None or _days_apart(profile.published, info.first, info.last) > self.window_days:
                continue
            score = sum(idf[k] * math.sqrt(min(1.0, held[k] / info.size)) for k in sorted(held)) / norm
            if score > best_score:
                best_id, best_score, best_shared = story_id, score, sorted(held, key=lambda k: (-idf[k], k))
        if best_id is not None and best_score >= self.threshold:
            shown = ", ".join(k.split(":", 1)[1] for k in best_shared[:4])
            return LinkDecision(
                profile.report_id, best_id, False, best_score,
                f"shares rare keys ({shown}) with the story; score {best_score:.2f}", tuple(copies), len(postings),
            )
        story_id = content_id(profile.report_id, prefix="s", length=12)
        reason = "no story close enough" + (f" (best {best_score:.2f} < {self.threshold})" if postings else "")
        return LinkDecision(profile.report_id, story_id, True, best_score, reason, tuple(copies), len(postings))

    def _copies(self, profile: LinkProfile) -> list[CopyRelation]:
        found = []
        for other_id, other_fp, other_date in self.index.band_matches(profile.fingerprint.bands()):
            if other_id == profile.report_id:
                continue
            if other_date and profile.published and other_date > profile.published:
                continue  # an earlier report cannot copy a later one; the later one is found when it arrives
            relation = compare(profile.report_id, profile.fingerprint, other_id, other_fp)
            if relation is not None:
                found.append(relation)
        rank = {"exact": 0, "near_duplicate": 1, "rewrite": 2, "citation": 3}
        return sorted(found, key=lambda r: (rank[r.kind], -r.score, r.original_id))


@dataclass
class MemoryIndex:
    """A :class:`LinkIndex` in dictionaries (evaluations, tests and bulk builds)."""

    profiles: dict[str, LinkProfile] = field(default_factory=dict)
    df: Counter[str] = field(default_factory=Counter)
    bands: dict[str, list[str]] = field(default_factory=dict)
    story_keys: dict[str, Counter[str]] = field(default_factory=dict)
    key_stories: dict[str, set[str]] = field(default_factory=dict)
    stories: dict[str, StoryInfo] = field(default_factory=dict)
    assignment: dict[str, str] = field(default_factory=dict)
    copies: list[CopyRelation] = field(default_factory=list)
    #: Report → (score, reason, assigned by) of the decision that put it in its story.
    decisions: dict[str, tuple[float, str, str]] = field(default_factory=dict)

    def report_count(self) -> int:
        return len(self.profiles)

    def key_frequencies(self, keys: Iterable[str]) -> dict[str, int]:
        return {k: self.df[k] for k in keys if k in self.df}

    def band_matches(self, bands: Iterable[str]) -> list[tuple[str, Fingerprint, str | None]]:
        ids = {rid for b in bands for rid in self.bands.get(b, ())}
        return [(rid, self.profiles[rid].fingerprint, self.profiles[rid].published) for rid in sorted(ids)]

    def stories_with_keys(
        self, keys: Iterable[str], since: str | None = None, until: str | None = None
    ) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        stories, story_keys = self.stories, self.story_keys
        for key in keys:
            for story in self.key_stories.get(key, ()):
                info = stories[story]
                if (since is None or info.last is None or info.last >= since) and (
                    until is None or info.first is None or info.first < until
                ):
                    out.setdefault(story, {})[key] = story_keys[story][key]
        return out

    def story_infos(self, story_ids: Iterable[str]) -> dict[str, StoryInfo]:
        return {s: self.stories[s] for s in story_ids if s in self.stories}

    def story_of(self, report_id: str) -> str | None:
        return self.assignment.get(report_id)

    def add(self, profile: LinkProfile, decision: LinkDecision) -> None:
        self.profiles[profile.report_id] = profile
        self.df.update(set(profile.keys))
        for band in profile.fingerprint.bands():
            self.bands.setdefault(band, []).append(profile.report_id)
        self.copies.extend(decision.copies)
        self.decisions[profile.report_id] = (decision.score, decision.reason, "linker")
        self._attach(profile, decision.story_id, profile.title if decision.new_story else None)

    def _attach(self, profile: LinkProfile, story_id: str, title: str | None) -> None:
        self.assignment[profile.report_id] = story_id
        counter = self.story_keys.setdefault(story_id, Counter())
        for key in set(profile.keys):
            counter[key] += 1
            self.key_stories.setdefault(key, set()).add(story_id)
        old = self.stories.get(story_id)
        dates = [d for d in (profile.published, old.first if old else None, old.last if old else None) if d]
        self.stories[story_id] = StoryInfo(
            story_id, old.title if old else (title or profile.title), (old.size if old else 0) + 1,
            min(dates) if dates else None, max(dates) if dates else None,
        )

    def move(self, report_id: str, story_id: str | None) -> str:
        profile = self.profiles.get(report_id)
        old = self.assignment.get(report_id)
        if profile is None or old is None:
            raise NotFoundError(f"report {report_id!r} is not linked; run `dossier link` first")
        if story_id is not None and story_id != old and story_id not in self.stories:
            raise NotFoundError(f"no story {story_id!r}; list stories with `dossier stories`")
        target = story_id or content_id(report_id, "moved", prefix="s", length=12)
        if target == old:
            return old
        counter = self.story_keys[old]
        for key in set(profile.keys):
            counter[key] -= 1
            if counter[key] <= 0:
                del counter[key]
                self.key_stories[key].discard(old)
        info = self.stories[old]
        del self.assignment[report_id]
        if info.size <= 1:
            del self.stories[old]
        else:
            # the story's dates are those of the reports still in it (as the SQL index recomputes them)
            members = [self.profiles[rid] for rid, sid in self.assignment.items() if sid == old]
            dates = [p.published for p in members if p.published]
            self.stories[old] = StoryInfo(old, info.title, info.size - 1, min(dates, default=None), max(dates, default=None))
        self.decisions[report_id] = (1.0, "moved by the user", "user")
        self._attach(profile, target, profile.title)
        return target

    def clusters(self) -> dict[str, list[str]]:
        """Story id → report ids."""
        out: dict[str, list[str]] = {}
        for rid, sid in self.assignment.items():
            out.setdefault(sid, []).append(rid)
        return out
