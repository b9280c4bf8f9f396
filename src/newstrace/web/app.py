"""The web service: `create_app(...)` builds the FastAPI app, `serve(...)` runs it.

    newstrace serve --archive world.sqlite            # http://127.0.0.1:8000
    NEWSTRACE_TOKEN=... newstrace serve --host 0.0.0.0 --archive world.sqlite

Threads and the archive: SQLite connections belong to the thread that opened them, and
FastAPI runs sync endpoints on a worker pool, so every request opens its own read-only
Archive on the thread that uses it and closes it before returning (opening costs well under
a millisecond). Checks (and URL fetches, which wait on the network) run on worker threads
under their own capacity limit, so a burst of long checks never takes the threads that
searches and page views need.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence, TypeVar

from ..errors import ArchiveError, NewstraceError, require
from .errors import ApiError
from .guard import LOOPBACK_NAMES, BodyLimit, HostOriginCheck, SecurityHeaders, TokenAuth, is_loopback_host
from .inputs import FetchSettings
from .reports import DEFAULT_CAPACITY, ReportStore
from .story import DEFAULT_MAX_INDEXED, CorpusView, LocalReuseIndex

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DEFAULT_CHECK_WORKERS = 4
TOKEN_ENV = "NEWSTRACE_TOKEN"


def _require_web() -> None:
    for module in ("fastapi", "uvicorn", "python_multipart", "jinja2"):
        require(module, feature="the web service (newstrace serve)", extra="web")


@dataclass
class Service:
    """Everything the routes share: settings, the report store, the in-memory reuse index."""

    archive_path: Path
    token: str | None
    max_upload_bytes: int
    fetch: FetchSettings
    reports: ReportStore
    local_index: LocalReuseIndex
    check_workers: int = DEFAULT_CHECK_WORKERS
    corpus: CorpusView = field(default_factory=CorpusView)
    env: Any = None
    stats_ttl: float = 30.0
    _limiter: Any = field(default=None, repr=False)
    _stats: tuple[float, dict[str, Any]] | None = field(default=None, repr=False)

    def stats(self, archive: Any) -> dict[str, Any]:
        """Archive.stats(top=200), reused for `stats_ttl` seconds: it counts every row,
        which on a large archive is too slow to repeat on every page view."""
        import time

        now = time.monotonic()
        cached = self._stats
        if cached is not None and now - cached[0] < self.stats_ttl:
            return cached[1]
        s = archive.stats(top=200)
        self._stats = (now, s)
        return s

    @contextmanager
    def archive(self) -> Iterator[Any]:
        """A read-only Archive for the calling thread, closed on exit."""
        from ..archive import Archive

        a = Archive(self.archive_path, readonly=True)
        try:
            yield a
        finally:
            a.close()

    async def in_check_thread(self, fn: Callable[[], T]) -> T:
        import anyio.to_thread

        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.check_workers)
        return await anyio.to_thread.run_sync(fn, limiter=self._limiter)

    def check_article(self, article: Any, input_kind: str) -> Any:
        """Run a check against the archive and keep its report; returns the StoredReport."""
        from ..pipeline import check

        with self.archive() as a:
            result = check(article, a)
        return self.reports.add(result, input_kind)


def create_app(
    archive_path: str | os.PathLike[str],
    *,
    token: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    allow_private_fetch: bool = False,
    allowed_hosts: Sequence[str] | None = None,
    report_capacity: int = DEFAULT_CAPACITY,
    fetch_timeout: float = 15.0,
    check_workers: int = DEFAULT_CHECK_WORKERS,
    max_indexed_articles: int = DEFAULT_MAX_INDEXED,
    upgrade_schema: bool = True,
) -> Any:
    """The newstrace web app (a FastAPI instance) serving one archive, read-only.

    token: when set, every page and API call needs it (Bearer header, login cookie, or
    ?token= once). allowed_hosts: Host header names accepted; default: the loopback names
    when there is no token (defeats DNS rebinding), any host when there is one.
    max_upload_bytes caps every request body. allow_private_fetch lets checks fetch URLs on
    private/loopback addresses (off: same refusal as the CLI). upgrade_schema: an archive
    written by an older newstrace gets its pending migrations applied once at start-up
    (the only write the service ever makes); off, such an archive is refused.
    Raises ArchiveError when the archive does not exist, and MissingExtraError naming
    `pip install 'newstrace[web]'` when the web dependencies are missing.
    """
    _require_web()
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse, JSONResponse
    from fastapi.staticfiles import StaticFiles

    from . import api, pages
    from .errors import install_error_handlers
    from .render import STATIC, make_env

    path = Path(archive_path).expanduser()
    if not path.is_file():
        raise ArchiveError(f"{path}: no archive there; create one with `newstrace ingest PATH --archive {path}`")
    _open_check(path, upgrade_schema)
    if max_upload_bytes < 1024:
        raise ValueError("max_upload_bytes below 1 KiB would refuse every article")
    if token is not None and not token.strip():
        token = None

    service = Service(
        archive_path=path,
        token=token,
        max_upload_bytes=max_upload_bytes,
        fetch=FetchSettings(allow_private=allow_private_fetch, timeout=fetch_timeout, max_bytes=max_upload_bytes),
        reports=ReportStore(report_capacity),
        local_index=LocalReuseIndex(max_indexed_articles),
        check_workers=check_workers,
        env=make_env(),
    )

    from .. import __version__

    app = FastAPI(
        title="newstrace",
        version=__version__,
        description=(
            "Where did a news article's text come from, and does anyone independent back up what it claims? "
            "Every error answers {\"error\": {\"code\", \"message\", \"detail\"}}."
        ),
        # The interactive docs pages load scripts from a CDN; the service serves nothing
        # from outside, so they are off. /openapi.json and the /api page stay.
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.service = service

    def html_error(request: Any, status: int, code: str, message: str) -> Any:
        body = service.env.get_template("error.html").render(
            status=status, code=code, message=message, nav=None, auth=service.token is not None
        )
        return HTMLResponse(body, status_code=status)

    install_error_handlers(app, html_error)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        return JSONResponse({"status": "ok"})

    if allowed_hosts is None:
        allowed_hosts = list(LOOPBACK_NAMES) if token is None else ["*"]
    # add_middleware wraps: the last added runs first.
    app.add_middleware(BodyLimit, max_bytes=max_upload_bytes)
    app.add_middleware(TokenAuth, token=token)
    app.add_middleware(HostOriginCheck, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    return app


def _open_check(path: Path, upgrade_schema: bool) -> None:
    """Fail at start-up, not at the first request, when the archive is unusable."""
    from ..archive import Archive

    try:
        Archive(path, readonly=True).close()
        return
    except ArchiveError as exc:
        if not upgrade_schema:
            raise
        first = exc
    # Read-only opening refuses an archive whose schema is older than this code's; a
    # writable open applies the pending migrations (atomically) and then reads work.
    try:
        Archive(path).close()
        Archive(path, readonly=True).close()
    except ArchiveError:
        raise first from None
    log.info("%s: applied pending schema migrations", path)


def serve(
    archive_path: str | os.PathLike[str],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    allow_private_fetch: bool = False,
    log_level: str = "info",
) -> None:
    """Run the service until interrupted. `token` defaults to $NEWSTRACE_TOKEN.

    Refuses (NewstraceError) to listen on a non-loopback address without a token: the
    service reads the archive and fetches URLs for whoever can reach it.
    """
    _require_web()
    import uvicorn

    if token is None:
        token = os.environ.get(TOKEN_ENV) or None
    if not is_loopback_host(host) and not token:
        raise NewstraceError(
            f"refusing to serve on {host}, which is not a loopback address, without a token: "
            f"set --token or ${TOKEN_ENV}, or serve on 127.0.0.1"
        )
    allowed = None
    if token is None:
        allowed = [*LOOPBACK_NAMES, host]
    app = create_app(
        archive_path, token=token, max_upload_bytes=max_upload_bytes,
        allow_private_fetch=allow_private_fetch, allowed_hosts=allowed,
    )
    log.info("serving %s on http://%s:%d", archive_path, host, port)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, proxy_headers=False)


def url_for(host: str, port: int) -> str:
    """The address to open in a browser for a service listening on host:port."""
    h = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in h and not h.startswith("["):
        h = f"[{h}]"
    return f"http://{h}:{port}/"


__all__ = ["ApiError", "DEFAULT_MAX_UPLOAD_BYTES", "Service", "create_app", "serve", "url_for"]
