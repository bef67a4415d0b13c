"""Markdown rendering of a report's analysis (``dossier analyse --format md``).

Every item shows the sentence offsets it came from as ``[@start-end]`` so a
reader can check it against the text.
"""

from __future__ import annotations

from dossier.analyse.attribution.cited import cited_sources
from dossier.model import Analysis, Evidence, Span

__all__ = ["analysis_to_markdown"]

_KIND_LABEL = {
    "wire": "wire",
    "newspaper": "newspaper",
    "broadcaster": "broadcaster",
    "magazine": "magazine",
    "blog": "blog/aggregator",
    "aggregator": "aggregator",
    "state_media": "state media",
    "video_platform": "video platform",
    "ai_engine": "AI engine",
    "social": "social media",
    "government": "government",
    "unknown": "unknown kind",
}


def _at(span: Span | Evidence | None) -> str:
    return f"[@{span.start}-{span.end}]" if span is not None else ""


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def analysis_to_markdown(analysis: Analysis) -> str:
    """A readable dossier of one report, in Markdown."""
    report = analysis.report
    out: list[str] = [f"# {report.title or '(untitled report)'}", ""]
    published = report.published
    out.append(f"- **Report id:** `{report.id}`")
    if report.url:
        out.append(f"- **URL:** {report.url}")
    if report.outlet:
        out.append(f"- **Outlet:** {report.outlet.name} ({_KIND_LABEL.get(report.outlet.kind, report.outlet.kind)})")
    out.append(f"- **Published:** {published.value or 'unknown'} (*{published.source}*: {published.detail})")
    out.append(f"- **Language:** {report.language or 'unknown'} (analysis depth: {analysis.depth})")
    out.append("")
    if report.key_points:
        out += ["## Key points", ""] + [f"{i}. {_quote(k.text, 400)} {_at(k)}" for i, k in enumerate(report.key_points, 1)] + [""]
    if report.cited_sources:
        out += ["## Cited sources", ""]
        out += [f"- {s.name} — {_KIND_LABEL.get(s.kind, s.kind)} ({s.where}) {_at(s.span)}" for s in report.cited_sources]
        out.append("")
    relied = [u for u in cited_sources(analysis) if u.attribution_ids]
    if relied:
        contents = {a.id: a.content for a in analysis.attributions}
        out += ["## Statements resting on cited sources", ""]
        for use in relied:
            out.append(f"- **{use.name}** ({use.kind}, {'+'.join(use.where)}):")
            out += [f"  - “{_quote(contents[i].text)}” {_at(contents[i])}" for i in use.attribution_ids]
        out.append("")
    if report.media:
        out += ["## Embedded media", ""]
        out += [f"- {m.kind} from {m.channel or '?'} on {m.platform or '?'} {_at(m.span)}" for m in report.media]
        out.append("")
    if analysis.entities:
        out += ["## Actors and entities", "", "| name | type | roles | mentions |", "|---|---|---|---|"]
        for e in analysis.entities:
            kind = f" ({_KIND_LABEL.get(e.kind, e.kind)})" if e.kind else ""
            roles = "; ".join(r.title + (f" of {r.of}" if r.of else "") for r in e.roles)
            out.append(f"| {e.name} | {e.type}{kind} | {roles} | {len(e.mentions)} |")
        out.append("")
    if analysis.timexes:
        out += ["## Time expressions", "", "| text | type | value | anchor | note |", "|---|---|---|---|---|"]
        for t in analysis.timexes:
            anchor = f"{t.anchor or ''} ({t.anchor_source})".strip() if t.anchor_source else (t.anchor or "")
            out.append(
                f"| {t.evidence.text} {_at(t.evidence)} | {t.type} | `{t.value}` | "
                f"{anchor} | {_quote(t.note, 80)}{' ⚠ ' + ', '.join(t.flags) if t.flags else ''} |"
            )
        out.append("")
    if analysis.events:
        out += ["## Events", ""]
        for ev in sorted(analysis.events, key=lambda e: (e.time or "9999", e.evidence.start)):
            who = ", ".join(f"{p.role}: {p.text}" for p in ev.participants)
            items = f" — items: {', '.join(ev.items)}" if ev.items else ""
            resp = f" — response: {ev.response}" if ev.response else ""
            out.append(
                f"- **{ev.time or 'undated'}** `{ev.type}` ({ev.modality}) {who}{items}{resp} — "
                f"“{_quote(ev.evidence.text)}” {_at(ev.evidence)}"
            )
        out.append("")
    if analysis.deadlines:
        out += ["## Deadlines", ""]
        for d in analysis.deadlines:
            out.append(
                f"- **{d.due or 'no date'}** — {d.issuer or '?'} → {d.target or '?'}: {d.demand}; "
                f"consequence: {d.consequence or 'none stated'}; **status: {d.status}**"
                f"{f' as of {d.status_as_of}' if d.status_as_of else ''} — “{_quote(d.evidence.text)}” {_at(d.evidence)}"
            )
            if d.status_evidence is not None:
                out.append(f"  - status evidence: “{_quote(d.status_evidence.text)}” {_at(d.status_evidence)}")
        out.append("")
    if analysis.attributions:
        out += ["## Who says so", ""]
        for a in analysis.attributions:
            src = a.source
            count = f" ×{src.count}" if src.count else ""
            chain = "".join(f" ← {c.name} ({c.kind})" for c in a.chain)
            cue = f" *{a.cue.text}*" if a.cue else ""
            out.append(
                f"- **{src.name}** ({src.kind}{count}){chain}{cue} [{a.stance}, {a.quote}]: "
                f"“{_quote(a.content.text)}” {_at(a.content)}"
            )
        out.append("")
    if analysis.claims:
        out += ["## Claims", "", "| check-worthy | modality | voice | claim |", "|---|---|---|---|"]
        for c in sorted(analysis.claims, key=lambda c: -c.checkworthiness):
            out.append(f"| {c.checkworthiness:.2f} | {c.modality} | {c.voice} | {_quote(c.text)} {_at(c.evidence)} |")
        out.append("")
    if analysis.failures:
        out += ["## Problems", ""] + [f"- `{f.reason}` ({f.stage}): {f.detail[:300]}" for f in analysis.failures] + [""]
    return "\n".join(out).rstrip() + "\n"
