"""Deadlines across reports: one object per real deadline, with its status as of any date.

The deadlines the per-report analyser found are merged when their due times
are compatible and their issuer and target do not conflict.  A report without
analysed deadlines contributes the sentences that state one ("X gave Y until
Nov. 28 to …").  The status on a date is the latest status any report gave by
then; once the due date is past and no report says it was met, extended or
withdrawn, it is ``passed``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from dossier.calendar import MONTHS
from dossier.link.statements import Statement
from dossier.link.timeline import compatible_times, interval
from dossier.model import Analysis, Evidence

__all__ = ["StoryDeadline", "merge_deadlines"]

_GAVE = re.compile(
    r"(?P<issuer>(?:[A-Z][\w.’'-]+\s?){1,3})\s+(?:gave|has given|had given|set|issued)\s+(?P<target>(?:[A-Z][\w.’'-]+\s?){1,3})"
    r"(?:\s+(?:a|an|the)\s+[\w\s-]{0,30}?)?\s+(?:until|till|to|by)\b",
)
_DUE = re.compile(r"\b(?:until|till|by|deadline(?: of)?)\s+(?:\w+day,?\s+)?(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))", re.I)
_MONTH_DAY = re.compile(r"([A-Z][a-z]{2,8}\.?)\s+(\d{1,2})\b")
_DEMAND = re.compile(r"\bto\s+(?P<demand>(?:leave|resign|step down|depart|exit|quit|surrender|withdraw|hand over)[^.,;]{0,60})", re.I)


@dataclass(frozen=True, slots=True)
class DeadlineStatus:
    """A status given by one report on its publication date."""

    status: str
    as_of: str | None
    report_id: str
    evidence: Evidence


@dataclass
class StoryDeadline:
    """One real deadline across the story's reports."""

    issuer: str | None
    target: str | None
    demand: str
    due: str | None
    evidence: list[Evidence] = field(default_factory=list)
    statuses: list[DeadlineStatus] = field(default_factory=list)

    @property
    def report_ids(self) -> list[str]:
        """Reports that state the deadline."""
        return list(dict.fromkeys(e.report_id for e in self.evidence))

    def status_as_of(self, date: str) -> str:
        """The status on ``date`` (ISO): the latest report's word, else ``passed`` after the due date."""
        given = [s for s in self.statuses if s.as_of is None or s.as_of[:10] <= date]
        final = {"met", "extended", "withdrawn"}
        latest = next((s.status for s in reversed(given) if s.status in final), None)
        if latest:
            return latest
        due = interval(self.due)
        if due is not None and dt.date.fromisoformat(date[:10]) > due[1]:
            return "passed"
        return "pending"


def _compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    x, y = a.casefold(), b.casefold()
    return x in y or y in x or bool(set(x.split()) & set(y.split()))


def _fallback(statement: Statement) -> tuple[str | None, str | None, str, str | None] | None:
    text = statement.text
    if not _DUE.search(text) or not statement.dates:
        return None
    demand = _DEMAND.search(text)
    if demand is None:
        return None
    gave = _GAVE.search(text)
    issuer = gave.group("issuer").strip() if gave else None
    target = gave.group("target").strip() if gave else None
    due = statement.dates[0]
    m = _MONTH_DAY.match(text, _DUE.search(text).end())  # type: ignore[union-attr]
    month = MONTHS.get(m.group(1).casefold().rstrip(".")) if m else None
    if m and month:  # the date right after "until"/"by" is the due date
        month_day = f"-{month:02d}-{int(m.group(2)):02d}"
        due = next((v for v in statement.dates if v[4:10] == month_day), due)
    return issuer, target, demand.group("demand").strip(), due


def merge_deadlines(
    analyses: Sequence[Analysis],
    statements: Sequence[Statement],
    published: Mapping[str, str | None],
    order: Mapping[str, int],
) -> list[StoryDeadline]:
    """One :class:`StoryDeadline` per real deadline stated in the story's reports."""
    items: list[tuple[str | None, str | None, str, str | None, Evidence, str]] = []
    analysed = set()
    for analysis in analyses:
        for d in analysis.deadlines:
            analysed.add(analysis.report.id)
            items.append((d.issuer, d.target, d.demand, d.due, d.evidence, d.status))
    for st in statements:
        if st.report_id in analysed or st.kind != "sentence":
            continue
        found = _fallback(st)
        if found:
            items.append((*found, st.evidence, "pending"))
    items.sort(key=lambda it: (order.get(it[4].report_id, 0), it[4].start))
    merged: list[StoryDeadline] = []
    for issuer, target, demand, due, evidence, status in items:
        target_dl = next(
            (
                m for m in merged
                if compatible_times([m.due or ""], [due or ""]) and (m.due is None) == (due is None)
                and _compatible(m.issuer, issuer) and _compatible(m.target, target)
            ),
            None,
        )
        if target_dl is None:
            target_dl = StoryDeadline(issuer, target, demand, due)
            merged.append(target_dl)
        target_dl.issuer = target_dl.issuer or issuer
        target_dl.target = target_dl.target or target
        target_dl.evidence.append(evidence)
        target_dl.statuses.append(DeadlineStatus(status, published.get(evidence.report_id), evidence.report_id, evidence))
    return merged
