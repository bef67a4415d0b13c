"""A learnt cue tagger: which verbs of a parse introduce an attribution.

The hand-written lexicon (:mod:`.lexicon`) knows speech verbs; news attributes
far more ("wants to", "plans", "attacked", "is questioning", "faced ridicule").
This logistic regression scores each verb of a spaCy parse as the head of an
attribution cue from features of the parse: the word and its lemma, its tag and
dependency, its head, which dependents it has (a subject, a clause, an
infinitive, an object), what its subject is (a person, an organisation, a
pronoun, an anonymous noun) and whether it stands inside a quotation.

It is trained on the gold cues of PolNeAR's *train* split only (dev and test are
never read); the decision threshold is the one that maximises the analyser's
mean span F1 on a fifth of train held out from a first fit, after which the
model is refit on all of train.  Pure numpy at run time; the weights ship as
``dossier/resources/attribution_cue_tagger.json``.  Reproduce with::

    python -m dossier.analyse.attribution.cuetagger train ../shared/data/polnear
"""

from __future__ import annotations

import functools
import json
import math
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

import numpy as np

from dossier.analyse.attribution.lexicon import ANONYMOUS_NOUNS, CUE_VERBS
from dossier.resources import read_json

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["CueTagger", "DenseScores", "candidate", "features", "dense", "load_tagger", "train", "gold_cue_heads"]

_FORMAT = "dossier.attribution_cue_tagger/2"
#: Per-token dense terms of one doc: (as the candidate, as the candidate's head).
DenseScores = tuple[np.ndarray, np.ndarray]
_OLD_FORMATS = ("dossier.attribution_cue_tagger/1",)
#: The mean overlap precision (source, cue, content) a threshold must keep on held-out train articles.
MIN_PRECISION = 0.82
#: Width of a row of ``Doc.tensor`` in the pinned spaCy model (``tok2vec``'s output).
DENSE_WIDTH = 96
_PERSON_PRONOUNS = {"i", "we", "you", "he", "she", "they", "who"}
_CHILD_DEPS = {"nsubj", "nsubjpass", "csubj", "ccomp", "xcomp", "dobj", "dative", "prep", "agent", "advcl",
               "parataxis", "prt", "neg", "aux", "auxpass", "acomp", "attr", "oprd", "mark", "advmod", "npadvmod"}


def candidate(token: "Token") -> bool:
    """Tokens the tagger scores: verbs (not auxiliaries), and nouns and adjectives that can head a cue.

    A noun with a possessor and a complement ("Trump's **claim** that …", "his
    **calls** to end …", "Clinton's **stance** on …") and a predicate adjective
    with a preposition ("Republicans have been **critical** of …") attribute a
    position to the possessor or the subject as a verb does.
    """
    if token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX"):
        return True
    if token.pos_ == "NOUN":
        return any(c.dep_ == "poss" for c in token.children) and any(
            c.dep_ in ("acl", "prep", "ccomp") and c.i > token.i for c in token.children)
    if token.pos_ == "ADJ" and token.dep_ == "acomp":
        return any(c.dep_ == "prep" and c.i > token.i for c in token.children)
    return False


def _subject(token: "Token") -> "Token | None":
    if token.pos_ == "NOUN":
        return next((c for c in token.children if c.dep_ == "poss"), None)
    current = token
    for _ in range(3):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if current.dep_ in ("conj", "xcomp", "advcl", "acl", "relcl", "acomp") and current.head.i != current.i:
            if current.dep_ in ("acl", "relcl") and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return current.head
            current = current.head
            continue
        return None
    return None


def _subject_kind(subject: "Token | None") -> str:
    if subject is None:
        return "none"
    if subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return subject.ent_type_.lower()
    if subject.lower_ in _PERSON_PRONOUNS:
        return "person_pron"
    if subject.pos_ == "PRON":
        return "pron"
    if subject.lemma_.lower() in ANONYMOUS_NOUNS:
        return "anon"
    if subject.pos_ == "PROPN":
        return "propn"
    return subject.pos_.lower()


def _in_quotation(token: "Token", text: str) -> bool:
    line_start = text.rfind("\n", 0, token.idx) + 1
    before = text[line_start : token.idx]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def features(token: "Token", text: str | None = None) -> list[str]:
    """Feature names of one candidate token (binary features).

    ``text`` is ``token.doc.text``, passed by callers that score many tokens
    (spaCy rebuilds ``Doc.text`` from the tokens on every access).
    """
    text = token.doc.text if text is None else text
    lemma = token.lemma_.lower()
    lower = token.lower_
    head = token.head
    deps = sorted({c.dep_ for c in token.children if c.dep_ in _CHILD_DEPS})
    subject = _subject(token)
    kind = _subject_kind(subject)
    out = [
        "bias",
        f"lemma={lemma}",
        f"lower={lower}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"lemma|dep={lemma}|{token.dep_}",
        f"head.pos={head.pos_}",
        f"head.lemma={head.lemma_.lower()}",
        f"dep|head.pos={token.dep_}|{head.pos_}",
        f"subj={kind}",
        f"lemma|subj={lemma}|{kind}",
        f"lex={CUE_VERBS.get(lemma, '-')}",
        f"head.lex={CUE_VERBS.get(head.lemma_.lower(), '-') if head.i != token.i else 'root'}",
        f"quoted={_in_quotation(token, text)}",
    ]
    for dep in deps:
        out.append(f"child={dep}")
        out.append(f"lemma|child={lemma}|{dep}")
    out.append(f"children={'+'.join(d for d in deps if d in ('nsubj', 'ccomp', 'xcomp', 'dobj', 'prep'))}")
    for child in token.children:
        if child.dep_ == "xcomp":
            out.append(f"xcomp.lemma={child.lemma_.lower()}")
        elif child.dep_ == "prep":
            out.append(f"lemma|prep={lemma}|{child.lower_}")
        elif child.dep_ == "dobj":
            out.append(f"dobj.lemma={child.lemma_.lower()}")
            out.append(f"lemma|dobj.pos={lemma}|{child.pos_}")
        elif child.dep_ == "prt":
            out.append(f"lemma|prt={lemma}|{child.lower_}")
    if subject is not None and subject.pos_ in ("NOUN", "PRON"):
        out.append(f"subj.lemma={subject.lemma_.lower()}")
    return out


def dense(token: "Token") -> np.ndarray:
    """Dense features of a candidate: the parser's context vectors of the verb and of its head.

    spaCy's ``tok2vec`` leaves its output in ``Doc.tensor`` (one row per token);
    these rows carry what the word means in its context, so that a verb never seen
    in training ("stumped for") is scored like the ones it resembles ("campaigned
    for").  A doc without a tensor (a pipeline without ``tok2vec``) gives zeros.
    """
    tensor = token.doc.tensor
    if tensor is None or len(tensor.shape) != 2 or tensor.shape[0] != len(token.doc) or not tensor.shape[1]:
        return np.zeros(2 * DENSE_WIDTH)
    rows = np.asarray(tensor[[token.i, token.head.i]], dtype=np.float64)
    if rows.shape[1] != DENSE_WIDTH:
        return np.zeros(2 * DENSE_WIDTH)
    return rows.reshape(-1)


@dataclass(frozen=True)
class CueTagger:
    """Logistic regression weights over named binary features and dense context vectors, and the threshold."""

    weights: dict[str, float]
    threshold: float = 0.5
    dense_weights: tuple[float, ...] = ()
    #: The spaCy model whose ``tok2vec`` vectors the dense weights were learnt on (:func:`~dossier.analyse.nlp.model_id`).
    dense_model: str = ""

    def for_model(self, model: str | None) -> "CueTagger":
        """This tagger for docs parsed by ``model`` (an id of :func:`~dossier.analyse.nlp.model_id`): without its
        dense term when that model is not the one the dense weights were learnt on (another model's vectors
        mean something else, even at the same width)."""
        if model is None or not self.dense_weights or model == self.dense_model:
            return self
        return CueTagger(self.weights, self.threshold)

    def prob(self, token: "Token", text: str | None = None, scores: "DenseScores | None" = None) -> float:
        """Probability that ``token`` heads an attribution cue.

        ``text`` is the doc's text and ``scores`` its :meth:`dense_scores`, if at
        hand (callers that score many tokens of one doc pass both).
        """
        z = sum(self.weights.get(name, 0.0) for name in features(token, text))
        if scores is None:
            scores = self.dense_scores(token.doc)
        if scores is not None:
            own, head = scores
            z += float(own[token.i] + head[token.head.i])  # = dense weights · dense(token)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def dense_scores(self, doc: "Doc") -> "DenseScores | None":
        """Each token's share of the dense term, as the candidate and as a head (None: no dense evidence)."""
        tensor = doc.tensor
        if not self.dense_weights or tensor is None or tensor.shape != (len(doc), DENSE_WIDTH):
            return None
        weights = np.asarray(self.dense_weights, dtype=np.float64)
        rows = np.asarray(tensor, dtype=np.float64)
        return rows @ weights[:DENSE_WIDTH], rows @ weights[DENSE_WIDTH:]

    def is_cue(self, token: "Token", text: str | None = None, scores: "DenseScores | None" = None) -> bool:
        """True if ``token`` is a candidate scored at or above the threshold."""
        return candidate(token) and self.prob(token, text, scores) >= self.threshold

    def to_json(self) -> dict[str, object]:
        return {"format": _FORMAT, "trained_on": "PolNeAR v1.0 train split (gold cue heads)",
                "threshold": self.threshold, "dense_model": self.dense_model,
                "dense": [round(v, 5) for v in self.dense_weights],
                "weights": {k: round(v, 4) for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> "CueTagger":
        """Rebuild from :meth:`to_json` output (a format-1 file has no dense weights)."""
        if data.get("format") != _FORMAT and data.get("format") not in _OLD_FORMATS:
            raise ValueError(f"not a cue tagger file (format {data.get('format')!r}, expected {_FORMAT!r})")
        return cls(weights=dict(data["weights"]), threshold=float(data["threshold"]),  # type: ignore[arg-type]
                   dense_weights=tuple(float(v) for v in data.get("dense", ())),  # type: ignore[union-attr]
                   dense_model=str(data.get("dense_model", "")))


@functools.lru_cache(maxsize=4)
def load_tagger(path: str | None = None, model: str | None = None) -> CueTagger:
    """The shipped tagger (or the one at ``path``), loaded once per process, for docs of the spaCy ``model``
    (a configured name such as ``"auto"``; None: the model it was trained with)."""
    from dossier.analyse.nlp import model_id

    tagger = CueTagger.from_json(read_json("attribution_cue_tagger.json", path))
    return tagger.for_model(model_id(model) if model is not None else None)


def gold_cue_heads(doc: "Doc", cues: Iterable[tuple[int, int]]) -> tuple[set[int], set[int]]:
    """(head token ids, other candidate ids) of gold cue spans.

    The head of a cue span is its candidate whose syntactic head lies outside the
    span; other candidates inside a span ("went on to *discuss*") are left out of
    training rather than counted as negatives.
    """
    heads: set[int] = set()
    inside: set[int] = set()
    for start, end in cues:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        cands = [t for t in span if candidate(t)]
        tops = [t for t in cands if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
        if tops:
            heads.add(tops[0].i)
        inside.update(t.i for t in cands)
    return heads, inside - heads


def _examples(docs: Iterable[tuple["Doc", list[tuple[int, int]]]]) -> Iterator[tuple[list[str], int, np.ndarray]]:
    for doc, cues in docs:
        heads, skip = gold_cue_heads(doc, cues)
        text = doc.text
        for token in doc:
            if candidate(token) and token.i not in skip:
                yield features(token, text), int(token.i in heads), dense(token)


def fit(examples: Sequence[tuple[list[str], int, np.ndarray]], *, l2: float = 1e-4, iterations: int = 300,
        min_count: int = 2) -> tuple[dict[str, float], tuple[float, ...]]:
    """Weights of an L2-regularised logistic regression (full-batch Adam over sparse binary and dense features).

    Returns the named sparse weights and the dense weights.
    """
    counts: dict[str, int] = {}
    for names, *_ in examples:
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    vocab = {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= min_count))}
    rows: list[int] = []
    cols: list[int] = []
    for r, (names, *_) in enumerate(examples):
        for name in names:
            j = vocab.get(name)
            if j is not None:
                rows.append(r)
                cols.append(j)
    row = np.asarray(rows, dtype=np.int64)
    col = np.asarray(cols, dtype=np.int64)
    y = np.asarray([label for _, label, _ in examples], dtype=np.float64)
    x = np.asarray([vector for *_, vector in examples], dtype=np.float64).reshape(len(y), -1)
    n, d, k = len(y), len(vocab), x.shape[1]
    w = np.zeros(d + k)
    m = np.zeros(d + k)
    v = np.zeros(d + k)
    rate, beta1, beta2 = 0.1, 0.9, 0.999
    for step in range(1, iterations + 1):
        z = np.bincount(row, weights=w[col], minlength=n) + x @ w[d:]
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = np.concatenate([np.bincount(col, weights=(p - y)[row], minlength=d), x.T @ (p - y)]) / n + l2 * w
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        w -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    names = sorted(vocab, key=vocab.get)  # type: ignore[arg-type]
    sparse = {name: float(w[vocab[name]]) for name in names if abs(w[vocab[name]]) >= 1e-3}
    return sparse, tuple(float(value) for value in w[d:])


def _span_scores(docs: Sequence[tuple["Doc", Path]], tagger: CueTagger) -> tuple[float, float]:
    """Mean F1 and mean overlap precision (source, cue, content; exact and overlap) using ``tagger``."""
    from dossier.analyse.attribution.detect import find_attributions
    from dossier.evaluate.polnear import ROLES, Scores, match_counts, read_gold, trim

    scores = {(role, mode): Scores() for role in ROLES for mode in ("exact", "overlap")}
    for doc, ann in docs:
        gold = read_gold(ann)
        found = find_attributions(doc, tagger=tagger)
        pred = {"Source": [(f.source.start_char, f.source.end_char) for f in found if f.source is not None],
                "Cue": [f.cue for f in found], "Content": [f.content for f in found]}
        for role in ROLES:
            p = [trim(doc.text, *s) for s in pred[role]]
            g = [trim(doc.text, *s) for s in gold[role]]
            for mode in ("exact", "overlap"):
                scores[(role, mode)].add(len(p), len(g), match_counts(p, g, exact=mode == "exact"))
    f1 = sum(s.prf()[2] for s in scores.values()) / len(scores)
    precision = sum(scores[(role, "overlap")].prf()[0] for role in ROLES) / len(ROLES)
    return f1, precision


def train(docs: Sequence[tuple["Doc", Path]], *, thresholds: Sequence[float] = (0.3, 0.35, 0.4, 0.45, 0.5, 0.6),
          min_precision: float = MIN_PRECISION, log=print) -> CueTagger:  # type: ignore[no-untyped-def]
    """Fit on parsed PolNeAR train articles ``(doc, .ann path)``; pick the threshold on a held-out fifth.

    The threshold is the one with the best mean span F1 among those that keep the
    mean overlap precision of source, cue and content at ``min_precision`` or
    more (recall is what the tagger adds; it must not buy it with precision).
    """
    from dossier.analyse.nlp import model_id
    from dossier.config import Config
    from dossier.evaluate.polnear import read_gold

    held = [d for i, d in enumerate(docs) if i % 5 == 4]
    fitted = [d for i, d in enumerate(docs) if i % 5 != 4]
    weights, dense_weights = fit(list(_examples((doc, read_gold(ann)["Cue"]) for doc, ann in fitted)))
    first = CueTagger(weights, dense_weights=dense_weights)
    best = (-1.0, max(thresholds))
    for threshold in thresholds:
        f1, precision = _span_scores(held, CueTagger(first.weights, threshold, first.dense_weights))
        log(f"threshold {threshold:.2f}: mean span F1 {100 * f1:.1f}, mean overlap precision {100 * precision:.1f} "
            "on the held-out fifth of train")
        if precision >= min_precision:
            best = max(best, (f1, threshold))
    weights, dense_weights = fit(list(_examples((doc, read_gold(ann)["Cue"]) for doc, ann in docs)))
    return CueTagger(weights, best[1], dense_weights, model_id(Config.from_env().spacy_model))


def parse_train(folder: Path) -> list[tuple["Doc", Path]]:
    """Parse every article of PolNeAR's train split with the configured spaCy model."""
    from dossier.analyse.nlp import load_pipeline
    from dossier.config import Config
    from dossier.evaluate.polnear import _articles

    nlp = load_pipeline(Config.from_env().spacy_model)
    articles = list(_articles(folder, ("train",)))
    docs = nlp.pipe((text.read_text("utf-8") for _, text, _ in articles), batch_size=16)
    return [(doc, ann) for doc, (_, _, ann) in zip(docs, articles)]


def _main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "train":
        print("usage: python -m dossier.analyse.attribution.cuetagger train POLNEAR_DIR [OUT.json]")
        return 2
    tagger = train(parse_train(Path(argv[1])))
    default = resources.files("dossier.resources").joinpath("attribution_cue_tagger.json")
    out = Path(argv[2]) if len(argv) > 2 else Path(str(default))
    out.write_text(json.dumps(tagger.to_json(), indent=0, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {out}: {len(tagger.weights)} weights, threshold {tagger.threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
