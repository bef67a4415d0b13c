"""Who says so: attributions, claims and their check-worthiness (issue #5).

Modules, in the order a report flows through them:

- :mod:`.lexicon` — cue verbs and their stance, hedges, source nouns
- :mod:`.detect` — cue, source and content spans and chains from the dependency parse
- :mod:`.sources` — typing a source (person, organisation, government, outlet,
  anonymous with count and basis, document, video, AI engine)
- :mod:`.modality` — modality of a proposition and the author's opinion
- :mod:`.claims` — checkable propositions with voice and modality
- :mod:`.checkworthy` — the check-worthiness model (numpy logistic regression)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from dossier.analyse.attribution.checkworthy import load_model
from dossier.analyse.attribution.claims import claims_of
from dossier.analyse.attribution.detect import find_attributions, quote_kind
from dossier.analyse.attribution.sources import type_source, unnamed_source
from dossier.analyse.base import AnalyserSpec, Context, Example
from dossier.model import Attribution, Claim, Entity, Evidence, Report, Source, Span, content_id
from dossier.outlets import OutletDirectory, default_directory

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ATTRIBUTIONS", "CLAIMS", "extract_attributions", "extract_claims", "attributions_from_doc"]

ATTRIBUTIONS_NAME = "dossier.attributions.v2"
CLAIMS_NAME = "dossier.claims.v1"


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``start:end`` to the enclosing line (paragraphs are single lines in reports)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, (len(text) if hi < 0 else hi)


def _same_outlet(source: Source, report: Report, directory: OutletDirectory) -> bool:
    """True if ``source`` is the outlet that published ``report``."""
    outlet = directory.by_name(source.name)
    return report.outlet is not None and outlet is not None and outlet.domain == report.outlet.domain


def extract_attributions(context: Context) -> tuple[Attribution, ...]:
    """Attributions of one report: source (typed), cue, content, stance, quote kind and chain."""
    directory = default_directory(context.config.outlets_file)
    return attributions_from_doc(context.report, context.doc, directory, context.get("entities"),
                                 model=context.config.spacy_model)


def attributions_from_doc(
    report: Report, doc: "Doc", directory: OutletDirectory, entities: Sequence[Entity] = (), *,
    model: str | None = None,
) -> tuple[Attribution, ...]:
    """Attributions of ``report`` given its parse ``doc`` (the analyser without a :class:`Context`).

    Args:
        report: The report; offsets are into ``report.text`` (``doc`` parses a prefix of it).
        doc: The spaCy parse.
        directory: Outlets and AI engines, for typing sources.
        entities: The report's entities, for ``Source.entity_id``.
        model: The configured spaCy model that parsed ``doc`` (None: the one the cue tagger was learnt on).
    """
    names = set(directory.names())
    out: list[Attribution] = []
    for found in find_attributions(doc, names, model=model):
        # "Trump is expected to …", "it was reported that …": unnamed people, with no span to point at.
        source = (type_source(found.source, report.text, directory, entities) if found.source is not None
                  else unnamed_source())
        chain = tuple(type_source(c, report.text, directory, entities) for c in found.chain)
        if chain and source.kind == "outlet" and report.outlet is not None and _same_outlet(source, report, directory):
            source, chain = chain[0], chain[1:]  # "an official told the Miami Herald" in the Herald itself: first-hand
        cue = Span.of(report.text, *found.cue)
        content = Span.of(report.text, *found.content)
        stance = found.stance
        if stance == "asserted" and (chain or source.kind in ("anonymous", "outlet", "document")):
            stance = "reported"  # relayed, not first-hand: "sources told the Herald", "a report said"
        lo = min(found.source.start_char if found.source is not None else cue.start, cue.start, content.start)
        hi = max(found.source.end_char if found.source is not None else cue.end, cue.end, content.end)
        lo, hi = _sentence_bounds(report.text, lo, hi)
        while lo < hi and report.text[lo] in " \t•":
            lo += 1
        out.append(
            Attribution(
                id=content_id(report.id, cue.start, content.start, content.end, prefix="a"),
                source=source,
                cue=cue,
                content=content,
                evidence=Evidence.of(report, lo, hi, ATTRIBUTIONS_NAME),
                stance=stance,
                quote=quote_kind(content.text),
                chain=chain,
            )
        )
    return tuple(out)


def extract_claims(context: Context) -> tuple[Claim, ...]:
    """Claims of one report with voice, modality and check-worthiness."""
    return claims_of(context.report, context.doc, context.get("attributions"), load_model(), CLAIMS_NAME)


ATTRIBUTIONS = AnalyserSpec(
    name=ATTRIBUTIONS_NAME,
    assigns="attributions",
    requires=("doc", "entities"),
    components=("tagger", "parser", "attribute_ruler", "lemmatizer", "ner"),
    run=extract_attributions,
    description="quotes and reported speech: source, cue, content, stance, chains",
    examples=(
        Example(
            text="Sources familiar with the Nov. 21 call revealed that Trump gave Maduro until Friday, Nov. 28, to leave.",
            expected=(
                {
                    "source": {"kind": "anonymous", "basis": "the Nov. 21 call", "count": None},
                    "cue": {"text": "revealed"},
                    "stance": "reported",
                    "content": {"text": "that Trump gave Maduro until Friday, Nov. 28, to leave"},
                },
            ),
        ),
        Example(
            text="Four sources familiar with the conversation said Trump offered a one-week window.",
            expected=({"source": {"kind": "anonymous", "count": 4}, "cue": {"text": "said"}},),
        ),
        Example(
            text="Reuters, citing three sources, reported that Maduro had asked for amnesty.",
            expected=(
                {
                    "source": {"kind": "outlet", "name": "Reuters"},
                    "chain": [{"kind": "anonymous", "count": 3}],
                    "content": {"text": "that Maduro had asked for amnesty"},
                },
            ),
        ),
        Example(
            text="According to Fox News, the Miami Herald reported that the deadline was extended.",
            expected=({"source": {"name": "Fox News"}, "chain": [{"kind": "outlet", "name": "Miami Herald"}]},),
        ),
        Example(
            text="His government denies all criminal allegations.",
            expected=({"source": {"kind": "government"}, "stance": "denied", "content": {"text": "all criminal allegations"}},),
        ),
        Example(
            text="“We will never surrender,” Maduro said on Sunday.",
            expected=({"source": {"kind": "person", "name": "Maduro"}, "quote": "direct"},),
        ),
    ),
)
CLAIMS = AnalyserSpec(
    name=CLAIMS_NAME,
    assigns="claims",
    requires=("doc", "attributions"),
    components=("tagger", "parser", "attribute_ruler", "lemmatizer", "ner"),
    run=extract_claims,
    description="checkable propositions with attribution, modality and check-worthiness",
    examples=(
        Example(
            text="A Washington Post report alleged that Hegseth ordered a second strike on survivors.",
            expected=({"voice": "attributed", "modality": "alleged", "text": "that Hegseth ordered a second strike on survivors"},),
        ),
        Example(
            text="Trump gave Maduro until Nov. 28 to leave the country. The crisis reflects broader tensions between U.S. hegemony and anti-Western governments.",
            expected=(
                {"voice": "author", "modality": "asserted", "text": "Trump gave Maduro until Nov. 28 to leave the country."},
                {"voice": "author", "modality": "opinion"},
            ),
        ),
        Example(
            text="Economists warn that prolonged instability could worsen the collapse.",
            expected=({"voice": "attributed", "modality": "hedged"},),
        ),
    ),
)
