"""Origins and copies: where a statement comes from, so corroboration counts origins, not echoes.

A report that copies another (exact, near-duplicate, rewrite, or a "Reuters
reported …" citation copy) has the same origin as its original, followed
transitively to the earliest report.  A statement attributed to an outlet
("A Washington Post report alleged …", "Reuters reported …") is traced to that
outlet, whichever report repeats it.  Independent origins are the distinct
origin keys of a group of statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from dossier.link.fingerprint import CopyRelation
from dossier.link.statements import Statement

__all__ = ["Origin", "copy_roots", "origin_of", "independent_origins", "cited_outlet"]

_OUTLET_SOURCE_KINDS = {"outlet", "wire", "newspaper", "broadcaster", "document"}
_CITED = re.compile(
    r"\b(?:(?:an?|the)\s+)?(?P<name>Reuters|Associated Press|AP|AFP|Bloomberg|(?:The\s+)?(?:Washington Post|New York Times|"
    r"Wall Street Journal|Guardian|Miami Herald)|CNN|BBC|Fox News|NBC News|CBS News|ABC News|Axios|Politico|"
    r"ZeroHedge|Al Jazeera)(?:\s+report)?\s+(?:reported|said|alleged|wrote|reports|alleges|says|first reported|"
    r"revealed|claimed)|according to (?:an?\s+|the\s+)?(?P<name2>Reuters|Associated Press|AP|AFP|Bloomberg|"
    r"(?:The\s+)?(?:Washington Post|New York Times|Wall Street Journal|Miami Herald))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a statement is traced to.

    ``kind`` is ``report`` (the earliest report of a copy chain) or ``outlet``
    (an outlet the statement is attributed to); ``key`` identifies it for counting.
    """

    key: str
    kind: str
    label: str
    report_id: str | None = None


def copy_roots(
    report_ids: Iterable[str], copies: Sequence[CopyRelation], published: Mapping[str, str | None]
) -> dict[str, str]:
    """Each report's earliest original through copy relations (itself if it copies nothing)."""
    ids = list(report_ids)
    parent: dict[str, str] = {}
    rank = {"exact": 0, "near_duplicate": 1, "rewrite": 2, "citation": 3}
    for rel in sorted(copies, key=lambda r: (rank.get(r.kind, 9), -r.score)):
        if rel.copy_id in ids and rel.original_id in ids and rel.copy_id not in parent:
            parent[rel.copy_id] = rel.original_id
    roots = {}
    for rid in ids:
        seen = {rid}
        node = rid
        while node in parent and parent[node] not in seen:
            node = parent[node]
            seen.add(node)
        roots[rid] = node
    return roots


def cited_outlet(statement: Statement) -> str | None:
    """The outlet a statement is attributed to, if any (source of kind outlet, or "X reported" in its text)."""
    if statement.source and statement.source_kind in _OUTLET_SOURCE_KINDS:
        return statement.source
    m = _CITED.search(statement.text)
    if m:
        name = re.sub(r"^the\s+", "", m.group("name") or m.group("name2"), flags=re.I)
        return name.upper() if name.upper() in {"AP", "AFP", "CNN", "BBC"} else name
    return None


def origin_of(statement: Statement, roots: Mapping[str, str], outlet_of: Mapping[str, str | None]) -> Origin:
    """The origin of one statement: the outlet it cites, else the root report of its report."""
    cited = cited_outlet(statement)
    if cited:
        return Origin(f"outlet:{cited.casefold()}", "outlet", cited)
    root = roots.get(statement.report_id, statement.report_id)
    outlet = outlet_of.get(root)
    if outlet and not outlet.startswith("unknown outlet"):
        # one outlet is one origin: its own report and a copy that cites it by name count once
        return Origin(f"outlet:{outlet.casefold()}", "report", outlet, root)
    return Origin(f"report:{root}", "report", outlet or root, root)


def independent_origins(origins: Iterable[Origin]) -> list[Origin]:
    """Distinct origins, in first-seen order (callers pass only statements that support the item)."""
    seen: dict[str, Origin] = {}
    for origin in origins:
        seen.setdefault(origin.key, origin)
    return list(seen.values())
