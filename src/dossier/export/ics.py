"""Deadlines as an iCalendar file (RFC 5545): one VEVENT per deadline.

Each event is all-day on the due date (or at the due time when one is known),
its summary names issuer, target and demand, its description gives the
consequence, the status with its evidence and the sentence it came from, and
``X-DOSSIER-*`` properties keep the machine-readable status and offsets.  A
deadline without a calendar date (``2025-W48``, none stated) cannot be placed
on a calendar: it is counted under ``skipped`` rather than given an invented day.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Iterable

from dossier.export.files import ExportResult
from dossier.model import Analysis, Deadline, Report

__all__ = ["write_ics", "deadline_vevent", "escape_text", "fold_line"]

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?")
#: iCalendar STATUS of a VEVENT for each deadline status.
_VEVENT_STATUS = {"withdrawn": "CANCELLED"}


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets, continuation lines starting with a space (§3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    limit = 75
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # the leading space counts
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _due(value: str | None) -> tuple[str, str] | None:
    """(DTSTART, DTEND) property texts for a due value, or None if it is not a calendar date."""
    if not value:
        return None
    if m := _DATETIME.match(value):
        y, mo, d, h, mi, s = (int(g or 0) for g in m.groups())
        try:
            start = dt.datetime(y, mo, d, h, mi, s)
        except ValueError:
            return None
        return f"DTSTART:{start:%Y%m%dT%H%M%S}", f"DTEND:{start + dt.timedelta(hours=1):%Y%m%dT%H%M%S}"
    if m := _DATE.match(value):
        try:
            day = dt.date(*(int(g) for g in m.groups()))
        except ValueError:
            return None
        return f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}"
    return None


def deadline_vevent(deadline: Deadline, report: Report, stamp: str) -> list[str] | None:
    """The content lines (unfolded) of one deadline's VEVENT, or None if it has no calendar date."""
    due = _due(deadline.due)
    if due is None:
        return None
    who = f"{deadline.issuer or 'unknown issuer'} → {deadline.target or 'unknown target'}"
    status = deadline.status + (f" as of {deadline.status_as_of}" if deadline.status_as_of else "")
    description = [
        f"Demand: {deadline.demand}",
        f"Issuer: {deadline.issuer or 'not stated'}; target: {deadline.target or 'not stated'}",
        f"Consequence: {deadline.consequence or 'none stated'}",
        f"Status: {status}",
        f"Evidence ({report.id} @{deadline.evidence.start}-{deadline.evidence.end}): “{deadline.evidence.text}”",
    ]
    if deadline.status_evidence is not None:
        se = deadline.status_evidence
        description.append(f"Status evidence ({se.report_id} @{se.start}-{se.end}): “{se.text}”")
    description.append(f"Report: {report.title or report.source_name}" + (f" <{report.url}>" if report.url else ""))
    lines = [
        "BEGIN:VEVENT",
        f"UID:{deadline.id}@dossier",
        f"DTSTAMP:{stamp}",
        due[0],
        due[1],
        f"SUMMARY:{escape_text(f'Deadline: {who}: {deadline.demand}')}",
        f"DESCRIPTION:{escape_text(chr(10).join(description))}",
        f"STATUS:{_VEVENT_STATUS.get(deadline.status, 'CONFIRMED')}",
        f"CATEGORIES:{escape_text('deadline')},{escape_text(deadline.status)}",
        f"X-DOSSIER-STATUS:{escape_text(deadline.status)}",
        f"X-DOSSIER-REPORT:{escape_text(report.id)}",
        f"X-DOSSIER-EVIDENCE:{deadline.evidence.start}-{deadline.evidence.end}",
    ]
    if report.url:
        lines.append(f"URL:{report.url}")
    lines.append("END:VEVENT")
    return lines


def write_ics(analyses: Iterable[Analysis], path: Path, *, now: dt.datetime | None = None) -> ExportResult:
    """Write every deadline with a calendar date as a VEVENT of one VCALENDAR."""
    stamp = f"{(now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc):%Y%m%dT%H%M%SZ}"
    result = ExportResult("ics", path, counts={"deadlines": 0})
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//dossier//deadlines//EN", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:dossier deadlines"]  # fmt: skip
    for analysis in analyses:
        for deadline in analysis.deadlines:
            event = deadline_vevent(deadline, analysis.report, stamp)
            if event is None:
                result.skipped["no_calendar_date"] = result.skipped.get("no_calendar_date", 0) + 1
                continue
            lines += event
            result.counts["deadlines"] += 1
    lines.append("END:VCALENDAR")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\r\n".join(fold_line(line) for line in lines) + "\r\n").encode("utf-8"))
    return result
