"""Check examples/ground_truth.json against the files of the example world.

FICTION: the world checked here is invented (see examples/README.md).

Reads the files themselves, not the generator, so it catches a world edited by hand or a
generator that drifted. Standard library only.

    python examples/check_ground_truth.py            # prints problems, exit status 1 if any

From tests: `from check_ground_truth import check; assert check(Path("examples")) == []`.
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

ROLES = {"wire_original", "credited_republish", "uncredited_copy", "independent_report",
         "official_denial", "quote_source", "shared_quote", "unrelated", "other"}
EDIT_LEVELS = {"verbatim", "light", "heavy"}
VERDICTS = {"corroborated", "contradicted", "disputed", "unsupported"}
STANCES = {"agrees", "disagrees", "discusses"}
LABELS = {"copied", "original", "boilerplate"}

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _ws(s: str) -> str:
    return " ".join(s.split())


def declared_charset(raw: bytes) -> str:
    m = _CHARSET.search(raw[:4096])
    return m.group(1).decode("ascii").lower() if m else "utf-8"


def html_haystacks(raw_text: str) -> tuple[str, str]:
    """Two views of a page: the unescaped source, and its text with tags removed."""
    unescaped = _ws(html.unescape(raw_text))
    no_tags = _ws(html.unescape(_TAG.sub("", _SCRIPT_STYLE.sub(" ", raw_text))))
    return unescaped, no_tags


def _in(needle: str, hay: tuple[str, ...]) -> bool:
    n = _ws(needle)
    return any(n in h for h in hay)


def check(examples: Path) -> list[str]:
    errors: list[str] = []
    err = errors.append
    world = examples / "world"
    gt = json.loads((examples / "ground_truth.json").read_text(encoding="utf-8"))

    if "FICTION" not in gt.get("notice", ""):
        err("notice does not state that the world is fiction")
    if not (examples / "FICTION.md").is_file():
        err("FICTION.md is missing")

    arts = {a["key"]: a for a in gt["articles"]}
    if len(arts) != len(gt["articles"]):
        err("article keys are not unique")
    text_of = {k: a["text"] for k, a in arts.items()}
    hay: dict[str, tuple[str, ...]] = {}
    jsonl_cache: dict[str, dict[str, dict]] = {}

    # ------------------------------------------------------------- articles vs files
    for k, a in arts.items():
        path = world / a["path"]
        if not path.is_file():
            err(f"{k}: file {a['path']} missing")
            continue
        if a["role"] not in ROLES:
            err(f"{k}: unknown role {a['role']}")
        if a["format"] == "html":
            raw = path.read_bytes()
            cs = declared_charset(raw)
            if cs != a.get("encoding", "utf-8").lower():
                err(f"{k}: declared charset {cs}, ground truth says {a.get('encoding')}")
            try:
                page = raw.decode(cs)
            except UnicodeDecodeError as e:
                err(f"{k}: does not decode as its declared {cs}: {e}")
                continue
            if cs != "utf-8" and any(b > 127 for b in raw):
                try:
                    raw.decode("utf-8")
                    err(f"{k}: declared {cs} but its non-ASCII bytes are valid UTF-8")
                except UnicodeDecodeError:
                    pass  # really encoded in the legacy charset, as intended
            if "<!-- FICTION:" not in page:
                err(f"{k}: no FICTION comment in the page")
            hay[k] = html_haystacks(page)
            if a["url"] and not _in(a["url"], hay[k]):
                err(f"{k}: url not found in the page (canonical or og:url)")
            if a["date_source"] == "none":
                if _ISO_DATE.search(page):
                    err(f"{k}: marked as having no date but the page holds an ISO date")
            elif a["date_source"] == "url":
                d = a["published"][:10]
                if d.replace("-", "/") not in a["url"]:
                    err(f"{k}: date {d} not in the URL")
                if _ISO_DATE.search(page):
                    err(f"{k}: date should be only in the URL but the page holds an ISO date")
            else:
                # The page states the date in its own format; the day and, when given,
                # the minute must be there.
                pub = a["published"]
                if pub[:10] not in page or (len(pub) > 10 and pub[11:16] not in page):
                    err(f"{k}: published {pub} not in the page")
            for au in a["authors"]:
                if not _in(au, hay[k]):
                    err(f"{k}: author {au} not on the page")
        elif a["format"] == "txt":
            content = path.read_text(encoding="utf-8")
            if content.split("\n", 1)[0] != a["title"]:
                err(f"{k}: first line is not the title")
            if a["published"] is not None or a["url"] is not None:
                err(f"{k}: plain text has no url/date metadata; ground truth must say null")
            hay[k] = (_ws(content),)
        elif a["format"] == "jsonl":
            if a["path"] not in jsonl_cache:
                recs = {}
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    rec = json.loads(line)
                    missing = {"id", "url", "title", "text", "date", "source", "authors"} - set(rec)
                    if missing:
                        err(f"{a['path']} line {n}: missing fields {sorted(missing)}")
                    recs[rec["url"]] = rec
                jsonl_cache[a["path"]] = recs
            rec = jsonl_cache[a["path"]].get(a["url"])
            if rec is None:
                err(f"{k}: no record with this url in {a['path']}")
                continue
            for field, want in (("title", a["title"]), ("text", a["text"]), ("date", a["published"]),
                                ("source", a["outlet"]), ("authors", a["authors"]),
                                ("id", a.get("record_id"))):
                if rec[field] != want:
                    err(f"{k}: jsonl {field} differs from ground truth")
            datetime.fromisoformat(rec["date"])
            hay[k] = (rec["text"],)
        else:
            err(f"{k}: unknown format {a['format']}")
            continue
        if a["format"] != "jsonl":
            if not _in(a["title"], hay[k]):
                err(f"{k}: title not in file")
            for n, para in enumerate(a["text"].split("\n\n")):
                if not _in(para, hay[k]):
                    err(f"{k}: paragraph {n} not in file: {para[:60]!r}")
            for f in a["furniture"]:
                if not _in(f, hay[k]):
                    err(f"{k}: furniture not in file: {f[:60]!r}")
        words = len(a["text"].split())
        if not 150 <= words <= 700:
            err(f"{k}: {words} words, outside 150-700")

    def passage(k: str, p: str, what: str) -> None:
        if k not in arts:
            err(f"{what}: unknown article {k}")
            return
        if p not in text_of[k]:
            err(f"{what}: not an exact substring of {k}'s text: {p[:60]!r}")
        for piece in p.split("\n\n"):
            if k in hay and not _in(piece, hay[k]):
                err(f"{what}: not found in the file of {k}: {piece[:60]!r}")

    # ------------------------------------------------------------------------- reuse
    rel_ids = {r["id"]: r for r in gt["relations"]}
    world_date = {k: datetime.fromisoformat(a["world_date"]) for k, a in arts.items()}
    for r in gt["relations"]:
        if r["edit_level"] not in EDIT_LEVELS:
            err(f"relation {r['id']}: edit level {r['edit_level']}")
        if r["credited"] != bool(r["credit_evidence"]):
            err(f"relation {r['id']}: credited and credit_evidence disagree")
        if world_date[r["source"]] >= world_date[r["target"]]:
            err(f"relation {r['id']}: source is not earlier than target")
        ev = r["credit_evidence"]
        if ev and r["target"] in hay and not _in(ev, hay[r["target"]]):
            err(f"relation {r['id']}: credit evidence not in the target's file")
    for n, u in enumerate(gt["reuse"]):
        what = f"reuse[{n}] ({u['relation']})"
        if u["relation"] not in rel_ids:
            err(f"{what}: unknown relation")
        if u["edit_level"] not in EDIT_LEVELS or u["kind"] != "copied_prose":
            err(f"{what}: bad edit_level or kind")
        passage(u["target"], u["target_passage"], what + " target")
        passage(u["source"], u["source_passage"], what + " source")
        if u["edit_level"] == "verbatim" and u["target_passage"] != u["source_passage"]:
            err(f"{what}: verbatim but the passages differ")
        if u["edit_level"] != "verbatim" and u["target_passage"] == u["source_passage"]:
            err(f"{what}: passages identical but not marked verbatim")

    for c in gt["reuse_clusters"]:
        src = c["source"]
        for m in c["members"]:
            if m != src and world_date[m] <= world_date[src]:
                err(f"cluster {c['id']}: {m} is not later than the source")

    # ------------------------------------------------------------- shared quotations
    for s in gt["shared_quotations"]:
        for k in s["articles"]:
            passage(k, s["quote"], f"shared quotation {s['quote'][:30]!r}")

    # ------------------------------------------------------------------- boilerplate
    for b in gt["boilerplate"]:
        for k in b["articles"]:
            if arts[k]["outlet"] != b["outlet"]:
                err(f"boilerplate {b['text'][:30]!r}: {k} is not from {b['outlet']}")
            if k in hay and not _in(b["text"], hay[k]):
                err(f"boilerplate {b['text'][:30]!r}: not in the file of {k}")
            if b["text"] in text_of[k]:
                err(f"boilerplate {b['text'][:30]!r}: leaked into the article text of {k}")
    per_outlet = Counter(b["outlet"] for b in gt["boilerplate"] if len(b["articles"]) >= 4)
    if not per_outlet:
        err("no boilerplate repeated across at least 4 articles of one outlet")

    # ---------------------------------------------------------------- paragraph map
    for k, entries in gt["paragraph_map"].items():
        paras = text_of[k].split("\n\n")
        if len(entries) != len(paras):
            err(f"paragraph_map {k}: {len(entries)} entries for {len(paras)} paragraphs")
        for e, p in zip(entries, paras):
            if not p.startswith(e["text_start"]):
                err(f"paragraph_map {k}[{e['paragraph_index']}]: text_start does not match")
            if e["label"] not in LABELS:
                err(f"paragraph_map {k}: label {e['label']}")
            if (e["label"] == "copied") != (e["source"] is not None):
                err(f"paragraph_map {k}[{e['paragraph_index']}]: source must be set iff copied")

    # ------------------------------------------------------------------------ claims
    for n, c in enumerate(gt["claims"]):
        what = f"claims[{n}]"
        passage(c["article"], c["sentence"], what)
        if c["verdict"] not in VERDICTS:
            err(f"{what}: verdict {c['verdict']}")
        for e in c["evidence"]:
            if e["stance"] not in STANCES:
                err(f"{what}: stance {e['stance']}")
            passage(e["article"], e["sentence"], what + " evidence")
        stances = {e["stance"] for e in c["evidence"] if e["independent"]}
        if c["verdict"] == "contradicted" and "disagrees" not in stances:
            err(f"{what}: contradicted without independent disagreeing evidence")
        if c["verdict"] == "disputed" and not {"agrees", "disagrees"} <= {e["stance"] for e in c["evidence"]}:
            err(f"{what}: disputed needs evidence on both sides")
        if c["verdict"] == "unsupported" and stances & {"agrees"}:
            err(f"{what}: unsupported but independent evidence agrees")
    for n, c in enumerate(gt["non_claims"]):
        passage(c["article"], c["sentence"], f"non_claims[{n}]")
        if c["text"] not in c["sentence"] or c["label"] not in {"speculation", "opinion"}:
            err(f"non_claims[{n}]: text not in sentence or bad label")

    # ------------------------------------------------------------------------ quotes
    for n, q in enumerate(gt["quotes"]):
        what = f"quotes[{n}]"
        passage(q["article"], q["quote"], what)
        if q["status"] not in {"genuine", "extended", "altered", "invented"}:
            err(f"{what}: status {q['status']}")
        if q.get("genuine_part"):
            if q["genuine_part"] not in q["quote"]:
                err(f"{what}: genuine part not inside the quote")
            passage(q["earliest_source"], q["genuine_part"], what + " genuine part")
        if q["earliest_source"] and world_date[q["earliest_source"]] > world_date[q["article"]]:
            err(f"{what}: earliest source is later than the article")

    for n, s in enumerate(gt["speakers"]):
        passage(s["article"], s["quote"], f"speakers[{n}]")
    if sum(1 for s in gt["speakers"] if s["direct"]) < 30:
        err("fewer than 30 direct quotations in speakers")
    styles = {s["style"].split(" ")[0] for s in gt["speakers"]}
    for want in ("curly", "straight", "guillemets", "fragment", "indirect"):
        if want not in styles:
            err(f"speakers: no {want} quotation")

    # ---------------------------------------------------------------- world shape
    fmt = Counter(a["format"] for a in arts.values())
    roles = Counter(a["role"] for a in arts.values())
    if len(arts) < 40:
        err(f"only {len(arts)} articles")
    if len({a["outlet"] for a in arts.values()}) < 10:
        err("fewer than 10 outlets")
    if fmt["jsonl"] < 10:
        err("fewer than 10 JSONL articles")
    if roles["unrelated"] < 12:
        err("fewer than 12 unrelated articles")
    dates = sorted(world_date.values())
    if (dates[-1] - dates[0]).days < 21:
        err("the world spans less than three weeks")
    demo = gt["main_demo"]
    wire = [k for k, a in arts.items() if a["role"] == "wire_original"]
    first_wire = min(wire, key=lambda k: world_date[k])
    story = next(c for c in gt["reuse_clusters"] if demo["html"] in c["members"])
    if story["source"] != first_wire and world_date[story["source"]] > world_date[first_wire]:
        err("the main story's wire original is not the earliest wire report")
    if world_date[demo["html"]] <= world_date[story["source"]]:
        err("the copier is not later than the wire")
    return errors


def main() -> int:
    examples = Path(__file__).resolve().parent
    errors = check(examples)
    for e in errors:
        print(e)
    gt = json.loads((examples / "ground_truth.json").read_text(encoding="utf-8"))
    print(f"{len(gt['articles'])} articles, {len(gt['reuse'])} reuse passages, "
          f"{len(gt['claims'])} claims, {len(gt['speakers'])} speaker quotations: "
          f"{'FAILED, ' + str(len(errors)) + ' problems' if errors else 'ok'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
