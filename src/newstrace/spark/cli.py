"""Command line of the Spark jobs: `newstrace spark ingest|reuse|run` and
`newstrace archive import-parquet`. Registered by newstrace.cli; importing this module
does not import pyspark (the commands do, and say how to install it when it is missing)."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import NewstraceError

console = Console()
err_console = Console(stderr=True)

STAGE_NAMES = ("articles", "fingerprints", "candidates", "passages", "clusters", "network")


def _edge(f):
    """Library errors and Spark's own analysis errors (a missing input path, say) become
    one-line messages and exit status 2."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except NewstraceError as exc:
            err_console.print(f"[bold red]error:[/] {escape(str(exc))}")
            sys.exit(2)
        except Exception as exc:
            try:
                from pyspark.errors import AnalysisException
            except ImportError:  # pragma: no cover - no pyspark: only NewstraceError is expected
                raise exc from None
            if isinstance(exc, AnalysisException):
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                err_console.print(f"[bold red]error:[/] Spark: {escape(first)}")
                sys.exit(2)
            raise

    return wrapper


def _master_option(f):
    return click.option(
        "--master", default=None,
        help="Spark master, e.g. local[2] or yarn (default: spark-submit's, else local[*]).",
    )(f)


def _out_option(f):
    return click.option(
        "--out", "out", required=True, help="Output folder or URI; one Parquet folder per stage.",
    )(f)


def _to_option(f):
    return click.option(
        "--to", "to", type=click.Choice(STAGE_NAMES), default=None, help="Stop after this stage.",
    )(f)


def _min_shared_option(f):
    f = click.option(
        "--min-grams", type=click.IntRange(0, 1000), default=None,
        help="Align two candidates only if they share this many word 4-grams (default 5; 0: no screen; as `newstrace reuse`).",
    )(f)
    return click.option(
        "--min-shared", type=click.IntRange(1, 50), default=2, show_default=True,
        help="Align two articles only if they share this many indexed fingerprints (as `newstrace reuse`).",
    )(f)


def _ingest_options(f):
    f = click.option(
        "--max-bytes", type=click.IntRange(1), default=None,
        help="Pages or records larger than this are rejected as too_large (default: as `newstrace ingest`).",
    )(f)
    return click.option(
        "--map", "field_map", default=None, metavar="SPEC",
        help="Field mapping for JSON Lines / CSV / Parquet records, as `newstrace ingest --map`.",
    )(f)


def _ingest_kwargs(field_map, max_bytes) -> dict:
    from ..read import FieldMap

    out: dict = {}
    if field_map:
        try:
            out["field_map"] = FieldMap.parse(field_map)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--map") from exc
    if max_bytes is not None:
        out["max_bytes"] = max_bytes
    return out


@click.group("spark")
def spark_group():
    """Corpus-wide ingest and reuse on Apache Spark (pip install 'newstrace[spark]').

    Each stage writes Parquet under OUT/<stage>/ with a _manifest.json; a rerun resumes
    after the last finished stage. Results equal `newstrace reuse` on the same articles
    and can be brought into an archive with `newstrace archive import-parquet`.

    \b
    Example:
      newstrace spark run examples/world --out world-spark --master local[2]
      newstrace archive import-parquet world-spark --archive world.sqlite
    """


def _run(inputs, out, to, min_shared, master, force=False, ingest_options=None, min_grams=None) -> None:
    from .job import run_job
    from .session import get_session

    spark = get_session(master)
    t = Table(title=f"spark job → {escape(str(out))}")
    for col in ("stage", "rows", "seconds", "rejected", ""):
        t.add_column(col)

    def on_stage(r) -> None:
        rej = ", ".join(f"{k} {v}" for k, v in sorted(r.rejected.items())) or "0"
        t.add_row(r.stage, str(r.rows), f"{r.seconds:.1f}", rej, "done earlier" if r.skipped else "")
        err_console.print(f"[dim]{r.stage}: {'done earlier' if r.skipped else f'{r.rows} rows in {r.seconds:.1f}s'}[/]")

    run_job(spark, str(out), inputs=list(inputs) if inputs else None, to=to, min_shared=min_shared,
            min_grams=min_grams, force=force,
            on_stage=on_stage, ingest_options=ingest_options or None)
    console.print(t)


@spark_group.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@_out_option
@_ingest_options
@_master_option
@_edge
def ingest_cmd(inputs, out, field_map, max_bytes, master):
    """Read WARC, JSON Lines or Parquet inputs (local paths or Hadoop URIs) into OUT/articles.

    \b
    Example:
      newstrace spark ingest crawl/*.warc.gz --out s3a://bucket/run1
    """
    _run(inputs, out, "articles", 2, master, ingest_options=_ingest_kwargs(field_map, max_bytes))


@spark_group.command("reuse")
@_out_option
@_to_option
@_min_shared_option
@_master_option
@click.option("--force", is_flag=True, help="Recompute every reuse stage even when finished.")
@_edge
def reuse_cmd(out, to, min_shared, min_grams, master, force):
    """Fingerprints, candidates, pair passages, clusters and the site network of OUT/articles.

    \b
    Example:
      newstrace spark reuse --out world-spark --to passages
    """
    _run(None, out, to, min_shared, master, force, min_grams=min_grams)


@spark_group.command("run")
@click.argument("inputs", nargs=-1, required=True)
@_out_option
@_to_option
@_min_shared_option
@_ingest_options
@_master_option
@_edge
def run_cmd(inputs, out, to, min_shared, min_grams, field_map, max_bytes, master):
    """`ingest` then `reuse`, resuming after the last finished stage."""
    _run(inputs, out, to, min_shared, master, ingest_options=_ingest_kwargs(field_map, max_bytes), min_grams=min_grams)


@click.command("import-parquet")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--archive", "archive_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Archive file (SQLite). Default: $NEWSTRACE_ARCHIVE or the platform data directory.",
)
@_edge
def import_parquet(folder, archive_path):
    """Bring a finished Spark run (the OUT folder) into an archive: its articles, their
    fingerprints (computed by the archive) and the reuse pairs, so that `newstrace reuse`
    has nothing left to compute and `newstrace check` uses the archive.

    \b
    Example:
      newstrace archive import-parquet world-spark --archive world.sqlite
    """
    from ..archive import Archive, default_archive_path
    from .importer import import_parquet as run_import

    path = Path(archive_path) if archive_path else default_archive_path()
    with Archive(path) as a:
        s = run_import(a, folder)
    t = Table(title=f"import {escape(str(folder))} into {escape(str(path))}", show_header=False, box=None)
    t.add_row("articles read", str(s.articles))
    if s.skipped:
        t.add_row("skipped (rejected by the Spark job)", str(s.skipped))
    t.add_row("stored", str(s.added))
    t.add_row("already archived", str(s.duplicates))
    t.add_row("pair passages", str(s.pairs))
    t.add_row("articles marked processed", str(s.processed))
    t.add_row("seconds", f"{s.seconds:.1f}")
    console.print(t)
