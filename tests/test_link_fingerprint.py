"""Fingerprints, copy detection and the coreference scorers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.evaluate.coref_metrics import b_cubed, ceaf_e, conll_f1, muc
from dossier.link.fingerprint import compare, fingerprint, jaccard

WIRE = (
    "Venezuelan President Nicolas Maduro was given until Friday, Nov. 28, to leave the country, two people briefed "
    "on a Nov. 21 telephone call between him and U.S. President Donald Trump said on Sunday. Maduro asked for "
    "amnesty for himself and his family, the lifting of sanctions and an interim government led by Vice President "
    "Delcy Rodriguez, the people said. Trump rejected most of the requests during the call, which lasted less "
    "than fifteen minutes, according to the two people, who asked not to be named."
)
OTHER = (
    "Heavy rain flooded the lower town of the river valley overnight, and the mayor opened two school gyms as "
    "shelters while crews pumped water out of basements along the main street before the market reopened."
)


def test_exact_copy_ignores_case_and_punctuation() -> None:
    rel = compare("b", fingerprint(WIRE.upper().replace(",", "")), "a", fingerprint(WIRE))
    assert rel is not None and rel.kind == "exact"


def test_light_rewrite_is_a_copy_and_unrelated_text_is_not() -> None:
    rewrite = (
        WIRE.replace("was given until", "had until")
        .replace("two people briefed", "two sources briefed")
        .replace("the people said", "the sources said")
        .replace("which lasted less than fifteen minutes", "a call of under fifteen minutes")
    )
    rel = compare("b", fingerprint(rewrite), "a", fingerprint(WIRE))
    assert rel is not None and rel.kind in {"near_duplicate", "rewrite"}
    assert compare("c", fingerprint(OTHER), "a", fingerprint(WIRE)) is None


def test_citation_copy_that_adds_nothing() -> None:
    first_half = WIRE[: WIRE.index("Trump rejected")]
    citing = "Reuters reported on Monday that " + first_half[0].lower() + first_half[1:] + " Stay tuned for more."
    rel = compare("b", fingerprint(citing), "a", fingerprint(WIRE))
    assert rel is not None and rel.kind in {"rewrite", "citation"}
    assert rel.containment > 0.5


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_fingerprint_is_deterministic_and_self_similar(text: str) -> None:
    a, b = fingerprint(text), fingerprint(text)
    assert a == b
    assert jaccard(a, b) == 1.0
    assert len(a.bands()) == 21


def test_scorers_on_published_examples() -> None:
    # Identity scores 1 everywhere.
    key = [[1, 2, 3], [4, 5]]
    assert conll_f1(key, key)["conll_f1"] == 1.0
    # Pradhan et al. (2014) style toy: key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i}
    key = [["a", "b", "c"], ["d", "e", "f", "g"]]
    resp = [["a", "b"], ["c", "d"], ["f", "g", "h", "i"]]
    p, r, f = muc(key, resp)
    assert (round(p, 3), round(r, 3)) == (0.4, 0.4)
    p, r, _ = b_cubed(key, resp)
    # e is in no response cluster: it overlaps nothing
    assert round(r, 4) == round((2 / 3 + 2 / 3 + 1 / 3 + 1 / 4 + 0 + 2 / 4 + 2 / 4) / 7, 4)
    assert round(p, 4) == round((1 + 1 + 1 / 2 + 1 / 2 + 2 / 4 + 2 / 4 + 0 + 0) / 8, 4)
    p, r, f = ceaf_e(key, resp)
    # best alignment: {a,b,c}~{a,b} (phi4 = 4/5) and {d,e,f,g}~{f,g,h,i} (phi4 = 4/8)
    assert round(r, 4) == round((4 / 5 + 4 / 8) / 2, 4) and round(p, 4) == round((4 / 5 + 4 / 8) / 3, 4)


def test_muc_all_singletons_against_one_cluster() -> None:
    p, r, f = muc([[1, 2, 3, 4]], [[1], [2], [3], [4]])
    assert r == 0.0 and f == 0.0
    p, r, f = b_cubed([[1, 2, 3, 4]], [[1], [2], [3], [4]])
    assert p == 1.0 and r == 0.25
