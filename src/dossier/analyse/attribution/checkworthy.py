"""Check-worthiness: a logistic regression over hand-built features and hashed n-grams.

Pure numpy, so the per-report analyser needs nothing else.  The weights ship as
``dossier/resources/checkworthiness.json`` and are reproduced by
``python -m dossier.analyse.attribution.checkworthy train ../shared/data/checkthat2019``
(CLEF CheckThat! 2019 task 1 debates).  Classes are balanced in the loss so that
a score above 0.5 reads as "worth checking" rather than as the 2 % base rate of
the debates.

Features are chosen to transfer from debate speech to news: numbers, dates,
money and percentages, named things (capitalised words), past-tense actions and
reported-speech words push a sentence up; first and second person, opinion verbs,
questions and figurative phrasing push it down; hashed word unigrams and
bigrams (numbers folded to ``<num>``) learn the rest.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import sys
import zlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Sequence

import numpy as np

from dossier.resources import read_json

__all__ = ["CheckWorthiness", "features", "train", "load_model", "score", "HASH_BITS"]

HASH_BITS = 15
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*%?|\$")
_MONTHS = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:\.|[a-z]*)\s+\d{1,2}\b|\b(?:19|20)\d\d\b"
)
_WEEKDAYS = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|last (?:week|month|year))\b")
_MONEY = re.compile(r"\$|\b(?:dollars?|million|billion|trillion|percent|per cent)\b|%", re.I)
_FIRST = {"i", "me", "my", "we", "our", "us", "i'm", "we're", "i've", "we've"}
_SECOND = {"you", "your", "you're"}
_OPINION = {"think", "believe", "feel", "hope", "love", "great", "wonderful", "terrible", "beautiful", "want",
            "should", "must", "fantastic", "incredible", "horrible"}
_REPORTING = {"said", "says", "reported", "revealed", "announced", "according", "confirmed", "denied", "alleged"}
_ACTION_PAST = re.compile(r"\b(?:[a-z]+ed|gave|sent|took|made|won|lost|cut|rose|fell|paid|signed|voted|ordered|killed)\b")

HAND_FEATURES = (
    "bias",
    "has_number",
    "has_date",
    "has_weekday",
    "has_money",
    "proper_nouns",
    "first_person",
    "second_person",
    "opinion",
    "question",
    "reporting",
    "past_action",
    "short",
    "long",
    "superlative",
    "comparative",
)


def _tokens(text: str) -> list[str]:
    return ["<num>" if t[0].isdigit() else t.lower().replace("’", "'") for t in _WORD.findall(text)]


def _hand(text: str, tokens: list[str]) -> list[float]:
    words = _WORD.findall(text)
    capitalised = sum(1 for w in words[1:] if w[0].isupper() and w.lower() not in _FIRST)
    n = len(tokens)
    return [
        1.0,
        float(any(t == "<num>" for t in tokens)),
        float(bool(_MONTHS.search(text))),
        float(bool(_WEEKDAYS.search(text))),
        float(bool(_MONEY.search(text))),
        min(capitalised, 4) / 4.0,
        float(any(t in _FIRST for t in tokens)),
        float(any(t in _SECOND for t in tokens)),
        float(any(t in _OPINION for t in tokens)),
        float(text.rstrip().endswith("?")),
        float(any(t in _REPORTING for t in tokens)),
        float(bool(_ACTION_PAST.search(text.lower()))),
        float(n < 6),
        float(n > 25),
        float(any(t in ("most", "biggest", "largest", "highest", "lowest", "worst", "best") for t in tokens)),
        float(any(t in ("more", "less", "fewer", "higher", "lower", "bigger") for t in tokens)),
    ]


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & ((1 << HASH_BITS) - 1)


def features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Sparse features of one sentence: (indices, values) over hand features then hashed n-grams."""
    tokens = _tokens(text)
    hand = _hand(text, tokens)
    offset = len(HAND_FEATURES)
    grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
    hashed: dict[int, float] = {}
    for gram in grams:
        index = offset + _hash(gram)
        hashed[index] = 1.0
    scale = 1.0 / np.sqrt(max(len(hashed), 1))
    indices = list(range(offset)) + list(hashed)
    values = hand + [scale] * len(hashed)
    return np.asarray(indices, dtype=np.int64), np.asarray(values, dtype=np.float64)


@dataclass(frozen=True)
class CheckWorthiness:
    """A trained model: one weight per feature; ``score`` maps a sentence to [0, 1]."""

    weights: np.ndarray
    trained_on: str = ""

    def score(self, text: str) -> float:
        """Probability-like check-worthiness of one sentence (0.5 = undecided)."""
        indices, values = features(text)
        z = float(self.weights[indices] @ values)
        return float(1.0 / (1.0 + np.exp(-z)))

    def scores(self, texts: Sequence[str]) -> list[float]:
        """:meth:`score` for many sentences."""
        return [self.score(t) for t in texts]

    def to_json(self) -> dict[str, object]:
        """The resource file's content (weights as base64 float16)."""
        return {
            "format": "dossier.checkworthiness/1",
            "hash_bits": HASH_BITS,
            "hand_features": list(HAND_FEATURES),
            "trained_on": self.trained_on,
            "hand_weights": {name: round(float(w), 4) for name, w in zip(HAND_FEATURES, self.weights)},
            "weights_f16_b64": base64.b64encode(self.weights.astype("<f2").tobytes()).decode("ascii"),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> "CheckWorthiness":
        """Rebuild from :meth:`to_json` output."""
        if data.get("hash_bits") != HASH_BITS or list(data.get("hand_features", [])) != list(HAND_FEATURES):  # type: ignore[call-overload]
            raise ValueError("checkworthiness weights were trained with other features; retrain them")
        raw = base64.b64decode(str(data["weights_f16_b64"]))
        return cls(np.frombuffer(raw, dtype="<f2").astype(np.float64), str(data.get("trained_on", "")))


def _matrix(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = [features(t) for t in texts]
    lengths = np.asarray([len(r[0]) for r in rows])
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    return np.concatenate([r[0] for r in rows]), np.concatenate([r[1] for r in rows]), indptr


def train(
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    l2: float = 1e-3,
    epochs: int = 300,
    learning_rate: float = 0.5,
    trained_on: str = "",
) -> CheckWorthiness:
    """Fit a class-balanced L2 logistic regression by full-batch gradient descent (Adam).

    Args:
        texts: Sentences.
        labels: 1 for check-worthy, 0 otherwise.
        l2: L2 penalty (not applied to the bias).
        epochs: Gradient steps.
        learning_rate: Adam step size.
        trained_on: A note kept with the weights.
    """
    indices, values, indptr = _matrix(texts)
    y = np.asarray(labels, dtype=np.float64)
    dims = len(HAND_FEATURES) + (1 << HASH_BITS)
    positives = max(y.sum(), 1.0)
    negatives = max(len(y) - y.sum(), 1.0)
    sample_weight = np.where(y > 0, 0.5 / positives, 0.5 / negatives)
    row_of = np.repeat(np.arange(len(y)), np.diff(indptr))
    w = np.zeros(dims)
    m = np.zeros(dims)
    v = np.zeros(dims)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    penalty = np.full(dims, l2)
    penalty[0] = 0.0
    for step in range(1, epochs + 1):
        z = np.bincount(row_of, weights=w[indices] * values, minlength=len(y))
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        residual = (p - y) * sample_weight
        grad = np.bincount(indices, weights=values * residual[row_of], minlength=dims) + penalty * w
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        w -= learning_rate * 0.1 * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + eps)
    return CheckWorthiness(w, trained_on)


@functools.lru_cache(maxsize=2)
def load_model(path: str | None = None) -> CheckWorthiness:
    """The shipped model (or the one at ``path``), loaded once per process."""
    return CheckWorthiness.from_json(read_json("checkworthiness.json", path))


def score(text: str) -> float:
    """Check-worthiness of one sentence with the shipped model."""
    return load_model().score(text)


def read_checkthat(folder: Path) -> dict[str, list[tuple[int, str, str, int]]]:
    """CheckThat! 2019 task 1 files: debate name → [(line, speaker, text, label)]."""
    debates: dict[str, list[tuple[int, str, str, int]]] = {}
    files = sorted(folder.glob("**/*.tsv"))
    if not files:
        raise FileNotFoundError(f"no CheckThat! .tsv files under {folder}; pass the checkthat2019 folder")
    for path in files:
        rows = []
        for line in path.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 4 and parts[0].strip().isdigit():
                rows.append((int(parts[0]), parts[1], parts[2], int(parts[3].strip())))
        debates[path.stem] = rows
    return debates


def _main(argv: list[str]) -> int:
    """``train DATA [OUT]``: fit on every debate in DATA and write the weights resource."""
    if len(argv) < 2 or argv[0] != "train":
        print("usage: python -m dossier.analyse.attribution.checkworthy train DATA_DIR [OUT.json]")
        return 2
    debates = read_checkthat(Path(argv[1]))
    texts = [row[2] for rows in debates.values() for row in rows]
    labels = [row[3] for rows in debates.values() for row in rows]
    model = train(texts, labels, trained_on=f"CheckThat! 2019 task 1, {len(debates)} debates, {len(texts)} sentences")
    out = Path(argv[2]) if len(argv) > 2 else Path(str(resources.files("dossier.resources").joinpath("checkworthiness.json")))
    out.write_text(json.dumps(model.to_json(), indent=1) + "\n", "utf-8")
    print(f"wrote {out} ({len(texts)} sentences, {sum(labels)} check-worthy)")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
