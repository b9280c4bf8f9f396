"""End-to-end fixtures: a real uvicorn server on a free loopback port, and Debian's Chromium
driven by Playwright (never `playwright install`: that would download a browser).

Screenshots go to a temporary folder, or to $NEWSTRACE_E2E_SCREENSHOTS when set.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'newstrace[web]'")
pytest.importorskip("uvicorn", reason="the web extra is not installed: pip install 'newstrace[web]'")

REPO = Path(__file__).resolve().parents[2]
WORLD = REPO / "examples" / "world"
CHROMIUM = Path(os.environ.get("NEWSTRACE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]

# An article carrying XSS payloads in every field a page shows. Each payload would set
# window.__xss or open a dialog if it ever ran.
XSS_TITLE = 'Report <script>window.__xss=1</script> "><svg onload="window.__xss=2;alert(2)">'
XSS_TEXT = (
    "Velmark officials <script>window.__xss=3;alert(3)</script> met on Monday.\n\n"
    "A picture <img src=x onerror=\"window.__xss=4;alert(4)\"> was shown to the Concord delegates.\n\n"
    "Read more at <a href=\"javascript:window.__xss=5;alert(5)\">this link</a> or "
    "\"><svg onload=alert(6)> and '><iframe srcdoc=\"<script>parent.__xss=7</script>\"></iframe>."
)
XSS_URL = "javascript:window.__xss=8;alert(8)//https://example.org"
XSS_AUTHOR = '"><img src=x onerror=alert(9)>'


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RunningServer:
    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # No websockets and no lifespan: nothing the app does not need is imported.
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                ws="none", lifespan="off", http="h11")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)

    def __enter__(self) -> "RunningServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def world_archive(tmp_path_factory) -> Path:
    from newstrace.archive import Archive
    from newstrace.article import Article
    from newstrace.read import read_path

    path = tmp_path_factory.mktemp("e2e") / "world.sqlite"
    with Archive(path) as a:
        a.ingest(read_path(WORLD))
        a.add(Article(text=XSS_TEXT, title=XSS_TITLE, url=XSS_URL, site='<b onmouseover="alert(10)">Evil</b>',
                      authors=(XSS_AUTHOR,), published="2025-03-21"))
    return path


@pytest.fixture(scope="session")
def server(world_archive) -> Iterator[RunningServer]:
    from newstrace.web import create_app

    with RunningServer(create_app(world_archive)) as s:
        yield s


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    wanted = os.environ.get("NEWSTRACE_E2E_SCREENSHOTS")
    if wanted:
        p = Path(wanted)
        p.mkdir(parents=True, exist_ok=True)
        return p
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip(f"no Chromium at {CHROMIUM}: run scripts/install_browser.sh (installs Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed: run scripts/install_browser.sh")
    pw = sync_api.sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception as exc:  # a broken browser install: say so instead of erroring every test
        pw.stop()
        pytest.skip(f"Chromium at {CHROMIUM} could not be started by Playwright: {exc}")
    try:
        yield b
    finally:
        b.close()
        pw.stop()


@pytest.fixture()
def page(browser) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    try:
        yield pg
    finally:
        context.close()
