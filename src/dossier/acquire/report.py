"""Building a :class:`~dossier.model.Report` from decoded text and metadata.

The id is a content hash of the URL (if any) and the text, so the same input
ingested twice is the same report, while one wire text republished by two
outlets stays two reports (their copy relation is found when linking).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from dossier.acquire.structure import parse_structure
from dossier.calendar import latest_explicit_date
from dossier.config import Config
from dossier.model import Outlet, Published, Report, content_id
from dossier.outlets import default_directory

__all__ = ["build_report", "detect_language", "normalise_text", "parse_datetime"]

#: How much of a report's text is searched for explicit dates to infer its reference date.
_INFER_SCAN_CHARS = 200_000
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:/|-|$)")


def normalise_text(text: str) -> str:
    """Unicode NFC and ``\\n`` line ends; nothing else is changed."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).lstrip("\ufeff")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), or None for too little text.

    Short English texts full of foreign names ("Nicolás Maduro and Delcy Rodríguez
    spoke in Caracas.") fool a character n-gram model; when it is unsure and English
    function words make up a good share of the words, the text is English.
    """
    sample = text[:4000]
    if sum(c.isalpha() for c in sample) < 20:
        return None
    lang, probability = _language_identifier().classify(sample)
    if lang != "en" and probability < _UNSURE and _english_share(sample) >= _ENGLISH_SHARE:
        return "en"
    return str(lang)


#: Below this normalised probability the identifier's answer is checked against function words.
_UNSURE = 0.6
#: Share of English function words above which an unsure text is taken as English.
_ENGLISH_SHARE = 0.12
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an and or but of to in on at for with from by as is are was were be been has have had "
    "that this these those it its he she they his her their said says will would not after before".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def _english_share(sample: str) -> float:
    words = [w.lower() for w in _WORD.findall(sample)]
    return sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words) if words else 0.0


@functools.lru_cache(maxsize=1)
def _language_identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def parse_datetime(value: str) -> str | None:
    """ISO 8601 form of a date or datetime written in metadata, or None if unreadable."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed.date().isoformat() if len(value) <= 10 else parsed.isoformat()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    from htmldate.validators import convert_date  # a tolerant parser for the odd formats

    try:
        converted = convert_date(value, "%Y-%m-%d", "%Y-%m-%d")
        return str(converted) if converted else None
    except Exception:  # htmldate raises assorted errors for junk; junk means "no date"
        return None


def _published(
    text: str,
    url: str | None,
    metadata_date: str | None,
    user_date: str | None,
    today: dt.date,
) -> Published:
    if user_date:
        return Published(user_date, "user", "given with --published")
    if metadata_date:
        parsed = parse_datetime(metadata_date)
        if parsed:
            return Published(parsed, "metadata", f"from the input's metadata ({metadata_date!r})")
    if url:
        m = _URL_DATE.search(url)
        if m:
            try:
                date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                return Published(date.isoformat(), "url", f"date in the URL path {m.group(0)!r}")
            except ValueError:
                pass
    # A news report's reference date sits near its top; scanning 50 MB for it costs
    # seconds and finds dates of quoted history rather than of the report.
    latest = latest_explicit_date(text[:_INFER_SCAN_CHARS], today)
    if latest is not None:
        return Published(
            latest.date.isoformat(),
            "inferred",
            f"no publication date given; reference date inferred from the latest explicit date in the text, "
            f"{text[latest.start:latest.end]!r} at {latest.start} ({latest.note})",
        )
    return Published(None, "none", "no publication date given and no explicit date in the text")


def build_report(
    text: str,
    *,
    config: Config | None = None,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    user_published: str | None = None,
    outlet: str | Outlet | None = None,
    byline: str | None = None,
    language: str | None = None,
    source_format: str = "text",
    source_name: str = "",
    raw_id: str | None = None,
) -> Report:
    """Make a report from its text and whatever metadata came with it.

    Args:
        text: Main text (already extracted from HTML where applicable).
        config: Settings (outlet list, today's date for year reasoning).
        url: Canonical URL, if known; also used for the outlet and a URL date.
        title: Title from metadata; otherwise the text's first line if it looks like one.
        published: Publication time from metadata (any common format).
        user_published: A date the user gave (``--published``); wins over everything.
        outlet: Outlet name, domain or object; otherwise found from the URL.
        byline: Author(s), if known.
        language: ISO code if known; otherwise detected.
        source_format: ``text``, ``markdown``, ``html``, ``jsonl``, ``feed``, ``warc``.
        source_name: Where it came from (path, path#line, feed entry id).
        raw_id: Id of the raw input kept for re-analysis.
    """
    config = config or Config()
    directory = default_directory(config.outlets_file)
    text = normalise_text(text)
    today = dt.date.fromisoformat(config.today) if config.today else dt.date.today()
    structure = parse_structure(text, directory)
    if isinstance(outlet, Outlet):
        resolved: Outlet | None = outlet
    elif outlet:
        resolved = directory.resolve(outlet)
    elif url:
        resolved = directory.by_domain(url) or directory.resolve(url)
    else:
        resolved = None
    content_hash = content_id(text, length=32)
    return Report(
        id=content_id(url or "", content_hash, prefix="r"),
        text=text,
        title=title.strip() if title else (structure.title.text if structure.title else None),
        url=url,
        outlet=resolved,
        byline=byline,
        published=_published(text, url, published, user_published, today),
        language=language or detect_language(text),
        key_points=structure.key_points,
        paragraphs=structure.paragraphs,
        headings=structure.headings,
        cited_sources=structure.cited_sources,
        media=structure.media,
        content_hash=content_hash,
        source_format=source_format,
        source_name=source_name,
        raw_id=raw_id,
    )
