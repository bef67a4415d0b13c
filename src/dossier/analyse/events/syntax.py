"""Dependency-parse helpers shared by the event extractors.

Small functions over spaCy tokens: noun-phrase spans, the controller of a
subjectless verb, possessive-pronoun resolution, and character spans that stay
inside one zone of the report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = [
    "SUBJECTS",
    "OBJECTS",
    "phrase_bounds",
    "phrase_text",
    "subject_of",
    "object_of",
    "controller",
    "resolve_pronoun",
    "clean_phrase",
]

SUBJECTS = ("nsubj", "csubj")
OBJECTS = ("dobj", "obj")
_STOP_DEPS = {"relcl", "acl:relcl"}
_DASHES = {"—", "–", "--"}
_POSSESSIVES = {"his": "person", "her": "person", "its": "group", "their": "group"}
_TRIM_LEFT = {"the", "a", "an", "only", "also"}
_QUOTES = "“”\"‘’'"


def phrase_bounds(token: "Token", *, sentence: "SpacySpan | None" = None, cut_relative: bool = True,
                  exclude: Iterable["Token"] = ()) -> tuple[int, int]:
    """Token index range ``[start, end)`` of the phrase headed by ``token``.

    The phrase is the token's subtree, cut at a dash or parenthesis that opens
    an aside ("officials—many of whom …"), optionally without relative clauses,
    without the subtrees of ``exclude`` at its edges, and kept inside ``sentence``.
    """
    excluded = {t.i for ex in exclude for t in ex.subtree}
    if cut_relative:
        excluded |= {t.i for child in token.children if child.dep_ in _STOP_DEPS for t in child.subtree}
    # the contiguous stretch of the subtree around the head that no excluded token interrupts
    inside = {t.i for t in token.subtree} - excluded
    lo, hi = token.i, token.i
    while hi + 1 in inside:
        hi += 1
    while lo - 1 in inside:
        lo -= 1
    doc = token.doc
    # cut at an aside that opens after the head, or one that closes before it
    for i in range(token.i + 1, hi + 1):
        if doc[i].text in _DASHES or doc[i].text == "(":
            hi = i - 1
            break
    for i in range(token.i - 1, lo - 1, -1):
        if doc[i].text in _DASHES or doc[i].text == ")":
            lo = i + 1
            break
    if sentence is not None:
        lo, hi = max(lo, sentence.start), min(hi, sentence.end - 1)
    while hi > lo and (doc[hi].is_punct and doc[hi].text not in _QUOTES or doc[hi].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_punct and doc[lo].text not in _QUOTES or doc[lo].is_space):
        lo += 1
    return lo, hi + 1


def phrase_text(token: "Token", **kwargs: object) -> tuple[int, int, str]:
    """``(start_char, end_char, text)`` of :func:`phrase_bounds`."""
    lo, hi = phrase_bounds(token, **kwargs)  # type: ignore[arg-type]
    span = token.doc[lo:hi]
    return span.start_char, span.end_char, span.text


def clean_phrase(text: str) -> str:
    """A phrase for display: no leading article, no typographic quotes, single spaces."""
    words = text.replace("“", "").replace("”", "").replace('"', "").split()
    while len(words) > 1 and words[0].lower() in _TRIM_LEFT:
        words = words[1:]
    return " ".join(words).strip(" ,;:.")


def subject_of(verb: "Token") -> "Token | None":
    """The grammatical subject of ``verb`` (active), or None."""
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
    return None


def object_of(verb: "Token") -> "Token | None":
    """The direct object of ``verb``, or None."""
    for child in verb.children:
        if child.dep_ in OBJECTS:
            return child
    return None


def controller(verb: "Token", depth: int = 0) -> "Token | None":
    """Who does a subjectless verb: its own subject, else the controller from the clause above.

    ``prompting the U.S. to shut down`` → the object of *prompting* (object
    control); ``Trump dismissed …, offering …`` → the subject of *dismissed*.
    """
    own = subject_of(verb)
    if own is not None:
        return own
    if depth > 4 or verb.head.i == verb.i:
        return None
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
        obj = object_of(head)
        if obj is not None and verb.dep_ == "xcomp":
            return obj
        return controller(head, depth + 1)
    if head.dep_ == "relcl" and verb.dep_ != "conj":
        return None  # the parser hung us on a relative clause: its subject is not ours
    if verb.dep_ in ("advcl", "conj", "pcomp") and head.pos_ in ("VERB", "AUX"):
        return controller(head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN") and verb.tag_ in ("VB", "VBG"):
        return head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        if head.head.dep_ == "relcl":
            return None
        return controller(head.head, depth + 1)
    return None


def resolve_pronoun(pronoun: "Token", *, avoid: "Token | None" = None) -> "SpacySpan | None":
    """The named antecedent of a possessive pronoun (``his`` → the last person named before it).

    ``avoid`` is the subject of the pronoun's own clause: in "Trump rejected his
    conditions" *his* is not Trump (that would be *his own*).
    """
    kind = _POSSESSIVES.get(pronoun.lower_)
    if kind is None:
        return None
    labels = {"PERSON"} if kind == "person" else {"ORG", "GPE", "NORP"}
    doc = pronoun.doc
    window = max(0, pronoun.i - 120)
    candidates = [e for e in doc.ents if window <= e.start and e.end <= pronoun.i and e.label_ in labels]
    if kind == "person":
        # the small model misses names; a proper-noun subject or possessor is a candidate too
        taken = {i for e in candidates for i in range(e.start, e.end)}
        for token in doc[window : pronoun.i]:
            if token.pos_ == "PROPN" and token.dep_ in ("nsubj", "poss", "nsubjpass", "dobj") and token.i not in taken:
                candidates.append(doc[token.left_edge.i if token.left_edge.pos_ == "PROPN" else token.i : token.i + 1])
    avoid_text = avoid.text if avoid is not None else None
    for ent in sorted(candidates, key=lambda e: e.end, reverse=True):
        if avoid_text is not None and (avoid_text in ent.text or ent.text.split()[-1] in avoid_text):
            continue
        return ent
    return None
