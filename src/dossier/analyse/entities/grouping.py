"""Mentions grouped into entities, with types repaired by consistency within the report.

The statistical model labels each mention on its own, so one report can have
"Trump" as PERSON here and ORG there, or "Rodríguez" as GPE.  Mentions are
grouped first (same name key; a surname alone joins the one person whose full
name ends with it), and the group's type is then decided from all its
mentions together: an outlet found in the directory wins, a known country is a
place, a title or a full name tagged PERSON makes a person, and otherwise the
majority of the model's labels decides.  Each :class:`~dossier.model.Mention`
keeps what the model said (``model_label``) beside the repaired ``label``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dossier.analyse.entities.gazetteer import outlet_type
from dossier.analyse.entities.names import canonical_place, org_head, strip_possessive
from dossier.analyse.entities.roles import TitleMatch
from dossier.model import Outlet

__all__ = ["Candidate", "Group", "group_mentions", "label_type"]

_GOVERNMENT = re.compile(
    r"\b(?:Department|Ministry|Senate|Congress|Pentagon|White House|Kremlin|Parliament|Army|Navy|Air Force|"
    r"Marines?|Coast Guard|Military|Government|Administration|Agency|Court|Cabinet|Bureau|National Assembly|"
    r"Central Bank|Federal Reserve|Treasury|Southern Command|SOUTHCOM|Defen[cs]e|Armed Forces|Police)\b"
    r"|^(?:CIA|FBI|DEA|NSA|DHS|DOJ|DoD|SEC|FTC|FDA|EPA|ICE|IRS)$"
)
_TYPE_PRIORITY = ("person", "place", "government_body", "organisation", "group", "other")


def label_type(label: str, text: str) -> str:
    """The entity type suggested by one model label (before repair)."""
    if label == "PERSON":
        return "person"
    if label in ("GPE", "LOC", "FAC"):
        return "place"
    if label == "NORP":
        return "group"
    if label == "ORG":
        return "government_body" if _GOVERNMENT.search(text) else "organisation"
    return "other"


@dataclass
class Candidate:
    """One mention before grouping."""

    start: int
    end: int
    text: str
    key: str
    model_label: str | None
    hint: str
    outlet: Outlet | None = None
    titles: list[TitleMatch] = field(default_factory=list)
    titled: bool = False  # a title was written inside or before the name

    @property
    def tokens(self) -> list[str]:
        return self.key.split()


@dataclass
class Group:
    """Mentions that are one entity, and the decisions made about it."""

    key: str
    members: list[Candidate] = field(default_factory=list)
    type: str = "other"
    kind: str | None = None
    name: str = ""

    @property
    def outlet(self) -> Outlet | None:
        return next((m.outlet for m in self.members if m.outlet is not None), None)

    def person_evidence(self) -> bool:
        """A title, or a full name (two or more words) that the model tagged PERSON."""
        return any(m.titled or (m.model_label == "PERSON" and len(m.tokens) >= 2) for m in self.members)

    def decide(self) -> None:
        """Set ``type``, ``kind`` and ``name`` from all members together."""
        outlet = self.outlet
        place = canonical_place(self.key)
        if outlet is not None:
            self.type, self.kind = outlet_type(outlet), outlet.kind
            self.name = outlet.name if outlet.kind != "unknown" or "." not in outlet.name else self.members[0].text
        elif place is not None:
            self.type, self.name = "place", place
        elif self.person_evidence():
            self.type = "person"
        else:
            votes = Counter(m.hint for m in self.members)
            best = max(votes.values())
            self.type = next(t for t in _TYPE_PRIORITY if votes.get(t) == best)
            if self.type == "other" and any(m.model_label == "PRODUCT" for m in self.members):
                self.kind = "product"
        if not self.name:
            self.name = self._best_name()

    def _best_name(self) -> str:
        texts = [strip_possessive(m.text) for m in self.members]
        if self.type == "person":
            return max(texts, key=lambda t: (len(t.split()), len(t), -texts.index(t)))
        spelled = [t for t in texts if not _is_acronym(t)] or texts  # "General Motors" over "GM"
        counts = Counter(spelled)
        return max(counts, key=lambda t: (counts[t], len(t), -texts.index(t)))


_SMALL_WORDS = {"of", "the", "and", "for", "de", "del", "la", "&"}


def _initials(name: str) -> set[str]:
    """``"General Motors"`` → ``{"GM"}``; ``"Department of War"`` → ``{"DW", "DOW"}`` (with and without small words)."""
    words = [w for w in re.split(r"[\s-]+", strip_possessive(name)) if w[:1].isalpha()]
    return {
        "".join(w[0].upper() for w in words if w.lower() not in _SMALL_WORDS),
        "".join(w[0].upper() for w in words),
    }


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and sum(c.isupper() for c in letters) >= len(letters) - 1 and letters[0].isupper()


def _attach_acronyms(groups: dict[str, Group]) -> None:
    """An acronym joins the one organisation of the report whose initials it spells ("GM" → General Motors)."""
    for key, group in list(groups.items()):
        surface = strip_possessive(group.members[0].text)
        if group.outlet is not None or not _is_acronym(surface) or canonical_place(key) is not None:
            continue
        acronym = surface.replace(".", "").upper()
        full = [
            g for g in groups.values()
            if g is not group and g.outlet is None and len(g.key.split()) >= 2
            and any(m.hint in ("organisation", "government_body") for m in g.members)
            and not g.person_evidence()
            and any(acronym in _initials(m.text) for m in g.members)
        ]
        if len(full) == 1:
            full[0].members.extend(group.members)
            del groups[key]


def _org_like(group: Group) -> bool:
    hints = Counter(m.hint for m in group.members)
    return (
        group.outlet is None
        and not group.person_evidence()
        and canonical_place(group.key) is None
        and hints["organisation"] + hints["government_body"] >= max(hints["place"], hints["person"], 1)
    )


def _attach_org_heads(groups: dict[str, Group]) -> None:
    """A one-word organisation joins the one longer organisation it begins ("Ford" → "Ford Motor Company")."""
    for key, group in list(groups.items()):
        if len(key.split()) != 1 or not _org_like(group) or org_head(key) != key:
            continue
        longer = [g for g in groups.values() if g is not group and len(g.key.split()) > 1 and g.key.split()[0] == key and _org_like(g)]
        if len(longer) == 1:
            longer[0].members.extend(group.members)
            del groups[key]


def group_mentions(candidates: list[Candidate]) -> list[Group]:
    """Group candidates by outlet or name key, then attach surnames and acronyms to the full names they shorten."""
    groups: dict[str, Group] = {}
    for cand in sorted(candidates, key=lambda c: c.start):
        key = f"outlet:{cand.outlet.domain}" if cand.outlet is not None else cand.key
        groups.setdefault(key, Group(key)).members.append(cand)
    persons = [g for g in groups.values() if g.outlet is None and g.person_evidence() and len(g.key.split()) >= 2]
    for key, group in list(groups.items()):
        if group.outlet is not None or canonical_place(key) is not None:
            continue
        tokens = key.split()
        longer = [
            p for p in persons
            if p is not group and len(p.key.split()) > len(tokens) and p.key.split()[-len(tokens):] == tokens
        ]
        if len(longer) == 1:  # a surname shared by two people in the report stays apart
            longer[0].members.extend(group.members)
            del groups[key]
    _attach_acronyms(groups)
    _attach_org_heads(groups)
    for group in groups.values():
        group.members.sort(key=lambda c: c.start)
        group.decide()
    return sorted(groups.values(), key=lambda g: g.members[0].start)
