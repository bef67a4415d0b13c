"""TimeML markup: a report's text with its timexes as inline ``<TIMEX3>`` elements.

The one implementation of the TIMEX3 markup in the project:
:mod:`dossier.export.timeml` writes these documents to files.  The document
follows the TempEval-3 layout (``DOCID``, ``DCT``, optional ``TITLE``,
``TEXT``), so :func:`dossier.evaluate.tempeval.parse_timeml` reads it back to
the same text, offsets, types and values.
"""

from __future__ import annotations

import datetime as dt

import re
import xml.etree.ElementTree as ET
from typing import Iterable, Sequence

from dossier.model import Report, Timex

__all__ = ["to_timeml", "timeml_markup"]

#: Characters XML 1.0 cannot carry; replaced one-for-one so offsets survive.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _non_overlapping(timexes: Iterable[Timex]) -> tuple[list[Timex], int]:
    """Timexes in text order with the ones overlapping an earlier (longer) one left out, and how many."""
    kept: list[Timex] = []
    skipped = 0
    for timex in sorted(timexes, key=lambda t: (t.evidence.start, -t.evidence.end)):
        if timex.evidence.end <= timex.evidence.start or (kept and timex.evidence.start < kept[-1].evidence.end):
            skipped += 1
            continue
        kept.append(timex)
    return kept, skipped


def _append_text(parent: ET.Element, previous: ET.Element | None, chunk: str) -> None:
    if not chunk:
        return
    if previous is None:
        parent.text = (parent.text or "") + chunk
    else:
        previous.tail = (previous.tail or "") + chunk


def _timeml_value(value: str) -> str:
    """A TIMEX3 value: a range of days ("the week of Nov. 16", Sunday to Saturday) is not one, so
    it becomes the ISO week holding its middle day (the week holding six of its seven days)."""
    first, sep, last = value.partition("/")
    if not sep:
        return value
    try:
        start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    except ValueError:
        return value
    year, week, _ = (start + (end - start) / 2).isocalendar()
    return f"{year}-W{week:02d}"


def timeml_markup(report: Report, timexes: Sequence[Timex], *, title: bool = False) -> tuple[str, int]:
    """The TimeML document of ``report`` with ``timexes`` marked up, and how many were left out.

    The report's reference date (publication or inferred) becomes the DCT
    (``tid="t0"``) when it is a date; expressions anchored on it point to it
    with ``anchorTimeID``.  Inline tags cannot overlap: a timex overlapping an
    earlier, longer one is left out and counted.  Characters that XML cannot
    hold become U+FFFD (one for one, so offsets are kept).

    Args:
        report: The report whose ``text`` is the document.
        timexes: Its timexes (spans over ``report.text``).
        title: Also write the report's title in a ``TITLE`` element.

    Returns:
        The XML (with its declaration) as a string, and the number of timexes left out.
    """
    root = ET.Element("TimeML")
    ET.SubElement(root, "DOCID").text = report.id
    dct_value = (report.published.value or "")[:10]
    has_dct = bool(_DATE.match(dct_value))
    if has_dct:
        dct = ET.SubElement(root, "DCT")
        ET.SubElement(
            dct, "TIMEX3", tid="t0", type="DATE", value=dct_value, temporalFunction="false",
            functionInDocument="CREATION_TIME",
        ).text = dct_value
    if title and report.title:
        ET.SubElement(root, "TITLE").text = _clean(report.title)
    body = ET.SubElement(root, "TEXT")
    text = _clean(report.text)
    body.text = ""
    kept, skipped = _non_overlapping(timexes)
    cursor = 0
    previous: ET.Element | None = None
    for number, timex in enumerate(kept, start=1):
        start, end = timex.evidence.start, timex.evidence.end
        _append_text(body, previous, text[cursor:start])
        attrs = {"tid": f"t{number}", "type": timex.type, "value": _timeml_value(timex.value),
                 "temporalFunction": "false" if timex.anchor_source in (None, "absolute") else "true",
                 "functionInDocument": "NONE"}  # fmt: skip
        if timex.mod:
            attrs["mod"] = timex.mod
        if timex.anchor_source == "dct" and has_dct:
            attrs["anchorTimeID"] = "t0"
        previous = ET.SubElement(body, "TIMEX3", attrs)
        previous.text = text[start:end]
        cursor = end
    _append_text(body, previous, text[cursor:])
    xml = ET.tostring(root, encoding="unicode")
    # XML parsers turn a raw carriage return into a newline; a character reference keeps it.
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml.replace("\r", "&#13;"), skipped


def to_timeml(report: Report, timexes: Sequence[Timex]) -> str:
    """The TimeML document of ``report`` with ``timexes`` marked up (see :func:`timeml_markup`)."""
    return timeml_markup(report, timexes)[0]
