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
      newstrace check examples/world/text/copier_article.txt --archive world.sqlite
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
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on private/loopback addresses.")
@_edge
def check(source, archive_path, fmt, allow_private):
    """Analyse one article (file or URL) against the archive.

    \b
    Example:
      newstrace check examples/world/text/copier_article.txt --archive world.sqlite
    """
    from .check import check as run_check
    from .check import load_article

    art = load_article(source, allow_private=allow_private)
    with _open_archive(archive_path, readonly=True, must_exist=True) as a:
        result = run_check(art, a)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    _print_article(art)
    console.print("\n[bold]sentences[/]")
    for i, (b, e) in enumerate(art.sentences):
        console.print(f"[dim]{i:>3}[/] {escape(art.text[b:e])}")
    console.print()
    if result.related:
        console.print(_hits_table(result.related, "most related articles in the archive"))
    else:
        console.print("[dim]no related articles in the archive[/]")


if __name__ == "__main__":  # pragma: no cover
    main()
