"""The timex tagger's quick paths find exactly what the plain patterns and walks they stand for find.

Each quick path (head scan over ASCII bytes, case-insensitive group reading,
lead words read backwards, sentence ends found once, tense cues found after a
non-word character) is checked against a plain reference on generated text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.analyse.time import anchoring, rules, triggers
from dossier.analyse.time.tagger import _starts

_PIECES = st.sampled_from([
    "Friday, Nov. 28", "last week", "the following day", "two days later", "May", "may", "March", "a second",
    "one-week", "2025", "10 p.m.", "yesterday", "now", "the third quarter", "a year ago", "Saturday", " ", ", ",
    ". ", "\n\n", "\n", "the", "in", "Thursday night", "the 1990s", "9/11/01", "12:99 a.m.", "0 o'clock", "99 years",
    "early", "mid-", "-", "'s", "'90s", "’80s", "1/2", "the past", "every", "Christmas", "10:30", "3/4", "12/25/1998", "5pm", "x1",
    "1,200", "a couple of", "the past two", "about", "more than", "the end of", "some 20", "1990s", "2 ",
    "٣", "İ", "ſ", "É", "é", "’", "“", "\"", "(", ")", "!", "?", "?\" ", ".\" ", ".\n\n", "U.S.", "Nov.",
    "Mr. ",
    "will", "said", "'ll", "won't", "was", "going to", "A", "The", "3", "x",
])  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=25).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_heads_are_those_the_plain_head_pattern_finds(text: str) -> None:
    lowered = text.lower()
    plain = [(m.start(1) - 1, triggers.head_kind(m.group(1))) for m in triggers.HEAD_AFTER.finditer(" " + lowered)]
    assert triggers.heads(lowered) == plain


def test_heads_find_numbers_before_a_colon_or_slash_and_digits_outside_ascii() -> None:
    lowered = "at 10:30 on 12/25/1998, 3/4 and 9:00; x10:30 5pm"
    # "30 on" is no head (no unit after it), nor "10:30" glued to "x"
    assert [lowered[s:s + 5] for s, _ in triggers.heads(lowered)] == [
        "10:30", "12/25", "25/19", "1998,", "3/4 a", "9:00;", "5pm"]
    assert [k for _, k in triggers.heads("in ٣٣٣٣ and may")] == ["digit", "month"]  # the plain scan's way


def _plain_starts(lowered: str, head_start: int, covered: int) -> list[int]:
    """The lead-word walk over a reversed window, token by token (as the tagger did before reading backwards).

    After an apostrophe ("the '90s"), the walk goes from the apostrophe too.
    """
    if head_start > covered and lowered[head_start - 1] in "'’":
        return [*_plain_starts(lowered, head_start - 1, covered), head_start]
    window_start = max(head_start - 45, covered)
    window = lowered[window_start:head_start]
    before = window.rsplit(None, 1)
    if not before:
        return [head_start]
    last = before[-1].strip("-,.'’").rsplit("-", 1)[-1]
    if not last or last not in triggers.LEADS and not last[0].isdigit():
        return [head_start]
    reversed_window, starts, pos = window[::-1], [head_start], 0
    while len(starts) <= triggers.MAX_LEAD:
        token = re.compile(r"[ \-,.'’\n]{0,3}([a-z]+|\d+)").match(reversed_window, pos)
        if token is None:
            break
        word = token.group(1)[::-1]
        if not (word in triggers.LEADS or word[0].isdigit()):
            break
        pos = token.end()
        if word not in triggers.NOT_INITIAL:
            starts.append(head_start - pos)
    return starts[::-1]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_lead_words_read_backwards_are_those_a_token_walk_finds(text: str) -> None:
    lowered = text.lower()
    backwards = lowered[::-1]
    for head_start, _ in triggers.heads(lowered):
        for covered in (0, max(0, head_start - 9)):
            assert _starts(lowered, backwards, head_start, covered) == _plain_starts(lowered, head_start, covered)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_groups_read_ignoring_case_are_those_of_the_lower_cased_match(text: str) -> None:
    lowered = text.lower()
    if not rules.folds_alike(text):
        return
    for begin in range(len(lowered)):
        match = rules.MASTER.match(lowered, begin)
        if match is not None:
            alone = rules.ALONE_CASELESS[match.lastgroup or ""].match(text, begin)
            assert alone is not None and alone.end() == match.end()
            assert (match.lastgroup, alone.groupdict()) == rules.groups_of(match, text)


def test_texts_that_fold_alike() -> None:
    assert rules.folds_alike("Talks collapsed last week, said José’s aide in Straße “Nov. 28”.")
    assert rules.folds_alike("CAFÉ in ÖSTERREICH")
    assert not rules.folds_alike("İstanbul")  # lowers to two characters
    assert not rules.folds_alike("ſeptember")  # re takes it as an s
    assert not rules.folds_alike("ΣΟΦΙΑ")  # re takes a sigma as any of its three forms


def test_characters_said_to_fold_alike_match_ignoring_case_as_their_lower_case_does() -> None:
    atoms = [*"abcdefghijklmnopqrstuvwxyz", r"[a-z]", r"[^a-z0-9]", r"\w", r"\W", r"\s", r"\d", r"[\s-]", r"[’']"]
    compiled = [(re.compile(atom, re.IGNORECASE), re.compile(atom)) for atom in atoms]
    for code in range(0x80, 0x110000):
        ch = chr(code)
        if ch.lower() == ch == ch.upper() or not rules._folds_alike_char(ch):
            continue  # an uncased character is its own lower case either way
        for caseless, plain in compiled:
            assert bool(caseless.fullmatch(ch)) == bool(plain.fullmatch(ch.lower())), (ch, plain.pattern)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.data())
def test_sentence_ends_found_apart_are_those_of_the_one_pattern(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    one = [m.end() for m in anchoring._SENTENCE_BREAK.finditer(text, start, end)]
    assert anchoring._breaks(text, start, end) == one


class _OnDemand:
    """Sentence starts as scanning on demand finds them, window by window (the reference)."""

    def __init__(self, text: str) -> None:
        self.text, self.ends, self.scanned = text, [0], 0

    def sentence_start(self, pos: int) -> int:
        if pos > self.scanned:
            last = self.ends[-1]
            window = anchoring._SENTENCE_BREAK.finditer(self.text, max(0, self.scanned - 50), pos + 1)
            self.ends.extend(m.end() for m in window if last < m.end() <= pos)
            self.scanned = pos
        return self.ends[bisect.bisect_right(self.ends, pos) - 1]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.data())
def test_sentence_starts_are_those_scanning_on_demand_finds(text: str, data: st.DataObject) -> None:
    positions = data.draw(st.lists(st.integers(0, len(text)), max_size=12))
    quick = anchoring.Anchoring.of(text, dt.date(2025, 11, 28), "dct")
    plain = _OnDemand(text)
    for pos in sorted(positions) if data.draw(st.booleans()) else positions:
        assert quick.sentence_start(pos) == plain.sentence_start(pos)


_CUE_PIECES = st.sampled_from([
    "will", "won't", "would", "'ll", "said", "was", "last", "going to", "is to", "next", "due", "starts", "set to",
    " ", "  ", "\n", ", ", ".", "'", "x", "s", "wills", "unwill", "as soon as", "plans to", "told", "é", "_", "9",
])  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_CUE_PIECES, max_size=14).map("".join))
def test_tense_cues_found_after_a_non_word_character_are_the_plain_ones(window: str) -> None:
    plain = [m.end() for m in anchoring._FUTURE_CUES.finditer(window)]
    spaced = " " + window
    assert [m.end() - 1 for m in anchoring._FUTURE_AFTER.finditer(spaced)] == plain
    for end in plain:
        past = any(True for _ in anchoring._PAST_CUES.finditer(window[end:]))
        assert (anchoring._PAST_AFTER.search(spaced, end + 1) is not None) == past


def test_a_question_on_an_opening_quote_is_answered_as_scanning_on_demand_answers_it() -> None:
    text = 'He left. "Friday" came. Then "Monday".'
    for pos in (text.index('"'), text.index('"', 20), len(text) - 1, 3, text.index("M")):
        quick, plain = anchoring.Anchoring.of(text, dt.date(2025, 11, 28), "dct"), _OnDemand(text)
        assert quick.sentence_start(pos) == plain.sentence_start(pos)
    quick, plain = anchoring.Anchoring.of(text, dt.date(2025, 11, 28), "dct"), _OnDemand(text)
    asked = (3, 9, 12, 29, 30)
    assert [quick.sentence_start(p) for p in asked] == [plain.sentence_start(p) for p in asked]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_every_sentence_end_of_a_text_is_what_the_window_scan_finds_over_all_of_it(text: str) -> None:
    assert anchoring._every_break(text) == anchoring._breaks(text, 0, len(text))
