"""Trigger detection: which tokens of a sentence evoke a typed event.

Two layers.  :func:`event_mentions` finds every event mention in the TimeML /
NewsReader sense (content verbs and eventive nouns), which is what MEANTIME and
ECB+ annotate and what the evaluations score.  :func:`typed_triggers` keeps the
mentions that evoke a type of the :mod:`ontology`, with the constraints that stop
"strike a deal" being an attack or "the bill passed" a lapsed deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dossier.analyse.events.ontology import (
    CONSTRAINED_VERBS,
    DEADLINE_NOUNS,
    LIGHT_VERBS,
    is_phrasal,
    type_for_noun,
    type_for_verb,
)
from dossier.analyse.events.syntax import object_of, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["Trigger", "typed_triggers", "event_mentions", "is_event_noun", "mention_tokens"]

_NON_EVENT_VERBS = frozenset("do seem accord".split())
_EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "ing", "al", "age", "sis")
_NOT_EVENT_NOUNS = frozenset(
    "nation station region government information movement department agreement percent official "
    "statement future nature feature picture culture structure capital total animal hospital "
    "individual material general signal journal terminal potential rival arsenal mission population "
    "administration organization organisation committee population position evidence audience "
    "experience science license licence building thing something nothing anything everything morning evening "
    "king ring string ceiling clothing  element document instrument parliament apartment "
    "equipment environment entertainment management tournament era".split()
)
_EXTRA_EVENT_NOUNS = frozenset(
    "war attack strike crisis deal sale sales loss profit talk talks call visit trip crash fire "
    "explosion vote election protest rally trial case crime murder shooting death launch release "
    "plan bid offer cut cuts rise fall drop increase decline growth demand debate fight battle raid "
    "coup riot strike earthquake storm flood bailout bankruptcy merger takeover acquisition buyout "
    "layoff layoffs meeting summit campaign war dispute conflict scandal threat ban deadline "
    "ultimatum sanction sanctions arrest charge charges lawsuit suit verdict sentence ruling bust "
    "buildup incident injury win victory defeat record update change move shift return recall".split()
)
_CLOSABLE = frozenset(
    "airspace border borders embassy consulate port airport crossing route strait road school office "
    "mission base sea coast waters frontier".split()
)
_NOT_STRIKE_OBJECTS = frozenset("deal agreement balance tone chord note bargain pose match".split())
_LEAVE_OBJECTS = frozenset("office power post country presidency job position government".split())
_LIFTABLE = frozenset("sanction sanctions embargo ban ultimatum demand deadline offer threat restriction".split())
_EXTENDABLE = DEADLINE_NOUNS | frozenset("ceasefire truce talks moratorium".split())
_ACTOR_ENTS = frozenset("PERSON ORG NORP GPE".split())


@dataclass(frozen=True, slots=True)
class Trigger:
    """A token that evokes an event of ``type``; ``particle`` for phrasal verbs, ``light`` verb if any."""

    token: "Token"
    type: str
    particle: "Token | None" = None
    light: "Token | None" = None

    @property
    def start(self) -> int:
        return self.token.idx

    @property
    def end(self) -> int:
        last = self.particle if self.particle is not None and self.particle.i > self.token.i else self.token
        return last.idx + len(last.text)


def _particle(verb: "Token") -> "Token | None":
    for child in verb.children:
        if child.dep_ == "prt":
            return child
    return None


def _arg_lemma(token: "Token | None") -> str:
    return token.lemma_.lower() if token is not None else ""


def _has_prep(token: "Token", *preps: str) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in preps for c in token.children)


def _is_actor(token: "Token | None") -> bool:
    return token is not None and (token.ent_type_ in _ACTOR_ENTS or token.pos_ == "PRON" or token.pos_ == "PROPN")


def _verb_allowed(verb: "Token", lemma: str, type_name: str) -> bool:
    """Constraints on ambiguous verbs (see ``ontology.CONSTRAINED_VERBS``)."""
    if lemma not in CONSTRAINED_VERBS:
        return True
    obj = object_of(verb)
    subj = subject_of(verb) or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if lemma in ("pass", "expire", "lapse"):
        return _arg_lemma(subj) in DEADLINE_NOUNS or (lemma != "pass" and subj is not None and any(
            t.lemma_.lower() in DEADLINE_NOUNS for t in subj.subtree))
    if lemma == "leave":
        return obj is None or obj.ent_type_ in ("GPE", "LOC") or _arg_lemma(obj) in _LEAVE_OBJECTS
    if lemma == "close" or lemma == "shut":
        target = obj if obj is not None else subj
        return target is not None and _arg_lemma(target) in _CLOSABLE
    if lemma in ("list", "brand"):
        return _has_prep(verb, "as")
    if lemma == "strike":
        return _arg_lemma(obj) not in _NOT_STRIKE_OBJECTS
    if lemma in ("charge", "back"):
        return _is_actor(obj)
    if lemma in ("lift", "drop"):
        return _arg_lemma(obj) in _LIFTABLE or _arg_lemma(subj) in _LIFTABLE
    if lemma == "extend":
        return _arg_lemma(obj) in _EXTENDABLE or _arg_lemma(subj) in _EXTENDABLE
    return True


def _verb_type(token: "Token") -> tuple[str | None, "Token | None"]:
    lemma = token.lemma_.lower()
    particle = _particle(token)
    if lemma == "give" and _has_prep(token, "until", "till", "by"):
        return "give_ultimatum", None
    type_name = type_for_verb(lemma, particle.lower_ if particle is not None else None)
    if type_name is None or not _verb_allowed(token, lemma, type_name):
        return None, None
    if particle is not None and is_phrasal(lemma, particle.lower_):
        return type_name, particle
    return type_name, None


def typed_triggers(sentence: "SpacySpan") -> list[Trigger]:
    """Every token of ``sentence`` that evokes a type of the ontology."""
    found: list[Trigger] = []
    for token in sentence:
        if token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX"):
            type_name, particle = _verb_type(token)
            if type_name is not None:
                found.append(Trigger(token, type_name, particle))
            continue
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
            continue
        head = token.head
        light = head if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in LIGHT_VERBS else None
        type_name = type_for_noun(token.lemma_, light=light is not None)
        if type_name is None and light is not None and head.lemma_.lower() in ("give", "set", "issue"):
            type_name = "give_ultimatum" if token.lemma_.lower() in DEADLINE_NOUNS else None
        if type_name is not None:
            found.append(Trigger(token, type_name, None, light))
    return found


def is_event_noun(token: "Token") -> bool:
    """Whether a noun is eventive (a deverbal or known event noun) in the TimeML sense."""
    lemma = token.lemma_.lower()
    if lemma in _NOT_EVENT_NOUNS or token.ent_type_ in ("PERSON", "GPE", "ORG", "DATE", "CARDINAL", "MONEY"):
        return False
    if lemma in _EXTRA_EVENT_NOUNS or type_for_noun(lemma, light=True) is not None:
        return True
    return len(lemma) > 5 and lemma.endswith(_EVENT_SUFFIXES) and not lemma.endswith("ing") or (
        lemma.endswith("ing") and token.tag_ == "NN" and len(lemma) > 6
    )


def event_mentions(sentence: "SpacySpan") -> list["Token"]:
    """Event mention heads in the TimeML sense: content verbs, eventive nouns, predicative states."""
    found: list["Token"] = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB":
            if lemma in _NON_EVENT_VERBS or token.dep_ in ("amod",) and token.tag_ == "VBN":
                continue
            found.append(token)
        elif token.pos_ == "AUX" and lemma in ("be", "have") and token.dep_ in ("ROOT", "ccomp", "conj", "advcl", "relcl"):
            found.append(token)  # a main-verb "be"/"have": the state is the event in TimeML
        elif token.pos_ == "NOUN" and token.dep_ != "compound" and is_event_noun(token):
            found.append(token)
    return found


def mention_tokens(token: "Token") -> frozenset[int]:
    """Token indexes of the mention headed by ``token``: the head and a phrasal verb's particle ("broke out")."""
    return frozenset([token.i, *(c.i for c in token.children if c.dep_ == "prt")])
