"""Clustering and coreference scores: MUC, B³, CEAF-e and CoNLL F1 (their mean).

Written from the published definitions (Vilain et al. 1995; Bagga & Baldwin
1998; Luo 2005; Pradhan et al. 2014).  Clusters are lists of hashable items;
a mention found on one side only simply overlaps nothing on the other.

>>> round(conll_f1([[1, 2, 3]], [[1, 2, 3]])["conll_f1"], 3)
1.0
"""

from __future__ import annotations

from typing import Hashable, Sequence

import numpy as np

__all__ = ["muc", "b_cubed", "ceaf_e", "conll_f1", "PRF"]

Clusters = Sequence[Sequence[Hashable]]
PRF = tuple[float, float, float]


def _f(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _complete(key: Clusters, response: Clusters) -> tuple[list[set[Hashable]], list[set[Hashable]]]:
    """Clusters as sets, empties dropped.  Twinless mentions are not added to the other side:
    they simply find no overlap (the reference scorer's behaviour)."""
    return [set(c) for c in key if c], [set(c) for c in response if c]


def _muc_recall(key: list[set[Hashable]], response: list[set[Hashable]]) -> tuple[float, float]:
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0.0
    for c in key:
        parts = {where.get(m, ("alone", m)) for m in c}
        num += len(c) - len(parts)
        den += len(c) - 1
    return num, den


def muc(key: Clusters, response: Clusters) -> PRF:
    """Link-based MUC precision, recall and F1."""
    k, r = _complete(key, response)
    rn, rd = _muc_recall(k, r)
    pn, pd = _muc_recall(r, k)
    recall = rn / rd if rd else 0.0
    precision = pn / pd if pd else 0.0
    return precision, recall, _f(precision, recall)


def b_cubed(key: Clusters, response: Clusters) -> PRF:
    """Mention-based B³ precision, recall and F1."""
    k, r = _complete(key, response)
    k_of = {m: c for c in k for m in c}
    r_of = {m: c for c in r for m in c}
    if not k_of or not r_of:
        return 0.0, 0.0, 0.0
    empty: set[Hashable] = set()
    recall = sum(len(c & r_of.get(m, empty)) / len(c) for m, c in k_of.items()) / len(k_of)
    precision = sum(len(c & k_of.get(m, empty)) / len(c) for m, c in r_of.items()) / len(r_of)
    return precision, recall, _f(precision, recall)


def _assignment(sim: np.ndarray) -> float:
    """Maximum-weight one-to-one matching (Hungarian; scipy when present)."""
    try:
        from scipy.optimize import linear_sum_assignment

        rows, cols = linear_sum_assignment(-sim)
        return float(sim[rows, cols].sum())
    except ImportError:  # pragma: no cover - scipy comes with spaCy's dependencies in practice
        return _greedy(sim)


def _greedy(sim: np.ndarray) -> float:
    total, used_r, used_c = 0.0, set(), set()
    order = np.dstack(np.unravel_index(np.argsort(-sim, axis=None), sim.shape))[0]
    for i, j in order:
        if i not in used_r and j not in used_c and sim[i, j] > 0:
            total += sim[i, j]
            used_r.add(i)
            used_c.add(j)
    return total


def ceaf_e(key: Clusters, response: Clusters) -> PRF:
    """Entity-based CEAF (φ4 similarity) precision, recall and F1."""
    k, r = _complete(key, response)
    if not k or not r:
        return 0.0, 0.0, 0.0
    where = {}
    for j, c in enumerate(r):
        for m in c:
            where[m] = j
    sim = np.zeros((len(k), len(r)))
    for i, c in enumerate(k):
        for m in c:
            if m in where:
                sim[i, where[m]] += 1
    for i, c in enumerate(k):
        for j in np.nonzero(sim[i])[0]:
            sim[i, j] = 2 * sim[i, j] / (len(c) + len(r[j]))
    best = _assignment(sim)
    recall, precision = best / len(k), best / len(r)
    return precision, recall, _f(precision, recall)


def conll_f1(key: Clusters, response: Clusters) -> dict[str, float]:
    """All three metrics and CoNLL F1 (the mean of the three F1s), as a flat dict."""
    out: dict[str, float] = {}
    f1s = []
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        p, r, f = metric(key, response)
        out.update({f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f})
        f1s.append(f)
    out["conll_f1"] = sum(f1s) / 3
    return out
