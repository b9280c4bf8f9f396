"""Does a copy credit its source? Names, domains, links and wire-agency datelines.

A copy credits a source when it
- names the source outlet (Article.site; a leading "The" is optional),
- names the source's domain or site host ("nashaniva.com", "www.nashaniva.com"),
- links to the source's registered domain (a URL in the text, or in `links`, or in
  `copy.extra["links"]`),
- or names a wire agency that the source is, or that the source itself credits: two
  outlets running the same AP story both credit AP, and that is credit for the shared text.

Wire agencies with short ambiguous names (AP, PA, AFP, UPI, dpa, EFE ...) count only in a
credit context: "(AP)", "AP —" at a paragraph start (dateline), "© AFP", "Source: AP",
"via AP", "according to AP", "AP reported/said/contributed". Long names count anywhere.

Credit lines that name someone else ("first published by X", "Source: X", "via X") are
reported as `other_credits`, so a report can say "credits X, not the source".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Sequence

from ..article import Article
from ..urls import registered_domain, site_host


@dataclass(frozen=True)
class Agency:
    name: str
    aliases: tuple[str, ...]  # long, unambiguous forms: matched anywhere
    short: tuple[str, ...]  # short forms: matched only in a credit context (case-sensitive)
    domains: tuple[str, ...]


WIRE_AGENCIES: tuple[Agency, ...] = (
    Agency("Associated Press", ("Associated Press",), ("AP",), ("apnews.com", "ap.org")),
    Agency("Reuters", ("Reuters", "Thomson Reuters"), (), ("reuters.com",)),
    Agency("Agence France-Presse", ("Agence France-Presse", "Agence France Presse"), ("AFP",), ("afp.com",)),
    Agency("dpa", ("Deutsche Presse-Agentur",), ("dpa", "DPA"), ("dpa.com", "dpa.de")),
    Agency("EFE", ("Agencia EFE",), ("EFE",), ("efe.com",)),
    Agency("ANSA", ("Agenzia Nazionale Stampa Associata",), ("ANSA",), ("ansa.it",)),
    Agency("Xinhua", ("Xinhua",), (), ("xinhuanet.com", "news.cn")),
    Agency("TASS", ("ITAR-TASS",), ("TASS",), ("tass.com", "tass.ru")),
    Agency("Interfax", ("Interfax",), (), ("interfax.ru", "interfax.com")),
    Agency("PA Media", ("PA Media", "Press Association"), ("PA",), ("pamediagroup.com",)),
    Agency("UPI", ("United Press International",), ("UPI",), ("upi.com",)),
    Agency("Kyodo", ("Kyodo News", "Kyodo"), (), ("kyodonews.net",)),
    Agency("Yonhap", ("Yonhap",), (), ("yna.co.kr", "yonhapnews.co.kr")),
    Agency("BelTA", ("BelTA", "Belarusian Telegraph Agency"), (), ("belta.by",)),
    Agency("RIA Novosti", ("RIA Novosti",), ("RIA",), ("ria.ru",)),
    Agency("Anadolu Agency", ("Anadolu Agency", "Anadolu Ajansı"), ("AA",), ("aa.com.tr",)),
    Agency("Press Trust of India", ("Press Trust of India",), ("PTI",), ("ptinews.com",)),
    Agency("Australian Associated Press", ("Australian Associated Press",), ("AAP",), ("aap.com.au",)),
    Agency("The Canadian Press", ("Canadian Press",), ("CP",), ("thecanadianpress.com",)),
    Agency("Bloomberg", ("Bloomberg News",), (), ("bloomberg.com",)),
    Agency("ANP", ("Algemeen Nederlands Persbureau",), ("ANP",), ("anp.nl",)),
    Agency("Ukrinform", ("Ukrinform",), (), ("ukrinform.net", "ukrinform.ua")),
)

_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'“”)\]]+", re.IGNORECASE)
# Credit context around a short agency name: before it ...
_CTX_BEFORE = re.compile(
    r"(?:\(|©\s*|\(c\)\s*|copyright\s+|source:\s*|sources:\s*|via\s+|according\s+to\s+(?:the\s+)?|"
    r"told\s+(?:the\s+)?|by\s+|from\s+|credit:\s*|photo:\s*)$",
    re.IGNORECASE,
)
# ... or after it.
_CTX_AFTER = re.compile(
    r"^(?:\)|\s*[—–-]\s|\s+(?:reported|reports|said|says|contributed|wrote|writes|news agency|photo))",
    re.IGNORECASE,
)
# The narrower contexts in which a text credits an agency for itself (a byline, dateline or
# copyright line), as opposed to citing it ("told Reuters", "AP reported").
_CREDIT_BEFORE = re.compile(
    r"(?:\(|©\s*|\(c\)\s*|copyright\s+|source:\s*|sources:\s*|via\s+|reporting\s+by\s+|credit:\s*)$",
    re.IGNORECASE,
)
_CREDIT_AFTER = re.compile(r"^(?:\)|\s+contributed)", re.IGNORECASE)
# Credit lines naming some outlet: trigger words in any case, then a capitalised name.
_OTHER_CREDIT_RE = re.compile(
    r"(?i:first\s+(?:published|appeared)\s+(?:by|on|in|at)|originally\s+(?:published|appeared)\s+"
    r"(?:by|on|in|at)|source:|sources:|via|read\s+more\s+(?:at|on)|courtesy\s+of|republished\s+"
    r"(?:from|with\s+permission\s+(?:from|of)))\s+(?:(?i:the)\s+)?([A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})"
)


@dataclass(frozen=True)
class CreditEvidence:
    kind: str  # name | domain | link | wire | byline | dateline | other
    text: str  # the words or the URL that give credit
    span: tuple[int, int] | None  # character offsets in the copy's text; None for a link list
    inherited: bool = False  # inside text copied from the source (the source naming itself)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "span": list(self.span) if self.span else None,
            "inherited": self.inherited,
        }


@dataclass(frozen=True)
class Credit:
    credited: bool
    evidence: tuple[CreditEvidence, ...] = ()
    other_credits: tuple[CreditEvidence, ...] = ()  # credit lines naming someone else
    names_checked: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "credited": self.credited,
            "evidence": [e.to_dict() for e in self.evidence],
            "other_credits": [e.to_dict() for e in self.other_credits],
            "names_checked": list(self.names_checked),
        }


def find_credit(
    copy: Article,
    source: Article,
    *,
    links: Sequence[str] | None = None,
    copied_spans: Sequence[tuple[int, int]] = (),
) -> Credit:
    """Whether `copy` credits `source`, with the exact words or links that do.

    `copied_spans` are the copy's character spans copied from `source`. A name, domain or
    link found inside them is the source's own text carried along ("... told the Daily
    Planet"), not credit added by the copier, and is reported as inherited. An inherited
    wire credit still counts: keeping "(AP) —" credits the agency the text came from.
    """
    text = copy.text
    evidence: list[CreditEvidence] = []
    names = _outlet_names(source)
    for name in names:
        evidence.extend(_find_name(text, name, "name"))
    domains = _domains(source)
    for dom in domains:
        evidence.extend(_find_plain(text, dom, "domain"))
    all_links = list(links or ()) + list(_extra_links(copy))
    source_doms = {registered_domain(d) for d in domains} - {None}
    for url in all_links:
        if registered_domain(url) in source_doms:
            evidence.append(CreditEvidence("link", url, None))
    for m in _URL_RE.finditer(text):
        if registered_domain(m.group()) in source_doms:
            evidence.append(CreditEvidence("link", m.group(), m.span()))
    # A byline naming the source outlet ("By Meridian Press Agency") credits it.
    wanted = {n.lower() for n in names} | {a.name.lower() for a in _agencies_of(source)}
    for author in copy.authors:
        if " ".join(author.split()).lower() in wanted:
            evidence.append(CreditEvidence("byline", author, None))
    # The source's own abbreviation in a dateline ("KARSK (MPA) —"): an outlet called
    # "Meridian Press Agency" that datelines itself "(MPA)" is credited by "(MPA)".
    for abbr in _own_abbreviations(source, names):
        for m in re.finditer(r"\(" + re.escape(abbr) + r"\)", text):
            evidence.append(CreditEvidence("dateline", m.group(), m.span()))
    agencies = set(_agencies_of(source)) | set(credited_agencies(source.text))
    if agencies:
        mentions = _agency_scan(text, False)
        for ag in agencies:
            evidence.extend(mentions.get(ag.name, ()))
    evidence = [_mark_inherited(e, copied_spans) for e in _dedupe(evidence)]
    others = [e for e in _other_credits(text) if not any(_overlaps(e.span, x.span) for x in evidence)]
    credited = any(not e.inherited or e.kind in ("wire", "dateline") for e in evidence)
    return Credit(credited, tuple(evidence), tuple(others), tuple(names + domains))


def _own_abbreviations(source: Article, names: Sequence[str]) -> list[str]:
    """Initials of the source's outlet name that the source itself uses as "(ABC)"."""
    out = []
    for name in names:
        initials = "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() != "the")
        if len(initials) >= 2 and f"({initials})" in source.text:
            out.append(initials)
    return out


def _mark_inherited(e: CreditEvidence, spans: Sequence[tuple[int, int]]) -> CreditEvidence:
    if e.span is None or not any(b <= e.span[0] and e.span[1] <= en for b, en in spans):
        return e
    return CreditEvidence(e.kind, e.text, e.span, True)


def credited_agencies(text: str) -> list[Agency]:
    """Wire agencies a text credits in a credit context: "(AP)", "Reuters —" opening a
    paragraph, "© AFP", "Source: dpa", "via Reuters", "Reporting by Reuters". A mere mention
    ("told Reuters", "according to Bloomberg News") is a reference, not credit for the text."""
    names = _agency_scan(text, True)
    return [ag for ag in WIRE_AGENCIES if ag.name in names]


def agency_for(site: str | None, domain: str | None) -> Agency | None:
    """The wire agency an outlet is, if it is one."""
    for ag in WIRE_AGENCIES:
        if domain and registered_domain(domain) in {registered_domain(d) for d in ag.domains}:
            return ag
        if site and (site.strip().lower() == ag.name.lower() or site.strip() in ag.aliases + ag.short):
            return ag
    return None


def _agencies_of(source: Article) -> list[Agency]:
    ag = agency_for(source.site, source.domain)
    return [ag] if ag else []


def _outlet_names(a: Article) -> list[str]:
    out: list[str] = []
    if a.site and a.site.strip():
        name = " ".join(a.site.split())
        if "." in name and " " not in name:
            return out  # the "site" is really a host name; matched as a domain
        out.append(name)
        if name.lower().startswith("the ") and len(name) > 8:
            out.append(name[4:])
    return out


def _domains(a: Article) -> list[str]:
    out: list[str] = []
    for cand in (a.domain, site_host(a.url) if a.url else None, a.site if a.site and "." in a.site else None):
        if cand and cand not in out and "." in cand:
            out.append(cand.lower())
    return out


def _extra_links(a: Article) -> Iterable[str]:
    links = (a.extra or {}).get("links") if isinstance(a.extra, dict) else None
    if isinstance(links, (list, tuple)):
        for x in links:
            if isinstance(x, str):
                yield x
            elif isinstance(x, dict) and isinstance(x.get("href"), str):
                yield x["href"]


@lru_cache(maxsize=4096)
def _name_re(name: str) -> re.Pattern[str]:
    # Short one-word names ("Sun", "Mail") must match case; longer names match any case.
    flags = 0 if (len(name) <= 4 and " " not in name) else re.IGNORECASE
    return re.compile(r"(?<![\w.])" + re.escape(name).replace(r"\ ", r"\s+") + r"(?![\w])", flags)


@lru_cache(maxsize=4096)
def _plain_re(needle: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.-])" + re.escape(needle) + r"(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=512)
def _word_re(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + re.escape(word) + r"(?![\w])")


def _find_name(text: str, name: str, kind: str) -> list[CreditEvidence]:
    return [CreditEvidence(kind, m.group(), m.span()) for m in _name_re(name).finditer(text)]


def _find_plain(text: str, needle: str, kind: str) -> list[CreditEvidence]:
    return [CreditEvidence(kind, m.group(), m.span()) for m in _plain_re(needle).finditer(text)]


def _agency_mentions(text: str, ag: Agency, strict: bool = False) -> list[CreditEvidence]:
    """Mentions of one wire agency (see `_agency_scan`)."""
    return list(_agency_scan(text, strict).get(ag.name, ()))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_BY_ALIAS = {a: ag for ag in WIRE_AGENCIES for a in ag.aliases}
_BY_SHORT = {a: ag for ag in WIRE_AGENCIES for a in ag.short}
_BY_DOMAIN = {d: ag for ag in WIRE_AGENCIES for d in ag.domains}
_ALIAS_RE = re.compile(r"(?<![\w])(?:" + _alternation(_BY_ALIAS) + r")(?![\w])")
_SHORT_RE = re.compile(r"(?<![\w])(?:" + _alternation(_BY_SHORT) + r")(?![\w])")
_AGENCY_DOMAIN_RE = re.compile(r"(?<![\w.-])(?:" + _alternation(_BY_DOMAIN) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=256)
def _agency_scan(text: str, strict: bool) -> dict[str, tuple[CreditEvidence, ...]]:
    """Agency name -> its mentions in `text`, in one pass per pattern: long names anywhere
    (only in a credit context when `strict`), short names in a credit context, domains."""
    found: dict[str, list[CreditEvidence]] = {}
    for m in _ALIAS_RE.finditer(text):
        if not strict or _in_credit_context(text, m.start(), m.end(), strict=True):
            found.setdefault(_BY_ALIAS[m.group()].name, []).append(CreditEvidence("wire", m.group(), m.span()))
    for m in _SHORT_RE.finditer(text):
        if _in_credit_context(text, m.start(), m.end(), strict=strict):
            found.setdefault(_BY_SHORT[m.group()].name, []).append(CreditEvidence("wire", m.group(), m.span()))
    for m in _AGENCY_DOMAIN_RE.finditer(text):
        ag = _BY_DOMAIN.get(m.group().lower())
        if ag is not None:
            found.setdefault(ag.name, []).append(CreditEvidence("wire", m.group(), m.span()))
    return {k: tuple(v) for k, v in found.items()}


def _in_credit_context(text: str, start: int, end: int, strict: bool = False) -> bool:
    before = text[max(0, start - 24) : start]
    after = text[end : end + 16]
    line_start = start == 0 or text[start - 1] == "\n"
    dateline = line_start and re.match(r"^\s*[—–-]\s", after) is not None
    if strict:
        return bool(_CREDIT_BEFORE.search(before) or _CREDIT_AFTER.match(after) or dateline)
    return bool(_CTX_BEFORE.search(before) or _CTX_AFTER.match(after) or dateline)


def _other_credits(text: str) -> list[CreditEvidence]:
    return [CreditEvidence("other", m.group(0), m.span(0)) for m in _OTHER_CREDIT_RE.finditer(text)]


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _dedupe(evidence: list[CreditEvidence]) -> list[CreditEvidence]:
    seen: set[tuple[str, tuple[int, int] | None, str]] = set()
    out = []
    for e in sorted(evidence, key=lambda e: (e.span or (1 << 62, 0), e.kind)):
        k = (e.kind, e.span, e.text)
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out
