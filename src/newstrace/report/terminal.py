"""Render a report in the terminal with rich: the summary first, then the details.

Article text and metadata only ever reach rich as `Text` objects or through
`rich.markup.escape`, so "[bold]" or "[link=...]" inside an article is shown as typed.
"""

from __future__ import annotations

from typing import Any, Mapping

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from . import sections as S
from .model import Report, as_dict, severity_rank
from .wording import (
    PARAGRAPH_STYLE,
    VERDICT_STYLE,
    earliest_phrase,
    paragraph_phrase,
    provenance_sentence,
    quote_status,
    verdict_counts_phrase,
    verdict_doubt,
)

_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}
_LABEL_STYLE = {"claim": "bold", "speculation": "magenta", "opinion": "blue", "background": "dim"}


def render_terminal(report: Report | Mapping[str, Any], console: Console, *, details: bool = True) -> None:
    """Print `report` on `console`: summary, then (with `details`) paragraph map,
    sources and passages, claims with verdicts, quotes and signals."""
    d = as_dict(report)
    art = d.get("article") or {}
    console.print(_header(art))
    console.print(_summary(d))
    if not details:
        return
    prov = S.provenance_of(d)
    if prov is not None:
        console.print(_paragraph_map(art, prov))
        console.print(_sources_table(prov))
        passages = _passages_table(art, prov)
        if passages is not None:
            console.print(passages)
    if "claims" in d:
        console.print(_claims_table(d))
    if "quotes" in d:
        console.print(_quotes_table(d))
    if "signals" in d:
        console.print(_signals_table(d))
    removed = _furniture_table(art)
    if removed is not None:
        console.print(removed)
    if d.get("related"):
        console.print(_related_table(d["related"]))


def _furniture_table(art: Mapping[str, Any]) -> Table | None:
    """Page furniture the reader removed (copyright lines, comment forms...): reported,
    never silently dropped."""
    items = art.get("boilerplate") or []
    if not items:
        return None
    t = Table(title="removed page furniture", title_justify="left", show_lines=False)
    t.add_column("kind", no_wrap=True)
    t.add_column("text")
    for b in items:
        t.add_row(Text(str(b.get("kind", ""))), Text(_excerpt(str(b.get("text", "")), 160)))
    return t


def _related_table(hits: Any) -> Table:
    """The archive's most related articles by full-text search (whether or not they share text)."""
    t = Table(title="most related articles in the archive (full-text search)", title_justify="left")
    t.add_column("date", no_wrap=True)
    t.add_column("outlet")
    t.add_column("title / snippet")
    for h in hits:
        body = Text(str(h.get("title") or ""), style="bold")
        snippet = str(h.get("snippet") or "")
        if snippet:
            body.append("\n")
            # «» mark the search hits in the snippet; shown as plain text.
            body.append(snippet)
        t.add_row(Text(str(h.get("published") or "undated")[:10]), Text(str(h.get("site") or h.get("domain") or "?")), body)
    return t


def _header(art: Mapping[str, Any]) -> Text:
    t = Text()
    t.append(str(art.get("title") or "(untitled)"), style="bold")
    meta = [x for x in (art.get("site") or art.get("domain"), art.get("published"),
                        ", ".join(art.get("authors") or []) or None) if x]
    if meta:
        t.append("\n" + " · ".join(str(m) for m in meta), style="dim")
    if art.get("url"):
        t.append("\n" + str(art["url"]), style="dim underline")
    return t


def _summary(d: Mapping[str, Any]) -> Panel:
    summ = d.get("summary") or {}
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("provenance", Text(provenance_sentence(summ.get("provenance") or {})))
    p = summ.get("provenance") or {}
    if p.get("status") == "present" and p.get("earliest_source"):
        grid.add_row("earliest source", Text(earliest_phrase(p["earliest_source"])))
    v = summ.get("verdicts") or {}
    grid.add_row("verdicts", _verdict_counts(v))
    c = summ.get("claims") or {}
    if c.get("status") == "present":
        grid.add_row("claims", Text(f"{c.get('count', 0)} statements, {c.get('checkworthy', 0)} check-worthy"))
    elif c.get("status") == "not_analysed":
        grid.add_row("claims", Text(f"not analysed: {c.get('reason', '')}", style="dim"))
    r = summ.get("source_rating") or {}
    grid.add_row("source rating", _rating_text(r, d.get("source_rating")))
    sig = summ.get("signals") or {}
    if sig.get("status") == "present":
        top = [s for s in sig.get("top") or [] if s.get("severity") != "info"]
        if top:
            lines = Text()
            for i, s in enumerate(top):
                if i:
                    lines.append("\n")
                sev = str(s.get("severity"))
                lines.append(f"{sev:<6} ", style=_SEVERITY_STYLE.get(sev, ""))
                lines.append(str(s.get("message") or s.get("kind") or ""))
            grid.add_row("top signals", lines)
        else:
            grid.add_row("top signals", Text("nothing above 'info'", style="dim"))
    else:
        grid.add_row("top signals", Text("not run", style="dim"))
    return Panel(grid, title="summary", title_align="left")


def _verdict_counts(v: Mapping[str, Any]) -> Text:
    if v.get("status") != "present":
        return Text("not run" if v.get("status") == "absent" else f"not analysed: {v.get('reason', '')}", style="dim")
    t = Text()
    counts = [(k, n) for k, n in (v.get("by_label") or {}).items() if n]
    if not counts:
        return Text("no claim was assessed", style="dim")
    for i, (k, n) in enumerate(counts):
        if i:
            t.append(", ")
        t.append(f"{n} {k.replace('_', ' ')}", style=VERDICT_STYLE.get(k, ""))
    return t


def _rating_text(r: Mapping[str, Any], raw: Any) -> Text:
    status = r.get("status")
    if status == "absent":
        return Text("not run", style="dim")
    if status != "present":
        return Text(str(r.get("reason") or "no rating"), style="dim")
    label = str(r.get("label") or "unrated")
    t = Text(label, style={"low": "bold red", "mixed": "yellow", "high": "green"}.get(label, ""))
    if r.get("score") is not None:
        t.append(f" (score {float(r['score']):.2f})")
    if isinstance(raw, Mapping) and raw.get("explanation"):
        t.append("\n" + str(raw["explanation"]), style="dim")
    return t


def _paragraph_map(art: Mapping[str, Any], prov: Mapping[str, Any]) -> Table:
    text = str(art.get("text") or "")
    refs = S.source_refs(prov)
    t = Table(title="where each paragraph comes from", title_justify="left", show_header=False,
              box=None, padding=(0, 1), expand=True)
    t.add_column(no_wrap=True, width=4)
    t.add_column(ratio=1)
    for i, p in enumerate(prov.get("paragraphs") or []):
        sp = S.span_of(p)
        if sp is None:
            continue
        label = str(p.get("label"))
        head = Text(paragraph_phrase(p, refs), style=PARAGRAPH_STYLE.get(label, ("", ""))[0] + " bold")
        t.add_row(Text(f"¶{i + 1}", style="dim"), Group(head, Text(text[sp[0]:sp[1]])))
        t.add_row("", "")
    return t


def _sources_table(prov: Mapping[str, Any]) -> Table:
    t = Table(title="sources: archived articles sharing text with this one", title_justify="left", expand=True)
    for col in ("outlet", "published", "relation", "kind", "edit", "shared chars", "credited"):
        t.add_column(col, overflow="fold")
    by_src = S.matches_by_source(prov)
    sources = prov.get("sources") or []
    if not sources:
        t.add_row(Text("no archived article shares text with this one", style="dim"), *[""] * 6)
    for s in sources:
        ref = s.get("source") or {}
        key = str(ref.get("key"))
        credit = s.get("credit") or {}
        words = ", ".join(f"{e.get('kind')}: {e.get('text')}" for e in credit.get("evidence") or [])
        cred = Text("yes", style="green") if credit.get("credited") else Text("no", style="red")
        if words:
            cred.append(f" ({words})", style="dim")
        if "copied_prose" not in (s.get("kinds") or []):
            cred = Text("n/a", style="dim")
        outlet = Text(S.outlet_name(ref))
        if ref.get("url"):
            outlet.append("\n" + str(ref["url"]), style="dim")
        t.add_row(
            outlet,
            Text(str(ref.get("published") or "undated")),
            Text(str(s.get("relation") or "unknown")),
            Text(", ".join(k.replace("_", " ") for k in s.get("kinds") or [])),
            Text(S.heaviest_edit(m.get("edit_level", "") for m in by_src.get(key, [])) or "-"),
            Text(str(s.get("copied_chars", 0))),
            cred,
        )
    return t


def _passages_table(art: Mapping[str, Any], prov: Mapping[str, Any]) -> Table | None:
    groups = prov.get("groups") or []
    if not groups:
        return None
    text = str(art.get("text") or "")
    refs = S.source_refs(prov)
    t = Table(title="shared passages", title_justify="left", expand=True)
    t.add_column("passage", ratio=3, overflow="fold")
    t.add_column("kind")
    t.add_column("carried by", ratio=2, overflow="fold")
    t.add_column("earliest", ratio=2, overflow="fold")
    t.add_column("chain", ratio=2, overflow="fold")
    for g in groups:
        sp = S.span_of(g, "query_span")
        excerpt = _excerpt(text[sp[0]:sp[1]]) if sp else ""
        carriers = {}
        for m in g.get("matches") or []:
            ref = m.get("source") or {}
            carriers.setdefault(str(ref.get("key")), (S.outlet_name(ref), m.get("edit_level")))
        carried = ", ".join(f"{name} ({lvl})" for name, lvl in carriers.values())
        e = g.get("earliest") or {}
        earliest_names = ", ".join(
            "this article" if k is None else S.outlet_name(refs.get(str(k))) for k in e.get("keys") or []
        )
        if e.get("date"):
            earliest_names += f" {e['date']}"
        if e.get("status") not in (None, "decided"):
            earliest_names += f" [{e.get('status')}: {e.get('note', '')}]"
        chain = " → ".join(
            "this article" if c.get("checked_article") or c.get("key") is None
            else S.outlet_name(refs.get(str(c.get("key"))))
            for c in g.get("chain") or []
        )
        t.add_row(Text(excerpt), Text(str(g.get("kind", "")).replace("_", " ")), Text(carried),
                  Text(earliest_names or "-"), Text(chain or "-"))
    return t


def _excerpt(s: str, n: int = 140) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _claims_table(d: Mapping[str, Any]) -> Table:
    t = Table(title="claims", title_justify="left", expand=True)
    t.add_column("#", no_wrap=True)
    t.add_column("label", no_wrap=True)
    t.add_column("statement", ratio=4, overflow="fold")
    t.add_column("verdict", ratio=2, overflow="fold")
    reason = S.not_analysed(d.get("claims"))
    if reason:
        t.add_row("", "", Text(f"not analysed: {reason}", style="dim"), "")
        return t
    verdicts = S.verdict_by_claim(d)
    has_verdicts = "verdicts" in d
    for i, c in enumerate(S.claims_of(d)):
        label = str(c.get("label", ""))
        stmt = Text(str(c.get("text", "")))
        part = clause_note(c)
        if part:
            stmt.append(f"\n{part}", style="dim")
        if c.get("source"):
            stmt.append(f"\n— attributed to {c['source']}", style="dim")
        v = verdicts.get(i)
        if v is not None:
            vt = Text(v["label"].replace("_", " "), style=VERDICT_STYLE.get(v["label"], ""))
            if v.get("confidence") is not None:
                vt.append(f" ({float(v['confidence']):.0%})")
            doubt = verdict_doubt(v)
            if doubt:
                vt.append(f"\n{doubt}", style="yellow")
            for ev in (v.get("evidence") or [])[:3]:
                if ev.get("stance") in ("agrees", "disagrees"):
                    vt.append(f"\n{ev.get('stance')}: {ev.get('site') or ev.get('domain') or '?'}"
                              f" {ev.get('date') or ''}", style="dim")
                    if ev.get("reason"):
                        vt.append(f" ({ev['reason']})", style="dim")
        else:
            vt = Text("no verdict" if has_verdicts else "", style="dim")
        t.add_row(Text(str(i + 1), style="dim"), Text(label, style=_LABEL_STYLE.get(label, "")), stmt, vt)
    return t


_CLAUSE_WORDS = {
    "coordinated": "one clause of the sentence",
    "relative": "a relative clause inside the sentence",
    "presupposition": "taken for granted by the sentence",
}


def clause_note(c: Mapping[str, Any], *, within: bool = True) -> str:
    """For a claim that is only part of its sentence: what part, the statement that was
    checked when it differs from the clause, and the sentence (excerpt). "" otherwise.
    `within`: name the enclosing clause by its number in the claims table (#n)."""
    of = c.get("clause_of")
    if not isinstance(of, Mapping):
        return ""
    kind = str(of.get("kind") or "")
    lines = [f"↳ {_CLAUSE_WORDS.get(kind, kind)}"
             + (f" (inside #{int(of['within']) + 1})" if within and isinstance(of.get("within"), int) else "")
             + f": “{_excerpt(str(of.get('sentence_text') or ''), 120)}”"]
    stmt = c.get("statement")
    if isinstance(stmt, str) and stmt and stmt != c.get("text"):
        lines.append(f"checked as: {stmt}")
    return "\n".join(lines)


def _quotes_table(d: Mapping[str, Any]) -> Table:
    t = Table(title="quotes", title_justify="left", expand=True)
    t.add_column("speaker", ratio=2, overflow="fold")
    t.add_column("venue", ratio=1, overflow="fold")
    t.add_column("kind", no_wrap=True)
    t.add_column("status", ratio=1, overflow="fold")
    t.add_column("quote", ratio=4, overflow="fold")
    reason = S.not_analysed(d.get("quotes"))
    if reason:
        t.add_row("", "", "", "", Text(f"not analysed: {reason}", style="dim"))
        return t
    for q in S.quotes_of(d):
        sp = q.get("speaker") or {}
        who = Text(str(sp.get("label") or sp.get("name") or "unattributed"))
        if sp.get("role") and sp.get("role") != sp.get("label"):
            who.append(f"\n{sp['role']}", style="dim")
        t.add_row(who, Text(str(q.get("venue") or "")), Text(str(q.get("kind", ""))),
                  Text(quote_status(q)), Text(str(q.get("text", ""))))
    return t


def _signals_table(d: Mapping[str, Any]) -> Table:
    t = Table(title="signals", title_justify="left", expand=True)
    t.add_column("severity", no_wrap=True)
    t.add_column("kind", no_wrap=True)
    t.add_column("message", ratio=1, overflow="fold")
    text = str((d.get("article") or {}).get("text") or "")
    title = str((d.get("article") or {}).get("title") or "")
    for s in sorted(S.signals_of(d), key=lambda s: -severity_rank(s.get("severity"))):
        sev = str(s.get("severity", ""))
        msg = Text(str(s.get("message", "")))
        target = title if s.get("target") == "title" else text
        where = [target[b:e] for b, e in (S.as_span(x) or (0, 0) for x in s.get("spans") or []) if e > b]
        if where:
            msg.append("\n" + " · ".join(_excerpt(w, 60) for w in where[:4]), style="dim")
        t.add_row(Text(sev, style=_SEVERITY_STYLE.get(sev, "")), Text(str(s.get("kind", ""))), msg)
    return t


def summary_line(report: Report | Mapping[str, Any]) -> str:
    """One line (rich markup, escaped) summing a report up, for batch output."""
    d = as_dict(report)
    summ = d.get("summary") or {}
    parts = [provenance_sentence(summ.get("provenance") or {})]
    v = summ.get("verdicts") or {}
    if v.get("status") == "present":
        parts.append(verdict_counts_phrase(v))
    return escape(" · ".join(parts))

