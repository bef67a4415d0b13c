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
from dossier.analyse.time.rules import folds_alike as _folds_alike

__all__ = ["Anchoring", "Mentioned"]

_FUTURE_WORDS = (
    r"will|won't|would|shall|should(?!\s+have\b)|going\s+to|as\s+(?:soon|early)\s+as|planning|intends?\s+to|hopes?\s+to|expected\s+to|expects?\s+to|scheduled|plans?\s+to|planned\s+to|is\s+to|are\s+to|"
    r"due|until|deadline|next(?!\s+to\b)|upcoming|set\s+to|slated|begins?|starts?|opens?|meets?|resumes?"
)
_PAST_WORDS = r"said|was|were|had|did|ago|last|reported|announced|told"
_FUTURE_CUES = re.compile(rf"(?:\b(?:{_FUTURE_WORDS})\b|'ll\b)")  # over the lower-cased text
_PAST_CUES = re.compile(rf"\b(?:{_PAST_WORDS})\b")
#: The same cues found quicker, over ``" " + window``: the character before a cue word (where ``\b`` stands)
#: is matched, not looked at, so ``re`` skips straight to the non-word characters.  A match ends one character
#: later than its :data:`_FUTURE_CUES` match over the window (``'ll``: the quote is that character).
_FUTURE_AFTER = re.compile(rf"\W(?:(?:{_FUTURE_WORDS})\b|(?<=')ll\b)")
_PAST_AFTER = re.compile(rf"\W(?:{_PAST_WORDS})\b")
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
#: :data:`_STOP` apart for a full stop (a literal first character, which ``re`` finds quickest) and for "!" or "?"
#: (after which the look-behinds, which all end in a full stop, always hold).  Stops never overlap.
_STOP_DOT = re.compile(r"\." + _STOP.pattern[len("[.!?]"):])
_STOP_MARK = re.compile(r"[!?]" + _STOP.pattern[_STOP.pattern.index(")[") + 1:])
_span, _end = re.Match.span, re.Match.end


def _breaks(text: str, start: int, end: int) -> list[int]:
    """Where the sentences of ``text[start:end]`` end, as :data:`_SENTENCE_BREAK` finds them, quicker.

    A paragraph break inside the whitespace after a full stop is part of that
    stop's match (the one pattern would not find it again).
    """
    marks = text.find("!", start, end) >= 0 or text.find("?", start, end) >= 0
    paragraphs = text.find("\n", start, end) >= 0
    if not (marks or paragraphs):
        return list(map(_end, _STOP_DOT.finditer(text, start, end)))
    stops = list(map(_span, _STOP_DOT.finditer(text, start, end)))
    if marks:
        stops = sorted(stops + list(map(_span, _STOP_MARK.finditer(text, start, end))))
    if not paragraphs:
        return [e for _, e in stops]
    found = {e for _, e in stops}
    for m in _PARAGRAPH.finditer(text, start, end):
        i = bisect.bisect_right(stops, (m.start(), end + 1)) - 1
        if i < 0 or not stops[i][0] <= m.start() < stops[i][1]:
            found.add(m.end())
    return sorted(found)


#: A paragraph break (:data:`_PARAGRAPH`) and, as group 1, the white space after it to the end of its run.
_PARAGRAPH_RUN = re.compile(_PARAGRAPH.pattern + r"([^\S\n]*)")


def _every_break(text: str) -> list[int]:
    """``_breaks(text, 0, len(text))``, quicker.

    A full stop's match takes the whole run of white space after it, so a
    paragraph break lies inside a stop's match exactly when its run ends where
    a stop's match ends.
    """
    ends = list(map(_end, _STOP_DOT.finditer(text)))
    if "!" in text or "?" in text:
        ends = sorted(ends + list(map(_end, _STOP_MARK.finditer(text))))
    if "\n" not in text:
        return ends
    stop_ends = set(ends)
    paragraphs = [run.start(1) for run in _PARAGRAPH_RUN.finditer(text) if run.end() not in stop_ends]
    return sorted(stop_ends.union(paragraphs)) if paragraphs else ends


_QUARTER_CONTEXT = re.compile(r"quarter|period|earnings|profit|net\s+income|revenue|sales", re.IGNORECASE)
#: The same over the lower-cased text, where that matches alike (:func:`~dossier.analyse.time.rules.folds_alike`):
#: its first letters are then literals that ``re`` skips to.
_QUARTER_CONTEXT_LOWER = re.compile(_QUARTER_CONTEXT.pattern)


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
    _ends: list[int] | None = None
    _scanned: int = 0
    _every: list[int] | None = None
    mentioned: list[Mentioned] = field(default_factory=list)
    lowered: str = ""
    reference_iso: str = ""  # ``reference.isoformat()``, written into most timexes
    folds_alike: bool = False  # :func:`~dossier.analyse.time.rules.folds_alike` of ``text``

    @classmethod
    def of(cls, text: str, reference: dt.date, source: str, note: str = "", *, inferred: bool = False,
           today: dt.date | None = None) -> "Anchoring":
        """Anchoring state for ``text``.

        ``inferred`` says the reference date was itself inferred from the text's
        dates, so a date with a weekday but no year is reasoned from ``today``.
        """
        return cls(text, reference, source, note, inferred, today or reference, lowered=text.lower(),
                   reference_iso=reference.isoformat(), folds_alike=_folds_alike(text))

    def sentence_start(self, pos: int) -> int:
        """Where the sentence holding ``pos`` starts.

        Sentence ends are found on demand and kept: the tagger asks in text
        order, so the text is scanned at most about once, and only as far as asked.

        What that finds is what one scan of the whole text finds, as long as
        every position asked past the last one is a letter or digit: no
        sentence end's characters (stop, closing quotes, white space) and no
        opening quote before the next capital is on it, so no end is cut by
        where a scan starts or stops (``tests/test_time_quick.py`` checks it).
        The tagger asks at the start of expressions, so the whole text is
        scanned once at the first question (:func:`_every_break`), and a
        question anywhere else goes back to scanning on demand, with the ends
        found so far.
        """
        ends = self._ends
        if ends is None:
            if 0 <= pos <= self._scanned or self.text[pos:pos + 1].isalnum():
                every = self._every
                if every is None:
                    every = self._every = [0, *_every_break(self.text)]
                if pos > self._scanned:
                    self._scanned = pos
                return every[bisect.bisect_right(every, pos) - 1]
            every = self._every or [0]
            ends = self._ends = every[:bisect.bisect_right(every, self._scanned)]
        if pos > self._scanned:
            found = _breaks(self.text, max(0, self._scanned - 50), pos + 1)  # in order
            ends.extend(found[bisect.bisect_right(found, ends[-1]):bisect.bisect_right(found, pos)])
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
        spaced = " " + window  # :data:`_FUTURE_CUES` over the window, as :data:`_FUTURE_AFTER` finds them
        future = None
        for future in _FUTURE_AFTER.finditer(spaced):
            pass
        if future is None:
            return "past"
        # the cue word starts at ``future.start()`` of the window (one past the matched character, less the space)
        if _PLUPERFECT.search(window, 0, future.start()):
            return "past"  # "had been scheduled to expire Friday": a plan that belonged to the past
        # A past cue after the last future one (a cue word starts after a non-word character, at or past its end).
        return "past" if _PAST_AFTER.search(spaced, future.end()) is not None else "future"

    def quarter_context(self, start: int, end: int) -> bool:
        """Whether the sentence is about a financial quarter or period."""
        s = self.sentence_start(start)
        if self.folds_alike:
            return _QUARTER_CONTEXT_LOWER.search(self.lowered, s, min(len(self.text), end + 60)) is not None
        return bool(_QUARTER_CONTEXT.search(self.text, s, min(len(self.text), end + 60)))

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
