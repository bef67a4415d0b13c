"""Finding reported speech in a parsed text: cue, source and content spans, and chains.

Three patterns, each read off spaCy's dependency parse:

- a **cue verb** (said, told, revealed, alleged, denied …) with its subject as
  the source and its clausal complement (or object, for denials and
  confirmations) as the content; participles ("…, stating he had …") and
  conjoined verbs inherit the subject of the verb they hang from, passives take
  the ``by`` agent ("was first reported by MSNBC");
- **according to X**, whose content is the rest of the clause;
- **chains**: "Reuters, citing three sources, reported …" (Reuters ← sources),
  "Sources told the Miami Herald …" (Miami Herald ← sources), "according to
  Fox News, the Miami Herald reported …" (Fox News ← Miami Herald), and an
  attribution nested in another's content.

The output is :class:`Found` over character offsets; typing the sources is
:mod:`dossier.analyse.attribution.sources`' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Iterator

from dossier.analyse.attribution.bounds import DocView, load_bounds
from dossier.analyse.attribution.cuetagger import CueTagger, load_tagger
from dossier.analyse.attribution.lexicon import (
    ANONYMOUS_NOUNS,
    CUE_NOUNS,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    GOVERNMENT_NOUNS,
    ORGANISATION_NOUNS,
    REPORT_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["Found", "find_attributions", "quote_kind", "refine_context", "context_features"]

_OPEN_QUOTES = "“\"‘«"
_CLOSE_QUOTES = "”\"’»"
_QUOTES = set(_OPEN_QUOTES + _CLOSE_QUOTES) | {"``", "''"}
_CONTENT_DEPS = ("ccomp", "parataxis")
_QUOTED = re.compile(r"[“\"]([^“”\"]+)[”\"]")
# Verbs whose object can be the content ("denies all criminal allegations").
_OBJECT_CUES = {"deny", "confirm", "report", "reveal", "allege", "accuse", "dismiss", "reject", "dispute",
                "acknowledge", "admit", "announce", "cite", "claim", "disclose", "predict", "refute", "blame",
                "criticize", "criticise", "defend", "praise", "ask", "demand", "promise", "threaten", "call",
                "describe", "warn", "urge", "tweet", "write", "say", "tell", "state", "verify"}
# Verbs whose infinitival complement is the content ("vowed to fight", "denied having").
_XCOMP_CUES = {"promise", "vow", "pledge", "threaten", "claim", "deny", "urge", "ask", "tell", "order",
               "warn", "demand", "expect", "hope", "plan", "call", "admit"}
# Lexicon verbs whose object is an act or a thing, not what was said ("ordered a second strike").
_ACT_CUES = {"order", "post", "publish", "learn", "leak", "relay"}
_CUE_MODIFIERS = ("aux", "auxpass", "neg")
_CHAIN_VERBS = {"cite", "quote"}
# Raising verbs: "X seems to …", "X appeared paralyzed" attribute an impression to no one named.
_SEEM_VERBS = {"seem", "appear"}
_SPEAKER_PRONOUNS = {"i", "we", "you"}
_TIME_PREPS = {"on", "in", "at", "during", "after", "before", "since", "until"}
_NP_DEPS = {"det", "amod", "compound", "poss", "nummod", "quantmod", "prep", "acl", "nmod", "case", "predet",
            "advmod", "punct", "nn", "npadvmod", "poss", "appos", "conj", "cc", "relcl"}
_STATEMENT_NOUNS = {"allegation", "claim", "report", "accusation", "charge", "suggestion", "idea", "notion",
                    "assertion", "criticism", "rumor", "rumour", "story", "account", "statement", "speculation"}


@dataclass
class Found:
    """One attribution found in the parse, before its source is typed.

    ``source`` and the ``chain`` entries are spaCy spans; ``cue`` and ``content``
    are character offsets into the parsed text.
    """

    source: "SpacySpan | None"
    cue: tuple[int, int]
    content: tuple[int, int]
    stance: str
    chain: list["SpacySpan"] = field(default_factory=list)
    kind: str = "verb"  # verb | according
    learnt: bool = False  # the cue comes from the learnt list, not the speech lexicon


def _subtree_span(doc: "Doc", tokens: Iterable["Token"]) -> "SpacySpan":
    ordered = sorted(tokens, key=lambda t: t.i)
    return doc[ordered[0].i : ordered[-1].i + 1]


def _source_span(token: "Token", verb: "Token | None" = None) -> "SpacySpan":
    """The noun phrase of a source with its appositives, conjuncts and relative clauses.

    "Rick Wilson, a Florida-based Republican strategist" is one source; a
    subtree that holds the cue ``verb`` itself never is, nor a leading "even".
    """
    keep = [token]
    for child in token.children:
        if child.dep_ not in _NP_DEPS or child.dep_ in ("punct", "cc"):
            continue  # commas and "and" are inside the span only when something follows them
        if verb is not None and any(t.i == verb.i for t in child.subtree):
            continue
        if child.dep_ == "advmod" and child.i < token.i and child.lower_ in ("even", "only", "also", "just"):
            continue
        after_comma = child.i > token.i and child.left_edge.i > 0 and token.doc[child.left_edge.i - 1].text == ","
        if child.dep_ == "relcl" and after_comma:
            continue  # "Trump, who has a commanding lead in delegates": a gloss on the source, not part of it
        if after_comma and (
            (child.dep_ in ("acl", "amod", "advmod") and child.tag_ in ("VBG", "VBN", "JJ", "RB"))
            or (child.dep_ in ("appos", "nummod", "amod", "npadvmod") and child.tag_ == "CD")
        ):
            continue  # "Marco Rubio, speaking at a rally", "Sarandon, 69", "Clinton, clearly frustrated"
        if (
            child.dep_ in ("compound", "det")
            and child.i < token.i
            and token.tag_ in ("NNS", "NNPS")
            and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in token.children)
        ):
            continue  # "an act critics argue": a singular determiner cannot head a plural noun
        keep.extend(child.subtree)
    span = _subtree_span(token.doc, keep)
    breaks = [t.i for t in span if "\n" in t.text and t.i < token.i]
    if breaks:
        span = token.doc[breaks[-1] + 1 : span.end]  # "12:35 p.m.⏎⏎Texas Sen. Ted Cruz": a heading glued on
    while len(span) > 1 and (span[-1].is_punct or span[-1].dep_ == "cc"):
        span = span[:-1]
    while len(span) > 1 and span[0].is_punct:
        span = span[1:]
    return span


def _trim(doc: "Doc", start: int, end: int) -> tuple[int, int]:
    """Token range without edge punctuation, keeping quote marks that enclose words."""
    while start < end and (doc[start].is_punct and doc[start].text not in _OPEN_QUOTES) or (
        start < end and doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_space
        or (doc[end - 1].is_punct and doc[end - 1].text not in _CLOSE_QUOTES and doc[end - 1].text not in ")")
    ):
        end -= 1
    # A quotation opened just before the content and closed just after it belongs to it.
    if start > 0 and (doc[start - 1].text in _OPEN_QUOTES + "``" or doc[start - 1].text == "''"):
        for j in range(end, min(end + 3, len(doc))):
            if doc[j].text in _CLOSE_QUOTES or doc[j].text == "''":
                return start - 1, j + 1
            if not doc[j].is_punct:
                break
    # Balance a closing quote inside the content with the opening one just before it.
    inside = doc[start:end].text
    if start > 0 and (
        (doc[start - 1].text == "“" and inside.count("”") > inside.count("“"))
        or (doc[start - 1].text in ('"', "''", "``") and doc[end - 1].text in ('"', "''")
            and (inside.count('"') + inside.count("''")) % 2 == 1)
    ):
        return start - 1, end
    # Balance a closing quote that directly follows the content (possibly after ., or ,).
    opens = sum(inside.count(q) for q in "“«") + inside.count('"') % 2 + inside.count("''") % 2
    closes = sum(inside.count(q) for q in "”»")
    if opens > closes:
        for j in range(end, min(end + 3, len(doc))):
            if doc[j].text in _CLOSE_QUOTES or doc[j].text == "''":
                end = j + 1
                break
            if not doc[j].is_punct:
                break
    return start, end


def _cue_tokens(verb: "Token") -> list["Token"]:
    tokens = [verb]
    if verb.dep_ == "acomp" and verb.head.i < verb.i:
        # "have been critical of": the copula and its auxiliaries lead a predicate adjective.
        tokens.append(verb.head)
        tokens.extend(c for c in verb.head.children if c.dep_ in _CUE_MODIFIERS and c.i < verb.head.i)
    for child in verb.children:
        if child.dep_ in _CUE_MODIFIERS and child.i < verb.i:
            tokens.append(child)
        elif child.dep_ == "advmod" and child.i == verb.i - 1 and child.lower_ not in ("when", "how", "why", "where"):
            tokens.append(child)
        elif child.dep_ == "prt":
            tokens.append(child)
    low = min(t.i for t in tokens)
    return [verb.doc[i] for i in range(low, max(t.i for t in tokens) + 1)]


def _subject(verb: "Token") -> "Token | None":
    """The subject of ``verb``, inherited through participles, conjuncts and misparses.

    A noun cue's subject is its possessor ("Trump's claim"); a predicate
    adjective's is its copula's ("Republicans have been critical of").
    """
    if verb.pos_ == "NOUN":
        return next((c for c in verb.children if c.dep_ == "poss"), None)
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if current.dep_ in ("advcl", "conj", "xcomp", "acl", "amod", "pcomp", "acomp") and current.head.i != current.i:
            head = current.head
            if head.pos_ in ("NOUN", "PROPN", "PRON") and current.dep_ in ("amod", "acl"):
                return head
            if current.dep_ == "xcomp":
                # "Mr. Trump was prompted to say": the passive subject of the verb an infinitive completes.
                passive = [c for c in head.children if c.dep_ == "nsubjpass"]
                if passive:
                    return passive[0]
            current = head
            if (
                current.dep_ == "prep"
                and current.lower_ not in _TIME_PREPS
                and current.head.pos_ in ("VERB", "AUX")
            ):
                # "by calling him out", "in addition to stating": the verb the phrase hangs from.  Not
                # "gave Maduro until Nov. 28 before declaring …", whose main clause is the author's.
                current = current.head
            continue
        if current.i != verb.i and current.pos_ in ("PROPN", "NOUN"):
            return current  # a participle hanging from a misparsed noun root ("Trump defended …, stating")
        return None
    return None


_SPEAKER_NOUNS = ANONYMOUS_NOUNS | DOCUMENT_NOUNS | REPORT_NOUNS | GOVERNMENT_NOUNS | ORGANISATION_NOUNS


def _speaker_like(subject: "Token | None") -> bool:
    """True if ``subject`` can say something: a name, a pronoun for a person, or a speaker noun.

    "The crisis shows no signs of resolution" and "the move, signaling heightened
    pressure" are no attributions; "Clinton mentioned Trump" and "one poll shows
    Cruz ahead" are.
    """
    if subject is None or subject.lower_ in ("it", "this", "that", "which", "what"):
        return False
    if subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    return subject.lemma_.lower() in _SPEAKER_NOUNS


def _content_root(verb: "Token", learnt: bool = False) -> tuple[list["Token"], bool]:
    """Tokens of the content of a cue verb and whether it came from a clause.

    ``learnt`` cues (from :mod:`.cues`, not in the lexicon) take any infinitival
    complement, object or prepositional object as content ("wants to win",
    "defended Trump", "referring to the emails").
    """
    children = list(verb.children)
    clauses = [c for c in children if c.dep_ in _CONTENT_DEPS]
    if any(c.i > verb.i for c in clauses):
        clauses = [c for c in clauses if c.i > verb.i]
    if clauses:
        tokens: list["Token"] = []
        for clause in clauses:
            tokens.extend(clause.subtree)
        return tokens, True
    lemma = verb.lemma_.lower()
    if learnt:
        right = [c for c in children if c.i > verb.i and c.dep_ in ("xcomp", "dobj", "attr", "oprd", "acomp", "prep", "dative")
                 or c.i > verb.i and c.dep_ == "acl" and verb.pos_ == "NOUN"]
        if right and not (len(right) == 1 and right[0].dep_ == "prep" and right[0].lower_ in _TIME_PREPS):
            tokens = []
            for child in right:
                if child is right[0] and child.dep_ == "prep":
                    # "talked about X": the preposition joins the cue, X is the content
                    tokens.extend(t for t in child.subtree if t.i != child.i)
                else:
                    tokens.extend(child.subtree)
            return tokens, right[0].dep_ == "xcomp"
        return [], False
    if lemma in _XCOMP_CUES:
        xcomps = [c for c in children if c.dep_ == "xcomp"]
        if xcomps:
            tokens = list(xcomps[0].subtree)
            objects = [c for c in children if c.dep_ == "dobj" and verb.i < c.i < xcomps[0].i]
            if objects:
                # "urged Republican leaders to disavow Mr. Trump": the object does what is asked.
                tokens = list(objects[0].subtree) + tokens
            return tokens, True
    if lemma in _OBJECT_CUES or (
        CUE_VERBS.get(lemma, "hedged") != "hedged" and lemma not in _ACT_CUES and _speaker_like(_subject(verb))
    ):
        # Any speech act with a speaker takes its object ("mentioned Sanders", "touted his endorsement");
        # a thought's object is no content ("was considering talks" stays the author's claim).
        objects = [c for c in children if c.dep_ in ("dobj", "attr", "oprd")]
        as_phrase = any(c.dep_ == "prep" and c.lower_ == "as" for c in children)
        if objects and CUE_VERBS.get(lemma) == "denied" and lemma != "deny" and not as_phrase:
            if objects[0].lemma_.lower() not in _STATEMENT_NOUNS:
                objects = []  # "Trump rejected his demands" is an act, not speech
        if objects:
            tokens = list(objects[0].subtree)
            for child in children:
                if child.i > objects[0].i and (
                    (child.dep_ == "prep" and child.lower_ in ("of", "for", "as", "that"))
                    or child.dep_ in ("oprd", "ccomp", "xcomp", "acomp")
                ):
                    tokens.extend(child.subtree)
            if lemma in ("call", "describe") and not any(c.dep_ in ("oprd", "prep") for c in children):
                return [], False
            return tokens, False
    subject_first = min((c.left_edge.i for c in children if c.dep_ == "nsubj"), default=verb.i)
    after_punct = subject_first > 0 and (verb.doc[subject_first - 1].is_punct or verb.doc[subject_first - 1].text in _QUOTES)
    passive = [c for c in children if c.dep_ == "nsubjpass"]
    if passive and any(c.dep_ == "agent" for c in children) and not learnt:
        # "O'Malley's move was first reported by MSNBC": the passive subject is what was reported.
        return list(passive[0].subtree), False
    for prep in (c for c in children if c.dep_ == "prep" and c.i > verb.i):
        # "says in a statement that …": the clause hangs from the statement.
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            that = [c for c in pobj.children if c.dep_ in ("acl", "ccomp") and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
            if that:
                return list(that[0].subtree), True
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in children):
        # "as The Huffington Post reported, Clinton is …": the clause the cue hangs from.
        outside = set(t.i for t in verb.subtree)
        return [t for t in verb.head.subtree if t.i not in outside], True
    if verb.dep_ == "parataxis" and verb.i < verb.head.i and any(c.dep_ == "nsubj" for c in children):
        # "The bigger risk, he said, is a clash": the cue sits inside its content.
        outside = set(t.i for t in verb.subtree)
        return [t for t in verb.head.subtree if t.i not in outside], True
    if (
        verb.dep_ in ("parataxis", "ccomp", "advcl")
        and verb.i > verb.head.i
        and verb.head.pos_ in ("VERB", "AUX")
        and after_punct
        and not any(c.dep_ == "mark" for c in children)
    ):
        # "“We will win,” Trump said" parsed with "said" under the quoted verb.
        outside = set(t.i for t in verb.subtree)
        tokens = [t for t in verb.head.subtree if t.i not in outside and t.i < verb.i]
        return tokens, True
    return [], False


def _cut_tail(doc: "Doc", start: int, end: int) -> int:
    """The end of a content before a participle cue of its own after a comma.

    "… from coming into the country illegally, saying it’s “all about
    management.”": the participle is a second attribution of the same speaker,
    which PolNeAR annotates apart (measured on train: content exact F1 +0.1).
    """
    for k in range(start + 1, end - 1):
        token, nxt = doc[k], doc[k + 1]
        if (token.text == "," and nxt.tag_ == "VBG" and nxt.lemma_.lower() in CUE_VERBS
                and nxt.dep_ in ("advcl", "conj", "acl", "xcomp")):
            return k
    return end


def _prep_content(verb: "Token") -> list["Token"]:
    """The prepositional object of a lexicon cue that has no clause or object ("asked for X", "responded with X").

    Not for rejections ("dismissed most demands" is an act) nor for a verb with a
    direct object ("ordered a strike").
    """
    lemma = verb.lemma_.lower()
    if CUE_VERBS.get(lemma) == "denied" or lemma in _CHAIN_VERBS:
        return []
    children = list(verb.children)
    preps = [c for c in children if c.i > verb.i and c.dep_ == "prep" and c.lower_ not in _TIME_PREPS]
    xcomps = [c for c in children if c.dep_ == "xcomp" and preps and c.i > preps[0].i]
    if preps and preps[0].lower_ == "for" and xcomps and not any(c.dep_ == "dobj" for c in children):
        # "is calling for the United States to step up …": the object and its infinitive.
        return [t for t in preps[0].subtree if t.i != preps[0].i] + list(xcomps[0].subtree)
    if not preps or any(c.dep_ in ("dobj", "xcomp") for c in children):
        return []
    return [t for t in preps[0].subtree if t.i != preps[0].i]


def _continued_quotation(doc: "Doc", verb: "Token", end_char: int, text: str, last: int | None = None) -> int:
    """The end of a quotation that goes on after its cue.

    Either within the sentence ("“Judge,” Brafman said, “I have never …”") or in
    the next one ("“…,” said Rick Tyler. “You know …”"); the content is then the
    hull of both parts, as PolNeAR annotates a split quotation.  ``last`` is the
    last token of the cue and its source; ``text`` is ``doc.text``.
    """
    sentence = verb.sent
    opener = None
    k = (last if last is not None else verb.i) + 1
    # "said Tuesday, “…" / "said, “…": a few words of the cue's own phrase, then an opening quote.
    while k < sentence.end and k <= (last or verb.i) + 4 and doc[k].text not in ("“", "''", '"', "``"):
        if not (doc[k].is_punct or doc[k].head.i == verb.i and doc[k].dep_ in ("npadvmod", "advmod")):
            break
        k += 1
    if k < len(doc) and doc[k].text in ("“", "''", '"', "``") and k < sentence.end:
        opener = doc[k]
    elif sentence.end < len(doc) and doc[sentence.end].text in ("“", "''", '"') and _ends_sentence(doc, verb, k, sentence.end):
        opener = doc[sentence.end]
    elif doc[sentence.end - 1].text in ("“", "''", '"') and sentence.end - 1 > verb.i:
        opener = doc[sentence.end - 1]  # the parser closed the sentence after the opening quote
    if opener is None or "\n" in text[verb.idx : opener.idx]:
        return _next_paragraph_quotation(text, verb.idx, end_char)
    line_end = text.find("\n", opener.idx)
    line_end = len(text) if line_end < 0 else line_end
    closer = {"“": "”", "``": "''"}.get(opener.text, opener.text)
    close_at = text.find(closer, opener.idx + len(opener.text), line_end)
    return close_at + len(closer) if close_at > 0 else end_char


_SENTENCE_END = re.compile(r"[.!?][”\"’']*\s+|[”\"]\s+(?=[A-Z“\"])")


def _lead_in(text: str, quote_start: int, speaker_start: int) -> int:
    """The start of a quotation's content with the words of its sentence that lead into it.

    "Still, golf clubs are ''just scratching out a profit,'' Mr. Hedge said": the
    content is the whole sentence but for the cue and its source, as PolNeAR
    annotates it.  Returns ``quote_start`` when the speaker comes first or nothing
    precedes the quotation (a lead-in before the speaker, "An economic downturn,
    he said, “…”", measured worse on PolNeAR train).
    """
    line_start = text.rfind("\n", 0, quote_start) + 1
    begin = line_start
    for match in _SENTENCE_END.finditer(text, line_start, quote_start):
        begin = match.end()
    if speaker_start < quote_start:
        return quote_start
    lead = text[begin:quote_start]
    if not lead.strip() or any(q in lead for q in "“”\"") or "''" in lead or "``" in lead or len(lead) > 200:
        return quote_start
    return begin


def _ends_sentence(doc: "Doc", verb: "Token", start: int, end: int) -> bool:
    """True if ``doc[start:end]``, after a cue and its source, holds no clause of its own.

    "“…,” she said, adding that …. “…”": the next quotation is not the same
    quotation's second part, since "adding" has its own content in between.
    """
    return not any(
        t.head.i == verb.i and t.dep_ in ("advcl", "conj") and t.lemma_.lower() in CUE_VERBS
        for t in doc[start:end]
    )


def _next_paragraph_quotation(text: str, cue_at: int, end_char: int) -> int:
    """The end of a quotation that goes on in the next paragraph, or ``end_char``.

    "“… like Fox News,” he said.⏎⏎“And it’s become sad …”": PolNeAR's content
    runs on to the next paragraph when that paragraph is wholly a quotation
    without a cue of its own, and the cue closes its own paragraph.
    """
    line_end = text.find("\n", cue_at)
    if line_end < 0 or text[cue_at:line_end].count(".") > 1 or any(q in text[cue_at:line_end] for q in "“\""):
        return end_char
    start = line_end
    while start < len(text) and text[start].isspace():
        start += 1
    if start >= len(text) or text[start] not in "“\"" and not text.startswith("''", start):
        return end_char
    next_end = text.find("\n", start)
    next_end = len(text) if next_end < 0 else next_end
    paragraph = text[start:next_end].rstrip()
    closer = {"“": "”", '"': '"'}.get(text[start], "''")
    close_at = paragraph.rfind(closer)
    if close_at <= len(closer) or paragraph[close_at + len(closer):].strip(" .,") or paragraph.count(closer) > (
        2 if closer in ('"', "''") else 1
    ):
        return end_char
    return start + close_at + len(closer)


def _inside_quotation(text: str, offset: int) -> bool:
    """True if ``offset`` lies inside curly quotation marks opened earlier on the same line of ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    return before.count("“") > before.count("”") or before.count("''") % 2 == 1 or before.count('"') % 2 == 1


def _adjacent_quotation(doc: "Doc", verb: "Token", subject: "Token", text: str) -> tuple[int, int] | None:
    """The quotation right before ("“…,” Mukasey said") or right after ("said: “…”") the cue.

    Returns character offsets including the quotation marks, within the same line
    (``text`` is ``doc.text``, which spaCy rebuilds on each access).
    """
    first = min(verb.i, subject.left_edge.i)
    last = max(verb.i, subject.right_edge.i if subject.i > verb.i else verb.i)
    # Before: skip back over punctuation to a closing quote.
    j = first - 1
    while j >= 0 and doc[j].is_punct and doc[j].text not in _CLOSE_QUOTES and doc[j].text != "''":
        j -= 1
    if j >= 0 and (doc[j].text in "”\"" or doc[j].text == "''") and j >= first - 3:
        close = doc[j].idx + len(doc[j])
        line_start = text.rfind("\n", 0, close) + 1
        opener = {"”": "“", "''": "''"}.get(doc[j].text, '"')
        open_at = text.rfind(opener, line_start, doc[j].idx)
        if open_at >= 0 and close - open_at > 3:
            return open_at, close
    # After: "said: “…”" or "said, “…”".
    k = last + 1
    while k < len(doc) and doc[k].text in (",", ":") and k <= last + 2:
        k += 1
    if k < len(doc) and doc[k].text in ("“", '"', "``", "''"):
        start = doc[k].idx
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        closer = {"“": "”", "''": "''", "``": "''"}.get(doc[k].text, '"')
        close_at = text.find(closer, start + len(doc[k].text), line_end)
        if close_at > start:
            return start, close_at + len(closer)
    return None


def _chain_from(verb: "Token") -> list["SpacySpan"]:
    """Sources the cue verb relays: "citing three sources", "told the Miami Herald"."""
    chain: list["SpacySpan"] = []
    for child in verb.children:
        if child.lemma_.lower() in _CHAIN_VERBS and child.dep_ in ("advcl", "prep", "xcomp", "conj", "acl"):
            objects = [c for c in child.children if c.dep_ in ("dobj", "pobj")]
            if objects:
                chain.append(_source_span(objects[0]))
    return chain


def _told_outlet(verb: "Token", directory_names: set[str]) -> "Token | None":
    """The outlet in "X told the Miami Herald", if the recipient is a known outlet."""
    if verb.lemma_.lower() not in ("tell", "say", "confirm", "reveal", "deny"):
        return None
    for child in verb.children:
        candidates = [child] if child.dep_ in ("dative", "dobj") else []
        if child.dep_ == "prep" and child.lower_ in ("to",):
            candidates = [c for c in child.children if c.dep_ == "pobj"]
        for cand in candidates:
            phrase = _source_span(cand)
            words = " ".join(t.text for t in phrase if t.dep_ != "det").casefold()
            if words in directory_names or phrase.text.casefold() in directory_names:
                return cand
    return None


def quote_kind(text: str) -> str:
    """``direct`` (wholly quoted), ``mixed`` (partly quoted) or ``indirect``."""
    stripped = text.strip().rstrip(".,;:")
    if len(stripped) > 1 and stripped[0] in _OPEN_QUOTES and stripped[-1] in _CLOSE_QUOTES:
        inner = stripped[1:-1]
        if not any(q in inner for q in "“”"):
            return "direct"
    for match in _QUOTED.finditer(text):
        if len(match.group(1).split()) >= 2:
            return "mixed"  # a single quoted word is a scare quote, not a quotation
    return "indirect"


def _according(token: "Token") -> tuple["Token", "Token"] | None:
    """(the "according" token, the source's head) for "according to X"."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return token, objects[0]
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        objects = [c for c in nxt.children if c.dep_ == "pobj"]
        if objects:
            return token, objects[0]
    return None


def find_attributions(
    doc: "Doc",
    directory_names: set[str] | None = None,
    *,
    tagger: CueTagger | None = None,
    model: str | None = None,
    refine: bool = True,
) -> list[Found]:
    """Every attribution in ``doc``, nested ones folded into their outer attribution's chain.

    Args:
        doc: A parsed spaCy ``Doc``.
        directory_names: Folded outlet names, to recognise "told <outlet>".
        tagger: The learnt cue tagger for verbs outside the lexicon (default: the shipped one).
        model: The configured spaCy model that parsed ``doc`` (the shipped tagger's dense term is used
            only with the model it was learnt on); None: that model.
        refine: Re-choose each content's edges with the learnt boundary model (:mod:`.bounds`); False gives
            the rules' contents, before nested attributions are folded (what that model is trained on).
    """
    names = directory_names or set()
    tagger = tagger or load_tagger(model=model)
    text = doc.text  # spaCy rebuilds Doc.text on each access
    scores = tagger.dense_scores(doc)
    found: list[Found] = []
    for token in doc:
        according = _according(token)
        if according is not None:
            item = _from_according(doc, *according)
            if item is not None:
                found.append(item)
            continue
        tag = token.tag_
        if tag[:1] not in ("V", "N", "J"):
            continue  # only verbs, nouns and adjectives can head a cue
        lemma = token.lemma_.lower()
        if lemma in _SEEM_VERBS:
            item = _from_sourceless(doc, token, "hedged")
            if item is not None:
                found.append(item)
                continue
        if tag.startswith("VB") or token.pos_ == "VERB":
            if lemma in _CHAIN_VERBS and token.head.lemma_.lower() in CUE_VERBS and token.head.i != token.i:
                continue  # "Reuters, citing three sources, reported": a link of the chain, not a cue
            stance = CUE_VERBS.get(lemma)
            learnt = stance is None and tagger.is_cue(token, text, scores)
            if stance is None and not learnt:
                continue
            item = None if learnt else _from_sourceless(doc, token, stance or "asserted")
            if item is None:
                item = _from_verb(doc, token, stance or "asserted", names, learnt, text)
            if item is not None:
                found.append(item)
        elif (token.n_lefts if tag.startswith("N") else token.dep_ == "acomp") and tagger.is_cue(token, text, scores):
            # "Trump's claim that …", "his calls to end …", "have been critical of …"
            item = _from_verb(doc, token, CUE_NOUNS.get(lemma, "asserted"), names, True, text)
            if item is not None:
                found.append(item)
    found = _merge_according(found)
    if not refine:
        return found
    bounds = load_bounds()
    view = DocView(doc, text)
    for item, cue, source in refine_context(doc, found):
        sources = [(span.start_char, span.end_char) for span in ([item.source] if item.source else []) + item.chain]
        item.content = bounds.refine(view, *item.content, cue, source, context_features(item, text), sources)
    return _fold_nested(doc, found)


def refine_context(doc: "Doc", found: list[Found]) -> Iterator[tuple[Found, set[int], set[int]]]:
    """Each attribution with the token ids of its cue and of its source (features of its content edges)."""
    for item in found:
        span = doc.char_span(*item.cue, alignment_mode="expand")
        cue = set(range(span.start, span.end)) if span is not None else set()
        source = set(range(item.source.start, item.source.end)) if item.source is not None else set()
        yield item, cue, source


def context_features(item: Found, text: str) -> list[str]:
    """Features of an attribution that every candidate edge of its content shares (``text`` is ``doc.text``)."""
    quoted = item.content[1] > item.content[0] and (text[item.content[0]] in _OPEN_QUOTES
                                                    or text.startswith("''", item.content[0]))
    cue = text[item.cue[0] : item.cue[1]].lower().split()
    return [f"kind={item.kind}", f"learnt={item.learnt}", f"stance={item.stance}", f"quoted={quoted}",
            f"sourced={item.source is not None}", f"cue={cue[-1] if cue else '-'}"]


def _from_verb(
    doc: "Doc", verb: "Token", stance: str, names: set[str], learnt: bool = False, text: str | None = None
) -> Found | None:
    text = doc.text if text is None else text
    content_tokens, _clausal = _content_root(verb, learnt)
    subject = _subject(verb)
    if subject is None:
        return None
    if subject.lower_ in _SPEAKER_PRONOUNS and _inside_quotation(text, verb.idx):
        return None  # "I think" inside someone's quotation belongs to that quotation
    quoted = (_adjacent_quotation(doc, verb, subject, text)
              if stance in ("asserted", "hedged", "reported") and verb.pos_ not in ("NOUN", "ADJ") else None)
    clausal_after = _clausal and content_tokens and min(t.i for t in content_tokens) > verb.i
    if quoted is not None and not (clausal_after and quoted[0] < verb.idx):
        content_tokens = [t for t in doc.char_span(*quoted, alignment_mode="expand") or []]
    if not content_tokens and not learnt:
        # A weak reading, like a learnt cue's: it neither joins nor swallows another attribution's chain.
        content_tokens, learnt = _prep_content(verb), True
    if not content_tokens:
        return None
    low, high = sorted((subject.i, verb.i))
    if "\n" in doc[low : high + 1].text:
        return None  # a heading glued to the next sentence by the parser
    if subject.dep_ == "expl" or subject.lower_ == "it" and verb.dep_ != "ROOT":
        return None
    cue = _cue_tokens(verb)
    cue_ids = {t.i for t in cue}
    source = _source_span(subject, verb)
    source_ids = set(range(source.start, source.end))
    content_ids = sorted({t.i for t in content_tokens} - cue_ids - source_ids)
    if not content_ids:
        return None
    start, end = _trim(doc, content_ids[0], content_ids[-1] + 1)
    cut = _cut_tail(doc, start, end) if quoted is None else end
    if cut < end:
        start, end = _trim(doc, start, cut)
    if start >= end:
        return None
    if quoted is not None and doc[start].idx >= quoted[0] and doc[end - 1].idx < quoted[1]:
        start_char, end_char = quoted
    else:
        start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    if quoted is not None and quoted[1] <= min(verb.idx, source.start_char):
        last = max(verb.i, subject.right_edge.i) if subject.i > verb.i else verb.i
        end_char = _continued_quotation(doc, verb, end_char, text, last)
    if quoted is not None and start_char == quoted[0]:
        lead = _lead_in(text, start_char, min(verb.idx, source.start_char))
        span = doc.char_span(lead, start_char, alignment_mode="expand")
        if span is not None and not any(t.tag_.startswith("VB") and t.lemma_.lower() in CUE_VERBS for t in span):
            start_char = lead  # a cue in the lead-in is another attribution's
    cut = text.rfind("\n", start_char, min(end_char, verb.idx, source.start_char))
    if cut >= 0:
        start_char = cut + 1  # "7:05 p.m.⏎⏎The top quality voters … is experience, …": a heading glued on
        while start_char < end_char and text[start_char].isspace():
            start_char += 1
    if learnt and "\n" in text[start_char:end_char]:
        return None  # a weak cue over a list or footer ("Sources include: …" then one name a line)
    chain = _chain_from(verb)
    chain_ids = {i for span in chain for i in range(span.start, span.end)}
    if chain_ids and start in chain_ids:
        return None
    # Words between the cue and its content belong to the cue: "said Friday that", "talked about".
    gap = [t for t in doc[cue[-1].i + 1 : start] if not t.is_space] if start > cue[-1].i else []
    recipients = {
        t.i for c in verb.children
        if c.dep_ in ("dative", "dobj") or (c.dep_ == "prep" and c.lower_ == "to" and verb.lemma_.lower() != "point")
        for t in c.subtree
    }
    if 0 < len(gap) <= 5 and not any(t.is_punct or t.i in source_ids or t.i in recipients for t in gap):
        cue = [*cue, *gap]  # but not the addressee: "told reporters on Monday that"
    outlet = _told_outlet(verb, names)
    if outlet is not None:
        chain = [source, *chain]
        source = _source_span(outlet)
    return Found(
        source=source,
        cue=(doc[cue[0].i].idx, doc[cue[-1].i].idx + len(doc[cue[-1].i])),
        content=(start_char, end_char),
        stance=stance,
        chain=chain,
        learnt=learnt,
    )


def _from_sourceless(doc: "Doc", verb: "Token", stance: str) -> Found | None:
    """An attribution that names no source: "Trump is expected to deliver …", "it was reported that …", "Asked if …",
    "Christie appeared to end his bid …".

    A passive cue without a ``by`` agent relays what unnamed people expect, say or
    report; its content is the clause it introduces, and for a raised subject
    ("**Trump** is expected **to deliver a speech**") the whole clause, cue
    included, as PolNeAR annotates it.  A sentence-opening "Asked about …" has no
    source of its own: the speaker is the next verb's subject, whose attribution
    that is.
    """
    children = list(verb.children)
    deps = {c.dep_ for c in children}
    if verb.lemma_.lower() in _SEEM_VERBS and verb.pos_ == "VERB" and "nsubj" in deps:
        # "Chris Christie appeared to end his bid …", "New Hampshire seems stable": how things look, to no one named.
        subject = next(c for c in children if c.dep_ == "nsubj")
        complements = [c for c in children if c.dep_ in ("xcomp", "acomp", "oprd", "ccomp") and c.i > verb.i]
        if not complements or subject.lower_ in ("which", "that", "what", "this") or subject.i > verb.i:
            return None
        if subject.lower_ == "it":  # "it seems that nobody knows": the clause
            ids = [t.i for t in complements[0].subtree] if complements[0].dep_ == "ccomp" else []
        else:
            ids = list(range(subject.left_edge.i, complements[0].right_edge.i + 1))
    elif deps & {"nsubj", "csubj", "agent", "expl"} or verb.tag_ != "VBN":
        return None
    elif "auxpass" in deps and "nsubjpass" in deps and verb.dep_ in ("ROOT", "ccomp", "conj", "relcl"):
        subject = next(c for c in children if c.dep_ == "nsubjpass")
        xcomps = [c for c in children if c.dep_ == "xcomp" and c.i > verb.i]
        clauses = [c for c in children if c.dep_ == "ccomp" and c.i > verb.i]
        if subject.lower_ == "it" and clauses:
            ids = [t.i for t in clauses[0].subtree]
        elif xcomps and subject.lower_ not in ("it", "which", "that", "who"):
            ids = list(range(subject.left_edge.i, xcomps[0].right_edge.i + 1))
        else:
            return None
    elif verb.lemma_.lower() == "ask" and verb.dep_ == "advcl" and "nsubjpass" not in deps and verb.i < verb.head.i:
        tokens, _ = _content_root(verb)
        ids = [t.i for t in tokens if t.i > verb.i]
        about = [c for c in children if c.dep_ == "prep" and c.i == verb.i + 1]
        whether = [c for c in children if c.dep_ == "advcl" and c.i > verb.i and any(
            m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)]
        if not ids and about:
            ids = [t.i for t in about[0].subtree if t.i != about[0].i]
        elif not ids and whether:
            ids = [t.i for t in whether[0].subtree]  # "Asked if he was ever bullied, …"
    else:
        return None
    if not ids:
        return None
    cue = _cue_tokens(verb)
    start, end = _trim(doc, min(ids), max(ids) + 1)
    if start >= end or "\n" in doc[min(start, cue[0].i) : end].text:
        return None
    if start > cue[-1].i:
        gap = [t for t in doc[cue[-1].i + 1 : start] if not t.is_space]
        if 0 < len(gap) <= 2 and not any(t.is_punct for t in gap):
            cue = [*cue, *gap]  # "asked about"
    elif not (start <= cue[0].i and cue[-1].i < end):
        return None
    return Found(
        source=None,
        cue=(cue[0].idx, cue[-1].idx + len(cue[-1])),
        content=(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])),
        stance=stance,
        learnt=True,
    )


def _from_according(doc: "Doc", according: "Token", source_head: "Token") -> Found | None:
    source = _source_span(source_head)
    to_token = doc[according.i + 1]
    phrase = set(range(according.i, source.end)) | {according.i + 1}
    head = according.head
    while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "parataxis") and head.head.i != head.i:
        head = head.head
    clause = [t for t in head.subtree if t.i not in phrase and not (t.i in range(according.i, source.end))]
    clause = [t for t in clause if not any(a.i == according.i for a in t.ancestors) or t.i >= source.end]
    if not clause:
        return None
    ids = sorted(t.i for t in clause)
    # The content is the contiguous run on the other side of the "according to" phrase.
    if ids[0] < according.i < ids[-1]:
        after = [i for i in ids if i >= source.end]
        before = [i for i in ids if i < according.i]
        ids = after if len(after) >= len(before) else before
    if not ids:
        return None
    start, end = _trim(doc, ids[0], ids[-1] + 1)
    if start >= end:
        return None
    return Found(
        source=source,
        cue=(according.idx, to_token.idx + len(to_token)),
        content=(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])),
        stance="reported",
        kind="according",
    )


def _contains(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _merge_according(found: list[Found]) -> list[Found]:
    """ "According to Fox News, the Miami Herald reported …": one attribution, Fox ← Herald."""
    verbs = [f for f in found if f.kind == "verb"]
    result = [f for f in found if f.kind == "verb"]
    for item in found:
        if item.kind != "according":
            continue
        inner = next(
            (v for v in verbs if v.source is not None and not v.learnt
             and _contains(item.content, (v.source.start_char, v.cue[1]))),
            None,
        )
        if inner is not None and inner in result and inner.cue[0] - item.content[0] < 80:
            merged = Found(item.source, item.cue, inner.content, inner.stance if inner.stance != "asserted" else "reported",
                           [inner.source, *inner.chain], "according")
            result[result.index(inner)] = merged
        else:
            result.append(item)
    return result


def _fold_nested(doc: "Doc", found: list[Found]) -> list[Found]:
    """An attribution inside another's content joins the outer chain, unless a dash splits them.

    "A Washington Post report alleged that Hegseth ordered a second strike—an
    act critics argue constitutes a war crime": the critics' argument is the
    author's aside after the dash, so the Post's content stops at the dash and
    the critics keep their own attribution.
    """
    ordered = sorted(found, key=lambda f: (f.content[1] - f.content[0]), reverse=True)
    keep: list[Found] = []
    for item in sorted(found, key=lambda f: f.cue[0]):
        if item.source is None and any(o is not item and _contains(o.content, item.cue) for o in found):
            continue  # "“Trump is expected to win,” he said": a sourceless cue inside a statement is its words
        outer = next(
            (o for o in ordered if o is not item and o.source is not None and item.source is not None
             and _contains(o.content, (min(item.source.start_char, item.cue[0]), item.cue[1]))
             and (o.content[1] - o.content[0]) > (item.content[1] - item.content[0])),
            None,
        )
        if outer is None:
            keep.append(item)
            continue
        between = doc.text[outer.content[0] : min(item.source.start_char, item.cue[0])]
        dash = max(between.rfind("—"), between.rfind(" -- "), between.rfind("; "))
        if dash >= 0:
            cut = outer.content[0] + dash
            while cut > outer.content[0] and doc.text[cut - 1].isspace():
                cut -= 1
            outer.content = (outer.content[0], cut)
            keep.append(item)
        elif item.source is not None and not item.learnt:
            outer.chain.extend([item.source, *item.chain])
    return [f for f in keep if f.content[1] > f.content[0]]
