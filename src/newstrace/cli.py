"""Command line interface. The only module that prints.

Library errors (NewstraceError) become one-line messages and exit status 2 here; an
unexpected exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import __version__
from .errors import NewstraceError

console = Console()
err_console = Console(stderr=True)


def _archive_option(f):
    return click.option(
        "--archive",
        "archive_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Archive file (SQLite). Default: $NEWSTRACE_ARCHIVE or the platform data directory.",
    )(f)


def _edge(f):
    """Turn library errors into a clear message and exit status 2."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except NewstraceError as exc:
            err_console.print(f"[bold red]error:[/] {escape(str(exc))}")
            sys.exit(2)

    return wrapper


def _open_archive(path: Path | None, *, readonly: bool = False, must_exist: bool = False):
    from .archive import Archive, default_archive_path

    p = Path(path) if path else default_archive_path()
    if must_exist and not p.exists():
        raise NewstraceError(f"archive {p} does not exist yet; run `newstrace ingest PATH --archive {p}` first")
    return Archive(p, readonly=readonly)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newstrace")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def main(verbose: int) -> None:
    """newstrace: where did a news article's text come from, and does anyone
    independent back up what it claims?

    \b
    Example:
      newstrace ingest examples/world --archive world.sqlite
      newstrace check examples/check/copier_article.txt --archive world.sqlite
    """
    import logging

    if verbose:
        logging.basicConfig(
            level=logging.DEBUG if verbose > 1 else logging.INFO,
            format="%(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )


def _parse_map(spec: str | None):
    from .read import FieldMap

    if not spec:
        return None
    try:
        return FieldMap.parse(spec)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--map") from exc


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_archive_option
@click.option("--map", "field_map", default=None, help="Field mapping for JSONL/CSV, e.g. text=body,date=published_at.")
@click.option("--batch-size", default=500, show_default=True, help="Articles per transaction.")
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on private/loopback addresses.")
@_edge
def ingest(paths, archive_path, field_map, batch_size, allow_private):
    """Read articles from files, folders, WARC, JSONL/CSV or URLs into the archive.

    Re-running is safe: content already stored is recognised and skipped, so an
    interrupted ingest is completed by running it again.

    \b
    Example:
      newstrace ingest examples/world --archive world.sqlite
    """
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .read import read_source

    fmap = _parse_map(field_map)

    def items():
        for p in paths:
            yield from read_source(p, field_map=fmap, allow_private=allow_private)

    with _open_archive(archive_path) as archive:
        with Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest[/]"),
            BarColumn(bar_width=None),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
            disable=not err_console.is_terminal,
        ) as progress:
            task = progress.add_task("ingest", total=None, status="")

            def on_progress(summary):
                progress.update(
                    task,
                    status=f"{summary.added} added · {summary.duplicates} duplicates · "
                    f"{summary.new_versions} new versions · {summary.rejected_total} rejected",
                )

            summary = archive.ingest(items(), batch_size=batch_size, on_progress=on_progress)
        _print_summary(summary, archive.path)


def _print_summary(summary, path) -> None:
    t = Table(title=f"ingest into {escape(str(path))}", show_header=False, box=None)
    t.add_row("added", str(summary.added))
    t.add_row("duplicates", str(summary.duplicates))
    t.add_row("new versions", str(summary.new_versions))
    t.add_row("rejected", str(summary.rejected_total))
    for reason, n in sorted(summary.rejected.items()):
        t.add_row(f"  {reason}", str(n))
    console.print(t)
    for rej in summary.rejected_examples[:20]:
        err_console.print(f"[yellow]rejected[/] {escape(str(rej))}")
    if summary.rejected_total > len(summary.rejected_examples[:20]):
        err_console.print(f"... and {summary.rejected_total - len(summary.rejected_examples[:20])} more rejected inputs")


@main.group()
def archive():
    """Inspect and export the archive."""


@archive.command()
@_archive_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_edge
def stats(archive_path, as_json):
    """Counts, sites, date range and size of the archive."""
    with _open_archive(archive_path, readonly=True, must_exist=True) as a:
        s = a.stats()
    if as_json:
        click.echo(json.dumps(s, indent=2, default=str))
        return
    t = Table(show_header=False, box=None)
    for k, v in s.items():
        if isinstance(v, dict):
            v = ", ".join(f"{kk} ({vv})" for kk, vv in v.items())
        elif isinstance(v, (list, tuple)):
            v = " – ".join(str(x) for x in v)
        t.add_row(k, escape(str(v)))
    console.print(t)


def _hits_table(hits, title: str) -> Table:
    t = Table(title=title)
    t.add_column("id", style="cyan", no_wrap=True)
    t.add_column("date", no_wrap=True)
    t.add_column("site")
    t.add_column("title / snippet")
    for h in hits:
        snippet = escape(h.snippet or "").replace("«", "[bold yellow]").replace("»", "[/]")
        t.add_row(h.article_id[:12], (h.published or "?")[:10], escape(h.site or h.domain or "?"), f"[bold]{escape(h.title or '')}[/]\n{snippet}")
    return t


@archive.command("list")
@_archive_option
@click.option("--site", default=None, help="Only this site or domain.")
@click.option("--since", default=None, help="Published on or after (YYYY-MM-DD).")
@click.option("--until", default=None, help="Published on or before (YYYY-MM-DD).")
@click.option("--limit", default=50, show_default=True)
@_edge
def list_(archive_path, site, since, until, limit):
    """List articles, newest first.

    \b
    Example:
      newstrace archive list --site kestrelherald.example --since 2026-03-01
    """
    with _open_archive(archive_path, readonly=True, must_exist=True) as a:
        t = Table()
        t.add_column("id", style="cyan", no_wrap=True)
        t.add_column("date", no_wrap=True)
        t.add_column("site")
        t.add_column("title")
        for art in a.articles(site=site, since=since, until=until, limit=limit, order="newest"):
            t.add_row(art.id[:12], (art.published or "?")[:10], escape(art.site or art.domain or "?"), escape(art.title))
    console.print(t)


@archive.command()
@click.argument("article_id")
@_archive_option
@click.option("--json", "as_json", is_flag=True, help="Print the stored article as JSON.")
@_edge
def show(article_id, archive_path, as_json):
    """Show one stored article (a unique id prefix is enough)."""
    with _open_archive(archive_path, readonly=True, must_exist=True) as a:
        art = a.get(article_id)
    if art is None:
        raise NewstraceError(f"no article with id {article_id!r} in the archive")
    if as_json:
        click.echo(json.dumps(art.to_dict(), indent=2, ensure_ascii=False))
        return
    _print_article(art)


@archive.command()
@click.argument("query")
@_archive_option
@click.option("--site", default=None)
@click.option("--since", default=None)
@click.option("--until", default=None)
@click.option("--limit", default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@_edge
def search(query, archive_path, site, since, until, limit, as_json):
    """Full-text search over titles and texts.

    \b
    Example:
      newstrace archive search "joint exercises" --since 2026-03-01
    """
    with _open_archive(archive_path, readonly=True, must_exist=True) as a:
        hits = a.search(query, site=site, since=since, until=until, limit=limit)
    if as_json:
        click.echo(json.dumps([h.to_dict() for h in hits], indent=2, ensure_ascii=False))
        return
    console.print(_hits_table(hits, f"search: {escape(query)}"))


@archive.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@_archive_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default=None, help="Default: from OUT's extension.")
@_edge
def export(out, archive_path, fmt):
    """Export every article as JSON Lines, CSV or Parquet.

    \b
    Example:
      newstrace archive export articles.parquet
    """
    fmt = fmt or out.suffix.lstrip(".").lower()
    if fmt not in ("jsonl", "csv", "parquet"):
        raise click.BadParameter("give --format jsonl|csv|parquet or an OUT ending in one of those", param_hint="--format")
    with _open_archive(archive_path, readonly=True, must_exist=True) as a:
        n = a.export(out, fmt)
    console.print(f"exported {n} articles to {escape(str(out))}")


def _print_article(art) -> None:
    meta = Table(show_header=False, box=None)
    meta.add_row("id", art.id)
    meta.add_row("title", escape(art.title or "(none)"))
    meta.add_row("url", escape(art.url or "(none)"))
    meta.add_row("site", escape(f"{art.site or '?'} ({art.domain or 'no domain'})"))
    meta.add_row("authors", escape(", ".join(art.authors) or "(no byline)"))
    meta.add_row("published", escape(f"{art.published or '(no date)'}" + (f"  [from {art.published_source}]" if art.published_source else "")))
    meta.add_row("language", escape(art.language or "?"))
    meta.add_row("size", f"{len(art.text)} characters, {len(art.paragraphs)} paragraphs, {len(art.sentences)} sentences")
    console.print(meta)
    console.print()
    for i, (b, e) in enumerate(art.paragraphs):
        console.print(f"[dim]¶{i}[/] {escape(art.text[b:e])}")
    if art.boilerplate:
        console.print("\n[bold]removed page furniture[/]")
        for bp in art.boilerplate:
            console.print(f"  [dim]{bp.kind}:[/] {escape(bp.text[:160])}")


@main.command()
@click.argument("source")
@_archive_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the report here instead of stdout.")
@click.option("--brief", is_flag=True, help="Text format: the summary only.")
@click.option("--claimreview", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write ClaimReview JSON-LD for claims with verdicts.")
@click.option("--author", default=None, help="ClaimReview author (your organisation); required with --claimreview.")
@click.option("--author-url", default=None, help="ClaimReview author URL.")
@click.option("--export-claims", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write claims with verdicts (.csv or .jsonl).")
@click.option("--export-evidence", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write evidence rows (.csv or .jsonl).")
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on private/loopback addresses.")
@_edge
def check(source, archive_path, fmt, out, brief, claimreview, author, author_url, export_claims, export_evidence, allow_private):
    """Analyse one article (file or URL) against the archive: where its text came
    from, what it claims and who it quotes, which independent sources back it up.

    \b
    Examples:
      newstrace check examples/check/copier_article.txt --archive world.sqlite
      newstrace check page.html --format html --out report.html
      newstrace check page.html --claimreview review.jsonld --author "Our Desk"
    """
    from .pipeline import check as run_check
    from .pipeline import load_article
    from .report import Report

    if claimreview and not author:
        raise click.BadParameter("--claimreview needs --author (the organisation publishing the review)", param_hint="--author")
    art = load_article(source, allow_private=allow_private)
    with _open_archive(archive_path, readonly=True, must_exist=True) as a:
        result = run_check(art, a)
    report = Report.from_check(result)
    _write_extras(report, claimreview, author, author_url, export_claims, export_evidence)
    if fmt == "text" and out is None:
        from .report.terminal import render_terminal

        render_terminal(report, console, details=not brief)
        return
    if fmt == "text":
        from .report.terminal import render_terminal

        file_console = Console(file=open(out, "w", encoding="utf-8"), width=120, color_system=None)
        render_terminal(report, file_console, details=not brief)
        file_console.file.close()
        err_console.print(f"wrote {escape(str(out))}")
        return
    if fmt == "json":
        text = json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
    else:
        from .report.html import render_html

        text = render_html(report)
    if out is None:
        click.echo(text)
    else:
        Path(out).write_text(text, encoding="utf-8")
        err_console.print(f"wrote {escape(str(out))}")


def _write_extras(report, claimreview, author, author_url, export_claims, export_evidence) -> None:
    if claimreview:
        from .report.claimreview import claimreview as make_claimreview

        items = make_claimreview(report, author_name=author, author_url=author_url)
        Path(claimreview).write_text(json.dumps(items, indent=2, ensure_ascii=False), encoding="utf-8")
        err_console.print(f"wrote {len(items)} ClaimReview items to {escape(str(claimreview))}")
    for path, table in ((export_claims, "claims"), (export_evidence, "evidence")):
        if path:
            from .report.export import export_text

            fmt = Path(path).suffix.lstrip(".").lower()
            if fmt not in ("csv", "jsonl"):
                raise click.BadParameter(f"{path}: use a .csv or .jsonl file name", param_hint=f"--export-{table}")
            Path(path).write_text(export_text([report], table=table, fmt=fmt), encoding="utf-8")
            err_console.print(f"wrote {table} to {escape(str(path))}")


@main.group()
def report():
    """Validate and render saved JSON reports."""


@report.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_edge
def report_validate(files):
    """Validate JSON reports against the packaged JSON Schema.

    \b
    Example:
      newstrace check page.html --format json --out r.json && newstrace report validate r.json
    """
    from .report import check_report

    bad = 0
    for f in files:
        try:
            data = json.loads(Path(f).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            err_console.print(f"[red]invalid[/] {escape(str(f))}: not JSON ({escape(str(exc))})")
            bad += 1
            continue
        try:
            check_report(data, source=str(f))
        except NewstraceError as exc:
            err_console.print(f"[red]invalid[/] {escape(str(exc))}")
            bad += 1
        else:
            console.print(f"[green]valid[/] {escape(str(f))}")
    if bad:
        sys.exit(1)


@report.command("render")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "html"]), default="html", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
@_edge
def report_render(file, fmt, out):
    """Render a saved JSON report as HTML or text.

    \b
    Example:
      newstrace report render r.json --out r.html
    """
    from .report import Report

    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
    except ValueError as exc:
        raise NewstraceError(f"{file}: not JSON ({exc})") from exc
    rep = Report.from_dict(data, source=str(file))
    if fmt == "text":
        from .report.terminal import render_terminal

        render_terminal(rep, console)
        return
    from .report.html import render_html

    html = render_html(rep)
    if out:
        Path(out).write_text(html, encoding="utf-8")
        err_console.print(f"wrote {escape(str(out))}")
    else:
        click.echo(html)


def _bar(label: str):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    return Progress(
        TextColumn(f"[bold]{label}[/]"),
        BarColumn(bar_width=None),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )


@archive.command()
@_archive_option
@click.option("--batch-size", default=500, show_default=True, help="Articles per transaction.")
@_edge
def reindex(archive_path, batch_size):
    """Rebuild the provenance fingerprints of every article.

    Needed when an archive was made by a newstrace with another fingerprint version
    (`check` and `reuse` then ask for it). An interrupted reindex resumes where it stopped.

    \b
    Example:
      newstrace archive reindex --archive world.sqlite
    """
    with _open_archive(archive_path, must_exist=True) as a:
        with _bar("reindex") as progress:
            task = progress.add_task("reindex", total=None)

            def on_progress(done, total):
                progress.update(task, completed=done, total=total)

            n = a.reindex(batch_size=batch_size, on_progress=on_progress)
        status = a.reuse_status()
    console.print(
        f"fingerprinted {n} articles; fingerprint version {escape(str(status['fingerprint_version']))}, "
        f"{status['indexed_articles']} articles indexed"
    )


@archive.command()
@_archive_option
@click.option("--batch-size", default=200, show_default=True, help="Articles per transaction.")
@_edge
def embed(archive_path, batch_size):
    """Store sentence vectors for dense evidence retrieval.

    `check` then also retrieves evidence sentences that say the same thing in other
    words (it uses the vectors only when they are stored). Incremental: articles that
    already have vectors for this model are skipped; rerun after ingesting more.

    \b
    Example:
      newstrace archive embed --archive world.sqlite
    """
    from .evidence.dense import DenseRetriever

    with _open_archive(archive_path, must_exist=True) as a:
        n = DenseRetriever(a, batch_size=batch_size).update()
    console.print(f"embedded {n} articles")


@main.command()
@_archive_option
@click.option("--since", default=None, help="Only articles published on or after this date (YYYY-MM-DD).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("reuse-out"),
              show_default=True, help="Folder for clusters/passages (JSONL, Parquet) and the network (GraphML, GEXF).")
@click.option("--full", is_flag=True, help="Recompute every pair instead of only new articles'.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes for pair computation (default: 2 for large runs, else 1).")
@click.option("--min-shared", type=click.IntRange(1, 50), default=2, show_default=True,
              help="Align two articles only if they share this many indexed fingerprints (1: every pair "
              "with a 7-word identical run; 2 also skips pairs linked by one short phrase, much faster).")
@click.option("--min-grams", type=click.IntRange(0, 1000), default=None,
              help="Align a candidate pair only if the texts share this many word 4-grams (default 5, the "
              "4-grams of one 8-word run; 0: align every candidate, slower on large archives).")
@click.option("--top", default=15, show_default=True, help="Rows in the terminal tables.")
@_edge
def reuse(archive_path, since, out_dir, full, workers, min_shared, min_grams, top):
    """All text reuse across the archive: clusters of shared passages, their earliest
    source and credit, and the site-level copy network.

    Incremental: pairs are stored in the archive, so a rerun only aligns articles added
    since the last run, then rebuilds the clusters.

    \b
    Example:
      newstrace reuse --archive world.sqlite --out reuse-out
      newstrace reuse --since 2025-03-01 --out march
    """
    from .reuse_job import run_reuse, write_outputs

    with _open_archive(archive_path, must_exist=True) as a:
        with _bar("reuse") as progress:
            task = progress.add_task("reuse", total=None)

            def on_progress(done, total):
                progress.update(task, completed=done, total=total)

            run = run_reuse(a, since=since, full=full, workers=workers, min_shared=min_shared, min_grams=min_grams,
                            on_progress=on_progress)
        paths = write_outputs(run, out_dir, a)
    _print_reuse(run, top)
    console.print(f"wrote {', '.join(escape(str(p)) for p in paths)}")


def _print_reuse(run, top: int) -> None:
    s = run.summary()
    t = Table(title="reuse across the archive", show_header=False, box=None)
    t.add_row("articles in scope", str(s["articles"]) + (f" (published since {escape(run.since)})" if run.since else ""))
    t.add_row("processed now", f"{s['processed']} ({s['already_processed']} done before; {s['workers']} process(es))")
    t.add_row("pair passages", f"{s['pairs']} ({s['pairs_added']} new)")
    t.add_row("clusters", ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(s["clusters_by_kind"].items())) or "0")
    t.add_row("time", f"{s['seconds']:.1f}s")
    for note in run.notes:
        t.add_row("note", escape(note))
    console.print(t)
    if run.network:
        net = Table(title="who copies whom (copied prose, earliest source decided)")
        net.add_column("copier site")
        net.add_column("source site")
        net.add_column("copies", justify="right")
        net.add_column("characters", justify="right")
        net.add_column("credited", justify="right")
        for e in run.network[:top]:
            share = e.credited_share
            net.add_row(escape(e.copier), escape(e.source), str(e.copies), str(e.chars),
                        "?" if share is None else f"{e.credited}/{e.copies - e.credit_unknown} ({share:.0%})")
        console.print(net)
    prose = [c for c in run.clusters if c.kind == "copied_prose"]
    if prose:
        ct = Table(title="largest clusters of copied prose")
        ct.add_column("cluster", style="cyan", no_wrap=True)
        ct.add_column("articles", justify="right")
        ct.add_column("earliest source")
        ct.add_column("date", no_wrap=True)
        ct.add_column("credit it", justify="right")
        for c in prose[:top]:
            first = c.earliest.keys[0] if c.earliest.keys else None
            info = run.docs.get(first) if first is not None else None
            who = escape((info.site or info.url or str(first)) if info else "?")
            if c.earliest.status != "decided":
                who += f" [dim]({c.earliest.status})[/]"
            known = [m.credits_earliest for m in c.members if m.credits_earliest is not None]
            ct.add_row(c.id, str(len(c.members)), who, escape((c.earliest.date or "?")[:10]),
                       f"{sum(known)}/{len(known)}" if known else "?")
        console.print(ct)


def _read_one(source: str, allow_private: bool):
    """The article in SOURCE: a file, a URL, or "-" for standard input (text or HTML)."""
    from .errors import InputError
    from .pipeline import load_article

    if source == "-":
        from .read import Rejected, read_html, read_text

        data = sys.stdin.buffer.read()
        if not data.strip():
            raise InputError("<stdin>", "empty input", "pipe an article's text or HTML into the command")
        reader = read_html if data.lstrip()[:1] == b"<" else read_text
        item = reader(data, source="<stdin>")
        if isinstance(item, Rejected):
            raise InputError(item.source, item.reason.value, item.detail)
        return item
    if not source.lower().startswith(("http://", "https://")) and Path(source).is_dir():
        raise InputError(source, "is a directory", "give one article file, a URL or - for standard input")
    return load_article(source, allow_private=allow_private)


@main.command()
@click.argument("source")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Text format: list background sentences too (hidden by default).")
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on private/loopback addresses.")
@_edge
def claims(source, fmt, show_all, allow_private):
    """List the claims and quotes of one article (a file, a URL, or - for standard
    input). No archive is needed: nothing is compared with other articles.

    Each clause is labelled claim (a check-worthy factual statement), opinion,
    speculation or background, with the model's check-worthiness score, the names it is
    about and whether the article attributes it to someone. Each quote comes with its
    speaker, the speaker's role, the speech verb, the venue and how the speaker was
    resolved (named there, by surname, by pronoun, ...).

    \b
    Examples:
      newstrace claims article.html
      newstrace claims https://example.org/story --format json
      pbpaste | newstrace claims -
    """
    from .claims import extract_claims, extract_quotes
    from .report.terminal import clause_note

    art = _read_one(source, allow_private)
    quotes = extract_quotes(art)
    found = extract_claims(art, quotes=quotes)
    if fmt == "json":
        doc = {
            "source": art.source or source,
            "article": {"id": art.id, "title": art.title, "url": art.url, "language": art.language,
                        "sentences": len(art.sentences)},
            "not_analysed": found.not_analysed or quotes.not_analysed,
            "claims": found.to_dict(),
            "quotes": quotes.to_dict(),
        }
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    console.print(f"[bold]{escape(art.title or art.source or source)}[/]  [dim]{art.id} · {len(art.sentences)} sentences"
                  f"{' · language ' + escape(art.language) if art.language else ''}[/]")
    reason = found.not_analysed or quotes.not_analysed
    if reason:
        console.print(f"[yellow]not analysed:[/] {escape(reason)}")
        return
    shown = [c for c in found if show_all or c.label != "background"]
    counts = {label: sum(1 for c in found if c.label == label) for label in ("claim", "opinion", "speculation", "background")}
    ct = Table(title="claims" + ("" if show_all else " (background hidden; --all shows it)"), show_lines=False)
    ct.add_column("#", justify="right", style="dim")
    ct.add_column("label", no_wrap=True)
    ct.add_column("score", justify="right")
    ct.add_column("clause")
    ct.add_column("about")
    ct.add_column("attributed to")
    colour = {"claim": "bold green", "opinion": "magenta", "speculation": "yellow", "background": "dim"}
    for c in shown:
        attributed = escape(c.source) if c.source else ("yes" if c.attributed else "[dim]no[/]")
        ct.add_row(str(c.sentence + 1), f"[{colour.get(c.label, '')}]{c.label}[/]", f"{c.score:.2f}",
                   escape(c.text) + (f"\n[dim]{escape(clause_note(c.to_dict(), within=False))}[/]" if c.clause_of else ""),
                   escape(", ".join(c.subjects)), attributed)
    console.print(ct)
    console.print("  " + ", ".join(f"{n} {label}" for label, n in counts.items())
                  + (" · only the first sentences were analysed (article too long)" if found.truncated else ""))
    qt = Table(title="quotes")
    qt.add_column("#", justify="right", style="dim")
    qt.add_column("kind", no_wrap=True)
    qt.add_column("quote")
    qt.add_column("speaker")
    qt.add_column("role")
    qt.add_column("verb", no_wrap=True)
    qt.add_column("venue")
    qt.add_column("resolved")
    for q in quotes:
        sp = q.speaker
        text = q.text if len(q.text) <= 300 else q.text[:297] + "..."
        qt.add_row(str(q.sentence + 1), q.kind + ("" if q.closed else " (unclosed)"), escape(text),
                   escape(sp.name or sp.mention) if sp else "[dim]unknown[/]",
                   escape(sp.role or "") if sp else "", escape(q.verb or ""), escape(q.venue or ""),
                   escape(f"{sp.resolved_by}: {sp.mention}" if sp and sp.mention else (sp.resolved_by if sp else "")))
    if quotes:
        console.print(qt)
    console.print(f"  {len(quotes)} quotes" + (" · more quotes than the cap; the first were kept" if quotes.truncated else ""))


@main.command()
@_archive_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; a non-loopback one needs --token.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", envvar="NEWSTRACE_TOKEN", default=None, help="Require this token (Bearer header or login page).")
@click.option("--allow-private", is_flag=True, help="Let checks fetch URLs on private/loopback addresses.")
@_edge
def serve(archive_path, host, port, token, allow_private):
    """Run the web service: pages and a JSON API on one archive.

    \b
    Example:
      newstrace serve --archive world.sqlite
    """
    from .archive import default_archive_path
    from .web import serve as run_service

    run_service(archive_path or default_archive_path(), host=host, port=port, token=token, allow_private_fetch=allow_private)


def _register_spark() -> None:
    # The Spark commands live in newstrace.spark.cli; importing it does not import pyspark
    # (each command asks for the extra when it runs).
    from .spark.cli import import_parquet as import_parquet_cmd
    from .spark.cli import spark_group

    main.add_command(spark_group)
    archive.add_command(import_parquet_cmd)


_register_spark()


if __name__ == "__main__":  # pragma: no cover
    main()
