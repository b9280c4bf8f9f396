"""Dense retrieval of evidence sentences: sentence embeddings and a retriever over an Archive.

The embedding model is trained here, not downloaded: word vectors from a positive-PMI
co-occurrence matrix reduced by truncated SVD, trained by `bench/train_embeddings.py` on the
FNC-1 article bodies and the CheckThat!/ClaimBuster sentences (news and political claims).
A sentence vector is the SIF-weighted mean of its word vectors (weight a / (a + p(word)),
so frequent words count little), with the training corpus' first principal component
removed, scaled to unit length. A word outside the vocabulary (a name, a rare term) gets a
fixed vector hashed from its spelling, so it matches only itself, as in full-text search. It ships as `newstrace/models/embeddings.npz` (int8 word
vectors with one scale per word, word probabilities, the removed component; no pickle) +
`embeddings.json` (vocabulary, parameters, SHA-256 of the training data, how to rebuild).
Inference needs numpy only.

    vectors = embed(["The minister resigned.", "The official stepped down."])  # (2, dim), unit rows
    retriever = DenseRetriever(archive)
    for hit in retriever.search("Belarus will hold exercises with NATO", k=10, exclude={article.id}):
        hit.article_id, hit.sentence, hit.begin, hit.end, hit.text, hit.score

What it is good for: finding a sentence that says the same thing in other words, which
full-text search misses. What it is not: a meaning model. Word vectors from about a
million words of news and debate text know common news vocabulary and little else (on
Climate-FEVER 11% of the words, "emissions" and "greenhouse" among them, are outside it);
negation does not change a vector ("did" and "did not" land close). Use it next to lexical search (bench/eval_dense.py measures each and
their fusion) and let the stance model judge the pairs.

Vectors for archived articles are kept in the archive, in a table of this module's own,
`dense_sentences`: one row per (article id, model version) holding every sentence's vector
as int8 with a float16 scale (dim + 2 bytes per sentence). A model with other vectors has
another version, so its rows are never mixed with old ones; old versions' rows are deleted
the next time the table is filled. Articles not yet embedded are embedded when a retriever
first searches (or on `update()`), in batches, each written in one short transaction; on a
read-only archive they are embedded in memory for this retriever only and not stored.
Cost, measured by `bench/eval_dense.py --speed` (FNC-1 bodies as articles, 2 cores): the
archive grows about 2.8 KB per article (18 sentences), embedding + storing takes about 1.5 s
per 1,000 articles, and a search is a linear scan (about 10 ms over 30k sentences; it grows
linearly, so an archive of a million articles wants an approximate index, not built here).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from ..errors import InputError
from ._files import read_model_files

log = logging.getLogger(__name__)

MODEL_NAME = "embeddings"
FORMAT_VERSION = 1
TABLE = "dense_sentences"

#: Measured with `.venv/bin/python bench/eval_dense.py --speed` on the 1,683 FNC-1 bodies as
#: articles (18.3 sentences each), 2-core machine under other load, model dim 128.
STORAGE_NOTE = (
    "archive file grows about 2.8 KB per article (2.4 KB of vectors: 130 bytes per sentence); "
    "embedding and storing takes about 1.5 s per 1,000 articles; a retriever holds 138 bytes per "
    "sentence in memory and scans about 3 million sentences per second per query"
)

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens as the embedding vocabulary spells them: possessive 's
    dropped, numbers other than years folded to "<num>". Shared by training and inference."""
    out: list[str] = []
    for m in _TOKEN.finditer(text.lower()):
        w = m.group(0).replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        if any(c.isdigit() for c in w):
            w = w if _YEAR.fullmatch(w) else "<num>"
        out.append(w)
    return out


class EmbeddingModel:
    """Word vectors + SIF weights + the common component: text -> unit sentence vector.

    vocab: the words, in row order of `vectors`.
    vectors: (V, d) word vectors (float32).
    weights: (V,) SIF weight of each word, a / (a + p(word)).
    component: (d,) unit vector removed from every sentence vector, or zeros for none.
    """

    def __init__(
        self,
        vocab: Sequence[str],
        vectors: np.ndarray,
        weights: np.ndarray,
        component: np.ndarray,
        meta: Mapping[str, Any] | None = None,
    ) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        weights = np.asarray(weights, dtype=np.float32)
        component = np.asarray(component, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[0] != len(vocab):
            raise ValueError(f"vectors must be (len(vocab), dim), got {vectors.shape} for {len(vocab)} words")
        if weights.shape != (len(vocab),):
            raise ValueError(f"weights must have one value per word, got {weights.shape}")
        if component.shape != (vectors.shape[1],):
            raise ValueError(f"component must have dim {vectors.shape[1]}, got {component.shape}")
        self.vocab = list(vocab)
        self.index = {w: i for i, w in enumerate(self.vocab)}
        if len(self.index) != len(self.vocab):
            raise ValueError("vocabulary has duplicate words")
        self.vectors = vectors
        self.weights = weights
        self.component = component
        self.meta = dict(meta or {})
        # Words outside the vocabulary (names, rare terms) get a fixed pseudo-random vector
        # from a hash of the word, times this weight: two texts sharing a rare name move
        # closer, as in full-text search, instead of the name being dropped. 0 turns it off.
        self.oov_weight = float(self.meta.get("oov_weight", 0.0))
        # Weighted vectors once, so a sentence is one gather + sum.
        self._weighted = vectors * weights[:, None]
        h = hashlib.sha256()
        h.update("\n".join(self.vocab).encode("utf-8"))
        for a in (vectors, weights, component):
            h.update(np.ascontiguousarray(a).tobytes())
        h.update(repr(self.oov_weight).encode())
        self.version = f"sif{FORMAT_VERSION}-{h.hexdigest()[:16]}"

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def __repr__(self) -> str:
        return f"EmbeddingModel({len(self.vocab)} words x {self.dim}, version {self.version})"

    # -- embedding ----------------------------------------------------------------------
    def parts(self, text: str) -> tuple[np.ndarray, np.ndarray | None, int]:
        """(vocabulary ids, sum of hashed vectors of the other words or None, their count)."""
        idx = self.index
        ids: list[int] = []
        oov: list[str] = []
        for t in tokenize(text):
            i = idx.get(t)
            if i is None:
                oov.append(t)
            else:
                ids.append(i)
        extra = None
        if oov and self.oov_weight:
            extra = self.oov_weight * np.sum([_hashed_vector(w, self.dim) for w in oov], axis=0)
        return np.asarray(ids, dtype=np.int64), extra, len(oov)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32 unit rows; a text without any word (empty, punctuation
        only) gets a row of zeros, which scores 0 against anything."""
        if isinstance(texts, (str, bytes)):
            raise TypeError("embed() takes a list of texts, not one string; use embed([text])")
        ids: list[np.ndarray] = []
        for t in texts:
            if not isinstance(t, str):
                raise TypeError(f"embed() takes strings, got {type(t).__name__}")
            ids.append(self.parts(t))
        return self._embed_parts(ids)

    def _embed_parts(self, parts: list[tuple[np.ndarray, np.ndarray | None, int]]) -> np.ndarray:
        n, d = len(parts), self.dim
        out = np.zeros((n, d), dtype=np.float32)
        if n == 0:
            return out
        ids = [p[0] for p in parts]
        counts = np.fromiter((len(x) for x in ids), dtype=np.int64, count=n)
        flat = np.concatenate(ids) if counts.sum() else np.zeros(0, dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        nonempty = counts > 0
        # Chunks of sentences keep the (tokens x dim) gather at a few MB.
        rows = np.flatnonzero(nonempty)
        step = 4096
        for c in range(0, len(rows), step):
            sel = rows[c : c + step]
            lo, hi = starts[sel[0]], starts[sel[-1]] + counts[sel[-1]]
            block = self._weighted[flat[lo:hi]]
            out[sel] = np.add.reduceat(block, starts[sel] - lo, axis=0)
        for r, (_, extra, _) in enumerate(parts):
            if extra is not None:
                out[r] += extra
        total = counts + np.fromiter((p[2] if p[1] is not None else 0 for p in parts), dtype=np.int64, count=n)
        has = total > 0
        out[has] /= total[has, None]
        if self.component.any():
            out -= np.outer(out @ self.component, self.component)
        norms = np.linalg.norm(out, axis=1)
        ok = norms > 1e-8
        out[ok] /= norms[ok, None]
        out[~ok] = 0.0
        return out

    # -- files --------------------------------------------------------------------------
    @classmethod
    def load(cls, directory: str | Path | None = None, name: str = MODEL_NAME) -> "EmbeddingModel":
        """Load `<name>.json` + `<name>.npz` from `directory` (default: the packaged model)."""
        meta, arrays, where = read_model_files(directory, name, kind="embedding model", rebuild="bench/train_embeddings.py")
        if meta.get("format_version") != FORMAT_VERSION:
            raise InputError(where, "unsupported embedding model format",
                             f"version {meta.get('format_version')!r}, this newstrace reads {FORMAT_VERSION}")
        try:
            vocab = meta["vocab"]
            q = arrays["vectors_int8"].astype(np.float32)
            vectors = q * arrays["vector_scale"].astype(np.float32)[:, None]
            a = float(meta["sif"]["a"])
            weights = a / (a + arrays["word_prob"].astype(np.float64))
            component = arrays["component"]
            meta = {k: v for k, v in meta.items() if k != "vocab"}
            return cls(vocab, vectors, weights, component, meta)
        except (KeyError, ValueError, TypeError) as exc:
            raise InputError(where, "damaged embedding model", f"{type(exc).__name__}: {exc}") from None

    @staticmethod
    def save(
        directory: str | Path,
        *,
        vocab: Sequence[str],
        vectors: np.ndarray,
        word_prob: np.ndarray,
        sif_a: float,
        component: np.ndarray,
        meta: Mapping[str, Any],
        name: str = MODEL_NAME,
    ) -> tuple[Path, Path]:
        """Write the model files (used by bench/train_embeddings.py). Vectors are stored as
        int8 with one float32 scale per word (4x smaller than float32; cosine error ~1e-3)."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        vectors = np.asarray(vectors, dtype=np.float32)
        scale = np.abs(vectors).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        q = np.clip(np.rint(vectors / scale[:, None]), -127, 127).astype(np.int8)
        npz, js = d / f"{name}.npz", d / f"{name}.json"
        np.savez_compressed(
            npz,
            vectors_int8=q,
            vector_scale=scale.astype(np.float32),
            word_prob=np.asarray(word_prob, dtype=np.float32),
            component=np.asarray(component, dtype=np.float32),
        )
        full = dict(meta)
        full.update(format_version=FORMAT_VERSION, sif={"a": float(sif_a)}, dim=int(vectors.shape[1]),
                    vocab_size=len(vocab), vocab=list(vocab))
        js.write_text(json.dumps(full, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        return js, npz


def _hashed_vector(word: str, dim: int) -> np.ndarray:
    """A unit vector fixed by the word alone (blake2b bytes; no random generator, so it is
    the same on every platform and numpy version)."""
    raw = b""
    salt = 0
    while len(raw) < dim:
        raw += hashlib.blake2b(word.encode("utf-8"), digest_size=64, salt=salt.to_bytes(16, "little")).digest()
        salt += 1
    v = np.frombuffer(raw[:dim], dtype=np.uint8).astype(np.float32) - 127.5
    return v / np.linalg.norm(v)


@lru_cache(maxsize=1)
def default_model() -> EmbeddingModel:
    """The packaged model, loaded on first use and kept (`default_model.cache_clear()` resets)."""
    return EmbeddingModel.load()


def embed(texts: Sequence[str], model: EmbeddingModel | None = None) -> np.ndarray:
    """Unit sentence vectors, (len(texts), dim) float32; zeros for a text without words."""
    return (model or default_model()).embed(texts)


# -- the archive side --------------------------------------------------------------------


@dataclass(frozen=True)
class DenseHit:
    """One retrieved sentence: `text` is Article.text[begin:end] of article `article_id`,
    sentence number `sentence` (index into Article.sentences); `score` is the cosine."""

    article_id: str
    sentence: int
    begin: int
    end: int
    text: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "sentence": self.sentence,
            "span": [self.begin, self.end],
            "text": self.text,
            "score": round(self.score, 6),
        }


_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    " article_id TEXT NOT NULL,"
    " model TEXT NOT NULL,"
    " n INTEGER NOT NULL,"  # sentences
    " vectors BLOB NOT NULL,"  # n x dim int8, row-major
    " scales BLOB NOT NULL,"  # n float16
    " PRIMARY KEY (article_id, model))"
)


def _quantize(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(v).max(axis=1) / 127.0 if len(v) else np.zeros(0, dtype=np.float32)
    safe = np.where(scale > 0, scale, 1.0)
    q = np.clip(np.rint(v / safe[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float16)


def missing_vectors(archive, model: EmbeddingModel | None = None) -> int | None:
    """Latest archived articles without stored vectors for `model` (the default model);
    None when the archive has no dense table at all (`newstrace archive embed` makes it)."""
    model = model or default_model()
    conn = archive.connection
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (TABLE,)).fetchone() is None:
        return None
    return int(conn.execute(
        f"SELECT count(*) FROM articles a LEFT JOIN {TABLE} d ON d.article_id = a.id AND d.model = ? "
        "WHERE a.superseded = 0 AND d.article_id IS NULL",
        (model.version,),
    ).fetchone()[0])


class DenseRetriever:
    """Nearest sentences of archived articles to a text, by cosine of sentence vectors.

        retriever = DenseRetriever(archive)
        hits = retriever.search(claim.text, k=10, exclude={article.id}, per_article=2)

    The retriever reads the archive's vectors on its first search and keeps them in memory
    (int8: dim + 2 bytes per sentence); articles added later are seen after `refresh()`.
    Only the latest version of each article is searched. One retriever per Archive (and so
    per thread, like the Archive itself).
    """

    def __init__(self, archive, model: EmbeddingModel | None = None, *, batch_size: int = 200) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        self.archive = archive
        self.model = model or default_model()
        self.batch_size = batch_size
        self._loaded = False
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []  # q, scale, art, sent
        self._matrix: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None
        self._damaged: set[str] = set()

    # -- filling ------------------------------------------------------------------------
    def _writable(self) -> bool:
        return not getattr(self.archive, "readonly", False)

    def _table_exists(self, conn: sqlite3.Connection) -> bool:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (TABLE,)).fetchone() is not None

    def update(self) -> int:
        """Embed the latest articles that have no vectors for this model yet; store them
        when the archive is writable (one transaction per batch). Returns how many were
        embedded. Also loads what is stored, so the next search needs no database work."""
        conn = self.archive.connection
        version = self.model.version
        writable = self._writable()
        if writable:
            with self.archive.atomic() as c:
                c.execute(_CREATE)
                # A model change invalidates: rows of other versions are never read again.
                removed = c.execute(f"DELETE FROM {TABLE} WHERE model != ?", (version,)).rowcount
                if removed:
                    log.info("dense index: removed %d rows of other model versions", removed)
        has_table = self._table_exists(conn)
        if not self._loaded:
            self._load_stored(conn, has_table)
        if has_table:
            todo_sql = (
                f"SELECT a.id FROM articles a LEFT JOIN {TABLE} d ON d.article_id = a.id AND d.model = ? "
                "WHERE a.superseded = 0 AND d.article_id IS NULL ORDER BY a.rowid"
            )
            todo = [r[0] for r in conn.execute(todo_sql, (version,))]
        else:
            todo = [r[0] for r in conn.execute("SELECT id FROM articles WHERE superseded = 0 ORDER BY rowid")]
        todo = [t for t in todo if t not in self._pos] + sorted(self._damaged)
        self._damaged.clear()
        if todo and not writable:
            log.info("dense index: embedding %d articles in memory (archive opened read-only, not stored)", len(todo))
        for i in range(0, len(todo), self.batch_size):
            ids = todo[i : i + self.batch_size]
            rows = conn.execute(
                f"SELECT id, text, sentences FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids
            ).fetchall()
            embedded = self._embed_rows(rows)
            if writable:
                with self.archive.atomic() as c:
                    c.executemany(
                        f"INSERT OR REPLACE INTO {TABLE} (article_id, model, n, vectors, scales) VALUES (?,?,?,?,?)",
                        [(aid, version, len(q), q.tobytes(), s.tobytes()) for aid, q, s in embedded],
                    )
            for aid, q, s in embedded:
                self._add(aid, q, s)
        self._loaded = True
        return len(todo)

    def refresh(self) -> int:
        """Forget what is in memory and read the archive again (new articles included)."""
        self._loaded = False
        self._ids, self._pos, self._chunks, self._matrix = [], {}, [], None
        return self.update()

    def _embed_rows(self, rows: Iterable[tuple[str, str, str]]) -> list[tuple[str, np.ndarray, np.ndarray]]:
        parts: list[tuple[np.ndarray, np.ndarray | None, int]] = []
        owners: list[tuple[str, int]] = []
        for aid, text, sentences in rows:
            spans = json.loads(sentences)
            for b, e in spans:
                parts.append(self.model.parts(text[b:e]))
            owners.append((aid, len(spans)))
        vecs = self.model._embed_parts(parts)
        out = []
        at = 0
        for aid, n in owners:
            q, s = _quantize(vecs[at : at + n])
            out.append((aid, q, s))
            at += n
        return out

    def _load_stored(self, conn: sqlite3.Connection, has_table: bool) -> None:
        if not has_table:
            return
        cur = conn.execute(
            f"SELECT d.article_id, d.n, d.vectors, d.scales FROM {TABLE} d JOIN articles a ON a.id = d.article_id "
            "WHERE d.model = ? AND a.superseded = 0",
            (self.model.version,),
        )
        dim = self.model.dim
        while rows := cur.fetchmany(1000):
            for aid, n, vb, sb in rows:
                q = np.frombuffer(vb, dtype=np.int8)
                s = np.frombuffer(sb, dtype=np.float16)
                if q.size != n * dim or s.size != n:
                    log.warning("dense index: row of %s has the wrong size; it will be embedded again", aid)
                    self._damaged.add(aid)
                    continue
                self._add(aid, q.reshape(n, dim), s)

    def _add(self, aid: str, q: np.ndarray, s: np.ndarray) -> None:
        if aid in self._pos:
            return
        if len(q) == 0:  # no sentences: known, never a hit
            self._pos[aid] = -1
            return
        self._pos[aid] = len(self._ids)
        self._ids.append(aid)
        n = len(q)
        self._chunks.append((q, s, np.full(n, self._pos[aid], dtype=np.int32), np.arange(n, dtype=np.int32)))
        self._matrix = None

    def _stacked(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        if self._matrix is None:
            if self._chunks:
                parts = list(zip(*self._chunks))
                self._matrix = tuple(np.concatenate(p) for p in parts)  # type: ignore[assignment]
            else:
                d = self.model.dim
                self._matrix = (np.zeros((0, d), np.int8), np.zeros(0, np.float16),
                                np.zeros(0, np.int32), np.zeros(0, np.int32))
            self._chunks = [self._matrix] if len(self._matrix[0]) else []
        return self._matrix

    def __len__(self) -> int:
        """Sentences searchable now."""
        if not self._loaded:
            self.update()
        return len(self._stacked()[0])

    # -- searching ----------------------------------------------------------------------
    def scores(self, vector: np.ndarray) -> np.ndarray:
        """Cosine of `vector` (unit) with every searchable sentence, in index order."""
        if not self._loaded:
            self.update()
        q, s, _, _ = self._stacked()
        out = np.empty(len(q), dtype=np.float32)
        step = 65536
        v = np.asarray(vector, dtype=np.float32)
        for i in range(0, len(q), step):
            out[i : i + step] = (q[i : i + step].astype(np.float32) @ v) * s[i : i + step].astype(np.float32)
        return out

    def search(
        self,
        text: str,
        k: int = 10,
        *,
        exclude: Iterable[str] = (),
        per_article: int | None = None,
        min_score: float = 0.0,
    ) -> list[DenseHit]:
        """The `k` archived sentences closest to `text`, best first, leaving out articles
        whose id is in `exclude`, at most `per_article` sentences from one article, and
        none scoring below `min_score`. A text without words gives []."""
        if not isinstance(text, str):
            raise TypeError(f"search() takes a string, got {type(text).__name__}")
        if k < 0:
            raise ValueError(f"k must be 0 or more, not {k}")
        if per_article is not None and per_article < 1:
            raise ValueError(f"per_article must be at least 1, not {per_article}")
        vec = self.model.embed([text])[0]
        if k == 0 or not vec.any():
            return []
        scores = self.scores(vec)
        _, _, art, sent = self._stacked()
        excluded = [self._pos[a] for a in set(exclude) if self._pos.get(a, -1) >= 0]
        if excluded:
            scores[np.isin(art, excluded)] = -np.inf
        scores[scores < min_score] = -np.inf
        picked: list[int] = []
        want = k if per_article is None else k * 4
        while True:
            m = min(len(scores), max(want, 1))
            top = np.argpartition(-scores, m - 1)[:m] if m < len(scores) else np.arange(len(scores))
            top = top[np.argsort(-scores[top], kind="stable")]
            picked, taken = [], {}
            for r in top:
                if not np.isfinite(scores[r]):
                    break
                a = int(art[r])
                if per_article is not None and taken.get(a, 0) >= per_article:
                    continue
                taken[a] = taken.get(a, 0) + 1
                picked.append(int(r))
                if len(picked) == k:
                    break
            if len(picked) == k or m >= len(scores) or not np.isfinite(scores[top[-1]]):
                break
            want *= 4
        return self._hits(picked, scores)

    def _hits(self, rows: list[int], scores: np.ndarray) -> list[DenseHit]:
        _, _, art, sent = self._stacked()
        conn = self.archive.connection
        texts: dict[str, tuple[str, list]] = {}
        out: list[DenseHit] = []
        for r in rows:
            aid = self._ids[int(art[r])]
            if aid not in texts:
                row = conn.execute("SELECT text, sentences FROM articles WHERE id = ?", (aid,)).fetchone()
                if row is None:
                    continue
                texts[aid] = (row[0], json.loads(row[1]))
            text, spans = texts[aid]
            i = int(sent[r])
            if i >= len(spans):
                continue
            b, e = spans[i]
            out.append(DenseHit(aid, i, b, e, text[b:e], float(scores[r])))
        return out
