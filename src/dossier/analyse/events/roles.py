"""Participants of a trigger from the dependency parse: agent, target, beneficiary, theme.

Verbs: the subject is the agent (the ``by`` object of a passive), the direct
object is the target or theme as the type says, ``with``/``between`` objects are
targets, ``for``/``to`` objects beneficiaries.  A subjectless verb takes its
controller ("prompting the U.S. to shut down" → the U.S.).  Nouns: a possessor
or a national modifier is the agent ("Maduro's proposal", "a U.S. military
buildup"), ``on``/``against`` objects targets, and the subject of a light verb
the agent ("Hegseth ordered a second strike").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dossier.analyse.events.ontology import BY_NAME
from dossier.analyse.events.syntax import controller, phrase_bounds, resolve_pronoun, subject_of
from dossier.analyse.events.triggers import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["Role", "roles_of", "place_of", "own_clauses"]

_NOUN_AGENT_VERBS = frozenset("order launch carry conduct make issue impose give set hold stage".split())
_PLACE_PREPS = frozenset("in at near off over across inside into".split())
_PLACE_ENTS = frozenset("GPE LOC FAC".split())
_CLOSABLE = frozenset("airspace border borders embassy consulate port airport crossing route strait".split())
_ANSWER_VERBS = frozenset("reject refuse dismiss rebuff decline spurn accept approve answer".split())
_NOT_PARTICIPANT_ENTS = frozenset("DATE TIME".split())


@dataclass(frozen=True, slots=True)
class Role:
    """A participant found in the parse: role, token range and display text."""

    role: str
    start: int  # token index
    end: int
    text: str
    head: "Token"


def own_clauses(verb: "Token") -> list["Token"]:
    """Clauses hung under ``verb`` that have a subject of their own (not part of its phrase)."""
    return [c for c in verb.children if c.dep_ in ("advcl", "conj", "ccomp")
            and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]


def _avoid(noun: "Token") -> "Token | None":
    """In "Trump rejected his conditions" *his* is not Trump: answers concern the other side's proposals."""
    verb = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in _ANSWER_VERBS:
        return subject_of(verb)
    return None


def _role(role: str, token: "Token", sentence: "SpacySpan", **kwargs: object) -> Role:
    if token.dep_ == "poss":  # "Maduro’s proposal": the agent is Maduro, without the ’s
        kwargs["exclude"] = [*kwargs.get("exclude", ()), *(c for c in token.children if c.dep_ == "case")]  # type: ignore[misc]
    lo, hi = phrase_bounds(token, sentence=sentence, **kwargs)  # type: ignore[arg-type]
    doc = token.doc
    text = doc[lo:hi].text
    if token.pos_ == "PRON" and token.dep_ == "poss":
        # "his conditions" → the agent of the conditions is the person "his" names
        antecedent = resolve_pronoun(token, avoid=_avoid(token.head))
        return Role(role, lo, hi, antecedent.text if antecedent is not None else text, token)
    for t in doc[lo:hi]:
        if t.dep_ == "poss" and t.pos_ == "PRON" and t.head.i >= lo:
            antecedent = resolve_pronoun(t, avoid=_avoid(t.head))
            if antecedent is not None:
                offset = t.idx - doc[lo].idx
                text = f"{text[:offset]}{antecedent.text}’s{text[offset + len(t.text):]}"
            break
    return Role(role, lo, hi, text, token)


def _prep_objects(token: "Token") -> list[tuple[str, "Token"]]:
    found = []
    for child in token.children:
        if child.dep_ == "prep":
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp"):
                    found.append((child.lower_, grand))
        elif child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    found.append(("by", grand))
    return found


def _prep_role(type_name: str, prep: str, is_noun: bool) -> str | None:
    if prep in ("with", "between"):
        return "target" if type_name in ("meet", "request") else None
    if prep in ("on", "against"):
        return "target"
    if prep == "by":
        return "agent"
    if prep == "for":
        return "beneficiary" if type_name in ("demand", "offer", "request", "propose") else None
    if prep == "to":
        return "beneficiary" if type_name == "offer" else ("target" if type_name == "request" else None)
    if prep == "from":
        return "target" if type_name in ("demand", "request") else None
    if prep == "of":
        if type_name in ("accuse", "investigate"):
            return "theme"
        return "theme" if is_noun and type_name in ("designate", "sanction", "close", "deny", "reject") else None
    if prep == "as":
        return "theme" if type_name == "designate" else None
    return None


def _verb_roles(trigger: Trigger, sentence: "SpacySpan") -> list[Role]:
    verb = trigger.token
    object_role = BY_NAME[trigger.type].object_role if trigger.type in BY_NAME else "theme"
    roles: list[Role] = []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    agent = controller(verb) if not passive else None
    if agent is not None and trigger.type == "close" and agent.lemma_.lower() in _CLOSABLE:
        # "declaring Venezuelan airspace closed": the airspace is what is closed, the declarer closes it
        roles.append(_role("theme", agent, sentence))
        agent = controller(verb.head) if verb.dep_ in ("ccomp", "xcomp", "oprd") else None
    if agent is not None and agent.sent == verb.sent:
        roles.append(_role("agent", agent, sentence))
    for child in verb.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass"):
            role = object_role
            if trigger.type == "give_ultimatum":
                role = "target"
            asides = [c for c in child.children if c.dep_ == "prep" and (
                c.lower_ in ("including", "like") or c.lower_ == "of" and trigger.type == "accuse")]
            roles.append(_role(role, child, sentence, exclude=asides))
            for aside in asides:
                if aside.lower_ == "of":
                    roles += [_role("theme", g, sentence) for g in aside.children if g.dep_ in ("pobj", "pcomp")]
            if trigger.type == "request":
                roles += [_role("target", obj, sentence) for prep, obj in _prep_objects(child) if prep == "with"]
        elif child.dep_ == "dative":
            roles.append(_role("beneficiary" if trigger.type == "offer" else "target", child, sentence))
        elif child.dep_ == "ccomp" and trigger.type in ("demand", "deny", "accuse", "announce", "threaten"):
            roles.append(_role("theme", child, sentence))
        elif child.dep_ == "xcomp" and trigger.type in ("demand", "request", "threaten", "propose", "offer"):
            roles.append(_role("theme", child, sentence))
    for prep, obj in _prep_objects(verb):
        role = _prep_role(trigger.type, prep, False)
        if role is not None:
            roles.append(_role(role, obj, sentence))
    if trigger.type == "give_ultimatum":
        for child in verb.children:
            if child.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                roles.append(_role("theme", child, sentence, exclude=[c for c in child.children if c.dep_ == "prep"
                                                                      and c.lower_ in ("before", "or", "after")]))
    return roles


def _noun_roles(trigger: Trigger, sentence: "SpacySpan") -> list[Role]:
    noun = trigger.token
    roles: list[Role] = []
    for child in noun.children:
        if child.dep_ == "poss":
            roles.append(_role("agent", child, sentence))
    if not roles:
        modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
                     and (c.ent_type_ in ("GPE", "NORP", "ORG") or c.pos_ == "PROPN")
                     and c.ent_type_ not in _NOT_PARTICIPANT_ENTS]
        if modifiers:
            lo, hi = min(m.left_edge.i for m in modifiers), noun.i
            # keep "military" in "U.S. military buildup": the modifiers up to the noun
            doc = noun.doc
            while hi > lo and doc[hi - 1].dep_ not in ("compound", "amod", "nmod"):
                hi -= 1
            roles.append(Role("agent", lo, hi, doc[lo:hi].text, modifiers[0]))
    head = noun.head
    if not roles and noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and (
        head.lemma_.lower() in _NOUN_AGENT_VERBS or trigger.light is not None
    ):
        agent = controller(head)
        if agent is not None and agent.sent == noun.sent:
            roles.append(_role("agent", agent, sentence))
    for prep, obj in _prep_objects(noun):
        role = _prep_role(trigger.type, prep, True)
        if role is not None:
            roles.append(_role(role, obj, sentence))
    for child in noun.children:
        if child.dep_ == "acl" and trigger.type in ("propose", "demand", "offer", "request"):
            roles.append(_role("theme", child, sentence, exclude=own_clauses(child)))
    return roles


def roles_of(trigger: Trigger, sentence: "SpacySpan") -> list[Role]:
    """Participants of ``trigger`` within ``sentence`` (deduplicated by token range)."""
    raw = _verb_roles(trigger, sentence) if trigger.token.pos_ in ("VERB", "AUX") else _noun_roles(trigger, sentence)
    seen: set[tuple[int, int]] = set()
    out: list[Role] = []
    for role in raw:
        if role.start >= role.end or (role.start, role.end) in seen or role.head.ent_type_ in _NOT_PARTICIPANT_ENTS:
            continue
        if role.start <= trigger.token.i < role.end and role.role != "theme":
            continue
        seen.add((role.start, role.end))
        out.append(role)
    return out


def place_of(trigger: Trigger, sentence: "SpacySpan") -> "Token | None":
    """The place an event happens in (``in the Caribbean``), when the parse attaches one."""
    candidates = [trigger.token]
    if trigger.light is not None:
        candidates.append(trigger.light)
    for token in candidates:
        for prep, obj in _prep_objects(token):
            if prep in _PLACE_PREPS and (obj.ent_type_ in _PLACE_ENTS or obj.pos_ == "PROPN") and obj.ent_type_ != "DATE":
                return obj
        for child in token.children:
            if child.dep_ == "dobj":
                for prep, obj in _prep_objects(child):
                    if prep in _PLACE_PREPS and obj.ent_type_ in _PLACE_ENTS:
                        return obj
    return None
