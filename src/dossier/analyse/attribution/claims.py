"""Claims: the checkable propositions of a report, each with voice, modality and check-worthiness.

Every sentence of the body and of the key points yields claims: the content of
each attribution in it (voice ``attributed``, modality from the cue's stance and
the content's own markers), or, when nobody is cited, the sentence itself in the
author's voice (``asserted``, ``hedged``, ``future`` … or ``opinion`` when the
author frames or judges).  Headings, footers and questions are not claims.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Sequence

from dossier.analyse.attribution.checkworthy import CheckWorthiness
from dossier.analyse.attribution.lexicon import CUE_VERBS
from dossier.analyse.attribution.modality import content_modality, is_author_opinion
from dossier.model import Attribution, Claim, Evidence, Report, content_id

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

__all__ = ["claims_of", "sentence_spans"]

_MIN_WORDS = 4


def sentence_spans(doc: "Doc", report: Report) -> Iterator["SpacySpan"]:
    """Sentences inside the body paragraphs and key points, split again at line breaks."""
    text = doc.text  # read once: spaCy rebuilds Doc.text from every token on each access
    regions = [(p.start, p.end) for p in (*report.key_points, *report.paragraphs)]
    if not regions:
        regions = [(0, len(text))]
    headings = {(h.start, h.end) for h in report.headings}
    for sent in doc.sents:
        start = sent.start_char
        for piece in text[sent.start_char : sent.end_char].split("\n"):
            end = start + len(piece)
            lo, hi = start, end
            while lo < hi and (text[lo].isspace() or text[lo] in "•·-*"):
                lo += 1
            while hi > lo and text[hi - 1].isspace():
                hi -= 1
            start = end + 1
            if hi <= lo or (lo, hi) in headings:
                continue
            if not any(a <= lo and hi <= b for a, b in regions):
                continue
            span = doc.char_span(lo, hi, alignment_mode="expand")
            if span is not None and len(span):
                yield span


def _speech_cue(doc: "Doc", attribution: Attribution) -> bool:
    """True if the cue is a verb of saying from the lexicon (or "according to").

    Cues learnt from PolNeAR also mark positions and acts ("Maduro sought
    amnesty", "refuses to leave"); such sentences stay claims in the author's voice.
    """
    if attribution.cue is None:
        return False
    tokens = doc.char_span(attribution.cue.start, attribution.cue.end, alignment_mode="expand")
    return tokens is not None and any(
        t.lemma_.lower() in CUE_VERBS or t.lower_ == "according" for t in tokens
    )


def claims_of(
    report: Report,
    doc: "Doc",
    attributions: Sequence[Attribution],
    model: CheckWorthiness,
    extractor: str,
) -> tuple[Claim, ...]:
    """The claims of one report.

    Args:
        report: The report (offsets are into ``report.text``).
        doc: Its spaCy parse.
        attributions: Its attributions, whose contents become attributed claims.
        model: The check-worthiness model.
        extractor: Versioned analyser name recorded in the evidence.
    """
    claims: list[Claim] = []
    claimed: set[tuple[int, int]] = set()  # two cues can frame one content span: one claim for it
    for sentence in sentence_spans(doc, report):
        s_start, s_end = sentence.start_char, sentence.end_char
        inside = [
            a for a in attributions
            if s_start <= a.content.start and a.content.end <= s_end + 1 and _speech_cue(doc, a)
        ]
        if inside:
            for attribution in inside:
                if (attribution.content.start, attribution.content.end) in claimed:
                    continue
                claimed.add((attribution.content.start, attribution.content.end))
                tokens = doc.char_span(attribution.content.start, attribution.content.end, alignment_mode="expand")
                if tokens is None:
                    continue
                modality = content_modality(tokens, attribution.stance)
                text = attribution.content.text
                claims.append(
                    Claim(
                        id=content_id(report.id, attribution.content.start, attribution.content.end, prefix="c"),
                        text=text,
                        evidence=Evidence.of(report, attribution.content.start, attribution.content.end, extractor),
                        modality=modality,
                        voice="attributed",
                        checkworthiness=round(model.score(text), 4),
                        attribution_id=attribution.id,
                    )
                )
            continue
        words = [t for t in sentence if not t.is_punct and not t.is_space]
        if len(words) < _MIN_WORDS or sentence.text.rstrip().endswith("?"):
            continue
        modality = "opinion" if is_author_opinion(sentence) else content_modality(sentence, None)
        claims.append(
            Claim(
                id=content_id(report.id, s_start, s_end, prefix="c"),
                text=sentence.text,
                evidence=Evidence.of(report, s_start, s_end, extractor),
                modality=modality,
                voice="author",
                checkworthiness=round(model.score(sentence.text), 4),
            )
        )
    return tuple(claims)
