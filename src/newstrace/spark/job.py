"""The Spark stage runner: articles → fingerprints → candidates → passages → clusters → network.

Each stage writes Parquet under OUT/<stage>/ and then, last, OUT/<stage>/_manifest.json:

    {"stage", "rows", "seconds", "rejected": {reason: n}, "config": {...}, "newstrace_version"}

`config` holds everything the stage's output depends on: the fingerprint version, the
TraceSettings, the PairRule and the SHA-256 of the previous stage's manifest. A stage is
skipped when its manifest exists and its config equals the one this run would write; the
first stage that is missing or stale is recomputed, and so is every stage after it (their
input manifest changed). A stage that was interrupted has no manifest (the old one is
deleted before the stage starts), so it is recomputed. `to` stops after a stage.

Manifests are read and written through Hadoop's FileSystem API, so OUT may be any URI the
Spark installation can write (file:, hdfs:, s3a: ...).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .. import __version__
from ..errors import InputError, NewstraceError
from ..reuse.fingerprint import FINGERPRINT_VERSION
from ..reuse.provenance import TraceSettings
from . import reuse as R

log = logging.getLogger(__name__)

STAGES = ("articles", *R.REUSE_STAGES)
MANIFEST = "_manifest.json"


@dataclass
class StageResult:
    stage: str
    skipped: bool  # finished by an earlier run with the same config: nothing computed
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return int(self.manifest.get("rows", 0))

    @property
    def seconds(self) -> float:
        return float(self.manifest.get("seconds", 0.0))

    @property
    def rejected(self) -> dict[str, int]:
        return dict(self.manifest.get("rejected") or {})


# -- files through Hadoop's FileSystem --------------------------------------------------------


def _fs(spark: Any, path: str) -> tuple[Any, Any]:
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    return p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), p


def read_text(spark: Any, path: str) -> str | None:
    """A small text file's content, or None when it does not exist."""
    fs, p = _fs(spark, path)
    if not fs.exists(p):
        return None
    jvm = spark.sparkContext._jvm
    stream = fs.open(p)
    try:
        reader = jvm.java.io.BufferedReader(jvm.java.io.InputStreamReader(stream, "UTF-8"))
        lines = []
        while True:
            line = reader.readLine()
            if line is None:
                break
            lines.append(line)
        return "\n".join(lines)
    finally:
        stream.close()


def write_text(spark: Any, path: str, text: str) -> None:
    fs, p = _fs(spark, path)
    stream = fs.create(p, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()


def delete_path(spark: Any, path: str) -> None:
    fs, p = _fs(spark, path)
    if fs.exists(p):
        fs.delete(p, True)


def manifest_path(out: str, stage: str) -> str:
    return f"{out.rstrip('/')}/{stage}/{MANIFEST}"


def read_manifest(spark: Any, out: str, stage: str) -> dict[str, Any] | None:
    text = read_text(spark, manifest_path(out, stage))
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None  # a damaged manifest: the stage is redone


def manifest_hash(manifest: dict[str, Any] | None) -> str | None:
    if manifest is None:
        return None
    return hashlib.sha256(json.dumps(manifest, sort_keys=True).encode("utf-8")).hexdigest()


def stage_config(settings: TraceSettings, rule: Any, upstream: dict[str, Any] | None, upstream_stage: str) -> dict[str, Any]:
    return {
        "fingerprint_version": FINGERPRINT_VERSION,
        "settings": settings.to_dict(),
        "pairs": dict(rule.__dict__),
        "input": {"stage": upstream_stage, "manifest_sha256": manifest_hash(upstream)},
    }


# -- the runner -------------------------------------------------------------------------------


def _stage_index(name: str | None, what: str) -> int:
    if name is None:
        return len(STAGES) - 1
    if name not in STAGES:
        raise InputError(what, f"unknown stage {name!r}", "stages: " + ", ".join(STAGES))
    return STAGES.index(name)


def run_job(
    spark: Any,
    out: str,
    *,
    inputs: Sequence[str] | None = None,
    to: str | None = None,
    min_shared: int = 2,
    min_grams: int | None = None,
    settings: TraceSettings | None = None,
    force: bool = False,
    on_stage: Callable[[StageResult], None] | None = None,
    ingest_options: dict[str, Any] | None = None,
) -> list[StageResult]:
    """Run the stages up to `to` (default: all) into OUT, resuming after the last finished
    stage whose config still matches. `inputs`: read articles from these paths first
    (stage `articles`, newstrace.spark.ingest); without them OUT/articles must exist.
    `force`: recompute every reuse stage. `min_shared`, `min_grams`: PairRule, as `newstrace
    reuse`. `on_stage` is called after each stage."""
    from ..reuse_job import PairRule

    out = str(out).rstrip("/")
    cfg = settings or TraceSettings()
    rule = PairRule.for_settings(cfg, min_shared, min_grams)
    last = _stage_index(to, "--to")
    results: list[StageResult] = []

    def done(r: StageResult) -> None:
        results.append(r)
        if on_stage is not None:
            on_stage(r)

    # Stage 1: articles.
    art = read_manifest(spark, out, "articles")
    if inputs:
        listed = [str(p) for p in inputs]
        # The same inputs read with the default options: finished earlier. (With options,
        # the stage is read again: its manifest records them in the ingest's own terms.)
        if art is not None and not force and not ingest_options and art.get("inputs") == listed:
            done(StageResult("articles", True, art))
        else:
            from .ingest import ingest_stage  # the articles stage (read with the reader code)

            art = ingest_stage(spark, listed, out, **(ingest_options or {}))
            art = read_manifest(spark, out, "articles") or art
            done(StageResult("articles", False, art))
    elif art is None:
        raise NewstraceError(
            f"{out}: no finished articles stage ({manifest_path(out, 'articles')} is missing); "
            "run `newstrace spark ingest INPUTS... --out OUT` first or pass the inputs"
        )
    else:
        done(StageResult("articles", True, art))
    if last == 0:
        return results

    runners: dict[str, Callable[[], R.StageOutput]] = {
        "fingerprints": lambda: R.fingerprints_stage(spark, out),
        "candidates": lambda: R.candidates_stage(spark, out, rule),
        "passages": lambda: R.passages_stage(spark, out, cfg, rule),
        "clusters": lambda: R.clusters_stage(spark, out),
        "network": lambda: R.network_stage(spark, out),
    }
    upstream, upstream_stage = art, "articles"
    stale = force
    for stage in STAGES[1 : last + 1]:
        config = stage_config(cfg, rule, upstream, upstream_stage)
        have = None if stale else read_manifest(spark, out, stage)
        if have is not None and have.get("config") == config:
            done(StageResult(stage, True, have))
        else:
            stale = True  # every later stage is recomputed too
            delete_path(spark, manifest_path(out, stage))
            t0 = time.perf_counter()
            log.info("spark: stage %s", stage)
            got = runners[stage]()
            have = {
                "stage": stage,
                "rows": got.rows,
                "seconds": round(time.perf_counter() - t0, 3),
                "rejected": got.rejected,
                "config": config,
                "newstrace_version": __version__,
            }
            write_text(spark, manifest_path(out, stage), json.dumps(have, indent=2, sort_keys=True))
            done(StageResult(stage, False, have))
        upstream, upstream_stage = have, stage
    return results
