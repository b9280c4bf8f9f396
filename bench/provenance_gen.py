"""Generate a text-reuse benchmark with passage-level ground truth from real news text.

Host text: the FNC-1 training bodies (../shared/data/fnc1/train_bodies.csv). They are
real news, and many of them already share text with each other (wire copy, common
quotes), so the generator first keeps only sentences that share no content 6-word
sequence with a sentence kept before: what remains is, as far as exact matching can
tell, mutually independent text, and also drops near-duplicates (a shared 4-word sequence
plus half the content words: an edited rewrite of the same wire sentence). Everything
shared in the output is planted.

Splits: `dev` uses bodies with an even Body ID and seed 1; `test` uses odd Body IDs and
seed 2. Tune on dev only; report test.

Planted material (ground truth in the JSON):
- families: an original article (the start of one FNC-1 body) and 3-6 copies, each copy
  with one edit rate (0, 2, 5, 10 or 20% of the copied words substituted / deleted /
  inserted) and one layout: lede (copy starts at the original's first word, own text
  after), truncated (first 50-70% of the original), embedded (a run of sentences in the
  middle of the copy's own text), interleaved (the copy's own sentences between copied
  ones) or reordered (3-4 paragraphs of the original in another order). About 30% of
  families end with a chain: a copy of an edited copy, carrying its parent's edits.
- credit: a copy may name the source outlet, its domain, link to it (in the text or in
  Article.extra["links"]), or carry a wire dateline "(Reuters) —"; some uncredited copies
  credit a different outlet instead.
- shared quotations: two or three otherwise independent articles quoting the same
  sentence inside quotation marks, with their own attribution words.
- site boilerplate: sites whose articles all end with the same footer; some footers are
  templates shared by several sites (as WordPress sites share the comment-form text).
- distractors: other FNC-1 bodies on the same headline as an original (same topic,
  independently written).
- dates: originals are earliest; some families have a copy dated the same day as the
  original (tie) or an undated member.

Usage:
    python bench/provenance_gen.py --split dev --out /tmp/provenance_dev.json
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newstrace import segment  # noqa: E402
from newstrace.article import normalize_text  # noqa: E402

LEVELS = (0, 2, 5, 10, 20)
MODES = ("lede", "truncated", "embedded", "interleaved", "reordered")
MODE_WEIGHTS = (30, 15, 20, 15, 20)
SEEDS = {"dev": 1, "test": 2}

_WORD = re.compile(r"\w+")
_CORE = re.compile(r"\w+(?:['’]\w+)*")
_STOP = frozenset(
    "the a an of to in and or for on at by with from as is was are were be been it its this that "
    "he she they his her their said says will would has have had not but".split()
)
_WIRE_WORDS = re.compile(
    r"\b(Reuters|Associated Press|AP|AFP|Agence France|dpa|Xinhua|UPI|EFE|TASS|Bloomberg|Yonhap|Kyodo|"
    r"Interfax|ANSA|BelTA|RIA Novosti|Anadolu|PTI|AAP|Canadian Press|Press Association|Ukrinform)\b")
_QUOTE_CHARS = re.compile(r"[\"“”„«»‹›]")

_PREFIX = ["Daily", "Evening", "Morning", "Northern", "Coastal", "Capital", "Metro", "Valley", "National",
           "Independent", "Western", "Eastern", "Harbor", "Lakeside", "Prairie", "Highland", "Riverside",
           "Central", "Union", "Pacific"]
_SUFFIX = ["Courier", "Herald", "Ledger", "Gazette", "Post", "Tribune", "Observer", "Chronicle",
           "Sentinel", "Dispatch", "Monitor", "Bulletin", "Examiner", "Record", "Journal"]
_TLDS = [".com", ".net", ".org", ".co.uk", ".com.au"]
_WIRES = [("Reuters", "reuters.com"), ("Associated Press", "apnews.com"), ("Agence France-Presse", "afp.com")]
_WIRE_DATELINE = {"Reuters": "Reuters", "Associated Press": "AP", "Agence France-Presse": "AFP"}

_FOOTER_TEMPLATES = [
    "© {year} {name}. All rights reserved. This material may not be published, broadcast, rewritten or "
    "redistributed without the written permission of the publisher.",
    "Subscribe to the {name} newsletter to get our top stories delivered to your inbox every morning. "
    "Follow us on social media for breaking news, photos and updates from our reporters.",
    "Unauthorized use and/or duplication of this material without express and written permission from "
    "{name} is strictly prohibited. Excerpts and links may be used, provided that full and clear credit "
    "is given with appropriate and specific direction to the original content.",
]
_ATTRIB_AFTER = ["{name} said.", "said {name}.", "{name} told reporters.", "{name} said on {day}.",
                 "according to {name}.", "{name} wrote."]
_ATTRIB_BEFORE = ["{name} said:", "{name} told journalists:", "As {name} put it:", "{name} added:"]
_FIRST = ["Maria", "John", "Olga", "Ahmed", "Chen", "Lucia", "Peter", "Amina", "Igor", "Sarah", "David",
          "Fatima", "Carlos", "Yuki", "Anna", "Tom", "Elena", "Marco", "Nadia", "Paul"]
_LAST = ["Novak", "Smith", "Kowalski", "Haddad", "Wei", "Romero", "Ivanov", "Okafor", "Berg", "Costa",
         "Fischer", "Nguyen", "Petrov", "Garcia", "Lindqvist", "Murphy", "Sato", "Rossi", "Meyer", "Silva"]
_ROLES = ["a spokesperson for the ministry", "the regional governor", "a local resident", "the police chief",
          "an official", "the company's chief executive", "a senior analyst", "the mayor"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Sent:
    text: str
    words: int


@dataclass
class Body:
    body_id: str
    paragraphs: list[list[Sent]]

    @property
    def words(self) -> int:
        return sum(s.words for p in self.paragraphs for s in p)


@dataclass
class Doc:
    key: int
    text: str
    site: str
    domain: str
    url: str
    published: str | None
    role: str  # original | copy | quote | boilerplate | distractor
    links: list[str] = field(default_factory=list)
    family: int | None = None
    boilerplate_spans: list[list[int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "text": self.text, "site": self.site, "domain": self.domain, "url": self.url,
            "published": self.published, "role": self.role, "links": self.links, "family": self.family,
            "boilerplate_spans": self.boilerplate_spans,
        }


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSTRACE_SHARED", REPO.parent / "shared"))


def bodies_path() -> Path:
    return shared_dir() / "data" / "fnc1" / "train_bodies.csv"


def _clean(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


@lru_cache(maxsize=2)
def load_pool(split: str) -> tuple[list[Body], dict[str, list[str]]]:
    """Bodies of the split, reduced to sentences independent of every sentence kept before."""
    parity = 0 if split == "dev" else 1
    with open(bodies_path(), encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if int(r["Body ID"]) % 2 == parity]
    seen: set[str] = set()
    by4: dict[str, list[int]] = defaultdict(list)  # content 4-gram -> kept sentences
    kept_words: list[set[str]] = []
    bodies: list[Body] = []
    for r in sorted(rows, key=lambda r: int(r["Body ID"])):
        text = normalize_text(r["articleBody"])
        paras: list[list[Sent]] = []
        for pb, pe in segment.paragraphs(text):
            kept: list[Sent] = []
            for sb, se in segment.sentences(text, ((pb, pe),)):
                s = _clean(text[sb:se])
                words = [w.lower() for w in _WORD.findall(s)]
                if len(words) < 4 or not any(c.isalpha() for c in s):
                    continue
                grams = [" ".join(words[i : i + 6]) for i in range(len(words) - 5)]
                grams = [g for g in grams if not all(w in _STOP for w in g.split())]
                if any(g in seen for g in grams) or len(words) < 6 and s.lower() in seen:
                    continue
                if _near_duplicate(words, by4, kept_words):
                    continue
                seen.update(grams)
                if len(words) < 6:
                    seen.add(s.lower())
                sid = len(kept_words)
                kept_words.append({w for w in words if w not in _STOP})
                for g in _content_grams(words, 4):
                    by4[g].append(sid)
                kept.append(Sent(s, len(words)))
            if kept:
                paras.append(kept)
        b = Body(r["Body ID"], paras)
        if b.words >= 40:
            bodies.append(b)
    topics: dict[str, list[str]] = defaultdict(list)
    stances = bodies_path().with_name("train_stances.csv")
    if stances.exists():
        with open(stances, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                if r["Stance"] != "unrelated":
                    topics[r["Headline"]].append(r["Body ID"])
    return bodies, topics


def _content_grams(words: list[str], n: int) -> set[str]:
    grams = (words[i : i + n] for i in range(len(words) - n + 1))
    return {" ".join(g) for g in grams if sum(w not in _STOP for w in g) >= 2}


def _near_duplicate(words: list[str], by4: dict[str, list[int]], kept_words: list[set[str]]) -> bool:
    """A sentence sharing a 4-word sequence with a kept one and half its content words: an
    edited copy of it (FNC-1 bodies rewrite the same wire text), which would be unplanted reuse."""
    mine = {w for w in words if w not in _STOP}
    if not mine:
        return False
    for g in _content_grams(words, 4):
        for sid in by4.get(g, ()):
            other = kept_words[sid]
            if len(mine & other) >= 0.5 * min(len(mine), len(other)):
                return True
    return False


def _quote_share(text: str) -> float:
    """Share of a passage's word characters inside double quotation marks, counted within
    each paragraph; an opening mark left open runs to the end of its paragraph."""
    inside = total = 0
    for para in text.split("\n"):
        state = False
        for ch in para:
            if ch in "“„«\"" and not state:
                state = True
                continue
            if ch in "”»\"" and state:
                state = False
                continue
            if ch.isalnum():
                total += 1
                inside += state
    return inside / total if total else 0.0


class Generator:
    def __init__(self, split: str, seed: int | None = None, families: int | None = None) -> None:
        self.split = split
        self.seed = SEEDS[split] if seed is None else seed
        self.rng = random.Random(self.seed)
        bodies, self.topics = load_pool(split)
        self.bodies = list(bodies)  # the pool is cached: shuffle a copy
        self.rng.shuffle(self.bodies)
        self.by_id = {b.body_id: b for b in self.bodies}
        self.used: set[str] = set()
        self.own: list[Sent] = []  # sentences for the copies' own text, consumed once
        self.docs: list[Doc] = []
        self.passages: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []
        self.quote_groups: list[dict[str, Any]] = []
        self.families_wanted = families
        self.vocab: list[str] = []
        self.sites = self._make_sites()

    # ---------- sites, dates, keys ----------
    def _make_sites(self) -> list[tuple[str, str]]:
        names = [f"{p} {s}" for p in _PREFIX for s in _SUFFIX]
        self.rng.shuffle(names)
        out = []
        for n in names[:70]:
            out.append((n, n.lower().replace(" ", "") + self.rng.choice(_TLDS)))
        return out

    def _date(self) -> datetime:
        start = datetime(2019, 1, 1)
        return start + timedelta(days=self.rng.randrange(5 * 365), hours=self.rng.randrange(24),
                                 minutes=self.rng.randrange(60))

    @staticmethod
    def _fmt(d: datetime, with_time: bool) -> str:
        return d.replace(second=0).isoformat() + "Z" if with_time else d.date().isoformat()

    def _add_doc(self, text: str, site: tuple[str, str], published: str | None, role: str,
                 family: int | None = None, links: list[str] | None = None) -> Doc:
        assert normalize_text(text) == text, "generated text must already be normalised"
        key = len(self.docs)
        slug = hashlib.blake2b(f"{self.seed}-{key}".encode(), digest_size=5).hexdigest()
        d = Doc(key, text, site[0], site[1], f"https://www.{site[1]}/news/{slug}", published, role,
                list(links or []), family)
        self.docs.append(d)
        return d

    # ---------- pool ----------
    def _take_body(self, min_words: int = 120, avoid_wire: bool = False) -> Body | None:
        for b in self.bodies:
            if b.body_id in self.used or b.words < min_words:
                continue
            if avoid_wire and any(_WIRE_WORDS.search(s.text) for p in b.paragraphs for s in p):
                continue
            self.used.add(b.body_id)
            return b
        return None

    def _own_sentences(self, k: int) -> list[Sent]:
        out = []
        while len(out) < k:
            if not self.own:
                b = self._take_body(min_words=0)
                if b is None:
                    raise RuntimeError("FNC-1 pool exhausted: ask for fewer families")
                sents = [s for p in b.paragraphs for s in p
                         if not _WIRE_WORDS.search(s.text) and not _QUOTE_CHARS.search(s.text) and s.words >= 6]
                self.own.extend(sents)
                continue
            out.append(self.own.pop())
        return out

    # ---------- edits ----------
    def _edit(self, text: str, rate: int) -> str:
        """Edit `rate`% of the words: half substitutions, a quarter deletions, a quarter insertions."""
        if rate == 0:
            return text
        paras = [p.split(" ") for p in text.split("\n\n")]
        slots = [(i, j) for i, p in enumerate(paras) for j, w in enumerate(p) if _CORE.search(w)]
        k = max(1, round(rate / 100 * len(slots)))
        chosen = self.rng.sample(slots, min(k, len(slots)))
        ops: dict[tuple[int, int], str] = {}
        for s in chosen:
            ops[s] = self.rng.choices(["sub", "del", "ins"], [2, 1, 1])[0]
        out = []
        for i, p in enumerate(paras):
            words: list[str] = []
            for j, w in enumerate(p):
                op = ops.get((i, j))
                if op == "del" and len(p) > 1:
                    continue
                if op in ("sub", "del"):
                    w = _CORE.sub(lambda m: self.rng.choice(self.vocab), w, count=1)
                words.append(w)
                if op == "ins":
                    words.append(self.rng.choice(self.vocab))
            out.append(" ".join(words))
        return "\n\n".join(out)

    def _restyle(self, text: str) -> str:
        """Typographic variation that is not an edit: straight quotes become curly."""
        text = re.sub(r'(^|[\s(])"', lambda m: m.group(1) + "“", text)
        text = text.replace('"', "”")
        return re.sub(r"(\w)'(\w)", r"\1’\2", text)

    # ---------- building ----------
    def build(self) -> dict[str, Any]:
        all_words = [w for b in self.bodies for p in b.paragraphs for s in p for w in _WORD.findall(s.text)]
        self.vocab = sorted({w.lower() for w in all_words if w.isalpha() and len(w) >= 4})
        self.rng.shuffle(self.vocab)
        self.vocab = self.vocab[:5000]
        total = sum(b.words for b in self.bodies)
        n_fam = self.families_wanted or int(total / 1000)
        bp_sites = self._boilerplate_sites(12)
        for f in range(n_fam):
            if not self._family(f, bp_sites):
                break
        self._quotes(int(n_fam * 0.5))
        self._boilerplate_docs(bp_sites)
        self._distractors(int(n_fam * 0.3))
        return {
            "meta": {
                "generator": "bench/provenance_gen.py",
                "split": self.split,
                "seed": self.seed,
                "bodies_in_split": len(self.bodies),
                "bodies_used": len(self.used),
                "levels": list(LEVELS),
                "modes": list(MODES),
            },
            "docs": [d.to_dict() for d in self.docs],
            "passages": self.passages,
            "relations": self.relations,
            "quote_groups": self.quote_groups,
            "boilerplate_sites": [{"site": s[0], "domain": s[1], "footer": ft} for s, ft in bp_sites],
        }

    def _boilerplate_sites(self, n: int) -> list[tuple[tuple[str, str], str]]:
        out = []
        sites = self.sites[-n:]
        self.sites = self.sites[:-n]
        for i, s in enumerate(sites):
            year = 2019 + self.rng.randrange(5)
            if i % 4 == 3:
                footer = " ".join(x.text for x in self._own_sentences(2))
            else:
                footer = _FOOTER_TEMPLATES[i % 4 % 3].format(name=s[0], year=year)
            out.append((s, footer))
        return out

    def _pick_site(self, bp_sites: list[tuple[tuple[str, str], str]], wire_ok: bool = True) -> tuple[tuple[str, str], str | None]:
        r = self.rng.random()
        if wire_ok and r < 0.15:
            return self.rng.choice(_WIRES), None
        if r < 0.27:
            s, ft = self.rng.choice(bp_sites)
            return s, ft
        return self.rng.choice(self.sites), None

    def _paragraphs_text(self, paras: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
        """Join sentences into paragraphs; return text and each sentence's span."""
        text_parts: list[str] = []
        spans: list[list[tuple[int, int]]] = []
        pos = 0
        for pi, p in enumerate(paras):
            if pi:
                text_parts.append("\n\n")
                pos += 2
            ps = []
            for si, s in enumerate(p):
                if si:
                    text_parts.append(" ")
                    pos += 1
                ps.append((pos, pos + len(s)))
                text_parts.append(s)
                pos += len(s)
            spans.append(ps)
        return "".join(text_parts), spans

    def _family(self, fam: int, bp_sites: list[tuple[tuple[str, str], str]]) -> bool:
        site, footer = self._pick_site(bp_sites)
        is_wire = site in _WIRES
        body = self._take_body(min_words=150, avoid_wire=True)
        if body is None:
            return False
        # The original: the body's first paragraphs, up to ~400 words.
        paras: list[list[str]] = []
        words = 0
        for p in body.paragraphs:
            if words >= 400:
                break
            paras.append([s.text for s in p])
            words += sum(s.words for s in p)
        if len(paras) < 3 and sum(len(p) for p in paras) >= 6:
            # Give one-paragraph bodies paragraph structure so reordered copies are possible.
            flat = [s for p in paras for s in p]
            k = max(1, len(flat) // 3)
            paras = [flat[:k], flat[k : 2 * k], flat[2 * k :]]
        text, sent_spans = self._paragraphs_text(paras)
        bp_span = None
        if footer:
            bp_span = [len(text) + 2, len(text) + 2 + len(footer)]
            text = text + "\n\n" + footer
        d0 = self._date()
        kind = self.rng.random()
        date_case = "tie" if kind < 0.06 else ("undated" if kind < 0.12 else "normal")
        with_time = self.rng.random() < 0.3
        orig_published = self._fmt(d0, with_time)
        if date_case == "undated" and self.rng.random() < 0.5:
            orig_published = None
            undated_member = "original"
        else:
            undated_member = "copy" if date_case == "undated" else None
        orig = self._add_doc(text, site, orig_published, "original", fam)
        if bp_span:
            orig.boilerplate_spans.append(bp_span)
        n_copies = self.rng.randint(3, 6)
        chain = self.rng.random() < 0.3
        members = [orig.key]
        copies = []
        levels: dict[int, int] = {}
        for c in range(n_copies):
            level = self.rng.choice(LEVELS)
            mode = self.rng.choices(MODES, MODE_WEIGHTS)[0]
            if mode == "reordered" and len(paras) < 3:
                mode = "embedded"
            if c == 0 and date_case == "tie":
                published = d0.date().isoformat()
            elif c == 0 and undated_member == "copy":
                published = None
            else:
                dc = d0 + timedelta(days=self.rng.randint(1, 20), hours=self.rng.randrange(24))
                published = self._fmt(dc, with_time and self.rng.random() < 0.7)
            parent = orig
            parent_text, parent_spans, parent_site = text, sent_spans, site
            # The middle of a chain must have edited the text: a verbatim copy of a copy is
            # indistinguishable from a copy of the original.
            single = [x for x in copies if len(x[1]) == 1 and levels[x[0].key] > 0]
            if chain and c == n_copies - 1 and single:
                # A copy of a copy: copies the parent copy's passage, with the parent's edits.
                parent = single[0][0]
                parent_text = parent.text
                mode = "lede"
                level = self.rng.choice((0, 2))
                parent_spans = [[single[0][1][0]]]
                parent_site = (parent.site, parent.domain)
                if published is not None and parent.published is not None:
                    pd = datetime.fromisoformat(parent.published.replace("Z", ""))
                    published = self._fmt(pd + timedelta(days=self.rng.randint(1, 10)), False)
            made = self._copy(fam, parent, parent_text, parent_spans, parent_site, mode, level, published,
                              bp_sites, orig, chain_child=parent is not orig)
            if made is not None:
                copies.append(made)
                members.append(made[0].key)
                levels[made[0].key] = level
        for r in self.relations:
            if r["family"] == fam:
                r["dates_decide"] = date_case == "normal"
                r["date_case"] = date_case
                r["family_members"] = members
        return True

    def _copy(self, fam: int, parent: Doc, ptext: str, pspans: list[list[tuple[int, int]]],
              psite: tuple[str, str], mode: str, level: int, published: str | None,
              bp_sites: list[tuple[tuple[str, str], str]], orig: Doc, chain_child: bool) -> tuple[Doc, list[tuple[int, int]]] | None:
        rng = self.rng
        sents = [(pi, si, sp) for pi, p in enumerate(pspans) for si, sp in enumerate(p)]
        if not sents:
            return None
        # Choose the copied units: each unit is a run of source sentences copied together.
        units: list[list[tuple[int, int]]]  # lists of source sentence spans
        if mode in ("lede", "truncated"):
            total = sum(e - b for _, _, (b, e) in sents)
            share = rng.uniform(0.5, 0.7) if mode == "truncated" else rng.uniform(0.25, 0.6)
            run, acc = [], 0
            for _, _, sp in sents:
                run.append(sp)
                acc += sp[1] - sp[0]
                if acc >= share * total and len(run) >= 2:
                    break
            units = [run]
        elif mode == "embedded":
            k = rng.randint(2, 5)
            start = rng.randrange(max(1, len(sents) - k + 1))
            units = [[sp for _, _, sp in sents[start : start + k]]]
        elif mode == "interleaved":
            k = rng.randint(3, 6)
            start = rng.randrange(max(1, len(sents) - k + 1))
            chosen = [sp for _, _, sp in sents[start : start + k]]
            units, cur = [], []
            for sp in chosen:
                cur.append(sp)
                # A unit is at least 10 words: shorter shared passages are below what a
                # passage is (about 8 words) once edited, and would not be fair ground truth.
                if _words(ptext, cur) >= 10 and rng.random() < 0.6:
                    units.append(cur)
                    cur = []
            if cur:
                if _words(ptext, cur) >= 10 or not units:
                    units.append(cur)
                else:
                    units[-1].extend(cur)
        else:  # reordered: whole paragraphs in another order
            paras = [[sp for sp in p] for p in pspans if p]
            k = min(len(paras), rng.randint(3, 4))
            start = rng.randrange(len(paras) - k + 1)
            units = paras[start : start + k]
            order = list(range(len(units)))
            while order == sorted(order):
                rng.shuffle(order)
            units = [units[i] for i in order]
        if sum(sum(e - b for b, e in u) for u in units) < 120 or any(_words(ptext, u) < 10 for u in units):
            return None
        site, footer = self._pick_site(bp_sites, wire_ok=False)
        while site == psite:
            site, footer = self._pick_site(bp_sites, wire_ok=False)
        restyle = rng.random() < 0.3
        # Credit.
        credit_kind = rng.choices(["none", "other", "name", "domain", "link_text", "link_extra", "dateline"],
                                  [40, 10, 15, 10, 10, 7, 8])[0]
        if credit_kind == "dateline" and psite not in _WIRES:
            credit_kind = "name"
        links: list[str] = []
        credit_line = None
        src_name, src_domain = psite
        if credit_kind == "name":
            # Credit lines stay short (under 7 words with the name), so that two copies
            # crediting the same outlet share no 8-word passage through the credit line.
            credit_line = rng.choice(["Source: {n}.", "First appeared in {n}.", "Via {n}.",
                                      "Originally published by {n}.", "Reporting by {n}."]).format(n=src_name)
        elif credit_kind == "domain":
            credit_line = rng.choice(["Read more at {d}.", "Source: {d}."]).format(d=src_domain)
        elif credit_kind == "link_text":
            credit_line = f"More: https://www.{src_domain}/news/{rng.randrange(10**6)}"
        elif credit_kind == "link_extra":
            links = [parent.url]
        elif credit_kind == "other":
            other = rng.choice([s for s in self.sites if s != psite])
            credit_line = rng.choice(["Source: {n}.", "Via {n}."]).format(n=other[0])
        # Assemble paragraphs of segments: (text, unit index or None).
        unit_texts = []
        for u in units:
            src_text = " ".join(ptext[b:e] for b, e in u) if mode != "reordered" else " ".join(ptext[b:e] for b, e in u)
            t = self._edit(src_text, level)
            if restyle:
                t = self._restyle(t)
            unit_texts.append(t)
        own_n = {"lede": rng.randint(1, 3), "truncated": rng.randint(0, 2), "embedded": rng.randint(2, 4),
                 "interleaved": 0, "reordered": rng.randint(1, 2)}[mode]
        paras: list[list[tuple[str, int | None]]] = []
        if mode in ("lede", "truncated"):
            paras.append([(unit_texts[0], 0)])
            if own_n:
                paras.append([(s.text, None) for s in self._own_sentences(own_n)])
        elif mode == "embedded":
            before = self._own_sentences(rng.randint(1, 2))
            after = self._own_sentences(rng.randint(1, 2))
            paras.append([(s.text, None) for s in before])
            paras.append([(unit_texts[0], 0)])
            paras.append([(s.text, None) for s in after])
        elif mode == "interleaved":
            segs: list[tuple[str, int | None]] = []
            for ui, t in enumerate(unit_texts):
                segs.extend((s.text, None) for s in self._own_sentences(rng.randint(1, 2)))
                segs.append((t, ui))
            if rng.random() < 0.5:
                segs.extend((s.text, None) for s in self._own_sentences(1))
            paras.append(segs)
        else:
            for ui, t in enumerate(unit_texts):
                paras.append([(t, ui)])
            paras.append([(s.text, None) for s in self._own_sentences(own_n)])
        if credit_kind == "dateline":
            tag = _WIRE_DATELINE[src_name]
            paras[0].insert(0, (f"({tag}) —", None))
        if credit_line:
            paras.append([(credit_line, None)])
        # Join and track the copied spans.
        pieces: list[str] = []
        pos = 0
        unit_spans: dict[int, tuple[int, int]] = {}
        for pi, p in enumerate(paras):
            if pi:
                pieces.append("\n\n")
                pos += 2
            for si, (t, ui) in enumerate(p):
                if si:
                    pieces.append(" ")
                    pos += 1
                if ui is not None:
                    unit_spans[ui] = (pos, pos + len(t))
                pieces.append(t)
                pos += len(t)
        text = "".join(pieces)
        bp_span = None
        if footer:
            bp_span = [len(text) + 2, len(text) + 2 + len(footer)]
            text += "\n\n" + footer
        doc = self._add_doc(text, site, published, "copy", fam, links)
        if bp_span:
            doc.boilerplate_spans.append(bp_span)
        copied_spans = []
        rel_passages = []
        for ui, u in enumerate(units):
            cb, ce = _word_trim(text, *unit_spans[ui])
            sb, se = _word_trim(ptext, u[0][0], u[-1][1])
            pid = len(self.passages)
            self.passages.append({
                "id": pid, "kind": "prose", "family": fam, "copy": doc.key, "source": parent.key,
                "copy_span": [cb, ce], "source_span": [sb, se], "level": level, "mode": mode,
                "quote_share": round(_quote_share(_quoted_context(ptext, sb, se)), 3),
            })
            rel_passages.append(pid)
            copied_spans.append((cb, ce))
        self.relations.append({
            "copy": doc.key, "source": parent.key, "original": orig.key, "family": fam, "level": level,
            "mode": mode, "credited": credit_kind in ("name", "domain", "link_text", "link_extra", "dateline"),
            "credit_kind": credit_kind, "passages": rel_passages, "chain": [orig.key, parent.key, doc.key]
            if chain_child else [orig.key, doc.key], "lede_at_start": mode in ("lede", "truncated")
            and credit_kind != "dateline", "restyled": restyle,
        })
        return doc, copied_spans

    def _quotes(self, n: int) -> None:
        for g in range(n):
            q = self._own_sentences(1)[0]
            while q.words < 12:
                q = self._own_sentences(1)[0]
            quote = q.text.rstrip(".!?")
            who = f"{self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}, {self.rng.choice(_ROLES)}"
            k = 3 if self.rng.random() < 0.25 else 2
            members = []
            d0 = self._date()
            # Each outlet words its own attribution: only the quoted words are shared.
            after_t = self.rng.sample(_ATTRIB_AFTER, k)
            before_t = self.rng.sample(_ATTRIB_BEFORE, k)
            for m in range(k):
                qt = quote
                if m and self.rng.random() < 0.3:
                    ws = quote.split(" ")
                    qt = " ".join(ws[: max(10, int(len(ws) * self.rng.uniform(0.6, 0.9)))])
                style = self.rng.choice(["curly", "straight", "guillemet", "curly"])
                o, c = {"curly": ("“", "”"), "straight": ('"', '"'), "guillemet": ("«", "»")}[style]
                # Names only, no roles: a role template shared by two quotation groups would
                # otherwise be an unplanted 8-word passage ("a spokesperson for the ministry said").
                full = who.split(",")[0]
                name = [full, full.split()[-1], "the " + who.split(", ")[1].split()[-1]][m]
                if self.rng.random() < 0.5:
                    para = f"{o}{qt},{c} " + after_t[m].format(name=name, day=self.rng.choice(_DAYS))
                    qb = 1
                else:
                    para = before_t[m].format(name=name) + f" {o}{qt}.{c}"
                    qb = para.index(o) + 1
                before = [s.text for s in self._own_sentences(self.rng.randint(1, 3))]
                after = [s.text for s in self._own_sentences(self.rng.randint(1, 2))]
                text = " ".join(before) + "\n\n" + para + "\n\n" + " ".join(after)
                start = len(" ".join(before)) + 2 + qb
                site, footer = self._pick_site_plain()
                dt = d0 + timedelta(days=self.rng.randint(0, 5))
                doc = self._add_doc(text, site, self._fmt(dt, False), "quote")
                span = _word_trim(text, start, start + len(qt))
                members.append({"doc": doc.key, "quote_span": list(span)})
            self.quote_groups.append({"id": g, "quote": quote, "members": members})

    def _pick_site_plain(self) -> tuple[tuple[str, str], None]:
        return self.rng.choice(self.sites), None

    def _boilerplate_docs(self, bp_sites: list[tuple[tuple[str, str], str]]) -> None:
        for s, footer in bp_sites:
            for _ in range(self.rng.randint(4, 6)):
                own = [x.text for x in self._own_sentences(self.rng.randint(3, 5))]
                body = " ".join(own[:2]) + "\n\n" + " ".join(own[2:])
                text = body + "\n\n" + footer
                doc = self._add_doc(text, s, self._fmt(self._date(), False), "boilerplate")
                doc.boilerplate_spans.append([len(body) + 2, len(text)])

    def _distractors(self, n: int) -> None:
        made = 0
        originals = [d for d in self.docs if d.role == "original"]
        topic_of: dict[str, list[str]] = {}
        for head, ids in self.topics.items():
            for i in ids:
                topic_of.setdefault(i, []).extend(ids)
        for b in list(self.bodies):
            if made >= n:
                break
            if b.body_id in self.used:
                continue
            mates = set(topic_of.get(b.body_id, [])) & self.used
            if not mates:
                continue
            self.used.add(b.body_id)
            paras = [[s.text for s in p] for p in b.paragraphs][:6]
            text, _ = self._paragraphs_text(paras)
            self._add_doc(text, self.rng.choice(self.sites), self._fmt(self._date(), False), "distractor")
            made += 1
        del originals


def _words(text: str, spans: list[tuple[int, int]]) -> int:
    return sum(len(_WORD.findall(text[b:e])) for b, e in spans)


def _quoted_context(text: str, b: int, e: int) -> str:
    """The passage with the start of its paragraph, so a quote opened earlier is seen."""
    pb = text.rfind("\n", 0, b) + 1
    marks = "".join(ch for ch in text[pb:b] if not ch.isalnum())  # punctuation only: no words counted
    return marks + text[b:e]


def _word_trim(text: str, b: int, e: int) -> tuple[int, int]:
    """Shrink [b, e) to start at its first word character and end after its last one."""
    m = re.search(r"\w", text[b:e])
    if not m:
        return b, b
    start = b + m.start()
    end = e
    while end > start and not (text[end - 1].isalnum()):
        end -= 1
    return start, end


def generate(split: str, seed: int | None = None, families: int | None = None) -> dict[str, Any]:
    if not bodies_path().exists():
        raise FileNotFoundError(f"FNC-1 bodies not found at {bodies_path()} (set NEWSTRACE_SHARED)")
    return Generator(split, seed, families).build()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=sorted(SEEDS), default="dev")
    ap.add_argument("--seed", type=int, default=None, help="default: 1 for dev, 2 for test")
    ap.add_argument("--families", type=int, default=None, help="default: as many as the split's text allows")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    if not bodies_path().exists():
        print(f"skipped: FNC-1 bodies not found at {bodies_path()}", file=sys.stderr)
        return 0
    data = generate(args.split, args.seed, args.families)
    args.out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    rel = data["relations"]
    print(f"{args.split} (seed {data['meta']['seed']}): {len(data['docs'])} docs, {len(rel)} copy relations, "
          f"{len(data['quote_groups'])} quotation groups, {len(data['boilerplate_sites'])} boilerplate sites "
          f"-> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
