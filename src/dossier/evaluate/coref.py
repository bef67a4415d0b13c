"""Coreference scores: MUC, B³, CEAF-e and CoNLL F1, as in the reference scorer.

Clusters are collections of hashable mention ids (``(doc, start, end)`` tuples,
say).  The key and the response may hold different mentions — predicted
mentions are scored as the CoNLL reference scorer (Pradhan et al., 2014) does:

* **MUC** (Vilain et al., 1995): recall = Σ_k (|k| − |p(k)|) / Σ_k (|k| − 1),
  where p(k) is the partition of key cluster k by the response clusters (a
  mention absent from the response is a part of its own); precision swaps key
  and response.
* **B³** (Bagga & Baldwin, 1998): recall = Σ_k Σ_r |k∩r|² / |k| / Σ_k |k|;
  precision = Σ_r Σ_k |k∩r|² / |r| / Σ_r |r|.
* **CEAF-e** (Luo, 2005): φ₄(k, r) = 2|k∩r| / (|k| + |r|); the one-to-one
  alignment of key and response clusters with the largest Σφ₄ (Hungarian
  algorithm, per connected component); recall = Σφ₄ / |K|, precision = Σφ₄ / |R|.
* **CoNLL F1**: the mean of the MUC, B³ and CEAF-e F1.

>>> key = [{1, 2, 3}, {4, 5}]
>>> response = [{1, 2}, {3, 4, 5}]
>>> round(muc(key, response).f1, 3)
0.667
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence

__all__ = ["Score", "muc", "b_cubed", "ceaf_e", "conll", "prf", "clusters_from_labels"]

Cluster = frozenset[Hashable]


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 of one metric."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def prf(true_positives: int, predicted: int, gold: int) -> Score:
    """Precision and recall from counts (0 where a denominator is 0)."""
    return Score(true_positives / predicted if predicted else 0.0, true_positives / gold if gold else 0.0)


def clusters_from_labels(labels: dict[Hashable, Hashable]) -> list[set[Hashable]]:
    """Clusters from a ``mention -> cluster label`` mapping."""
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, label in labels.items():
        groups[label].add(mention)
    return list(groups.values())


def _clean(clusters: Iterable[Iterable[Hashable]]) -> list[Cluster]:
    return [frozenset(c) for c in clusters if c]


def _muc_recall(key: list[Cluster], response: list[Cluster]) -> float:
    where = {m: i for i, r in enumerate(response) for m in r}
    numerator = denominator = 0
    for k in key:
        parts = {where.get(m, ("alone", m)) for m in k}
        numerator += len(k) - len(parts)
        denominator += len(k) - 1
    return numerator / denominator if denominator else 0.0


def muc(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> Score:
    """The MUC link-based score."""
    k, r = _clean(key), _clean(response)
    return Score(precision=_muc_recall(r, k), recall=_muc_recall(k, r))


def _b3_recall(key: list[Cluster], response: list[Cluster]) -> float:
    where = {m: i for i, r in enumerate(response) for m in r}
    total = sum(len(k) for k in key)
    numerator = 0.0
    for k in key:
        overlaps: dict[int, int] = defaultdict(int)
        for m in k:
            if m in where:
                overlaps[where[m]] += 1
        numerator += sum(n * n for n in overlaps.values()) / len(k)
    return numerator / total if total else 0.0


def b_cubed(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> Score:
    """The B³ mention-based score."""
    k, r = _clean(key), _clean(response)
    return Score(precision=_b3_recall(r, k), recall=_b3_recall(k, r))


def _hungarian(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment (rows ≤ columns padded as needed)."""
    n_rows, n_cols = len(weights), len(weights[0])
    n = max(n_rows, n_cols)
    big = max((w for row in weights for w in row), default=0.0)
    cost = [[big - (weights[i][j] if i < n_rows and j < n_cols else 0.0) for j in range(n)] for i in range(n)]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    total = 0.0
    for j in range(1, n + 1):
        i = p[j]
        if i and i <= n_rows and j <= n_cols:
            total += weights[i - 1][j - 1]
    return total


def ceaf_e(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> Score:
    """The entity-based CEAF score (φ₄ similarity)."""
    k, r = _clean(key), _clean(response)
    if not k or not r:
        return Score(0.0, 0.0)
    in_response = {m: j for j, cluster in enumerate(r) for m in cluster}
    in_key = {m: i for i, cluster in enumerate(k) for m in cluster}
    # connected components of the key/response overlap graph, each aligned on its own
    seen_k: set[int] = set()
    total = 0.0
    for start in range(len(k)):
        if start in seen_k:
            continue
        comp_k: list[int] = []
        comp_r: set[int] = set()
        stack = [start]
        seen_k.add(start)
        while stack:
            i = stack.pop()
            comp_k.append(i)
            for j in {in_response[m] for m in k[i] if m in in_response} - comp_r:
                comp_r.add(j)
                for i2 in {in_key[m] for m in r[j] if m in in_key} - seen_k:
                    seen_k.add(i2)
                    stack.append(i2)
        if not comp_r:
            continue
        cols = sorted(comp_r)
        weights = [[2 * len(k[i] & r[j]) / (len(k[i]) + len(r[j])) for j in cols] for i in comp_k]
        total += _hungarian(weights)
    return Score(precision=total / len(r), recall=total / len(k))


def conll(key: Sequence[Iterable[Hashable]], response: Sequence[Iterable[Hashable]]) -> dict[str, Score | float]:
    """MUC, B³ and CEAF-e, and the CoNLL F1 (their mean F1)."""
    key_l, response_l = [set(c) for c in key], [set(c) for c in response]
    scores = {"muc": muc(key_l, response_l), "b3": b_cubed(key_l, response_l), "ceaf_e": ceaf_e(key_l, response_l)}
    return {**scores, "conll_f1": sum(s.f1 for s in scores.values()) / 3}
