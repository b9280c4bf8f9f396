"""WARC reader on WARC files written byte by byte in the tests: good, truncated and corrupt."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest

from newstrace.article import Article
from newstrace.read import Reason, Rejected, read_path, read_warc

FIX = Path(__file__).parent / "fixtures" / "read"
WARC_DATE = "2021-07-01T12:00:00Z"


class WarcFile:
    """Writes WARC 1.0 records by hand (one gzip member per record when gz), so the
    tests control every byte and depend on no WARC writer."""

    def __init__(self, f, *, gz: bool) -> None:
        self.f = f
        self.gz = gz
        self.n = 0

    def record(self, rtype: str, url: str | None, block: bytes, content_type: str, extra: dict | None = None) -> None:
        self.n += 1
        headers = {
            "WARC-Type": rtype,
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{self.n:012d}>",
            "WARC-Date": WARC_DATE,
            **({"WARC-Target-URI": url} if url else {}),
            "Content-Type": content_type,
            **(extra or {}),
            "Content-Length": str(len(block)),
        }
        head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        data = head.encode("utf-8") + block + b"\r\n\r\n"
        self.f.write(gzip.compress(data) if self.gz else data)


def _response(w: WarcFile, url: str, body: bytes, headers: list[tuple[str, str]], status: str = "200 OK") -> None:
    http = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers + [("Content-Length", str(len(body)))]) + "\r\n"
    w.record("response", url, http.encode("latin-1") + body, "application/http; msgtype=response")


def _chunked(data: bytes, size: int = 700) -> bytes:
    out = b""
    for i in range(0, len(data), size):
        part = data[i : i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def write_crawl(path: Path, *, gz: bool) -> None:
    """A small crawl: pages, furniture records and a few responses that are not articles."""
    news = (FIX / "news_article.html").read_bytes()
    blog = (FIX / "blog_comment_form.html").read_bytes()
    undated = (FIX / "no_byline_no_date.html").read_bytes()
    jsonld = (FIX / "jsonld_article.html").read_bytes()
    ru = (FIX / "russian_cp1251.html").read_bytes()
    with open(path, "wb") as f:
        w = WarcFile(f, gz=gz)
        w.record("warcinfo", None, b"software: newstrace-tests\r\n", "application/warc-fields")
        w.record("request", "https://news.example.com/news", b"GET /news HTTP/1.1\r\nHost: news.example.com\r\n\r\n",
                 "application/http; msgtype=request")
        _response(w, "https://www.harbourcitychronicle.co.uk/news/2024/03/12/port-dredging-plan-approved", news,
                  [("Content-Type", "text/html; charset=utf-8")])
        _response(w, "https://news.example.com/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, [("Content-Type", "image/png")])
        _response(w, "https://news.example.com/old", b"", [("Location", "https://news.example.com/new")], "301 Moved Permanently")
        _response(w, "https://news.example.com/missing", b"<html><body><p>Page not found</p></body></html>",
                  [("Content-Type", "text/html")], "404 Not Found")
        _response(w, "https://riversidenotes.blog/what-the-new-bus-timetable-means-for-night-workers/",
                  _chunked(gzip.compress(blog)),
                  [("Content-Type", "text/html; charset=UTF-8"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")])
        _response(w, "https://canal.example.org/towpath", undated, [("Content-Type", "text/html")])
        # the charset only in the HTTP header: the page's own <meta> says windows-1251 too
        _response(w, "https://vesti.example.ru/most", ru, [("Content-Type", "text/html; charset=windows-1251")])
        w.record("resource", "https://coastlinepost.com/environment/water-fine-sewage-spills", jsonld, "text/html")


def _kinds(items) -> list[str]:
    return [type(i).__name__ if isinstance(i, Article) else f"Rejected:{i.reason.value}" for i in items]


@pytest.mark.parametrize("gz", [True, False])
def test_crawl_gives_articles_and_rejects_error_pages(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_crawl(path, gz=gz)
    items = list(read_warc(path))
    assert _kinds(items) == ["Article", "Rejected:fetch_failed", "Article", "Article", "Article", "Article"]
    news, missing, blog, undated, ru, jsonld = items
    assert news.url == "https://www.harbourcitychronicle.co.uk/news/2024/03/12/port-dredging-plan-approved"
    assert news.published_source == "meta:article:published_time"
    assert news.source.startswith(f"{path}@offset ")
    assert "404" in missing.detail and missing.source.startswith(f"{path}@offset ")
    assert blog.title == "What the new bus timetable means for night workers"  # de-chunked and gunzipped
    assert "Leave a Reply" not in blog.text
    # no date on the page: the capture date, labelled as such
    assert (undated.published, undated.published_source) == ("2021-07-01T12:00:00+00:00", "warc-date")
    assert undated.url == "https://canal.example.org/towpath" and undated.domain == "example.org"
    assert ru.extra["encoding"] == "cp1251" and ru.language == "ru"
    assert jsonld.published_source == "json-ld:datePublished"
    assert jsonld.url == "https://coastlinepost.com/environment/water-fine-sewage-spills"
    offsets = [int(i.source.rsplit(" ", 1)[1]) for i in items]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)


def test_gzip_offsets_are_member_offsets(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_crawl(path, gz=True)
    data = path.read_bytes()
    for item in read_warc(path):
        offset = int(item.source.rsplit(" ", 1)[1])
        # each offset is where a gzip member starts, and that member holds a WARC record
        assert data[offset : offset + 3] == b"\x1f\x8b\x08"
        member = zlib.decompressobj(31).decompress(data[offset:], 8)
        assert member == b"WARC/1.0"


def test_truncated_gzip_keeps_every_complete_record(tmp_path: Path) -> None:
    full = tmp_path / "crawl.warc.gz"
    write_crawl(full, gz=True)
    complete = list(read_warc(full))
    data = full.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    # cut inside the member of the 5th record (the Russian page)
    ru_offset = int(complete[4].source.rsplit(" ", 1)[1])
    cut.write_bytes(data[: ru_offset + 300])
    items = list(read_warc(cut))
    assert _kinds(items) == ["Article", "Rejected:fetch_failed", "Article", "Article", "Rejected:truncated_gzip"]
    assert [i.source.replace(str(cut), "") for i in items[:4]] == [i.source.replace(str(full), "") for i in complete[:4]]
    assert items[-1].source == f"{cut}@offset {ru_offset}"
    assert "every complete record before it was read" in items[-1].detail


def test_gzip_cut_inside_the_trailer_is_still_reported(tmp_path: Path) -> None:
    full = tmp_path / "crawl.warc.gz"
    write_crawl(full, gz=True)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(full.read_bytes()[:-4])  # the last member loses part of its CRC trailer
    items = list(read_warc(cut))
    assert _kinds(items)[:-1] == ["Article", "Rejected:fetch_failed", "Article", "Article", "Article", "Article"]
    assert items[-1].reason is Reason.TRUNCATED_GZIP


def test_truncated_plain_warc_record(tmp_path: Path) -> None:
    full = tmp_path / "crawl.warc"
    write_crawl(full, gz=False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(full.read_bytes()[:-500])
    items = list(read_warc(cut))
    assert _kinds(items) == ["Article", "Rejected:fetch_failed", "Article", "Article", "Article", "Rejected:bad_warc_record"]
    assert "record truncated" in items[-1].detail


def test_corrupt_record_is_reported_and_reading_resumes(tmp_path: Path) -> None:
    full = tmp_path / "crawl.warc"
    write_crawl(full, gz=False)
    data = full.read_bytes()
    good = list(read_warc(full))
    blog_at = int(good[2].source.rsplit(" ", 1)[1])
    assert data[blog_at : blog_at + 8] == b"WARC/1.0"
    broken = tmp_path / "broken.warc"
    broken.write_bytes(data[:blog_at] + b"GARBAGE!" + data[blog_at + 8 :])
    items = list(read_warc(broken))
    assert _kinds(items) == ["Article", "Rejected:fetch_failed", "Rejected:bad_warc_record", "Article", "Article", "Article"]
    assert items[2].source == f"{broken}@offset {blog_at}"


def test_corrupt_gzip_member_is_skipped(tmp_path: Path) -> None:
    full = tmp_path / "crawl.warc.gz"
    write_crawl(full, gz=True)
    data = full.read_bytes()
    good = list(read_warc(full))
    blog_at = int(good[2].source.rsplit(" ", 1)[1])
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(data[: blog_at + 30] + b"\x00" * 40 + data[blog_at + 70 :])
    items = list(read_warc(broken))
    assert _kinds(items) == ["Article", "Rejected:fetch_failed", "Rejected:bad_warc_record", "Article", "Article", "Article"]
    assert items[2].source == f"{broken}@offset {blog_at}"
    assert items[3].url == good[3].url


def test_damaged_record_type_is_reported_not_skipped(tmp_path: Path) -> None:
    full = tmp_path / "crawl.warc"
    write_crawl(full, gz=False)
    data = full.read_bytes()
    good = list(read_warc(full))
    blog_at = int(good[2].source.rsplit(" ", 1)[1])
    i = data.index(b"WARC-Type: response", blog_at)
    broken = tmp_path / "broken.warc"
    broken.write_bytes(data[:i] + b"WARC-Tpye: response" + data[i + 19 :])
    items = list(read_warc(broken))
    assert _kinds(items) == ["Article", "Rejected:fetch_failed", "Rejected:bad_warc_record", "Article", "Article", "Article"]
    assert "WARC-Type" in items[2].detail


def test_not_a_warc_and_missing_file(tmp_path: Path) -> None:
    fake = tmp_path / "fake.warc"
    fake.write_bytes(b"this is not a WARC file at all\n" * 10)
    items = list(read_warc(fake))
    assert _kinds(items) == ["Rejected:bad_warc_record"] and items[0].source == f"{fake}@offset 0"
    missing = list(read_warc(tmp_path / "nope.warc.gz"))
    assert _kinds(missing) == ["Rejected:not_found"]


def test_read_path_dispatches_warc_gz(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_crawl(path, gz=True)
    assert len([i for i in read_path(path) if isinstance(i, Article)]) == 5


def test_oversized_html_record_is_refused_without_loading(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    body = b"<html><body>" + b"<p>Long page text that goes on and on.</p>" * 5000 + b"</body></html>"
    with open(path, "wb") as f:
        w = WarcFile(f, gz=False)
        _response(w, "https://big.example.com/", body, [("Content-Type", "text/html")])
        _response(w, "https://big.example.com/video.mp4", b"\x00" * len(body), [("Content-Type", "video/mp4")])
        _response(w, "https://canal.example.org/towpath", (FIX / "no_byline_no_date.html").read_bytes(), [("Content-Type", "text/html")])
    items = list(read_warc(path, max_bytes=50_000))
    assert _kinds(items) == ["Rejected:too_large", "Article"]
    assert isinstance(items[0], Rejected) and "over the cap of 50000" in items[0].detail
