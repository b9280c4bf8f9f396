"""Train the sentence-embedding model shipped as src/newstrace/models/embeddings.{npz,json}.

    .venv/bin/python bench/train_embeddings.py            # train, pick SIF settings on half A, write the model
    .venv/bin/python bench/train_embeddings.py --out DIR  # write elsewhere (e.g. to compare)

Needs the `ml` extra (scikit-learn, which brings scipy). Deterministic: the corpus is read in
file order, the vocabulary is sorted by (-count, word) and the SVD is seeded.

Corpus (unlabelled text only, ../shared/data, see its README): FNC-1 train bodies split into
sentences by newstrace.segment, CheckThat! 2024 English train sentences, ClaimBuster sentences
(deduplicated against CT24). Climate-FEVER is NOT trained on: it is the evaluation set.

Method:
  1. tokens: newstrace.evidence.dense.tokenize (the same function inference uses);
  2. vocabulary: words seen at least MIN_COUNT times, at most MAX_VOCAB of them;
  3. co-occurrence within a sentence, window WINDOW, each pair weighted 1/distance;
  4. positive PMI with context-distribution smoothing (context counts ** CDS_ALPHA);
  5. truncated SVD (randomized, seeded) to DIM dimensions; word vector = U * sqrt(S), unit rows;
  6. sentence vector = SIF (Arora et al. 2017): mean of a/(a+p(w)) * v(w), minus its projection
     on the first principal component of the training sentences' vectors, unit length.
     The SIF constant `a` and whether to remove the component are picked on Climate-FEVER
     half A only (bench/eval_dense.py's split), by dense MRR + recall@10;
  7. words outside the vocabulary get a fixed vector hashed from the word, times OOV_WEIGHT
     (also picked on half A; 0 = dropped), so a shared rare name still counts.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSTRACE_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data"
FNC_BODIES = DATA / "fnc1" / "train_bodies.csv"
CT24_TRAIN = DATA / "checkworthy" / "CT24_checkworthy_english_train.tsv"
CLAIMBUSTER = DATA / "checkworthy" / "claimbuster_kfold_25ncs.csv"
MODEL_DIR = REPO / "src" / "newstrace" / "models"

sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))
from newstrace.evidence.dense import EmbeddingModel, tokenize  # noqa: E402
from newstrace.segment import sentences as split_sentences  # noqa: E402
from newstrace.article import normalize_text  # noqa: E402

MIN_COUNT = 2
MAX_VOCAB = 24_000
WINDOW = 5
CDS_ALPHA = 0.75
DIM = 128
SVD_ITER = 7
SEED = 0
SIF_A = (1e-4, 3e-4, 1e-3, 3e-3)
OOV_WEIGHT = (0.0, 1.0, 1.5)
PC_SAMPLE = 60_000  # training sentences used for the common component


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_corpus() -> tuple[list[str], dict[str, int]]:
    csv.field_size_limit(10**8)
    sents: list[str] = []
    counts: dict[str, int] = {}
    with open(FNC_BODIES, encoding="utf-8", newline="") as fh:
        n0 = len(sents)
        for row in csv.DictReader(fh):
            text = normalize_text(row["articleBody"])
            sents += [text[b:e] for b, e in split_sentences(text)]
        counts["fnc1_body_sentences"] = len(sents) - n0
    seen: set[str] = set()
    with open(CT24_TRAIN, encoding="utf-8", newline="") as fh:
        n0 = len(sents)
        for row in csv.DictReader(fh, delimiter="\t"):
            key = " ".join(row["Text"].lower().split())
            if key not in seen:
                seen.add(key)
                sents.append(row["Text"])
        counts["ct24_train_sentences"] = len(sents) - n0
    with open(CLAIMBUSTER, encoding="utf-8", newline="") as fh:
        n0 = len(sents)
        for row in csv.DictReader(fh):
            key = " ".join(row["text"].lower().split())
            if key not in seen:
                seen.add(key)
                sents.append(row["text"])
        counts["claimbuster_sentences_not_in_ct24"] = len(sents) - n0
    return sents, counts


def train_vectors(token_lists: list[list[str]]) -> tuple[list[str], np.ndarray, np.ndarray, dict]:
    from scipy import sparse
    from sklearn.utils.extmath import randomized_svd

    freq = Counter(t for toks in token_lists for t in toks)
    total_tokens = sum(freq.values())
    words = sorted((w for w, c in freq.items() if c >= MIN_COUNT), key=lambda w: (-freq[w], w))[:MAX_VOCAB]
    index = {w: i for i, w in enumerate(words)}
    V = len(words)
    # One flat id array, -1 for out-of-vocabulary words (they keep their place, so distances
    # stay true) and -2 between sentences (pairs never cross it).
    flat: list[int] = []
    for toks in token_lists:
        flat.extend(index.get(t, -1) for t in toks)
        flat.extend([-2] * WINDOW)
    ids = np.asarray(flat, dtype=np.int64)
    rows, cols, vals = [], [], []
    for d in range(1, WINDOW + 1):
        a, b = ids[:-d], ids[d:]
        ok = (a >= 0) & (b >= 0)
        # A pair inside one sentence has no -2 between: the separator run is WINDOW long,
        # so any pair straddling a boundary has a -2 at one end.
        rows += [a[ok], b[ok]]
        cols += [b[ok], a[ok]]
        vals += [np.full(int(ok.sum()), 1.0 / d)] * 2
    C = sparse.coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(V, V)).tocsr()
    C.sum_duplicates()
    total = C.sum()
    row = np.asarray(C.sum(axis=1)).ravel()
    col = np.asarray(C.sum(axis=0)).ravel() ** CDS_ALPHA
    col_p = col / col.sum()
    row_p = row / total
    C = C.tocoo()
    pmi = np.log((C.data / total) / (row_p[C.row] * col_p[C.col]))
    keep = pmi > 0
    P = sparse.csr_matrix((pmi[keep], (C.row[keep], C.col[keep])), shape=(V, V))
    U, S, _ = randomized_svd(P, n_components=DIM, n_iter=SVD_ITER, random_state=SEED)
    # Fix each component's sign (SVD leaves it arbitrary) so reruns give identical files.
    signs = np.sign(U[np.abs(U).argmax(axis=0), np.arange(U.shape[1])])
    U *= signs
    vec = U * np.sqrt(S)
    norms = np.linalg.norm(vec, axis=1)
    vec /= np.where(norms > 0, norms, 1.0)[:, None]
    prob = np.asarray([freq[w] / total_tokens for w in words])
    stats = {"tokens": int(total_tokens), "types": len(freq), "vocab": V, "ppmi_nonzeros": int(P.nnz),
             "singular_values_top5": [round(float(s), 3) for s in S[:5]]}
    return words, vec.astype(np.float32), prob, stats


def component_for(words, vec, prob, a: float, token_lists: list[list[str]]) -> np.ndarray:
    """First principal (uncentred) direction of SIF sentence vectors of the training corpus."""
    model = EmbeddingModel(words, vec, a / (a + prob), np.zeros(vec.shape[1], np.float32))
    step = max(1, len(token_lists) // PC_SAMPLE)
    sample = [" ".join(t) for t in token_lists[::step] if len(t) >= 3]
    X = model.embed(sample)
    X = X[np.abs(X).sum(axis=1) > 0]
    _, _, vt = np.linalg.svd(X.astype(np.float64), full_matrices=False)
    pc = vt[0]
    pc *= np.sign(pc[np.abs(pc).argmax()])
    return pc.astype(np.float32)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    args = ap.parse_args()
    for p in (FNC_BODIES, CT24_TRAIN, CLAIMBUSTER):
        if not p.exists():
            sys.exit(f"{p}: not found; set NEWSTRACE_SHARED to the folder holding data/")
    from eval_dense import evaluate_dense_only  # noqa: E402  (bench/ is on sys.path)

    t0 = time.perf_counter()
    sents, corpus_counts = read_corpus()
    token_lists = [tokenize(s) for s in sents]
    token_lists = [t for t in token_lists if t]
    print(f"corpus: {len(token_lists)} sentences {corpus_counts}")
    words, vec, prob, stats = train_vectors(token_lists)
    print(f"vectors: {stats} ({time.perf_counter() - t0:.1f}s)")

    results = []
    for a in SIF_A:
        pc = component_for(words, vec, prob, a, token_lists)
        for remove in (True, False):
            comp = pc if remove else np.zeros_like(pc)
            for ow in OOV_WEIGHT:
                m = evaluate_dense_only(EmbeddingModel(words, vec, a / (a + prob), comp, {"oov_weight": ow}), "A")
                results.append({"a": a, "remove_component": remove, "oov_weight": ow,
                                **{k: round(v, 4) for k, v in m.items()}})
                print(f"  half A  a={a:g} remove_pc={remove!s:5s} oov_weight={ow:g}  "
                      f"R@10 {m['recall@10']:.3f}  MRR {m['mrr']:.3f}")
    best = max(results, key=lambda r: (r["mrr"] + r["recall@10"], r["remove_component"], -r["a"], -r["oov_weight"]))
    a = best["a"]
    comp = component_for(words, vec, prob, a, token_lists) if best["remove_component"] else np.zeros(DIM, np.float32)
    print(f"chosen on half A: a={a:g} remove_component={best['remove_component']}")

    meta = {
        "name": "newstrace sentence embeddings (SIF over PPMI-SVD word vectors)",
        "oov_weight": best["oov_weight"],
        "rebuild": ".venv/bin/python bench/train_embeddings.py  (needs: pip install 'newstrace[ml]')",
        "data": {
            str(p.relative_to(SHARED)): {"sha256": sha256(p)} for p in (FNC_BODIES, CT24_TRAIN, CLAIMBUSTER)
        },
        "corpus": {**corpus_counts, "sentences_used": len(token_lists)},
        "params": {"min_count": MIN_COUNT, "max_vocab": MAX_VOCAB, "window": WINDOW, "weighting": "1/distance",
                   "cds_alpha": CDS_ALPHA, "dim": DIM, "svd": f"sklearn randomized_svd n_iter={SVD_ITER} random_state={SEED}",
                   "eigenvalue_weighting": 0.5, "pc_sample": PC_SAMPLE},
        "training_stats": stats,
        "selection": {"on": "Climate-FEVER dev half A (bench/eval_dense.py split), dense only, relevance all5",
                      "grid": results, "chosen": best},
    }
    js, npz = EmbeddingModel.save(args.out, vocab=words, vectors=vec, word_prob=prob, sif_a=a, component=comp, meta=meta)
    model = EmbeddingModel.load(args.out)
    print(f"wrote {js} and {npz} ({npz.stat().st_size / 1e6:.2f} MB + {js.stat().st_size / 1e6:.2f} MB), "
          f"version {model.version}, {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
