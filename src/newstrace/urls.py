"""URL helpers: hosts and registered domains, offline.

tldextract would fetch the Public Suffix List over the network on first use; we always use
the snapshot bundled inside the package so nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
_MOBILE_PREFIXES = ("www", "m", "mobile", "amp", "www2", "www1")


def host(url: str | None) -> str | None:
    """Lower-case host name of a URL, or None when there is none."""
    if not url:
        return None
    try:
        h = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return h.lower().rstrip(".") if h else None


@lru_cache(maxsize=65536)
def registered_domain(url_or_host: str | None) -> str | None:
    """The registrable domain ("bbc.co.uk" for "https://www.news.bbc.co.uk/x").

    Hosts that are IP addresses or have no known public suffix come back as the bare host.
    """
    h = host(url_or_host)
    if not h:
        return None
    ext = _EXTRACT(h)
    if ext.domain and ext.suffix:
        return f"{ext.domain}.{ext.suffix}"
    if _is_ip(h) or "." not in h:
        return h
    # Unknown suffix (intranet names, reserved TLDs such as .example): the last two labels.
    return ".".join(h.split(".")[-2:])


def _is_ip(h: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(h.strip("[]"))
    except ValueError:
        return False
    return True


def site_host(url_or_host: str | None) -> str | None:
    """Host without www./m./amp. prefixes: the name a reader would call the site by."""
    h = host(url_or_host)
    if not h:
        return None
    parts = h.split(".")
    while len(parts) > 2 and parts[0] in _MOBILE_PREFIXES:
        parts = parts[1:]
    return ".".join(parts)
