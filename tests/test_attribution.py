"""Attributions and claims on the bundled example, chains, modality and check-worthiness transfer."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import assert_spans_match
from dossier.analyse.attribution import attributions_from_doc
from dossier.analyse.attribution.checkworthy import CheckWorthiness, features, score, train
from dossier.analyse.nlp import load_pipeline
from dossier.api import analyse_text
from dossier.model import Report
from dossier.outlets import default_directory
from dossier.serialize import analysis_to_json

GOLDEN = Path(__file__).parent / "golden" / "attribution_example.json"


def _find(analysis, **where):  # type: ignore[no-untyped-def]
    """The attributions whose source/cue/content texts contain the given fragments."""
    found = []
    for a in analysis.attributions:
        if "source" in where and where["source"] not in (a.source.span.text if a.source.span else ""):
            continue
        if "content" in where and where["content"] not in a.content.text:
            continue
        if "cue" in where and (a.cue is None or where["cue"] != a.cue.text):
            continue
        found.append(a)
    assert found, f"no attribution with {where}; have {[(a.source.name, a.content.text[:40]) for a in analysis.attributions]}"
    return found[0]


def _claim(analysis, fragment: str):  # type: ignore[no-untyped-def]
    found = [c for c in analysis.claims if fragment in c.text]
    assert found, f"no claim containing {fragment!r}"
    return found[0]


# -- the example report ----------------------------------------------------------------------------


def test_nov21_call_details_come_from_anonymous_sources(example_analysis) -> None:  # type: ignore[no-untyped-def]
    a = _find(example_analysis, source="Sources familiar with the Nov. 21 call")
    assert a.source.kind == "anonymous"
    assert a.source.basis == "the Nov. 21 call"
    assert a.source.count is None
    assert a.cue is not None and a.cue.text == "revealed"
    assert a.stance == "reported"
    assert "Trump gave Maduro until Friday, Nov. 28" in a.content.text
    assert _claim(example_analysis, "Trump gave Maduro until Friday, Nov. 28").voice == "attributed"


def test_multiple_sources_briefed_on_the_call(example_analysis) -> None:  # type: ignore[no-untyped-def]
    a = _find(example_analysis, cue="According to")
    assert a.source.kind == "anonymous" and a.source.count is None
    assert a.source.span is not None and a.source.span.text == "multiple sources briefed on the call"
    assert a.source.basis == "the call"
    assert a.content.text.startswith("Maduro sought guarantees")
    assert a.chain == ()


def test_second_strike_is_alleged_by_a_washington_post_report(example_analysis) -> None:  # type: ignore[no-untyped-def]
    a = _find(example_analysis, content="ordered a deadly second strike")
    assert (a.source.kind, a.source.name) == ("outlet", "The Washington Post")
    assert a.stance == "alleged"
    assert "critics" not in a.content.text  # the dash ends the Post's allegation
    assert _claim(example_analysis, "ordered a deadly second strike").modality == "alleged"


def test_critics_war_crime_argument_is_hedged_and_theirs(example_analysis) -> None:  # type: ignore[no-untyped-def]
    a = _find(example_analysis, content="constitutes a war crime")
    assert a.source.name == "critics" and a.source.kind == "anonymous"
    assert a.stance == "hedged"
    assert _claim(example_analysis, "constitutes a war crime").modality == "hedged"


def test_complete_confidence_is_trumps_mixed_quote(example_analysis) -> None:  # type: ignore[no-untyped-def]
    a = _find(example_analysis, content="“complete confidence”")
    assert (a.source.kind, a.source.name) == ("person", "Donald Trump")  # canonical name from the entities
    assert a.quote == "mixed"


def test_venezuelan_government_denies(example_analysis) -> None:  # type: ignore[no-untyped-def]
    a = _find(example_analysis, source="His government", cue="denies")
    assert a.source.kind == "government"
    assert a.stance == "denied"
    assert _claim(example_analysis, "all criminal allegations").modality == "denied"


def test_designation_claim_comes_from_an_ai_engine(example_analysis) -> None:  # type: ignore[no-untyped-def]
    a = _find(example_analysis, content="foreign terrorist organization")
    assert a.source.kind == "ai_engine"
    assert a.source.descriptor == "BrightU.AI"
    assert "Enoch" in a.source.name


def test_hegemony_framing_is_the_authors_opinion(example_analysis) -> None:  # type: ignore[no-untyped-def]
    for fragment in ("The crisis reflects broader tensions between U.S. hegemony", "reflects deeper tensions between U.S. hegemony"):
        claim = _claim(example_analysis, fragment)
        assert (claim.voice, claim.modality, claim.attribution_id) == ("author", "opinion", None)


def test_factual_author_sentences_are_asserted_not_opinion(example_analysis) -> None:  # type: ignore[no-untyped-def]
    claim = _claim(example_analysis, "Trump dismissed most demands")
    assert (claim.voice, claim.modality) == ("author", "asserted")


def test_deadline_claim_outranks_the_figurative_one(example_analysis) -> None:  # type: ignore[no-untyped-def]
    deadline = _claim(example_analysis, "Trump gave Maduro until Nov. 28")
    balance = _claim(example_analysis, "hangs in the balance")
    assert deadline.checkworthiness > 0.6 > balance.checkworthiness


def test_attribution_evidence_and_claims_point_into_the_text(example_analysis) -> None:  # type: ignore[no-untyped-def]
    document = analysis_to_json(example_analysis)
    text = example_analysis.report.text
    assert assert_spans_match(text, {"a": document["attributions"], "c": document["claims"]}) > 40
    for a in example_analysis.attributions:
        assert a.evidence.start <= a.content.start and a.content.end <= a.evidence.end
    ids = {a.id for a in example_analysis.attributions}
    assert all(c.attribution_id in ids for c in example_analysis.claims if c.voice == "attributed")


def _golden_view(analysis) -> dict:  # type: ignore[no-untyped-def]
    return {
        "attributions": [
            {
                "source": {"kind": a.source.kind, "name": a.source.name, "count": a.source.count, "basis": a.source.basis},
                "cue": a.cue.text if a.cue else None,
                "content": a.content.text,
                "stance": a.stance,
                "quote": a.quote,
                "chain": [f"{c.kind}:{c.name}" for c in a.chain],
            }
            for a in analysis.attributions
        ],
        "claims": [
            {"text": c.text, "voice": c.voice, "modality": c.modality, "checkworthiness": round(c.checkworthiness, 2)}
            for c in analysis.claims
        ],
    }


def test_golden_example(example_analysis) -> None:  # type: ignore[no-untyped-def]
    view = _golden_view(example_analysis)
    if os.environ.get("DOSSIER_UPDATE_GOLDEN") == "1" or not GOLDEN.exists():
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(view, indent=1, ensure_ascii=False) + "\n", "utf-8")
        if os.environ.get("DOSSIER_UPDATE_GOLDEN") != "1":
            pytest.fail(f"wrote missing golden file {GOLDEN}; review it and rerun")
    assert view == json.loads(GOLDEN.read_text("utf-8")), "output differs from golden; DOSSIER_UPDATE_GOLDEN=1 to refresh"


# -- chains and sources ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def attribute(config):  # type: ignore[no-untyped-def]
    nlp = load_pipeline(config.spacy_model)
    directory = default_directory()

    def run(text: str):  # type: ignore[no-untyped-def]
        return attributions_from_doc(Report(id="t", text=text), nlp(text), directory)

    return run


def test_reuters_citing_three_sources_is_a_chain(attribute) -> None:  # type: ignore[no-untyped-def]
    (a,) = attribute("Reuters, citing three sources, reported that Maduro had asked for amnesty.")
    assert (a.source.kind, a.source.name) == ("outlet", "Reuters")
    assert [(c.kind, c.count) for c in a.chain] == [("anonymous", 3)]
    assert a.content.text == "that Maduro had asked for amnesty"


def test_sources_told_the_herald(attribute) -> None:  # type: ignore[no-untyped-def]
    (a,) = attribute("Sources told the Miami Herald that the call lasted fifteen minutes.")
    assert (a.source.kind, a.source.name) == ("outlet", "Miami Herald")
    assert [c.kind for c in a.chain] == ["anonymous"]
    assert a.stance == "reported"


def test_according_to_fox_the_herald_reported(attribute) -> None:  # type: ignore[no-untyped-def]
    (a,) = attribute("According to Fox News, the Miami Herald reported that the deadline was extended.")
    assert a.source.name == "Fox News"
    assert [(c.kind, c.name) for c in a.chain] == [("outlet", "Miami Herald")]
    assert a.content.text == "that the deadline was extended"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Four sources familiar with the conversation said Trump offered a one-week window.", 4),
        ("Multiple sources briefed on the call said the talks failed.", None),
        ("A senior administration official said the talks had failed.", 1),
        ("Two people with knowledge of the matter said the plane had left.", 2),
    ],
)
def test_anonymous_counts(attribute, text: str, count: int | None) -> None:  # type: ignore[no-untyped-def]
    (a,) = attribute(text)
    assert a.source.kind == "anonymous"
    assert a.source.count == count


def test_direct_quote_and_the_speaker(attribute) -> None:  # type: ignore[no-untyped-def]
    (a,) = attribute("“We will never surrender,” Maduro said on Sunday.")
    assert a.quote == "direct" and a.content.text == "“We will never surrender,”"
    assert a.source.kind == "person"


def test_first_person_inside_a_quotation_is_not_a_new_attribution(attribute) -> None:  # type: ignore[no-untyped-def]
    found = attribute("“I think we will win this fight,” Maduro said.")
    assert [a.source.name for a in found] == ["Maduro"]


def test_a_video_as_a_source(attribute) -> None:  # type: ignore[no-untyped-def]
    found = attribute("A video posted on Brighteon shows soldiers crossing the border.")
    assert [a.source.kind for a in found] == ["video"]


def test_acts_are_not_speech(attribute) -> None:  # type: ignore[no-untyped-def]
    assert attribute("Trump rejected his demands and dismissed most requests.") == ()


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        # a speech act with a speaker takes its object ("by name" too, as PolNeAR train annotates it)
        ("Clinton did not mention Sanders by name.", "Clinton", "did not mention", "Sanders by name"),
        # "as X reported": the clause the cue hangs from
        ("As The Huffington Post reported, Clinton is the top recipient of bank contributions.",
         "The Huffington Post", "reported", "Clinton is the top recipient of bank contributions"),
        # a quotation before its cue takes the words that lead into it
        ("Still, golf clubs are ''just scratching out a profit,'' Mr. Hedge said.",
         "Mr. Hedge", "said", "Still, golf clubs are ''just scratching out a profit,''"),
        # an opening '' is closed after the last word
        ("The golf industry, she said, is ''doing much better than it's looked since 2009.''",
         "she", "said", "The golf industry, she said, is ''doing much better than it's looked since 2009.''"),
        # the addressee is not part of the cue
        ("Mr. Trump told reporters on Monday that the wall would be built.",
         "Mr. Trump", "told", "that the wall would be built"),
        # a relative clause after a comma is not part of the source
        ("Trump, who has a commanding lead in delegates, said that he would win.", "Trump", "said", "that he would win"),
        # a passive with its agent: the passive subject is the content
        ("The move was first reported by Politico.", "Politico", "was first reported", "The move"),
        # a quotation runs on into a next paragraph that is wholly a cue-less quotation
        ("“It is over,” she said.\n\n“We lost the state and we know why.”\n\nThe results came late.",
         "she", "said", "“It is over,” she said.\n\n“We lost the state and we know why.”"),
        # a heading glued on by the parser stays out of the source
        ("12:35 p.m.\nTexas Sen. Ted Cruz said he would stay in the race.",
         "Texas Sen. Ted Cruz", "said", "he would stay in the race"),
        # the object of a request does what is asked
        ("Clinton urged Republican leaders to disavow Mr. Trump.",
         "Clinton", "urged", "Republican leaders to disavow Mr. Trump"),
        # a participle cue after a comma ends the content before it and is an attribution of its own
        ("Trump defended his plan to stop illegal immigration, saying it is all about management.",
         "Trump", "defended", "his plan to stop illegal immigration"),
        ("Trump defended his plan to stop illegal immigration, saying it is all about management.",
         "Trump", "saying", "it is all about management"),
        # a participle, an age or an adjective set off by commas is not part of the source
        ("Marco Rubio, speaking at a rally in Miami, said he would win.", "Marco Rubio", "said", "he would win"),
        ("Renee Gold, 83, said she would vote for Trump.", "Renee Gold", "said", "she would vote for Trump"),
        # a passive cue without an agent names no source; a raised subject is part of the content
        ("Trump is expected to deliver a victory speech later tonight.",
         None, "is expected", "Trump is expected to deliver a victory speech later tonight"),
        ("It was reported that the deal collapsed.", None, "was reported", "that the deal collapsed"),
        # "Asked …" opening a sentence is the question, not the answerer's statement
        ("Asked if he was ever bullied, the candidate said no.", None, "Asked", "if he was ever bullied"),
        ("When asked about the polls, Trump said he was winning.", None, "asked about", "the polls"),
    ],
)
def test_recall_and_boundary_patterns(attribute, text: str, source: str | None, cue: str, content: str) -> None:  # type: ignore[no-untyped-def]
    found = [(a.source.span.text if a.source.span else None, a.cue.text if a.cue else None, a.content.text)
             for a in attribute(text)]
    assert (source, cue, content) in found


def test_sourceless_attributions_have_an_unnamed_source(attribute) -> None:  # type: ignore[no-untyped-def]
    (a,) = attribute("It was reported that the deal collapsed.")
    assert (a.source.kind, a.source.name, a.source.span, a.stance) == ("anonymous", "unnamed", None, "reported")
    assert a.evidence.text == "It was reported that the deal collapsed."
    # a passive with a named subject and no raising verb is an event, not a statement
    assert attribute("The deal was signed on Friday.") == ()
    # inside someone's quotation a sourceless cue is part of the quoted words
    (quoted,) = attribute("“Trump is expected to win,” he said.")
    assert (quoted.source.name, quoted.content.text) == ("he", "“Trump is expected to win,”")
    # how things look, to no one named: the subject, the raising verb and its complement
    (seems,) = attribute("Chris Christie appeared to end his bid in New Hampshire.")
    assert (seems.source.name, seems.cue.text, seems.content.text, seems.stance) == (
        "unnamed", "appeared", "Chris Christie appeared to end his bid in New Hampshire", "hedged")


def test_inanimate_subjects_say_nothing(attribute) -> None:  # type: ignore[no-untyped-def]
    assert attribute("The crisis shows no signs of resolution.") == ()


# -- check-worthiness -------------------------------------------------------------------------------


def test_checkworthiness_transfers_to_news() -> None:
    assert score("Trump gave Maduro until Nov. 28") > 0.6
    assert score("Venezuela’s future hangs in the balance.") < 0.5


def test_checkworthiness_model_round_trips_and_learns() -> None:
    texts = ["Unemployment rose 5 percent in 2015.", "I love this country.", "Taxes went up $3 billion last year.",
             "Thank you all so much.", "We lost 70,000 factories since 2001.", "You are wonderful people."] * 5
    labels = [1, 0, 1, 0, 1, 0] * 5
    model = train(texts, labels, epochs=80)
    assert model.score("Exports fell 12 percent in 2016.") > model.score("Thank you so much, wonderful people.")
    again = CheckWorthiness.from_json(json.loads(json.dumps(model.to_json())))
    assert abs(again.score("Exports fell 12 percent.") - model.score("Exports fell 12 percent.")) < 0.01
    indices, values = features("Exports fell 12 percent.")
    assert len(indices) == len(values) and values[0] == 1.0


# -- invariants -------------------------------------------------------------------------------------

_PIECES = [
    "Sources familiar with the talks said", "According to Reuters,", "“We will not leave,”", "Maduro said",
    "the deadline passed", "His government denies the allegations.", "Critics argue that", "the strike was illegal",
    "A Washington Post report alleged that", "officials, citing two sources, reported that", "—", ",", ".", "\n\n",
    "“It is over”", "Trump told the Miami Herald that", "may", "will", "if",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14))
def test_spans_always_match_the_text(attribute, pieces: list[str]) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(pieces)
    for a in attribute(text):
        for span in (a.cue, a.content, a.source.span, a.evidence, *(c.span for c in a.chain)):
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert a.content.end > a.content.start


def test_analyse_text_end_to_end(config) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse_text("Economists warn that prolonged instability could worsen the collapse.", config=config)
    (claim,) = analysis.claims
    assert (claim.voice, claim.modality) == ("attributed", "hedged")
    assert claim.attribution_id == analysis.attributions[0].id


def test_cited_sources_join_footer_and_body(example_analysis) -> None:  # type: ignore[no-untyped-def]
    from dossier.analyse.attribution.cited import cited_sources

    uses = {u.domain or u.name: u for u in cited_sources(example_analysis)}
    enoch = uses["brightu.ai"]
    assert enoch.kind == "ai_engine" and enoch.where == ("footer", "body")
    designation = _find(example_analysis, content="foreign terrorist organization")
    assert enoch.attribution_ids == (designation.id,)
    assert len(enoch.claim_ids) == 1
    post = uses["washingtonpost.com"]
    assert post.where == ("body",) and post.kind == "outlet"
    assert uses["reuters.com"].where == ("footer",) and uses["reuters.com"].attribution_ids == ()


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("The U.S. will close Venezuelan airspace on Saturday.", "future"),
        ("If Maduro refuses to leave, the U.S. would strike targets inside Venezuela.", "hypothetical"),
        ("Maduro reportedly sought amnesty for over 100 officials.", "hedged"),
        ("Hegseth allegedly ordered a second strike on survivors.", "alleged"),
        ("The deadline passed without action on Friday.", "asserted"),
    ],
)
def test_author_modality(text: str, modality: str, config) -> None:  # type: ignore[no-untyped-def]
    (claim,) = analyse_text(text, config=config).claims
    assert (claim.voice, claim.modality) == ("author", modality)
