"""The service over real HTTP (uvicorn on loopback): a long check does not hold up other
requests, oversized streamed bodies are cut off, and the service keeps serving."""

from __future__ import annotations

import http.server
import threading
from typing import Any

import pytest

from .conftest import WORLD, RunningServer

httpx = pytest.importorskip("httpx", reason="httpx is needed to talk to the test server")

ARTICLE_HTML = (WORLD / "html" / "arlenburgpost" / "concord-navies-begin-sea-lantern-exercise-a91802.html").read_bytes()


class SlowSite:
    """A local web page that answers only when the test says so."""

    def __init__(self) -> None:
        self.asked = threading.Event()
        self.release = threading.Event()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                site.asked.set()
                site.release.wait(timeout=30)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(ARTICLE_HTML)))
                self.end_headers()
                self.wfile.write(ARTICLE_HTML)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/story.html"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SlowSite":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def test_a_long_check_does_not_block_other_requests(world_archive):
    from newstrace.web import create_app

    app = create_app(world_archive, allow_private_fetch=True)  # the slow site is on loopback
    with SlowSite() as site, RunningServer(app) as srv, httpx.Client(base_url=srv.url, timeout=30) as client:
        outcome: dict[str, Any] = {}

        def slow_check() -> None:
            outcome["resp"] = httpx.post(srv.url + "/api/check", json={"url": site.url}, timeout=40)

        t = threading.Thread(target=slow_check)
        t.start()
        assert site.asked.wait(timeout=20), "the check never fetched the page"
        # The check is now waiting on the slow site. Everything else must still answer.
        assert client.get("/api/search", params={"q": "Velmark"}).status_code == 200
        assert client.get("/").status_code == 200
        quick = client.post("/api/check", json={"text": (WORLD.parent / "check" / "copier_article.txt").read_text(encoding="utf-8")})
        assert quick.status_code == 201
        assert t.is_alive() and "resp" not in outcome  # the slow one really was still running
        site.release.set()
        t.join(timeout=30)
        assert outcome["resp"].status_code == 201, outcome["resp"].text
        assert "Sea Lantern" in outcome["resp"].json()["report"]["article"]["title"]


def test_streamed_oversized_body_is_cut_off_over_http(world_archive):
    from newstrace.web import create_app

    with RunningServer(create_app(world_archive, max_upload_bytes=64 * 1024)) as srv:
        def body():
            yield b'{"text": "'
            for _ in range(64):  # 64 x 4 KiB = 256 KiB against a 64 KiB cap
                yield b"a" * 4096
            yield b'"}'

        try:
            r = httpx.post(srv.url + "/api/check", content=body(), headers={"content-type": "application/json"}, timeout=30)
        except httpx.HTTPError:
            r = None  # the server may close the connection before the client finished sending
        if r is not None:
            assert r.status_code == 413
            assert r.json()["error"]["code"] == "payload_too_large"
        big = httpx.post(srv.url + "/api/check", content=b"x" * (200 * 1024), headers={"content-type": "application/json"}, timeout=30)
        assert big.status_code == 413 and big.json()["error"]["code"] == "payload_too_large"
        assert httpx.get(srv.url + "/api/stats", timeout=30).status_code == 200
