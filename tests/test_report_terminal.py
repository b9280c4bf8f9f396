"""Terminal rendering: summary first, then paragraph map, sources, claims, quotes, signals;
article text is never read as rich markup."""

from __future__ import annotations

from rich.console import Console
from test_report_world import main_report

from newstrace.report import Report, render_terminal, summary_line


def _render(report, **kw) -> str:
    console = Console(record=True, width=140, force_terminal=False, color_system=None)
    render_terminal(report, console, **kw)
    return console.export_text()


def test_summary_comes_first_then_details():
    r = main_report()
    out = _render(r)
    pct = f"{r.summary['provenance']['copied_share']:.0%}"
    i_summary = out.index("─ summary")
    assert out.index(f"{pct} of the text is copied from") > i_summary
    assert "0% credited" in out
    order = ["╭─ summary", "where each paragraph comes from", "sources: archived articles", "shared passages",
             "claims", "quotes", "signals"]
    lines = [ln.strip() for ln in out.splitlines()]
    positions = [lines.index(h) if h in lines else next(i for i, ln in enumerate(lines) if ln.startswith(h))
                 for h in order]
    assert positions == sorted(positions), dict(zip(order, positions))
    assert "Meridian Press Agency" in out
    assert "unrated" in out  # source rating label


def test_paragraph_map_labels_every_paragraph():
    r = main_report()
    out = _render(r)
    paragraphs = r.sections["provenance"]["paragraphs"]
    for i in range(1, len(paragraphs) + 1):
        assert f"¶{i}" in out
    n_copied = sum(p["label"] == "copied" for p in paragraphs)
    assert out.count("copied (100% of its words) from") + out.count("copied (") >= n_copied
    assert "not credited" in out


def test_claims_show_verdicts():
    r = main_report()
    out = _render(r)
    for v in r.sections["verdicts"]:
        assert v["label"].replace("_", " ") in out


def test_summary_only():
    out = _render(main_report(), details=False)
    assert "summary" in out and "where each paragraph comes from" not in out


def test_tolerates_absent_sections():
    r = main_report(with_provenance=False, with_verdicts=False)
    out = _render(r)
    assert "not traced (the report has no provenance section)" in out
    assert "not run" in out
    _render(Report.from_check({"article": {"text": "", "id": "0"}}))


def test_article_text_is_not_markup():
    hostile = "[bold red]loud[/] [link=https://evil.example]click[/link] [/]"
    d = {
        "article": {"text": f"First {hostile}.\n\nSecond.", "id": "h", "title": hostile, "paragraphs": [[0, 70], [72, 79]]},
        "claims": {"claims": [{"text": hostile, "span": [6, 69], "label": "claim", "source": hostile}]},
        "quotes": {"quotes": [{"text": hostile, "span": [6, 69], "kind": "direct", "speaker": {"label": hostile},
                               "venue": hostile}]},
        "signals": [{"kind": hostile, "severity": "high", "message": hostile, "spans": [[6, 20]]}],
        "source_rating": {"label": hostile, "explanation": hostile},
    }
    out = _render(Report.from_check(d))
    assert out.count("[bold red]loud[/]") >= 5
    assert "[link=https://evil.example]click[/link]" in out
    assert "\\[" not in out  # escaping is not visible to the reader


def test_summary_line_for_batches():
    r = main_report()
    console = Console(record=True, width=300, force_terminal=False, color_system=None)
    console.print(summary_line(r))
    out = console.export_text()
    assert "of the text is copied from" in out
    assert any(f"{n} {k.replace('_', ' ')}" in out for k, n in r.summary["verdicts"]["by_label"].items() if n)
