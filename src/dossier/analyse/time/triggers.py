"""Where to try the patterns: head words of time expressions and the words that may lead them.

Trying the compiled pattern at every character is slow in Python's ``re``, so
the tagger scans the text once, stops only at *head* words (a month, a weekday,
a unit, "now", a year-like number …) and tries the pattern from the earliest
*lead* word before the head ("the past two" in "the past two years").

What makes that quick in ``re``: :func:`heads` scans ASCII bytes in which every
character but a letter or digit is a space, so a head always follows a space
(a literal first character, which ``re`` skips to fastest) and each branch of
the head pattern starts with its own first letter (``re`` skips a branch that
cannot start there without entering it); lead words are matched backwards over
the reversed text (:data:`LEAD_BEFORE`), one anchored match a word.  Each quick
form is checked against the plain one (:data:`HEAD_AFTER`, a token walk) in
``tests/test_time_quick.py``.
"""

from __future__ import annotations

import re

from dossier.analyse.time.lexicon import MONTHS, NUMBER_WORDS, SPELLED_DECADES, WEEKDAYS

__all__ = [
    "head_kind", "heads", "NOT_INITIAL", "TOKEN", "HEADS", "HEAD", "HEAD_AFTER", "LEADS", "DIGIT_NEXT", "MAX_LEAD",
    "LEAD_BEFORE",
]

#: Words and digit runs.
TOKEN = re.compile(r"[A-Za-z]+|\d+")
#: Most lead words walked back over before a head.
MAX_LEAD = 6

_UNITS = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights", "week", "weeks",
    "weekend", "weekends", "fortnight", "fortnights", "month", "months", "quarter", "quarters", "year", "years",
    "decade", "decades", "century", "centuries", "millennium", "millennia",
}  # fmt: skip
HEADS = frozenset(
    set(MONTHS) | {"sept"} | set(WEEKDAYS) | {w + "s" for w in WEEKDAYS if len(w) > 4} | _UNITS | {
        "today", "tonight", "yesterday", "tomorrow", "now", "currently", "current", "nowadays", "present",
        "presently", "recently", "lately", "formerly", "past", "future", "term",
        "someday", "soon", "overnight", "morning", "afternoon", "evening", "noon", "midnight", "midday", "midafternoon",
        "christmas", "thanksgiving", "halloween", "easter", "daily", "weekly", "monthly", "yearly", "hourly",
        "nightly", "biweekly", "annually", "semiannually", "half", "dawn", "daybreak", "dusk", "spring", "summer", "fall",
        "autumn", "winter", "period", "nineteen", "eighteen", *SPELLED_DECADES,
    }
)  # fmt: skip
LEADS = frozenset(
    set(NUMBER_WORDS) | set(WEEKDAYS) | {
        "the", "a", "an", "early", "late", "mid", "earlier", "later", "end", "beginning", "start", "middle", "close",
        "rest", "remainder", "of", "last", "this", "next", "past", "coming", "current", "previous", "following",
        "first", "second", "third", "fourth", "st", "nd", "rd", "th", "latest", "final", "remaining", "initial",
        "ensuing", "preceding", "prior", "same", "full", "entire", "whole", "recent", "about", "around",
        "approximately", "roughly", "nearly", "almost", "more", "than", "less", "fewer", "at", "least", "most",
        "over", "under", "up", "to", "within", "some", "only", "just", "barely", "another", "additional", "further",
        "better", "part", "shortly", "before", "after", "several", "few", "many", "number", "fiscal", "calendar",
        "model", "year", "s", "week", "day", "right", "until", "till", "by", "from", "these", "each", "every",
        "per", "other", "single", "that", "or", "so", "financial", "corresponding", "very", "straight", "consecutive", "trading", "business", "near",
        "short", "long", "distant", "foreseeable", "new", "independence", "labor", "memorial", "veterans",
        "valentine", "election", "half", "couple", "dozen", "and", "ago", "ended",
        "comparable", "spring", "summer", "fall", "autumn", "winter", "in", "twenty", "thirty", "forty", "fifty",
        "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "most",
    }
)  # fmt: skip
#: Lead words that only join others ("the end *of*", "more *than*"): no expression starts with them.
NOT_INITIAL = frozenset({
    "of", "in", "than", "least", "s", "st", "nd", "rd", "th", "or", "so", "and", "to", "ended", "part", "better", "number",
    "end", "beginning", "start", "middle", "close", "rest", "remainder", "near", "short", "long", "distant",
    "foreseeable", "straight", "consecutive", "trading", "business", "other", "single", "year", "week", "day",
})  # fmt: skip
#: Words after a digit run that make it a head ("10 p.m.", "5 o'clock", "4 in the morning").
#: ("a.m."/"p.m." are matched apart, so that "$1.24 a share" is not a head.)
DIGIT_NEXT = frozenset(_UNITS | {"o", "in", "s", "more", "additional", "or", "to", "straight", "consecutive", "trading", "business", "full", "st", "nd", "rd", "th"})


def _trie_branches(words: frozenset[str]) -> list[str]:
    """The branches of :func:`_trie` ``(words)``: one per first letter, each starting with that letter."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return [re.escape(ch) + build(sub) for ch, sub in sorted(root.items()) if ch]


def _trie(words: frozenset[str]) -> str:
    """A regex alternation of ``words`` shaped as a prefix tree, which ``re`` scans quickly."""
    return "(?:" + "|".join(_trie_branches(words)) + ")"


_HEAD_BODY = (
    r"(?:" + _trie(HEADS) + r"(?![a-z])|\d{4}(?!\d)|\d{1,3}(?!\d)(?=[:/]|[\s-]*(?:(?:" + _trie(DIGIT_NEXT)
    + r")(?![a-z])|[ap]\.?\s?m(?![a-z]))))"
)
#: A head word, a four-digit number, or a shorter one that a unit, "a.m." or ":" follows; over the lower-cased text.
#: Not right after a letter or a digit (any decimal digit, as ``\d`` in the head's numbers takes them).
HEAD = re.compile(r"(?<![a-z\d])" + _HEAD_BODY)
#: The same heads found quicker: the character before the head (group 1) is matched, not looked behind,
#: so ``re`` skips straight to the non-word characters.  Scan ``" " + lowered`` and subtract one from positions.
#: The lookahead (the first characters of every head) only lets ``re`` give up sooner where no head can start;
#: every branch of the head pattern starts with one of them, so it finds the same heads.
HEAD_AFTER = re.compile(r"[^a-z\d](?=[" + "".join(sorted({w[0] for w in HEADS})) + r"\d])(" + _HEAD_BODY + ")")

#: Over the *reversed* lower-cased text: at most three joining characters, then a whole lead word or a digit run,
#: reversed; group ``joining`` is set when the word only joins others (:data:`NOT_INITIAL`).  One match per word
#: going back from a head (``[a-z]+`` runs are whole words here, as ``(?![a-z])`` makes them).
_LEAD_WORDS = frozenset(w for w in LEADS if re.fullmatch("[a-z]+", w))  # not "a couple of": one word a match
LEAD_BEFORE = re.compile(
    r"[ \-,.'’\n]{0,3}(?:(?P<joining>" + _trie(frozenset(w[::-1] for w in _LEAD_WORDS & NOT_INITIAL)) + r")(?![a-z])|"
    + _trie(frozenset(w[::-1] for w in _LEAD_WORDS - NOT_INITIAL)) + r"(?![a-z])|\d+)"
)

_MONTH_HEADS = frozenset(MONTHS) | {"sept"}
_WEEKDAY_HEADS = frozenset(WEEKDAYS) | {w + "s" for w in WEEKDAYS if len(w) > 4}


def head_kind(word: str) -> str:
    """Which family of rules a head word can lead to: digit, weekday, month, unit or other."""
    if word[0].isdigit():
        return "digit"
    if word in ("nineteen", "eighteen"):
        return "spelled"
    if word in _WEEKDAY_HEADS:
        return "weekday"
    if word in _MONTH_HEADS:
        return "month"
    if word in _UNITS or word == "period":
        return "unit"
    return _OTHER_KINDS.get(word, "other")


_OTHER_KINDS = {
    # "past", "current", "future" also lead other rules ("the past two years", "the current quarter"): all rules.
    **dict.fromkeys(("today", "tonight", "yesterday", "tomorrow", "now", "currently", "nowadays", "present",
                     "presently", "recently", "lately", "formerly", "term", "someday", "soon", "overnight",
                     "morning", "afternoon", "evening", "noon", "midnight", "midday", "midafternoon", "dawn",
                     "daybreak", "dusk"), "deictic"),
    **dict.fromkeys(("spring", "summer", "fall", "autumn", "winter"), "season"),
    **dict.fromkeys(("christmas", "thanksgiving", "halloween", "easter"), "holiday"),
    **dict.fromkeys(SPELLED_DECADES, "decade"),
    **dict.fromkeys(("daily", "weekly", "monthly", "yearly", "hourly", "nightly", "biweekly", "annually", "semiannually"),
                    "set"),
}  # fmt: skip

#: Each head word's kind, looked up once, by the word with the space before it (numbers are of kind "digit").
_KIND_OF_WORD = {b" " + word.encode(): head_kind(word) for word in HEADS}
#: Every byte but an ASCII letter or digit as a space (for :meth:`bytes.translate`).
_AS_SPACES = bytes(c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256))
#: :data:`HEAD_AFTER` over the text with every character but an ASCII letter or digit made a space (ASCII bytes):
#: the character before a head is then always a space, a literal that ``re`` skips to quickest, and every branch
#: after it starts with a letter or digit, which ``re`` checks before entering the branch.  Head words and
#: four-digit numbers are found exactly; for shorter numbers what follows them is only checked as far as spaces
#: can tell (":", "/", "." and white space all read as spaces), so :data:`HEAD` confirms them, and those that a
#: ":" or "/" follows are found apart (:data:`_SHORT_BEFORE_COLON`).
_HEAD_SPACED = re.compile(
    rb" (?:" + "|".join(branch + r"(?![a-z])" for branch in _trie_branches(HEADS)).encode()
    + rb"|[0-9](?:[0-9]{3}(?![0-9])|[0-9]{0,2}(?![0-9])(?= *(?:(?:" + _trie(DIGIT_NEXT).encode()
    + rb")(?![a-z])|[ap] {0,2}m(?![a-z])))))"
)
#: A ":" or "/" right after a number of one to three digits that a non-letter, non-digit precedes (ASCII bytes).
_SHORT_BEFORE_COLON = {
    mark: re.compile(
        re.escape(mark) + rb"(?:(?<=[^a-z0-9][0-9]" + re.escape(mark) + rb")|(?<=[^a-z0-9][0-9]{2}" + re.escape(mark)
        + rb")|(?<=[^a-z0-9][0-9]{3}" + re.escape(mark) + rb"))"
    )
    for mark in (b":", b"/")
}
_ASCII_DIGITS = frozenset("0123456789")


def heads(lowered: str) -> list[tuple[int, str]]:
    """Where the heads of the lower-cased text start, with their kinds, in order: :data:`HEAD_AFTER`'s, quicker.

    Positions and characters carry over one for one to ASCII bytes (any other
    character becomes ``?``, a non-letter like it).  A text with a decimal
    digit outside ASCII (which ``\\d`` takes and ASCII bytes would not) goes
    through :data:`HEAD_AFTER` itself.
    """
    if not lowered.isascii() and any(ch.isdecimal() for ch in set(lowered) - _ASCII_DIGITS):
        return [(head.start(1) - 1, head_kind(head.group(1))) for head in HEAD_AFTER.finditer(" " + lowered)]
    raw = (" " + lowered).encode("ascii", "replace")  # ``raw[i + 1]`` stands for ``lowered[i]``
    kinds, confirm = _KIND_OF_WORD, HEAD.match
    out = []
    for head in _HEAD_SPACED.finditer(raw.translate(_AS_SPACES)):
        start = head.start()  # of the space before the head: the head's start in ``lowered``
        kind = kinds.get(head.group())
        if kind is None:  # a number: four digits, or fewer that HEAD confirms
            if head.end() - start < 5 and confirm(lowered, start) is None:
                continue
            kind = "digit"
        out.append((start, kind))
    extra = [(_digits_before(raw, colon.start()), "digit")
             for mark, pattern in _SHORT_BEFORE_COLON.items() if mark in raw for colon in pattern.finditer(raw)]
    return sorted(set(out).union(extra)) if extra else out


def _digits_before(raw: bytes, end: int) -> int:
    """Where the digits that end at ``end`` in ``raw`` start, as a position in the lower-cased text."""
    start = end - 1
    while 48 <= raw[start - 1] <= 57:
        start -= 1
    return start - 1
