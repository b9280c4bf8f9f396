"""Rebuild the shipped source-ratings table from the public lists in ../shared/data/domains.

    .venv/bin/python bench/build_source_table.py            # writes src/newstrace/data/source_ratings.*
    .venv/bin/python bench/build_source_table.py --check    # rebuild in memory, compare with the shipped files

Inputs (see ../shared/data/README.md for where they come from):
  domains/lin2023/data_domain_pc1.csv     domain, pc1                      (hauselin/domain-quality-ratings @5671d57)
  domains/opensources/sources.csv         domain, type, 2nd type, 3rd type, notes (BigMcLargeHuge/opensources @77dad6d, LGPL-3.0)
  domains/iffy/iffy_list_2024-08-01.txt   one site URL per line            (osome-iu/top-FIBers @9e466a2, MIT)

Output: a gzip CSV (key, pc1, opensources, opensources_note, iffy) written byte-for-byte
reproducibly (gzip mtime 0, rows sorted by key), and a JSON sidecar with provenance, licences,
citation, input hashes and counts. Prints the counts and how the lists fall into the bands.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

from newstrace.signals.sources import (
    CITATIONS,
    HIGH_FROM,
    LOW_BELOW,
    SIDECAR_FILE,
    TABLE_FILE,
    Entry,
    SourceTable,
    band,
    normalize_key,
)

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "src" / "newstrace" / "data"

# OpenSources spells a few tags two ways; fold the variants so a tag means one thing.
TAG_FIXES = {"unrealiable": "unreliable", "fake news": "fake", "satirical": "satire"}


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSTRACE_SHARED", REPO.parent / "shared"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_lin(path: Path, stats: Counter) -> dict[str, float]:
    out: dict[str, float] = {}
    exact: set[str] = set()
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            stats["lin2023 rows"] += 1
            raw = row["domain"].strip()
            key = normalize_key(raw)
            if key is None:
                stats["lin2023 unparseable"] += 1
                print(f"  lin2023: cannot parse domain {raw!r}; skipped", file=sys.stderr)
                continue
            pc1 = float(row["pc1"])
            if key in out:
                stats["lin2023 duplicate keys"] += 1
                # lin2023 rates a few mobile/www variants apart from the site; the variant
                # folds into the site, so keep the row spelled exactly as the key.
                if raw.lower() == key and key not in exact:
                    print(f"  lin2023: {key}: keeping {raw} {pc1:.3f} over a variant's {out[key]:.3f}", file=sys.stderr)
                    out[key] = pc1
                    exact.add(key)
                else:
                    print(f"  lin2023: {key}: dropping variant {raw} {pc1:.3f} (kept {out[key]:.3f})", file=sys.stderr)
                continue
            out[key] = pc1
            if raw.lower() == key:
                exact.add(key)
    return out


def read_opensources(path: Path, stats: Counter) -> dict[str, tuple[list[str], list[str]]]:
    out: dict[str, tuple[list[str], list[str]]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    for row in rows[1:]:
        if not row or not row[0].strip():
            continue
        stats["opensources rows"] += 1
        key = normalize_key(row[0])
        if key is None:
            stats["opensources unparseable"] += 1
            print(f"  opensources: cannot parse domain {row[0]!r}; skipped", file=sys.stderr)
            continue
        tags = []
        for t in row[1:4]:
            t = " ".join(t.lower().split())
            t = TAG_FIXES.get(t, t)
            if t and t not in tags:
                tags.append(t)
        note = " ".join(row[4].split()) if len(row) > 4 else ""
        if key in out:
            stats["opensources duplicate keys (merged)"] += 1
            old_tags, old_notes = out[key]
            old_tags.extend(t for t in tags if t not in old_tags)
            if note and note not in old_notes:
                old_notes.append(note)
        else:
            out[key] = (tags, [note] if note else [])
    return out


def read_iffy(path: Path, stats: Counter) -> set[str]:
    out: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        stats["iffy rows"] += 1
        # Iffy lists sites; a path in an entry is the site's home page, not a section.
        key = normalize_key(line, keep_path=False)
        if key is None:
            stats["iffy unparseable"] += 1
            print(f"  iffy: cannot parse {line!r}; skipped", file=sys.stderr)
            continue
        if key in out:
            stats["iffy duplicate keys"] += 1
        out.add(key)
    return out


def build(shared: Path) -> tuple[bytes, str, Counter, list[str]]:
    dom = shared / "data" / "domains"
    files = {
        "lin2023": dom / "lin2023" / "data_domain_pc1.csv",
        "opensources": dom / "opensources" / "sources.csv",
        "iffy": dom / "iffy" / "iffy_list_2024-08-01.txt",
    }
    for f in files.values():
        if not f.exists():
            raise SystemExit(f"missing input {f}; set NEWSTRACE_SHARED to the shared/ folder")
    stats: Counter = Counter()
    lin = read_lin(files["lin2023"], stats)
    osrc = read_opensources(files["opensources"], stats)
    iffy = read_iffy(files["iffy"], stats)

    keys = sorted(set(lin) | set(osrc) | set(iffy))
    entries = [
        Entry(
            key=k,
            pc1=lin.get(k),
            opensources=tuple(osrc[k][0]) if k in osrc else (),
            opensources_note=" | ".join(osrc[k][1]) if k in osrc else "",
            iffy=k in iffy,
        )
        for k in keys
    ]
    table = SourceTable(entries)
    buf = io.StringIO()
    table.write_csv(buf)
    gz = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=gz, mtime=0, compresslevel=9) as zh:
        zh.write(buf.getvalue().encode("utf-8"))

    stats["lin2023 keys"] = len(lin)
    stats["opensources keys"] = len(osrc)
    stats["iffy keys"] = len(iffy)
    stats["table keys"] = len(keys)
    stats["keys with a path"] = sum("/" in k for k in keys)
    stats["opensources keys with a lin2023 score"] = len(set(osrc) & set(lin))
    stats["iffy keys with a lin2023 score"] = len(iffy & set(lin))
    stats["keys in all three lists"] = len(set(osrc) & set(lin) & iffy)

    report: list[str] = []
    bands = Counter(band(v) for v in lin.values())
    report.append(
        f"bands over all {len(lin)} scored keys (low < {LOW_BELOW}, mixed < {HIGH_FROM}, high >= {HIGH_FROM}): "
        + ", ".join(f"{b} {bands[b]}" for b in ("low", "mixed", "high"))
    )
    ib = Counter(band(lin[k]) for k in iffy if k in lin)
    n = sum(ib.values())
    report.append(
        f"Iffy-listed keys with a score ({n}): "
        + ", ".join(f"{b} {ib[b]} ({ib[b] / n:.1%})" for b in ("low", "mixed", "high"))
    )
    scores = sorted(lin[k] for k in iffy if k in lin)
    report.append(f"Iffy-listed scores: median {scores[n // 2]:.3f}, 90th percentile {scores[int(0.9 * (n - 1))]:.3f}")
    by_tag: dict[str, Counter] = defaultdict(Counter)
    for k, (tags, _) in osrc.items():
        if k in lin:
            for t in tags:
                by_tag[t][band(lin[k])] += 1
    for t in sorted(by_tag, key=lambda t: -sum(by_tag[t].values())):
        c = by_tag[t]
        report.append(f"OpenSources tag {t!r} with a score ({sum(c.values())}): low {c['low']}, mixed {c['mixed']}, high {c['high']}")

    meta = {
        "description": "Joined open news-site lists: lin2023 quality score, OpenSources tags, Iffy membership",
        "built_by": "bench/build_source_table.py",
        "table": TABLE_FILE,
        "columns": {
            "key": "normalised host (lower case, no www./m./amp. prefix), optionally followed by a /path prefix",
            "pc1": "lin2023 aggregate quality score, 0 (lowest) .. 1 (highest); empty when not rated there",
            "opensources": "OpenSources tags separated by ';' (variant spellings folded: "
            + ", ".join(f"{a!r}->{b!r}" for a, b in TAG_FIXES.items())
            + ")",
            "opensources_note": "OpenSources 'Source Notes' text, as given",
            "iffy": "1 when the site is on the Iffy.news list",
        },
        "sources": [
            {
                "name": "lin2023",
                "file": "domains/lin2023/data_domain_pc1.csv",
                "repository": "hauselin/domain-quality-ratings",
                "commit": "5671d57",
                "licence": "no licence file; the authors' README invites reuse of the data with citation of the paper",
                "citation": CITATIONS["lin2023"],
                "sha256": sha256(files["lin2023"]),
            },
            {
                "name": "opensources",
                "file": "domains/opensources/sources.csv",
                "repository": "BigMcLargeHuge/opensources",
                "commit": "77dad6d",
                "licence": "LGPL-3.0 (LICENSE file of the source repository); the derived columns opensources and opensources_note stay under it",
                "citation": CITATIONS["opensources"],
                "sha256": sha256(files["opensources"]),
            },
            {
                "name": "iffy",
                "file": "domains/iffy/iffy_list_2024-08-01.txt",
                "repository": "osome-iu/top-FIBers",
                "commit": "9e466a2",
                "licence": "MIT (Copyright (c) 2022 Matthew R. DeVerna, LICENSE of the source repository)",
                "citation": CITATIONS["iffy"],
                "sha256": sha256(files["iffy"]),
            },
        ],
        "counts": {k: stats[k] for k in sorted(stats)},
        "table_sha256": hashlib.sha256(gz.getvalue()).hexdigest(),
    }
    return gz.getvalue(), json.dumps(meta, indent=2, sort_keys=False) + "\n", stats, report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare a fresh build with the shipped files; write nothing")
    ap.add_argument("--out", type=Path, default=OUT_DIR, help=f"output folder (default {OUT_DIR})")
    args = ap.parse_args()

    data, meta, stats, report = build(shared_dir())
    for k in sorted(stats):
        print(f"{k:45s} {stats[k]:7d}")
    for line in report:
        print(line)
    table_path, meta_path = args.out / TABLE_FILE, args.out / SIDECAR_FILE
    if args.check:
        same = table_path.exists() and table_path.read_bytes() == data and meta_path.read_text(encoding="utf-8") == meta
        print("shipped table is up to date" if same else "shipped table DIFFERS from a fresh build")
        return 0 if same else 1
    args.out.mkdir(parents=True, exist_ok=True)
    table_path.write_bytes(data)
    meta_path.write_text(meta, encoding="utf-8")
    print(f"wrote {table_path} ({len(data)} bytes) and {meta_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
