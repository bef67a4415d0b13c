"""The event ontology: typed actions of crises and negotiations.

In the spirit of CAMEO (Gerner et al. 2002) and its successor PLOVER (Schrodt
2018): a small set of action types, each with the trigger lemmas that evoke it
and how its syntactic arguments map to participant roles.  ``docs/events.md``
documents every type; a test checks that the two agree.

A trigger is either a verb lemma, an *event noun* that denotes the action on its
own ("the call", "a second strike", "his demands"), a *light-verb noun* that
does so only as the object of a light verb ("impose sanctions", "issue a
warning"), or a *phrasal* verb with its particle ("shut down", "step down").
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "EventType",
    "ONTOLOGY",
    "BY_NAME",
    "LIGHT_VERBS",
    "DEADLINE_NOUNS",
    "CONSTRAINED_VERBS",
    "type_for_verb",
    "type_for_noun",
    "is_phrasal",
]


@dataclass(frozen=True, slots=True)
class EventType:
    """One action type.

    Attributes:
        name: The type as it appears in ``Event.type``.
        description: What counts as this action.
        plover: The nearest PLOVER category.
        cameo: The nearest CAMEO code(s).
        verbs: Verb lemmas that trigger it.
        nouns: Event nouns that trigger it on their own.
        light_nouns: Nouns that trigger it as the object of a light verb.
        phrasal: ``(verb, particle)`` pairs ("shut down").
        object_role: The role of a verb's direct object: ``target`` (an actor
            acted upon) or ``theme`` (the thing demanded, rejected, closed).
        with_role: The role of a ``with``/``between`` object (meetings).
        example: A sentence that evokes it.
    """

    name: str
    description: str
    plover: str
    cameo: str
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    light_nouns: frozenset[str] = frozenset()
    phrasal: frozenset[tuple[str, str]] = frozenset()
    object_role: str = "theme"
    with_role: str = "target"
    example: str = ""


def _t(name: str, description: str, plover: str, cameo: str, *, verbs: str = "", nouns: str = "",
       light: str = "", phrasal: str = "", object_role: str = "theme", example: str = "") -> EventType:
    return EventType(
        name, description, plover, cameo,
        frozenset(verbs.split()), frozenset(nouns.split()), frozenset(light.split()),
        frozenset(tuple(p.split("_")) for p in phrasal.split()),  # type: ignore[misc]
        object_role, "target", example,
    )  # fmt: skip


ONTOLOGY: tuple[EventType, ...] = (
    _t("demand", "An actor demands, insists on or sets conditions for something.", "REQUEST", "10",
       verbs="demand insist seek", nouns="demand condition precondition",
       example="Maduro sought guarantees for himself and his family."),
    _t("request", "An actor asks for something (a call, aid, a meeting) without coercion.", "REQUEST", "02",
       verbs="request ask appeal urge", nouns="request appeal plea",
       example="The Venezuelan government has since requested another call with Trump."),
    _t("propose", "An actor puts forward a plan or settlement for the other side to accept.", "AGREE", "03",
       verbs="propose suggest", nouns="proposal plan proposition",
       example="Maduro's proposal to install Rodríguez as interim leader was rejected."),
    _t("offer", "An actor offers a concession, window, aid or deal.", "AGREE", "03",
       verbs="offer", example="Trump offered only a one-week window for Maduro to depart."),
    _t("accept", "An actor accepts or agrees to a demand or proposal.", "AGREE", "08",
       verbs="accept agree approve endorse", nouns="acceptance approval",
       example="The government accepted the terms."),
    _t("reject", "An actor rejects, refuses or dismisses a demand, proposal or charge.", "REJECT", "12",
       verbs="reject refuse dismiss rebuff decline spurn veto", nouns="rejection refusal",
       example="Trump rejected his conditions."),
    _t("threaten", "An actor threatens or warns of coercive action.", "THREATEN", "13",
       verbs="threaten", nouns="threat", light="warning", object_role="target",
       example="Trump threatened military action."),
    _t("give_ultimatum", "An actor sets a deadline for another to comply or face a consequence.", "THREATEN",
       "1313", light="ultimatum deadline", object_role="target",
       example="Trump gave Maduro until Friday, Nov. 28, to leave Venezuela."),
    _t("close", "An actor closes airspace, a border, a route or a facility.", "SANCTION", "1711",
       verbs="close shut seal blockade", nouns="closure closing blockade", phrasal="shut_down close_off",
       example="The U.S. shut down Venezuelan airspace."),
    _t("strike", "An armed attack: strike, bombing, raid, shooting.", "ASSAULT", "19",
       verbs="strike attack bomb raid shell bombard", nouns="strike attack airstrike bombing raid assault",
       object_role="target", example="Hegseth ordered a second strike on survivors."),
    _t("intervene", "Armed intervention or invasion of another country.", "ASSAULT", "19",
       verbs="invade intervene", nouns="invasion intervention incursion",
       example="Concerns of potential military intervention."),
    _t("deploy", "An actor deploys or builds up forces, ships or equipment.", "MOBILIZE", "15",
       verbs="deploy", nouns="buildup deployment build-up", light="presence",
       example="A U.S. military buildup in the Caribbean."),
    _t("designate", "An actor designates or lists another as terrorist, criminal, etc.", "SANCTION", "17",
       verbs="designate list label brand", nouns="designation", object_role="target",
       example="Designating Maduro's inner circle as a foreign terrorist organization."),
    _t("sanction", "An actor imposes sanctions, embargoes or tariffs.", "SANCTION", "163",
       verbs="sanction embargo", light="sanction embargo tariff", object_role="target",
       example="Washington imposed new sanctions on PDVSA."),
    _t("accuse", "An actor accuses another of wrongdoing.", "ACCUSE", "112",
       verbs="accuse blame charge", nouns="accusation", object_role="target",
       example="His government accuses Washington of orchestrating regime change."),
    _t("deny", "An actor denies an accusation or report.", "REJECT", "125",
       verbs="deny", nouns="denial", example="His government denies all criminal allegations."),
    _t("investigate", "An actor opens an investigation or inquiry.", "ACCUSE", "09",
       verbs="investigate probe", nouns="investigation inquiry probe",
       example="Congress will investigate the strike."),
    _t("meet", "Two sides meet, talk, call or negotiate.", "CONSULT", "04",
       verbs="meet", nouns="call meeting talk summit", example="The Nov. 21 call between Trump and Maduro."),
    _t("announce", "An actor announces, declares or proclaims a decision.", "CONSULT", "01",
       verbs="announce proclaim", nouns="announcement",
       example="The White House announced the measures."),
    _t("resign", "An actor resigns, steps down or leaves office or a country under pressure.", "CONCEDE",
       "0874", verbs="resign depart leave quit", nouns="resignation departure",
       phrasal="step_down", example="Maduro would leave Venezuela voluntarily."),
    _t("flee", "People flee, migrate or are displaced.", "RETREAT", "0233",
       verbs="flee migrate emigrate evacuate", nouns="migration exodus flight evacuation",
       example="Hyperinflation has driven millions to flee."),
    _t("support", "An actor defends, backs or praises another.", "SUPPORT", "05",
       verbs="defend back support praise", object_role="target",
       example="Trump defended Hegseth."),
    _t("expire", "A deadline passes, expires or lapses.", "OTHER", "-",
       verbs="expire lapse pass", nouns="expiry expiration",
       example="The deadline passed without action."),
    _t("extend", "A deadline or ultimatum is extended or postponed.", "CONCEDE", "-",
       verbs="extend postpone delay", nouns="extension postponement",
       example="Trump extended the deadline by a week."),
    _t("withdraw", "An ultimatum, demand or offer is withdrawn or lifted.", "CONCEDE", "-",
       verbs="withdraw rescind lift revoke drop", nouns="withdrawal",
       example="Washington withdrew the ultimatum."),
    _t("comply", "An actor complies with a demand or ultimatum.", "CONCEDE", "08",
       verbs="comply", nouns="compliance", example="Maduro complied with the demand."),
)

#: Types by name.
BY_NAME: dict[str, EventType] = {t.name: t for t in ONTOLOGY}

#: Verbs whose object noun names the action (``impose sanctions``, ``increase its presence``).
LIGHT_VERBS = frozenset(
    "impose issue make give launch carry conduct order announce hold increase expand extend "
    "have place slap level tighten set deliver".split()
)

#: Nouns that name a deadline; "the deadline passed" is an ``expire`` event only with one of these.
DEADLINE_NOUNS = frozenset("deadline ultimatum window".split())

# Verbs that are triggers only with a suitable object or subject: "pass" only of a deadline,
# "leave" only of a country or office, "list"/"brand" only with "as".
CONSTRAINED_VERBS = frozenset("pass expire lapse leave close list brand charge back lift drop strike extend".split())

_VERBS: dict[str, str] = {}
_NOUNS: dict[str, str] = {}
_LIGHT: dict[str, str] = {}
for _type in ONTOLOGY:
    for _lemma in _type.verbs:
        _VERBS.setdefault(_lemma, _type.name)
    for _lemma in _type.nouns:
        _NOUNS.setdefault(_lemma, _type.name)
    for _lemma in _type.light_nouns:
        _LIGHT.setdefault(_lemma, _type.name)
_PHRASAL: dict[tuple[str, str], str] = {p: t.name for t in ONTOLOGY for p in t.phrasal}


def type_for_verb(lemma: str, particle: str | None = None) -> str | None:
    """The event type a verb lemma (with its particle, if any) evokes, or None."""
    lemma = lemma.lower()
    if particle and (lemma, particle.lower()) in _PHRASAL:
        return _PHRASAL[(lemma, particle.lower())]
    return _VERBS.get(lemma)


def is_phrasal(lemma: str, particle: str) -> bool:
    """Whether ``lemma`` + ``particle`` is a registered phrasal trigger ("shut down")."""
    return (lemma.lower(), particle.lower()) in _PHRASAL


def type_for_noun(lemma: str, *, light: bool = False) -> str | None:
    """The event type an event noun evokes; with ``light=True`` also light-verb nouns."""
    lemma = lemma.lower()
    if lemma in _NOUNS:
        return _NOUNS[lemma]
    return _LIGHT.get(lemma) if light else None
