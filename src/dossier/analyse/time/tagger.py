"""The tagger: one scan of the text, normalisation, anchoring, no overlaps.

:func:`tag` is the whole pipeline over plain text and is what the evaluation
and benchmark call; :func:`dossier.analyse.time.extract_timexes` wraps it for
reports.
"""

from __future__ import annotations

import datetime as dt
import re

from dossier.analyse.time.anchoring import Anchoring, Mentioned
from dossier.analyse.time.normalise import NORMALISERS, Found
from dossier.analyse.time.rules import MASTERS, groups_of
from dossier.analyse.time.triggers import HEAD_AFTER, HEADS, LEADS, MAX_LEAD, NOT_INITIAL, head_kind

__all__ = ["Tagged", "tag"]

_FULL_WORD_DOT = re.compile(r"[A-Za-z]{5,}\.$|(?<![A-Za-z])(?:May|June|July)\.$")
_EXPLICIT_RULES = frozenset({"date", "month_year", "year", "holiday"})
#: Over a reversed window: at most three joining characters, then a (reversed) word or digit run.
_REVERSED_TOKEN = re.compile(r"[ \-,.'’\n]{0,3}([a-z]+|\d+)")


#: Head kinds whose rules all want the head capitalised (months, weekdays).
_CAPITALISED_KINDS = frozenset({"month", "weekday"})
#: Each head word's kind, looked up once (digit runs go through :func:`head_kind`).
_KIND_OF = {word: head_kind(word) for word in HEADS}


#: What :func:`tag` returns: a :class:`Found` whose ``text`` and ``rule`` are filled in.
Tagged = Found


def _parse_day(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _starts(text: str, lowered: str, head_start: int, covered: int) -> list[int]:
    """Where an expression with its head at ``head_start`` may begin, earliest first.

    Walks back over lead words ("the past two" before "years"), never into an
    expression already tagged.
    """
    window_start = head_start - 45
    if window_start < covered:
        window_start = covered
    window = lowered[window_start:head_start]
    before = window.rsplit(None, 1)
    if not before:
        return [head_start]
    last = before[-1].strip("-,.'’").rsplit("-", 1)[-1]
    if not last or last not in LEADS and not last[0].isdigit():
        return [head_start]  # the common case: no lead word right before the head
    # Walk back token by token over the reversed window: one anchored match per lead word.
    reversed_window = window[::-1]
    starts = [head_start]
    pos = 0
    while len(starts) <= MAX_LEAD:
        token = _REVERSED_TOKEN.match(reversed_window, pos)
        if token is None:
            break
        word = token.group(1)[::-1]
        if not (word in LEADS or word[0].isdigit()):
            break
        pos = token.end()
        if word not in NOT_INITIAL:
            starts.append(head_start - pos)
    starts.reverse()
    return starts


def _keep(found: Found, rule: str, text: str, anchoring: Anchoring) -> "Tagged | None":
    start, end = found.start, found.end
    while end > start and text[end - 1] in " ,":
        end -= 1
    if text[end - 1:end] == "." and _FULL_WORD_DOT.search(text, max(start, end - 12), end):
        end -= 1  # a sentence's full stop after "June", not an abbreviation's dot
    if end <= start:
        return None
    found.start, found.end, found.text, found.rule = start, end, text[start:end], rule
    if found.date is not None and found.type in ("DATE", "TIME") and found.granularity not in (None, "decade", "century"):
        anchoring.remember(Mentioned(start, found.date, found.value, found.granularity or "", rule in _EXPLICIT_RULES))
    return found


def tag(
    text: str,
    reference: str | dt.date | None = None,
    *,
    today: str | dt.date | None = None,
    reference_note: str = "",
    reference_inferred: bool = False,
) -> list[Tagged]:
    """Find and normalise the time expressions of ``text``.

    Args:
        text: Plain text.
        reference: The report's reference date (publication or inferred), ISO
            string or date; relative expressions are anchored on it.  None:
            anchor on ``today`` (year reasoning then looks back from today).
        today: "Now" for year reasoning (ISO date); None = the system date.
        reference_note: How the reference date was found, kept in notes.
        reference_inferred: The reference date was inferred from the text's own
            dates: a weekday-and-date with no year is then reasoned from ``today``.

    Returns:
        Non-overlapping expressions in text order.
    """
    ref = _parse_day(reference)
    source = "dct"
    if ref is None:
        ref = _parse_day(today) or dt.date.today()
        source = "today"
        reference_note = reference_note or f"no report date; anchored on today ({ref.isoformat()})"
    anchoring = Anchoring.of(text, ref, source, reference_note, inferred=reference_inferred,
                             today=(_parse_day(today) or dt.date.today()) if reference_inferred else ref)
    out: list[Tagged] = []
    lowered = anchoring.lowered
    covered = 0
    kind_of, masters, normalisers = _KIND_OF, MASTERS, NORMALISERS
    for head in HEAD_AFTER.finditer(" " + lowered):
        head_start = head.start(1) - 1
        if head_start < covered:
            continue
        word = head.group(1)
        kind = kind_of.get(word) or head_kind(word)
        if kind in _CAPITALISED_KINDS and text[head_start].islower():
            continue  # every rule wants a month or weekday capitalised: "may" the verb, "sun", "march on"
        pattern = masters[kind]
        for begin in _starts(text, lowered, head_start, covered):
            match = pattern.match(lowered, begin)  # the patterns are lower-case; groups come from ``text``
            if match is None:
                continue
            match_end = match.end()
            if match_end <= head_start:
                continue
            rule, groups = groups_of(match, text)
            found = normalisers[rule](groups, begin, match_end, anchoring, text)  # the match starts at ``begin``
            if found is None:
                continue
            found_end = found.end  # before _keep trims it
            tagged = _keep(found, rule, text, anchoring)
            if tagged is not None:
                out.append(tagged)
                covered = found_end if found_end > match_end else match_end
                break
    return out
