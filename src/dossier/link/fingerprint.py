"""Text fingerprints: shingles, MinHash, LSH bands and SimHash; copy and rewrite detection.

A report's :class:`Fingerprint` is small and stored once, so finding the
reports a new one may copy is an index lookup on LSH band keys, never a scan:

>>> a = fingerprint("Trump gave Maduro until Friday, Nov. 28, to leave Venezuela voluntarily.")
>>> a.minhash == fingerprint("Trump gave Maduro until Friday, Nov. 28, to leave Venezuela voluntarily.").minhash
True

:func:`compare` then says what one report is to an earlier one: an ``exact``
copy (same normalised text), a ``near_duplicate`` (a few words changed), a
``rewrite`` (lightly reworded, most of its content found in the earlier one),
or a ``citation`` copy ("Reuters reported …" and adds nothing new).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

__all__ = [
    "Fingerprint",
    "CopyRelation",
    "NUM_PERM",
    "BANDS",
    "words",
    "shingles",
    "fingerprint",
    "minhash",
    "simhash",
    "band_keys",
    "jaccard",
    "containment",
    "hamming",
    "compare",
    "COPY_KINDS",
    "copies_within",
]

#: MinHash permutations and LSH bands: 21 bands of 3 rows find a pair with Jaccard 0.5 with p≈0.94,
#: one with Jaccard 0.01 with p≈2e-5 (so a store of 100k reports yields a handful of candidates).
NUM_PERM = 64
BANDS = 21
#: Word n-gram size of the shingles; 3 survives light rewording better than 5.
SHINGLE = 3
#: Copy kinds, strongest first.
COPY_KINDS = ("exact", "near_duplicate", "rewrite", "citation")

_MERSENNE = np.uint64((1 << 61) - 1)
_MAX32 = np.uint64((1 << 32) - 1)
_rng = np.random.RandomState(20251128)  # fixed seed: signatures are stored, so they must be stable
_A = _rng.randint(1, (1 << 61) - 1, size=NUM_PERM, dtype=np.uint64)
_B = _rng.randint(0, (1 << 61) - 1, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*", re.UNICODE)
_CITE = re.compile(
    r"\b(?:reported|according to|citing|first reported|told|said in a report|reports?)\b", re.IGNORECASE
)

# Thresholds (estimated Jaccard of 3-word shingles / containment of the later report in the earlier).
NEAR_DUPLICATE_J = 0.8
REWRITE_J = 0.3
REWRITE_CONTAINMENT = 0.45
CITATION_CONTAINMENT = 0.3
#: Texts shorter than this (in word 3-grams) are only ever exact or near-duplicate copies.
MIN_REWRITE_SHINGLES = 25


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What is kept of a text to find its copies.

    Attributes:
        text_hash: SHA-256 of the normalised word sequence (exact copies).
        minhash: ``NUM_PERM`` 32-bit MinHash values over word 3-shingles.
        simhash: 64-bit SimHash over words (a cheap second opinion).
        size: Number of distinct shingles (for containment from Jaccard).
        cites: True if the text attributes itself to another outlet ("X reported").
    """

    text_hash: str
    minhash: tuple[int, ...]
    simhash: int
    size: int
    cites: bool = False

    def bands(self) -> list[str]:
        """The LSH band keys of this fingerprint."""
        return band_keys(self.minhash)


@dataclass(frozen=True, slots=True)
class CopyRelation:
    """What a later report is to an earlier one.

    ``kind`` is one of :data:`COPY_KINDS`; ``score`` the estimated Jaccard
    similarity and ``containment`` the share of the later text found in the earlier.
    """

    copy_id: str
    original_id: str
    kind: str
    score: float
    containment: float
    reason: str


def _fold(text: str) -> str:
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")


def words(text: str) -> list[str]:
    """Case- and accent-folded words of ``text``."""
    return _WORD.findall(_fold(text))


def shingles(text: str, n: int = SHINGLE) -> set[str]:
    """Distinct word ``n``-grams of ``text`` (the words themselves for short texts)."""
    toks = words(text)
    if len(toks) < n:
        return set(toks)
    return set(map(" ".join, zip(*(toks[i:] for i in range(n)))))


def _hashes(items: set[str]) -> np.ndarray:
    return np.fromiter(map(zlib.crc32, map(str.encode, items)), dtype=np.uint64, count=len(items))


def minhash(items: set[str]) -> tuple[int, ...]:
    """MinHash signature of a set of strings (all ``2**32-1`` for the empty set)."""
    if not items:
        return tuple([int(_MAX32)] * NUM_PERM)
    hv = _hashes(items)
    with np.errstate(over="ignore"):
        phv = ((np.outer(hv, _A) + _B) % _MERSENNE) & _MAX32
    return tuple(phv.min(axis=0).tolist())


def simhash(tokens: list[str]) -> int:
    """64-bit SimHash of a token list."""
    if not tokens:
        return 0
    data = list(map(str.encode, tokens))
    high = np.fromiter(map(zlib.crc32, data), dtype=np.uint64, count=len(data))
    low = np.fromiter(map(zlib.crc32, data, itertools.repeat(0x9E3779B9)), dtype=np.uint64, count=len(data))
    hv = (high << np.uint64(32)) | low
    bits = (hv[:, None] >> np.arange(64, dtype=np.uint64)) & np.uint64(1)
    votes = 2 * bits.sum(axis=0, dtype=np.int64) - len(tokens)
    return int(sum(1 << i for i, vote in enumerate(votes.tolist()) if vote > 0))


def fingerprint(text: str) -> Fingerprint:
    """The fingerprint of ``text``."""
    toks = words(text)
    grams = set(map(" ".join, zip(*(toks[i:] for i in range(SHINGLE))))) if len(toks) >= SHINGLE else set(toks)
    digest = hashlib.sha256(" ".join(toks).encode("utf-8")).hexdigest()
    return Fingerprint(digest, minhash(grams), simhash(toks), len(grams), bool(_CITE.search(text[:600])))


@functools.lru_cache(maxsize=4096)
def _band_keys(signature: tuple[int, ...], bands: int) -> tuple[str, ...]:
    rows = len(signature) // bands
    return tuple(
        f"b{i}:{zlib.crc32(','.join(map(str, signature[i * rows : (i + 1) * rows])).encode()):08x}" for i in range(bands)
    )


def band_keys(signature: tuple[int, ...], bands: int = BANDS) -> list[str]:
    """LSH band keys: ``"b{i}:{hash of the band's rows}"``; equal keys mean a likely near pair."""
    return list(_band_keys(tuple(signature), bands))


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    if a.size == 0 or b.size == 0:
        return 1.0 if a.text_hash == b.text_hash else 0.0
    same = sum(1 for x, y in zip(a.minhash, b.minhash) if x == y)
    return same / len(a.minhash)


def containment(part: Fingerprint, whole: Fingerprint, j: float | None = None) -> float:
    """Estimated share of ``part``'s shingles found in ``whole`` (from Jaccard and set sizes)."""
    j = jaccard(part, whole) if j is None else j
    if part.size == 0:
        return 0.0
    inter = j * (part.size + whole.size) / (1.0 + j)
    return min(1.0, inter / part.size)


def hamming(a: int, b: int) -> int:
    """Bits that differ between two SimHashes."""
    return (a ^ b).bit_count()


def compare(later_id: str, later: Fingerprint, earlier_id: str, earlier: Fingerprint) -> CopyRelation | None:
    """The copy relation of ``later`` to ``earlier``, or None if it is independent."""
    if later.text_hash == earlier.text_hash:
        return CopyRelation(later_id, earlier_id, "exact", 1.0, 1.0, "same text after normalising case and punctuation")
    j = jaccard(later, earlier)
    c = containment(later, earlier, j)
    if j >= NEAR_DUPLICATE_J:
        return CopyRelation(later_id, earlier_id, "near_duplicate", j, c, f"{j:.0%} of word 3-grams shared")
    if min(later.size, earlier.size) < MIN_REWRITE_SHINGLES:
        return None  # a sentence or two in common says nothing about copying
    if j >= REWRITE_J or c >= REWRITE_CONTAINMENT:
        return CopyRelation(
            later_id, earlier_id, "rewrite", j, c, f"light rewrite: {c:.0%} of its word 3-grams are in the earlier report"
        )
    if later.cites and c >= CITATION_CONTAINMENT:
        return CopyRelation(
            later_id, earlier_id, "citation", j, c,
            f"cites another outlet and {c:.0%} of its word 3-grams repeat the earlier report: it adds little",
        )
    return None


def copies_within(items: list[tuple[str, Fingerprint, str | None]], limit: int = 300) -> list[CopyRelation]:
    """Copy relations among a few reports (one story): each later report against every earlier one.

    ``items`` are ``(report id, fingerprint, published)``; LSH finds most copies while
    linking, and this pairwise pass (bounded by ``limit`` reports) finds the rest.
    """
    ordered = sorted(items, key=lambda it: (it[2] or "9999", it[0]))[:limit]
    found = []
    for i, (later_id, later, _) in enumerate(ordered):
        for earlier_id, earlier, _ in ordered[:i]:
            relation = compare(later_id, later, earlier_id, earlier)
            if relation is not None:
                found.append(relation)
    return found
