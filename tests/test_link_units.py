"""Timeline, ledger, contradictions and deadlines on hand-built analyses (the analysers' path)."""

from __future__ import annotations

from dossier.link.contradict import numbers_in, terms_in
from dossier.link.story import build_story
from dossier.link.timeline import compatible_times, head_key, interval
from dossier.model import (
    Analysis,
    Attribution,
    Claim,
    Deadline,
    Event,
    Evidence,
    Outlet,
    Participant,
    Published,
    Report,
    Source,
    Span,
)


def _report(rid: str, text: str, outlet: str, kind: str, published: str) -> Report:
    return Report(rid, text, title=text[:30], outlet=Outlet(outlet.lower() + ".com", outlet, kind), published=Published(published, "metadata"))


def _ev(report: Report, phrase: str, extractor: str = "test.v1") -> Evidence:
    start = report.text.index(phrase)
    return Evidence.of(report, start, start + len(phrase), extractor)


def _analysis(report: Report, *, events=(), claims=(), attributions=(), deadlines=()) -> Analysis:  # type: ignore[no-untyped-def]
    return Analysis(report, events=tuple(events), claims=tuple(claims), attributions=tuple(attributions), deadlines=tuple(deadlines))


def _strike(report: Report, phrase: str, agent: str, time: str) -> Event:
    ev = _ev(report, phrase)
    return Event(f"e-{report.id}-{ev.start}", "strike", Span(ev.start, ev.end, ev.text), ev, (Participant("agent", agent),), time=time)


def test_events_merge_across_reports_and_corroboration_counts_origins() -> None:
    a = _report("ra", "U.S. forces struck a boat on Sept. 2 in the Caribbean, killing 11.", "Reuters", "wire", "2025-09-03")
    b = _report("rb", "U.S. forces struck a boat on Sept. 2 in the Caribbean, killing 11 people.", "Echo", "blog", "2025-09-04")
    c = _report("rc", "The U.S. military struck a boat in the Caribbean on Sept. 2, killing 11.", "Herald", "newspaper", "2025-09-04")
    d = _report("rd", "The Navy struck a boat in the Caribbean on Sept. 2 with 11 dead.", "Daily", "newspaper", "2025-09-05")
    analyses = [
        _analysis(a, events=[_strike(a, "U.S. forces struck a boat on Sept. 2 in the Caribbean", "U.S. forces", "2025-09-02")]),
        _analysis(b, events=[_strike(b, "U.S. forces struck a boat on Sept. 2 in the Caribbean", "U.S. forces", "2025-09-02")]),
        _analysis(c, events=[_strike(c, "The U.S. military struck a boat in the Caribbean on Sept. 2", "U.S. military", "2025-09")]),
        _analysis(d, events=[_strike(d, "The Navy struck a boat in the Caribbean on Sept. 2", "the Navy", "2025-09-02")]),
    ]
    from dossier.link.fingerprint import copies_within, fingerprint

    copies = copies_within([(x.report.id, fingerprint(x.report.text), x.report.published.value) for x in analyses])
    assert [(c.copy_id, c.original_id) for c in copies] == [("rb", "ra")]
    story = build_story("s", "strike", analyses, copies)
    strikes = [e for e in story.timeline if e.type == "strike"]
    assert len(strikes) == 1 and strikes[0].report_ids == ["ra", "rb", "rc", "rd"]
    # four reports, but Echo copies Reuters: three independent origins
    assert strikes[0].corroboration == 3
    assert {o.label for o in strikes[0].origins} == {"Reuters", "Herald", "Daily"}
    # different agents on the same event are an actor contradiction; the copy pair is not compared
    actors = [c for c in story.contradictions if c.type == "actor"]
    assert actors and all({c.left.report_id, c.right.report_id} != {"ra", "rb"} for c in actors)


def test_claims_ledger_status_over_time_and_polarity() -> None:
    a = _report("ra", "Officials said Hegseth ordered a second strike on survivors.", "Post", "newspaper", "2025-11-28")
    b = _report("rb", "The Pentagon denied that Hegseth ordered a second strike on survivors.", "Wire", "wire", "2025-11-29")
    c = _report("rc", "Two officials confirmed that Hegseth ordered the second strike on survivors.", "Times", "newspaper", "2025-12-01")
    analyses = []
    for report, source, stance, phrase in (
        (a, "officials", "reported", "Hegseth ordered a second strike on survivors"),
        (b, "The Pentagon", "denied", "Hegseth ordered a second strike on survivors"),
        (c, "Two officials", "confirmed", "Hegseth ordered the second strike on survivors"),
    ):
        ev = _ev(report, phrase)
        att = Attribution(f"a-{report.id}", Source("organisation", source), None, Span(ev.start, ev.end, ev.text), ev, stance=stance)
        claim = Claim(f"c-{report.id}", phrase, ev, stance, "attributed", 0.9, att.id)
        analyses.append(_analysis(report, claims=[claim], attributions=[att]))
    story = build_story("s", "strike order", analyses)
    assert len(story.ledger) == 1
    entry = story.ledger[0]
    assert [h.status for h in entry.history] == ["reported", "denied", "confirmed"]
    assert [h.by for h in entry.history] == ["officials", "The Pentagon", "Two officials"]
    assert entry.status_as_of("2025-11-30") == "denied" and entry.status_as_of("2025-11-27") is None
    assert entry.corroboration == 2  # the denial corroborates nothing
    polarity = [c for c in story.contradictions if c.type == "polarity"]
    assert len(polarity) == 2 and all("The Pentagon" in (c.left_source or "") + (c.right_source or "") for c in polarity)


def test_compatible_variants_are_not_contradictions() -> None:
    assert compatible_times(["2025-11-21"], ["2025-11-16/2025-11-22"])
    assert not compatible_times(["2025-11-28"], ["2025-11-29"])
    assert compatible_times(["2025-11-21"], ["2025-W47"]) and compatible_times(["2025-11-21"], [])
    near = numbers_in("nearly 14,000 migrants")[0]
    exact = numbers_in("13,956 migrants")[0]
    assert near.low <= exact.high and exact.low <= near.high
    four, many = numbers_in("four strikes")[0], numbers_in("21 strikes")[0]
    assert four.units & many.units and four.high < many.low
    assert terms_in("told him to resign immediately") == [(0.0, "immediately")]
    assert terms_in("gave him a one-week window to leave")[0][0] == 7.0
    assert terms_in("the weather turned immediately") == []  # no demand: no term
    assert interval("2025-11") is not None and interval("PRESENT_REF") is None
    assert head_key("attacked") == head_key("attacks") == "attack"


def test_deadlines_merge_across_reports_with_status_as_of() -> None:
    a = _report("ra", "Trump gave Maduro until Nov. 28 to leave Venezuela.", "Reuters", "wire", "2025-11-23")
    b = _report("rb", "Maduro has until Friday, Nov. 28, to leave, Trump said.", "Herald", "newspaper", "2025-11-24")
    analyses = [
        _analysis(a, deadlines=[Deadline("d1", "Trump", "Maduro", "leave Venezuela", "2025-11-28", _ev(a, "until Nov. 28 to leave Venezuela"))]),
        _analysis(b, deadlines=[Deadline("d2", "Donald Trump", None, "leave", "2025-11-28", _ev(b, "until Friday, Nov. 28, to leave"))]),
    ]
    story = build_story("s", "deadline", analyses)
    assert len(story.deadlines) == 1
    deadline = story.deadlines[0]
    assert deadline.report_ids == ["ra", "rb"] and deadline.target == "Maduro"
    assert deadline.status_as_of("2025-11-25") == "pending"
    assert deadline.status_as_of("2025-11-30") == "passed"
