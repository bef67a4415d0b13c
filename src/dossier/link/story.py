"""The story dossier: a story's reports assembled into one sourced, checkable object.

:func:`build_story` is pure: given the story's analyses and the copy relations
found when linking, it returns a :class:`StoryDossier` with the reports (and
which are copies of which), actors, the merged timeline, deadlines, the claims
ledger with origins, contradictions and outlets.  :func:`story_to_json` gives
its ``dossier.story/1`` JSON form, from which the Markdown and HTML views are
rendered.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from dossier.link.contradict import find_contradictions
from dossier.link.deadlines import StoryDeadline, merge_deadlines
from dossier.link.fingerprint import CopyRelation
from dossier.link.ledger import LedgerEntry, build_ledger
from dossier.link.origins import Origin, copy_roots
from dossier.link.statements import Statement, statements_of
from dossier.link.timeline import TimelineEntry, merge_timeline
from dossier.model import Analysis, Contradiction, Evidence
from dossier.serialize import to_data

__all__ = ["SCHEMA_STORY", "StoryReport", "Actor", "StoryDossier", "build_story", "story_to_json"]

SCHEMA_STORY = "dossier.story/1"


@dataclass(frozen=True, slots=True)
class StoryReport:
    """A report of the story, in publication order, with what it copies."""

    id: str
    title: str | None
    outlet: str | None
    outlet_kind: str | None
    published: str | None
    copy_of: str | None = None
    copy_kind: str | None = None
    copy_reason: str | None = None
    link_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor of the story: canonical name, type, roles, and how many reports name it."""

    name: str
    type: str
    roles: tuple[str, ...]
    reports: int
    mentions: int
    evidence: Evidence | None = None


@dataclass
class StoryDossier:
    """Everything the dossier shows about one story."""

    id: str
    title: str
    reports: list[StoryReport]
    actors: list[Actor]
    timeline: list[TimelineEntry]
    deadlines: list[StoryDeadline]
    ledger: list[LedgerEntry]
    contradictions: list[Contradiction]
    outlets: list[dict[str, Any]]
    copies: list[CopyRelation] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def summary(self) -> str:
        """One paragraph: size, span, independence and what is contested."""
        dates = [r.published for r in self.reports if r.published]
        span = f" from {min(dates)[:10]} to {max(dates)[:10]}" if dates else ""
        originals = sum(1 for r in self.reports if r.copy_of is None)
        return (
            f"{len(self.reports)} reports{span} from {len(self.outlets)} outlets; "
            f"{originals} independent, {len(self.reports) - originals} copies. "
            f"{len(self.timeline)} timeline events, {len(self.ledger)} claims, "
            f"{len(self.deadlines)} deadlines, {len(self.contradictions)} contradictions."
        )


def _outlet_label(analysis: Analysis) -> str:
    report = analysis.report
    if report.outlet is not None:
        return report.outlet.name
    name = (report.source_name or report.id).replace("\\", "/").rsplit("/", 1)[-1]
    return f"unknown outlet ({name})"


def _actors(analyses: Sequence[Analysis]) -> list[Actor]:
    by_key: dict[str, dict[str, Any]] = {}
    for analysis in analyses:
        for e in analysis.entities:
            key = e.key or e.name.casefold()
            slot = by_key.setdefault(key, {"names": Counter(), "type": e.type, "roles": [], "reports": set(), "mentions": 0, "evidence": e.evidence})
            slot["names"][e.name] += len(e.mentions) or 1
            slot["reports"].add(analysis.report.id)
            slot["mentions"] += len(e.mentions)
            for role in e.roles:
                label = role.title + (f" of {role.of}" if role.of else "")
                if label not in slot["roles"]:
                    slot["roles"].append(label)
    actors = [
        Actor(s["names"].most_common(1)[0][0], s["type"], tuple(s["roles"]), len(s["reports"]), s["mentions"], s["evidence"])
        for s in by_key.values()
        if s["type"] not in {"other"}
    ]
    return sorted(actors, key=lambda a: (-a.reports, -a.mentions, a.name))


def build_story(
    story_id: str,
    title: str,
    analyses: Sequence[Analysis],
    copies: Sequence[CopyRelation] = (),
    link_reasons: Mapping[str, str] | None = None,
) -> StoryDossier:
    """Assemble the dossier of one story from its reports' analyses and their copy relations."""
    ordered = sorted(analyses, key=lambda a: (a.report.published.value or "9999", a.report.id))
    order = {a.report.id: i for i, a in enumerate(ordered)}
    published = {a.report.id: a.report.published.value for a in ordered}
    outlet_of = {a.report.id: _outlet_label(a) for a in ordered}
    ids = list(order)
    story_copies = [c for c in copies if c.copy_id in order and c.original_id in order]
    roots = copy_roots(ids, story_copies, published)
    best_copy: dict[str, CopyRelation] = {}
    for c in story_copies:
        best_copy.setdefault(c.copy_id, c)
    reasons = link_reasons or {}
    reports = [
        StoryReport(
            a.report.id, a.report.title, outlet_of[a.report.id],
            a.report.outlet.kind if a.report.outlet else None, a.report.published.value,
            best_copy[a.report.id].original_id if a.report.id in best_copy else None,
            best_copy[a.report.id].kind if a.report.id in best_copy else None,
            best_copy[a.report.id].reason if a.report.id in best_copy else None,
            reasons.get(a.report.id),
        )
        for a in ordered
    ]
    statements: list[Statement] = [s for a in ordered for s in statements_of(a)]
    timeline = merge_timeline(statements, order, roots, outlet_of)
    ledger = build_ledger(statements, order, published, roots, outlet_of)
    deadlines = merge_deadlines(ordered, statements, published, order)
    contradictions = find_contradictions(statements, ledger, timeline, roots, outlet_of)
    outlet_rows: dict[str, dict[str, Any]] = {}
    for a in ordered:
        name = outlet_of[a.report.id] or "unknown"
        row = outlet_rows.setdefault(
            name, {"name": name, "domain": a.report.outlet.domain if a.report.outlet else None,
                   "kind": a.report.outlet.kind if a.report.outlet else "unknown", "reports": 0, "copies": 0},
        )
        row["reports"] += 1
        row["copies"] += a.report.id in best_copy
    return StoryDossier(
        story_id, title, reports, _actors(ordered), timeline, deadlines, ledger, contradictions,
        list(outlet_rows.values()), story_copies, {a.report.id: a.report.text for a in ordered},
    )


def _statement(st: Statement) -> dict[str, Any]:
    return {
        "report_id": st.report_id, "kind": st.kind, "text": st.text, "source": st.source, "status": st.status,
        "dates": list(st.dates), "evidence": to_data(st.evidence),
    }


def _origin(o: Origin) -> dict[str, Any]:
    return {"key": o.key, "kind": o.kind, "label": o.label, "report_id": o.report_id}


def story_to_json(story: StoryDossier) -> dict[str, Any]:
    """The ``dossier.story/1`` document of a story dossier."""
    return {
        "schema": SCHEMA_STORY,
        "id": story.id,
        "title": story.title,
        "summary": story.summary,
        "reports": [to_data(r) for r in story.reports],
        "outlets": story.outlets,
        "actors": [to_data(a) for a in story.actors],
        "timeline": [
            {
                "date": e.date, "certainty": e.certainty, "type": e.type, "text": e.text,
                "corroboration": e.corroboration, "origins": [_origin(o) for o in e.origins],
                "outlets": e.outlets, "report_ids": e.report_ids,
                "evidence": [_statement(s) for s in e.statements],
            }
            for e in story.timeline
        ],
        "deadlines": [
            {
                "issuer": d.issuer, "target": d.target, "demand": d.demand, "due": d.due,
                "report_ids": d.report_ids, "evidence": [to_data(e) for e in d.evidence],
                "statuses": [{"status": s.status, "as_of": s.as_of, "report_id": s.report_id} for s in d.statuses],
            }
            for d in story.deadlines
        ],
        "claims": [
            {
                "text": c.text, "status": c.status, "corroboration": c.corroboration,
                "origins": [_origin(o) for o in c.origins], "sources": c.sources,
                "history": [{"status": h.status, "report_id": h.report_id, "date": h.date, "by": h.by} for h in c.history],
                "evidence": [_statement(s) for s in c.statements],
            }
            for c in story.ledger
        ],
        "contradictions": [to_data(c) for c in story.contradictions],
        "copies": [to_data(c) for c in story.copies],
    }
