"""The structure of plain-text and Markdown reports, as spans over the unchanged text.

Many reports arrive as text like the bundled example: a title line, a block of
key-point bullets, a body with subheadings, then a footer ("Watch the video
below…", "This video is from the X channel on Brighteon.com.", "Sources
include:" and a list of outlets, "Read full article here").  :func:`parse_structure`
finds these parts without changing or dropping a character: every part is a
:class:`~dossier.model.Span` of the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.model import CitedSource, Media, Span
from dossier.outlets import OutletDirectory, domain_of

__all__ = ["Structure", "parse_structure"]

_BULLET = re.compile(r"^[ \t\xa0]*(?:[•●◦‣▪∙·*+\-–—]|\d{1,2}[.)])[ \t\xa0]+", re.M)
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M)
_SOURCES_HEADER = re.compile(r"^[ \t]*(?:sources?(?: include| used| cited)?|references|read more)[ \t]*:[ \t]*$", re.I)
_READ_MORE = re.compile(r"^[ \t]*(?:read (?:the )?full (?:article|story) here|read more here|continue reading)\b.*$", re.I)
_WATCH = re.compile(r"^[ \t]*watch the (?:video|clip)\b.*$", re.I)
_VIDEO_FROM = re.compile(
    r"^[ \t]*this (?P<kind>video|clip|podcast|audio) is from (?:the )?(?P<channel>.+?)(?: channel)? on "
    r"(?P<platform>[\w.-]+?)\.?[ \t]*$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")


@dataclass(frozen=True, slots=True)
class Structure:
    """Parts of a report's text.  ``body`` spans from the first paragraph to the last."""

    title: Span | None
    key_points: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    headings: tuple[Span, ...]
    cited_sources: tuple[CitedSource, ...]
    media: tuple[Media, ...]
    footer: tuple[Span, ...]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, excluding the newline."""
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        spans.append((pos, pos + len(content)))
        pos += len(line)
    return spans


def _strip(text: str, start: int, end: int, prefix: re.Pattern[str] | None = None) -> Span | None:
    """The span of ``text[start:end]`` without surrounding blanks and an optional prefix."""
    if prefix is not None:
        m = prefix.match(text, start, end)
        if m:
            start = m.end()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span.of(text, start, end) if end > start else None


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 12 and len(line) <= 90 and not _SENTENCE_END.search(line.strip())


def _source_kind(name: str, directory: OutletDirectory) -> tuple[str, str | None]:
    outlet = directory.by_name(name) or (directory.by_domain(name) if "." in name else None)
    if outlet is not None:
        return outlet.kind, outlet.domain
    return "unknown", domain_of(name)


def parse_structure(text: str, directory: OutletDirectory) -> Structure:
    """Split ``text`` into title, key points, paragraphs, headings and footer parts.

    Args:
        text: The report text, unchanged.
        directory: Outlets, to give each cited source its kind.
    """
    lines = _lines(text)
    idx = 0
    n = len(lines)

    def blank(i: int) -> bool:
        s, e = lines[i]
        return not text[s:e].strip()

    while idx < n and blank(idx):
        idx += 1
    title: Span | None = None
    if idx < n:
        s, e = lines[idx]
        first = text[s:e]
        if len(first.strip()) <= 300:
            candidate = _strip(text, s, e, _MD_HEADING)
            # A title is a single short line followed by a blank line or bullets.
            if candidate and (idx + 1 >= n or blank(idx + 1) or _BULLET.match(text[lines[idx + 1][0]:lines[idx + 1][1]])):
                title = candidate
                idx += 1

    key_points: list[Span] = []
    while idx < n:
        s, e = lines[idx]
        line = text[s:e]
        if not line.strip():
            idx += 1
            continue
        if _BULLET.match(line):
            span = _strip(text, s, e, _BULLET)
            if span:
                key_points.append(span)
            idx += 1
            continue
        break

    paragraphs: list[Span] = []
    headings: list[Span] = []
    footer: list[Span] = []
    media: list[Media] = []
    cited: list[CitedSource] = []
    in_sources = False
    block_start: int | None = None
    block_end = 0

    def flush() -> None:
        nonlocal block_start
        if block_start is not None:
            span = _strip(text, block_start, block_end)
            if span:
                paragraphs.append(span)
        block_start = None

    for i in range(idx, n):
        s, e = lines[i]
        line = text[s:e]
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if _SOURCES_HEADER.match(line):
            flush()
            in_sources = True
            footer.append(_strip(text, s, e))  # type: ignore[arg-type]
            continue
        if _READ_MORE.match(line):
            flush()
            footer.append(_strip(text, s, e))  # type: ignore[arg-type]
            continue
        if in_sources:
            span = _strip(text, s, e, _BULLET)
            if span:
                kind, domain = _source_kind(span.text, directory)
                cited.append(CitedSource(span.text, kind, domain, span, "footer"))
                footer.append(span)
            continue
        video = _VIDEO_FROM.match(line)
        if video:
            flush()
            span = _strip(text, s, e)
            platform = video.group("platform").rstrip(".")
            media.append(Media(video.group("kind").lower(), platform, video.group("channel").strip(), span))  # type: ignore[arg-type]
            footer.append(span)  # type: ignore[arg-type]
            if not any(c.name.lower() == platform.lower() for c in cited):
                kind, domain = _source_kind(platform, directory)
                start = s + video.start("platform")
                cited.append(CitedSource(platform, kind, domain, Span.of(text, start, start + len(platform)), "body"))
            continue
        if _WATCH.match(line):
            flush()
            footer.append(_strip(text, s, e))  # type: ignore[arg-type]
            continue
        if _MD_HEADING.match(line) or (
            block_start is None and _looks_like_heading(line) and (i + 1 >= n or blank(i + 1)) and paragraphs
        ):
            flush()
            span = _strip(text, s, e, _MD_HEADING)
            if span:
                headings.append(span)
            continue
        if block_start is None:
            block_start = s
        block_end = e
    flush()
    # Cited sources named in the footer list are also cited where the body names them.
    return Structure(
        title=title,
        key_points=tuple(key_points),
        paragraphs=tuple(paragraphs),
        headings=tuple(headings),
        cited_sources=_dedupe(cited),
        media=tuple(media),
        footer=tuple(footer),
    )


def _dedupe(cited: list[CitedSource]) -> tuple[CitedSource, ...]:
    seen: dict[str, CitedSource] = {}
    for source in cited:
        key = (source.domain or source.name).lower()
        if key not in seen or (seen[key].where == "body" and source.where == "footer"):
            seen[key] = source
    order = {id(s): i for i, s in enumerate(cited)}
    return tuple(sorted(seen.values(), key=lambda s: order[id(s)]))
