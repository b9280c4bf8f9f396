"""Corpus-wide reuse on Spark: the stages after `articles`, around the embedded kernels.

    fingerprints  article_fingerprints(article) of every latest article, one row per posting
    candidates    PairRule over the postings, as DataFrame aggregations (what bulk_candidates
                  computes with numpy): (newer seq, older seq, shared evidence)
    passages      each newer article with its candidates, the document frequencies and
                  per-site frequencies of its query hashes, processed in an executor by the
                  unchanged `pair_rows` -> `reuse_pairs` -> `find_matches` through `UnitIndex`
    clusters      connected components of the passage graph by label propagation (joins,
                  checkpointed), then the unchanged `build_clusters` per component
    network       `site_network` per cluster, summed per (copier, source) site pair

Why the answers equal `run_reuse(archive, full=True)`. Every quantity the kernels read from
the archive's index is computed here over the same latest articles: document frequency of
a hash (distinct articles), per-site frequency (distinct articles of a site), and the
postings of the chosen candidates (their winnowed fingerprints, the same function the
archive calls at ingest). `UnitIndex` answers the kernels' questions exactly as
`ArrayIndex` does for the hashes and sites of its unit and refuses any other question, so
a unit that needed more data would fail loudly rather than differ. Clusters are unions of
regions joined by passages; a region never spans two articles' components, so
`build_clusters` on one connected component of articles yields exactly the clusters the
full call yields there (cluster ids hash members, spans and kind only). `site_network`
adds per cluster, so summing per-cluster edges gives the network.

Columns of every output: docs/spark.md.
"""

from __future__ import annotations

import json
import logging
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, MutableMapping, Sequence

from ..article import Article
from ..reuse.fingerprint import FINGERPRINT_VERSION, index_fingerprints, query_fingerprints
from ..reuse.normalize import Tokens
from ..reuse.provenance import TraceSettings, site_key, tokens_for

log = logging.getLogger(__name__)

REUSE_STAGES = ("fingerprints", "candidates", "passages", "clusters", "network")

ARTICLES_SCHEMA = (
    "seq long, id string, url string, site string, domain string, title string, authors array<string>, "
    "published string, language string, source string, text string, article_json string, superseded boolean"
)
FINGERPRINTS_SCHEMA = "seq long, id string, site string, hash long, pos int"
CANDIDATES_SCHEMA = "seq long, cand_seq long, shared int"
PASSAGES_SCHEMA = (
    "a_id string, b_id string, a_seq long, b_seq long, a_begin long, a_end long, b_begin long, b_end long, "
    "kind string, matched_words int, edits int, edit_ratio double, edit_level string, "
    "a_credits_b boolean, b_credits_a boolean, ord int"
)
REJECTS_SCHEMA = "seq long, id string, reason string, detail string"
_MEMBER = (
    "struct<id:string, seq:long, url:string, site:string, published:string, "
    "spans:array<struct<begin:long, end:long>>, chars:long, credits_earliest:boolean>"
)
_SITE_EDGE = "struct<copier:string, source:string, copies:int, chars:long, credited:int, credit_unknown:int>"
CLUSTERS_SCHEMA = (
    "id string, kind string, size int, earliest_status string, earliest array<string>, earliest_date string, "
    "earliest_note string, undated array<string>, credited int, credit_known int, passages int, component long, "
    f"members array<{_MEMBER}>, site_edges array<{_SITE_EDGE}>, cluster_json string"
)

# Reasons counted in the stage manifests (with a row per case in OUT/<stage>_rejects/).
BAD_ARTICLE = "bad_article_json"  # article_json does not rebuild an Article
KERNEL_ERROR = "kernel_error"  # the reuse kernels raised on this work unit


class UnitScopeError(RuntimeError):
    """The kernels asked a work unit's index about data the unit was not given."""


# -- building the articles frame from Article objects (tests, small jobs) -------------------


def article_rows(articles_in_order: Iterable[Article]) -> list[tuple[Any, ...]]:
    """Rows of the `articles` stage for Articles in input order (seq = position), with the
    archive's ingest semantics: an id seen before, or the same URL with the same text, is
    a duplicate and dropped; a changed text at a URL seen before supersedes the earlier
    version."""
    from ..archive.store import text_hash

    rows: list[list[Any]] = []
    seen_ids: set[str] = set()
    seen_content: set[tuple[str | None, str]] = set()
    latest_at: dict[str, int] = {}  # url -> index in rows of its latest version
    for seq, a in enumerate(articles_in_order):
        content = (a.url, text_hash(a.text))
        if a.id in seen_ids or content in seen_content:
            continue
        seen_ids.add(a.id)
        seen_content.add(content)
        if a.url and a.url.strip():
            prev = latest_at.get(a.url)
            if prev is not None:
                rows[prev][-1] = True
            latest_at[a.url] = len(rows)
        rows.append(
            [
                seq, a.id, a.url, a.site, a.domain, a.title, list(a.authors), a.published, a.language, a.source,
                a.text, json.dumps(a.to_dict(), ensure_ascii=False), False,
            ]
        )
    return [tuple(r) for r in rows]


def articles_frame(spark: Any, articles_in_order: Iterable[Article]) -> Any:
    """A DataFrame of the `articles` stage (the contract's schema) for Articles given in
    input order. Meant for tests and small corpora built in memory; real inputs go
    through `newstrace spark ingest`."""
    return spark.createDataFrame(article_rows(articles_in_order), ARTICLES_SCHEMA)


def article_of(article_json: str) -> Article:
    return Article.from_dict(json.loads(article_json))


# -- the index of one work unit ------------------------------------------------------------


class UnitIndex:
    """ReuseIndex for one work unit: one article (the newer one) and its candidates.

    `df`: document frequency (over all latest articles) of every query hash of the unit's
    article that is indexed anywhere; `site_df`: per site of the unit (the article's own
    and its candidates'), distinct articles of that site carrying each such hash. Postings
    are the candidates' winnowed fingerprints, recomputed from their text with the function
    the archive uses at ingest. Answers equal ArrayIndex's for those hashes and sites;
    anything else raises UnitScopeError. Also offers what `reuse_job.pair_rows` uses:
    lookup, token_cache, doc_of, key_of, only_docs."""

    fingerprint_version = FINGERPRINT_VERSION

    def __init__(
        self,
        docs: dict[int, Article],
        df: dict[int, int],
        site_df: dict[str, dict[int, int]],
        known: set[int],
    ) -> None:
        self._articles = {a.id: a for a in docs.values()}
        self._doc_of = {a.id: seq for seq, a in docs.items()}
        self._key_of = {seq: a.id for seq, a in docs.items()}
        self._site = {seq: site_key(a) for seq, a in docs.items()}
        self._df = df
        self._site_df = site_df
        self._known = known  # the hashes df / site_df were computed for
        self._postings: dict[int, dict[int, list[int]]] = {}
        self.token_cache: MutableMapping[Any, Tokens] = {}
        self.only_docs: set[int] | None = None

    def __len__(self) -> int:
        """Articles in the unit (the kernels never ask; the protocol has it)."""
        return len(self._doc_of)

    def __contains__(self, key: object) -> bool:
        return key in self._doc_of

    def lookup(self, key: Any) -> Article | None:
        return self._articles.get(key)

    def doc_of(self, key: Any) -> int | None:
        return self._doc_of.get(key)

    def key_of(self, doc: int) -> str | None:
        return self._key_of.get(doc)

    def _check(self, hashes: Sequence[int]) -> list[int]:
        q = list(dict.fromkeys(int(h) for h in hashes))
        missing = [h for h in q if h not in self._known]
        if missing:
            raise UnitScopeError(f"asked about {len(missing)} hash(es) outside the work unit")
        return q

    def doc_freq(self, hashes: Sequence[int]) -> dict[int, int]:
        df = self._df
        return {h: df[h] for h in self._check(hashes) if h in df}

    def _doc_postings(self, doc: int) -> dict[int, list[int]]:
        got = self._postings.get(doc)
        if got is None:
            key = self._key_of[doc]
            fps = index_fingerprints(tokens_for(key, self._articles[key], self.token_cache))
            got = {}
            for h, p in zip(fps.hashes.tolist(), fps.positions.tolist()):
                got.setdefault(h, []).append(p)
            for plist in got.values():
                plist.sort()
            self._postings[doc] = got
        return got

    def postings(self, hashes: Sequence[int]) -> dict[int, list[tuple[str, int]]]:
        if self.only_docs is None:
            raise UnitScopeError("postings of every article asked for; a work unit holds only its candidates")
        outside = [d for d in self.only_docs if d not in self._key_of]
        if outside:
            raise UnitScopeError(f"postings of {len(outside)} article(s) outside the work unit asked for")
        out: dict[int, list[tuple[str, int]]] = {}
        docs = sorted(self.only_docs)
        for h in self._check(hashes):
            for d in docs:
                plist = self._doc_postings(d).get(h)
                if plist:
                    key = self._key_of[d]
                    out.setdefault(h, []).extend((key, p) for p in plist)
        return out

    def site_doc_freq(self, hashes: Sequence[int], site: str, exclude: Any = None) -> dict[int, int]:
        if not site:
            return {}
        q = self._check(hashes)
        counts = self._site_df.get(site)
        if counts is None:
            if site not in set(self._site.values()):
                raise UnitScopeError(f"per-site frequencies of site {site!r}, which is not in the work unit")
            counts = {}
        skip: set[int] = set()
        ex = self._doc_of.get(exclude) if exclude is not None else None
        if ex is not None and self._site[ex] == site:
            skip = set(self._doc_postings(ex))
        out: dict[int, int] = {}
        for h in q:
            n = counts.get(h, 0) - (1 if h in skip else 0)
            if n > 0:
                out[h] = n
        return out


# -- executor functions (module level: pickled by reference) --------------------------------


def fingerprint_rows(rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """(seq, id, site, hash, pos, None, None) per posting, or (seq, id, None, None, None,
    reason, detail) for an article that cannot be fingerprinted."""
    from ..reuse.sqlite_index import article_fingerprints

    for r in rows:
        try:
            art = article_of(r["article_json"])
            fp = article_fingerprints(art)
        except Exception as exc:  # one bad article never fails the job
            yield (r["seq"], r["id"], None, None, None, BAD_ARTICLE, _detail(exc))
            continue
        for h, p in zip(fp.hashes.tolist(), fp.positions.tolist()):
            yield (r["seq"], r["id"], fp.site, h, p, None, None)


def query_hash_rows(rows: Iterable[Any]) -> Iterator[tuple[int, int]]:
    """(seq, hash) for every distinct query hash (content n-gram) of each article."""
    for r in rows:
        try:
            art = article_of(r["article_json"])
            hashes = query_fingerprints(tokens_for(None, art, None)).hashes.tolist()
        except Exception:  # counted when its work unit fails
            continue
        for h in dict.fromkeys(hashes):
            yield (r["seq"], h)


@dataclass(frozen=True)
class UnitConfig:
    settings: TraceSettings
    rule: Any  # reuse_job.PairRule


def unit_rows(cfg: UnitConfig) -> Callable[[Iterable[Any]], Iterator[tuple[Any, ...]]]:
    """The per-partition function of the passages stage: pair passages of each work unit
    (PASSAGES_SCHEMA plus reject reason and detail)."""

    def run(rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
        for r in rows:
            yield from _unit(r, cfg)

    return run


def _unit(r: Any, cfg: UnitConfig) -> Iterator[tuple[Any, ...]]:
    from ..reuse_job import pair_rows

    seq, key = int(r["seq"]), r["id"]
    try:
        docs = {seq: article_of(r["article_json"])}
        for c in r["cands"]:
            docs[int(c["cand_seq"])] = article_of(c["cand_json"])
    except Exception as exc:
        yield _reject(seq, key, BAD_ARTICLE, exc)
        return
    try:
        df = {int(x["hash"]): int(x["df"]) for x in (r["df"] or ())}
        site_df: dict[str, dict[int, int]] = {}
        for x in r["sdf"] or ():
            site_df.setdefault(x["site"], {})[int(x["hash"])] = int(x["n"])
        known = {int(h) for h in (r["qhashes"] or ())}
        index = UnitIndex(docs, df, site_df, known)
        cands = sorted(d for d in docs if d != seq)
        out = pair_rows(index, [(seq, key, cands)], cfg.settings, cfg.rule)
    except Exception as exc:
        yield _reject(seq, key, KERNEL_ERROR, exc)
        return
    for i, row in enumerate(out):
        (a, b, a_begin, a_end, b_begin, b_end, kind, words, edits, ratio, level, ab, ba) = row
        yield (
            key, docs[b].id, a, b, a_begin, a_end, b_begin, b_end, kind, words, edits, float(ratio), level,
            None if ab is None else bool(ab), None if ba is None else bool(ba), i, None, None,
        )


def _reject(seq: int, key: str, reason: str, exc: BaseException) -> tuple[Any, ...]:
    return (key, None, seq, None, None, None, None, None, None, None, None, None, None, None, None, None,
            reason, _detail(exc))


def _detail(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)
    at = f" at {where[-1].filename.rsplit('/', 1)[-1]}:{where[-1].lineno}" if where else ""
    return f"{type(exc).__name__}: {str(exc)[:300]}{at}"


def component_clusters(item: tuple[int, Iterable[tuple[str, Any]]]) -> Iterator[tuple[Any, ...]]:
    """Clusters (CLUSTERS_SCHEMA) of one connected component: its passages ('p', row) and
    its articles ('d', row), through the unchanged build_clusters and site_network."""
    from ..reuse.clusters import DocInfo, build_clusters, site_network
    from ..reuse.corpus import PairPassage

    comp, tagged = item
    prows, docs, seq_of = [], {}, {}
    for tag, row in tagged:
        if tag == "p":
            prows.append(row)
        else:
            docs[row["id"]] = DocInfo(row["id"], row["site"] or None, row["published"], row["id"], row["url"])
            seq_of[row["id"]] = row["seq"]
    # The order load_pairs reads stored pairs in: by rowids, then start, then insertion.
    prows.sort(key=lambda r: (r["a_seq"], r["b_seq"], r["a_begin"], r["ord"]))
    pairs = [
        PairPassage(
            a=r["a_id"], b=r["b_id"], a_span=(r["a_begin"], r["a_end"]), b_span=(r["b_begin"], r["b_end"]),
            kind=r["kind"], matched_words=r["matched_words"], edits=r["edits"], edit_ratio=r["edit_ratio"],
            edit_level=r["edit_level"], a_credits_b=r["a_credits_b"], b_credits_a=r["b_credits_a"],
        )
        for r in prows
    ]
    for c in build_clusters(pairs, docs):
        known = [m.credits_earliest for m in c.members if m.credits_earliest is not None]
        edges = [
            (e.copier, e.source, e.copies, e.chars, e.credited, e.credit_unknown) for e in site_network([c])
        ]
        members = [
            (
                str(m.key), seq_of.get(m.key), docs[m.key].url if m.key in docs else None, m.site, m.published,
                [(b, e) for b, e in m.spans], m.chars, m.credits_earliest,
            )
            for m in c.members
        ]
        yield (
            c.id, c.kind, len(c.members), c.earliest.status, [str(k) for k in c.earliest.keys], c.earliest.date,
            c.earliest.note, [str(k) for k in c.earliest.undated], sum(1 for v in known if v), len(known),
            len(c.passages), comp, members, edges, json.dumps(c.to_dict(), ensure_ascii=False, sort_keys=True),
        )


# -- the stages (driver side) ----------------------------------------------------------------


@dataclass
class StageOutput:
    rows: int
    rejected: dict[str, int]


def _write(df: Any, path: str) -> None:
    df.write.mode("overwrite").parquet(path)


def _write_split(both: Any, path: str, keep: Sequence[Any], rejects: Sequence[Any]) -> StageOutput:
    """Write the rows of `both` without a `reason` to `path` and the others (if any) to
    `path`_rejects; rows and rejections by reason are counted in the same pass."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from .job import delete_path

    both = both.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = {r["reason"]: int(r["n"]) for r in both.groupBy("reason").agg(F.count("*").alias("n")).collect()}
        rows = counts.pop(None, 0)
        _write(both.where(F.col("reason").isNull()).select(*keep), path)
        if counts:
            _write(both.where(F.col("reason").isNotNull()).select(*rejects), f"{path}_rejects")
        else:
            delete_path(both.sparkSession, f"{path}_rejects")  # an earlier run's rejections
    finally:
        both.unpersist()
    return StageOutput(rows, counts)


def fingerprints_stage(spark: Any, out: str) -> StageOutput:
    """OUT/fingerprints: (seq, id, site, hash, pos) of every latest article."""
    from pyspark.sql import functions as F

    arts = spark.read.parquet(f"{out}/articles").where(~F.col("superseded")).select("seq", "id", "article_json")
    both = spark.createDataFrame(arts.rdd.mapPartitions(fingerprint_rows), FINGERPRINTS_SCHEMA + ", reason string, detail string")
    return _write_split(
        both, f"{out}/fingerprints", ["seq", "id", "site", "hash", "pos"], ["seq", "id", "reason", "detail"]
    )


def _distinct_postings(spark: Any, out: str) -> Any:
    from pyspark.sql import functions as F

    fp = spark.read.parquet(f"{out}/fingerprints")
    # NULL and "" are both "no site", one group, as NO_SITE in the archive.
    return fp.select("hash", F.coalesce(F.col("site"), F.lit("")).alias("site"), "seq").distinct()


def candidates_stage(spark: Any, out: str, rule: Any) -> StageOutput:
    """OUT/candidates: (seq, cand_seq, shared) — older articles that pass PairRule for
    each article, the rule of bulk_candidates / sql_candidates as aggregations."""
    from pyspark.sql import functions as F

    dist = _distinct_postings(spark, out)
    df = dist.groupBy("hash").agg(F.count("*").alias("df"))
    group = dist.groupBy("hash", "site").agg(F.count("*").alias("gn"))
    valid = (
        dist.join(df, "hash")
        .join(group, ["hash", "site"])
        .where((F.col("gn") < rule.site_docs) & (F.col("df") >= 2) & (F.col("df") <= rule.max_df))
        .select("hash", "seq")
    )
    newer, older = valid.alias("n"), valid.alias("o")
    pairs = (
        newer.join(older, F.col("n.hash") == F.col("o.hash"))
        .where(F.col("n.seq") > F.col("o.seq"))
        .groupBy(F.col("n.seq").alias("seq"), F.col("o.seq").alias("cand_seq"))
        .agg(F.count("*").cast("int").alias("shared"))
        .where(F.col("shared") >= rule.min_shared)
    )
    _write(pairs, f"{out}/candidates")
    return StageOutput(spark.read.parquet(f"{out}/candidates").count(), {})


def passages_stage(spark: Any, out: str, settings: TraceSettings, rule: Any) -> StageOutput:
    """OUT/passages: the pair passages of every article with candidates, computed per work
    unit by the unchanged kernels. A unit whose kernels raise is counted in
    OUT/passages_rejects and skipped."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    arts = spark.read.parquet(f"{out}/articles").where(~F.col("superseded")).select("seq", "id", "article_json")
    fp = spark.read.parquet(f"{out}/fingerprints")
    cands = spark.read.parquet(f"{out}/candidates").select("seq", "cand_seq")
    work = cands.select("seq").distinct()
    work_arts = arts.join(work, "seq")

    qh = spark.createDataFrame(work_arts.rdd.mapPartitions(query_hash_rows), "seq long, hash long")
    qh = qh.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        dist = fp.select("hash", "site", "seq").distinct()
        dfs = dist.groupBy("hash").agg(F.count("*").alias("df"))
        site_counts = dist.where(F.col("site").isNotNull() & (F.col("site") != "")).groupBy("hash", "site").agg(
            F.count("*").alias("n")
        )
        doc_site = fp.select("seq", "site").distinct().where(F.col("site").isNotNull() & (F.col("site") != ""))
        unit_sites = (
            work.join(doc_site, "seq")
            .unionByName(
                cands.join(doc_site.withColumnRenamed("seq", "cand_seq"), "cand_seq").select("seq", "site")
            )
            .distinct()
        )
        q_all = qh.groupBy("seq").agg(F.collect_list("hash").alias("qhashes"))
        q_df = qh.join(dfs, "hash").groupBy("seq").agg(F.collect_list(F.struct("hash", "df")).alias("df"))
        q_sdf = (
            qh.join(unit_sites, "seq")
            .join(site_counts, ["hash", "site"])
            .groupBy("seq")
            .agg(F.collect_list(F.struct("site", "hash", "n")).alias("sdf"))
        )
        cand_arts = (
            cands.join(
                arts.select(
                    F.col("seq").alias("cand_seq"), F.col("id").alias("cand_id"), F.col("article_json").alias("cand_json")
                ),
                "cand_seq",
            )
            .groupBy("seq")
            .agg(F.collect_list(F.struct("cand_seq", "cand_id", "cand_json")).alias("cands"))
        )
        units = (
            work_arts.join(cand_arts, "seq")
            .join(q_all, "seq", "left")
            .join(q_df, "seq", "left")
            .join(q_sdf, "seq", "left")
        )
        cfg = UnitConfig(settings, rule)
        # Adaptive execution coalesces the joined units into as few partitions as their bytes
        # allow (2 at 10k articles), but their cost is alignment, not bytes: spread them over
        # several tasks per core so no core idles while another finishes a heavy partition.
        units = units.repartition(max(8, 4 * spark.sparkContext.defaultParallelism))
        result = spark.createDataFrame(
            units.rdd.mapPartitions(unit_rows(cfg)), PASSAGES_SCHEMA + ", reason string, detail string"
        )
        return _write_split(
            result,
            f"{out}/passages",
            [c.split(" ")[0] for c in PASSAGES_SCHEMA.split(", ")],
            [F.col("a_seq").alias("seq"), F.col("a_id").alias("id"), "reason", "detail"],
        )
    finally:
        qh.unpersist()


def connected_components(edges: Any, *, max_rounds: int = 10_000) -> tuple[Any, int]:
    """(node, comp) for every node of an undirected graph given as (src, dst) long pairs:
    comp = the smallest node of its component. Min-label propagation over joins with
    pointer jumping (label := label of label), each round checkpointed locally so the
    lineage stays short. Returns the labels and the number of rounds."""
    from pyspark.sql import functions as F

    both = edges.select("src", "dst").unionByName(edges.select(F.col("dst").alias("src"), F.col("src").alias("dst")))
    both = both.distinct().localCheckpoint()
    labels = both.select(F.col("src").alias("node")).distinct().withColumn("label", F.col("node")).localCheckpoint()
    total = labels.agg(F.sum("label")).first()[0]
    for rounds in range(1, max_rounds + 1):
        spread = both.join(labels, both["src"] == labels["node"]).select(F.col("dst").alias("node"), "label")
        step = labels.unionByName(spread).groupBy("node").agg(F.min("label").alias("label"))
        ptr = step.select(F.col("node").alias("l_node"), F.col("label").alias("l_label"))
        jumped = (
            step.join(ptr, step["label"] == ptr["l_node"], "left")
            .select("node", F.least(F.col("label"), F.coalesce(F.col("l_label"), F.col("label"))).alias("label"))
            .localCheckpoint(eager=False)
        )
        # Labels only decrease and the node set never changes, so an unchanged sum means a
        # fixed point; computing it materialises the checkpoint in the same job.
        new_total = jumped.agg(F.sum("label")).first()[0]
        labels = jumped
        if new_total == total:
            return labels.withColumnRenamed("label", "comp"), rounds
        total = new_total
    raise RuntimeError(f"connected components did not converge in {max_rounds} rounds")


def clusters_stage(spark: Any, out: str) -> StageOutput:
    """OUT/clusters (one row per cluster, with members and per-cluster site edges) and
    OUT/cluster_members (one row per member)."""
    from pyspark.sql import functions as F

    passages = spark.read.parquet(f"{out}/passages")
    comps, rounds = connected_components(passages.select(F.col("a_seq").alias("src"), F.col("b_seq").alias("dst")))
    log.info("clusters: connected components in %d round(s)", rounds)
    arts = spark.read.parquet(f"{out}/articles").where(~F.col("superseded")).select("seq", "id", "published", "url")
    doc_site = spark.read.parquet(f"{out}/fingerprints").select("seq", "site").distinct()
    docs = arts.join(comps, arts["seq"] == comps["node"]).join(doc_site, "seq", "left").select(
        "comp", "seq", "id", "site", "published", "url"
    )
    p = passages.join(comps, passages["a_seq"] == comps["node"]).drop("node")
    tagged = p.rdd.map(lambda r: (r["comp"], ("p", r))).union(docs.rdd.map(lambda r: (r["comp"], ("d", r))))
    clusters = spark.createDataFrame(tagged.groupByKey().flatMap(component_clusters), CLUSTERS_SCHEMA)
    _write(clusters, f"{out}/clusters")
    written = spark.read.parquet(f"{out}/clusters")
    members = written.select(F.col("id").alias("cluster"), F.col("kind"), F.explode("members").alias("m")).select(
        "cluster", "kind", "m.*"
    )
    _write(members, f"{out}/cluster_members")
    return StageOutput(written.count(), {})


def network_stage(spark: Any, out: str) -> StageOutput:
    """OUT/network: site_network summed over clusters per (copier, source)."""
    from pyspark.sql import functions as F

    clusters = spark.read.parquet(f"{out}/clusters")
    edges = clusters.select("id", "size", F.explode("site_edges").alias("e")).select("id", "size", "e.*")
    net = edges.groupBy("copier", "source").agg(
        F.sum("copies").cast("int").alias("copies"),
        F.sum("chars").cast("long").alias("chars"),
        F.sum("credited").cast("int").alias("credited"),
        F.sum("credit_unknown").cast("int").alias("credit_unknown"),
        # clusters in the order site_network meets them: build_clusters' order (-size, id)
        F.sort_array(F.collect_list(F.struct((-F.col("size")).alias("k"), F.col("id").alias("id")))).alias("cl"),
    )
    known = F.col("copies") - F.col("credit_unknown")
    net = net.select(
        "copier", "source", "copies", "chars", "credited", "credit_unknown",
        F.when(known > 0, F.col("credited") / known).otherwise(F.lit(None).cast("double")).alias("credited_share"),
        F.transform("cl", lambda x: x["id"]).alias("clusters"),
    )
    _write(net, f"{out}/network")
    return StageOutput(spark.read.parquet(f"{out}/network").count(), {})


# -- reading results back (tests, import, docs examples) ---------------------------------------


def read_network(spark: Any, out: str) -> list[Any]:
    """OUT/network as SiteEdges in site_network's order."""
    from ..reuse.clusters import SiteEdge

    rows = spark.read.parquet(f"{out}/network").collect()
    edges = [
        SiteEdge(r["copier"], r["source"], r["copies"], r["chars"], r["credited"], r["credit_unknown"], list(r["clusters"]))
        for r in rows
    ]
    return sorted(edges, key=lambda e: (-e.copies, e.copier, e.source))


def read_cluster_dicts(spark: Any, out: str) -> list[dict[str, Any]]:
    """Cluster.to_dict() of every cluster, in build_clusters' order (-size, id)."""
    rows = spark.read.parquet(f"{out}/clusters").select("id", "size", "cluster_json").collect()
    rows.sort(key=lambda r: (-r["size"], r["id"]))
    return [json.loads(r["cluster_json"]) for r in rows]
