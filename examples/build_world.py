"""Build the fictional example world and its ground truth.

FICTION: every country, person, outlet, domain and event written here is invented for
newstrace's tests and demos. Nothing describes a real place, person or publication.

This script is the source of truth for examples/world/ and examples/ground_truth.json:
edit the article texts or the ground truth here, then run

    .venv/bin/python examples/build_world.py
    .venv/bin/python examples/check_ground_truth.py

`build_world.py --verify` builds into a temporary folder and compares it with the committed
files byte for byte (exit status 1 and the differing paths when they differ).

Re-running it rewrites the same bytes (no clocks, no randomness, sorted output).
Only the standard library is used, so the world can be rebuilt anywhere.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from worldsrc.articles import ARTICLES, OUTLETS  # noqa: E402
from worldsrc.pages import render_html  # noqa: E402
from worldsrc.truth import build_truth  # noqa: E402

# "../check" holds the plain-text twin of the copier's page: an input to check (as a
# fact-checker would receive it, like the seed), deliberately NOT part of the ingested world,
# where an undated identical copy would make every paragraph's order unknowable.
GENERATED_DIRS = ("html", "text", "jsonl", "../check")


def _text(p: object) -> str:
    return p[0] if isinstance(p, tuple) else p  # type: ignore[index]


def body_text(a: dict) -> str:
    return "\n\n".join(_text(p) for p in a["paras"])


def write_txt(a: dict, world: Path) -> None:
    # Plain text as it comes out of a copy-paste or a scraper: title, blank line,
    # paragraphs separated by blank lines, page furniture left at the end.
    blocks = [a["title"]] + [_text(p) for p in a["paras"]] + list(a.get("furniture", ()))
    path = world / a["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\n\n".join(blocks) + "\n").encode("utf-8"))


def write_jsonl(records_by_file: dict[str, list[dict]], world: Path) -> None:
    for rel, records in sorted(records_by_file.items()):
        lines = []
        for a in records:
            rec = {
                "id": a["record_id"],
                "url": a["url"],
                "title": a["title"],
                "text": body_text(a),
                "date": a["published"],
                "source": OUTLETS[a["outlet"]]["name"],
                "authors": list(a["authors"]),
            }
            lines.append(json.dumps(rec, ensure_ascii=False))
        path = world / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def write_html(a: dict, world: Path) -> None:
    outlet = OUTLETS[a["outlet"]]
    page = render_html(a, outlet, ARTICLES)
    encoding = outlet.get("encoding", "utf-8")
    path = world / a["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    # strict: a character the declared charset cannot hold is a bug in the world, not
    # something to paper over with a replacement character.
    path.write_bytes(page.encode(encoding, errors="strict"))


def check_lengths() -> None:
    for a in ARTICLES:
        words = len(body_text(a).split())
        if not 150 <= words <= 700:
            raise SystemExit(f"{a['id']}: {words} words, outside 150-700")
        datetime.fromisoformat(a["world_date"])


def build(root: Path) -> None:
    """Write world/{html,text,jsonl} and ground_truth.json under `root`."""
    check_lengths()
    world = root / "world"
    for sub in GENERATED_DIRS:
        shutil.rmtree(world / sub, ignore_errors=True)
    jsonl: dict[str, list[dict]] = {}
    for a in ARTICLES:
        if a["format"] == "html":
            write_html(a, world)
        elif a["format"] == "txt":
            write_txt(a, world)
        else:
            jsonl.setdefault(a["path"], []).append(a)
    write_jsonl(jsonl, world)
    truth = build_truth(ARTICLES, OUTLETS, body_text)
    (root / "ground_truth.json").write_bytes(
        (json.dumps(truth, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    )


def generated_files(root: Path) -> dict[str, bytes]:
    files = {"ground_truth.json": (root / "ground_truth.json").read_bytes()}
    for sub in GENERATED_DIRS:
        for p in sorted((root / "world" / sub).rglob("*")):
            if p.is_file():
                files[p.relative_to(root).as_posix()] = p.read_bytes()
    return files


def verify() -> list[str]:
    """Paths whose committed bytes differ from a fresh build (empty when in sync)."""
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp))
        fresh = generated_files(Path(tmp))
    committed = generated_files(HERE)
    return sorted(p for p in fresh.keys() | committed.keys() if fresh.get(p) != committed.get(p))


def main(argv: list[str]) -> int:
    if argv[1:] == ["--verify"]:
        diff = verify()
        for p in diff:
            print(f"differs from a fresh build: {p}")
        print("world is in sync with worldsrc/" if not diff else f"{len(diff)} files out of sync")
        return 1 if diff else 0
    if argv[1:]:
        print("usage: build_world.py [--verify]")
        return 2
    build(HERE)
    print(f"wrote {len(ARTICLES)} articles and ground_truth.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
