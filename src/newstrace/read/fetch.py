"""Fetch one URL safely and read it as an article. Standard library only.

Safety rules (server-side request forgery is the threat: a URL given to a web service must
not reach the machine's own network):

- only http and https; no credentials in the URL;
- the host is resolved once per hop and *every* address it resolves to must be public:
  private, loopback, link-local, multicast, reserved, unspecified, shared (CGNAT) and
  other non-global ranges are refused, for IPv4 and IPv6, including IPv4-mapped, 6to4 and
  Teredo IPv6 addresses that embed an IPv4 address;
- the connection goes to the address that was checked, not to the name: the socket is
  opened to that IP, while the Host header and TLS SNI/certificate check still use the
  host name. A DNS answer that changes between check and connect (DNS rebinding) is
  therefore never used. HTTP(S) proxies from the environment are not used, because a proxy
  would resolve the name again;
- redirects are followed by hand (at most `max_redirects`), and each new URL goes through
  the same checks;
- the body is streamed with a byte cap (`max_bytes`, applied after decompression too), and
  every socket operation has `timeout` seconds, with `timeout * 4` for the whole fetch.

`allow_private=True` turns the address check off (tests, intranet use), and
`allowed_networks` lets specific networks through while everything else stays checked.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from typing import Callable, Iterable, Sequence
from urllib.parse import urljoin, urlsplit

from ..article import Article
from .base import Reason, Rejected
from .decode import TooLarge, charset_from_content_type, decompress
from .html import looks_like_html, read_html
from .text import read_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = "newstrace/0.1 (+https://github.com/newstrace; article provenance checker)"
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")

Resolver = Callable[[str, int], Sequence[str]]
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class _Refused(Exception):
    pass


class _Failed(Exception):
    pass


def resolve_host(host: str, port: int) -> list[str]:
    """All addresses a host name resolves to (the system resolver)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    out: list[str] = []
    for info in infos:
        addr = str(info[4][0]).split("%")[0]  # drop an IPv6 zone id
        if addr not in out:
            out.append(addr)
    return out


def address_problem(ip: Address) -> str | None:
    """Why an address may not be fetched from, or None when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            problem = address_problem(embedded)
            return f"{problem} (embedded in {ip})" if problem else None
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    )
    for name, flag in checks:
        if flag:
            return f"{name} address {ip}"
    if not ip.is_global:
        return f"non-public address {ip}"
    return None


def fetch_url(
    url: str,
    *,
    timeout: float = 15,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = False,
    allowed_networks: Iterable[str] = (),
    max_redirects: int = 5,
    resolve: Resolver | None = None,
    user_agent: str = USER_AGENT,
) -> Article | Rejected:
    """Fetch `url` and read it as an article (HTML or plain text)."""
    resolve = resolve or resolve_host
    networks = tuple(ipaddress.ip_network(n, strict=False) for n in allowed_networks)
    deadline = time.monotonic() + timeout * 4
    current = url
    try:
        for _hop in range(max_redirects + 1):
            status, headers, body_or_location = _request(
                current, timeout, deadline, max_bytes, allow_private, networks, resolve, user_agent
            )
            if status in (301, 302, 303, 307, 308):
                location = body_or_location.decode("latin-1").strip()
                if not location:
                    raise _Failed(f"HTTP {status} redirect without a Location header")
                current = urljoin(current, location)
                continue
            return _to_article(status, headers, body_or_location, current, url, max_bytes)
        return Rejected(url, Reason.FETCH_REFUSED, f"more than {max_redirects} redirects (last: {current})")
    except _Refused as exc:
        return Rejected(url, Reason.FETCH_REFUSED, str(exc))
    except TooLarge as exc:
        return Rejected(url, Reason.TOO_LARGE, str(exc))
    except _Failed as exc:
        return Rejected(url, Reason.FETCH_FAILED, str(exc))


def _check_url(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise _Refused(f"scheme {scheme or '(none)'!r} is not fetched: only http and https")
    if parts.username or parts.password:
        raise _Refused("URLs with credentials are not fetched")
    host = parts.hostname
    if not host:
        raise _Refused("the URL has no host")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise _Refused(f"bad port: {exc}") from None
    return scheme, host, port


def _pick_address(host: str, port: int, allow_private: bool, networks: tuple, resolve: Resolver) -> str:
    literal = True
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        literal = False
        try:
            addresses = list(resolve(host, port))
        except (OSError, UnicodeError) as exc:
            raise _Failed(f"cannot resolve {host}: {exc}") from None
    if not addresses:
        raise _Failed(f"{host} resolves to no address")
    if allow_private:
        return addresses[0]
    for a in addresses:
        ip = ipaddress.ip_address(a)
        if any(ip in net for net in networks):
            continue
        problem = address_problem(ip)
        if problem:
            # One bad answer refuses the host: a name that mixes public and internal
            # addresses is a rebinding setup, not an accident.
            raise _Refused(f"refused: {problem}" if literal else f"{host} resolves to a {problem}")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTPConnection that connects to a checked IP address but keeps the host name for
    the Host header."""

    def __init__(self, host: str, port: int, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPSConnection to a checked IP address; SNI and certificate checks use the name."""

    def __init__(self, host: str, port: int, ip: str, timeout: float) -> None:
        self._ctx = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self._ctx)
        self._ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._ctx.wrap_socket(sock, server_hostname=self.host)


def _request(
    url: str,
    timeout: float,
    deadline: float,
    max_bytes: int,
    allow_private: bool,
    networks: tuple,
    resolve: Resolver,
    user_agent: str,
) -> tuple[int, dict[str, str], bytes]:
    scheme, host, port = _check_url(url)
    ip = _pick_address(host, port, allow_private, networks, resolve)
    cls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    conn = cls(host, port, ip, timeout)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request(
            "GET",
            target,
            headers={
                "User-Agent": user_agent,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "gzip, deflate",
                "Connection": "close",
            },
        )
        resp = conn.getresponse()
        headers = {k.lower(): v for k, v in resp.getheaders()}
        if resp.status in (301, 302, 303, 307, 308):
            return resp.status, headers, headers.get("location", "").encode("latin-1", "replace")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise TooLarge(f"Content-Length {declared} is over the cap of {max_bytes} bytes")
        chunks: list[bytes] = []
        size = 0
        while True:
            if time.monotonic() > deadline:
                raise _Failed(f"timed out after {timeout * 4:g} s in total")
            chunk = resp.read(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise TooLarge(f"the response is over the cap of {max_bytes} bytes")
            chunks.append(chunk)
        return resp.status, headers, b"".join(chunks)
    except (socket.timeout, TimeoutError):
        raise _Failed(f"timed out after {timeout:g} s ({host})") from None
    except ssl.SSLError as exc:
        raise _Failed(f"TLS error with {host}: {exc.reason or exc}") from None
    except (OSError, http.client.HTTPException) as exc:
        raise _Failed(f"{type(exc).__name__} from {host}: {exc}") from None
    finally:
        conn.close()


def _to_article(status: int, headers: dict[str, str], body: bytes, final_url: str, asked: str, max_bytes: int) -> Article | Rejected:
    if status >= 400 or status < 200:
        raise _Failed(f"HTTP {status} from {final_url}")
    try:
        body = decompress(body, headers.get("content-encoding", ""), max_bytes)
    except ValueError as exc:
        if isinstance(exc, TooLarge):
            raise
        raise _Failed(f"cannot decode the response body: {exc}") from None
    ctype = headers.get("content-type", "")
    mime = ctype.split(";")[0].strip().lower()
    charset = charset_from_content_type(ctype)
    if mime == "text/plain":
        result = read_text(body, source=asked, url=final_url, max_bytes=max_bytes)
    elif mime in _TEXT_TYPES or (not mime and looks_like_html(body[:4096].decode("latin-1"))):
        result = read_html(body, url=final_url, source=asked, charset=charset, max_bytes=max_bytes)
    else:
        return Rejected(asked, Reason.UNSUPPORTED, f"content type {mime!r} is not an article")
    if isinstance(result, Article) and final_url != asked:
        result.extra.setdefault("fetched_from", final_url)
    return result
