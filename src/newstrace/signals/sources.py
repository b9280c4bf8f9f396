"""Source ratings from open data: who has rated the site an article comes from.

The shipped table (`newstrace/data/source_ratings.csv.gz`, rebuilt by
`bench/build_source_table.py`, provenance and licences in `source_ratings.json` beside it)
joins three public lists on a normalised key (host, optionally with a path prefix):

- **lin2023**: the aggregate news-domain quality score `pc1` (0 = lowest, 1 = highest) of
  Lin, Lasser, Lewandowsky, Cole, Gully, Rand & Pennycook, "High level of correspondence
  across different news domain quality rating sets", PNAS Nexus 2(9), pgad286 (2023),
  doi:10.1093/pnasnexus/pgad286. 11,520 domains.
- **opensources**: OpenSources v2.1 (2017) tags such as fake, bias, conspiracy, satire (LGPL-3.0).
- **iffy**: membership of the Iffy.news list of low-credibility sites, 2024-08 (MIT repository).

Only lin2023 gives a score. The band (`label`) is ours, not the paper's: `low` below 0.4,
`mixed` from 0.4 to below 0.7, `high` from 0.7. The cut at 0.4 was set by where the Iffy-listed
sites fall (about nine in ten of those with a score lie below 0.43; the build script prints the
exact split per band); 0.7 is near the 80th percentile of all scored domains. A site in none of
the lists is *unrated*: that says nothing good or bad about it, and most small sites are unrated.

Matching: the host is lower-cased, stripped of a trailing dot, port, user info and of
`www.`/`m.`/`amp.`-style prefixes, then looked up from the most specific key to the registered
domain: `uk.news.yahoo.com/x` tries `uk.news.yahoo.com`, then `news.yahoo.com`, then
`yahoo.com`. A key with a path (`newyorker.com/humor`) matches URLs under that path on the same
host. Sites on shared hosting platforms (`*.wordpress.com`, `*.blogspot.com`, `facebook.com/<page>`,
...) never inherit the platform's own rating: only an entry for that very blog or page counts.
"""

from __future__ import annotations

import csv
import gzip
import io
import ipaddress
import json
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

from ..errors import InputError
from .model import Signal
from ..urls import registered_domain

log = logging.getLogger(__name__)

TABLE_FILE = "source_ratings.csv.gz"
SIDECAR_FILE = "source_ratings.json"

# Band edges on lin2023's pc1 (see the module docstring for how they were set).
LOW_BELOW = 0.4
HIGH_FROM = 0.7

LISTS: tuple[str, ...] = ("lin2023", "opensources", "iffy")
CITATIONS: dict[str, str] = {
    "lin2023": (
        "Lin, H., Lasser, J., Lewandowsky, S., Cole, R., Gully, A., Rand, D. G., & Pennycook, G. (2023). "
        "High level of correspondence across different news domain quality rating sets. "
        "PNAS Nexus, 2(9), pgad286. https://doi.org/10.1093/pnasnexus/pgad286"
    ),
    "opensources": "OpenSources v2.1 (2017), opensources.co, LGPL-3.0 (repository BigMcLargeHuge/opensources)",
    "iffy": "Iffy.news list of low-credibility sites, 2024-08-01 (as kept in osome-iu/top-FIBers, MIT)",
}

# Prefixes that name a variant of the same site, never a different publication.
_VARIANT_PREFIXES = frozenset({"www", "www1", "www2", "www3", "m", "mobile", "amp", "mobi"})
# Platforms whose subdomains are separate publishers (user blogs, newsletters).
_SUBDOMAIN_PLATFORMS = frozenset(
    """wordpress.com blogspot.com substack.com tumblr.com medium.com weebly.com wixsite.com
    livejournal.com typepad.com over-blog.com github.io netlify.app herokuapp.com
    squarespace.com webnode.com jimdo.com altervista.org blog.com""".split()
)
# Platforms whose paths are separate publishers (pages, channels, accounts).
_PATH_PLATFORMS = frozenset(
    """facebook.com twitter.com x.com youtube.com medium.com t.me instagram.com tiktok.com
    vk.com rumble.com bitchute.com telegram.me linkedin.com reddit.com""".split()
)
_HOST_OK = re.compile(r"^[a-z0-9_](?:[a-z0-9_\-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_\-]*[a-z0-9_])?)*$")


@dataclass(frozen=True)
class SourceRating:
    """What the open lists say about the site of a URL or domain.

    - `domain`: registered domain of the input ("bbc.co.uk"), `host`: its normalised host.
    - `matched_domain`: the table key that gave the answer (the most specific match; the
      lin2023 key when there is a score), or None when unrated.
    - `score`: lin2023 pc1 in 0..1, or None. `label`: low | mixed | high from the score,
      `listed` when only OpenSources/Iffy name the site, `unrated` when no list does.
    - `tags`: OpenSources tags, plus "iffy" for Iffy membership. `lists`: the lists it is in.
    - `matches`: list name -> the key matched in that list. `citation`: one line per list used.
    """

    input: str
    domain: str | None
    host: str | None
    matched_domain: str | None
    score: float | None
    label: str
    tags: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    matches: Mapping[str, str] = field(default_factory=dict, hash=False)
    citation: str = ""
    explanation: str = ""
    note: str = ""

    @property
    def rated(self) -> bool:
        return bool(self.lists)

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "domain": self.domain,
            "host": self.host,
            "matched_domain": self.matched_domain,
            "score": self.score,
            "label": self.label,
            "tags": list(self.tags),
            "lists": list(self.lists),
            "matches": dict(self.matches),
            "citation": self.citation,
            "explanation": self.explanation,
            "note": self.note,
        }


@dataclass(frozen=True)
class Entry:
    """One row of the ratings table."""

    key: str
    pc1: float | None = None
    opensources: tuple[str, ...] = ()
    opensources_note: str = ""
    iffy: bool = False

    def in_list(self, name: str) -> bool:
        if name == "lin2023":
            return self.pc1 is not None
        if name == "opensources":
            return bool(self.opensources)
        if name == "iffy":
            return self.iffy
        raise ValueError(f"unknown list {name!r}; known lists: {LISTS}")


def band(score: float) -> str:
    """The band of a lin2023 pc1 score: low (< 0.4), mixed (0.4 to < 0.7), high (>= 0.7)."""
    if score < LOW_BELOW:
        return "low"
    if score < HIGH_FROM:
        return "mixed"
    return "high"


# --------------------------------------------------------------------------- keys


def _idna(host: str) -> str:
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def strip_variant_prefixes(host: str) -> str:
    """`www.m.example.com` -> `example.com`; never strips into the registered domain."""
    reg = registered_domain(host) or host
    keep = reg.count(".") + 1
    parts = host.split(".")
    while len(parts) > keep and parts[0] in _VARIANT_PREFIXES:
        parts = parts[1:]
    return ".".join(parts)


def split_url(url_or_domain: str) -> tuple[str, str] | None:
    """Normalised (host, path) of a URL or bare domain, or None when there is no usable host.

    The host is lower-case, IDNA-encoded, without port, user info, trailing dot or variant
    prefix; the path is lower-case, without query, fragment or trailing slash.
    """
    s = url_or_domain.strip()
    if not s or any(c.isspace() for c in s):
        return None
    if "//" not in s:
        s = "//" + s
    try:
        parts = urlsplit(s)
        host = parts.hostname
    except ValueError:
        return None
    if not host:
        return None
    host = _idna(host.lower().rstrip("."))
    if not host:
        return None
    try:
        ipaddress.ip_address(host)
        return host, parts.path.lower().rstrip("/")  # an IP address: valid, and in no list
    except ValueError:
        pass
    if not _HOST_OK.match(host):
        return None
    host = strip_variant_prefixes(host)
    path = parts.path.lower()
    path = re.sub(r"/+", "/", path)
    path = re.sub(r"/(?:index\.(?:html?|php|aspx?)|default\.aspx?)$", "", path)
    path = path.rstrip("/*").rstrip("/")
    return host, path


def normalize_key(entry: str, *, keep_path: bool = True) -> str | None:
    """Table key of a list entry or URL: host, plus "/path" when there is one and it is kept."""
    # Hand-made lists hold typos such as "Silver-Coin-Investor. com": spaces never belong
    # in a host, so a list entry loses them (a user's input with spaces is refused instead).
    hp = split_url("".join(entry.split()))
    if hp is None:
        return None
    host, path = hp
    return host + path if keep_path and path else host


# --------------------------------------------------------------------------- table


class SourceTable:
    """The joined ratings, indexed by key. Build one from rows or load the shipped file."""

    def __init__(self, entries: Iterable[Entry], meta: Mapping[str, Any] | None = None) -> None:
        self._entries: dict[str, Entry] = {}
        for e in entries:
            if e.key in self._entries:
                raise ValueError(f"source table: duplicate key {e.key!r}")
            self._entries[e.key] = e
        self.meta: dict[str, Any] = dict(meta or {})

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def get(self, key: str) -> Entry | None:
        return self._entries.get(key)

    def entries(self) -> Iterable[Entry]:
        return self._entries.values()

    @classmethod
    def read_csv(cls, fh: io.TextIOBase | Any, meta: Mapping[str, Any] | None = None, name: str = "table") -> "SourceTable":
        reader = csv.DictReader(fh)
        need = {"key", "pc1", "opensources", "opensources_note", "iffy"}
        missing = need - set(reader.fieldnames or ())
        if missing:
            raise InputError(name, "not a source-ratings table", f"missing columns: {sorted(missing)}")
        entries = []
        for i, row in enumerate(reader, start=2):
            try:
                pc1 = float(row["pc1"]) if row["pc1"] else None
            except ValueError as exc:
                raise InputError(f"{name}:line {i}", "pc1 is not a number", row["pc1"]) from exc
            entries.append(
                Entry(
                    key=row["key"],
                    pc1=pc1,
                    opensources=tuple(t for t in row["opensources"].split(";") if t),
                    opensources_note=row["opensources_note"],
                    iffy=row["iffy"] == "1",
                )
            )
        return cls(entries, meta)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "SourceTable":
        """Load a table file (gzip or plain CSV); with no path, the one shipped in the package."""
        if path is None:
            base = resources.files("newstrace") / "data"
            raw = (base / TABLE_FILE).read_bytes()
            try:
                meta = json.loads((base / SIDECAR_FILE).read_text(encoding="utf-8"))
            except FileNotFoundError:
                meta = {}
            name = f"newstrace/data/{TABLE_FILE}"
        else:
            p = Path(path)
            if not p.exists():
                raise InputError(str(p), "not found", "give the path of a table built by bench/build_source_table.py")
            raw = p.read_bytes()
            side = p.with_name(SIDECAR_FILE)
            meta = json.loads(side.read_text(encoding="utf-8")) if side.exists() else {}
            name = str(p)
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return cls.read_csv(io.StringIO(raw.decode("utf-8")), meta, name)

    def write_csv(self, fh: Any) -> None:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["key", "pc1", "opensources", "opensources_note", "iffy"])
        for key in sorted(self._entries):
            e = self._entries[key]
            w.writerow(
                [
                    e.key,
                    "" if e.pc1 is None else repr(e.pc1),
                    ";".join(e.opensources),
                    e.opensources_note,
                    "1" if e.iffy else "",
                ]
            )

    # ---------------------------------------------------------------- lookup

    def candidates(self, host: str, path: str) -> list[str]:
        """Keys to try, most specific first: host with path prefixes, then the host, then its
        parent domains down to the registered domain."""
        out: list[str] = []
        segs = [s for s in path.split("/") if s]
        for n in range(len(segs), 0, -1):
            out.append(host + "/" + "/".join(segs[:n]))
        reg = registered_domain(host) or host
        labels = host.split(".")
        for i in range(len(labels)):
            h = ".".join(labels[i:])
            out.append(h)
            if h == reg or len(h) <= len(reg):
                break
        return out

    def lookup(self, host: str, path: str = "") -> dict[str, str]:
        """Per list, the most specific key that matches (host, path). Platforms don't leak."""
        reg = registered_domain(host) or host
        platform_sub = _is_subdomain_platform(reg) and host != reg
        platform_path = reg in _PATH_PLATFORMS and host == reg and bool(path.strip("/"))
        found: dict[str, str] = {}
        for key in self.candidates(host, path):
            entry = self._entries.get(key)
            if entry is None:
                continue
            bare = "/" not in key
            # A user blog on wordpress.com, or a page on facebook.com, is not the platform:
            # only keys below the platform (the blog, the page) may answer for it.
            if bare and key == reg and (platform_sub or platform_path):
                continue
            for name in LISTS:
                if name not in found and entry.in_list(name):
                    found[name] = key
        return found


def _is_subdomain_platform(reg: str) -> bool:
    # blogspot has one registered domain per country (blogspot.co.uk, blogspot.de ...)
    return reg in _SUBDOMAIN_PLATFORMS or reg.startswith("blogspot.")


@lru_cache(maxsize=1)
def default_table() -> SourceTable:
    """The table shipped in the package, loaded once. `default_table.cache_clear()` resets it."""
    table = SourceTable.load()
    log.debug("loaded %d source-rating entries", len(table))
    return table


# --------------------------------------------------------------------------- rating


def rate_source(url_or_domain: str, table: SourceTable | None = None) -> SourceRating:
    """Rate the site of a URL or domain from the open lists.

    Raises InputError when the input has no usable host name (empty, spaces, bad characters).
    A well-formed site that no list names is a normal answer: label "unrated", score None.
    """
    if not isinstance(url_or_domain, str):
        raise InputError(repr(url_or_domain), "not a URL or domain", f"expected a string, got {type(url_or_domain).__name__}")
    hp = split_url(url_or_domain)
    if hp is None:
        raise InputError(
            repr(url_or_domain), "not a URL or domain", "give a host name such as 'example.com' or a URL such as 'https://example.com/a'"
        )
    host, path = hp
    table = table if table is not None else default_table()
    domain = registered_domain(host)
    matches = table.lookup(host, path)
    reg = domain or host
    note = ""
    if _is_subdomain_platform(reg) and host != reg or reg in _PATH_PLATFORMS and host == reg and path.strip("/"):
        note = (
            f"{reg} hosts many independent publishers: its own rating is never applied to "
            f"{host + path}; only an entry for this very blog or page counts"
        )

    if not matches:
        return SourceRating(
            input=url_or_domain,
            domain=domain,
            host=host,
            matched_domain=None,
            score=None,
            label="unrated",
            explanation=(
                f"{host + path} is in none of the lists used (lin2023 quality ratings, OpenSources, Iffy.news); "
                "unrated says nothing for or against the site"
            ),
            note=note,
        )

    tags: list[str] = []
    score: float | None = None
    notes: list[str] = []
    if "lin2023" in matches:
        score = table.get(matches["lin2023"]).pc1  # type: ignore[union-attr]
    if "opensources" in matches:
        e = table.get(matches["opensources"])
        assert e is not None
        tags.extend(e.opensources)
        if e.opensources_note:
            notes.append(f"OpenSources note: {e.opensources_note}")
    if "iffy" in matches:
        tags.append("iffy")
    lists = tuple(n for n in LISTS if n in matches)
    matched = matches.get("lin2023") or matches[lists[0]]
    label = band(score) if score is not None else "listed"

    parts: list[str] = []
    if score is not None:
        parts.append(
            f"lin2023 quality score {score:.2f} for {matches['lin2023']} ({label}: "
            f"low < {LOW_BELOW}, mixed < {HIGH_FROM}, high >= {HIGH_FROM})"
        )
    if "opensources" in matches:
        parts.append(f"OpenSources tags {', '.join(t for t in tags if t != 'iffy')} for {matches['opensources']}")
    if "iffy" in matches:
        parts.append(f"on the Iffy.news list of low-credibility sites as {matches['iffy']}")
    if score is None:
        parts.append("no quality score in lin2023")
    return SourceRating(
        input=url_or_domain,
        domain=domain,
        host=host,
        matched_domain=matched,
        score=score,
        label=label,
        tags=tuple(dict.fromkeys(tags)),
        lists=lists,
        matches=matches,
        citation="\n".join(CITATIONS[n] for n in lists),
        explanation="; ".join(parts),
        note="; ".join([note] + notes if note else notes),
    )


def rating_signal(rating: SourceRating) -> Signal:
    """The rating as a Signal for reports.

    Severity: high for a site OpenSources tags fake, conspiracy, junksci or hate, or a low score
    together with Iffy membership; medium for a low score or Iffy membership alone; low for a mixed
    score or other tags; info for a high score or an unrated site.
    """
    grave = {"fake", "conspiracy", "junksci", "hate"} & set(rating.tags)
    if grave or (rating.label == "low" and "iffy" in rating.tags):
        sev = "high"
    elif rating.label == "low" or "iffy" in rating.tags:
        sev = "medium"
    elif rating.label in ("mixed", "listed"):
        sev = "low"
    else:
        sev = "info"
    site = rating.host or rating.input
    if rating.label == "unrated":
        msg = f"{site} is in none of the open source-rating lists (unrated, which is neither good nor bad)"
    else:
        score = f"quality score {rating.score:.2f} ({rating.label})" if rating.score is not None else "no quality score"
        tags = f", tagged {', '.join(rating.tags)}" if rating.tags else ""
        msg = f"{site}: {score}{tags}"
    return Signal("source_rating", sev, msg, evidence=rating.to_dict())
