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
from dossier.analyse.time.rules import ALONE_CASELESS, MASTERS, groups_of
from dossier.analyse.time.triggers import LEAD_BEFORE, LEADS, MAX_LEAD, heads

__all__ = ["Tagged", "tag"]

_FULL_WORD_DOT = re.compile(r"[A-Za-z]{5,}\.$|(?<![A-Za-z])(?:May|June|July)\.$")
_EXPLICIT_RULES = frozenset({"date", "month_year", "year", "holiday"})
#: Dates kept for narrative anchoring (``Anchoring.mentioned``): a day, month … of a DATE or TIME.
_REMEMBERED_TYPES, _UNREMEMBERED = frozenset({"DATE", "TIME"}), frozenset({"decade", "century"})
#: What ``Mentioned(...)`` does (a named tuple's ``__new__``), without its Python frame.
_mentioned = tuple.__new__


#: Head kinds whose rules all want the head capitalised (months, weekdays).
_CAPITALISED_KINDS = frozenset({"month", "weekday"})


#: What :func:`tag` returns: a :class:`Found` whose ``text`` and ``rule`` are filled in.
Tagged = Found


def _parse_day(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _starts(lowered: str, backwards: str, head_start: int, covered: int) -> list[int]:
    """Where an expression with its head at ``head_start`` may begin, earliest first.

    Walks back over lead words ("the past two" before "years"), never into an
    expression already tagged.  ``backwards`` is ``lowered`` reversed: each
    lead word is one anchored match of :data:`LEAD_BEFORE` there.
    """
    if head_start > covered and lowered[head_start - 1] in "'’":
        # "the '90s": the decade rule starts at the apostrophe, before the digits that are the head
        return [*_starts(lowered, backwards, head_start - 1, covered), head_start]
    window_start = head_start - 45
    if window_start < covered:
        window_start = covered
    before = lowered[window_start:head_start].rsplit(None, 1)
    if not before:
        return [head_start]
    last = before[-1].strip("-,.'’").rsplit("-", 1)[-1]
    if not last or last not in LEADS and not last[0].isdigit():
        return [head_start]  # the common case: no lead word right before the head
    # Walk back word by word over the window, read backwards.
    size = len(lowered)
    pos, stop = size - head_start, size - window_start
    starts = [head_start]
    match = LEAD_BEFORE.match
    while len(starts) <= MAX_LEAD:
        token = match(backwards, pos, stop)
        if token is None:
            break
        pos = token.end()
        if token.lastgroup is None:  # not a word that only joins others
            starts.append(size - pos)
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
    granularity = found.granularity
    if found.date is not None and granularity is not None and granularity not in _UNREMEMBERED \
            and found.type in _REMEMBERED_TYPES:
        explicit = rule in _EXPLICIT_RULES
        anchoring.mentioned.append(_mentioned(Mentioned, (start, found.date, found.value, granularity, explicit)))
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
    masters, normalisers, alone_caseless = MASTERS, NORMALISERS, ALONE_CASELESS
    caseless = anchoring.folds_alike
    backwards = lowered[::-1]
    for head_start, kind in heads(lowered):
        if head_start < covered:
            continue
        if kind in _CAPITALISED_KINDS and text[head_start].islower():
            continue  # every rule wants a month or weekday capitalised: "may" the verb, "sun", "march on"
        pattern = masters[kind]
        for begin in _starts(lowered, backwards, head_start, covered):
            match = pattern.match(lowered, begin)  # the patterns are lower-case; groups come from ``text``
            if match is None:
                continue
            match_end = match.end()
            if match_end <= head_start:
                continue
            rule = match.lastgroup or ""
            alone = caseless and alone_caseless[rule].match(text, begin)  # the groups (:func:`groups_of`)
            if alone and alone.end() == match_end:
                groups = alone.groupdict()
            else:
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
