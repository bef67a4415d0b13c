"""Anchoring: what a relative expression is resolved against.

News mode anchors on the report's reference date (its publication time, or the
one inferred from the text: ``anchor_source="dct"``; with no date at all, on
"today" from the config: ``"today"``).  Narrative mode anchors on the latest
date the text has mentioned before the expression ("the following day", "two
days later", "Saturday" after "Friday, Nov. 28"): ``"narrative"``.  The tense
around an expression decides whether a bare weekday looks back or ahead.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from dossier.analyse.time.rules import SENTENCE_END

__all__ = ["Anchoring", "Mentioned"]

_FUTURE_CUES = re.compile(
    r"(?:\b(?:will|won't|would|shall|going\s+to|as\s+(?:soon|early)\s+as|planning|intends?\s+to|hopes?\s+to|expected\s+to|expects?\s+to|scheduled|plans?\s+to|planned\s+to|is\s+to|are\s+to|"
    r"due|until|deadline|next(?!\s+to\b)|upcoming|set\s+to|slated|begins?|starts?|opens?|meets?|resumes?)\b|'ll\b)",
)  # over the lower-cased text
_PAST_CUES = re.compile(r"\b(?:said|was|were|had|did|ago|last|reported|announced|told)\b")
#: "had (been)" right before a future cue: "had been due to", "had planned to", "had been expected to".
_PLUPERFECT = re.compile(r"\bhad\s+(?:been\s+)?$")
#: After an expression: the first tense cue (group 1: a future one) up to a sentence end.
_AFTER_CUES = re.compile(
    r"\b(will|won't|shall|is\s+to|are\s+to|going\s+to|scheduled\s+to|expected\s+to|plans?\s+to)\b"
    r"|\b(?:said|says|was|were|had|did|has|have)\b|[.!?;]"
)
_SENTENCE_OPENING = re.compile(r"[\s\"“‘'(]*(?:(?:and|but|then|so)\s+)?(?:on|by|from|until|till|as\s+of)?\s*")
#: A sentence end (:data:`SENTENCE_END`) whose period does not end an abbreviation ("Nov.", "Mr.", "U.S.", "p.").
_SENTENCE_BREAK = re.compile(
    r"[.!?](?<!\b[A-Z]\.)(?<!\b[A-Z][a-z]\.)(?<!\b[A-Z][a-z]{2}\.)(?<!\b[A-Z][a-z]{3}\.)(?<!\b[A-Za-z]\.[A-Za-z]\.)"
    r"(?<!\b[a-z]\.)" + SENTENCE_END.pattern[len("[.!?]"):]
)
#: Its two branches apart: each starts with a fixed set of characters, which ``re`` skips to quickly.
_STOP, _PARAGRAPH = (re.compile(branch) for branch in _SENTENCE_BREAK.pattern.rsplit("|", 1))


def _breaks(text: str, start: int, end: int) -> list[int]:
    """Where the sentences of ``text[start:end]`` end, as :data:`_SENTENCE_BREAK` finds them, quicker.

    A paragraph break inside the whitespace after a full stop is part of that
    stop's match (the one pattern would not find it again).
    """
    stops = [m.span() for m in _STOP.finditer(text, start, end)]
    if text.find("\n", start, end) < 0:
        return [e for _, e in stops]
    found = {e for _, e in stops}
    for m in _PARAGRAPH.finditer(text, start, end):
        i = bisect.bisect_right(stops, (m.start(), end + 1)) - 1
        if i < 0 or not stops[i][0] <= m.start() < stops[i][1]:
            found.add(m.end())
    return sorted(found)


_QUARTER_CONTEXT = re.compile(r"quarter|period|earnings|profit|net\s+income|revenue|sales", re.IGNORECASE)


class Mentioned(NamedTuple):
    """A date the text has mentioned (for narrative anchoring).

    A named tuple, not a frozen dataclass: one is made for every date kept,
    and a tuple is made quicker.
    """

    start: int
    date: dt.date
    value: str
    granularity: str
    explicit: bool


@dataclass(slots=True)
class Anchoring:
    """Reference date, the dates mentioned so far in one text, and its sentence bounds on demand."""

    text: str
    reference: dt.date
    source: str = "dct"
    note: str = ""
    inferred: bool = False
    today: dt.date | None = None
    _ends: list[int] = field(default_factory=lambda: [0])
    _scanned: int = 0
    mentioned: list[Mentioned] = field(default_factory=list)
    lowered: str = ""

    @classmethod
    def of(cls, text: str, reference: dt.date, source: str, note: str = "", *, inferred: bool = False,
           today: dt.date | None = None) -> "Anchoring":
        """Anchoring state for ``text``.

        ``inferred`` says the reference date was itself inferred from the text's
        dates, so a date with a weekday but no year is reasoned from ``today``.
        """
        return cls(text, reference, source, note, inferred, today or reference, lowered=text.lower())

    def sentence_start(self, pos: int) -> int:
        """Where the sentence holding ``pos`` starts.

        Sentence ends are found on demand and kept: the tagger asks in text
        order, so the text is scanned at most about once, and only as far as asked.
        """
        ends = self._ends
        if pos > self._scanned:
            last = ends[-1]
            ends.extend(end for end in _breaks(self.text, max(0, self._scanned - 50), pos + 1) if last < end <= pos)
            self._scanned = pos
        return ends[bisect.bisect_right(ends, pos) - 1]

    def direction(self, pos: int, end: int | None = None) -> str:
        """``future`` when the clause before ``pos`` speaks of what is to come, else ``past``.

        With ``end`` (where the expression ends), an expression that opens its
        sentence takes the tense of the words right after it ("On Tuesday, the
        group will …").
        """
        window = self.lowered[max(self.sentence_start(pos), pos - 70):pos]
        if end is not None and _SENTENCE_OPENING.fullmatch(window):
            # "On Tuesday, the National Abortion Rights Action League plans to …", "Until Thursday, they had not …"
            after = _AFTER_CUES.search(self.lowered, end, end + 100)
            if after is not None and after.group(0) not in ".!?;":
                return "future" if after.group(1) is not None else "past"
        future = None
        for future in _FUTURE_CUES.finditer(window):
            pass
        if future is None:
            return "past"
        if _PLUPERFECT.search(window, 0, future.start()):
            return "past"  # "had been scheduled to expire Friday": a plan that belonged to the past
        past = None
        for past in _PAST_CUES.finditer(window[future.end():]):
            pass
        return "past" if past is not None else "future"

    def quarter_context(self, start: int, end: int) -> bool:
        """Whether the sentence is about a financial quarter or period."""
        s = self.sentence_start(start)
        return bool(_QUARTER_CONTEXT.search(self.text, s, min(len(self.text), end + 60)))

    def remember(self, mention: Mentioned) -> None:
        """Record a resolved date (in text order)."""
        self.mentioned.append(mention)

    def narrative_before(self, pos: int) -> Mentioned | None:
        """The latest date mentioned before ``pos``."""
        for m in reversed(self.mentioned):
            if m.start < pos:
                return m
        return None

    def explicit_in_sentence(self, pos: int) -> Mentioned | None:
        """The last explicit day-level date written earlier in the same sentence."""
        for m in reversed(self.mentioned):
            if m.start < pos and m.explicit and m.granularity == "day":
                # Mentions are in text order: the latest one before ``pos`` decides.
                return m if m.start >= self.sentence_start(pos) else None
        return None
