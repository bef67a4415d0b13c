"""Modality of an event: happened, reported, alleged, planned, threatened, conditional, negated.

An attribution from the attribution analyser whose content holds the trigger
decides ``reported``/``alleged``/``negated`` by its stance.  Without one, the
clause above the trigger does: a reporting verb ("revealed", "notes",
"according to"), an allegation ("alleged", "accuse … of"), a plan or threat
("agreeing to step down", "threatened to strike"), a modal or condition
("could", "if"), a negation.  Irrealis beats attribution: "sources said he
would resign" is planned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from dossier.model import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["MODALITIES", "modality_of", "STANCE_MODALITY"]

MODALITIES = ("happened", "reported", "alleged", "planned", "threatened", "conditional", "negated")

#: Attribution stance → event modality.
STANCE_MODALITY = {
    "asserted": "reported",
    "reported": "reported",
    "confirmed": "reported",
    "alleged": "alleged",
    "hedged": "alleged",
    "denied": "negated",
}

_REPORTING = frozenset(
    "say tell report reveal note state add write confirm announce disclose explain according "
    "acknowledge indicate show learn brief".split()
)
_ALLEGING = frozenset("allege claim accuse suspect charge argue".split())
_PLANNING = frozenset(
    "plan intend want seek aim prepare agree promise vow pledge consider weigh propose attempt try offer "
    "expect hope decide mull".split()
)
_THREATENING = frozenset("threaten warn".split())
_CONDITIONAL_MARKS = frozenset("if unless whether provided".split())
_MODALS_CONDITIONAL = frozenset("could might may would should".split())
_MODALS_FUTURE = frozenset("will shall 'll".split())
_IRREALIS_ADJ = frozenset("potential possible likely planned proposed threatened hypothetical future".split())
_ALLEGED_ADJ = frozenset("alleged suspected reported purported".split())


def _path_up(token: "Token", limit: int = 8) -> list["Token"]:
    path, current = [], token
    while current.head.i != current.i and len(path) < limit:
        path.append(current)
        current = current.head
    path.append(current)
    return path


def _own_markers(token: "Token") -> str | None:
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
            return "negated"
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in _MODALS_CONDITIONAL:
            return "conditional"
        if child.dep_ == "aux" and child.lower_ in _MODALS_FUTURE:
            return "planned"
        if child.dep_ == "mark" and child.lower_ in _CONDITIONAL_MARKS:
            return "conditional"
        if child.dep_ == "amod" and child.lower_ in _IRREALIS_ADJ:
            return "conditional"
    return None


def modality_of(
    trigger: "Token",
    attributions: Sequence[Attribution] = (),
    *,
    char_offset: int = 0,
) -> tuple[str, str | None]:
    """The modality of the event at ``trigger`` and the id of the attribution it rests on.

    Args:
        trigger: The trigger token.
        attributions: The report's attributions (content spans in report offsets).
        char_offset: Added to token offsets to get report offsets (0 when the doc is the report).
    """
    irrealis: str | None = None
    evidential: str | None = None
    path = _path_up(trigger)
    for i, token in enumerate(path):
        own = _own_markers(token)
        if own == "negated" and i <= 1:
            return "negated", None
        if own is not None and own != "negated" and irrealis is None and i <= 2:
            irrealis = own
        if i == 0:
            if any(c.dep_ == "amod" and c.lower_ in _ALLEGED_ADJ for c in token.children):
                evidential = "alleged"
            continue
        child = path[i - 1]
        lemma = token.lemma_.lower()
        if child.dep_ in ("nsubj", "nsubjpass", "csubj") or child.dep_ == "poss":
            continue  # the trigger sits in this verb's subject, not in what it reports
        if lemma in _THREATENING and irrealis is None:
            irrealis = "threatened"
        elif lemma in _PLANNING and irrealis is None and (child.dep_ in ("xcomp", "ccomp") or (
            child.dep_ in ("acl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        )):
            irrealis = "planned"
        if lemma in _ALLEGING:
            evidential = "alleged"
        elif lemma in _REPORTING and evidential is None:
            evidential = "reported"
        if token.lower_ == "allegations" or lemma == "allegation":
            evidential = "alleged"
    sentence = trigger.sent
    if evidential is None:
        for token in sentence:
            if token.lower_ == "according" and not (token.left_edge.i <= trigger.i <= token.right_edge.i):
                evidential = "reported"
    attribution_id: str | None = None
    position = trigger.idx + char_offset
    covering = [a for a in attributions if a.content.start <= position < a.content.end]
    if covering:
        best = min(covering, key=lambda a: a.content.end - a.content.start)
        attribution_id = best.id
        stance = STANCE_MODALITY.get(best.stance, "reported")
        evidential = "alleged" if evidential == "alleged" and stance == "reported" else stance
    if irrealis is not None:
        return irrealis, attribution_id
    return evidential or "happened", attribution_id
