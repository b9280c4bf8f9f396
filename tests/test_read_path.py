"""read_path / read_source dispatch: extensions, sniffing, directories, missing paths."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import newstrace.read as read
from newstrace.article import Article
from newstrace.read import Reason, Rejected, read_path, read_paths, read_source

FIX = Path(__file__).parent / "fixtures" / "read"
BODY = "Police said the bridge would stay closed overnight while engineers inspected it."


def test_public_api_is_pinned() -> None:
    assert read.__all__ == sorted(read.__all__)
    for name in ("read_path", "read_paths", "read_source", "read_html", "read_text", "read_warc", "read_records",
                 "fetch_url", "FieldMap", "Rejected", "Reason", "ReadItem"):
        assert name in read.__all__ and hasattr(read, name)


def test_directory_is_read_recursively_sorted_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    shutil.copy(FIX / "news_article.html", tmp_path / "b" / "page.HTML")
    shutil.copy(FIX / "windows1252.html", tmp_path / "a.htm")
    (tmp_path / "c.txt").write_text("Flood warning issued\n\nThe river is expected to peak on Friday night.\n", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    (tmp_path / ".hidden.html").write_bytes((FIX / "news_article.html").read_bytes())
    (tmp_path / ".git" / "x.txt").write_text("should never be read", encoding="utf-8")
    items = list(read_path(tmp_path))
    assert [Path(i.source.split(":line")[0]).name for i in items] == ["a.htm", "c.txt", "d.jsonl", "page.HTML"]
    assert all(isinstance(i, Article) for i in items)


def test_unknown_extensions_are_sniffed(tmp_path: Path) -> None:
    html = tmp_path / "page.dat"
    html.write_bytes((FIX / "news_article.html").read_bytes())
    text = tmp_path / "notes.log"
    text.write_text("Council meeting moved\n\nThe council meeting has moved to Thursday evening at seven.\n", encoding="utf-8")
    png = tmp_path / "photo.bin"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    jsonish = tmp_path / "data.json"
    jsonish.write_text(json.dumps([{"text": BODY}]), encoding="utf-8")
    html_item, text_item, png_item, json_item = (next(iter(read_path(p))) for p in (html, text, png, jsonish))
    assert isinstance(html_item, Article) and html_item.site == "Harbour City Chronicle"
    assert isinstance(text_item, Article) and text_item.title == "Council meeting moved"
    assert png_item == Rejected(str(png), Reason.BINARY, "PNG image")
    assert isinstance(json_item, Rejected) and json_item.reason is Reason.UNSUPPORTED and ".jsonl" in json_item.detail


def test_missing_empty_and_gzipped_single_files(tmp_path: Path) -> None:
    missing = tmp_path / "nope.html"
    assert list(read_path(missing)) == [Rejected(str(missing), Reason.NOT_FOUND, "No such file or directory")]
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert list(read_path(empty)) == [Rejected(str(empty), Reason.EMPTY_TEXT, "the file is empty")]
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress((FIX / "jsonld_article.html").read_bytes()))
    (art,) = read_path(gz)
    assert isinstance(art, Article) and art.published_source == "json-ld:datePublished"
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"x" * 3_000_000 + b"</p>"))
    (r,) = read_path(bomb, max_bytes=1_000_000)
    assert isinstance(r, Rejected) and r.reason is Reason.TOO_LARGE
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress(" ".join(f"word{i}" for i in range(5000)).encode())[:2000])
    (r,) = read_path(cut)
    assert isinstance(r, Rejected) and r.reason is Reason.TRUNCATED_GZIP
    arc = tmp_path / "old.arc.gz"
    arc.write_bytes(b"\x1f\x8b\x08")
    (r,) = read_path(arc)
    assert isinstance(r, Rejected) and r.reason is Reason.UNSUPPORTED


def test_batches_go_on_after_bad_inputs(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Bridge reopens\n\nThe bridge reopened on Monday after six weeks of repairs.\n", encoding="utf-8")
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"\x00\x01\x02binary")
    items = list(read_paths([tmp_path / "missing.txt", bad, good]))
    assert [type(i).__name__ for i in items] == ["Rejected", "Rejected", "Article"]
    assert items[0].reason is Reason.NOT_FOUND and items[1].reason is Reason.BINARY


def test_read_source_paths(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Short title\n\nA paragraph of text long enough to count as an article body.\n", encoding="utf-8")
    (a,) = read_source(str(p))
    assert isinstance(a, Article) and a.source == str(p)
    (r,) = read_source("ftp-like-name-but-a-path.txt")
    assert isinstance(r, Rejected) and r.reason is Reason.NOT_FOUND


def test_language_detection_switch(tmp_path: Path) -> None:
    rec = tmp_path / "r.jsonl"
    rec.write_text(json.dumps({"text": "Der Stadtrat hat am Donnerstag beschlossen, die Straßenbahn bis zum Südpark zu verlängern."}) + "\n", encoding="utf-8")
    txt = tmp_path / "t.txt"
    txt.write_text("Stadtrat beschließt Ausbau\n\nDer Stadtrat hat am Donnerstag mit großer Mehrheit den Ausbau beschlossen.\n", encoding="utf-8")
    by_default = {Path(a.source.split(":line")[0]).name: a.language for a in read_path(tmp_path)}
    assert by_default == {"r.jsonl": None, "t.txt": "de"}  # records skip detection unless asked
    forced = {Path(a.source.split(":line")[0]).name: a.language for a in read_path(tmp_path, detect_lang=True)}
    assert forced == {"r.jsonl": "de", "t.txt": "de"}
    off = {Path(a.source.split(":line")[0]).name: a.language for a in read_path(tmp_path, detect_lang=False)}
    assert off == {"r.jsonl": None, "t.txt": None}
