"""Learnt content boundaries: where an attribution's content starts and ends.

The rules of :mod:`.detect` read a content off the parse (a clause, an object,
a quotation) but PolNeAR's annotators draw its edges by conventions the parse
does not carry: a trailing adverbial of the cue ("… in an interview with CNN on
Sunday") stays out, a relative clause on the last noun may or may not, a
quotation runs on past "he said" into the next sentence, an accused person
("accused **Republicans** of placing …") is no part of what is alleged, a
leading "Tuesday" or "on Friday" belongs to the cue.

This module re-chooses each edge among candidate token boundaries near the
rules' one (cuts inside the content, extensions to the end of the sentence or of
the next one, for a quotation that goes on, and back towards the start of the
sentence), taken only at landmarks (next to a mark or at a sentence start; for
the end also before the nearest few phrases that hang to their left), with a conditional logit model over parse features of each candidate: the
tokens on either side of the boundary, the dependency relations of what a cut
drops or an extension adds, whether that holds a quotation mark, a sentence
break or a speech verb, whether the quotation marks of the result balance.
The end is chosen first, then the start given that end.  A candidate replaces
the rules' edge only when it scores ``margin`` above it.

Trained on PolNeAR's *train* split only (dev and test are never read): every
predicted attribution whose cue overlaps a gold cue and whose content overlaps
the gold content is one choice, the candidates whose trimmed edge equals the
gold one its right answers; the margin is the one that gives most exact edges
on a fifth of train held out from a first fit.  Pure numpy at run time; the
weights ship as ``dossier/resources/attribution_content_bounds.json``.
Reproduce with::

    python -m dossier.analyse.attribution.bounds train ../shared/data/polnear
"""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

from dossier.analyse.attribution.lexicon import CUE_VERBS
from dossier.resources import read_json

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["BoundaryModel", "DocView", "candidates", "load_bounds", "fit", "train", "MARGINS"]

_FORMAT = "dossier.attribution_content_bounds/1"
#: Margins over the rules' edge tried on the held-out fifth of train.
MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
#: How far a candidate may lie from the rules' edge, in tokens (cut, extension).
END_CUT, END_EXTEND, START_CUT, START_EXTEND = 25, 40, 10, 12
#: How many candidates each way of a start (a cut, an extension) keeps, and how many cuts of an end before a
#: phrase (rather than at a mark or a sentence start): the nearest ones.
NEAREST = 6
#: What PolNeAR's scorer trims off a span's edges (:func:`dossier.evaluate.polnear.trim`).
_EDGE = " \t\n\r.,;:!?-—–()[]"
_FUNCTION = {"that", "and", "but", "or", "to", "of", "in", "on", "at", "for", "as", "by", "with", "from", "after",
             "before", "when", "while", "because", "if", "which", "who", "where", "since", "during", "including",
             "according", "saying", "adding", "he", "she", "they", "it", "the", "a", "an", "this", "said", "says",
             "so", "than", "even", "although", "though", "until", "about", "over", "against", "amid", "whether"}
_QUOTE_FORMS = ('"', "“", "”", "''", "``")
_MARKS = ('"', "“", "”", "''", "``", ",", ".", ":", ";", "—", "--", "-", "–", "(", ")", "?", "!", "’", "‘")


_ZEROS = (0.0,) * 256


def _bin(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


class DocView:
    """What the features read of one parsed doc, gathered once: heads, sentence starts, quote counts."""

    def __init__(self, doc: "Doc", text: str | None = None) -> None:
        from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH, LOWER, SENT_START, TAG

        self.doc = doc
        self.text = doc.text if text is None else text  # spaCy rebuilds Doc.text on each access
        self.n = len(doc)
        array = doc.to_array([HEAD, SENT_START, IDX, LENGTH]).astype(np.int64)
        positions = np.arange(self.n)
        self.head: list[int] = (array[:, 0] + positions).tolist()
        starts = array[:, 1] == 1
        if self.n:
            starts[0] = True
        self.sent_start: list[bool] = starts.tolist()
        self._starts: list[int] = array[:, 2].tolist()
        self._ends: list[int] = (array[:, 2] + array[:, 3]).tolist()
        # Prefix counts over tokens: quotation marks, lexicon cue verbs, sentence starts.
        strings = doc.vocab.strings
        hashes = doc.to_array([TAG, LEMMA, LOWER, DEP]).astype(np.uint64)
        quote = np.isin(hashes[:, 2], np.asarray([strings.add(q) for q in _QUOTE_FORMS], dtype=np.uint64))
        verb_tags = [h for h in np.unique(hashes[:, 0]).tolist() if strings[h].startswith("VB")]
        cue_lemmas = [h for h in np.unique(hashes[:, 1]).tolist() if strings[h].lower() in CUE_VERBS]
        cue_verb = np.isin(hashes[:, 0], np.asarray(verb_tags, dtype=np.uint64)) & np.isin(
            hashes[:, 1], np.asarray(cue_lemmas, dtype=np.uint64))
        self._quotes = np.concatenate([[0], np.cumsum(quote)]).tolist()
        self._verbs = np.concatenate([[0], np.cumsum(cue_verb)]).tolist()
        self._sents = np.concatenate([[0], np.cumsum(starts)]).tolist()
        codes = np.frombuffer(self.text.encode("utf-32-le"), dtype=np.uint32)
        self._opens = np.concatenate([[0], np.cumsum(np.isin(codes, [ord(c) for c in "“«"]))]).tolist()
        self._closes = np.concatenate([[0], np.cumsum(np.isin(codes, [ord(c) for c in "”»"]))]).tolist()
        self._straight = np.concatenate([[0], np.cumsum(codes == ord('"'))]).tolist()
        self._breaks = np.concatenate([[0], np.cumsum(codes == ord("\n"))]).tolist()
        # Each token's (tag, dep, form, is a cue verb), read through the few distinct strings of the doc.
        names = {h: strings[h] for h in np.unique(hashes[:, [0, 3]]).tolist()}
        forms = {h: (w if w in _FUNCTION or w in _MARKS else "w") for h in np.unique(hashes[:, 2]).tolist()
                 for w in (strings[h],)}
        self._tokens = list(zip([names[h] for h in hashes[:, 0].tolist()], [names[h] for h in hashes[:, 3].tolist()],
                                [forms[h] for h in hashes[:, 2].tolist()], cue_verb.tolist()))

    def token(self, i: int) -> tuple[str, str, str, bool]:
        """(tag, dep, lower-case form of function words and marks or 'w', is a lexicon cue verb) of token ``i``."""
        return self._tokens[i]

    def start_char(self, i: int) -> int:
        return self._starts[i]

    def end_char(self, i: int) -> int:
        return self._ends[i]

    def counts(self, lo: int, hi: int) -> tuple[int, int, int]:
        """(quotation marks, lexicon cue verbs, sentence starts after the first token) among tokens ``lo:hi``."""
        return (self._quotes[hi] - self._quotes[lo], self._verbs[hi] - self._verbs[lo],
                self._sents[hi] - self._sents[lo + 1] if hi > lo else 0)

    def balanced(self, start: int, end: int) -> bool:
        """True if the curly and straight quotation marks of ``text[start:end]`` pair up."""
        opens = self._opens[end] - self._opens[start]
        closes = self._closes[end] - self._closes[start]
        return bool(opens == closes and (self._straight[end] - self._straight[start]) % 2 == 0)

    def breaks(self, start: int, end: int) -> int:
        return int(self._breaks[end] - self._breaks[start])

    def sentence_of(self, i: int) -> tuple[int, int]:
        start = i
        while start > 0 and not self.sent_start[start]:
            start -= 1
        end = i + 1
        while end < self.n and not self.sent_start[end]:
            end += 1
        return start, end


def _role(view: DocView, i: int, kept: tuple[int, int], moved: tuple[int, int], cue: set[int]) -> str:
    if i in cue:
        return "cue"
    if kept[0] <= i < kept[1]:
        h = view.head[i]
        return "root" if h == i or not kept[0] <= h < kept[1] else "kept"
    if moved[0] <= i < moved[1]:
        return "moved"
    return "out"


def _region(view: DocView, side: str, way: str, kept: tuple[int, int], moved: tuple[int, int],
            cue: set[int], source: set[int]) -> list[str]:
    """Features of the tokens a cut drops or an extension adds (``moved``)."""
    lo, hi = moved
    out = [f"{side}{way}:len={_bin(hi - lo)}"]
    heads = view.head
    tops: list[str] = []
    for i in [i for i in range(lo, hi) if not lo <= heads[i] < hi or heads[i] == i]:
        h = heads[i]
        role = _role(view, h, kept, moved, cue)
        dep = view.token(i)[1]
        tops.append(f"{dep}>{role}")
        tops.append(f"{dep}>{role}.{view.token(h)[0]}")
    quotes, verbs, sents = view.counts(lo, hi)
    verbs, quotes, sents = verbs > 0, quotes > 0, sents > 0
    out += [f"{side}{way}:has-cue"] * sum(1 for i in cue if lo <= i < hi)
    out += [f"{side}{way}:has-source"] * sum(1 for i in source if lo <= i < hi)
    out.append(f"{side}{way}:tops={_bin(len(tops))}")
    for top in sorted(set(tops))[:8]:
        out.append(f"{side}{way}:top={top}")
    first, last = view.token(lo), view.token(hi - 1)
    out += [f"{side}{way}:first={first[0]}|{first[2]}", f"{side}{way}:last={last[0]}|{last[2]}",
            f"{side}{way}:cueverb={verbs}", f"{side}{way}:quote={quotes}", f"{side}{way}:sentence={sents}"]
    return out


def _edge(view: DocView, side: str, way: str, before: int, after: int, kept: tuple[int, int],
          moved: tuple[int, int], cue: set[int]) -> list[str]:
    """Features of the boundary between tokens ``before`` and ``after`` (either may be off the doc)."""
    out = []
    for name, i in (("b", before), ("a", after)):
        if 0 <= i < view.n:
            tag, dep, form, _ = view.token(i)
            h = view.head[i]
            out += [f"{side}:{name}.tag={tag}", f"{side}:{name}.dep={dep}", f"{side}:{name}.form={form}",
                    f"{side}{way}:{name}.tag={tag}", f"{side}{way}:{name}.form={form}",
                    f"{side}:{name}.head={'left' if h < i else 'right' if h > i else 'root'}"
                    f">{_role(view, h, kept, moved, cue)}"]
        else:
            out.append(f"{side}:{name}=edge")
    if 0 <= after < view.n:
        out.append(f"{side}:sentence-start={bool(view.sent_start[after])}")
    return out


def _landmark(view: DocView, b: int, phrase: bool) -> bool:
    """True if a content may begin or end at the boundary before token ``b``: next to a mark (a comma, a
    quotation mark, a dash …), at a sentence start or the end of the doc, or (``phrase``) before a word that
    hangs to its left (a phrase on the words before it)."""
    if b >= view.n or view.sent_start[b] or view.token(b - 1)[2] in _MARKS:
        return True
    return view.token(b)[2] in _MARKS or (phrase and view.head[b] < b)


@dataclass(frozen=True)
class Choice:
    """The candidates of one edge: their token boundaries, character offsets, features and which is the rules'."""

    side: str
    offsets: list[int]
    features: list[list[str]]
    original: int


def candidates(view: DocView, start: int, end: int, side: str, cue: set[int], source: set[int],
               context: list[str]) -> Choice | None:
    """Candidate edges of the content ``text[start:end]`` on ``side`` ('E': its end, 'S': its start)."""
    doc = view.doc
    if end <= start:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    s, e = span.start, span.end
    offsets = [end if side == "E" else start]
    feats: list[list[str]] = []
    # The rules' edge itself, described as a boundary.
    if side == "E":
        feats.append(["E=same", *context, *(f"E=same|{c}" for c in context),
                      *_edge(view, "E", "=", e - 1, e, (s, e), (e, e), cue),
                      f"E:balanced={view.balanced(start, end)}"])
        sentence = view.sentence_of(e - 1)
        limit = sentence[1]
        if limit < view.n and limit - e < END_EXTEND:
            limit = view.sentence_of(limit)[1]  # the next sentence, for a quotation that goes on
        positions = [(b, "<") for b in range(e - 1, max(s + 1, e - END_CUT) - 1, -1)]
        positions += [(b, ">") for b in range(e + 1, min(limit, e + END_EXTEND) + 1)]
        taken = {"<": 0, ">": 0}
        shared = {way: [f"E{way}", *(f"E{way}|{c}" for c in context)] for way in taken}
        for b, way in positions:
            kept, moved = ((s, b), (b, e)) if way == "<" else ((s, b), (e, b))
            if way == ">" and view.breaks(view.end_char(e - 1), view.end_char(b - 1)):
                break
            if _landmark(view, b, False):
                pass  # every cut at a mark or a sentence start within reach
            elif way == ">" or taken[way] >= NEAREST or not _landmark(view, b, True):
                continue
            else:
                taken[way] += 1  # the nearest few before a phrase
            offset = view.end_char(b - 1)
            offsets.append(offset)
            feats.append([*shared[way],
                          *_edge(view, "E", way, b - 1, b, kept, moved, cue),
                          *_region(view, "E", way, kept, moved, cue, source),
                          f"E:balanced={(balanced := view.balanced(start, offset))}",
                          f"E{way}:balanced={balanced}"])
    else:
        feats.append(["S=same", *context, *(f"S=same|{c}" for c in context),
                      *_edge(view, "S", "=", s - 1, s, (s, e), (s, s), cue),
                      f"S:balanced={view.balanced(start, end)}"])
        sentence = view.sentence_of(s)
        floor = sentence[0]
        if floor > 0 and s - floor < START_EXTEND:
            floor = view.sentence_of(floor - 1)[0]
        positions = [(b, ">") for b in range(s + 1, min(e, s + START_CUT))]
        positions += [(b, "<") for b in range(s - 1, max(floor, s - START_EXTEND) - 1, -1)]
        taken = {"<": 0, ">": 0}
        shared = {way: [f"S{way}", *(f"S{way}|{c}" for c in context)] for way in taken}
        for b, way in positions:
            if taken[way] >= NEAREST:
                continue
            kept, moved = ((b, e), (s, b)) if way == ">" else ((b, e), (b, s))
            if way == "<" and view.breaks(view.start_char(b), view.start_char(s)):
                break
            if way == "<" and not _landmark(view, b, False):
                continue
            offset = view.start_char(b)
            taken[way] += 1
            offsets.append(offset)
            feats.append([*shared[way],
                          *_edge(view, "S", way, b - 1, b, kept, moved, cue),
                          *_region(view, "S", way, kept, moved, cue, source),
                          f"S:balanced={(balanced := view.balanced(offset, end))}",
                          f"S{way}:balanced={balanced}"])
    return Choice(side, offsets, feats, 0)


@dataclass(frozen=True)
class BoundaryModel:
    """Conditional logit weights over named binary features of candidate edges, and the margin."""

    weights: dict[str, float]
    margin: float = 1.0

    def choose(self, choice: Choice) -> int:
        """The chosen character offset of ``choice``: the best candidate if it beats the rules' edge by the margin."""
        weight = self.weights.get
        scores = [sum(map(weight, names, _ZEROS[: len(names)])) for names in choice.features]
        best = int(np.argmax(scores))
        if scores[best] - scores[choice.original] > self.margin:
            return choice.offsets[best]
        return choice.offsets[choice.original]

    def refine(self, view: DocView, start: int, end: int, cue: set[int], source: set[int],
               context: list[str], sources: Sequence[tuple[int, int]] = ()) -> tuple[int, int]:
        """The content ``(start, end)`` with its end, then its start, re-chosen.

        An extension never takes in one of ``sources`` (character spans: the attribution's source and the
        sources of its chain): "According to Fox News, the Miami Herald reported **that the deadline was
        extended**" keeps the Herald out of what Fox News relays, though PolNeAR's hull of a content split
        by its cue ("an act critics argue constitutes a war crime") would take it in.
        """
        if not self.weights or end <= start:
            return start, end
        choice = candidates(view, start, end, "E", cue, source, context)
        if choice is not None and choice.offsets[choice.original] != (chosen := self.choose(choice)):
            chosen = _trim_edge(view.text, chosen, "E", start)
            if not any(end < b and a < chosen for a, b in sources):
                end = chosen
        choice = candidates(view, start, end, "S", cue, source, context)
        if choice is not None and choice.offsets[choice.original] != (chosen := self.choose(choice)):
            chosen = _trim_edge(view.text, chosen, "S", end)
            if not any(chosen < b and a < start for a, b in sources):
                start = chosen
        return start, end

    def to_json(self) -> dict[str, object]:
        return {"format": _FORMAT, "trained_on": "PolNeAR v1.0 train split (gold content edges)",
                "margin": self.margin, "weights": {k: round(v, 4) for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> "BoundaryModel":
        if data.get("format") != _FORMAT:
            raise ValueError(f"not a content boundary file (format {data.get('format')!r}, expected {_FORMAT!r})")
        return cls(weights=dict(data["weights"]), margin=float(data["margin"]))  # type: ignore[arg-type]


@functools.lru_cache(maxsize=4)
def load_bounds(path: str | None = None) -> BoundaryModel:
    """The shipped boundary model (or the one at ``path``), loaded once per process."""
    return BoundaryModel.from_json(read_json("attribution_content_bounds.json", path))


def fit(groups: Sequence[tuple[list[list[str]], list[int]]], *, l2: float = 1e-4, iterations: int = 300,
        min_count: int = 3) -> dict[str, float]:
    """Weights of an L2-regularised conditional logit (full-batch Adam): each group is one choice among its
    candidates' feature lists, with the indices of the right candidates (several may be right)."""
    counts: dict[str, int] = {}
    for feats, _ in groups:
        for names in feats:
            for name in names:
                counts[name] = counts.get(name, 0) + 1
    vocab = {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= min_count))}
    rows: list[int] = []
    cols: list[int] = []
    group_of: list[int] = []
    right: list[float] = []
    r = 0
    for g, (feats, good) in enumerate(groups):
        for k, names in enumerate(feats):
            for name in names:
                j = vocab.get(name)
                if j is not None:
                    rows.append(r)
                    cols.append(j)
            group_of.append(g)
            right.append(1.0 if k in good else 0.0)
            r += 1
    row = np.asarray(rows, dtype=np.int64)
    col = np.asarray(cols, dtype=np.int64)
    group = np.asarray(group_of, dtype=np.int64)
    y = np.asarray(right)
    n, d, m_groups = r, len(vocab), len(groups)
    w = np.zeros(d)
    m = np.zeros(d)
    v = np.zeros(d)
    rate, beta1, beta2 = 0.1, 0.9, 0.999
    for step in range(1, iterations + 1):
        z = np.bincount(row, weights=w[col], minlength=n)
        top = np.full(m_groups, -np.inf)
        np.maximum.at(top, group, z)
        e = np.exp(z - top[group])
        p = e / np.bincount(group, weights=e, minlength=m_groups)[group]
        ey = e * y
        q = ey / np.maximum(np.bincount(group, weights=ey, minlength=m_groups)[group], 1e-300)
        grad = np.bincount(col, weights=(p - q)[row], minlength=d) / m_groups + l2 * w
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        w -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    names = sorted(vocab, key=vocab.get)  # type: ignore[arg-type]
    return {name: float(w[vocab[name]]) for name in names if abs(w[vocab[name]]) >= 1e-3}


def _trim_edge(text: str, offset: int, side: str, other: int | None = None) -> int:
    """``offset`` moved inwards past whitespace and edge punctuation other than quotation marks (as PolNeAR's
    scorer trims a span), but not past ``other``, the span's other edge."""
    if side == "E":
        floor = 0 if other is None else other + 1
        while offset > floor and text[offset - 1] in _EDGE:
            offset -= 1
    else:
        ceiling = len(text) if other is None else other - 1
        while offset < ceiling and text[offset] in _EDGE:
            offset += 1
    return offset


def _choices(docs: Iterable[tuple["Doc", Path]]) -> list[tuple[Choice, int, list[int], str]]:
    """(choice, gold trimmed edge, right candidates, text) of every matched prediction's two edges.

    The start's candidates are built from the gold end, so the start is learnt
    as it is used: after the end is chosen (here: chosen right).
    """
    from dossier.analyse.attribution.detect import context_features, find_attributions, refine_context
    from dossier.evaluate.polnear import read_attributions, trim

    out = []
    for doc, ann in docs:
        view = DocView(doc)
        text = view.text
        golds = [g for g in read_attributions(ann) if "Content" in g]
        used: set[int] = set()
        for found, cue, source in refine_context(doc, find_attributions(doc, refine=False)):
            pcue = trim(text, *found.cue)
            match = next((k for k, g in enumerate(golds) if k not in used
                          and min(pcue[1], g["Cue"][1]) - max(pcue[0], g["Cue"][0]) > 0), None)
            if match is None:
                continue
            used.add(match)
            gold = trim(text, *golds[match]["Content"])
            pred = trim(text, *found.content)
            if min(gold[1], pred[1]) - max(gold[0], pred[0]) <= 0:
                continue
            context = context_features(found, text)
            choice = candidates(view, found.content[0], found.content[1], "E", cue, source, context)
            if choice is not None:
                good = [k for k, o in enumerate(choice.offsets) if _trim_edge(text, o, "E") == gold[1]]
                out.append((choice, gold[1], good, text))
            end = found.content[1] if _trim_edge(text, found.content[1], "E") == gold[1] else gold[1]
            choice = candidates(view, found.content[0], end, "S", cue, source, context)
            if choice is not None:
                good = [k for k, o in enumerate(choice.offsets) if _trim_edge(text, o, "S") == gold[0]]
                out.append((choice, gold[0], good, text))
    return out


def _hits(model: BoundaryModel, choices: Sequence[tuple[Choice, int, list[int], str]]) -> tuple[int, int]:
    """(edges the rules get right, edges ``model`` gets right) over ``choices``."""
    rules = chosen = 0
    for choice, gold, _, text in choices:
        rules += _trim_edge(text, choice.offsets[0], choice.side) == gold
        chosen += _trim_edge(text, model.choose(choice), choice.side) == gold
    return rules, chosen


def train(  # type: ignore[no-untyped-def]
    docs: Sequence[tuple["Doc", Path]], *, margins: Sequence[float] = MARGINS, log=print
) -> BoundaryModel:
    """Fit on parsed PolNeAR train articles ``(doc, .ann path)``; pick the margin on a held-out fifth."""
    held = [d for i, d in enumerate(docs) if i % 5 == 4]
    fitted = [d for i, d in enumerate(docs) if i % 5 != 4]
    first = fit([(c.features, good) for c, _, good, _ in _choices(fitted) if good])
    held_choices = _choices(held)
    best = (-1, max(margins))
    for margin in margins:
        rules, chosen = _hits(BoundaryModel(first, margin), held_choices)
        log(f"margin {margin:.1f}: {chosen} exact edges against the rules' {rules} of {len(held_choices)} "
            "on the held-out fifth of train")
        best = max(best, (chosen, -margin))
    weights = fit([(c.features, good) for c, _, good, _ in _choices(docs) if good])
    return BoundaryModel(weights, -best[1])


def _main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "train":
        print("usage: python -m dossier.analyse.attribution.bounds train POLNEAR_DIR [OUT.json]")
        return 2
    from dossier.analyse.attribution.cuetagger import parse_train

    model = train(parse_train(Path(argv[1])))
    default = resources.files("dossier.resources").joinpath("attribution_content_bounds.json")
    out = Path(argv[2]) if len(argv) > 2 else Path(str(default))
    out.write_text(json.dumps(model.to_json(), indent=0, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {out}: {len(model.weights)} weights, margin {model.margin}")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
