"""The story dossier as Markdown or as a standalone HTML page, rendered from its JSON twin.

Both views are built from :func:`dossier.link.story.story_to_json` so that the
page and ``--format json`` can never disagree.  Every item carries the report
and character offsets of its sentence (``[report@start-end]``); in HTML the
sentence is shown on hover and the reports' texts are included below with
anchors, so each fact is one click from its sentence.
"""

from __future__ import annotations

import html
from typing import Any

__all__ = ["story_to_markdown", "story_to_html"]

_STATUS_ARROW = " → "


def _short(text: str, limit: int = 180) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ref(ev: dict[str, Any]) -> str:
    return f"[{ev['report_id'][:9]}@{ev['start']}-{ev['end']}]"


def _origins(origins: list[dict[str, Any]]) -> str:
    return ", ".join(o["label"] for o in origins) or "—"


def story_to_markdown(doc: dict[str, Any]) -> str:
    """A readable dossier of one story, in Markdown."""
    out = [f"# {doc['title']}", "", f"*Story `{doc['id']}`.* {doc['summary']}", ""]
    out += ["## Reports", "", "| published | outlet | kind | report | copy of |", "|---|---|---|---|---|"]
    for r in doc["reports"]:
        copy = f"{r['copy_kind'].replace('_', ' ')} of `{r['copy_of'][:9]}`" if r["copy_of"] else "original"
        out.append(f"| {r['published'] or '?'} | {r['outlet'] or '?'} | {r['outlet_kind'] or '?'} | `{r['id'][:9]}` {_short(r['title'] or '', 60)} | {copy} |")
    out.append("")
    if doc["actors"]:
        out += ["## Actors", ""]
        for a in doc["actors"][:25]:
            roles = f" — {'; '.join(a['roles'])}" if a["roles"] else ""
            out.append(f"- **{a['name']}** ({a['type']}){roles}; named in {a['reports']} reports")
        out.append("")
    out += ["## Timeline", ""]
    if not doc["timeline"]:
        out.append("No dated events found.")
    for e in doc["timeline"]:
        refs = " ".join(_ref(s["evidence"]) for s in e["evidence"])
        out.append(
            f"- **{e['date'] or 'undated'}** ({e['certainty']}) {_short(e['text'])} — corroboration "
            f"**{e['corroboration']}** independent origin(s): {_origins(e['origins'])}; outlets: {', '.join(e['outlets'])} {refs}"
        )
    out += ["", "## Deadlines", ""]
    if not doc["deadlines"]:
        out.append("No deadlines found.")
    for d in doc["deadlines"]:
        who = f"{d['issuer'] or '?'} → {d['target'] or '?'}"
        history = _STATUS_ARROW.join(f"{s['status']} ({(s['as_of'] or '?')[:10]})" for s in d["statuses"])
        refs = " ".join(_ref(e) for e in d["evidence"])
        out.append(f"- **{d['due'] or 'no date'}** {who}: {d['demand']} — {history} {refs}")
    out += ["", "## Claims ledger", ""]
    for c in doc["claims"]:
        history = _STATUS_ARROW.join(f"{h['status']} by {h['by']}" for h in c["history"])
        refs = " ".join(_ref(s["evidence"]) for s in c["evidence"])
        out.append(f"- {_short(c['text'])} — **{c['status']}**; {history}; origins ({c['corroboration']}): {_origins(c['origins'])} {refs}")
    out += ["", "## Contradictions", ""]
    if not doc["contradictions"]:
        out.append("None found.")
    for x in doc["contradictions"]:
        out.append(f"- **{x['type']}**: {x['explanation']}")
        out.append(f"  - {x['left_source']}: “{_short(x['left']['text'], 140)}” {_ref(x['left'])}")
        out.append(f"  - {x['right_source']}: “{_short(x['right']['text'], 140)}” {_ref(x['right'])}")
    out += ["", "## Outlets", ""]
    for o in doc["outlets"]:
        out.append(f"- {o['name']} ({o['kind']}): {o['reports']} report(s), {o['copies']} copy(ies)")
    return "\n".join(out) + "\n"


_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.3em .5em;text-align:left;vertical-align:top}
.tag{display:inline-block;border-radius:3px;padding:0 .4em;font-size:.85em;background:#eef}
.denied{background:#fde2e2}.confirmed{background:#e2f5e2}.alleged{background:#fff3d6}
a.ev{font-size:.8em;color:#36c;text-decoration:none;margin-left:.3em}
pre{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:.8em}
mark{background:#ffef9e}.x{border-left:3px solid #d33;padding-left:.6em;margin:.6em 0}
"""


def _ev_link(ev: dict[str, Any]) -> str:
    anchor = f"{ev['report_id']}-{ev['start']}"
    return f'<a class="ev" href="#{html.escape(anchor)}" title="{html.escape(ev["text"])}">{html.escape(_ref(ev))}</a>'


def story_to_html(doc: dict[str, Any], texts: dict[str, str] | None = None) -> str:
    """A standalone HTML page of the story (no scripts, no external files)."""
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(doc['title'])}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(doc['title'])}</h1><p><code>{e(doc['id'])}</code> — {e(doc['summary'])}</p>",
        "<h2>Reports</h2><table><tr><th>published</th><th>outlet</th><th>kind</th><th>title</th><th>copy of</th></tr>",
    ]
    for r in doc["reports"]:
        copy = f"<span class='tag'>{e(r['copy_kind'])}</span> of <a href='#{e(r['copy_of'])}'>{e(r['copy_of'][:9])}</a>" if r["copy_of"] else "original"
        parts.append(
            f"<tr><td>{e(r['published'] or '?')}</td><td>{e(r['outlet'] or '?')}</td><td>{e(r['outlet_kind'] or '?')}</td>"
            f"<td><a href='#{e(r['id'])}'>{e(r['title'] or r['id'])}</a></td><td>{copy}</td></tr>"
        )
    parts.append("</table>")
    if doc["actors"]:
        parts.append("<h2>Actors</h2><ul>")
        for a in doc["actors"][:25]:
            roles = f" — {e('; '.join(a['roles']))}" if a["roles"] else ""
            parts.append(f"<li><b>{e(a['name'])}</b> ({e(a['type'])}){roles}; in {a['reports']} reports</li>")
        parts.append("</ul>")
    parts.append("<h2>Timeline</h2><table><tr><th>date</th><th>event</th><th>corroboration</th><th>evidence</th></tr>")
    for t in doc["timeline"]:
        evidence = "".join(_ev_link(s["evidence"]) for s in t["evidence"])
        parts.append(
            f"<tr><td>{e(t['date'] or 'undated')}<br><small>{e(t['certainty'])}</small></td><td>{e(_short(t['text'], 240))}</td>"
            f"<td><b>{t['corroboration']}</b> origin(s): {e(_origins(t['origins']))}<br><small>{e(', '.join(t['outlets']))}</small></td>"
            f"<td>{evidence}</td></tr>"
        )
    parts.append("</table><h2>Deadlines</h2><ul>")
    for d in doc["deadlines"]:
        history = " → ".join(f"{s['status']} ({(s['as_of'] or '?')[:10]})" for s in d["statuses"])
        evidence = "".join(_ev_link(x) for x in d["evidence"])
        parts.append(f"<li><b>{e(d['due'] or 'no date')}</b> {e(d['issuer'] or '?')} → {e(d['target'] or '?')}: {e(d['demand'])} — {e(history)} {evidence}</li>")
    parts.append("</ul><h2>Claims ledger</h2><table><tr><th>claim</th><th>status</th><th>history</th><th>origins</th><th>evidence</th></tr>")
    for c in doc["claims"]:
        history = " → ".join(f"{h['status']} by {h['by']}" for h in c["history"])
        evidence = "".join(_ev_link(s["evidence"]) for s in c["evidence"])
        parts.append(
            f"<tr><td>{e(_short(c['text'], 240))}</td><td><span class='tag {e(c['status'])}'>{e(c['status'])}</span></td>"
            f"<td>{e(history)}</td><td>{c['corroboration']}: {e(_origins(c['origins']))}</td><td>{evidence}</td></tr>"
        )
    parts.append("</table><h2>Contradictions</h2>")
    if not doc["contradictions"]:
        parts.append("<p>None found.</p>")
    for x in doc["contradictions"]:
        parts.append(
            f"<div class='x'><b>{e(x['type'])}</b>: {e(x['explanation'])}<br>"
            f"{e(x['left_source'] or '?')}: “{e(_short(x['left']['text'], 200))}” {_ev_link(x['left'])}<br>"
            f"{e(x['right_source'] or '?')}: “{e(_short(x['right']['text'], 200))}” {_ev_link(x['right'])}</div>"
        )
    parts.append("<h2>Outlets</h2><ul>")
    for o in doc["outlets"]:
        parts.append(f"<li>{e(o['name'])} ({e(o['kind'])}): {o['reports']} report(s), {o['copies']} copy(ies)</li>")
    parts.append("</ul>")
    if texts:
        parts.append("<h2>Report texts</h2>")
        anchors: dict[str, list[tuple[int, int]]] = {}
        for ev in _all_evidence(doc):
            anchors.setdefault(ev["report_id"], []).append((ev["start"], ev["end"]))
        for r in doc["reports"]:
            parts.append(f"<h3 id='{e(r['id'])}'>{e(r['outlet'] or '')}: {e(r['title'] or r['id'])}</h3><pre>{_marked(r['id'], texts.get(r['id'], ''), anchors.get(r['id'], []))}</pre>")
    parts.append("</body></html>\n")
    return "".join(parts)


def _all_evidence(doc: dict[str, Any]) -> list[dict[str, Any]]:
    evs = [s["evidence"] for t in doc["timeline"] for s in t["evidence"]]
    evs += [s["evidence"] for c in doc["claims"] for s in c["evidence"]]
    evs += [x for d in doc["deadlines"] for x in d["evidence"]]
    evs += [x[k] for x in doc["contradictions"] for k in ("left", "right")]
    return evs


def _marked(report_id: str, text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each cited span wrapped in an anchored <mark> (overlapping spans merged)."""
    out, pos = [], 0
    for start, end in sorted(set(spans)):
        if start < pos:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark id='{html.escape(report_id)}-{start}'>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)
