"""A report as one self-contained HTML file: no script, no network, everything escaped.

Safety rules, each pinned by tests/test_report_html.py with a hostile article:
- every value that comes from an article, its metadata or an archive passes through
  `_e()` (html.escape with quote=True), in text and in attributes alike;
- class names and ids are never built from data: they come from fixed tables or indices;
- only absolute http(s) URLs (`sections.safe_url`) are ever put in an href; anything else
  is shown as text;
- the page carries a Content-Security-Policy that allows no script at all, no network
  fetches, and only the one stylesheet below (by its hash), so even a missed escape
  could not run code or load anything.

Interactivity is CSS only (`<details>`, `:target`). The layout has fixed section ids
(summary, article, sources, claims, quotes, signals, timeline, network) so a test or a
person can screenshot one part.
"""

from __future__ import annotations

import base64
import hashlib
import html
import math
from importlib import resources
from typing import Any, Mapping

from . import sections as S
from .model import Report, as_dict, severity_rank
from .wording import (
    PARAGRAPH_STYLE,
    VERDICT_WORDS,
    earliest_phrase,
    paragraph_phrase,
    percent,
    provenance_sentence,
    quote_status,
    verdict_doubt,
)

_CSS = resources.files("newstrace.report").joinpath("static", "report.css").read_text(encoding="utf-8")
_CSS_HASH = base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode("ascii")
CSP = (
    "default-src 'none'; "
    f"style-src 'sha256-{_CSS_HASH}'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)

_VERDICT_CLASS = {
    "corroborated": "v-corroborated",
    "contradicted": "v-contradicted",
    "disputed": "v-disputed",
    "unsupported": "v-unsupported",
    "no_evidence": "v-none",
}
_SEVERITY_CLASS = {"info": "s-info", "low": "s-low", "medium": "s-medium", "high": "s-high"}
_STANCE_CLASS = {"agrees": "st-agrees", "disagrees": "st-disagrees", "discusses": "st-discusses", "unrelated": "st-unrelated"}
_PASSAGE_CLASS = {"copied_prose": "reuse-copied", "shared_quotation": "reuse-quotation"}
_PASSAGE_WORDS = {"reuse-copied": "shared prose", "reuse-quotation": "shared quotation"}
_LABEL_CLASS = {"claim": "l-claim", "speculation": "l-speculation", "opinion": "l-opinion", "background": "l-background"}


def _e(x: Any) -> str:
    return "" if x is None else html.escape(str(x), quote=True)


def _date(value: Any) -> str:
    """A date as "2025-03-11 14:05" (the full value in a tooltip), or "undated"."""
    if not value:
        return '<span class="muted">undated</span>'
    raw = str(value)
    w = S.when(raw)
    if w.day is None:
        return f'<span title="not a date newstrace can read">{_e(raw)}</span>'
    short = raw[:16].replace("T", " ") if w.instant is not None else raw[:10]
    return f'<time title="{_e(raw)}">{_e(short)}</time>'


def _link(url: Any, text: Any) -> str:
    """A link when `url` is a safe http(s) URL, else the text alone (and the URL as text)."""
    safe = S.safe_url(url)
    if safe is None:
        return _e(text)
    return f'<a href="{_e(safe)}" rel="noopener noreferrer nofollow" target="_blank">{_e(text)}</a>'


def _url_line(url: Any) -> str:
    if not url:
        return ""
    safe = S.safe_url(url)
    if safe is None:
        return f'<span class="url unsafe" title="not an http(s) link">{_e(url)}</span>'
    return f'<span class="url">{_link(safe, safe)}</span>'


def render_html(report: Report | Mapping[str, Any]) -> str:
    """The whole report as one HTML document (a str)."""
    d = as_dict(report)
    art = d.get("article") or {}
    title = str(art.get("title") or "(untitled)")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="newstrace {_e(d.get("newstrace_version"))}">',
        f"<title>newstrace report: {_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        _header(d),
        _summary(d),
        '<div class="layout">',
        _article(d),
        '<aside id="panel">',
        _sources(d),
        _claims(d),
        _quotes(d),
        _signals(d),
        _rating(d),
        _related(d),
        "</aside>",
        "</div>",
        _timeline(d),
        _network(d),
        _footer(d),
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p)


# ----------------------------------------------------------------------------- header


def _header(d: Mapping[str, Any]) -> str:
    art = d.get("article") or {}
    meta = []
    if art.get("site") or art.get("domain"):
        meta.append(f'<span class="outlet">{_e(art.get("site") or art.get("domain"))}</span>')
    if art.get("published"):
        src = f' title="date from {_e(art.get("published_source"))}"' if art.get("published_source") else ""
        meta.append(f'<time{src}>{_e(art["published"])}</time>')
    else:
        meta.append('<span class="muted">no publication date</span>')
    if art.get("authors"):
        meta.append(f'<span class="byline">by {_e(", ".join(str(a) for a in art["authors"]))}</span>')
    if art.get("language"):
        meta.append(f'<span class="muted">language: {_e(art["language"])}</span>')
    return (
        '<header id="report-header">'
        '<p class="kicker">newstrace report</p>'
        f'<h1>{_e(art.get("title") or "(untitled)")}</h1>'
        f'<p class="meta">{" · ".join(meta)}</p>'
        f"<p>{_url_line(art.get('url'))}</p>"
        "</header>"
    )


def _footer(d: Mapping[str, Any]) -> str:
    return (
        '<footer id="report-footer"><p>'
        f"Generated {_e(d.get('generated_at'))} by newstrace {_e(d.get('newstrace_version'))}; "
        f"report schema {_e(d.get('schema_version'))}. "
        "Shares are of the article's visible characters outside boilerplate. A verdict says what "
        "independent articles in the archive say about a claim, not whether it is true; its "
        "confidence is only as calibrated as the stance model behind it."
        "</p></footer>"
    )


# ----------------------------------------------------------------------------- summary


def _bar(p: Mapping[str, Any]) -> str:
    """The article's body as one bar: credited, uncredited, order unknown, quotation, rest."""
    segs = [
        ("credited_share", "bar-credited", "copied, credited"),
        ("uncredited_share", "bar-uncredited", "copied, not credited"),
        ("unordered_share", "bar-unordered", "shared, order unknown"),
        ("quotation_share", "bar-quotation", "shared quotation"),
    ]
    x = 0.0
    out = ['<svg class="bar" viewBox="0 0 300 14" width="300" height="14" role="img" aria-label="shares of the text">',
           '<rect class="bar-rest" x="0" y="0" width="300" height="14"><title>original or unmatched</title></rect>']
    for key, cls, label in segs:
        w = 300.0 * max(0.0, min(1.0, float(p.get(key) or 0)))
        if w > 0:
            out.append(f'<rect class="{cls}" x="{x:.1f}" y="0" width="{w:.1f}" height="14">'
                       f"<title>{_e(label)}: {_e(percent(p.get(key)))}</title></rect>")
            x += w
    out.append("</svg>")
    return "".join(out)


def _summary(d: Mapping[str, Any]) -> str:
    summ = d.get("summary") or {}
    p = summ.get("provenance") or {}
    cards = []
    prov_html = f"<p>{_e(provenance_sentence(p))}</p>"
    if p.get("status") == "present":
        prov_html = (
            f'<p class="big">{_e(percent(p.get("copied_share")))} <span>copied from earlier articles</span></p>'
            + _bar(p)
            + f"<p>{_e(provenance_sentence(p))}</p>"
        )
        if p.get("earliest_source"):
            prov_html += f'<p><b>Earliest source:</b> {_e(earliest_phrase(p["earliest_source"]))}</p>'
    cards.append(f'<div class="card" id="summary-provenance"><h3>Provenance</h3>{prov_html}</div>')

    v = summ.get("verdicts") or {}
    if v.get("status") == "present":
        items = [
            f'<li><span class="badge {_VERDICT_CLASS.get(k, "v-other")}">{_e(k.replace("_", " "))}</span> {int(n)}</li>'
            for k, n in (v.get("by_label") or {}).items()
            if n
        ]
        body = f'<ul class="counts">{"".join(items)}</ul>' if items else "<p>No claim was assessed.</p>"
    elif v.get("status") == "not_analysed":
        body = f'<p class="muted">Not analysed: {_e(v.get("reason"))}</p>'
    else:
        body = '<p class="muted">Not run: the report has no verdicts section.</p>'
    c = summ.get("claims") or {}
    if c.get("status") == "present":
        body += f'<p class="muted">{int(c.get("count", 0))} statements, {int(c.get("checkworthy", 0))} check-worthy.</p>'
    cards.append(f'<div class="card" id="summary-verdicts"><h3>Claims and verdicts</h3>{body}</div>')

    r = summ.get("source_rating") or {}
    if r.get("status") == "present":
        rb = f'<p class="big">{_e(r.get("label"))}</p>'
        if r.get("score") is not None:
            score = f"{float(r['score']):.2f}"
            rb += f"<p>score {_e(score)} (0 lowest, 1 highest)</p>"
        if r.get("lists"):
            rb += f'<p class="muted">lists: {_e(", ".join(str(x) for x in r["lists"]))}</p>'
    elif r.get("status") == "absent":
        rb = '<p class="muted">Not run.</p>'
    else:
        rb = f'<p class="muted">{_e(r.get("reason") or "No rating.")}</p>'
    cards.append(f'<div class="card" id="summary-rating"><h3>Source rating</h3>{rb}</div>')

    sig = summ.get("signals") or {}
    if sig.get("status") == "present":
        top = [s for s in sig.get("top") or [] if s.get("severity") != "info"]
        sb = "".join(
            f'<li><span class="sev {_SEVERITY_CLASS.get(s.get("severity"), "s-info")}">{_e(s.get("severity"))}</span> '
            f"{_e(s.get('message'))}</li>"
            for s in top
        )
        sb = f'<ul class="top-signals">{sb}</ul>' if sb else '<p class="muted">Nothing above “info”.</p>'
    else:
        sb = '<p class="muted">Not run.</p>'
    cards.append(f'<div class="card wide" id="summary-signals"><h3>Top signals</h3>{sb}</div>')
    return f'<section id="summary"><h2>Summary</h2><div class="cards">{"".join(cards)}</div></section>'


# ----------------------------------------------------------------------------- article


def _article(d: Mapping[str, Any]) -> str:
    art = d.get("article") or {}
    text = str(art.get("text") or "")
    n = len(text)
    prov = S.provenance_of(d)
    refs = S.source_refs(prov) if prov else {}
    para_prov: dict[tuple[int, int], Mapping[str, Any]] = {}
    if prov:
        for p in prov.get("paragraphs") or []:
            sp = S.span_of(p)
            if sp is not None:
                para_prov[sp] = p

    claims = S.claims_of(d)
    verdicts = S.verdict_by_claim(d)
    marks = _Marks(n)
    # Shared passages at character level: a paragraph's label needs a share of its words,
    # so a copied sentence inside an otherwise original paragraph shows only here.
    for g_i, g in enumerate((prov or {}).get("groups") or []):
        sp = S.span_of(g, "query_span")
        kind = g.get("kind")
        if sp and kind in _PASSAGE_CLASS:
            marks.add(sp, "passage", g_i, _PASSAGE_CLASS[kind])
    for i, c in enumerate(claims):
        sp = S.span_of(c)
        if sp:
            v = verdicts.get(i)
            cls = "claim " + (_VERDICT_CLASS.get(v["label"], "v-other") if v else "v-unassessed")
            marks.add(sp, "claim", i, cls)
    for j, q in enumerate(S.quotes_of(d)):
        parts = [S.as_span(x) for x in q.get("parts") or []] or [S.span_of(q)]
        for sp in parts:
            if sp:
                marks.add(sp, "quote", j, "quote")
    for k, s in enumerate(S.signals_of(d)):
        if s.get("target", "text") != "text":
            continue
        for x in s.get("spans") or []:
            sp = S.as_span(x)
            if sp:
                marks.add(sp, "signal", k, "sig " + _SEVERITY_CLASS.get(s.get("severity"), "s-info"))

    paragraphs = [S.as_span(x) for x in art.get("paragraphs") or []]
    paragraphs = [p for p in paragraphs if p] or ([(0, n)] if n else [])
    out = ['<main id="article">', "<h2>The article</h2>", _legend(prov is not None)]
    for i, (b, e) in enumerate(paragraphs):
        p = para_prov.get((b, e))
        label = str(p.get("label")) if p else None
        cls = PARAGRAPH_STYLE.get(label, ("", "p-unknown"))[1] if label else "p-untraced"
        head = f'<span class="plabel">{_e(paragraph_phrase(p, refs))}</span>' if p else ""
        out.append(f'<p class="para {cls}" id="para-{i + 1}"><span class="pnum">¶{i + 1}</span>{head}'
                   f"{marks.render(text, b, e, claims)}</p>")
    if not text:
        out.append('<p class="muted">The article has no text.</p>')
    bps = [b for b in art.get("boilerplate") or [] if isinstance(b, Mapping)]
    if bps:
        out.append('<details class="furniture"><summary>Page furniture removed by the reader '
                   f"({len(bps)})</summary><ul>")
        for bp in bps:
            out.append(f"<li><b>{_e(bp.get('kind'))}:</b> {_e(bp.get('text'))}</li>")
        out.append("</ul></details>")
    out.append("</main>")
    return "\n".join(out)


def _legend(traced: bool) -> str:
    if not traced:
        return '<p class="legend muted">Provenance was not traced for this report: paragraphs are not coloured.</p>'
    items = [
        ("p-original", "original"),
        ("p-copied", "copied from an earlier article"),
        ("p-quotation", "shared quotation"),
        ("p-boilerplate", "boilerplate"),
    ]
    spans = "".join(f'<span class="key {c}">{_e(t)}</span>' for c, t in items)
    marks = ('<span class="key reuse-copied">passage shared with archived articles</span>'
             '<span class="key claim v-corroborated">claim (underline colour = verdict)</span>'
             '<span class="key quote">quotation</span><span class="key sig s-medium">signal</span>')
    return f'<p class="legend">{spans}{marks}</p>'


class _Marks:
    """Character ranges to highlight inside the article, rendered as flat, non-nested spans.

    Claims, quotes and signal cues may overlap each other; the text is cut at every
    boundary and each piece carries the classes of everything covering it.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self.items: list[tuple[int, int, str, int, str]] = []
        self._anchored: set[int] = set()

    def add(self, span: tuple[int, int], kind: str, index: int, cls: str) -> None:
        b, e = max(0, span[0]), min(self.n, span[1])
        if e > b:
            self.items.append((b, e, kind, index, cls))

    def render(self, text: str, b: int, e: int, claims: list[Mapping[str, Any]]) -> str:
        inside = [it for it in self.items if it[0] < e and it[1] > b]
        cuts = sorted({b, e, *(max(b, it[0]) for it in inside), *(min(e, it[1]) for it in inside)})
        out = []
        for lo, hi in zip(cuts, cuts[1:]):
            covering = [it for it in inside if it[0] <= lo and it[1] >= hi]
            for it in inside:
                if it[2] == "claim" and max(b, it[0]) == lo and it[3] not in self._anchored:
                    # The claim's number where it first shows, linking to its verdict.
                    self._anchored.add(it[3])
                    out.append(f'<a class="cref" id="text-claim-{it[3] + 1}" href="#claim-{it[3] + 1}">{it[3] + 1}</a>')
            piece = _e(text[lo:hi]).replace("\n", "<br>")
            if not covering:
                out.append(piece)
                continue
            classes = " ".join(dict.fromkeys(" ".join(it[4] for it in covering).split()))
            tips = []
            for it in covering:
                if it[2] == "claim":
                    tips.append(f"claim {it[3] + 1} ({claims[it[3]].get('label', '')})")
                elif it[2] == "quote":
                    tips.append(f"quotation {it[3] + 1}")
                elif it[2] == "passage":
                    tips.append(f"{_PASSAGE_WORDS[it[4]]}, passage {it[3] + 1} in Sources")
                else:
                    tips.append(f"signal {it[3] + 1}")
            out.append(f'<span class="{_e(classes)}" title="{_e("; ".join(tips))}">{piece}</span>')
        return "".join(out)


# ----------------------------------------------------------------------------- side panel


def _sources(d: Mapping[str, Any]) -> str:
    prov = S.provenance_of(d)
    if prov is None:
        return ('<section id="sources"><h2>Sources</h2><p class="muted">Provenance was not traced, so '
                "no sources are known.</p></section>")
    by_src = S.matches_by_source(prov)
    rows = []
    for s in prov.get("sources") or []:
        ref = s.get("source") or {}
        key = str(ref.get("key"))
        credit = s.get("credit") or {}
        kinds = s.get("kinds") or []
        if "copied_prose" in kinds:
            words = "; ".join(f"{ev.get('kind')}: “{ev.get('text')}”" for ev in credit.get("evidence") or [])
            cred = (f'<span class="yes">credited</span><br><small>{_e(words)}</small>' if credit.get("credited")
                    else '<span class="no">not credited</span>')
        else:
            cred = '<span class="muted">n/a</span>'
        edit = S.heaviest_edit(m.get("edit_level", "") for m in by_src.get(key, [])) or "-"
        title = f'<br><small>{_e(ref.get("title"))}</small>' if ref.get("title") else ""
        rows.append(
            "<tr>"
            f"<td>{_link(ref.get('url'), S.outlet_name(ref))}{title}</td>"
            f"<td>{_date(ref.get('published'))}</td>"
            f"<td>{_e(s.get('relation'))}<br><small>{_e(', '.join(str(k).replace('_', ' ') for k in kinds))}</small></td>"
            f"<td>{_e(edit)}</td>"
            f"<td class='num'>{int(s.get('copied_chars') or 0)}</td>"
            f"<td>{cred}</td>"
            "</tr>"
        )
    if not rows:
        table = '<p class="muted">No archived article shares text with this one.</p>'
    else:
        table = ('<table class="sources"><thead><tr><th>outlet</th><th>published</th><th>relation</th>'
                 "<th>edits</th><th>chars</th><th>credit</th></tr></thead>"
                 f"<tbody>{''.join(rows)}</tbody></table>")
    return f'<section id="sources"><h2>Sources</h2>{table}{_passages(d, prov)}</section>'


def _passages(d: Mapping[str, Any], prov: Mapping[str, Any]) -> str:
    groups = prov.get("groups") or []
    if not groups:
        return ""
    text = str((d.get("article") or {}).get("text") or "")
    refs = S.source_refs(prov)
    out = ['<details class="passages"><summary>Shared passages '
           f"({len(groups)})</summary><ol>"]
    for g in groups:
        sp = S.span_of(g, "query_span")
        excerpt = " ".join(text[sp[0]:sp[1]].split()) if sp else ""
        if len(excerpt) > 280:
            excerpt = excerpt[:279] + "…"
        carriers = []
        seen: set[str] = set()
        for m in g.get("matches") or []:
            ref = m.get("source") or {}
            k = str(ref.get("key"))
            if k in seen:
                continue
            seen.add(k)
            carriers.append(f"<li>{_link(ref.get('url'), S.outlet_name(ref))} "
                            f"<small>{_date(ref.get('published'))} · {_e(m.get('edit_level'))}</small></li>")
        e = g.get("earliest") or {}
        names = ", ".join("this article" if k is None else S.outlet_name(refs.get(str(k)))
                          for k in e.get("keys") or []) or "unknown"
        chain = " → ".join(
            "this article" if c.get("checked_article") or c.get("key") is None
            else S.outlet_name(refs.get(str(c.get("key"))))
            for c in g.get("chain") or []
        )
        out.append(
            f"<li><p class='kind'>{_e(str(g.get('kind', '')).replace('_', ' '))}</p>"
            f"<blockquote>{_e(excerpt)}</blockquote>"
            f"<p><b>Earliest:</b> {_e(names)} {_e(e.get('date') or '')}"
            + (f" <small>({_e(e.get('status'))}: {_e(e.get('note'))})</small>" if e.get("status") != "decided" else "")
            + "</p>"
            + (f"<p><b>Chain:</b> {_e(chain)}</p>" if chain else "")
            + f"<p><b>Carried by:</b></p><ul>{''.join(carriers)}</ul></li>"
        )
    out.append("</ol></details>")
    return "".join(out)


_WHEN_WORDS = {"before": "published before this article", "after": "published after this article",
               "same_day": "published the same day"}


def _evidence_item(ev: Mapping[str, Any]) -> str:
    stance = str(ev.get("stance") or "")
    who = S.outlet_name(ev)
    score = ev.get("score")
    score_s = f" {float(score):.0%}" if isinstance(score, (int, float)) else ""
    flag = ' <small class="muted">names a primary source</small>' if ev.get("names_primary_source") else ""
    when = _WHEN_WORDS.get(ev.get("when"))
    if when:
        flag += f' <small class="muted">{_e(when)}</small>'
    reason = ev.get("reason")
    why = f"<p class='muted'>why: {_e(reason)}</p>" if isinstance(reason, str) and reason else ""
    return (
        f"<li><span class='stance {_STANCE_CLASS.get(stance, 'st-unrelated')}'>{_e(stance)}{_e(score_s)}</span> "
        f"{_link(ev.get('url'), who)} <small>{_date(ev.get('date'))}</small>{flag}"
        f"<blockquote>{_e(ev.get('sentence'))}</blockquote>{why}</li>"
    )


_CLAUSE_WORDS = {
    "coordinated": "One clause of the sentence",
    "relative": "A relative clause inside the sentence",
    "presupposition": "Taken for granted by the sentence",
}


def _claims(d: Mapping[str, Any]) -> str:
    if "claims" not in d:
        return '<section id="claims"><h2>Claims</h2><p class="muted">Not run.</p></section>'
    reason = S.not_analysed(d.get("claims"))
    if reason:
        return f'<section id="claims"><h2>Claims</h2><p class="muted">Not analysed: {_e(reason)}</p></section>'
    verdicts = S.verdict_by_claim(d)
    has_verdicts = "verdicts" in d
    out = ['<section id="claims"><h2>Claims and evidence</h2>']
    if not has_verdicts:
        out.append('<p class="muted">No verdicts in this report: evidence was not gathered.</p>')
    out.append("<ol class='claims'>")
    for i, c in enumerate(S.claims_of(d)):
        label = str(c.get("label") or "")
        v = verdicts.get(i)
        head = (f'<span class="badge {_LABEL_CLASS.get(label, "l-other")}">{_e(label)}</span> '
                f'<a class="back" href="#text-claim-{i + 1}">in the text</a>')
        body = f"<p class='ctext'>{_e(c.get('text'))}</p>"
        of = c.get("clause_of")
        if isinstance(of, Mapping):
            within = of.get("within")
            inside = (f' (inside <a href="#claim-{int(within) + 1}">#{int(within) + 1}</a>)'
                      if isinstance(within, int) else "")
            body += (f"<p class='muted clause-of'>{_e(_CLAUSE_WORDS.get(str(of.get('kind')), str(of.get('kind'))))}"
                     f"{inside}: “{_e(of.get('sentence_text'))}”</p>")
            stmt = c.get("statement")
            if isinstance(stmt, str) and stmt and stmt != c.get("text"):
                body += f"<p class='muted'>checked as: {_e(stmt)}</p>"
        if c.get("source"):
            body += f"<p class='muted'>attributed to {_e(c.get('source'))}</p>"
        if v is not None:
            lab = v["label"]
            conf = v.get("confidence")
            conf_s = f" · confidence {float(conf):.0%}" if isinstance(conf, (int, float)) else ""
            body += (f"<p><span class='badge {_VERDICT_CLASS.get(lab, 'v-other')}'>{_e(lab.replace('_', ' '))}</span> "
                     f"{_e(VERDICT_WORDS.get(lab, ''))}{_e(conf_s)}</p>")
            doubt = verdict_doubt(v)
            if doubt:
                body += f"<p class='doubt'>{_e(doubt)}</p>"
            reasons = [str(r) for r in v.get("reasons") or []]
            if reasons:
                body += f"<ul class='reasons'>{''.join(f'<li>{_e(r)}</li>' for r in reasons)}</ul>"
            ev = [x for x in v.get("evidence") or [] if isinstance(x, Mapping)]
            own = [x for x in v.get("own_group_evidence") or [] if isinstance(x, Mapping)]
            if ev:
                body += (f"<details><summary>Evidence from independent sources ({len(ev)})</summary>"
                         f"<ul class='evidence'>{''.join(_evidence_item(x) for x in ev)}</ul></details>")
            if own:
                body += (f"<details><summary>From this article's own group, not counted ({len(own)})</summary>"
                         f"<ul class='evidence'>{''.join(_evidence_item(x) for x in own)}</ul></details>")
        elif has_verdicts and label == "claim":
            body += "<p class='muted'>No verdict for this claim.</p>"
        out.append(f'<li id="claim-{i + 1}">{head}{body}</li>')
    out.append("</ol></section>")
    return "".join(out)


def _quotes(d: Mapping[str, Any]) -> str:
    if "quotes" not in d:
        return ""
    reason = S.not_analysed(d.get("quotes"))
    if reason:
        return f'<section id="quotes"><h2>Quotes</h2><p class="muted">Not analysed: {_e(reason)}</p></section>'
    items = []
    for j, q in enumerate(S.quotes_of(d)):
        sp = q.get("speaker") or {}
        who = sp.get("label") or sp.get("name") or "unattributed"
        role = f", {_e(sp.get('role'))}" if sp.get("role") and sp.get("role") != who else ""
        venue = f" · to {_e(q.get('venue'))}" if q.get("venue") else ""
        items.append(
            f'<li id="quote-{j + 1}"><p><b>{_e(who)}</b>{role}{venue} '
            f"<small>({_e(q.get('kind'))}, {_e(quote_status(q))})</small></p>"
            f"<blockquote>{_e(q.get('text'))}</blockquote></li>"
        )
    body = f"<ol class='quotes'>{''.join(items)}</ol>" if items else '<p class="muted">No quotes found.</p>'
    return f'<section id="quotes"><h2>Quotes</h2>{body}</section>'


def _signals(d: Mapping[str, Any]) -> str:
    if "signals" not in d:
        return ""
    sigs = sorted(S.signals_of(d), key=lambda s: -severity_rank(s.get("severity")))
    items = [
        f"<li><span class='sev {_SEVERITY_CLASS.get(s.get('severity'), 's-info')}'>{_e(s.get('severity'))}</span> "
        f"<code>{_e(s.get('kind'))}</code> {_e(s.get('message'))}</li>"
        for s in sigs
    ]
    body = f"<ul class='signals'>{''.join(items)}</ul>" if items else '<p class="muted">No signals.</p>'
    return f'<section id="signals"><h2>Signals</h2>{body}</section>'


def _rating(d: Mapping[str, Any]) -> str:
    if "source_rating" not in d:
        return ""
    r = d.get("source_rating")
    if not isinstance(r, Mapping):
        return ('<section id="rating"><h2>Source rating</h2><p class="muted">No URL or domain to rate.</p>'
                "</section>")
    body = f"<p><b>{_e(r.get('label'))}</b>"
    if r.get("score") is not None:
        body += f" · score {_e(r.get('score'))}"
    body += "</p>"
    if r.get("explanation"):
        body += f"<p>{_e(r.get('explanation'))}</p>"
    if r.get("citation"):
        body += f"<p class='muted'><small>{_e(r.get('citation'))}</small></p>"
    return f'<section id="rating"><h2>Source rating</h2>{body}</section>'


def _related(d: Mapping[str, Any]) -> str:
    hits = S.related_of(d)
    if "related" not in d:
        return ""
    if not hits:
        return '<section id="related"><h2>Related in the archive</h2><p class="muted">Nothing related found.</p></section>'
    items = []
    for h in hits:
        items.append(
            f"<li>{_link(h.get('url'), h.get('title') or '(untitled)')} "
            f"<small>{_e(S.outlet_name(h))} · {_date(h.get('published'))}</small>"
            f"<p class='muted'>{_e(h.get('snippet_text') or '')}</p></li>"
        )
    return f'<section id="related"><h2>Related in the archive</h2><ul class="related">{"".join(items)}</ul></section>'


# ----------------------------------------------------------------------------- timeline


def timeline_items(d: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The story's coverage: the article, its provenance sources and related articles.

    role: checked | copied (shares prose) | quotation | related. One item per article id.
    """
    art = d.get("article") or {}
    items: dict[str, dict[str, Any]] = {}

    def add(aid: Any, role: str, ref: Mapping[str, Any], date: Any) -> None:
        k = str(aid or ref.get("url") or id(ref))
        if k in items:
            if role in ("checked", "copied") and items[k]["role"] in ("quotation", "related"):
                items[k]["role"] = role
            return
        items[k] = {"id": k, "role": role, "outlet": S.outlet_name(ref), "title": ref.get("title") or "",
                    "url": ref.get("url"), "date": date, "t": S.order_key(date)}

    add(art.get("id"), "checked", art, art.get("published"))
    prov = S.provenance_of(d)
    if prov:
        summaries = S.source_summaries(prov)
        for k, ref in S.source_refs(prov).items():
            kinds = (summaries.get(k) or {}).get("kinds") or ["copied_prose"]
            role = "copied" if "copied_prose" in kinds else ("quotation" if "shared_quotation" in kinds else "related")
            if kinds == ["boilerplate"]:
                continue
            add(ref.get("id") or k, role, ref, ref.get("published"))
    for h in S.related_of(d):
        add(h.get("article_id"), "related", h, h.get("published"))
    return list(items.values())


def _timeline(d: Mapping[str, Any]) -> str:
    items = timeline_items(d)
    dated = sorted((it for it in items if it["t"] is not None), key=lambda it: (it["t"], it["outlet"]))
    undated = [it for it in items if it["t"] is None]
    out = ['<section id="timeline"><h2>Timeline of the coverage</h2>']
    if dated:
        out.append(_timeline_svg(dated))
    else:
        out.append('<p class="muted">No dated article to place on a timeline.</p>')
    if undated:
        lis = "".join(f"<li><span class='tl-{it['role']}'>●</span> {_link(it['url'], it['outlet'])} "
                      f"<small>{_e(it['title'])}</small></li>" for it in undated)
        out.append(f"<p>Undated (cannot be placed):</p><ul class='undated'>{lis}</ul>")
    out.append("</section>")
    return "".join(out)


_ROLE_WORDS = {"checked": "this article", "copied": "shares prose", "quotation": "shares a quotation", "related": "related"}


def _timeline_svg(dated: list[dict[str, Any]]) -> str:
    width, left, right, top, row = 900, 20, 20, 44, 24
    height = top + row * len(dated) + 10
    t0, t1 = dated[0]["t"], dated[-1]["t"]
    span = max(t1 - t0, 1.0)
    plot_w = width - left - right

    def x(t: float) -> float:
        return left + (plot_w * (t - t0) / span if t1 > t0 else plot_w / 2)

    out = [f'<svg class="timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           'role="img" aria-label="timeline of the coverage">']
    # Day ticks: at most 8, at midnight UTC, labelled by date.
    from datetime import datetime, timezone

    day = 86400.0
    first_day = math.floor(t0 / day) * day
    n_days = int(math.ceil((t1 - first_day) / day)) + 1
    step = max(1, math.ceil(n_days / 8))
    out.append(f'<line class="axis" x1="{left}" y1="{top - 14}" x2="{left + plot_w}" y2="{top - 14}"/>')
    for k in range(0, n_days + 1, step):
        t = first_day + k * day
        if t < t0 - day or t > t1 + day:
            continue
        tx = x(min(max(t, t0), t1)) if t1 > t0 else x(t0)
        if t1 > t0 and not (t0 <= t <= t1):
            continue
        label = datetime.fromtimestamp(t, tz=timezone.utc).strftime("%Y-%m-%d")
        out.append(f'<line class="tick" x1="{tx:.1f}" y1="{top - 18}" x2="{tx:.1f}" y2="{height - 6}"/>'
                   f'<text class="ticklabel" x="{tx:.1f}" y="{top - 22}">{_e(label)}</text>')
    for i, it in enumerate(dated):
        cy = top + row * i + row / 2
        cx = x(it["t"])
        label = it["outlet"] + (f" — {it['title']}" if it["title"] else "")
        if len(label) > 70:
            label = label[:69] + "…"
        tip = f"{it['outlet']}, {it['date']} ({_ROLE_WORDS.get(it['role'], '')})"
        # Labels go right of the dot, or left of it when they would run off the picture
        # (about 6.5 px a character at 12 px).
        if cx + 10 + 6.5 * len(label) > width:
            text = f'<text x="{cx - 10:.1f}" y="{cy + 4:.1f}" text-anchor="end">{_e(label)}</text>'
        else:
            text = f'<text x="{cx + 10:.1f}" y="{cy + 4:.1f}">{_e(label)}</text>'
        out.append(
            f'<g class="tl-item tl-{it["role"]}"><title>{_e(tip)}</title>'
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="6"/>{text}</g>'
        )
    out.append("</svg>")
    legend = "".join(f"<span class='key tl-{r}'>● {_e(w)}</span>" for r, w in _ROLE_WORDS.items())
    return "".join(out) + f"<p class='legend'>{legend}</p>"


# ----------------------------------------------------------------------------- copy network


def copy_network(d: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Sites and who copies whom, from the provenance section.

    Edges (source site → copying site):
    - "chain": consecutive links of a passage's derivation chain (textual evidence of who
      copied whom); the last link into the checked article carries its credit;
    - "carrier": another site carrying the same copied passage, dated after the passage's
      earliest source: it copied that source directly or through others (dashed);
    - "later": a later article carrying this article's text.
    Shared quotations and boilerplate make no edges: quoting the same person is not copying.
    """
    prov = S.provenance_of(d)
    art = d.get("article") or {}
    if prov is None:
        return [], []
    refs = S.source_refs(prov)
    summaries = S.source_summaries(prov)
    me = S.site_node(art)
    nodes: dict[str, dict[str, Any]] = {me: {"id": me, "label": S.outlet_name(art), "checked": True,
                                             "t": S.order_key(art.get("published"))}}

    def node_of(key: Any) -> str:
        if key is None:
            return me
        ref = refs.get(str(key), {"key": key})
        nid = S.site_node(ref)
        t = S.order_key(ref.get("published"))
        n = nodes.setdefault(nid, {"id": nid, "label": S.outlet_name(ref), "checked": False, "t": t})
        if t is not None and (n["t"] is None or t < n["t"]):
            n["t"] = t
        return nid

    edges: dict[tuple[str, str], dict[str, Any]] = {}

    def edge(a: str, b: str, kind: str, credited: bool | None = None) -> None:
        if a == b:
            return
        e = edges.setdefault((a, b), {"source": a, "target": b, "kind": kind, "credited": credited, "passages": 0})
        e["passages"] += 1
        rank = {"chain": 0, "later": 1, "carrier": 2}
        if rank[kind] < rank[e["kind"]]:
            e["kind"] = kind
        if credited is not None:
            e["credited"] = bool(e["credited"]) or credited

    for g in prov.get("groups") or []:
        if g.get("kind") != "copied_prose":
            continue
        chain = g.get("chain") or []
        on_chain = {str(c.get("key")) for c in chain if c.get("key") is not None}
        for a, b in zip(chain, chain[1:]):
            na, nb = node_of(a.get("key")), node_of(b.get("key"))
            cred = None
            if b.get("key") is None and a.get("key") is not None:
                cred = bool(((summaries.get(str(a["key"])) or {}).get("credit") or {}).get("credited"))
            edge(na, nb, "chain", cred)
        e = g.get("earliest") or {}
        first = (e.get("keys") or [None])[0]
        t_first = S.order_key(e.get("date"))
        for m in g.get("matches") or []:
            k = (m.get("source") or {}).get("key")
            if k is None or m.get("kind") != "copied_prose":
                continue
            rel = (summaries.get(str(k)) or {}).get("relation")
            if rel == "later":
                edge(me, node_of(k), "later")
                continue
            if str(k) in on_chain or first is None or str(k) == str(first):
                node_of(k)
                continue
            t = S.order_key((refs.get(str(k)) or {}).get("published"))
            if t is not None and t_first is not None and t > t_first:
                edge(node_of(first), node_of(k), "carrier")
            else:
                node_of(k)
    return list(nodes.values()), list(edges.values())


def _network(d: Mapping[str, Any]) -> str:
    nodes, edges = copy_network(d)
    head = '<section id="network"><h2>Who copies whom</h2>'
    if S.provenance_of(d) is None:
        return head + '<p class="muted">Provenance was not traced.</p></section>'
    if len(nodes) < 2:
        return head + '<p class="muted">No other site shares copied prose with this article.</p></section>'
    # Circle layout, oldest site first (from the left, clockwise), undated last.
    order = sorted(nodes, key=lambda n: (n["t"] is None, n["t"] or 0.0, n["label"]))
    w, h, r_node = 760, 460, 9
    cx, cy = w / 2, h / 2
    rad = min(w, h) / 2 - 70
    pos = {}
    for i, n in enumerate(order):
        a = math.pi + 2 * math.pi * i / len(order)
        pos[n["id"]] = (cx + rad * math.cos(a), cy + rad * math.sin(a))
    out = [f'<svg class="network" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
           'aria-label="copy network between sites">',
           "<defs>" + "".join(
               f'<marker id="{m}" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" '
               f'markerWidth="11" markerHeight="11" orient="auto"><path d="M0,0 L10,5 L0,10 z" class="{m}"/></marker>'
               for m in ("arrow", "arrow-credited", "arrow-uncredited", "arrow-later")
           ) + "</defs>"]
    for e in edges:
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1.0
        ux, uy = dx / dist, dy / dist
        sx, sy = x1 + ux * (r_node + 2), y1 + uy * (r_node + 2)
        tx, ty = x2 - ux * (r_node + 3), y2 - uy * (r_node + 3)
        cls = {"chain": "e-chain", "carrier": "e-carrier", "later": "e-later"}[e["kind"]]
        marker = "arrow-later" if e["kind"] == "later" else "arrow"
        if e["credited"] is True:
            cls, marker = cls + " e-credited", "arrow-credited"
        elif e["credited"] is False:
            cls, marker = cls + " e-uncredited", "arrow-uncredited"
        src_l = next(n["label"] for n in nodes if n["id"] == e["source"])
        tgt_l = next(n["label"] for n in nodes if n["id"] == e["target"])
        what = {"chain": "copied from", "carrier": "carries text first published by", "later": "copied from"}[e["kind"]]
        cred = {True: ", credited", False: ", not credited"}.get(e["credited"], "")
        out.append(f'<g class="edge {cls}"><title>{_e(f"{tgt_l} {what} {src_l}{cred}")}</title>'
                   f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{tx:.1f}" y2="{ty:.1f}" marker-end="url(#{marker})"/></g>')
    for n in order:
        x, y = pos[n["id"]]
        cls = "node checked" if n["checked"] else "node"
        label = n["label"] if len(n["label"]) <= 32 else n["label"][:31] + "…"
        anchor = "end" if x < cx - 5 else ("start" if x > cx + 5 else "middle")
        lx = x - 14 if anchor == "end" else (x + 14 if anchor == "start" else x)
        ly = y + 4 if anchor != "middle" else (y - 14 if y < cy else y + 22)
        out.append(f'<g class="{cls}"><title>{_e(n["id"])}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="{r_node}"/>'
                   f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{_e(label)}</text></g>')
    out.append("</svg>")
    legend = ("<p class='legend'><span class='key e-chain'>— derivation chain (who copied whom)</span>"
              "<span class='key e-carrier'>- - also carries the passage, after its earliest source</span>"
              "<span class='key e-uncredited'>red: copied into this article without credit</span>"
              "<span class='key e-credited'>green: credited</span></p>")
    return head + "".join(out) + legend + "</section>"

