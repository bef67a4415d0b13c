"""A uniform view of what a story's reports state, for the timeline, ledger and contradictions.

The per-report analysers give claims (with attributions) and events; where a
report has none (analysis skipped, or a language the analysers do not cover)
its body sentences stand in, with a light attribution reading ("X said",
"according to X") and the dates written in them.  Every :class:`Statement`
keeps its :class:`~dossier.model.Evidence` so each item stays linked to its
sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dossier.calendar import explicit_dates, week_of
from dossier.model import Analysis, Attribution, Evidence

__all__ = ["Statement", "statements_of", "sentence_statements", "sentences", "content_words", "similarity", "STANCE_OF"]

EXTRACTOR = "link.statements.v1"

#: Claim modality or attribution stance → ledger status.
STANCE_OF = {
    "asserted": "reported",
    "reported": "reported",
    "alleged": "alleged",
    "hedged": "alleged",
    "denied": "denied",
    "confirmed": "confirmed",
    "hypothetical": "alleged",
    "future": "reported",
    "opinion": "alleged",
}

_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’)]*|$)")
_ABBREV = re.compile(r"\b(?:[A-Z]|Nov|Dec|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Mr|Mrs|Ms|Dr|St|U\.S|U\.N|Gen|Sen|Rep|Gov|Lt|Col|No)\.$")
_DENY = re.compile(r"\b(?:den(?:y|ies|ied)|rejected the (?:report|claim)|dismissed (?:the )?(?:report|claim)s?|false|never)\b", re.I)
_CONFIRM = re.compile(r"\bconfirm(?:s|ed)?\b", re.I)
_ALLEGE = re.compile(r"\b(?:alleg\w*|accus\w*|claim(?:s|ed)?|reportedly|purported\w*)\b", re.I)
_ACCORDING = re.compile(r"\baccording to (?P<src>[^,.;]+)", re.I)
_SAID = re.compile(
    r"\b(?P<src>(?:[A-Z][\w.’'-]+\s?){1,4}|(?:the |a )?(?:[a-z]+ )?(?:sources?|officials?|spokesm[ae]n|government|ministry|people)"
    r"[^,.;]{0,40}?)\s+(?:said|says|told|reported|reports|denied|denies|confirmed|confirms|alleged|alleges|added|noted|"
    r"wrote|stated)\b"
)
_STOP = frozenset(
    "a an the and or but of to in on at by for with from as is was were be been has have had it its this that these those "
    "he she they his her their him them not no also which who whom what when where than then there said says told "
    "according would could should will may might".split()
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_DATELINE = re.compile(r"[A-Z][A-Z .'-]+,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s+)?\([A-Za-z .]+\)\s*[-–—]+\s*")


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing a report states, with its source, stance and dates.

    ``kind`` is claim, event or sentence (the fallback); ``status`` the ledger
    status (reported, alleged, denied, confirmed); ``dates`` ISO dates written in it.
    """

    report_id: str
    kind: str
    text: str
    evidence: Evidence
    source: str | None
    source_kind: str | None
    status: str
    dates: tuple[str, ...] = ()
    event_type: str | None = None
    item_id: str | None = None
    agents: tuple[str, ...] = ()


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence offsets in ``text[start:end]`` (abbreviations such as "Nov." do not end one)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pending: int | None = None
    for m in _SENT.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if s >= e:
            continue
        if pending is not None:
            s = pending
        if _ABBREV.search(text[s:e]) and e < end and text[e - 1] == ".":
            pending = s
            continue
        pending = None
        spans.append((s, e))
    if pending is not None:
        spans.append((pending, end))
    return spans


def content_words(text: str) -> set[str]:
    """Folded content words (stopwords dropped, crude suffix stripping) for paraphrase matching."""
    out = set()
    for w in _WORD.findall(text.casefold()):
        if w in _STOP or len(w) < 3:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)]
                break
        out.add(w[:7])
    return out


def similarity(a: set[str], b: set[str]) -> float:
    """Overlap coefficient of two word sets (robust to one statement being longer)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _status_of_text(text: str) -> str:
    if _DENY.search(text):
        return "denied"
    if _CONFIRM.search(text):
        return "confirmed"
    if _ALLEGE.search(text):
        return "alleged"
    return "reported"


_WEEK_OF = re.compile(r"\bweek of\s*$", re.I)
_AROUND = re.compile(r"\b(?:around|about|circa|roughly|approximately)\s*$", re.I)


def _dates(text: str, today: dt.date | None) -> tuple[str, ...]:
    """ISO values of the dates written in ``text``; "the week of Nov. 16" (a Sunday) is Nov. 16–22."""
    values = []
    for d in explicit_dates(text, today):
        if d.weekday_conflict:
            continue
        before = text[max(0, d.start - 20) : d.start]
        if _WEEK_OF.search(before):
            first, last = week_of(d.date)  # the week holding that day; a Sunday starts it
            values.append(f"{first.isoformat()}/{last.isoformat()}")
        elif _AROUND.search(before):
            values.append(f"{(d.date - dt.timedelta(days=2)).isoformat()}/{(d.date + dt.timedelta(days=2)).isoformat()}")
        else:
            values.append(d.date.isoformat())
    return tuple(values)


def _timex_dates(analysis: Analysis, start: int, end: int, today: dt.date | None) -> tuple[str, ...] | None:
    """Calendar values of the analysed timexes inside ``[start, end)``; None when the report has no timexes."""
    if not analysis.timexes:
        return None
    values = []
    for t in analysis.timexes:
        if t.type != "DATE" or not (start <= t.evidence.start and t.evidence.end <= end):
            continue
        if interval_ok(t.value):  # a day, week, month, year, or a range ("the week of Nov. 16": Nov. 16/22)
            values.append(t.value)
    return tuple(values)


def _today(analysis: Analysis) -> dt.date | None:
    value = analysis.report.published.value
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def statements_of(analysis: Analysis) -> list[Statement]:
    """The statements of one report: its claims and events, or its sentences when it has neither."""
    report = analysis.report
    today = _today(analysis)
    attributions: dict[str, Attribution] = {a.id: a for a in analysis.attributions}
    out: list[Statement] = []
    for claim in analysis.claims:
        attribution = attributions.get(claim.attribution_id or "")
        source = attribution.source if attribution else None
        stance = attribution.stance if attribution and claim.modality == "reported" else claim.modality
        out.append(
            Statement(
                report.id, "claim", claim.text, claim.evidence,
                source.name if source else None, source.kind if source else None,
                STANCE_OF.get(stance, "reported"), _dates(claim.evidence.text, today), item_id=claim.id,
            )
        )
    timexes = {t.id: t.value for t in analysis.timexes}
    for event in analysis.events:
        attribution = attributions.get(event.attribution_id or "")
        value = event.time or timexes.get(event.timex_id or "")
        if value and interval_ok(value):  # the tagger's value, a range for "the week of Nov. 16"
            dates: tuple[str, ...] = (value,)
        else:
            found = _timex_dates(analysis, event.evidence.start, event.evidence.end, today)
            dates = found if found is not None else _dates(event.evidence.text, today)
        status = "denied" if event.modality == "negated" else "alleged" if event.modality == "alleged" else "reported"
        out.append(
            Statement(
                report.id, "event", event.evidence.text, event.evidence,
                attribution.source.name if attribution else None, attribution.source.kind if attribution else None,
                status, dates, event_type=event.type, item_id=event.id,
                agents=tuple(p.text.casefold() for p in event.participants if p.role == "agent"),
            )
        )
    if out:
        return out
    return sentence_statements(analysis)


def interval_ok(value: str) -> bool:
    """True for a calendar value (day, week, month, year or a range of them)."""
    return bool(re.match(r"\d{4}(-\d\d(-\d\d)?|-W\d\d)?(/|T|$)", value))


def sentence_statements(analysis: Analysis) -> list[Statement]:
    """The report's body sentences as statements (the fallback when it has no claims or events)."""
    report = analysis.report
    today = _today(analysis)
    out: list[Statement] = []
    regions = report.paragraphs or ()
    bounds = [(p.start, p.end) for p in regions] or [(0, len(report.text))]
    for lo, hi in bounds:
        for s, e in sentences(report.text, lo, hi):
            dateline = _DATELINE.match(report.text, s, e)
            if dateline:  # "WASHINGTON, Nov 23 (Reuters) - " dates the report, not the event
                s = dateline.end()
            text = report.text[s:e]
            if len(_WORD.findall(text)) < 5:
                continue
            m = _ACCORDING.search(text) or _SAID.search(text)
            source = m.group("src").strip() if m else None
            dates = _timex_dates(analysis, s, e, today)
            out.append(
                Statement(
                    report.id, "sentence", text, Evidence(report.id, s, e, text, EXTRACTOR),
                    source, "unknown" if source else None, _status_of_text(text),
                    dates if dates is not None else _dates(text, today),
                )
            )
    return out
