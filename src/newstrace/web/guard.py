"""ASGI middleware that keeps the service safe by default.

Order, outermost first (see app.create_app): security headers on every response, then the
Host/Origin check, then the token check, then the body-size cap. They are plain ASGI
middleware rather than Starlette's BaseHTTPMiddleware so the size cap can watch the body
stream itself and refuse a request before it is read into memory.

- Host check: without a token the service trusts its network position (loopback), so a
  request whose Host header names anything else is refused. That defeats DNS rebinding: a
  web page whose domain is re-pointed at 127.0.0.1 still sends its own domain as Host.
- Origin check: a state-changing request (POST, ...) from a browser page of another origin
  (Origin header of another host, or "null"; Sec-Fetch-Site: cross-site) is refused, so
  another site cannot make a user's browser drive the service.
- Token: when set, every request but the login page, static files and /healthz must carry
  it: `Authorization: Bearer TOKEN`, the session cookie set by the login form, or
  `?token=TOKEN` once (which sets the cookie and redirects to the same URL without it, so
  the token does not stay in the address bar or the history).
- Body cap: a Content-Length over the cap is refused before reading; a body without one
  (chunked) is counted while it streams and refused as soon as it passes the cap.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from typing import Any, Awaitable, Callable, Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit

from .errors import error_json_bytes, wants_html

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SESSION_COOKIE = "newstrace_session"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # Links to the outside world (article URLs) must not tell sites where the service runs.
    # Not "no-referrer": with it, browsers send `Origin: null` on the service's own form
    # posts, which the origin check below must refuse.
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)


def is_loopback_host(host: str) -> bool:
    h = host.strip().strip("[]").lower()
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def session_value(token: str) -> str:
    """What the session cookie holds: derived from the token, so the cookie is not the token."""
    return hmac.new(token.encode("utf-8"), b"newstrace-web-session-v1", hashlib.sha256).hexdigest()


def _header(scope: Scope, name: bytes) -> str | None:
    for k, v in scope.get("headers", ()):
        if k == name:
            return v.decode("latin-1")
    return None


def _host_only(host_header: str) -> str:
    h = host_header.strip().lower()
    if h.startswith("["):
        return h[1 : h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


async def send_error(scope: Scope, send: Send, status: int, code: str, message: str, headers: Iterable[tuple[bytes, bytes]] = ()) -> None:
    """Answer with the one error shape (or a small HTML page for a browser)."""
    path = scope.get("path", "")
    accept = _header(scope, b"accept") or ""
    if wants_html(path, accept):
        from html import escape

        body = (
            "<!doctype html><html lang=en><head><meta charset=utf-8><title>"
            f"{status} {escape(code)}</title><link rel=stylesheet href=/static/style.css></head>"
            f"<body><main class=page><h1>{status}: {escape(code.replace('_', ' '))}</h1>"
            f"<p class=error-message>{escape(message)}</p><p><a href=/>Back to the start page</a></p></main></body></html>"
        ).encode("utf-8")
        ctype = b"text/html; charset=utf-8"
    else:
        body = error_json_bytes(code, message)
        ctype = b"application/json"
    hdrs = [(b"content-type", ctype), (b"content-length", str(len(body)).encode()), *headers]
    await send({"type": "http.response.start", "status": status, "headers": hdrs})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {k.lower() for k, _ in headers}
                for k, v in SECURITY_HEADERS:
                    if k not in present:  # a route may set a stricter policy of its own
                        headers.append((k, v))
                if b"cache-control" not in present and not scope.get("path", "").startswith("/static/"):
                    # Reports and articles may be sensitive: keep them out of shared caches.
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class HostOriginCheck:
    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] | None) -> None:
        self.app = app
        self.allowed = None if allowed_hosts is None else {h.lower().strip("[]") for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host_header = _header(scope, b"host") or ""
        if self.allowed is not None and "*" not in self.allowed:
            if _host_only(host_header) not in self.allowed:
                await send_error(scope, send, 400, "host_not_allowed",
                                 f"Host {host_header!r} is not one this service answers to; open it by its loopback address")
                return
        if scope.get("method") not in ("GET", "HEAD", "OPTIONS"):
            if (_header(scope, b"sec-fetch-site") or "").lower() == "cross-site":
                await send_error(scope, send, 403, "cross_origin_refused",
                                 f"a {scope.get('method')} request sent by another site's page is refused")
                return
            origin = _header(scope, b"origin")
            if origin is not None:
                parts = urlsplit(origin)
                if origin == "null" or parts.netloc.lower() != host_header.lower():
                    await send_error(scope, send, 403, "cross_origin_refused",
                                     f"a {scope.get('method')} request from the page origin {origin!r} is refused")
                    return
        await self.app(scope, receive, send)


class TokenAuth:
    PUBLIC_PREFIXES = ("/static/",)
    PUBLIC_PATHS = ("/login", "/logout", "/healthz", "/favicon.ico")

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token
        self.session = session_value(token) if token else None

    def _authorised(self, scope: Scope) -> bool:
        assert self.token is not None and self.session is not None
        auth = _header(scope, b"authorization") or ""
        if auth[:7].lower() == "bearer " and hmac.compare_digest(auth[7:].strip().encode(), self.token.encode()):
            return True
        cookies = _header(scope, b"cookie") or ""
        for part in cookies.split(";"):
            name, _, value = part.strip().partition("=")
            if name == SESSION_COOKIE and hmac.compare_digest(value.encode(), self.session.encode()):
                return True
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.token is None:
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if path in self.PUBLIC_PATHS or path.startswith(self.PUBLIC_PREFIXES):
            await self.app(scope, receive, send)
            return
        if self._authorised(scope):
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        pairs = parse_qsl(query, keep_blank_values=True)
        given = next((v for k, v in pairs if k == "token"), None)
        if given is not None and hmac.compare_digest(given.encode(), self.token.encode()):
            if scope.get("method") in ("GET", "HEAD"):
                rest = urlencode([(k, v) for k, v in pairs if k != "token"])
                location = path + (f"?{rest}" if rest else "")
                await send({"type": "http.response.start", "status": 303, "headers": [
                    (b"location", location.encode("latin-1")),
                    (b"set-cookie", session_cookie(self.session).encode("latin-1")),
                    (b"content-length", b"0"),
                ]})
                await send({"type": "http.response.body", "body": b""})
                return
            await self.app(scope, receive, send)
            return
        if wants_html(path, _header(scope, b"accept") or "") and scope.get("method") in ("GET", "HEAD"):
            nxt = path + (f"?{query}" if query else "")
            location = "/login?" + urlencode({"next": nxt})
            await send({"type": "http.response.start", "status": 303,
                        "headers": [(b"location", location.encode("latin-1")), (b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send_error(scope, send, 401, "unauthorized",
                         "this service needs its token: send 'Authorization: Bearer TOKEN' or log in at /login",
                         headers=[(b"www-authenticate", b'Bearer realm="newstrace"')])


def session_cookie(value: str) -> str:
    # HttpOnly: no script reads it; SameSite=Strict: other sites' pages never send it.
    return f"{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict"


class _BodyTooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes
        length = _header(scope, b"content-length")
        if length is not None:
            if not length.strip().isdigit():
                await send_error(scope, send, 400, "bad_request", f"Content-Length {length!r} is not a number")
                return
            if int(length) > limit:
                await send_error(scope, send, 413, "payload_too_large",
                                 f"the request body of {int(length)} bytes is over this service's cap of {limit} bytes")
                return
        received = 0
        started = False

        async def counting_receive() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge()
            return message

        async def tracking_send(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLarge:
            if started:
                raise
            await send_error(scope, send, 413, "payload_too_large",
                             f"the request body passed this service's cap of {limit} bytes while it was being read")
