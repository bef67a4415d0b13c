"""The ECB+ event-coreference pieces: head words learned not to merge, and the split they are learned on."""

from __future__ import annotations

from dossier.evaluate.ecbplus_coref import DEV_TOPICS, EcbDocument, _event_clusters, choose_blocking, learn_blocked_heads


def _doc(name: str, topic: str, mentions: list[tuple[str, str]]) -> EcbDocument:
    doc = EcbDocument(name, topic, topic, "text")
    doc.mentions = [(f"{name}:m{i}", head, chain) for i, (head, chain) in enumerate(mentions)]
    return doc


def _corpus(topic: str) -> list[EcbDocument]:
    # every document reports one attack (one chain) and several different statements ("said", each its own event)
    return [
        _doc(f"{topic}_{n}", topic, [("attacked", f"{topic}:attack"), ("said", f"{topic}:{n}:s1"), ("said", f"{topic}:{n}:s2")])
        for n in range(6)
    ]


def test_heads_whose_merges_are_mostly_wrong_are_learned() -> None:
    docs = _corpus("1")
    blocked = learn_blocked_heads(docs, max_share=0.2, min_pairs=5)
    assert "said" in blocked and "attack" not in blocked
    assert learn_blocked_heads(docs, max_share=0.2, min_pairs=1_000) == frozenset()  # too few pairs to judge
    merged = _event_clusters(docs, {d.name: d.subtopic for d in docs})
    kept = _event_clusters(docs, {d.name: d.subtopic for d in docs}, blocked=blocked)
    assert max(len(c) for c in merged) == 12  # every "said" of the topic in one cluster
    assert sorted(len(c) for c in kept)[-1] == 6 and sum(len(c) == 1 for c in kept) == 12  # the attack chain stays whole


def test_blocking_is_chosen_on_training_topics_only() -> None:
    train = [d for t in ("1", "3", "4", "6") for d in _corpus(t)]
    assert not {d.topic for d in train} & DEV_TOPICS
    share, pairs = choose_blocking(train)
    assert "said" in learn_blocked_heads(train, share, pairs)


def test_same_lemma_baseline_reads_the_syntactic_head() -> None:
    import pytest

    from dossier.config import Config
    from dossier.evaluate.ecbplus_coref import spacy_lemmas

    doc = _doc("1_1ecb", "1", [("shot dead", "c1"), ("killings", "c2")])
    doc.sentences = {0: "Police said the gunman shot dead two people .".split(), 1: "The killings shocked the town .".split()}
    doc.positions = {"1_1ecb:m0": (0, [4, 5]), "1_1ecb:m1": (1, [1])}
    lemmas = spacy_lemmas([doc], Config())
    if lemmas is None:
        pytest.skip("no spaCy model installed")
    assert lemmas == {"1_1ecb:m0": "shoot", "1_1ecb:m1": "killing"}
