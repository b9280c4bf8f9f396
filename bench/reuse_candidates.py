"""Why corpus-wide reuse grows faster than the corpus: the candidate pairs, split by origin.

    .venv/bin/python bench/reuse_candidates.py ARCHIVE [ARCHIVE ...]

ARCHIVE: a synthetic archive of bench/provenance_speed.py (e.g. built by
`bench/provenance_speed.py --sizes 10000,40000 --cache DIR`, then DIR/synth-n10000-...sqlite).
For each archive, the (newer, older) article pairs that `newstrace reuse` aligns
(`reuse_job.bulk_candidates` with the default PairRule) are counted as pairs within one
planted family (members share the original's title) or pairs of unrelated articles, and
the unrelated ones with exactly two shared fingerprints on one diagonal at most 3 words
apart (one shared 5-7-word phrase) are counted apart. Planted recall: share of the planted
(original, copy) pairs among the candidates.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newstrace.reuse.provenance import TraceSettings  # noqa: E402
from newstrace.reuse.sqlite_index import index_arrays  # noqa: E402
from newstrace.reuse_job import PairRule, _run_sizes, bulk_candidates  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from provenance_speed import planted_pairs  # noqa: E402


def shared_positions(arr: dict, rule: PairRule) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(pair code, position in newer, position in older) of every shared evidence hash."""
    h, s, d, p = arr["h"], arr["s"], arr["d"], arr["p"]
    keep = np.ones(h.shape[0], bool)
    keep[1:] = (h[1:] != h[:-1]) | (s[1:] != s[:-1]) | (d[1:] != d[:-1])
    h, s, d, p = h[keep], s[keep], d[keep], p[keep]
    valid = (_run_sizes(h, s) < rule.site_docs) & (_run_sizes(h) >= 2) & (_run_sizes(h) <= rule.max_df)
    h, d, p = h[valid], d[valid], p[valid]
    n = _run_sizes(h)
    first = np.ones(h.shape[0], bool)
    first[1:] = h[1:] != h[:-1]
    starts, lengths = np.nonzero(first)[0], n[first]
    codes, pn, po = [], [], []
    for m in range(2, int(lengths.max(initial=0)) + 1):
        st = starts[lengths == m]
        if st.size == 0:
            continue
        idx = st[:, None] + np.arange(m)
        i, j = np.triu_indices(m, 1)
        da, db, pa, pb = d[idx][:, i].ravel(), d[idx][:, j].ravel(), p[idx][:, i].ravel(), p[idx][:, j].ravel()
        newer_is_b = db > da
        codes.append((np.where(newer_is_b, db, da) << 32) | np.where(newer_is_b, da, db))
        pn.append(np.where(newer_is_b, pb, pa))
        po.append(np.where(newer_is_b, pa, pb))
    return np.concatenate(codes), np.concatenate(pn), np.concatenate(po)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    rule = PairRule.for_settings(TraceSettings())
    for path in argv:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        arr = index_arrays(conn)
        docs = [r[0] for r in conn.execute("SELECT doc FROM reuse_docs")]
        cands = bulk_candidates(arr, docs, rule)
        pairs = {(a, b) for a, bs in cands.items() for b in bs}
        title = {r: t for r, t in conn.execute("SELECT rowid, title FROM articles WHERE superseded = 0")}
        truth = planted_pairs(conn)
        code, pn, po = shared_positions(arr, rule)
        order = np.lexsort((pn, code))
        code, pn, po = code[order], pn[order], po[order]
        uc, start, count = np.unique(code, return_index=True, return_counts=True)
        phrase = 0
        for c, i0, n0 in zip(uc.tolist(), start.tolist(), count.tolist()):
            a, b = c >> 32, c & 0xFFFFFFFF
            if n0 == 2 and (a, b) in pairs and title.get(a) != title.get(b):
                gap_n, gap_o = pn[i0 + 1] - pn[i0], po[i0 + 1] - po[i0]
                phrase += gap_n == gap_o and gap_n <= 3
        family = sum(1 for a, b in pairs if title.get(a) == title.get(b))
        print(f"{path}: {len(docs):,} articles; candidate pairs {len(pairs):,} = within planted families "
              f"{family:,} + unrelated {len(pairs) - family:,} (of which one shared 5-7-word phrase: {phrase:,}); "
              f"planted recall {len(truth & pairs) / max(1, len(truth)):.4f} of {len(truth):,}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
