"""Modality of a proposition and the author's own voice.

A claim's modality combines the stance of its cue (alleged, denied, confirmed …)
with markers inside the proposition: hedges ("reportedly", "may"), conditionals
("if", "would"), futures ("will", "plans to") — and, for sentences in the
author's own voice, whether the author frames or judges rather than reports
("The crisis reflects broader tensions between U.S. hegemony and …" is opinion).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.analyse.attribution.lexicon import (
    CONDITIONAL_MARKERS,
    FRAMING_VERBS,
    HEDGES,
    MODALS_HEDGE,
    OPINION_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

__all__ = ["MODALITIES", "content_modality", "is_author_opinion"]

MODALITIES = ("asserted", "reported", "alleged", "hedged", "denied", "confirmed", "hypothetical", "future", "opinion")

_ABSTRACT_SUBJECTS = frozenset(
    "crisis struggle standoff conflict situation tension tensions future fate move decision episode saga "
    "showdown confrontation campaign policy strategy".split()
)
_FUTURE_VERBS = frozenset({"plan", "intend", "schedule", "prepare", "aim"})


def content_modality(tokens: "SpacySpan", stance: str | None = None) -> str:
    """The modality of a proposition, given the stance of the cue that reports it (if any).

    Args:
        tokens: The proposition's tokens.
        stance: The cue's stance; None for the author's own statements.
    """
    if stance in ("alleged", "denied", "confirmed"):
        return stance
    lowers = [t.lower_ for t in tokens]
    if any(w in ("allegedly", "purportedly", "supposedly") for w in lowers):
        return "alleged"
    if any(w in HEDGES for w in lowers) or any(t.lower_ in MODALS_HEDGE and t.tag_ == "MD" for t in tokens):
        return "hedged"
    if any(t.lower_ in CONDITIONAL_MARKERS and t.dep_ in ("mark", "aux") for t in tokens):
        return "hypothetical"
    if any(t.lower_ in ("will", "shall", "'ll") and t.tag_ == "MD" for t in tokens) or any(
        t.lemma_ in _FUTURE_VERBS and any(c.dep_ == "xcomp" for c in t.children) for t in tokens
    ) or "going to" in tokens.text.lower():
        return "future"
    if stance == "hedged":
        return "hedged"
    if stance is None:
        return "asserted"
    return "reported"


def is_author_opinion(sentence: "SpacySpan") -> bool:
    """True if an unattributed sentence frames or judges rather than reports.

    Evidence of opinion: an abstract subject with a framing verb ("the crisis
    reflects …", "the struggle … reflects deeper tensions"), evaluative or
    figurative vocabulary, and no checkable anchor (number, date, named actor
    doing something concrete) to outweigh it.
    """
    root = sentence.root
    lemmas = {t.lemma_.lower() for t in sentence}
    score = 0.0
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if root.lemma_.lower() in FRAMING_VERBS and any(s.lemma_.lower() in _ABSTRACT_SUBJECTS for s in subjects):
        score += 2.0
    elif root.lemma_.lower() in FRAMING_VERBS:
        score += 1.0
    score += 1.0 * len(lemmas & OPINION_WORDS)
    if any(t.tag_ in ("JJS", "RBS") for t in sentence):
        score += 0.5
    anchors = sum(1 for t in sentence if t.like_num or t.ent_type_ in ("DATE", "MONEY", "PERCENT", "CARDINAL"))
    score -= 0.75 * min(anchors, 3)
    return score >= 2.0
