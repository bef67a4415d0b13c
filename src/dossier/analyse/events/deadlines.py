"""Deadlines: who set what for whom by when, what happens if not, and where it stands.

A deadline comes from an ultimatum ("Trump gave Maduro until Friday, Nov. 28,
to leave Venezuela voluntarily before declaring Venezuelan airspace closed"):
issuer, target, demand, due date and consequence.  Its status is
:func:`deadline_status` of the events known at a date, so the cross-report
linker can ask "where did it stand on Dec. 1?" with every report's events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from dossier.analyse.events.merge import MergedEvent, compatible_text
from dossier.analyse.events.ontology import DEADLINE_NOUNS
from dossier.analyse.events.syntax import clean_phrase
from dossier.model import Deadline, Event, Evidence, Report, content_id

__all__ = ["DeadlineStatus", "STATUSES", "deadline_status", "deadlines_from_events"]

#: Statuses a deadline can have, as of a date.
STATUSES = ("pending", "passed", "met", "extended", "withdrawn")
_DEADLINE_WORDS = DEADLINE_NOUNS | {"ultimatum"}
_FACTUAL = frozenset("happened reported".split())


@dataclass(frozen=True, slots=True)
class DeadlineStatus:
    """A deadline's status as of a date, the event that settles it (if any) and why."""

    status: str
    as_of: str | None
    event: Event | None
    reason: str


def _date(value: str | None) -> dt.date | None:
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _texts(event: Event, *roles: str) -> list[str]:
    return [p.text for p in event.participants if not roles or p.role in roles]


def _about_deadline(event: Event) -> bool:
    words = " ".join(_texts(event) + [event.evidence.text[:200]]).lower()
    return any(w in words for w in _DEADLINE_WORDS)


def _by_target(event: Event, deadline: Deadline) -> bool:
    agents = _texts(event, "agent")
    return bool(agents) and deadline.target is not None and all(compatible_text(a, deadline.target) for a in agents)


def _is_consequence(event: Event, deadline: Deadline) -> bool:
    if not deadline.consequence or event.modality not in _FACTUAL:
        return False
    consequence = deadline.consequence.lower()
    return any(stem in consequence for stem in (event.type, event.trigger.text.lower()[:5])) or (
        event.type == "close" and ("closed" in consequence or "shut" in consequence)
    )


def deadline_status(
    deadline: Deadline,
    events: Iterable[Event],
    as_of: str | None,
    *,
    known_at: Mapping[str, str] | Callable[[str], str | None] | None = None,
) -> DeadlineStatus:
    """The status of ``deadline`` as of the date ``as_of``, given ``events`` from any reports.

    An event counts if it is known by ``as_of``: its own date, else the date of
    the report it comes from (``known_at``: report id → ISO date, a mapping or a
    function), else — undated and unplaced — only once the due date has passed.
    In order: an ultimatum withdrawn → ``withdrawn``; extended → ``extended``;
    the target doing what was demanded by the due date → ``met``; a report that
    the deadline passed, or its consequence carried out → ``passed``; the due date
    behind ``as_of`` → ``passed`` (on the calendar alone); otherwise ``pending``.

    Args:
        deadline: The deadline (from any report).
        events: Candidate events; irrelevant ones are ignored.
        as_of: ISO date; None means "everything known".
        known_at: When each report (by id) was published.
    """
    limit = _date(as_of)
    due = _date(deadline.due)

    def when(event: Event) -> dt.date | None:
        own = _date(event.time)
        if own is not None:
            return own
        if known_at is None:
            return None
        report_date = known_at(event.evidence.report_id) if callable(known_at) else known_at.get(event.evidence.report_id)
        return _date(report_date)

    def known(event: Event) -> bool:
        if limit is None:
            return True
        date = when(event)
        if date is not None:
            return date <= limit
        return due is not None and limit > due

    relevant = [e for e in events if known(e) and e.id not in deadline.event_ids[:1]]
    relevant.sort(key=lambda e: (when(e) or dt.date.max, e.evidence.start))
    for status, test in (
        ("withdrawn", lambda e: e.type == "withdraw" and (_about_deadline(e) or e.id in deadline.event_ids)),
        ("extended", lambda e: e.type == "extend" and (_about_deadline(e) or e.id in deadline.event_ids)),
        ("met", lambda e: e.modality in _FACTUAL and (e.type == "comply" or e.type == "resign" and _by_target(e, deadline))
         and (due is None or when(e) is None or when(e) <= due)),  # type: ignore[operator]
        ("passed", lambda e: e.type == "expire" and _about_deadline(e) and e.modality != "negated"),
        ("passed", lambda e: _is_consequence(e, deadline) and (due is None or when(e) is None or when(e) > due)),  # type: ignore[operator]
    ):
        settling = next((e for e in relevant if test(e)), None)
        if settling is not None:
            return DeadlineStatus(status, as_of, settling, f"{settling.type} event: {settling.evidence.text[:120]}")
    if due is not None and limit is not None and limit > due:
        return DeadlineStatus("passed", as_of, None, f"due {due.isoformat()} is before {limit.isoformat()}; "
                                                       "no event met, extended or withdrew it")
    return DeadlineStatus("pending", as_of, None, "no event settles it" + (f" by {as_of}" if as_of else ""))


def deadlines_from_events(
    merged: Sequence[MergedEvent],
    events: Sequence[Event],
    report: Report,
    extractor: str,
    as_of: str | None,
) -> list[Deadline]:
    """Deadlines of one report from its ultimatum events, with their status as of ``as_of``.

    ``merged`` and ``events`` are parallel after sorting by evidence start, as
    produced by :func:`dossier.analyse.events.merge.build_events`.
    """
    by_id = {e.id: e for e in events}
    out: list[Deadline] = []
    for group in merged:
        ultimatums = [m for m in group.mentions if m.type == "give_ultimatum"]
        if not ultimatums:
            continue
        primary = min(ultimatums, key=lambda m: (m.zone != "body", m.trigger.start))
        event_id = content_id(report.id, group.primary.type, group.primary.trigger.start, prefix="ev")
        due = next((m.due.value for m in [primary, *ultimatums] if m.due is not None), None)
        consequence = next((m.consequence[2] for m in [primary, *ultimatums] if m.consequence), None)
        theme = next((m.role("theme") for m in [primary, *ultimatums] if m.role("theme")), None)
        demand = clean_phrase(theme.text) if theme is not None else "comply"
        demand = demand.removeprefix("to ")
        issuer = group.role_text("agent")
        target = group.role_text("target")
        start, end = primary.sentence
        deadline = Deadline(
            id=content_id(report.id, "deadline", issuer, target, due, prefix="dl"),
            issuer=issuer,
            target=target,
            demand=demand,
            due=due,
            evidence=Evidence.of(report, start, end, extractor),
            consequence=consequence,
            event_ids=(event_id,),
        )
        known = {report.id: report.published.value} if report.published.value else None
        status = deadline_status(deadline, by_id.values(), as_of, known_at=known)
        out.append(Deadline(
            id=deadline.id, issuer=issuer, target=target, demand=demand, due=due, evidence=deadline.evidence,
            consequence=consequence, status=status.status, status_as_of=as_of,
            status_evidence=(Evidence.of(report, status.event.evidence.start, status.event.evidence.end, extractor)
                             if status.event is not None else None),
            event_ids=(event_id,) + ((status.event.id,) if status.event is not None else ()),
        ))
    return out
