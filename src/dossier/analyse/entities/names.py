"""Name keys: accent-, case- and punctuation-insensitive forms of entity names.

``name_key("VP Delcy Rodríguez’s")`` is ``"delcy rodriguez"``; ``name_key("U.S.")`` is
``"united states"`` (country aliases are resolved to one canonical name).  The
same keys are used within a report (grouping mentions) and across reports
(:mod:`dossier.link.identity`), so both agree on when two names are one.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "fold",
    "org_head",
    "strip_corporate_suffix",
    "name_key",
    "strip_possessive",
    "country_of",
    "canonical_place",
    "COUNTRY_ALIASES",
    "DEMONYMS",
]

#: Written forms of countries and blocs, folded, to their canonical English name.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "United States",
    "usa": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "the united states": "United States",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "venezuela": "Venezuela",
    "bolivarian republic of venezuela": "Venezuela",
    "russia": "Russia",
    "russian federation": "Russia",
    "china": "China",
    "prc": "China",
    "people's republic of china": "China",
    "iran": "Iran",
    "cuba": "Cuba",
    "colombia": "Colombia",
    "brazil": "Brazil",
    "mexico": "Mexico",
    "canada": "Canada",
    "france": "France",
    "germany": "Germany",
    "spain": "Spain",
    "italy": "Italy",
    "japan": "Japan",
    "india": "India",
    "israel": "Israel",
    "ukraine": "Ukraine",
    "north korea": "North Korea",
    "south korea": "South Korea",
    "eu": "European Union",
    "european union": "European Union",
    "uae": "United Arab Emirates",
    "united arab emirates": "United Arab Emirates",
    "netherlands": "Netherlands",
    "the netherlands": "Netherlands",
    "australia": "Australia",
    "argentina": "Argentina",
    "chile": "Chile",
    "peru": "Peru",
    "ecuador": "Ecuador",
    "bolivia": "Bolivia",
    "nicaragua": "Nicaragua",
    "panama": "Panama",
    "guyana": "Guyana",
    "trinidad and tobago": "Trinidad and Tobago",
    "turkey": "Turkey",
    "saudi arabia": "Saudi Arabia",
    "qatar": "Qatar",
    "syria": "Syria",
    "iraq": "Iraq",
    "egypt": "Egypt",
    "south africa": "South Africa",
    "sweden": "Sweden",
    "romania": "Romania",
}

#: More countries, without those that are also common given names or US states (Jordan, Chad, Georgia).
_MORE_COUNTRIES = (
    "Afghanistan Albania Algeria Andorra Angola Armenia Austria Azerbaijan Bahamas Bahrain Bangladesh Barbados "
    "Belarus Belgium Belize Benin Bhutan Botswana Brunei Bulgaria Burundi Cambodia Cameroon Comoros Croatia "
    "Cyprus Denmark Djibouti Dominica Estonia Eswatini Ethiopia Fiji Finland Gabon Gambia Ghana Greece "
    "Grenada Guatemala Guinea Haiti Honduras Hungary Iceland Indonesia Ireland Jamaica Kazakhstan Kenya "
    "Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania "
    "Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Moldova Monaco Mongolia "
    "Montenegro Morocco Mozambique Myanmar Namibia Nauru Nepal Niger Nigeria Norway Oman Pakistan Palau Palestine "
    "Paraguay Philippines Poland Portugal Rwanda Samoa Senegal Serbia Seychelles Singapore Slovakia Slovenia "
    "Somalia Sudan Suriname Switzerland Taiwan Tajikistan Tanzania Thailand Togo Tonga Tunisia Turkmenistan "
    "Tuvalu Uganda Uruguay Uzbekistan Vanuatu Vietnam Yemen Zambia Zimbabwe"
).split() + ["El Salvador", "Costa Rica", "Dominican Republic", "Sri Lanka", "New Zealand", "Czech Republic",
             "Sierra Leone", "South Sudan", "Ivory Coast", "Burkina Faso", "Cape Verde", "North Macedonia",
             "Bosnia and Herzegovina", "Papua New Guinea", "Saint Lucia", "Equatorial Guinea", "Vatican City"]
COUNTRY_ALIASES.update({c.lower(): c for c in _MORE_COUNTRIES})

#: Nationality adjectives (folded) to the country they qualify ("Venezuelan President").
DEMONYMS: dict[str, str] = {
    "american": "United States",
    "us": "United States",
    "u.s": "United States",
    "venezuelan": "Venezuela",
    "british": "United Kingdom",
    "russian": "Russia",
    "chinese": "China",
    "iranian": "Iran",
    "cuban": "Cuba",
    "colombian": "Colombia",
    "brazilian": "Brazil",
    "mexican": "Mexico",
    "canadian": "Canada",
    "french": "France",
    "german": "Germany",
    "spanish": "Spain",
    "italian": "Italy",
    "japanese": "Japan",
    "indian": "India",
    "israeli": "Israel",
    "ukrainian": "Ukraine",
    "north korean": "North Korea",
    "south korean": "South Korea",
    "european": "European Union",
    "dutch": "Netherlands",
    "australian": "Australia",
    "argentine": "Argentina",
    "argentinian": "Argentina",
    "chilean": "Chile",
    "peruvian": "Peru",
    "ecuadorian": "Ecuador",
    "bolivian": "Bolivia",
    "nicaraguan": "Nicaragua",
    "panamanian": "Panama",
    "guyanese": "Guyana",
    "turkish": "Turkey",
    "saudi": "Saudi Arabia",
    "qatari": "Qatar",
    "syrian": "Syria",
    "iraqi": "Iraq",
    "egyptian": "Egypt",
    "swedish": "Sweden",
    "romanian": "Romania",
}

_POSSESSIVE = re.compile(r"(?:['’‘`][sS]|['’‘])$")  # "MADURO’S" in an all-caps headline too
_TRIM = " \t\n\"“”'‘’`,;:()[]{}"
_NON_WORD = re.compile(r"[^\w\s&+-]")
_SPACES = re.compile(r"[\s\-]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and remove accents: ``"Rodríguez"`` → ``"rodriguez"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def strip_possessive(text: str) -> str:
    """``"Maduro’s"`` → ``"Maduro"``; other text unchanged (trimmed of quotes and spaces).

    A name that already ends like a possessive keeps one key with its own possessive
    (``"McDonald’s’s"`` → ``"McDonald"``, as ``"McDonald’s"``).
    """
    value = text.strip(_TRIM)
    while (stripped := _POSSESSIVE.sub("", value).strip(_TRIM)) != value:
        value = stripped
    return value


def _plain(text: str) -> str:
    """Folded, without possessive, leading article, dots and other punctuation."""
    value = fold(strip_possessive(text))
    value = re.sub(r"^the\s+", "", value)
    value = value.replace(".", "")
    value = _NON_WORD.sub(" ", value)
    return _SPACES.sub(" ", value).strip()


def canonical_place(text: str) -> str | None:
    """The canonical name of a country written as ``text`` (``"U.S."`` → ``"United States"``)."""
    plain = _plain(text)
    return COUNTRY_ALIASES.get(plain) or COUNTRY_ALIASES.get(f"the {plain}")


def country_of(qualifier: str) -> str | None:
    """The country a qualifier names: a demonym (``"Venezuelan"``) or a country (``"U.S."``)."""
    plain = _plain(qualifier)
    return DEMONYMS.get(plain) or canonical_place(qualifier)


def name_key(text: str) -> str:
    """The key under which names are the same entity: folded, punctuation-free, countries canonical.

    >>> name_key("Delcy Rodríguez") == name_key("Delcy Rodriguez’s")
    True
    """
    place = canonical_place(text)
    return fold(place) if place else _plain(text)


_CORPORATE = re.compile(
    r"(?:\s+(?:inc|incorporated|corp|corporation|co|company|companies|ltd|limited|llc|plc|ag|sa|spa|nv|bv|gmbh|"
    r"group|holdings?))+$"
)
#: First words too generic to stand for an organisation on their own ("General" Motors or Electric?).
GENERIC_HEADS = frozenset(
    "united national general new american international first royal federal central state department ministry "
    "bank university office council world global north south east west great grand old big best public free "
    "democratic republican people peoples union association society institute committee commission agency "
    "standard universal continental pacific atlantic northern southern eastern western us".split()
)


def strip_corporate_suffix(key: str) -> str:
    """``"apple inc"`` → ``"apple"``; ``"ford motor company"`` → ``"ford motor"`` (a name key in, a key out)."""
    stripped = _CORPORATE.sub("", key).strip()
    return stripped or key


def org_head(key: str) -> str | None:
    """The first word of an organisation's key when it can stand for it (``"apple computer"`` → ``"apple"``)."""
    words = key.split()
    if not words or len(words[0]) < 3 or words[0] in GENERIC_HEADS or words[0] in DEMONYMS or canonical_place(words[0]):
        return None
    return words[0]
