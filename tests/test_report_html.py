"""HTML report: one self-contained file, coloured by provenance, with claims, sources,
verdicts, timeline and copy network; hostile article text never becomes markup."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_report_world import main_dict, main_report

from newstrace import Article, check
from newstrace.evidence import Evidence, decide
from newstrace.report import Report, render_html
from newstrace.report import sections as S
from newstrace.report.html import CSP, copy_network, timeline_items

# Every element the renderer writes. Anything else in the output came from data.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "footer", "main", "aside", "section",
    "div", "p", "h1", "h2", "h3", "span", "time", "a", "b", "small", "code", "br", "ul", "ol", "li",
    "blockquote", "details", "summary", "table", "thead", "tbody", "tr", "th", "td",
    "svg", "defs", "marker", "path", "rect", "line", "circle", "text", "g",
}


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.style: list[str] = []
        self.title: list[str] = []
        self.text: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag in ("style", "title") and self._in is None:
            self._in = tag

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "style":
            self.style.append(data)
        elif self._in == "title" and not self.title:
            self.title.append(data)
        self.text.append(data)


def parse(doc: str) -> Collect:
    c = Collect()
    c.feed(doc)
    c.close()
    return c


def assert_inert(doc: str) -> Collect:
    """No element, attribute or URL that could run code or fetch anything."""
    c = parse(doc)
    tags = {t for t, _ in c.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert not any(t == "script" for t, _ in c.tags)
    for tag, attrs in c.tags:
        for name, value in attrs:
            assert not name.lower().startswith("on"), (tag, name, value)
            assert name.lower() not in ("src", "srcdoc", "style", "xlink:href", "formaction", "action"), (tag, name)
            if name.lower() == "href":
                v = (value or "").strip().lower()
                assert v.startswith(("http://", "https://", "#")), (tag, value)
            if value and tag != "meta":
                assert "javascript:" not in value.lower() or name in ("title",), (tag, name, value)
    metas = [dict(a) for t, a in c.tags if t == "meta"]
    assert metas[1]["http-equiv"] == "Content-Security-Policy"
    assert [t for t, _ in c.tags].count("style") == 1
    return c


# ----------------------------------------------------------------------------- the example world


@pytest.fixture(scope="module")
def doc() -> str:
    return render_html(main_report())


def test_self_contained_and_inert(doc):
    c = assert_inert(doc)
    # No network: no external resources anywhere, not even in the stylesheet.
    css = "".join(c.style)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert not re.search(r"""(src|srcset|poster|data)\s*=""", doc.split("<body>", 1)[1].replace("data-", ""))


def test_csp_forbids_scripts_and_pins_the_stylesheet(doc):
    c = parse(doc)
    css = "".join(c.style)
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in CSP
    assert "default-src 'none'" in CSP and "script-src" not in CSP  # default 'none' covers scripts
    assert f'content="{CSP}"' in doc.replace("&#x27;", "'")


def test_sections_are_there_for_screenshots(doc):
    for section in ("summary", "article", "sources", "claims", "quotes", "signals", "timeline", "network"):
        assert f'id="{section}"' in doc, section


def test_paragraphs_are_coloured_by_provenance(doc):
    r = main_report()
    labels = [p["label"] for p in r.sections["provenance"]["paragraphs"]]
    cls = {"original": "p-original", "copied": "p-copied", "shared_quotation": "p-quotation", "boilerplate": "p-boilerplate"}
    found = re.findall(r'<p class="para (p-[a-z]+)" id="para-(\d+)">', doc)
    assert [c for c, _ in found] == [cls[x] for x in labels]
    assert "copied" in labels and "original" in labels
    # The copied paragraphs name their source and say they are not credited.
    first_copied = labels.index("copied") + 1
    block = doc.split(f'id="para-{first_copied}">', 1)[1].split("</p>", 1)[0]
    assert "not credited" in block and "Meridian Press Agency" in block


def test_claims_are_highlighted_and_linked_to_their_verdicts(doc):
    r = main_report()
    claims = r.sections["claims"]["claims"]
    for i in range(1, len(claims) + 1):
        assert f'href="#claim-{i}"' in doc and f'id="claim-{i}"' in doc
        assert f'href="#text-claim-{i}"' in doc
    verdicts = S.verdict_by_claim(r.to_dict())
    assert len(verdicts) == len(r.sections["verdicts"]) > 0
    for i, v in verdicts.items():
        li = doc.split(f'<li id="claim-{i + 1}">', 1)[1].split('<li id="claim-', 1)[0]
        assert v["label"].replace("_", " ") in li
    # Quotes are marked in the text too.
    assert doc.count('class="quote"') + doc.count(' quote"') + doc.count("quote ") > 0


def test_internal_links_resolve_and_ids_are_unique(doc):
    c = parse(doc)
    ids = [v for _, a in c.tags for n, v in a if n == "id"]
    assert len(ids) == len(set(ids))
    targets = {v[1:] for _, a in c.tags for n, v in a if n == "href" and v.startswith("#")}
    assert targets and targets <= set(ids), targets - set(ids)
    markers = {v for _, a in c.tags for n, v in a if n == "marker-end"}
    assert markers and all(m.startswith("url(#") and m[5:-1] in ids for m in markers)


def test_sources_panel_lists_outlets_with_links_and_credit(doc):
    sources = doc.split('id="sources"', 1)[1].split("</section>", 1)[0]
    assert "Meridian Press Agency" in sources
    assert 'href="https://www.mpawire.example/world/2025/03/11/velmark-open-to-concord-exercises"' in sources
    assert "not credited" in sources
    assert "light" in sources  # edit level


def test_timeline_orders_coverage_by_date():
    items = timeline_items(main_dict())
    roles = {it["role"] for it in items}
    assert {"checked", "copied", "quotation"} <= roles
    dated = sorted((it for it in items if it["t"] is not None), key=lambda it: it["t"])
    assert dated[-1]["role"] == "checked"  # the copy is the latest of its story
    assert any(it["outlet"] == "Meridian Press Agency" for it in dated)


def test_copy_network_has_the_uncredited_lift_from_the_wire():
    nodes, edges = copy_network(main_dict())
    ids = {n["id"] for n in nodes}
    assert {"mpawire.example", "frontlinedispatch.example"} <= ids
    lift = [e for e in edges if e["source"] == "mpawire.example" and e["target"] == "frontlinedispatch.example"]
    assert lift and lift[0]["kind"] == "chain" and lift[0]["credited"] is False
    # Other outlets carrying the wire's passage hang off the wire, not off the copy.
    carriers = [e for e in edges if e["kind"] == "carrier"]
    assert carriers and all(e["source"] == "mpawire.example" for e in carriers)
    assert all(e["source"] != e["target"] for e in edges)


def test_renders_without_provenance_or_verdicts():
    for kw in ({"with_provenance": False}, {"with_verdicts": False}, {"with_provenance": False, "with_verdicts": False}):
        out = render_html(main_report(**kw))
        assert_inert(out)
        assert 'id="article"' in out
        if not kw.get("with_provenance", True):
            assert "Provenance was not traced" in out
            assert "p-copied" not in out.split("<body>", 1)[1].split('id="article"', 1)[1].split("</main>", 1)[0]
        if not kw.get("with_verdicts", True):
            assert "No verdicts in this report" in out
    bare = render_html(Report.from_check({"article": {"text": "", "id": "0"}}))
    assert_inert(bare)


# ----------------------------------------------------------------------------- hostile input

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><iframe src=javascript:alert(1)></iframe>",
    "</style><script>alert(2)</script>",
    "</title><script>alert(3)</script>",
    '<a href="javascript:alert(5)">x</a>',
    "javascript:alert(4)",
    "<!-- --><base href=//evil.example/>",
    "[bold red]markup[/] [link=javascript:alert(6)]x[/link]",
]
P = " ".join(PAYLOADS)


def _hostile_world():
    body = [
        f"The harbour council {P} voted on Tuesday to close the old ferry pier after engineers found the "
        "supports badly corroded, the mayor said in a statement to reporters outside the town hall.",
        f"“{PAYLOADS[0]} We cannot risk lives,” said {PAYLOADS[2]} Mayor Ann Lee, adding that repairs "
        "would cost more than the council spends on roads in a whole year.",
        f"Critics {PAYLOADS[1]} say the decision will hurt tourism in the summer season.",
    ]
    source = Article.from_paragraphs(
        body[:2], title=f"Source {P}", url="https://source.example/story/1", site=f"Source {PAYLOADS[2]}",
        published="2024-05-01", authors=(f"Reporter {PAYLOADS[1]}",),
    )
    source2 = Article.from_paragraphs(
        body[:2] + ["A different ending for this site."], title=f"Evil {P}", url="javascript:alert('url')",
        site=f"Evil {PAYLOADS[4]}", domain=f"evil{PAYLOADS[3]}", published="2024-05-02",
    )
    hostile = Article.from_paragraphs(
        body, title=f"Title {P}", url="javascript:alert(document.domain)", site=f"Site {P}",
        domain=f"dom{PAYLOADS[2]}", published=f"2024-05-03{PAYLOADS[0]}", authors=(f"Author {P}",),
        published_source=PAYLOADS[2], language="en",
    )
    return hostile, [source, source2]


@pytest.fixture(scope="module")
def hostile_doc() -> tuple[str, Report]:
    from newstrace import Archive
    from newstrace.reuse import MemoryIndex, site_key, trace
    from newstrace.reuse.provenance import tokens_for

    hostile, others = _hostile_world()
    docs = {a.id: a for a in [hostile, *others]}
    index, cache = MemoryIndex(), {}
    for k, a in docs.items():
        index.add(k, tokens_for(k, a, cache), site=site_key(a))
    with Archive(":memory:") as archive:
        archive.ingest(others)
        d = check(hostile, archive).to_dict()
    if "provenance" not in d:
        d["provenance"] = trace(hostile, index, lookup=docs.get, self_key=hostile.id, token_cache=cache).to_dict()
    assert d["provenance"]["groups"], "the hostile copy must be traced, so its sources get rendered"
    assert d["related"], "the hostile sources must show up as related articles"
    claim = d["claims"]["claims"][0]
    ev = [
        Evidence(sentence=P, article_id="e1", site=f"Ev {P}", url="javascript:alert(7)", date=PAYLOADS[1],
                 stance="agrees", score=0.9),
        Evidence(sentence=P, article_id="e2", site="Ok", domain=PAYLOADS[3], url="https://ok.example/a",
                 stance="disagrees", score=0.8),
    ]
    v = decide(claim["text"], ev).to_dict()
    d["verdicts"] = [{**v, "claim_index": 0, "reasons": [P]}]
    d["signals"].append({"kind": f"k{PAYLOADS[2]}", "severity": "high", "message": P, "spans": [[0, 5]],
                         "evidence": {}, "target": "text"})
    r = Report.from_check(d)
    return render_html(r), r


def test_hostile_article_renders_as_text_only(hostile_doc):
    doc, _ = hostile_doc
    c = assert_inert(doc)
    assert "".join(c.style) == parse(render_html(main_report())).style[0]  # </style> did not end the sheet
    # The payloads are shown, as text.
    assert "Title " + P in c.title[0]
    alltext = "".join(c.text)
    for p in PAYLOADS:
        assert p in alltext, p


def test_hostile_urls_are_never_links(hostile_doc):
    doc, _ = hostile_doc
    c = parse(doc)
    hrefs = [v for t, a in c.tags for n, v in a if n == "href"]
    assert all(h.startswith(("https://", "http://", "#")) for h in hrefs), hrefs
    assert "https://source.example/story/1" in hrefs  # the safe one is linked
    assert "https://ok.example/a" in hrefs
    # The unsafe article URL is shown, marked, as text.
    assert 'class="url unsafe"' in doc


def test_hostile_values_never_reach_class_or_id(hostile_doc):
    doc, _ = hostile_doc
    c = parse(doc)
    for tag, attrs in c.tags:
        for name, value in attrs:
            if name in ("class", "id"):
                assert re.fullmatch(r"[a-z0-9 _-]*", value or ""), (tag, name, value)


def test_hostile_language_in_a_not_analysed_reason_stays_text():
    hostile, _ = _hostile_world()
    d = check(hostile.with_changes(language=PAYLOADS[1])).to_dict()
    assert PAYLOADS[1] in d["claims"]["not_analysed"]
    c = assert_inert(render_html(Report.from_check(d)))
    assert PAYLOADS[1] in "".join(c.text)


_chars = st.sampled_from(list("ab <>&\"'`=/\\;:()[]{}é—“”\u2028x\n"))


@settings(max_examples=60, deadline=None)
@given(st.lists(_chars, min_size=1, max_size=120).map("".join),
       st.lists(st.tuples(st.integers(0, 130), st.integers(0, 40)), max_size=6))
def test_marked_text_reads_back_exactly(raw, spans):
    art = Article(text=raw, title=raw, url=raw, site=raw)
    n = len(art.text)
    sp = [[min(b, n), min(n, b + w)] for b, w in spans]
    d = {
        "article": art.to_dict(),
        "claims": {"claims": [{"text": art.text[b:e], "span": [b, e], "label": "claim"} for b, e in sp[:3]]},
        "quotes": {"quotes": [{"text": art.text[b:e], "span": [b, e], "kind": "direct"} for b, e in sp[3:]]},
        "signals": [{"kind": "k", "severity": "high", "message": raw, "spans": sp}],
    }
    out = render_html(Report.from_check(d))
    assert_inert(out)
    body = out.split('<main id="article">', 1)[1].split("</main>", 1)[0]
    paras = re.findall(r'<p class="para [^"]*" id="para-\d+">(.*?)</p>', body, flags=re.S)
    assert len(paras) == len(art.paragraphs)
    for (b, e), inner in zip(art.paragraphs, paras):
        inner = re.sub(r'<span class="pnum">[^<]*</span>', "", inner)
        inner = re.sub(r'<a class="cref"[^>]*>\d+</a>', "", inner)
        inner = re.sub(r"<[^>]+>", "", inner.replace("<br>", "\n"))
        assert html.unescape(inner) == art.text[b:e]


def test_a_verdict_its_probabilities_contradict_is_flagged():
    d = {"article": {"text": "The pier closed.", "id": "a"},
         "claims": {"claims": [{"text": "The pier closed.", "span": [0, 16], "label": "claim"}]},
         "verdicts": [{"claim": "The pier closed.", "label": "corroborated", "confidence": 0.13, "claim_span": [0, 16],
                       "label_probabilities": {"corroborated": 0.13, "disputed": 0.86, "contradicted": 0.01}}]}
    out = render_html(Report.from_check(d))
    assert "uncertain: counted as corroborated, but the stance probabilities favour disputed (86%)" in out
    d["verdicts"][0]["label_probabilities"] = {"corroborated": 0.9, "disputed": 0.1}
    assert "uncertain:" not in render_html(Report.from_check(d))
