"""Roles and titles written beside a name.

Three places are read, all on the raw text so spans stay exact:

* a title before the name — ``Venezuelan President Nicolás Maduro``,
  ``VP Delcy Rodríguez``, ``Department of War Secretary Pete Hegseth``;
* a qualifier before that title — a country or nationality (``U.S.``,
  ``Venezuelan``, ``Venezuela’s``) or an organisation (``Apple CEO``);
* an apposition after the name — ``Delcy Rodríguez, Venezuela’s vice president,``.

Titles are normalised (``VP`` → ``Vice President``, ``Defense Secretary`` →
``Secretary of Defense``, ``Department of War Secretary`` → ``Secretary of War``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.analyse.entities.names import country_of, strip_possessive
from dossier.model import Role, Span

__all__ = ["TitleMatch", "leading_title", "title_before", "title_after", "normalise_title", "NATIONAL_TITLES"]

_MODIFIER = (
    r"(?:(?:Vice|Deputy|Acting|Interim|Former|Foreign|Defen[cs]e|Interior|Finance|Economy|Trade|Health|"
    r"Justice|Treasury|State|Homeland\s+Security|National\s+Security|War|Energy|Oil|Commerce|Labou?r|Senior|"
    r"Top|Chief|Supreme|Prime|Attorney|First|Opposition|Army|Navy|Military|Executive|Assistant|Under|Special|"
    r"Press|Communications|Security|Intelligence)\s+)*"
)
_CORE = (
    r"(?:President(?:-elect)?|VP|Vice-President|Secretary(?:-General)?|Minister|Senator|Sen\.|Representative|"
    r"Rep\.|Congressman|Congresswoman|Governor|Gov\.|Mayor|General|Gen\.|Admiral|Adm\.|Chancellor|King|Queen|"
    r"Prince|Princess|Pope|Ambassador|Envoy|Spokes(?:man|woman|person)|Director|Chairman|Chairwoman|CEO|"
    r"Commander|Colonel|Col\.|Judge|Justice|Speaker|Leader|Premier|Lawmaker|Dictator|Strongman|Adviser|Advisor|"
    r"Lady|Emir|Sheikh|Ayatollah|Czar|Tsar|Executive\s+Officer|Executive|Chief)"
)
_SECRETARY_OF = r"(?:Secretary\s+of\s+(?:State|Defen[cs]e|War|the\s+Treasury|Treasury|Homeland\s+Security|Energy|Commerce|Labor|Health))"
_DEPARTMENT = r"(?:Department\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+)"
_TITLE = rf"(?i:{_DEPARTMENT}?{_MODIFIER}(?:{_SECRETARY_OF}|{_CORE}))"

_BEFORE = re.compile(rf"(?<![\w.])(?P<title>{_TITLE})[ \t]+$")
_LEADING = re.compile(rf"(?P<title>{_TITLE})\s+(?=[A-Z])")
_QUALIFIER = re.compile(r"(?P<q>(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}?)(?P<poss>['’‘]s)?[ \t]+$")
_AFTER = re.compile(
    rf",[ \t]+(?:(?i:the)[ \t]+)?(?:(?P<q>[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)(?:['’‘]s)?[ \t]+)?"
    rf"(?P<title>{_TITLE})(?:[ \t]+of[ \t]+(?:the[ \t]+)?(?P<of>[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){{0,3}}))?"
    r"(?=[ \t]*[,.;)—–]|[ \t]+(?:who|and|said|says|has|had|is|was|told)\b)"
)

#: Titles that belong to a country's government; an unqualified one may take its
#: country from the sentence (see :func:`dossier.analyse.entities.extract_entities`).
NATIONAL_TITLES = frozenset(
    {"President", "Vice President", "Prime Minister", "Foreign Minister", "Defense Minister", "Interior Minister",
     "Secretary of State", "Secretary of Defense", "Secretary of War", "Secretary of the Treasury", "Ambassador"}
)

_ABBREVIATIONS = {
    "vp": "Vice President",
    "vice-president": "Vice President",
    "sen.": "Senator",
    "rep.": "Representative",
    "gov.": "Governor",
    "gen.": "General",
    "adm.": "Admiral",
    "col.": "Colonel",
    "ceo": "CEO",
}
_DEPARTMENT_SECRETARY = re.compile(r"^department of (?P<d>.+?) secretary$", re.I)
_X_SECRETARY = re.compile(
    r"^(?P<d>defen[cs]e|war|treasury|energy|commerce|labor|health|homeland security|interior) secretary$", re.I
)
_SMALL = {"of", "the", "and"}


def _title_case(text: str) -> str:
    words = text.split()
    return " ".join(w if w.isupper() and len(w) > 1 else (w.lower() if w.lower() in _SMALL and i else w[:1].upper() + w[1:].lower()) for i, w in enumerate(words))


def normalise_title(raw: str) -> tuple[str, str | None]:
    """The normal form of a written title and its time (``"former"`` or None).

    >>> normalise_title("Department of War Secretary")
    ('Secretary of War', None)
    >>> normalise_title("VP")
    ('Vice President', None)
    """
    text = " ".join(raw.split())
    time = None
    if text.lower().startswith("former "):
        time, text = "former", text[7:]
    lowered = text.lower()
    if lowered in _ABBREVIATIONS:
        return _ABBREVIATIONS[lowered], time
    match = _DEPARTMENT_SECRETARY.match(text) or _X_SECRETARY.match(text)
    if match:
        department = match.group("d")
        department = "the Treasury" if department.lower() == "treasury" else _title_case(department)
        return f"Secretary of {department}", time
    return _title_case(text), time


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """A title found beside a name, with the span it covers (qualifier included)."""

    role: Role
    start: int
    end: int


def _role(text: str, title_start: int, title_end: int, of: str | None, span_start: int, span_end: int) -> TitleMatch | None:
    title, time = normalise_title(text[title_start:title_end])
    if title.lower() in {"chief", "leader", "lady"}:  # too vague alone to be a title
        return None
    return TitleMatch(Role(title=title, of=of, span=Span.of(text, span_start, span_end), time=time), span_start, span_end)


def leading_title(text: str, start: int, end: int) -> int:
    """Where the name starts inside ``text[start:end]`` once a leading title is removed."""
    match = _LEADING.match(text, start, end)
    return match.end() if match else start


def title_before(text: str, start: int, qualifiers: dict[int, str], *, window: int = 90) -> TitleMatch | None:
    """The title written just before the name at ``start``, with its qualifier.

    Args:
        text: The report text.
        start: Where the name starts.
        qualifiers: Entity texts by their end offset (places, nationalities,
            organisations found by the model) that may qualify a title.
        window: How far back to look.
    """
    lo = max(0, start - window)
    left = text[lo:start]
    newline = left.rfind("\n")
    if newline >= 0:
        lo, left = lo + newline + 1, left[newline + 1 :]
    match = _BEFORE.search(left)
    if match is None:
        return None
    title_start = lo + match.start("title")
    title_end = lo + match.end("title")
    of = None
    span_start = title_start
    before = text[max(title_start - 60, 0) : title_start]
    base = title_start - len(before)
    qual = _QUALIFIER.search(before)
    if qual is not None:
        q_end = base + qual.end("q")
        words = list(re.finditer(r"\S+", qual.group("q")))
        for i in range(len(words)):  # longest suffix first: "United States" before "States"
            candidate = qual.group("q")[words[i].start() :]
            country = country_of(candidate)
            if country is not None:
                of, span_start = country, base + qual.start("q") + words[i].start()
                break
        else:
            if q_end in qualifiers:
                name = strip_possessive(qualifiers[q_end])
                of, span_start = country_of(name) or name, q_end - len(qualifiers[q_end])
    return _role(text, title_start, title_end, of, span_start, title_end)


def title_after(text: str, end: int) -> TitleMatch | None:
    """A title in apposition after the name ending at ``end`` (``…, Venezuela’s vice president,``)."""
    match = _AFTER.match(text, end)
    if match is None:
        return None
    of_text = match.group("of") or match.group("q")
    of = (country_of(of_text) or strip_possessive(of_text)) if of_text else None
    span_start = match.start("q") if match.group("q") else match.start("title")
    span_end = match.end("of") if match.group("of") else match.end("title")
    return _role(text, match.start("title"), match.end("title"), of, span_start, span_end)
