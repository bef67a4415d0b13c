"""Negotiation objects: the items of a demand or proposal, responses, consequences.

"rejected his conditions—including amnesty, sanctions relief and an interim
government led by Vice President Delcy Rodríguez" gives the items ``amnesty``,
``sanctions relief`` and ``interim government led by Vice President Delcy
Rodríguez``; "Trump dismissed most demands" gives the response ``most demands
dismissed by Trump``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.analyse.events.syntax import clean_phrase, phrase_bounds

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["NEGOTIATION_TYPES", "RESPONSE_TYPES", "items_of", "response_text", "consequence_of", "conjuncts"]

#: Types whose object lists what is on the table.
NEGOTIATION_TYPES = frozenset("demand request propose offer reject accept give_ultimatum".split())
#: Types that answer a demand, proposal or offer.
RESPONSE_TYPES = frozenset("reject accept".split())
_LIST_PREPS = frozenset("including include like".split())
_QUANTIFIERS = frozenset("most some all many several few part".split())


def conjuncts(token: "Token") -> list["Token"]:
    """``token`` and every token coordinated with it (``a, b and c``)."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(conjuncts(child))
    return out


def _item(token: "Token", sentence: "SpacySpan") -> str:
    exclude = [c for c in token.children if c.dep_ in ("conj", "cc", "appos", "punct")]
    exclude += [c for c in token.children if c.dep_ == "prep" and c.lower_ in _LIST_PREPS]
    lo, hi = phrase_bounds(token, sentence=sentence, exclude=exclude)
    return clean_phrase(token.doc[lo:hi].text)


def items_of(theme: "Token", sentence: "SpacySpan") -> list[str]:
    """What a demand, offer or proposal asks or gives, one string per item."""
    listed: list["Token"] = []
    for child in theme.children:
        if child.dep_ == "prep" and child.lower_ in _LIST_PREPS or (child.lower_ == "including" and child.dep_ != "pobj"):
            listed = [g for g in child.children if g.dep_ in ("pobj", "dobj")]
            if listed:
                listed = conjuncts(listed[0])
                break
    if not listed and any(c.dep_ == "conj" for c in theme.children):
        listed = conjuncts(theme)
    if not listed:
        acl = [c for c in theme.children if c.dep_ in ("acl", "xcomp")]
        if acl and theme.pos_ == "NOUN" and theme.lemma_.lower() in ("proposal", "plan", "offer", "demand", "request"):
            own = [c for c in acl[0].children if c.dep_ in ("advcl", "conj", "ccomp")
                   and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
            bounds = phrase_bounds(acl[0], sentence=sentence, exclude=own)
            return [clean_phrase(theme.doc[slice(*bounds)].text).removeprefix("to ")]
        return []
    return [text for text in (_item(t, sentence) for t in listed) if text]


def response_text(verb: "Token", theme: "Token | None", agent: str | None) -> str:
    """How a rejection or acceptance answers: ``rejected by Trump``, ``most demands dismissed by Trump``."""
    participle = verb.text.lower() if verb.tag_ in ("VBD", "VBN") else verb.lemma_.lower() + "ed"
    if verb.lemma_.lower() == "refuse":
        participle = "refused"
    by = f" by {agent}" if agent else ""
    if theme is not None and any(c.lower_ in _QUANTIFIERS for c in theme.children if c.dep_ in ("amod", "det")):
        quantifier = next(c.lower_ for c in theme.children if c.dep_ in ("amod", "det") and c.lower_ in _QUANTIFIERS)
        return f"{quantifier} {theme.text.lower()} {participle}{by}"
    return f"{participle}{by}"


def consequence_of(verb: "Token", sentence: "SpacySpan", skip: set[int]) -> tuple[int, int, str] | None:
    """The consequence threatened with an ultimatum: "… to leave before declaring airspace closed".

    Looks for a ``before``/``or``/``or else`` clause under the ultimatum verb or
    the demanded action; ``skip`` holds token indexes (times) left out of the text.
    """
    candidates = [verb] + [c for c in verb.children if c.dep_ in ("advcl", "xcomp", "ccomp")]
    for token in candidates:
        for child in token.children:
            clause = None
            if child.dep_ == "prep" and child.lower_ in ("before", "or"):
                clause = next((g for g in child.children if g.dep_ in ("pcomp", "pobj")), None)
            elif child.dep_ == "conj" and any(c.lower_ == "or" for c in token.children if c.dep_ == "cc"):
                clause = child
            if clause is None:
                continue
            time_preps = [t for t in clause.subtree if t.dep_ == "prep" and any(g.i in skip for g in t.subtree)]
            tail = [t for t in clause.subtree if t.dep_ == "advcl" and t.head.i != clause.i and t.tag_ == "VBG"]
            lo, hi = phrase_bounds(clause, sentence=sentence, exclude=time_preps + tail)
            span = sentence.doc[lo:hi]
            return span.start_char, span.end_char, clean_phrase(span.text)
    return None
