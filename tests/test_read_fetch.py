"""Safe URL fetching against a local server on 127.0.0.1. Nothing here touches the internet:
refusals are decided before any connection, and names resolve through injected resolvers."""

from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from newstrace.article import Article
from newstrace.read import Reason, Rejected, fetch_url, read_source
from newstrace.read.fetch import address_problem

FIX = Path(__file__).parent / "fixtures" / "read"
NEWS = (FIX / "news_article.html").read_bytes()
BLOG = (FIX / "blog_comment_form.html").read_bytes()
TEXT = "Harbour to be dredged\n\nThe port authority approved the dredging plan on Tuesday by six votes to three.\n"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", headers: dict | None = None, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:  # noqa: C901 - a routing table
        path = self.path
        if path == "/article":
            self._send(200, NEWS)
        elif path == "/host":
            host = self.headers.get("Host", "")
            page = f"<html><body><p>This page was asked for with the Host header {host} and it says so in a sentence.</p></body></html>"
            self._send(200, page.encode())
        elif path == "/gz":
            self._send(200, gzip.compress(BLOG), headers={"Content-Encoding": "gzip"})
        elif path == "/text":
            self._send(200, TEXT.encode(), "text/plain; charset=utf-8")
        elif path == "/redirect":
            self._send(302, b"", headers={"Location": "/article"})
        elif path == "/redirect-abs":
            port = self.server.server_address[1]
            self._send(301, b"", headers={"Location": f"http://127.0.0.1:{port}/redirect"})
        elif path == "/loop":
            self._send(302, b"", headers={"Location": "/loop"})
        elif path == "/to-private":
            self._send(302, b"", headers={"Location": "http://10.1.2.3/admin"})
        elif path == "/to-other-loopback":
            port = self.server.server_address[1]
            self._send(307, b"", headers={"Location": f"http://127.0.0.2:{port}/article"})
        elif path == "/to-file":
            self._send(302, b"", headers={"Location": "file:///etc/passwd"})
        elif path == "/big":
            self._send(200, b"<html><body>" + b"<p>words words words</p>" * 20000 + b"</body></html>", length=False)
        elif path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "999999999")
            self.end_headers()
        elif path == "/bomb":
            self._send(200, gzip.compress(b"<html><body><p>" + b"a" * 5_000_000 + b"</p></body></html>"), headers={"Content-Encoding": "gzip"})
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, NEWS)
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
        else:
            self._send(404, b"<html><body><p>Not found</p></body></html>")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address) -> None:  # a client that gave up is fine
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    srv = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


def test_fetches_an_article_when_private_addresses_are_allowed(server: str) -> None:
    art = fetch_url(f"{server}/article", allow_private=True)
    assert isinstance(art, Article)
    assert art.title == "Port authority approves dredging plan despite fishermen's objections"
    assert art.source == f"{server}/article"
    assert art.published_source == "meta:article:published_time"


def test_loopback_is_refused_by_default(server: str) -> None:
    r = fetch_url(f"{server}/article")
    assert isinstance(r, Rejected) and r.reason is Reason.FETCH_REFUSED
    assert "loopback address 127.0.0.1" in r.detail


def test_redirects_are_followed_and_each_hop_rechecked(server: str) -> None:
    art = fetch_url(f"{server}/redirect-abs", allow_private=True)
    assert isinstance(art, Article) and art.extra["fetched_from"] == f"{server}/article"
    # allowing just 127.0.0.1 lets the first hop through; the redirect to 127.0.0.2 is refused
    r = fetch_url(f"{server}/to-other-loopback", allowed_networks=["127.0.0.1/32"])
    assert isinstance(r, Rejected) and r.reason is Reason.FETCH_REFUSED and "127.0.0.2" in r.detail
    r = fetch_url(f"{server}/to-private", allowed_networks=["127.0.0.1/32"])
    assert isinstance(r, Rejected) and r.reason is Reason.FETCH_REFUSED and "private address 10.1.2.3" in r.detail
    r = fetch_url(f"{server}/to-file", allow_private=True)
    assert isinstance(r, Rejected) and r.reason is Reason.FETCH_REFUSED and "'file'" in r.detail
    r = fetch_url(f"{server}/loop", allow_private=True, max_redirects=3)
    assert isinstance(r, Rejected) and r.reason is Reason.FETCH_REFUSED and "more than 3 redirects" in r.detail


def test_connects_to_the_checked_address_and_sends_the_host_name(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"]

    art = fetch_url(f"http://news.invalid:{port}/host", allowed_networks=["127.0.0.1/32"], resolve=resolver)
    assert isinstance(art, Article), art
    assert f"Host header news.invalid:{port}" in art.text
    assert calls == ["news.invalid"]  # resolved once, and that answer was used to connect


def test_names_resolving_to_internal_addresses_are_refused_before_connecting() -> None:
    def resolver(answers: list[str]):
        return lambda host, port: answers

    for answers, needle in (
        (["10.0.0.5"], "private address 10.0.0.5"),
        (["93.184.216.34", "192.168.1.1"], "private address 192.168.1.1"),  # one bad answer is enough
        (["169.254.169.254"], "link-local"),
        (["fd00::1"], "private address fd00::1"),
        (["::ffff:127.0.0.1"], "embedded in ::ffff:7f00:1"),
    ):
        r = fetch_url("http://rebind.invalid/", resolve=resolver(answers), timeout=1)
        assert isinstance(r, Rejected) and r.reason is Reason.FETCH_REFUSED, (answers, r)
        assert needle in r.detail, (answers, r.detail)


@pytest.mark.parametrize(
    "url,needle",
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://10.20.30.40/", "private"),
        ("http://172.16.0.1/", "private"),
        ("http://192.168.0.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://[fe80::1]/", "link-local"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://100.64.0.1/", "non-public"),
        ("http://240.0.0.1/", "reserved"),
        ("file:///etc/passwd", "scheme 'file'"),
        ("ftp://example.com/file", "scheme 'ftp'"),
        ("gopher://example.com/", "scheme 'gopher'"),
        ("http://user:secret@example.com/", "credentials"),
        ("http:///nohost", "no host"),
    ],
)
def test_refusals(url: str, needle: str) -> None:
    def no_dns(host: str, port: int) -> list[str]:
        raise AssertionError("no name should need resolving here")

    r = fetch_url(url, resolve=no_dns)
    assert isinstance(r, Rejected) and r.reason is Reason.FETCH_REFUSED, r
    assert needle in r.detail
    assert r.source == url


def test_address_problem_accepts_public_addresses() -> None:
    import ipaddress

    assert address_problem(ipaddress.ip_address("93.184.216.34")) is None
    assert address_problem(ipaddress.ip_address("2606:2800:220:1:248:1893:25c8:1946")) is None
    assert address_problem(ipaddress.ip_address("2002:0a00:0001::1")) is not None  # 6to4 around 10.0.0.1


def test_size_caps(server: str) -> None:
    r = fetch_url(f"{server}/big", allow_private=True, max_bytes=100_000)
    assert isinstance(r, Rejected) and r.reason is Reason.TOO_LARGE
    r = fetch_url(f"{server}/big-declared", allow_private=True, max_bytes=100_000)
    assert isinstance(r, Rejected) and r.reason is Reason.TOO_LARGE and "Content-Length" in r.detail
    r = fetch_url(f"{server}/bomb", allow_private=True, max_bytes=1_000_000)
    assert isinstance(r, Rejected) and r.reason is Reason.TOO_LARGE and "decompressed" in r.detail


def test_gzip_text_and_non_article_responses(server: str) -> None:
    blog = fetch_url(f"{server}/gz", allow_private=True)
    assert isinstance(blog, Article) and blog.title == "What the new bus timetable means for night workers"
    text = fetch_url(f"{server}/text", allow_private=True)
    assert isinstance(text, Article) and text.title == "Harbour to be dredged"
    img = fetch_url(f"{server}/image", allow_private=True)
    assert isinstance(img, Rejected) and img.reason is Reason.UNSUPPORTED and "image/png" in img.detail
    missing = fetch_url(f"{server}/nope", allow_private=True)
    assert isinstance(missing, Rejected) and missing.reason is Reason.FETCH_FAILED and "HTTP 404" in missing.detail


def test_timeout(server: str) -> None:
    r = fetch_url(f"{server}/slow", allow_private=True, timeout=0.3)
    assert isinstance(r, Rejected) and r.reason is Reason.FETCH_FAILED and "timed out" in r.detail


def test_connection_refused_is_a_failure_not_a_crash() -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    r = fetch_url(f"http://127.0.0.1:{port}/", allow_private=True, timeout=2)
    assert isinstance(r, Rejected) and r.reason is Reason.FETCH_FAILED


def test_read_source_treats_urls_as_urls(server: str) -> None:
    (r,) = read_source(f"{server}/article")
    assert isinstance(r, Rejected) and r.reason is Reason.FETCH_REFUSED
    (a,) = read_source(f"{server}/article", allow_private=True)
    assert isinstance(a, Article)
