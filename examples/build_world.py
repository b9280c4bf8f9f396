"""Build the fictional example world and its ground truth.

FICTION: every country, person, outlet, domain and event written here is invented for
newstrace's tests and demos. Nothing describes a real place, person or publication.

This script is the source of truth for examples/world/ and examples/ground_truth.json:
edit the article texts or the ground truth here, then run

    .venv/bin/python examples/build_world.py
    .venv/bin/python examples/check_ground_truth.py

Re-running it rewrites the same bytes (no clocks, no randomness, sorted output).
Only the standard library is used, so the world can be rebuilt anywhere.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from worldsrc.articles import ARTICLES, OUTLETS  # noqa: E402
from worldsrc.pages import render_html  # noqa: E402
from worldsrc.truth import build_truth  # noqa: E402

WORLD = HERE / "world"
GENERATED_DIRS = ("html", "text", "jsonl")


def _text(p: object) -> str:
    return p[0] if isinstance(p, tuple) else p  # type: ignore[index]


def body_text(a: dict) -> str:
    return "\n\n".join(_text(p) for p in a["paras"])


def write_txt(a: dict) -> None:
    # Plain text as it comes out of a copy-paste or a scraper: title, blank line,
    # paragraphs separated by blank lines, page furniture left at the end.
    blocks = [a["title"]] + [_text(p) for p in a["paras"]] + list(a.get("furniture", ()))
    path = WORLD / a["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\n\n".join(blocks) + "\n").encode("utf-8"))


def write_jsonl(records_by_file: dict[str, list[dict]]) -> None:
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
        path = WORLD / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def write_html(a: dict) -> None:
    outlet = OUTLETS[a["outlet"]]
    page = render_html(a, outlet, ARTICLES)
    encoding = outlet.get("encoding", "utf-8")
    path = WORLD / a["path"]
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


def main() -> None:
    check_lengths()
    for sub in GENERATED_DIRS:
        shutil.rmtree(WORLD / sub, ignore_errors=True)
    jsonl: dict[str, list[dict]] = {}
    for a in ARTICLES:
        if a["format"] == "html":
            write_html(a)
        elif a["format"] == "txt":
            write_txt(a)
        else:
            jsonl.setdefault(a["path"], []).append(a)
    write_jsonl(jsonl)
    truth = build_truth(ARTICLES, OUTLETS, body_text)
    (HERE / "ground_truth.json").write_bytes(
        (json.dumps(truth, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    )
    print(f"wrote {len(ARTICLES)} articles and ground_truth.json")


if __name__ == "__main__":
    main()
