"""`newstrace archive import-parquet`: Spark results back into an embedded archive.

The articles of OUT/articles are ingested in `seq` order through the archive's normal
ingest (so the archive fingerprints them itself, dedupes and versions them as it always
does), then the pair passages of OUT/passages are stored in reuse_pairs under the
archive's rowids, every latest article is marked processed, and the pairs config is
recorded exactly as `run_reuse` records it. `newstrace reuse` afterwards finds nothing to
recompute and rebuilds clusters from the imported pairs; `newstrace check` traces against
the archive as usual.

Reads the Parquet with pyarrow: importing needs no Spark. Refuses (ArchiveError /
InputError, nothing written) results made with another fingerprint version or other
TraceSettings than this installation's, and archives that hold articles the results do not
start with (pairs with those articles would be missing).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from ..article import Article
from ..errors import ArchiveError, InputError
from ..reuse.fingerprint import FINGERPRINT_VERSION
from ..reuse.provenance import TraceSettings

if TYPE_CHECKING:
    from ..archive import Archive

log = logging.getLogger(__name__)

_PAIR_COLUMNS = (
    "a, b, a_begin, a_end, b_begin, b_end, kind, matched_words, edits, edit_ratio, edit_level, "
    "a_credits_b, b_credits_a"
)
_BATCH = 5000


@dataclass
class ImportSummary:
    articles: int  # rows of OUT/articles imported
    skipped: int  # rows the Spark job rejected (unreadable article_json), skipped here too
    added: int  # stored by the archive (new articles and new versions)
    duplicates: int  # already in the archive
    pairs: int  # pair passages stored
    processed: int  # latest articles marked processed
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _manifest(folder: Path, stage: str) -> dict[str, Any]:
    path = folder / stage / "_manifest.json"
    if not path.exists():
        raise InputError(str(folder), f"no finished {stage} stage", f"{path} is missing; run `newstrace spark reuse` to the end")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise InputError(str(path), "unreadable stage manifest", str(exc)) from exc


def _table(folder: Path, stage: str, columns: list[str]) -> Any:
    import pyarrow.parquet as pq

    try:
        return pq.read_table(folder / stage, columns=columns)
    except Exception as exc:  # pyarrow raises several types for a missing or damaged dataset
        raise InputError(str(folder / stage), "unreadable Parquet", str(exc)) from exc


def check_compatible(folder: str | os.PathLike[str], settings: TraceSettings | None = None) -> dict[str, Any]:
    """The passages stage's config, after checking that it was made with this
    installation's fingerprint version and the given (default) TraceSettings."""
    root = Path(folder)
    man = _manifest(root, "passages")
    config = man.get("config") or {}
    cfg = settings or TraceSettings()
    if config.get("fingerprint_version") != FINGERPRINT_VERSION:
        raise ArchiveError(
            f"{root}: made with fingerprint version {config.get('fingerprint_version')}, this newstrace uses "
            f"version {FINGERPRINT_VERSION}; rerun the Spark job with this version"
        )
    if config.get("settings") != json.loads(json.dumps(cfg.to_dict())):
        theirs, ours = config.get("settings") or {}, cfg.to_dict()
        diff = sorted(k for k in set(theirs) | set(ours) if theirs.get(k) != ours.get(k))
        raise ArchiveError(f"{root}: made with other trace settings than this newstrace ({', '.join(diff)} differ)")
    if not isinstance(config.get("pairs"), dict):
        raise InputError(str(root / "passages"), "stage manifest without a pairs config")
    return config


def _rejected_ids(root: Path) -> set[str]:
    folder = root / "fingerprints_rejects"
    if not folder.exists():
        return set()
    return {str(k) for k in _table(root, "fingerprints_rejects", ["id"]).column("id").to_pylist() if k is not None}


def _check_chain(root: Path) -> None:
    """Each stage up to passages was computed from the stage before it as it is now
    (an articles stage re-run without the reuse stages would pair other articles)."""
    from .job import manifest_hash

    prev = _manifest(root, "articles")
    for stage in ("fingerprints", "candidates", "passages"):
        man = _manifest(root, stage)
        got = ((man.get("config") or {}).get("input") or {}).get("manifest_sha256")
        if got != manifest_hash(prev):
            raise InputError(
                str(root / stage), "stale stage", "it was computed from an earlier run of the stage before it; "
                "rerun `newstrace spark reuse` on this folder first"
            )
        prev = man


def import_parquet(
    archive: Archive,
    folder: str | os.PathLike[str],
    *,
    settings: TraceSettings | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> ImportSummary:
    """Import a finished Spark run (OUT of `newstrace spark reuse`) into `archive`."""
    import time

    from ..reuse.sqlite_index import set_meta
    from ..reuse_job import CONFIG_KEY, PairRule

    t0 = time.perf_counter()
    root = Path(folder)
    if archive.readonly:
        raise ArchiveError(f"{archive.path or ':memory:'}: opened read-only; import writes articles and pairs")
    cfg = settings or TraceSettings()
    config = check_compatible(root, cfg)
    rule = PairRule(**config["pairs"])
    _check_chain(root)
    arts = _table(root, "articles", ["seq", "id", "article_json", "superseded"]).sort_by("seq")
    # Rows the Spark job could not rebuild an Article from were counted and skipped there;
    # they are skipped here too (any other unreadable row is an error).
    skipped = _rejected_ids(root)
    keep = [k not in skipped for k in arts.column("id").to_pylist()]
    if not all(keep):
        import pyarrow as pa

        arts = arts.filter(pa.array(keep))
    ids = arts.column("id").to_pylist()
    superseded = arts.column("superseded").to_pylist()

    conn = archive.connection
    archive.reuse_index()  # refuses a stale index, naming `newstrace archive reindex`
    existing = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY rowid")]
    if existing != ids[: len(existing)]:
        raise ArchiveError(
            f"{archive.path or ':memory:'}: the archive holds articles that the Spark results in {root} do not "
            "start with; import into a new archive (or one filled by an earlier import of the same results)"
        )

    def articles() -> Iterator[Article]:
        seqs = arts.column("seq")
        for i, text in enumerate(arts.column("article_json").to_pylist()):
            try:
                yield Article.from_dict(json.loads(text))
            except (ValueError, TypeError) as exc:
                raise InputError(f"{root / 'articles'} seq {seqs[i].as_py()}", "bad article_json", str(exc)) from exc

    def progress(summary: Any) -> None:
        if on_progress is not None:
            on_progress("articles", summary.seen, len(ids))

    summary = archive.ingest(articles(), on_progress=progress)

    rowid = {str(k): int(r) for r, k in conn.execute("SELECT rowid, id FROM articles")}
    latest = {str(k) for (k,) in conn.execute("SELECT id FROM articles WHERE superseded = 0")}
    want = {k for k, s in zip(ids, superseded) if not s}
    if latest != want:
        raise ArchiveError(
            f"{archive.path or ':memory:'}: after ingest, {len(latest ^ want)} article(s) disagree between the "
            f"archive's latest versions and the superseded flags in {root / 'articles'}; pairs not imported"
        )

    pt = _table(
        root,
        "passages",
        ["a_id", "b_id", "a_seq", "a_begin", "a_end", "b_begin", "b_end", "kind", "matched_words", "edits",
         "edit_ratio", "edit_level", "a_credits_b", "b_credits_a", "ord"],
    ).sort_by([("a_seq", "ascending"), ("ord", "ascending")])
    rows = []
    for r in pt.to_pylist():
        a, b = rowid.get(r["a_id"]), rowid.get(r["b_id"])
        if a is None or b is None:
            raise ArchiveError(f"{root / 'passages'}: passage of article {r['a_id'] if a is None else r['b_id']} "
                               "that is not among the imported articles")
        rows.append(
            (a, b, r["a_begin"], r["a_end"], r["b_begin"], r["b_end"], r["kind"], r["matched_words"], r["edits"],
             float(r["edit_ratio"]), r["edit_level"], _int(r["a_credits_b"]), _int(r["b_credits_a"]))
        )
    docs = [int(d) for (d,) in conn.execute(
        "SELECT d.doc FROM reuse_docs d JOIN articles a ON a.rowid = d.doc WHERE a.superseded = 0 ORDER BY d.doc"
    )]
    # The config string run_reuse stores (the same expression), so a later run sees no change.
    stored = json.dumps(
        {"fingerprint_version": FINGERPRINT_VERSION, "settings": cfg.to_dict(), "pairs": rule.__dict__}, sort_keys=True
    )
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with archive.atomic() as w:
        w.execute("DELETE FROM reuse_pairs")
        w.execute("DELETE FROM reuse_processed")
        set_meta(w, CONFIG_KEY, stored)
        for i in range(0, len(rows), _BATCH):
            w.executemany(f"INSERT INTO reuse_pairs ({_PAIR_COLUMNS}) VALUES ({','.join('?' * 13)})", rows[i : i + _BATCH])
            if on_progress is not None:
                on_progress("pairs", min(i + _BATCH, len(rows)), len(rows))
        w.executemany("INSERT INTO reuse_processed(doc, processed_at) VALUES (?, ?)", [(d, stamp) for d in docs])
    return ImportSummary(
        articles=len(ids),
        skipped=len(keep) - len(ids),
        added=summary.stored,
        duplicates=summary.duplicates,
        pairs=len(rows),
        processed=len(docs),
        seconds=time.perf_counter() - t0,
    )


def _int(v: bool | None) -> int | None:
    return None if v is None else int(bool(v))
