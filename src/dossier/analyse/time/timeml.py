"""TimeML export: a report's text with its timexes as ``<TIMEX3>`` elements.

The document follows the TempEval-3 layout (``DOCID``, ``DCT``, ``TEXT``), so
:func:`dossier.evaluate.tempeval.parse_timeml` reads it back to the same text,
offsets, types and values.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Sequence

from dossier.model import Report, Timex

__all__ = ["to_timeml"]

#: Characters XML 1.0 cannot carry; replaced one-for-one so offsets survive.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def to_timeml(report: Report, timexes: Sequence[Timex]) -> str:
    """The TimeML document of ``report`` with ``timexes`` marked up.

    The report's reference date (publication or inferred) becomes the DCT
    (``tid="t0"``); expressions anchored on it point to it with
    ``anchorTimeID``.  Overlapping timexes (which the tagger never produces)
    keep the first.  Characters that XML cannot hold become U+FFFD.

    Args:
        report: The report whose ``text`` is the document.
        timexes: Its timexes (spans over ``report.text``).

    Returns:
        The XML as a string.
    """
    root = ET.Element("TimeML")
    ET.SubElement(root, "DOCID").text = report.id
    dct_value = (report.published.value or "")[:10]
    if dct_value:
        dct = ET.SubElement(root, "DCT")
        ET.SubElement(
            dct, "TIMEX3", tid="t0", type="DATE", value=dct_value, temporalFunction="false",
            functionInDocument="CREATION_TIME",
        ).text = dct_value
    body = ET.SubElement(root, "TEXT")
    text = _clean(report.text)
    body.text = ""
    cursor = 0
    last: ET.Element | None = None
    for n, timex in enumerate(sorted(timexes, key=lambda t: (t.evidence.start, -t.evidence.end)), start=1):
        start, end = timex.evidence.start, timex.evidence.end
        if start < cursor or end <= start:
            continue
        gap = text[cursor:start]
        if last is None:
            body.text += gap
        else:
            last.tail = (last.tail or "") + gap
        attrs = {"tid": f"t{n}", "type": timex.type, "value": timex.value,
                 "temporalFunction": "false" if timex.anchor_source in (None, "absolute") else "true",
                 "functionInDocument": "NONE"}  # fmt: skip
        if timex.mod:
            attrs["mod"] = timex.mod
        if timex.anchor_source == "dct" and dct_value:
            attrs["anchorTimeID"] = "t0"
        last = ET.SubElement(body, "TIMEX3", attrs)
        last.text = text[start:end]
        last.tail = ""
        cursor = end
    rest = text[cursor:]
    if last is None:
        body.text += rest
    else:
        last.tail = (last.tail or "") + rest
    xml = ET.tostring(root, encoding="unicode")
    # XML parsers turn a raw carriage return into a newline; a character reference keeps it.
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml.replace("\r", "&#13;")
