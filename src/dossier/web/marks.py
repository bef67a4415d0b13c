"""A report's text as HTML with every piece of evidence marked and anchored.

Each evidence span ``[start, end)`` becomes an element ``<span id="at-START-END">``
wrapping exactly its characters, so a link to ``#at-START-END`` scrolls to the
sentence and CSS ``:target`` highlights all of it.  Spans that nest (a date
inside a claim inside a quote) become nested elements.  Spans that cross
(one starts inside another and ends after it) cannot nest in HTML: the crossing
one is cut at the boundary, its first piece keeps the id, the rest are marked
as continuations of the same span.

The text itself is never changed: stripping the tags and unescaping gives it back.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from html import escape
from typing import Iterable

__all__ = ["Mark", "Piece", "layout", "marked_html", "anchor_id"]


def anchor_id(start: int, end: int) -> str:
    """The element id of the evidence span ``[start, end)``."""
    return f"at-{start}-{end}"


@dataclass(frozen=True, slots=True)
class Mark:
    """A span to mark, with the CSS classes of the facts it is evidence for."""

    start: int
    end: int
    kinds: frozenset[str] = frozenset()
    title: str = ""


@dataclass(frozen=True, slots=True)
class Piece:
    """An element of the layout: a (possibly partial) mark from ``start`` to ``end``."""

    mark: Mark
    start: int
    end: int
    first: bool
    depth: int


def _merge(marks: Iterable[Mark], length: int) -> list[Mark]:
    """One mark per distinct span (kinds united); empty spans and spans outside the text dropped."""
    merged: dict[tuple[int, int], Mark] = {}
    for mark in marks:
        start, end = mark.start, mark.end
        if not 0 <= start < end <= length:
            continue
        key = (start, end)
        if key in merged:
            old = merged[key]
            title = old.title if mark.title in old.title else "; ".join(t for t in (old.title, mark.title) if t)
            merged[key] = Mark(start, end, old.kinds | mark.kinds, title)
        else:
            merged[key] = Mark(start, end, mark.kinds, mark.title)
    return list(merged.values())


def layout(text: str, marks: Iterable[Mark]) -> list[tuple[str, object]]:
    """The text as a flat token list: ``("text", str)``, ``("open", Piece)``, ``("close", Piece)``.

    Opens and closes are properly nested, so the tokens render as valid HTML.
    """
    queue: list[tuple[int, int, int, Mark, bool]] = []
    for seq, mark in enumerate(_merge(marks, len(text))):
        heapq.heappush(queue, (mark.start, -mark.end, seq, mark, True))
    tokens: list[tuple[str, object]] = []
    stack: list[Piece] = []
    position = 0

    def emit_text(upto: int) -> None:
        nonlocal position
        if upto > position:
            tokens.append(("text", text[position:upto]))
            position = upto

    seq = len(queue)
    while queue:
        start, negative_end, _, mark, first = heapq.heappop(queue)
        end = -negative_end
        while stack and stack[-1].end <= start:
            emit_text(stack[-1].end)
            tokens.append(("close", stack.pop()))
        if stack and end > stack[-1].end:
            # crossing: keep the part inside the open element, queue the rest as a continuation
            seq += 1
            heapq.heappush(queue, (stack[-1].end, -end, seq, mark, False))
            end = stack[-1].end
        emit_text(start)
        piece = Piece(mark, start, end, first, len(stack))
        tokens.append(("open", piece))
        stack.append(piece)
    while stack:
        emit_text(stack[-1].end)
        tokens.append(("close", stack.pop()))
    emit_text(len(text))
    return tokens


def marked_html(text: str, marks: Iterable[Mark], *, target: tuple[int, int] | None = None) -> str:
    """The report text as escaped HTML with ``<span class="ev …">`` marks.

    Args:
        text: The report's text.
        marks: Evidence spans to mark.
        target: A span to mark as the current one (``class="ev hl"``, ``id="hl"``).
    """
    out: list[str] = []
    for kind, value in layout(text, marks):
        if kind == "text":
            out.append(escape(str(value), quote=False))
        elif kind == "close":
            out.append("</span>")
        else:
            piece = value
            assert isinstance(piece, Piece)
            mark = piece.mark
            classes = ["ev", *sorted(f"k-{k}" for k in mark.kinds)]
            attributes = []
            if target == (mark.start, mark.end):
                classes.append("hl")
            if piece.first:
                ident = "hl" if target == (mark.start, mark.end) else anchor_id(mark.start, mark.end)
                attributes.append(f' id="{ident}"')
            else:
                classes.append("cont")
                attributes.append(f' data-of="{anchor_id(mark.start, mark.end)}"')
            if mark.title:
                attributes.append(f' title="{escape(mark.title)}"')
            out.append(f'<span class="{" ".join(classes)}"{"".join(attributes)}>')
    return "".join(out)
