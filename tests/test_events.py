"""Events and deadlines on the bundled example: golden file and the facts issue #6 asks to show."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, assert_spans_match
from dossier.analyse.events.ontology import ONTOLOGY
from dossier.serialize import to_data

GOLDEN = Path(__file__).parent / "golden" / "events_maduro.json"


def _events(analysis, type_):  # type: ignore[no-untyped-def]
    return [e for e in analysis.events if e.type == type_]


def _roles(event) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[str]] = {}
    for p in event.participants:
        out.setdefault(p.role, []).append(p.text)
    return out


def test_golden_events_and_deadlines(example_analysis) -> None:  # type: ignore[no-untyped-def]
    produced = {"events": to_data(example_analysis.events), "deadlines": to_data(example_analysis.deadlines)}
    if os.environ.get("DOSSIER_UPDATE_GOLDEN") == "1" or not GOLDEN.exists():
        GOLDEN.write_text(json.dumps(produced, indent=1, ensure_ascii=False) + "\n", "utf-8")
    expected = json.loads(GOLDEN.read_text("utf-8"))
    assert produced == expected, "events differ from tests/golden/events_maduro.json (DOSSIER_UPDATE_GOLDEN=1 to review)"


def test_spans_match_the_text(example_analysis) -> None:  # type: ignore[no-untyped-def]
    data = {"events": to_data(example_analysis.events), "deadlines": to_data(example_analysis.deadlines)}
    assert assert_spans_match(example_analysis.report.text, data) >= 2 * len(example_analysis.events)


def test_the_nov_21_call_between_trump_and_maduro(example_analysis) -> None:  # type: ignore[no-untyped-def]
    calls = [e for e in _events(example_analysis, "meet") if e.time == "2025-11-21"]
    assert len(calls) == 1
    sides = {t for role in ("agent", "target") for t in _roles(calls[0]).get(role, [])}
    assert sides == {"Trump", "Maduro"}
    assert calls[0].trigger.text == "call"


def test_maduros_demands_and_their_rejection(example_analysis) -> None:  # type: ignore[no-untyped-def]
    demands = [e for e in _events(example_analysis, "demand") if "amnesty" in e.items]
    assert len(demands) == 1
    demand = demands[0]
    assert "Maduro" in _roles(demand)["agent"][0]
    assert "sanctions relief" in demand.items
    assert any("interim government led by" in i and "Delcy Rodríguez" in i for i in demand.items)
    assert demand.response is not None and "rejected by Trump" in demand.response
    assert "most demands dismissed" in demand.response
    rejections = [e for e in _events(example_analysis, "reject") if "amnesty" in e.items]
    assert len(rejections) == 1, "the key point and the body name one rejection"
    assert "Trump" in _roles(rejections[0])["agent"][0]


def test_the_deadline(example_analysis) -> None:  # type: ignore[no-untyped-def]
    assert len(example_analysis.deadlines) == 1
    deadline = example_analysis.deadlines[0]
    assert (deadline.issuer, deadline.target) == ("Trump", "Maduro")
    assert deadline.demand == "leave Venezuela voluntarily"
    assert deadline.due == "2025-11-28"
    assert deadline.consequence == "declaring Venezuelan airspace closed"
    assert deadline.status == "passed"
    assert deadline.status_as_of == example_analysis.report.published.value
    assert deadline.status_evidence is not None
    assert deadline.status_evidence.text.startswith(
        "The deadline passed without action, prompting the U.S. to shut down Venezuelan airspace"
    )
    ultimatum = [e for e in example_analysis.events if e.id == deadline.event_ids[0]]
    assert ultimatum and ultimatum[0].type == "give_ultimatum"
    # "Sources familiar with the Nov. 21 call revealed that Trump gave Maduro until …": given in that call
    assert ultimatum[0].time == "2025-11-21"


def test_the_airspace_closure(example_analysis) -> None:  # type: ignore[no-untyped-def]
    closures = _events(example_analysis, "close")
    assert len(closures) == 1, "declared closed on Saturday and shut down are one closure"
    assert closures[0].time == "2025-11-29"
    assert closures[0].modality == "happened"
    assert any("airspace" in t for t in _roles(closures[0])["theme"])


def test_the_military_buildup(example_analysis) -> None:  # type: ignore[no-untyped-def]
    deployments = _events(example_analysis, "deploy")
    assert len(deployments) == 1
    assert deployments[0].place == "Caribbean"
    assert "U.S. military" in _roles(deployments[0])["agent"]


def test_the_alleged_second_strike(example_analysis) -> None:  # type: ignore[no-untyped-def]
    strikes = [e for e in _events(example_analysis, "strike") if "survivors" in " ".join(_roles(e).get("target", []))]
    assert len(strikes) == 1
    strike = strikes[0]
    assert strike.modality == "alleged"
    assert "Hegseth" in _roles(strike)["agent"][0]
    assert "Washington Post report alleged" in strike.evidence.text
    if example_analysis.attributions:  # with the attribution analyser, the event rests on the Post's report
        source = {a.id: a.source.name for a in example_analysis.attributions}.get(strike.attribution_id or "")
        assert source is not None and "Washington Post" in source


def test_the_fto_designation(example_analysis) -> None:  # type: ignore[no-untyped-def]
    designations = _events(example_analysis, "designate")
    assert len(designations) == 1
    roles = _roles(designations[0])
    assert "inner circle" in roles["target"][0]
    assert "foreign terrorist organization" in roles["theme"][0]


def test_venezuela_requests_another_call(example_analysis) -> None:  # type: ignore[no-untyped-def]
    requests = _events(example_analysis, "request")
    assert len(requests) == 1, "the key point and the body name one request"
    assert "another call" in _roles(requests[0])["theme"][0]
    assert "Trump" in _roles(requests[0])["target"]


def test_no_event_from_the_closing_opinion_paragraph(example_analysis) -> None:  # type: ignore[no-untyped-def]
    closing = example_analysis.report.paragraphs[-1]
    assert closing.text.startswith("As Maduro clings to power")
    assert not [e for e in example_analysis.events if closing.start <= e.evidence.start < closing.end]


def test_docs_list_every_type() -> None:
    page = (ROOT / "docs" / "events.md").read_text("utf-8")
    listed = {line.split("`")[1] for line in page.splitlines() if line.startswith("| `")}
    assert listed == {t.name for t in ONTOLOGY}


@pytest.mark.parametrize("event_type", [t.name for t in ONTOLOGY])
def test_every_type_has_triggers_and_an_example(event_type: str) -> None:
    spec = next(t for t in ONTOLOGY if t.name == event_type)
    assert spec.verbs or spec.nouns or spec.light_nouns or spec.phrasal or spec.name == "give_ultimatum"
    assert spec.example and spec.description and spec.plover


def test_a_verb_coordinated_with_a_dated_one_shares_its_time(config) -> None:  # type: ignore[no-untyped-def]
    from dossier.analyse.events.timing import TimePoint, link_times
    from dossier.analyse.nlp import load_pipeline

    nlp = load_pipeline(config.spacy_model)
    text = "On Sept. 2, police raided two homes and searched for a suspect, and officials agreed to leave by Friday and asked for more."
    doc = nlp(text)
    points = [TimePoint(text.index("Sept. 2"), text.index("Sept. 2") + 7, "1998-09-02"),
              TimePoint(text.index("Friday"), text.index("Friday") + 6, "1998-09-04")]
    verbs = {t.text: t.i for t in doc if t.pos_ == "VERB"}
    links = link_times(doc[:], points, set(verbs.values()))
    assert [link.point.value for link in links[verbs["searched"]]] == ["1998-09-02"]
    assert not any(link.due for link in links[verbs["searched"]])
    assert verbs["asked"] not in links or all(not link.due for link in links[verbs["asked"]]), "a due time is not shared"


@settings(max_examples=60, deadline=None)
@given(offset=st.integers(min_value=0, max_value=300),
       text=st.text(alphabet="ab.,'\"()-$ \n\tUS2", min_size=0, max_size=40))
def test_padded_reparse_tokens_are_the_tokenizers(offset: int, text: str) -> None:
    from dossier.analyse.events.extract import _padded
    from dossier.analyse.nlp import load_pipeline
    from dossier.config import Config

    nlp = load_pipeline(Config().spacy_model)
    expected = nlp.tokenizer(" " * offset + text)
    got = _padded(nlp, offset, text)
    assert [(t.text, t.whitespace_, t.idx) for t in got] == [(t.text, t.whitespace_, t.idx) for t in expected]
