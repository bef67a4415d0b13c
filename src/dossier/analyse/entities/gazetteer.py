"""Outlets, platforms and AI engines named in a text, from the outlet directory.

Outlets are not ordinary organisations: "Reuters", "ZeroHedge.com",
"Brighteon.com", "BrightU.AI" and its engine "Enoch" are found by the curated
directory (:mod:`dossier.outlets`, extendable with the user's own file) and by
the shape of a bare domain ("X.com"), whatever the statistical model thought
they were.  Matching is accent- and case-insensitive over a folded copy of the
text whose offsets map back to the original, with guards for short or common
words (an alias of four letters or fewer must appear exactly; every alias must
start with a capital in the text; "the Post" counts only if the outlet is named
in full elsewhere).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from dossier.model import Outlet
from dossier.outlets import OutletDirectory, domain_of

__all__ = ["OutletMention", "find_outlets", "outlet_type"]

_TLDS = (
    "com|org|net|ai|io|co|uk|gov|news|tv|info|us|ve|es|fr|de|ru|cn|ir|it|eu|ca|au|in|me|ly|be|ch|nl|br|mx|ar|"
    "cl|co\\.uk|org\\.uk|gob\\.ve|app|media|press|social|video"
)
_DOMAIN = re.compile(rf"(?<![\w@./-])(?:https?://)?(?:www\.)?((?:[A-Za-z0-9][A-Za-z0-9-]*\.)+(?:{_TLDS}))(?![\w-]|\.[A-Za-z0-9])", re.I)


def outlet_type(outlet: Outlet) -> str:
    """The entity type of an outlet: ``platform`` (video, social), ``ai_engine`` or ``outlet``."""
    if outlet.kind in ("video_platform", "social"):
        return "platform"
    if outlet.kind == "ai_engine":
        return "ai_engine"
    return "outlet"


@dataclass(frozen=True, slots=True)
class OutletMention:
    """An outlet named at ``text[start:end]``."""

    start: int
    end: int
    outlet: Outlet
    by: str  # name | domain


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character without accents, case-folded; a typographic apostrophe as ``'``."""
    if char in "‘’`":
        return "'"
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).casefold()


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, the offset of its source character."""
    if text.isascii():  # ASCII folds to itself in lower case, one character each
        return text.lower().replace("`", "'"), list(range(len(text) + 1))
    parts = [_fold_char(char) for char in text]
    folded = "".join(parts)
    if all(len(part) == 1 for part in parts):
        return folded, list(range(len(text) + 1))
    offsets: list[int] = []
    for i, part in enumerate(parts):
        offsets.extend([i] * len(part))
    offsets.append(len(text))
    return folded, offsets


@functools.lru_cache(maxsize=8)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted((n for n in names if len(n) > 1), key=len, reverse=True)
    body = "|".join(re.escape(n) for n in alternatives)
    return re.compile(rf"(?<![\w.@/-])(?:{body})(?![\w]|\.[a-z0-9])")


def find_outlets(text: str, directory: OutletDirectory) -> list[OutletMention]:
    """Every outlet, platform and AI engine named in ``text``, longest match first, without overlaps."""
    found: list[OutletMention] = []
    for match in _DOMAIN.finditer(text):
        domain = domain_of(match.group(1))
        if domain is None:
            continue
        outlet = directory.by_domain(domain) or directory.resolve(domain)
        if outlet.kind == "unknown" and outlet.name == domain:
            outlet = Outlet(domain=domain, name=match.group(1), kind="unknown")
        found.append(OutletMention(match.start(), match.end(), outlet, "domain"))
    folded, offsets = _fold_with_offsets(text)
    pattern = _name_pattern(tuple(directory.names()))
    named_in_full: set[str] = {m.outlet.domain for m in found}
    generic: list[OutletMention] = []
    for match in pattern.finditer(folded):
        start, end = offsets[match.start()], offsets[match.end()]
        surface = text[start:end]
        name = match.group(0)
        outlet = directory.by_name(name)
        if outlet is None or not surface[:1].isupper() and not name.startswith("the "):
            continue
        letters = re.sub(r"[^\w]", "", name)
        if len(letters) <= 4 and surface != surface.upper() and surface.lower() not in ("dpa",):
            continue  # "AP", "RT", "AFP" only as written in capitals
        if name.startswith("the ") and not surface[4:5].isupper():
            continue
        mention = OutletMention(start, end, outlet, "name")
        if name.startswith("the ") and len(name.split()) == 2:
            generic.append(mention)  # "the Post": only if the outlet is named in full too
        else:
            found.append(mention)
            named_in_full.add(outlet.domain)
    found.extend(m for m in generic if m.outlet.domain in named_in_full)
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[OutletMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept
