"""HTML reader on written pages: templates, encodings, dates and their sources, bad input."""

from __future__ import annotations

import time
from pathlib import Path


from newstrace.article import Article
from newstrace.read import Reason, Rejected, read_html, read_path
from newstrace.read.decode import codec_for_label, decode, sniff_binary

FIX = Path(__file__).parent / "fixtures" / "read"


def _read(name: str, **kw) -> Article:
    art = read_html((FIX / name).read_bytes(), source=name, **kw)
    assert isinstance(art, Article), art
    return art


def test_news_page_keeps_story_and_drops_nav_sidebar_comments_footer() -> None:
    art = _read("news_article.html")
    assert art.title == "Port authority approves dredging plan despite fishermen's objections"
    paras = art.paragraph_texts()
    assert len(paras) == 5
    assert paras[0].startswith("The Harbour City port authority on Tuesday approved")
    assert paras[-1].startswith("The dredging is expected to start in October")
    for junk in ("Breaking: Road closures", "Most read", "Another stitch-up", "Jobs matter too",
                 "Sign up to our daily newsletter", "All rights reserved", "Bass stocks recover", "Advertisement"):
        assert junk not in art.text
    assert art.authors == ("Priya Natarajan",)
    assert art.site == "Harbour City Chronicle"
    assert art.url == "https://www.harbourcitychronicle.co.uk/news/2024/03/12/port-dredging-plan-approved"
    assert art.domain == "harbourcitychronicle.co.uk"
    assert (art.published, art.published_source) == ("2024-03-12T17:45:00+00:00", "meta:article:published_time")
    assert art.language == "en" and art.extra["language_source"] == "html-lang"


def test_sentences_of_extracted_text() -> None:
    art = _read("news_article.html")
    sents = art.sentence_texts()
    assert sents[1] == ("The board voted six to three in favour after a four-hour meeting at the harbour offices.")
    assert '"Without this work we lose the two shipping lines that account for a third of our traffic," Greaves told the board.' in sents
    assert sents[-1] == "The authority said it would monitor water quality during the work and publish the results every month."


def test_blog_comment_form_and_share_widgets_are_gone() -> None:
    art = _read("blog_comment_form.html")
    assert art.title == "What the new bus timetable means for night workers"
    assert len(art.paragraphs) == 5
    for junk in ("Leave a Reply", "Akismet", "Share this", "Like this", "Post Comment", "Required fields",
                 "Posted in", "Previous post", "Copyright", "Skip to content"):
        assert junk not in art.text
    assert (art.published, art.published_source) == ("2023-04-11T08:15:00+01:00", "time-element")
    assert art.authors == ("Tom Hallam",)
    assert art.site == "Riverside Notes"
    assert art.url == "https://riversidenotes.blog/what-the-new-bus-timetable-means-for-night-workers/"
    assert "£180,000" in art.text  # &pound; entity decoded


def test_json_ld_article_date_wins_over_page_object_and_authors_split() -> None:
    art = _read("jsonld_article.html", url="https://coastlinepost.com/environment/water-fine-sewage-spills?utm_source=x")
    assert (art.published, art.published_source) == ("2022-09-06T11:20:00+01:00", "json-ld:datePublished")
    assert art.authors == ("Helen McAllister", "Owen Pryce")
    # relative canonical resolved against the URL it was read from
    assert art.url == "https://coastlinepost.com/environment/water-fine-sewage-spills"
    assert "We will keep testing the water every week until the discharges stop for good." in art.paragraph_texts()
    assert "Beach cleanup" not in art.text and "Terms" not in art.text


def test_malformed_markup_still_gives_every_paragraph() -> None:
    art = _read("malformed.html", url="https://eveningpost.example.com/2023/05/19/stadium-denial")
    paras = art.paragraph_texts()
    assert len(paras) == 5
    assert paras[3].startswith("Opposition councillors have called for an emergency meeting")
    assert paras[4] == "Northgate Estates did not respond to requests for comment."
    assert "Posted in" not in art.text and "Home" not in art.text
    # no date in the markup: the URL's is used, and no year from the body text is turned into a date
    assert (art.published, art.published_source) == ("2023-05-19", "url")


def test_page_without_byline_or_date() -> None:
    art = _read("no_byline_no_date.html")
    assert art.authors == ()
    assert art.published is None and art.published_source is None
    assert art.url is None and art.domain is None and art.site is None
    assert art.language == "en" and art.extra["language_source"] == "detected"


def test_fallback_date_only_when_the_page_has_none() -> None:
    undated = _read("no_byline_no_date.html", fallback_date=("2020-02-02T10:00:00+00:00", "warc-date"))
    assert (undated.published, undated.published_source) == ("2020-02-02T10:00:00+00:00", "warc-date")
    dated = _read("news_article.html", fallback_date=("2020-02-02T10:00:00+00:00", "warc-date"))
    assert dated.published_source == "meta:article:published_time"


def test_windows_1252_page() -> None:
    art = _read("windows1252.html")
    assert art.extra["encoding"] == "cp1252"
    assert art.title == "Café owners fight “unfair” rate rise"
    assert "“We’re not asking for special treatment – we’re asking" in art.text
    assert "€2,000" in art.text and "Zoë Lefèvre" in art.text
    assert art.authors == ("Sinéad O’Connor-Barry",)
    assert (art.published, art.published_source) == ("2018-11-05", "meta:date")
    # the layout-table menu and the copyright line are removed and reported
    kinds = {b.kind: b.text for b in art.boilerplate}
    assert kinds == {"navigation": "Home · News · Letters", "copyright": "© Old Town Gazette 1998–2018"}


def test_german_page_declared_latin1_decodes_as_windows_1252() -> None:
    art = _read("german_latin1.html")
    assert art.extra["encoding"] == "cp1252"
    assert "„wichtigen Schritt für die Verkehrswende“" in art.text
    assert art.language == "de"
    assert art.site == "Neue Lokalzeitung"
    assert art.published_source == "meta:article:published_time"
    assert "Alle Rechte" not in art.text


def test_russian_cp1251_page() -> None:
    art = _read("russian_cp1251.html")
    assert art.extra["encoding"] == "cp1251"
    assert art.title == "В городе откроют новый мост через реку"
    assert art.paragraph_texts()[0].startswith("Новый автомобильный мост через реку Светлую")
    assert art.language == "ru" and art.site == "Городские вести"
    # the date is only in a <div class="date">: found by trafilatura (htmldate), said so
    assert (art.published, art.published_source) == ("2020-10-14", "trafilatura")


def test_shift_jis_page() -> None:
    art = _read("japanese_shift_jis.html")
    assert art.extra["encoding"] == "cp932"
    assert art.title == "市営バス、来月から運賃を値上げ"
    assert len(art.paragraphs) == 3 and art.language == "ja"


def test_http_charset_outranks_meta() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Grüße aus München, sagte die Bürgermeisterin am Montag vor der Presse.</p><p>Ein zweiter Absatz folgt hier mit mehr Text über die Stadt.</p></body></html>'
    art = read_html(html.encode("utf-8"), charset="utf-8")
    assert isinstance(art, Article) and "Grüße aus München" in art.text


def test_meta_charset_mislabelling_utf8_as_latin1() -> None:
    html = '<html><head><meta charset="iso-8859-1"><title>t</title></head><body><p>Café owners in Zürich say the “rent rise” will close them within a year, a survey found.</p><p>Second paragraph with more words in it for the extractor.</p></body></html>'
    art = read_html(html.encode("utf-8"))
    assert isinstance(art, Article)
    assert "Café owners in Zürich" in art.text
    assert art.extra["encoding_note"] == "mislabelled-utf-8"


def test_cross_domain_canonical_keeps_the_address_read_from() -> None:
    html = (FIX / "news_article.html").read_text(encoding="utf-8")
    art = read_html(html, url="https://copycat-news.example.net/story/123")
    assert isinstance(art, Article)
    assert art.url == "https://copycat-news.example.net/story/123"
    assert art.domain == "example.net"
    assert art.extra["canonical_url"].startswith("https://www.harbourcitychronicle.co.uk/")


def test_bad_inputs() -> None:
    assert read_html(b"", source="e.html") == Rejected("e.html", Reason.NOT_HTML, "no HTML markup found")
    png = read_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, source="p.html")
    assert isinstance(png, Rejected) and png.reason is Reason.BINARY and "PNG" in png.detail
    json_text = read_html(b'{"title": "not a page", "text": "hello"}', source="j.html")
    assert isinstance(json_text, Rejected) and json_text.reason is Reason.NOT_HTML
    prose = read_html(b"Just some plain words without any markup at all.", source="t.html")
    assert isinstance(prose, Rejected) and prose.reason is Reason.NOT_HTML
    empty_page = read_html(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", source="n.html")
    assert isinstance(empty_page, Rejected) and empty_page.reason is Reason.EMPTY_TEXT


def test_invalid_utf8_page_is_read_with_the_bad_byte_recorded() -> None:
    data = (FIX / "jsonld_article.html").read_bytes().replace(b'<meta charset="utf-8">', b"")
    i = data.index(b"untreated sewage")
    data = data[:i] + b"\xc3\x28" + data[i:]  # an invalid two-byte sequence
    art = read_html(data, source="bad.html")
    assert isinstance(art, Article)
    assert art.extra["decode_errors"]["first_bad_byte"] == i
    assert art.extra["encoding_note"] == "utf-8-damaged"


def test_fifty_megabyte_page_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    para = b"<p>" + b"A paragraph of a very long page that nobody should parse. " * 20 + b"</p>\n"
    with open(path, "wb") as f:
        f.write(b"<!doctype html><html><body>\n")
        while f.tell() < 50 * 1024 * 1024:
            f.write(para * 100)
        f.write(b"</body></html>\n")
    start = time.perf_counter()
    items = list(read_path(path))
    elapsed = time.perf_counter() - start
    assert len(items) == 1
    r = items[0]
    assert isinstance(r, Rejected) and r.reason is Reason.TOO_LARGE and r.source == str(path)
    assert "over the cap of 20971520" in r.detail
    assert elapsed < 5  # a stat, not a parse (parsing 50 MB would take far longer)
    in_memory = read_html(path.read_bytes(), source="mem")
    assert isinstance(in_memory, Rejected) and in_memory.reason is Reason.TOO_LARGE


def test_decode_helpers() -> None:
    assert codec_for_label("ISO-8859-1") == "cp1252"
    assert codec_for_label("Shift_JIS") == "cp932"
    assert codec_for_label("no-such-charset") is None
    assert sniff_binary(b"%PDF-1.7\n...") == "PDF document"
    assert sniff_binary("ab".encode("utf-16-le") * 50) is None  # UTF-16 text without BOM
    assert decode("hello world".encode("utf-16")).text == "hello world"
    assert decode(b"\xef\xbb\xbfhi").how == "bom"


def test_microdata_date_and_article_header_lines() -> None:
    html = """<html lang="fr"><head><meta property="article:section" content="International">
    <title>Le pont rouvre - Le Courrier</title></head><body>
    <article itemscope itemtype="https://schema.org/NewsArticle">
    <p class="surtitre">International</p>
    <h1>Le pont rouvre</h1>
    <p class="signature">Par Sophie Garnier</p>
    <p class="date">Publié le 12 mars 2025 à 18h05</p>
    <time itemprop="datePublished" datetime="2025-03-12T18:05:00+01:00"></time>
    <p>Le pont de la rivière a rouvert lundi après six semaines de travaux, a annoncé la mairie dans un communiqué.</p>
    <p>Les travaux ont coûté 2,4 millions d'euros, selon la ville, qui prévoit une inauguration officielle en avril.</p>
    <p>© Le Courrier - Tous droits réservés</p>
    </article></body></html>"""
    art = read_html(html, url="https://www.courrier.example/international/2025/03/12/le-pont-rouvre")
    assert isinstance(art, Article)
    assert (art.published, art.published_source) == ("2025-03-12T18:05:00+01:00", "microdata:datePublished")
    assert art.paragraph_texts()[0].startswith("Le pont de la rivière a rouvert lundi")
    assert len(art.paragraphs) == 2
    assert art.authors == ("Sophie Garnier",)
    kinds = [(b.kind, b.text) for b in art.boilerplate]
    assert ("navigation", "International") in kinds and ("byline", "Par Sophie Garnier") in kinds
    assert ("byline", "Publié le 12 mars 2025 à 18h05") in kinds
    assert any(k == "copyright" for k, _ in kinds)


def test_byline_with_published_tail_is_cleaned() -> None:
    html = """<html><head><title>Bridge repairs approved</title></head><body><div class="story">
    <h1>Bridge repairs approved</h1><p class="byline">By Hannah Voss<br>Published: 11/03/2025 14:05</p>
    <p>The council approved repairs to the harbour bridge on Tuesday evening after a long debate about the cost.</p>
    <p>Work will start in May and the bridge will close to lorries for the duration of the repairs.</p>
    </div></body></html>"""
    art = read_html(html)
    assert isinstance(art, Article)
    assert art.authors == ("Hannah Voss",)
    assert not art.text.startswith("By ")
