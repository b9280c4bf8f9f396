"""JSON Lines / CSV / TSV exports through a field mapping; broken lines name file and line."""

from __future__ import annotations

import csv
import gzip
import json
import os
from pathlib import Path

import pytest

from newstrace.article import Article
from newstrace.read import FieldMap, Reason, Rejected, read_path, read_records

SHARED = Path(os.environ.get("NEWSTRACE_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
FNC_BODIES = SHARED / "data" / "fnc1" / "train_bodies.csv"

BODY_1 = (
    "The regional parliament voted on Thursday to close the coal plant by 2030.\n\n"
    "Environmental groups welcomed the decision. Unions said 800 jobs were at risk."
)
BODY_2 = "Police said the bridge would stay closed overnight while engineers inspected it."


def _write_jsonl(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_field_map_parse() -> None:
    fm = FieldMap.parse("text=body, date=published_at,id=Body ID")
    assert (fm.text, fm.date, fm.id, fm.url) == ("body", "published_at", "Body ID", "url")
    assert FieldMap.parse({"title": "headline"}).title == "headline"
    assert FieldMap.parse(None) == FieldMap()
    with pytest.raises(ValueError, match="unknown field.*bodyy"):
        FieldMap.parse("bodyy=text")
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        FieldMap.parse("text")


def test_jsonl_good_records_survive_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    _write_jsonl(
        path,
        [
            json.dumps({"id": "a1", "url": "https://www.example.co.uk/a", "title": "Coal plant to close",
                        "text": BODY_1, "date": "2023-03-02T10:00:00Z", "source": "Example News",
                        "authors": ["Ann Lee", {"name": "Bo Chen"}]}),
            '{"id": "a2", "text": "unterminated',
            "",
            "[1, 2, 3]",
            json.dumps({"id": "a3", "title": "no text here"}),
            json.dumps({"id": "a4", "text": "   "}),
            json.dumps({"id": "a5", "text": BODY_2, "date": "yesterday-ish", "authors": "Kim Park; Li Wei"}),
        ],
    )
    items = list(read_records(path))
    assert [type(i).__name__ for i in items] == ["Article", "Rejected", "Rejected", "Rejected", "Rejected", "Article"]
    a1, bad_json, array, no_text, blank, a5 = items
    assert isinstance(a1, Article)
    assert a1.title == "Coal plant to close" and a1.site == "Example News" and a1.domain == "example.co.uk"
    assert (a1.published, a1.published_source) == ("2023-03-02T10:00:00+00:00", "record:date")
    assert a1.authors == ("Ann Lee", "Bo Chen")
    assert a1.extra["record_id"] == "a1"
    assert a1.source == f"{path}:line 1"
    assert len(a1.paragraphs) == 2 and len(a1.sentences) == 3
    assert bad_json.source == f"{path}:line 2" and bad_json.reason is Reason.BAD_JSON
    assert "column" in bad_json.detail
    assert array == Rejected(f"{path}:line 4", Reason.BAD_JSON, "a JSON list, not an object")
    assert no_text == Rejected(f"{path}:line 5", Reason.MISSING_FIELD, "record has no field 'text'")
    assert blank.reason is Reason.EMPTY_TEXT and blank.source == f"{path}:line 6"
    assert isinstance(a5, Article)
    assert a5.published is None and a5.extra["date_raw"] == "yesterday-ish"
    assert a5.authors == ("Kim Park", "Li Wei")


def test_field_mapping_and_nested_fields(tmp_path: Path) -> None:
    path = tmp_path / "export.ndjson"
    _write_jsonl(path, [json.dumps({"body": BODY_2, "meta": {"published_at": "2022-01-05", "lang": "en"}, "link": "https://x.example.org/p"})])
    (art,) = read_records(path, field_map="text=body,date=meta.published_at,language=meta.lang,url=link")
    assert isinstance(art, Article)
    assert art.text == BODY_2 and art.published == "2022-01-05" and art.language == "en" and art.url == "https://x.example.org/p"
    (missing,) = read_records(path)
    assert missing == Rejected(f"{path}:line 1", Reason.MISSING_FIELD, "record has no field 'text'")


def test_footer_in_record_text_is_removed_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    text = BODY_1 + "\n\n© 2023 Example News. All rights reserved.\n\nLeave a Reply"
    _write_jsonl(path, [json.dumps({"text": text})])
    (art,) = read_records(path)
    assert isinstance(art, Article)
    assert art.text == BODY_1
    assert [b.kind for b in art.boilerplate] == ["copyright", "comment_form"]
    (raw,) = read_records(path, strip_boilerplate=False)
    assert isinstance(raw, Article) and raw.text.endswith("Leave a Reply")


def test_language_detection_is_opt_in_for_records(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    _write_jsonl(path, [json.dumps({"text": "Der Stadtrat hat am Donnerstag mit großer Mehrheit beschlossen, die Straßenbahn zu verlängern."})])
    (plain,) = read_records(path)
    assert isinstance(plain, Article) and plain.language is None
    (detected,) = read_records(path, detect_lang=True)
    assert isinstance(detected, Article) and detected.language == "de"
    assert detected.extra["language_source"] == "detected"


def test_jsonl_gz_and_truncated_gz(tmp_path: Path) -> None:
    lines = [json.dumps({"id": i, "text": f"{BODY_2} Record number {i}."}) for i in range(200)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    good = tmp_path / "export.jsonl.gz"
    good.write_bytes(gzip.compress(data))
    assert sum(isinstance(i, Article) for i in read_records(good)) == 200

    cut = tmp_path / "cut.jsonl.gz"
    blob = gzip.compress(data)
    cut.write_bytes(blob[: len(blob) // 2])
    items = list(read_records(cut))
    articles = [i for i in items if isinstance(i, Article)]
    assert 0 < len(articles) < 200
    assert [a.extra["record_id"] for a in articles] == list(range(len(articles)))
    last = items[-1]
    assert isinstance(last, Rejected) and last.reason is Reason.TRUNCATED_GZIP and last.source == str(cut)
    assert "ends early" in last.detail


def test_invalid_utf8_line_is_rejected_alone(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_bytes(
        json.dumps({"text": BODY_2}).encode() + b"\n" + b'{"text": "caf\xe9 au lait"}\n' + json.dumps({"text": BODY_1}).encode() + b"\n"
    )
    items = list(read_records(path))
    assert [type(i).__name__ for i in items] == ["Article", "Rejected", "Article"]
    assert items[1].source == f"{path}:line 2" and items[1].reason is Reason.UNDECODABLE


def test_csv_with_multiline_and_large_fields(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    big = ("A long paragraph about the budget that repeats itself. " * 40 + "\n\n") * 80  # ~180 KB > csv's 128 KiB default
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "headline", "body", "published_at"])
        w.writerow(["1", "Coal plant to close", BODY_1, "2023-03-02"])
        w.writerow(["2", "Budget", big, "2023-03-03"])
        w.writerow(["3", "Short row"])
        w.writerow(["4", "Bridge", BODY_2, ""])
    items = list(read_records(path, field_map="title=headline,text=body,date=published_at"))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Rejected", "Article"]
    assert items[0].source == f"{path}:line 2" and items[0].title == "Coal plant to close"
    assert items[0].published == "2023-03-02" and len(items[0].paragraphs) == 2
    assert len(items[1].text) > 131072
    # BODY_1 spans lines 2-4 and the big field (160 newlines) lines 5-165: rows are named by their first line
    assert items[1].source == f"{path}:line 5"
    assert items[2] == Rejected(f"{path}:line 166", Reason.BAD_CSV, "row has 2 fields, the header has 4")
    assert items[3].source == f"{path}:line 167" and items[3].published is None


def test_csv_missing_text_column_is_one_clear_rejection(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id,headline,content\n1,A,Some words here.\n2,B,More words.\n", encoding="utf-8")
    items = list(read_records(path))
    assert len(items) == 1
    r = items[0]
    assert r.source == str(path) and r.reason is Reason.MISSING_FIELD
    assert "no column 'text'" in r.detail and "id, headline, content" in r.detail and "text=content" in r.detail


def test_tsv_and_semicolon_csv(tmp_path: Path) -> None:
    tsv = tmp_path / "export.tsv.gz"
    tsv.write_bytes(gzip.compress(f"id\ttext\n1\t{BODY_2}\n".encode()))
    (a,) = read_records(tsv)
    assert isinstance(a, Article) and a.text == BODY_2
    semi = tmp_path / "export.csv"
    semi.write_text(f"id;text;date\n7;{BODY_2};2021-09-09\n", encoding="utf-8")
    (b,) = read_records(semi)
    assert isinstance(b, Article) and b.published == "2021-09-09"


def test_empty_files(tmp_path: Path) -> None:
    for name in ("empty.jsonl", "empty.csv"):
        path = tmp_path / name
        path.write_bytes(b"")
        assert list(read_records(path)) == [Rejected(str(path), Reason.EMPTY_TEXT, "the file is empty" if name.endswith("csv") else "the file has no records")]


def test_read_path_dispatches_records(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    _write_jsonl(path, [json.dumps({"body": BODY_2})])
    (art,) = read_path(path, field_map="text=body")
    assert isinstance(art, Article)


@pytest.mark.skipif(not FNC_BODIES.exists(), reason=f"shared data not found at {SHARED} (set NEWSTRACE_SHARED)")
def test_real_export_fnc1_bodies() -> None:
    items = list(read_records(FNC_BODIES, field_map="id=Body ID,text=articleBody"))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(items) == len(articles) == 1683
    assert articles[0].extra["record_id"] == "0"
    assert articles[0].text.startswith("A small meteorite crashed into a wooded area in Nicaragua")
    # wire-service footers in the bodies are found and reported
    ap = [b for a in articles for b in a.boilerplate if "Associated Press" in b.text and b.kind == "copyright"]
    assert len(ap) >= 3
