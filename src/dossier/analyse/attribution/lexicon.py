"""Word lists behind attribution: cue verbs and their stance, hedges, source nouns.

Stances of a cue (what the reporting verb says about the content):

- ``asserted``: the source states it (said, told, announced, wrote)
- ``reported``: the content is relayed from a report or unnamed sourcing (reported, revealed, according to)
- ``alleged``: an accusation the reporter does not vouch for (alleged, accused, claimed)
- ``hedged``: an argument, belief or fear rather than a statement of fact (argued, warned, believed)
- ``denied``: the source rejects it (denied, dismissed, rejected)
- ``confirmed``: the source confirms or admits it (confirmed, acknowledged, admitted)
"""

from __future__ import annotations

__all__ = [
    "CUE_VERBS",
    "CUE_NOUNS",
    "STANCES",
    "HEDGES",
    "MODALS_HEDGE",
    "FUTURE_MARKERS",
    "CONDITIONAL_MARKERS",
    "ANONYMOUS_NOUNS",
    "DOCUMENT_NOUNS",
    "REPORT_NOUNS",
    "VIDEO_NOUNS",
    "GOVERNMENT_NOUNS",
    "ORGANISATION_NOUNS",
    "NUMBER_WORDS",
    "VAGUE_QUANTIFIERS",
    "OPINION_WORDS",
    "FRAMING_VERBS",
    "stance_of",
]

STANCES = ("asserted", "reported", "alleged", "hedged", "denied", "confirmed")

_BY_STANCE: dict[str, tuple[str, ...]] = {
    "asserted": (
        "say", "tell", "state", "note", "add", "announce", "declare", "write", "explain", "insist",
        "stress", "emphasize", "emphasise", "maintain", "affirm", "assert", "promise", "pledge", "vow",
        "reply", "respond", "answer", "tweet", "post", "remark", "comment", "testify", "recall",
        "describe", "call", "urge", "demand", "ask", "order", "threaten", "boast", "brag", "quip",
        "joke", "proclaim", "reiterate", "repeat", "point", "observe", "conclude", "predict",
        "recount", "mention", "inform", "advise", "caution", "signal", "indicate", "propose",
        "complain", "praise", "criticize", "criticise", "blast", "slam", "attack", "defend",
        "counter", "retort", "shout", "cry", "yell", "whisper", "tout", "hail", "lament",
        "acknowledge", "argue", "contend",
    ),
    "reported": ("report", "reveal", "disclose", "leak", "learn", "cite", "publish", "show", "find", "relay"),
    "alleged": ("allege", "accuse", "claim", "charge", "purport", "blame"),
    "hedged": (
        "believe", "think", "warn", "fear", "speculate", "estimate", "expect", "worry", "hope",
        "suspect", "feel", "guess", "suggest", "doubt", "assume", "wonder", "imagine", "anticipate", "argue",
        "contend", "reckon", "consider", "caution",
    ),
    "denied": ("deny", "dismiss", "reject", "refute", "rebut", "dispute", "disavow", "downplay", "contradict"),
    "confirmed": ("confirm", "admit", "acknowledge", "verify", "concede", "corroborate", "validate"),
}

# A verb listed under several stances takes the most specific (later wins over "asserted").
CUE_VERBS: dict[str, str] = {}
for _stance in ("asserted", "reported", "alleged", "hedged", "denied", "confirmed"):
    for _lemma in _BY_STANCE[_stance]:
        CUE_VERBS[_lemma] = _stance

#: Nouns that head a reported statement ("his claim that …", "the allegation that …").
CUE_NOUNS: dict[str, str] = {
    "claim": "alleged",
    "allegation": "alleged",
    "accusation": "alleged",
    "statement": "asserted",
    "announcement": "asserted",
    "assertion": "asserted",
    "argument": "hedged",
    "belief": "hedged",
    "warning": "hedged",
    "fear": "hedged",
    "denial": "denied",
    "confirmation": "confirmed",
    "admission": "confirmed",
    "report": "reported",
    "promise": "asserted",
    "pledge": "asserted",
}

#: Adverbs and phrases that hedge a proposition whoever utters it.
HEDGES = frozenset(
    "reportedly allegedly apparently purportedly supposedly possibly perhaps maybe likely unlikely "
    "probably presumably seemingly ostensibly".split()
)
MODALS_HEDGE = frozenset({"may", "might", "could", "can"})
FUTURE_MARKERS = frozenset({"will", "shall", "'ll", "plan", "intend", "schedule", "set", "poised", "expected"})
CONDITIONAL_MARKERS = frozenset({"if", "unless", "would"})

#: Heads of unnamed human sources ("sources", "officials", "a person familiar …", "critics").
ANONYMOUS_NOUNS = frozenset(
    "source official person people aide adviser advisor insider diplomat analyst expert critic observer "
    "economist lawmaker legislator staffer employee witness resident member operative strategist "
    "supporter opponent activist investigator official officer authority individual someone "
    "administration_official executive negotiator".split()
)
#: Heads of documentary sources.
DOCUMENT_NOUNS = frozenset(
    "document memo memorandum letter filing indictment statement transcript email e-mail cable "
    "complaint lawsuit order directive bill law study survey poll data record records dossier "
    "affidavit ruling decision release communique communiqué readout".split()
)
#: Heads of an outlet's reporting ("A Washington Post report", "the Reuters story").
REPORT_NOUNS = frozenset("report reporting story article investigation analysis piece exclusive scoop".split())
VIDEO_NOUNS = frozenset("video footage clip recording broadcast livestream film".split())
GOVERNMENT_NOUNS = frozenset(
    "government administration ministry department pentagon kremlin cabinet regime presidency "
    "embassy parliament congress senate junta state".split()
)
ORGANISATION_NOUNS = frozenset(
    "campaign company party group organization organisation committee agency firm union council "
    "court commission coalition movement network bank".split()
)

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12, "dozen": 12, "a": 1, "an": 1,
}
#: Quantifiers that say "more than one" without a number.
VAGUE_QUANTIFIERS = frozenset("multiple several many some numerous various few other more".split())

#: Lemmas that mark evaluative, framing or figurative language in the author's own voice.
OPINION_WORDS = frozenset(
    "hegemony imperialist imperialism tyranny tyrant regime-change brace cling freefall defiant "
    "looming loom hang balance deeper broader struggle turmoil reckless disastrous shameful "
    "outrageous heroic brutal sham illegitimate corrupt evil admirable disgraceful catastrophic "
    "unprecedented staggering alarming troubling dangerous desperate adversary".split()
)
#: Verbs with which an author frames a situation ("the crisis reflects …").
FRAMING_VERBS = frozenset(
    "reflect underscore highlight illustrate symbolize symbolise epitomize embody signal mark "
    "expose reveal represent demonstrate show".split()
)


def stance_of(lemma: str) -> str | None:
    """The stance of a cue verb's lemma, or None if it is not a cue."""
    return CUE_VERBS.get(lemma.lower())
