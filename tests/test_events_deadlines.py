"""deadline_status(deadline, events, as_of): the status of a deadline as of any date."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from dossier.analyse.events.deadlines import STATUSES, deadline_status
from dossier.model import Deadline, Event, Evidence, Participant, Span

TEXT = "Trump gave Maduro until Friday, Nov. 28, to leave Venezuela. The deadline passed without action."


def _evidence(report_id: str = "r1", text: str = TEXT) -> Evidence:
    return Evidence(report_id, 0, len(text), text, "test")


def _deadline(due: str | None = "2025-11-28") -> Deadline:
    return Deadline("dl1", "Trump", "Maduro", "leave Venezuela", due, _evidence(),
                    consequence="declaring Venezuelan airspace closed", event_ids=("ev0",))


def _event(type_: str, *, time: str | None = None, report: str = "r2", agent: str | None = None,
           text: str = "The deadline passed without action.", modality: str = "happened", id_: str = "ev1") -> Event:
    participants = (Participant("agent", agent),) if agent else ()
    return Event(id_, type_, Span(0, 4, text[:4]), _evidence(report, text), participants, None, time,
                 modality=modality)


def test_pending_before_the_due_date() -> None:
    status = deadline_status(_deadline(), [], "2025-11-25")
    assert (status.status, status.event) == ("pending", None)


def test_passed_on_the_calendar_alone() -> None:
    status = deadline_status(_deadline(), [], "2025-11-29")
    assert status.status == "passed" and status.event is None and "2025-11-28" in status.reason


def test_passed_by_a_report_that_it_passed_known_only_from_its_date() -> None:
    expired = _event("expire", report="r2")
    known = {"r2": "2025-11-29"}
    assert deadline_status(_deadline(), [expired], "2025-11-28", known_at=known).status == "pending"
    later = deadline_status(_deadline(), [expired], "2025-11-29", known_at=known)
    assert later.status == "passed" and later.event is expired


def test_passed_when_the_consequence_is_carried_out() -> None:
    closure = _event("close", time="2025-11-29", text="The U.S. shut down Venezuelan airspace.")
    status = deadline_status(_deadline(), [closure], "2025-11-30")
    assert status.status == "passed" and status.event is closure


def test_met_when_the_target_leaves_in_time() -> None:
    left = _event("resign", time="2025-11-27", agent="Nicolás Maduro", text="Maduro left Venezuela.")
    assert deadline_status(_deadline(), [left], "2025-11-30").status == "met"
    too_late = _event("resign", time="2025-12-02", agent="Maduro", text="Maduro left Venezuela.")
    assert deadline_status(_deadline(), [too_late], "2025-12-05").status == "passed"


def test_someone_else_leaving_does_not_meet_it() -> None:
    other = _event("resign", time="2025-11-27", agent="Hegseth", text="Hegseth resigned.")
    assert deadline_status(_deadline(), [other], "2025-11-27").status == "pending"


def test_extended_and_withdrawn_win_over_the_calendar() -> None:
    extended = _event("extend", time="2025-11-27", text="Trump extended the deadline by a week.")
    assert deadline_status(_deadline(), [extended], "2025-11-30").status == "extended"
    withdrawn = _event("withdraw", time="2025-11-27", text="Washington withdrew the ultimatum.", id_="ev2")
    assert deadline_status(_deadline(), [extended, withdrawn], "2025-11-30").status == "withdrawn"


def test_a_negated_expiry_does_not_pass_it() -> None:
    denied = _event("expire", time="2025-11-27", modality="negated", text="The deadline has not passed.")
    assert deadline_status(_deadline(), [denied], "2025-11-27").status == "pending"


def test_events_unrelated_to_deadlines_are_ignored() -> None:
    passed = _event("expire", time="2025-11-20", text="The bill's window passed.", id_="ev3")
    strike = _event("strike", time="2025-11-26", text="A strike hit a boat.", id_="ev4")
    assert deadline_status(_deadline(), [strike], "2025-11-27").status == "pending"
    assert passed.type == "expire"  # an expiry about a window counts: windows are deadlines
    assert deadline_status(_deadline(), [passed], "2025-11-27").status == "passed"


DATES = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 31))


@given(due=DATES, as_of=DATES)
def test_without_events_the_calendar_decides(due: dt.date, as_of: dt.date) -> None:
    status = deadline_status(_deadline(due.isoformat()), [], as_of.isoformat())
    assert status.status in STATUSES
    assert status.status == ("passed" if as_of > due else "pending")


@given(due=DATES, as_of=DATES, event_day=DATES)
def test_an_event_dated_after_as_of_never_counts(due: dt.date, as_of: dt.date, event_day: dt.date) -> None:
    withdrawn = _event("withdraw", time=event_day.isoformat(), text="Washington withdrew the ultimatum.")
    status = deadline_status(_deadline(due.isoformat()), [withdrawn], as_of.isoformat())
    assert (status.status == "withdrawn") == (event_day <= as_of)



def test_deadlines_reuse_the_events_merged_mentions_and_agree_with_a_merge_of_their_own(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """One merge per report when events and deadlines both run; the same deadlines from a fresh merge."""
    from dossier.acquire.report import build_report
    from dossier.analyse import events as events_module
    from dossier.analyse.base import Context
    from dossier.analyse.nlp import load_pipeline
    from dossier.analyse.pipeline import analyse_report
    from dossier.config import Config

    calls: list[str] = []
    merge = events_module._merge
    monkeypatch.setattr(events_module, "_merge", lambda context: calls.append(context.report.id) or merge(context))
    config = Config()
    report = build_report(TEXT, source_name="deadline.txt", published="2025-11-25")
    analysis = analyse_report(report, config)
    assert len(calls) == 1 and len(analysis.deadlines) == 1
    results = {name: getattr(analysis, name) for name in ("entities", "timexes", "attributions", "claims", "events")}
    doc = load_pipeline(config.spacy_model)(report.text)
    fresh = Context(report, config, results, lambda: doc)  # its own memo: merges again
    assert events_module.extract_deadlines(fresh) == analysis.deadlines and len(calls) == 2
