"""The TIMEX3 tagger: the example's expressions, reasoning, ambiguity, golden file, properties."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dossier.analyse.time import NAME, TIMEXES, tag, timexes_of
from dossier.model import Published, Report

GOLDEN = Path(__file__).parent / "golden" / "time_example.json"


def values(text: str, reference: str | None = "1998-02-13", today: str = "2026-11-24") -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in tag(text, reference, today=today)}


# --- the canonical example ----------------------------------------------------------------

def _by_text(analysis):  # type: ignore[no-untyped-def]
    out: dict[str, list] = {}
    for t in analysis.timexes:
        out.setdefault(t.evidence.text, []).append(t)
    return out


def test_example_expressions_resolve_as_the_issue_shows(example_analysis) -> None:  # type: ignore[no-untyped-def]
    report = example_analysis.report
    assert report.published.value == "2025-11-28" and report.published.source == "inferred"
    found = _by_text(example_analysis)
    assert found["Nov. 21"][0].value == "2025-11-21"
    assert found["Friday, Nov. 28"][0].value == "2025-11-28"
    assert "falls on that weekday in 2025" in found["Friday, Nov. 28"][0].note
    saturday = found["Saturday"][0]
    assert (saturday.value, saturday.anchor_source, saturday.anchor) == ("2025-11-29", "narrative", "2025-11-28")
    last_week = found["last week"][0]
    assert (last_week.value, last_week.granularity, last_week.anchor_source) == ("2025-W47", "week", "dct")
    window = found["one-week"][0]
    assert (window.type, window.value) == ("DURATION", "P1W")
    assert not any(t.evidence.text in ("second", "a second", "may") for t in example_analysis.timexes)


def test_example_timexes_match_the_golden_file(example_analysis) -> None:  # type: ignore[no-untyped-def]
    produced = [
        {"text": t.evidence.text, "start": t.evidence.start, "type": t.type, "value": t.value,
         "granularity": t.granularity, "anchor": t.anchor, "anchor_source": t.anchor_source,
         "confidence": t.confidence, "flags": list(t.flags)}
        for t in example_analysis.timexes
    ]  # fmt: skip
    if os.environ.get("DOSSIER_UPDATE_GOLDEN") == "1" or not GOLDEN.exists():
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(produced, indent=1, ensure_ascii=False) + "\n", "utf-8")
    assert produced == json.loads(GOLDEN.read_text("utf-8"))


def test_every_timex_is_a_span_of_the_report_with_confidence(example_analysis) -> None:  # type: ignore[no-untyped-def]
    text = example_analysis.report.text
    assert example_analysis.timexes
    for t in example_analysis.timexes:
        assert text[t.evidence.start : t.evidence.end] == t.evidence.text
        assert t.evidence.extractor == NAME
        assert 0.0 < t.confidence <= 1.0
        assert t.anchor_source in (None, "dct", "narrative", "absolute", "today")


def test_the_analyser_needs_no_parse() -> None:
    assert TIMEXES.requires == () and TIMEXES.name == "dossier.timexes.v2"


# --- year and weekday reasoning ------------------------------------------------------------

def test_date_without_year_or_report_date_takes_the_year_its_weekday_fits() -> None:
    (friday,) = tag("Friday, Nov. 28", None, today="2026-11-24")
    assert friday.value == "2025-11-28"
    assert friday.anchor_source == "today"
    assert "Friday Nov 28 falls on that weekday in 2025" in friday.note
    (later,) = tag("Friday, Nov. 28", None, today="2031-01-01")
    assert later.value == "2031-11-28" or later.value == "2025-11-28"  # most recent Friday Nov 28 not after today
    assert later.value == "2025-11-28"  # 2031-11-28 is after 2031-01-01


def test_weekday_that_contradicts_its_date_is_flagged() -> None:
    (thursday,) = tag("on Thursday, Nov. 28, 2025", "2025-12-01")
    assert thursday.value == "2025-11-28"
    assert thursday.flags and "weekday_conflict" in thursday.flags[0]
    assert thursday.confidence < 0.97
    (friday,) = tag("on Friday, Nov. 28, 2025", "2025-12-01")
    assert friday.flags == ()


def test_dates_without_year_follow_the_reference_date_and_tense() -> None:
    assert values("The deal closed Oct. 31.", "1989-11-02")["Oct. 31"] == ("DATE", "1989-10-31")
    assert values("Earnings fell in January.", "1989-10-27")["January"] == ("DATE", "1989-01")
    assert values("The vote will be held in March.", "1999-11-10")["March"] == ("DATE", "2000-03")
    assert values("It was signed Dec. 5, 1997.")["Dec. 5, 1997"] == ("DATE", "1997-12-05")


def test_a_plan_told_in_the_pluperfect_points_back() -> None:
    # Monday 1989-10-30: "had been scheduled to expire Friday" is the Friday before, "is due to" the one after
    assert values("The offer had been scheduled to expire at midnight Friday.", "1989-10-30")["midnight Friday"] == (
        "TIME", "1989-10-27T24:00")
    assert values("It had been due to expire Friday evening.", "1989-10-30")["Friday evening"][1] == "1989-10-27TEV"
    assert values("It is due to expire Friday evening.", "1989-10-30")["Friday evening"][1] == "1989-11-03TEV"


def test_a_weekday_opening_its_sentence_takes_the_tense_that_follows() -> None:
    # Monday 1998-10-26 / Friday 1999-05-07; the subject may be long before the verb
    long_subject = "On Tuesday, the National Abortion and Reproductive Rights Action League plans to hold a rally."
    assert values(long_subject, "1998-10-26")["Tuesday"][1] == "1998-10-27"
    assert values("Until Thursday, they had not called him a suspect.", "1999-05-07")["Thursday"][1] == "1999-05-06"
    assert values("Until Friday, the offer will remain open.", "1999-05-05")["Friday"][1] == "1999-05-07"


def test_next_to_is_a_place_not_the_future() -> None:
    text = "More than 100 people have been killed in the blasts next to the embassies on Friday."
    assert values(text, "1998-08-08")["Friday"][1] == "1998-08-07"


# --- relative to the reference date ---------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("He left yesterday.", "yesterday", ("DATE", "1998-02-12")),
        ("She arrives tomorrow.", "tomorrow", ("DATE", "1998-02-14")),
        ("Shares rose today.", "today", ("DATE", "1998-02-13")),
        ("It is closed now.", "now", ("DATE", "PRESENT_REF")),
        ("Sales fell last year.", "last year", ("DATE", "1997")),
        ("Prices rose this month.", "this month", ("DATE", "1998-02")),
        ("The talks ended last week.", "last week", ("DATE", "1998-W06")),
        ("Talks resume next week.", "next week", ("DATE", "1998-W08")),
        ("He spoke on Monday.", "Monday", ("DATE", "1998-02-09")),
        ("The vote is scheduled for Monday.", "Monday", ("DATE", "1998-02-16")),
        ("Profit rose in the third quarter.", "the third quarter", ("DATE", "1997-Q3")),
        ("It happened three years ago.", "three years ago", ("DATE", "1995")),
        ("Sales rose 5% from a year ago.", "a year ago", ("DATE", "1996-Q4")),
        ("The firm, founded 150 years ago, reports quarterly earnings.", "150 years ago", ("DATE", "1848")),
        ("The plant opened in the 1990s.", "the 1990s", ("DATE", "199")),
        ("We met at 10:35 a.m. Friday.", "10:35 a.m. Friday", ("TIME", "1998-02-13T10:35")),
        ("The storm hit this morning.", "this morning", ("TIME", "1998-02-13TMO")),
        ("The company was founded in 1988.", "1988", ("DATE", "1988")),
        ("In nineteen ninety-six a bomb exploded.", "nineteen ninety-six", ("DATE", "1996")),
        ("She is a 20th century democrat.", "20th century", ("DATE", "19")),
        ("The store opens on Christmas Day.", "Christmas Day", ("DATE", "1997-12-25")),
    ],
)
def test_relative_expressions(text: str, expression: str, expected: tuple[str, str]) -> None:
    assert values(text)[expression] == expected


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("The strike lasted two years.", "two years", "P2Y"),
        ("In the past three months, prices fell.", "the past three months", "P3M"),
        ("It took 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("a five-hour meeting", "five-hour", "PT5H"),
        ("a one-week window", "one-week", "P1W"),
        ("within 18 months", "18 months", "P18M"),
        ("at least 72 hours", "at least 72 hours", "PT72H"),
        ("two decades", "two decades", "P20Y"),
        ("a five year low", "five year", "P5Y"),
        ("for several years", "several years", "PXY"),
        ("the first nine months", "the first nine months", "P9M"),
        ("for twenty-four hours", "twenty-four hours", "PT24H"),
    ],
)
def test_durations(text: str, expression: str, expected: str) -> None:
    assert values(text)[expression] == ("DURATION", expected)


def test_sets() -> None:
    assert values("The paper is published daily.")["daily"] == ("SET", "P1D")
    assert values("They meet every week.")["every week"] == ("SET", "P1W")
    assert values("Markets close each Thursday.")["each Thursday"] == ("SET", "XXXX-WXX-4")


# --- narrative anchoring --------------------------------------------------------------------

def test_narrative_expressions_anchor_on_the_date_last_mentioned() -> None:
    found = tag("The ceasefire began on March 3, 2024. The following day, talks resumed; two days later they failed.",
                "2024-06-01")
    by_text = {t.text: t for t in found}
    assert by_text["The following day"].value == "2024-03-04"
    assert by_text["The following day"].anchor_source == "narrative"
    assert by_text["two days later"].value == "2024-03-06"
    assert by_text["two days later"].anchor == "2024-03-04"



def test_that_year_and_that_day_take_the_period_of_the_date_last_mentioned() -> None:
    found = {t.text: t for t in tag("He flew to Miami on June 3, 1998, and was arrested that same day. Later that "
                                    "year he returned.", "2000-01-28")}
    assert found["that same day"].value == "1998-06-03" and found["that same day"].anchor_source == "narrative"
    assert found["Later that year"].value == "1998" and found["Later that year"].mod == "END"
    assert not [t for t in tag("That year nothing changed.", "2000-01-28") if t.text.lower() == "that year"]


def test_recent_years_is_an_unspecified_duration_and_would_looks_ahead() -> None:
    # TimeML (and most of TimeBank): "in recent years" is a stretch of unspecified length, PXY.
    assert values("Sales rose in recent years.")["recent years"] == ("DURATION", "PXY")
    assert values("Prices fell in recent weeks.")["recent weeks"] == ("DURATION", "PXW")
    # 1998-02-13 is a Friday: "would ... Tuesday" and "as soon as Tuesday" are the coming Tuesday.
    assert values("He said he would fly to Cuba Tuesday.")["Tuesday"][1] == "1998-02-17"
    assert values("They may leave as soon as Tuesday.")["Tuesday"][1] == "1998-02-17"
    assert values("He said Tuesday that talks failed.")["Tuesday"][1] == "1998-02-10"
    assert values("On Tuesday, the council will vote.")["Tuesday"][1] == "1998-02-17"
    assert values("On Tuesday, the council voted.")["Tuesday"][1] == "1998-02-10"
    # A deadline preposition looks ahead: "by February" written in October is next February.
    assert values("The loan must be repaid by February.", "1989-10-30")["February"][1] == "1990-02"
    assert values("The loan was repaid in February.", "1989-10-30")["February"][1] == "1989-02"


def test_markdown_anchor_cell_is_empty_for_durations() -> None:
    from dossier.model import Analysis
    from dossier.render import analysis_to_markdown

    report = Report(id="r1", text="Talks lasted two weeks and ended Friday.", published=Published("2025-11-29", "metadata"))
    rows = {line.split("|")[1].split("[")[0].strip(): line for line in analysis_to_markdown(
        Analysis(report, timexes=timexes_of(report))).splitlines() if line.startswith("| ") and "`" in line}
    assert rows["two weeks"].split("|")[4].strip() == ""
    assert rows["Friday"].split("|")[4].strip() == "2025-11-29 (dct)"

# --- ambiguity ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "A resolution may come too late.",
        "Prime Minister Theresa May said no.",
        "May I ask a question?",
        "Reports describe a second strike on survivors.",
        "The march on Washington drew thousands.",
        "He is a 6-year-old boy.",
        "It saves $500 million a year in costs.",
        "About three-quarters of voters agreed.",
        "Sun Microsystems rose.",
    ],
)
def test_ambiguous_words_are_not_dates(text: str) -> None:
    assert tag(text, "2025-11-28") == []


def test_may_and_march_as_months_in_context() -> None:
    assert values("The case is heard in May.", "2000-03-29")["May"] == ("DATE", "2000-05")
    assert values("Talks began last March.", "2000-03-29")["last March"] == ("DATE", "1999-03")
    assert values("By early May 2024 it was over.")["early May 2024"] == ("DATE", "2024-05")


# --- properties -----------------------------------------------------------------------------

_FRAGMENTS = st.sampled_from([
    "Friday, Nov. 28", "last week", "the following day", "two days later", "May", "may", "March", "a second",
    "one-week", "2025", "10 p.m.", "yesterday", "now", "the third quarter", "a year ago", "Saturday", " ", ", ",
    ". ", "\n\n", "the", "in", "Thursday night", "the 1990s", "9/11/01", "Sept. 31", "Feb. 29", "12:99 a.m.",
    "0 o'clock", "99 years", "early", "mid-", "-", "'s", "1/2", "the past", "every", "Christmas",
])  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FRAGMENTS, max_size=25).map("".join), st.dates().map(lambda d: d.isoformat()) | st.none())
def test_offsets_match_and_timexes_never_overlap(text: str, reference: str | None) -> None:
    found = tag(text, reference, today="2026-11-24")
    previous_end = -1
    for t in found:
        assert text[t.start : t.end] == t.text and t.start < t.end
        assert t.start >= previous_end
        previous_end = t.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET") and t.value


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_tagger_never_crashes_on_arbitrary_text(text: str) -> None:
    for t in tag(text, "2025-11-28"):
        assert text[t.start : t.end] == t.text


def test_report_timexes_carry_evidence_of_the_report() -> None:
    report = Report(id="r1", text="Talks collapsed last week.", published=Published("2025-11-28", "metadata"))
    (timex,) = timexes_of(report)
    assert timex.evidence.report_id == "r1"
    assert (timex.value, timex.anchor, timex.anchor_source) == ("2025-W47", "2025-11-28", "dct")
    assert "from the page's metadata" in timex.note


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FRAGMENTS, max_size=20).map("".join))
def test_trying_only_a_heads_rules_finds_what_trying_all_rules_finds(text: str) -> None:
    from dossier.analyse.time import rules

    narrow = [(t.start, t.end, t.value) for t in tag(text, "2025-11-28")]
    saved = dict(rules.MASTERS)
    try:
        for kind in rules.MASTERS:
            rules.MASTERS[kind] = rules.MASTER
        wide = [(t.start, t.end, t.value) for t in tag(text, "2025-11-28")]
    finally:
        rules.MASTERS.update(saved)
    assert narrow == wide


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FRAGMENTS | st.text(alphabet="ab9 .-’é٣", max_size=4), max_size=20).map("".join))
@example("Friday, Nov. 289٣Friday, Nov. 28")  # a head right after a digit outside ASCII is no head
def test_the_quick_head_scan_finds_the_heads_the_plain_pattern_finds(text: str) -> None:
    from dossier.analyse.time.triggers import HEAD, HEAD_AFTER

    lowered = text.lower()
    plain = [(m.start(), m.group()) for m in HEAD.finditer(lowered)]
    quick = [(m.start(1) - 1, m.group(1)) for m in HEAD_AFTER.finditer(" " + lowered)]
    assert quick == plain


@functools.lru_cache(maxsize=1)
def _quick_and_plain_patterns() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    from dossier.analyse.time import rules

    pairs = [(rules.RULE_PATTERNS[name], rules._compile(frozenset({name}), quick=False)) for name, _ in rules.RULES]
    pairs.append((rules.MASTER, rules._compile(groups=False, quick=False)))
    return pairs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FRAGMENTS, max_size=12).map("".join))
def test_the_quickly_compiled_patterns_match_as_the_plainly_compiled_ones(text: str) -> None:
    lowered = text.lower()
    for quick, plain in _quick_and_plain_patterns():
        assert (quick.pattern, quick.flags, quick.groupindex) == (plain.pattern, plain.flags, plain.groupindex)
        for begin in range(len(lowered)):
            a, b = quick.match(lowered, begin), plain.match(lowered, begin)
            assert (a and (a.lastgroup, a.regs)) == (b and (b.lastgroup, b.regs))


def test_year_end_is_the_last_day_of_a_year_and_the_year_named_after_it() -> None:
    found = values("The deal should close by year-end. The index is up since year end.", "1989-10-30")
    assert found["year-end"] == ("DATE", "1989-12-31")
    assert found["year end"] == ("DATE", "1988-12-31")
    assert "year-end" not in values("Year-end results fell, and year-end net was lower.", "1989-10-30")
    assert values("He promised jobs by the year two thousand.")["the year two thousand"] == ("DATE", "2000")


def test_the_week_of_a_sunday_is_the_week_it_starts_with_the_day_recorded() -> None:
    from dossier.analyse.time.timeml import _timeml_value
    from dossier.link.timeline import compatible_times, interval

    # Nov. 16, 2025 is a Sunday: in US news its week runs Sunday to Saturday, not ISO week 46 (Nov. 10-16).
    (late,) = [t for t in tag("They spoke late in the week of Nov. 16.", "2025-11-29") if "week" in t.text]
    assert (late.text, late.value, late.granularity, late.mod) == (
        "late in the week of Nov. 16", "2025-11-16/2025-11-22", "week", "END")
    assert "2025-11-16" in late.note
    assert compatible_times([late.value], ["2025-11-21"])
    assert not compatible_times([late.value], ["2025-11-14"])
    assert interval(late.value) == (dt.date(2025, 11, 16), dt.date(2025, 11, 22))
    assert _timeml_value(late.value) == "2025-W47"  # TimeML has no ranges: the ISO week of six of its days
    # Any other day: the ISO week that holds it (TimeBank: "the week of March 6" = 2000-W10).
    assert values("a hearing the week of March 6", "2000-02-24")["the week of March 6"] == ("DATE", "2000-W10")
    assert values("the week of Nov. 19", "2025-11-29")["the week of Nov. 19"] == ("DATE", "2025-W47")


def test_financial_periods_ended_on_a_day_and_the_past_year() -> None:
    found = values("Profit rose in the year ended March 31. In the quarter ended July 31, sales fell.", "1989-10-30")
    assert found["the year"] == ("DURATION", "P1Y")  # twelve months to that day
    assert found["the quarter"] == ("DATE", "1989-Q2")  # May to July: mostly the second calendar quarter
    # "in/over the past year" is the year before the reference year (TimeBank); "for the past year" lasts a year
    assert values("Hate groups grew over the past year.")["the past year"] == ("DATE", "1997")
    assert values("He has been in jail for the past year.")["the past year"] == ("DURATION", "P1Y")


def test_the_summer_after_a_preposition_and_this_or_that_quarter() -> None:
    found = tag("Demand held well into the summer. Over the early summer, rivals cut prices. "
                "The fall in prices hurt.", "1989-10-26")
    assert [(t.text, t.value, t.mod) for t in found] == [
        ("the summer", "1989-SU", None), ("the early summer", "1989-SU", "START")]
    found = values("The second quarter ended Oct. 31 was weak. Results for that quarter included a charge. "
                   "This quarter's loss is smaller.", "1989-10-27")
    assert found["that quarter"] == ("DATE", found["The second quarter"][1])
    assert found["This quarter"] == ("DATE", "1989-Q3")  # the quarter most recently reported on


def test_a_length_before_or_after_an_event_is_a_duration_and_the_word_a_signal() -> None:
    found = tag("Banks must wait at least 30 days before closing. A few days later, it rose. "
                "It came a month after Qantas left. Two days later the airspace closed.", "1989-10-27")
    assert [(t.text, t.type, t.value) for t in found[:3]] == [
        ("at least 30 days", "DURATION", "P30D"), ("A few days", "DURATION", "PXD"), ("a month", "DURATION", "P1M")]
    assert (found[3].text, found[3].type) == ("Two days later", "DATE")  # a counted shift stays a date


def test_parts_of_a_day_after_a_preposition_and_spelled_decades() -> None:
    found = tag("Hopes were dashed Friday.  Dealers placed buy orders in the morning. By mid afternoon, "
                "shares fell.", "1989-10-30")
    assert [(t.text, t.value) for t in found] == [
        ("Friday", "1989-10-27"), ("the morning", "1989-10-27TMO"),  # the day the text is about
        ("mid afternoon", "1989-10-27TAF")]
    assert values("By mid afternoon, shares fell.", "1989-10-30")["mid afternoon"] == ("TIME", "1989-10-30TAF")
    assert "the morning" not in values("He woke the morning after the vote.", "1989-10-30")
    found = tag("She is in her forties; rock boomed in the late sixties and through the nineties.", "1998-03-03")
    assert [(t.text, t.value, t.mod) for t in found] == [("the late sixties", "196", "END"), ("the nineties", "199", None)]


def test_a_clock_time_takes_the_day_written_after_its_bracket() -> None:
    found = values("The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.", "1998-08-08")
    assert found["about 10:35 a.m."] == ("TIME", "1998-08-07T10:35")
    found = values("He will leave at 4 in the morning (4 a.m. EDT Thursday), he said.", "2000-04-05")
    assert found["4 in the morning"] == ("TIME", "2000-04-06T04:00")


def test_a_weekday_after_the_reference_date_written_in_a_dateline_takes_the_tense() -> None:
    # Saturday 2010-07-17: the dateline repeats the reference date, which says nothing about "Friday"
    found = values("Apple offers free cases\nJuly 17, 2010\nApple Inc. announced Friday that it will give owners cases.",
                   "2010-07-17")
    assert found["Friday"] == ("DATE", "2010-07-16")
    # in the running sentence, the date written before still anchors the weekday after it, the reference date too
    for reference in ("2025-11-28", "2025-11-29"):
        found = values("Trump gave Maduro until Friday, Nov. 28, to leave before closing the airspace on Saturday.",
                       reference)
        assert found["Saturday"] == ("DATE", "2025-11-29")


def test_decades_written_with_an_apostrophe_or_two_digits() -> None:
    # the match starts at the apostrophe, before the digits the tagger stops at
    found = tag("Sales boomed in the '90s and through the late ’80s, like the cars of the 70s and 80s.", "2009-06-05")
    assert [(t.text, t.value, t.mod) for t in found] == [
        ("the '90s", "199", None), ("the late ’80s", "198", "END"), ("the 70s", "197", None), ("80s", "198", None)]
    assert values("Highs were in the 70s; he is in his 30s and in 80s.", "2009-06-05") == {}  # degrees, ages


def test_a_24_hour_clock_with_its_zone_is_a_time_and_utc_is_written_z() -> None:
    found = values("GM filed at 12:00 UTC Monday, and Obama spoke after the 16:15 UTC announcement.", "2009-06-01")
    assert found["12:00 UTC Monday"] == ("TIME", "2009-06-01T12:00Z")
    assert found["16:15 UTC"] == ("TIME", "2009-06-01T16:15Z")
    assert values("The offer expires at 9:30 EST.", "2009-06-01")["9:30 EST"] == ("TIME", "2009-06-01T09:30")
    assert values("The score was 2:1 at half time, 24:30 UTC.", "2009-06-01") == {}  # no zone, or no such hour


def test_the_final_or_last_quarter_of_a_year_is_its_fourth() -> None:
    assert values("For the final quarter of 2009, Ford made a profit.", "2010-01-28")["the final quarter of 2009"] == (
        "DATE", "2009-Q4")
    assert values("Sales fell in the last quarter of last year.", "2010-01-28")["the last quarter of last year"] == (
        "DATE", "2009-Q4")


def test_should_looks_ahead_unless_it_is_should_have() -> None:
    assert values("The sale should be completed in October.", "2009-06-05")["October"] == ("DATE", "2009-10")
    assert values("The sale should have closed in October.", "2009-06-05")["October"] == ("DATE", "2008-10")


def test_a_month_after_a_possessive_is_a_month() -> None:
    found = values("Sales fell 35% as manufacturers reported their January sales and its February figures.", "2009-02-03")
    assert found["January"] == ("DATE", "2009-01") and found["February"] == ("DATE", "2009-02")


def test_last_before_a_month_and_day_leaves_the_date_whole() -> None:
    found = values("Slepian was shot to death last Oct. 23 at his home.", "1999-04-19")
    assert found == {"Oct. 23": ("DATE", "1998-10-23")}
    assert values("Sales fell last March, 12 stores closed.", "1999-04-19")["last March"] == ("DATE", "1999-03")


def test_the_day_a_change_takes_effect_looks_ahead() -> None:
    text = "It named a four-member office of the chairman, effective Feb. 1."
    assert values(text, "1989-10-26")["Feb. 1"] == ("DATE", "1990-02-01")
    assert values("The rule took effect Feb. 1.", "1989-10-26")["Feb. 1"] == ("DATE", "1989-02-01")
    assert values("It named a new chairman, effective Oct. 1.", "1989-10-26")["Oct. 1"] == ("DATE", "1989-10-01")


def test_a_unit_joined_to_long_or_old_is_a_duration_but_an_age_is_not() -> None:
    found = values("After their third day-long meeting, the decades-long battle and a years-old slump went on.",
                   "2000-04-03")
    assert found == {"day-long": ("DURATION", "P1D"), "decades-long": ("DURATION", "PXY"),
                     "years-old": ("DURATION", "PXY")}
    assert values("A 6-year-old boy and a 52-year-old man came.", "2000-04-03") == {}


def test_or_so_before_ago_keeps_the_shift_whole() -> None:
    found = values("Then, a week or so ago, the general secretly moved.", "1991-02-25")
    assert found == {"a week or so ago": ("DATE", "1991-W08")}


def test_later_counts_from_the_date_told_before_even_in_an_earlier_sentence() -> None:
    found = values("In 1984 the first Macintosh was released. One year later he was fired from the company.",
                   "2011-10-06")
    assert found["One year later"] == ("DATE", "1985")
    # "earlier" with no date in its sentence still counts from the reference date
    found = values("In 1984 the Macintosh came out. He had left the club a year earlier.", "2011-10-06")
    assert found["a year earlier"] == ("DATE", "2010")


def test_the_previous_month_or_day_needs_a_date_at_least_that_fine() -> None:
    found = values("Sales fell 17% compared to 2008, an increase from the previous month.", "2009-04-03")
    assert found["the previous month"] == ("DATE", "2009-03")  # not December 2007, a month before "2008"
    found = values("The deal was signed on March 3, 2009. The following day, shares rose.", "2009-04-03")
    assert found["The following day"] == ("DATE", "2009-03-04")


def test_since_a_weekday_looks_back_whatever_the_tense_cues() -> None:
    text = "Since market open, Apple shares rose to $373.72, a drop of only $2.46 since Wednesday's close."
    assert values(text, "2011-08-25")["Wednesday"] == ("DATE", "2011-08-24")  # "open" is no future here


def test_a_season_before_a_year_and_the_financial_quarter() -> None:
    found = values("Approval is due at the next meeting, scheduled for fall 2007. In spring 2006 sales fell.", "2007-05-14")
    assert found["fall 2007"] == ("DATE", "2007-FA") and found["spring 2006"] == ("DATE", "2006-SP")
    assert "fall 2007" not in values("Shares may fall 2007 points.", "2007-05-14")  # the verb
    found = values("In the last financial quarter, Mac sales increased 22 percent.", "2010-10-23")
    assert found["the last financial quarter"] == ("DATE", "2010-Q3")


def test_units_ago_without_a_number_is_some_time_before() -> None:
    found = values("It is a step that should have been taken years ago, he said.", "2009-05-15")
    assert found == {"years ago": ("DATE", "PAST_REF")}


def test_the_first_or_last_week_of_a_month_is_the_iso_week_holding_its_middle() -> None:
    found = values("Car sales rebounded in the last week of March.", "2009-04-01")
    assert found == {"the last week of March": ("DATE", "2009-W13")}  # March 25-31, its middle the 28th
    found = values("It ships in the first week of January 2010.", "2009-04-01")
    assert found == {"the first week of January 2010": ("DATE", "2010-W01")}  # Jan. 4 is in ISO week 1
    assert values("He spent the last week in Paris.", "2009-04-01")["the last week"] == ("DURATION", "P1W")


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("But a minute and a half later, a pilot landed.", "a minute and a half", "PT1M30S"),
        ("The talks lasted a year and a half.", "a year and a half", "P1Y6M"),
        ("He served two and a half years.", "two and a half years", "P2Y6M"),
        ("It took half an hour.", "half an hour", "PT30M"),
        ("It took an hour and a half.", "an hour and a half", "PT1H30M"),
    ],
)
def test_durations_with_a_half(text: str, expression: str, expected: str) -> None:
    assert values(text, "2009-04-01")[expression] == ("DURATION", expected)


def test_the_same_period_last_year_is_the_period_named_before_a_year_back() -> None:
    text = "Sales fell 35% in January, compared to the same month a year ago, as makers reported."
    assert values(text, "2009-02-03")["the same month a year ago"] == ("DATE", "2008-01")
    text = "Ford sales rose 43% in February compared to the same period last year."
    assert values(text, "2010-03-03")["the same period last year"] == ("DATE", "2009-02")
    # no period named: the quarter last reported on, a year back
    text = "Sales were $1.8 million for the corresponding period last year."
    assert values(text, "1989-11-01")["the corresponding period last year"] == ("DATE", "1988-Q3")
    # no period named and no results around: which period is not said, only the year
    text = "Tourist arrivals rose 5% compared with the same period last year."
    assert values(text, "2009-06-05")["the same period last year"] == ("DATE", "2008")


def test_the_last_half_of_a_year_and_last_years_quarter() -> None:
    found = values("It means lower earnings for the last half of 1989 and for 1990.", "1989-10-26")
    assert found["the last half of 1989"] == ("DATE", "1989-H2")
    assert values("He left in the last half hour.", "1989-10-26") == {}  # no year: not a half of one
    found = values("U.K. sales for last year's quarter were about $3 million.", "1989-11-01")
    assert found["last year's quarter"] == ("DATE", "1988-Q3")  # the quarter last reported on, a year back


def test_soon_ahead_of_the_reference_date_but_not_as_a_conjunction_or_in_the_past() -> None:
    for text in ("Prosecutors may soon seek an indictment.", "It soon will begin selling boxes.",
                 "He will tell the governments very soon."):
        assert [v for v in values(text, "2000-01-01").values()] == [("DATE", "FUTURE_REF")], text
    for text in ("Return the boy as soon as possible.", "He was soon released.", "He died soon after his capture."):
        assert values(text, "2000-01-01") == {}, text


def test_annually_is_a_set() -> None:
    assert values("Dividend payments of C$17.9 million annually.", "1989-10-26")["annually"] == ("SET", "P1Y")
    assert values("It pays semiannually.", "1989-10-26")["semiannually"] == ("SET", "P6M")


def test_later_in_the_day_is_the_last_day_told_of() -> None:
    text = ("Ford said on Tuesday that sales rose. Its stock rose to a five-year high in morning trading, "
            "before declining later in the day.")
    assert values(text, "2010-03-03")["the day"] == ("DATE", "2010-03-02")
    assert values("He arrived in Philadelphia later in the day.", "1998-02-13")["the day"] == ("DATE", "1998-02-13")
    assert values("They met in the day.", "1998-02-13") == {}
