"""The claims ledger: one line per claim across reports, with its status over time.

Statements that say the same thing (content-word overlap, paraphrase-tolerant:
stems, stopwords dropped, overlap coefficient) are grouped; a denial joins the
claim it denies when it shares enough of its words.  The status moves in
publication order — reported → alleged → denied → confirmed — and each move
records who moved it (the source, else the outlet) and the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from dossier.link.origins import Origin, independent_origins, origin_of
from dossier.link.statements import Statement, content_words, similarity

__all__ = ["LedgerEntry", "StatusChange", "build_ledger", "SAME_CLAIM"]

#: Overlap above which two statements are the same claim (a denial needs less: it restates the claim briefly).
SAME_CLAIM = 0.5
SAME_CLAIM_DENIAL = 0.34


@dataclass(frozen=True, slots=True)
class StatusChange:
    """The claim's status from one report on, and who moved it."""

    status: str
    report_id: str
    date: str | None
    by: str
    statement: Statement


@dataclass
class LedgerEntry:
    """One claim across the story's reports."""

    text: str
    statements: list[Statement] = field(default_factory=list)
    history: list[StatusChange] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        """The latest status."""
        return self.history[-1].status if self.history else "reported"

    @property
    def corroboration(self) -> int:
        """Independent origins that state it."""
        return len(self.origins)

    def status_as_of(self, date: str) -> str | None:
        """The status on ``date`` (ISO), or None if no report had stated it yet."""
        current = None
        for change in self.history:
            if change.date is None or change.date[:10] <= date:
                current = change.status
        return current


def build_ledger(
    statements: Sequence[Statement],
    order: Mapping[str, int],
    published: Mapping[str, str | None],
    roots: Mapping[str, str],
    outlet_of: Mapping[str, str | None],
) -> list[LedgerEntry]:
    """Group the story's claims (or fallback sentences) and trace each one's status over time."""
    usable = [s for s in statements if s.kind in {"claim", "sentence"}]
    usable.sort(key=lambda s: (order.get(s.report_id, 0), s.evidence.start))
    groups: list[tuple[LedgerEntry, set[str]]] = []
    for st in usable:
        words = content_words(st.text)
        if len(words) < 3:
            continue
        best, best_sim = None, 0.0
        for entry, entry_words in groups:
            sim = similarity(words, entry_words)
            if sim > best_sim:
                best, best_sim = entry, sim
        needed = SAME_CLAIM_DENIAL if st.status in {"denied", "confirmed"} else SAME_CLAIM
        if best is None or best_sim < needed:
            best = LedgerEntry(st.text)
            groups.append((best, set(words)))
        best.statements.append(st)
    entries = []
    for entry, _ in groups:
        for st in entry.statements:
            by = st.source or outlet_of.get(st.report_id) or st.report_id
            if by not in entry.sources:
                entry.sources.append(by)
            if not entry.history or entry.history[-1].status != st.status:
                entry.history.append(StatusChange(st.status, st.report_id, published.get(st.report_id), by, st))
        supporting = [s for s in entry.statements if s.status != "denied"]  # a denial corroborates nothing
        entry.origins = independent_origins(origin_of(s, roots, outlet_of) for s in supporting)
        entries.append(entry)
    # the ledger worth reading first: most corroborated, then most contested
    entries.sort(key=lambda e: (-e.corroboration, -len(e.history), order.get(e.statements[0].report_id, 0)))
    return entries
