"""The web service in-process: every route, the one error shape, size caps, token, safety.

The archive is the example world (examples/world), ingested once per module.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'newstrace[web]'")
pytest.importorskip("python_multipart", reason="the web extra is not installed: pip install 'newstrace[web]'")

from fastapi.testclient import TestClient  # noqa: E402

from newstrace.archive import Archive  # noqa: E402
from newstrace.read import read_path  # noqa: E402
from newstrace.web import create_app  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
WORLD = REPO / "examples" / "world"
COPIER = REPO / "examples" / "check" / "copier_article.txt"
BASE = "http://127.0.0.1"


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web") / "world.sqlite"
    with Archive(path) as a:
        summary = a.ingest(read_path(WORLD))
    assert summary.added > 30
    return path


@pytest.fixture(scope="module")
def client(archive_path) -> TestClient:
    return TestClient(create_app(archive_path), base_url=BASE)


@pytest.fixture(scope="module")
def article_ids(client) -> list[str]:
    return [a["id"] for a in client.get("/api/articles?limit=100").json()["articles"]]


def assert_error(resp, status: int, code: str | None = None) -> dict:
    """The one error shape: {"error": {"code", "message", "detail"}} and nothing else."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "detail"}
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]


# -- pages ---------------------------------------------------------------------------


def test_pages_render_with_security_headers(client, article_ids):
    aid = article_ids[0]
    for path in ["/", "/search", "/search?q=Velmark", "/reports", "/network", "/api", "/login",
                 f"/articles/{aid}", f"/articles/{aid}/story"]:
        r = client.get(path, headers={"accept": "text/html"})
        assert r.status_code == 200, (path, r.text[:500])
        assert r.headers["content-type"].startswith("text/html")
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "same-origin"
        assert "<script" not in r.text.lower()  # the service sends no script at all
        assert "http://" not in r.text.split("<main")[0] and "https://" not in r.text.split("<main")[0]


def test_static_assets_are_local_and_served(client):
    r = client.get("/static/style.css")
    assert r.status_code == 200 and "text/css" in r.headers["content-type"]
    assert "@import" not in r.text and "url(http" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff"


def test_home_shows_archive_facts(client):
    r = client.get("/")
    assert "Check an article" in r.text
    assert "Ostmere Gazette" in r.text  # a top site from the example world


def test_search_page_filters(client):
    r = client.get("/search", params={"q": "Velmark", "site": "dailylantern.example"})
    assert r.status_code == 200
    assert "dailylantern.example" in r.text
    r = client.get("/search", params={"since": "2025-03-20"})
    assert r.status_code == 200 and "<table" in r.text
    r = client.get("/search", params={"q": "Velmark", "since": "not-a-date"}, headers={"accept": "text/html"})
    assert r.status_code == 400 and "not an ISO 8601 date" in r.text


# -- the API -------------------------------------------------------------------------


def test_stats(client):
    s = client.get("/api/stats").json()
    assert s["articles"] >= 40 and s["sites"] >= 10
    assert "path" not in s  # the server's file layout is not published


def test_search_api_with_filters(client):
    r = client.get("/api/search", params={"q": "Velmark", "limit": 50})
    hits = r.json()["hits"]
    assert r.status_code == 200 and len(hits) >= 3
    sites = {h["domain"] for h in hits}
    assert len(sites) > 1
    one = client.get("/api/search", params={"q": "Velmark", "site": "dailylantern.example"}).json()["hits"]
    assert one and all(h["domain"] == "dailylantern.example" for h in one)
    later = client.get("/api/search", params={"q": "Velmark", "since": "2025-03-15"}).json()["hits"]
    assert all((h["published"] or "")[:10] >= "2025-03-15" for h in later)
    assert len(later) < len(hits)


def test_browse_articles_api(client):
    arts = client.get("/api/articles", params={"site": "Ostmere Gazette"}).json()["articles"]
    assert arts and all(a["site"] == "Ostmere Gazette" for a in arts)
    dates = [a["published"] for a in arts if a["published"]]
    assert dates == sorted(dates, reverse=True)


def test_article_related_and_prefix(client, article_ids):
    aid = article_ids[0]
    full = client.get(f"/api/articles/{aid}").json()
    assert full["id"] == aid and full["text"]
    assert client.get(f"/api/articles/{aid[:8]}").json()["id"] == aid
    rel = client.get(f"/api/articles/{aid}/related").json()
    assert rel["article_id"] == aid and isinstance(rel["related"], list)


def test_provenance_of_a_copier(client):
    # The Frontline Dispatch lifted the opening of the Arlenburg Post's report (see examples/world).
    hits = client.get("/api/search", params={"q": "Sea Lantern", "site": "frontlinedispatch.example"}).json()["hits"]
    assert hits
    aid = hits[0]["article_id"]
    prov = client.get(f"/api/articles/{aid}/provenance").json()["provenance"]
    sources = [s["source"]["domain"] for s in prov["sources"]]
    assert "arlenburgpost.example" in sources
    page = client.get(f"/articles/{aid}/story").text
    assert "arlenburgpost" in page.lower() or "Arlenburg Post" in page
    assert "newstrace reuse" in page  # the corpus-wide view is not there yet, and the page says so


def test_check_text_then_fetch_report(client):
    text = COPIER.read_text(encoding="utf-8")
    r = client.post("/api/check", json={"text": text, "source_url": "https://copier.example/story"})
    assert r.status_code == 201, r.text
    body = r.json()
    rid = body["id"]
    assert r.headers["location"] == f"/api/reports/{rid}"
    report = body["report"]
    assert report["schema_version"] and report["article"]["title"]
    assert report["article"]["url"] == "https://copier.example/story"
    assert "claims" in report and "signals" in report and "summary" in report
    again = client.get(f"/api/reports/{rid}")
    assert again.status_code == 200 and again.json() == body
    listed = client.get("/api/reports").json()["reports"]
    assert rid in [x["id"] for x in listed]
    page = client.get(f"/reports/{rid}")
    assert page.status_code == 200 and f'src="/reports/{rid}/document"' in page.text
    doc = client.get(f"/reports/{rid}/document")
    assert doc.status_code == 200 and doc.text.lstrip().lower().startswith("<!doctype html")
    assert "frame-ancestors 'self'" in doc.headers["content-security-policy"]
    assert "script-src" not in doc.headers["content-security-policy"] or "'none'" in doc.headers["content-security-policy"]
    dl = client.get(f"/reports/{rid}/document", params={"download": 1})
    assert "attachment" in dl.headers["content-disposition"]


def test_check_html_string_and_upload(client):
    page = WORLD / "html" / "arlenburgpost" / "concord-navies-begin-sea-lantern-exercise-a91802.html"
    data = page.read_bytes()
    r = client.post("/api/check", json={"html": data.decode("utf-8"), "source_url": "https://example.org/a"})
    assert r.status_code == 201, r.text
    r = client.post("/api/check", files={"file": (page.name, data, "text/html")})
    assert r.status_code == 201, r.text
    assert r.json()["input"] == "upload"
    # A browser may send an unknown type: the content decides.
    r = client.post("/api/check", files={"file": ("saved_page", data, "application/octet-stream")})
    assert r.status_code == 201, r.text
    r = client.post("/api/check", files={"file": ("a.txt", COPIER.read_bytes(), "text/plain")})
    assert r.status_code == 201, r.text


def test_check_archived_article(client, article_ids):
    r = client.post(f"/api/articles/{article_ids[1]}/check")
    assert r.status_code == 201 and r.json()["input"] == "archive"
    page = client.post(f"/articles/{article_ids[1]}/check", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/reports/")


def test_page_form_check_redirects_to_report(client):
    r = client.post("/check", data={"mode": "text", "text": COPIER.read_text(encoding="utf-8")}, follow_redirects=False)
    assert r.status_code == 303
    rid = r.headers["location"].rsplit("/", 1)[-1]
    assert client.get(f"/api/reports/{rid}").status_code == 200


def test_page_form_errors_keep_the_input(client):
    r = client.post("/check", data={"mode": "text", "text": "   ", "title": "Kept <title>"}, headers={"accept": "text/html"})
    assert r.status_code == 422 and "the pasted text is empty" in r.text
    assert "Kept &lt;title&gt;" in r.text
    r = client.post("/check", data={"mode": "url", "url": "http://10.1.2.3/x"}, headers={"accept": "text/html"})
    assert r.status_code == 400 and "private address 10.1.2.3" in r.text
    r = client.post("/check", data={"mode": "file"}, files={"file": ("x.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")})
    assert r.status_code == 415 and "PNG" in r.text


def test_openapi_documents_the_api(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for p in ["/api/check", "/api/search", "/api/reports/{report_id}", "/api/articles/{article_id}", "/api/stats",
              "/api/articles", "/api/reports", "/api/articles/{article_id}/provenance"]:
        assert p in paths, p
    content = paths["/api/check"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(content)
    assert "ErrorBody" in spec["components"]["schemas"]
    assert not any(p.startswith("/reports") or p == "/" for p in paths)  # pages are not API


# -- bad input: one error shape, and the service keeps serving -------------------------


@pytest.mark.parametrize(
    "method,path,kwargs,status,code",
    [
        ("get", "/no/such/route", {}, 404, "not_found"),
        ("get", "/api/no-such-endpoint", {}, 404, "not_found"),
        ("delete", "/api/stats", {}, 405, "method_not_allowed"),
        ("get", "/api/reports/0123456789abcdef", {}, 404, "not_found"),
        ("get", "/api/articles/ffffffffffffffff", {}, 404, "not_found"),
        ("get", "/api/articles/ffffffffffffffff/provenance", {}, 404, "not_found"),
        ("post", "/api/articles/ffffffffffffffff/check", {}, 404, "not_found"),
        ("get", "/api/search", {}, 422, "validation_error"),
        ("get", "/api/search?q=x&limit=0", {}, 422, "validation_error"),
        ("get", "/api/search?q=x&since=31/12/2025", {}, 400, "bad_input"),
        ("get", "/api/network", {}, 409, "reuse_not_run"),
        ("post", "/api/check", {"content": b'{"text": "unterminated', "headers": {"content-type": "application/json"}}, 400, "malformed_json"),
        ("post", "/api/check", {"content": b"\xff\xfe\x00", "headers": {"content-type": "application/json"}}, 400, "malformed_json"),
        ("post", "/api/check", {"json": ["a list"]}, 422, "validation_error"),
        ("post", "/api/check", {"json": {}}, 422, "validation_error"),
        ("post", "/api/check", {"json": {"text": "a", "url": "https://example.org/"}}, 422, "validation_error"),
        ("post", "/api/check", {"json": {"text": "a", "colour": "red"}}, 422, "validation_error"),
        ("post", "/api/check", {"json": {"text": 12}}, 422, "validation_error"),
        ("post", "/api/check", {"json": {"text": "   \n  "}}, 422, "empty_text"),
        ("post", "/api/check", {"json": {"text": "Some text.", "source_url": "javascript:alert(1)"}}, 422, "validation_error"),
        ("post", "/api/check", {"content": b"hello", "headers": {"content-type": "text/plain"}}, 415, "unsupported_media_type"),
        ("post", "/api/check", {"files": {"file": ("x.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")}}, 415, "binary"),
        ("post", "/api/check", {"files": {"file": ("x.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf")}}, 415, "binary"),
        ("post", "/api/check", {"files": {"file": ("data.json", b'{"a": 1}', "application/json")}}, 415, "unsupported_media_type"),
        ("post", "/api/check", {"files": {"file": ("empty.html", b"", "text/html")}}, 422, "validation_error"),
        ("post", "/api/check", {"json": {"html": "<html><body><nav>menu</nav></body></html>"}}, 422, "empty_text"),
    ],
)
def test_bad_requests_get_the_one_error_shape(client, method, path, kwargs, status, code):
    resp = getattr(client, method)(path, **kwargs)
    assert_error(resp, status, code)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/",
        "http://localhost/admin",
        "http://10.0.0.7/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "file:///etc/passwd",
        "ftp://example.org/x",
    ],
)
def test_private_and_non_http_urls_are_refused(client, url):
    err = assert_error(client.post("/api/check", json={"url": url}), 400, "fetch_refused")
    assert err["detail"]["input"] == url


def test_service_keeps_serving_after_bad_requests(client):
    bad = [
        lambda: client.post("/api/check", content=b"{nope", headers={"content-type": "application/json"}),
        lambda: client.post("/api/check", json={"url": "http://127.0.0.1/"}),
        lambda: client.post("/api/check", files={"file": ("a.bin", b"\x7fELF" + b"\0" * 100, "application/octet-stream")}),
        lambda: client.get("/api/articles/nothing-here"),
        lambda: client.get("/api/reports/nothing-here"),
        lambda: client.post("/api/check", content=b"x" * 100, headers={"content-type": "application/x-unknown"}),
    ]
    for _ in range(5):
        for f in bad:
            assert 400 <= f().status_code < 500
    good = client.post("/api/check", json={"text": COPIER.read_text(encoding="utf-8")})
    assert good.status_code == 201
    assert client.get("/api/stats").status_code == 200


# -- size caps -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_client(archive_path) -> TestClient:
    return TestClient(create_app(archive_path, max_upload_bytes=32 * 1024), base_url=BASE)


def test_body_over_the_cap_is_refused_by_content_length(small_client):
    err = assert_error(small_client.post("/api/check", json={"text": "word " * 20000}), 413, "payload_too_large")
    assert "32768" in err["message"]
    upload = {"file": ("big.html", b"<html><body><p>" + b"a" * 40000 + b"</p></body></html>", "text/html")}
    assert_error(small_client.post("/api/check", files=upload), 413, "payload_too_large")


def test_streamed_body_over_the_cap_is_refused_while_reading(small_client):
    sent = []

    def chunks():
        for _ in range(100):  # 100 x 4 KiB: the cap is 32 KiB
            sent.append(1)
            yield b'{"text": "' + b"a" * 4096 if len(sent) == 1 else b"a" * 4096

    r = small_client.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in {k.lower() for k in r.request.headers}
    assert_error(r, 413, "payload_too_large")
    # and the service still works
    assert small_client.post("/api/check", json={"text": COPIER.read_text(encoding="utf-8")}).status_code == 201


def test_bad_content_length_is_refused(small_client):
    r = small_client.post("/api/check", content=b"{}", headers={"content-type": "application/json", "content-length": "x"})
    assert r.status_code in (400, 413)  # the client library may refuse it before us; never a 5xx


# -- reports are bounded --------------------------------------------------------------


def test_report_store_is_bounded(archive_path):
    c = TestClient(create_app(archive_path, report_capacity=2), base_url=BASE)
    text = COPIER.read_text(encoding="utf-8")
    ids = [c.post("/api/check", json={"text": text}).json()["id"] for _ in range(3)]
    err = assert_error(c.get(f"/api/reports/{ids[0]}"), 404, "not_found")
    assert "2 most recent" in err["message"]
    assert c.get(f"/api/reports/{ids[2]}").status_code == 200
    assert c.get("/api/reports").json()["kept"] == 2


# -- token ---------------------------------------------------------------------------

TOKEN = "s3cret-token-for-tests"


@pytest.fixture()
def token_client(archive_path) -> TestClient:
    return TestClient(create_app(archive_path, token=TOKEN), base_url="http://newstrace.internal")


def test_token_required_for_api_and_pages(token_client):
    err = assert_error(token_client.get("/api/stats"), 401, "unauthorized")
    assert "Bearer" in err["message"]
    assert token_client.get("/api/stats").headers["www-authenticate"].startswith("Bearer")
    assert_error(token_client.get("/api/stats", headers={"authorization": "Bearer wrong"}), 401, "unauthorized")
    assert_error(token_client.get("/openapi.json"), 401, "unauthorized")
    assert_error(token_client.post("/api/check", json={"text": "x"}), 401, "unauthorized")
    assert token_client.get("/api/stats", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
    r = token_client.get("/search?q=x", headers={"accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=%2Fsearch")
    # what stays public: the login page, static files, the health check
    assert token_client.get("/login").status_code == 200
    assert token_client.get("/static/style.css").status_code == 200
    assert token_client.get("/healthz").json() == {"status": "ok"}


def test_login_form_sets_a_session_cookie(token_client):
    r = token_client.post("/login", data={"token": "nope", "next": "/search"}, follow_redirects=False)
    assert r.status_code == 401 and "not right" in r.text
    r = token_client.post("/login", data={"token": TOKEN, "next": "https://evil.example/"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"  # no open redirect
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and TOKEN not in cookie
    assert token_client.get("/api/stats").status_code == 200  # the client kept the cookie
    r = token_client.post("/logout", follow_redirects=False)
    assert r.status_code == 303
    assert_error(token_client.get("/api/stats"), 401, "unauthorized")


def test_token_in_the_query_sets_the_cookie_once(token_client):
    r = token_client.get(f"/search?q=Velmark&token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/search?q=Velmark"  # the token leaves the address bar
    assert "set-cookie" in r.headers
    assert token_client.get("/search?q=Velmark").status_code == 200


def test_token_service_answers_any_host_name(token_client):
    r = token_client.get("/api/stats", headers={"authorization": f"Bearer {TOKEN}", "host": "news.example.org"})
    assert r.status_code == 200


# -- host and origin checks -----------------------------------------------------------


def test_foreign_host_header_is_refused_without_token(client):
    # DNS rebinding: a page on evil.example re-pointed to 127.0.0.1 sends its own Host.
    assert_error(client.get("/api/stats", headers={"host": "evil.example"}), 400, "host_not_allowed")
    assert client.get("/api/stats", headers={"host": "localhost:8000"}).status_code == 200


def test_cross_origin_post_is_refused(client):
    r = client.post("/api/check", json={"text": "x"}, headers={"origin": "https://evil.example"})
    assert_error(r, 403, "cross_origin_refused")
    r = client.post("/check", data={"mode": "text", "text": "x"}, headers={"origin": "null"})
    assert r.status_code == 403


# -- internal errors and the archive going away ---------------------------------------


def test_unexpected_errors_become_500_in_the_one_shape(archive_path):
    app = create_app(archive_path)

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret internals")

    c = TestClient(app, base_url=BASE, raise_server_exceptions=False)
    err = assert_error(c.get("/api/boom"), 500, "internal_error")
    assert "secret" not in err["message"]
    assert c.get("/api/stats").status_code == 200


def test_archive_that_breaks_gives_503(tmp_path):
    path = tmp_path / "a.sqlite"
    with Archive(path) as a:
        a.ingest(read_path(WORLD / "text"))
    c = TestClient(create_app(path), base_url=BASE)
    assert c.get("/api/stats").status_code == 200
    for extra in (Path(str(path) + "-wal"), Path(str(path) + "-shm")):
        extra.unlink(missing_ok=True)
    path.write_bytes(b"this is not a database any more" * 100)
    assert_error(c.get("/api/stats"), 503, "archive_unavailable")


def test_create_app_refuses_a_missing_archive(tmp_path):
    from newstrace.errors import ArchiveError

    with pytest.raises(ArchiveError, match="newstrace ingest"):
        create_app(tmp_path / "nothing.sqlite")


# -- serve() and the extra -------------------------------------------------------------


def test_serve_refuses_a_public_address_without_token(archive_path, monkeypatch):
    from newstrace.errors import NewstraceError
    from newstrace.web import serve

    monkeypatch.delenv("NEWSTRACE_TOKEN", raising=False)
    for host in ("0.0.0.0", "192.168.1.20", "::"):
        with pytest.raises(NewstraceError, match="without a token"):
            serve(archive_path, host=host, port=1)


def test_missing_web_extra_names_the_install_command(archive_path, monkeypatch):
    from newstrace.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "fastapi", None)  # makes `import fastapi` fail
    with pytest.raises(MissingExtraError, match=r"pip install 'newstrace\[web\]'"):
        create_app(archive_path)


# -- escaping in server-rendered pages ---------------------------------------------------

HOSTILE = {
    "title": 'Breaking <script>window.__xss=1</script> "><svg onload=alert(1)>',
    "url": "javascript:alert(document.cookie)",
    "site": "<img src=x onerror=alert(2)>",
    "authors": ['"><script>alert(3)</script>'],
    "text": "First paragraph <script>window.__xss=1</script> about Velmark.\n\n"
            "Second <img src=x onerror=\"window.__xss=1\"> paragraph with <a href=\"javascript:alert(4)\">a link</a>.",
}


def test_hostile_article_is_escaped_on_every_page(tmp_path):
    from newstrace.article import Article

    path = tmp_path / "hostile.sqlite"
    with Archive(path) as a:
        a.add(Article(text=HOSTILE["text"], title=HOSTILE["title"], url=HOSTILE["url"], site=HOSTILE["site"],
                      authors=tuple(HOSTILE["authors"]), published="2025-03-01"))
        aid = next(a.articles()).id
    c = TestClient(create_app(path), base_url=BASE)
    rid = c.post("/api/check", json={"text": HOSTILE["text"], "title": HOSTILE["title"]}).json()["id"]
    pages = [f"/articles/{aid}", f"/articles/{aid}/story", "/search?q=Velmark", "/search", f"/reports/{rid}",
             f"/reports/{rid}/document", "/reports", "/"]
    for p in pages:
        html = c.get(p).text.lower()
        assert "<script" not in html, p
        assert "<img src=x" not in html and "<svg onload" not in html, p
        assert 'href="javascript:' not in html, p
    article_page = c.get(f"/articles/{aid}").text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in article_page
    assert "javascript:alert(document.cookie)" in article_page  # shown, as text only
    # the API returns the data as it is: JSON is not HTML
    assert c.get(f"/api/articles/{aid}").json()["title"] == HOSTILE["title"]


# -- corpus-wide reuse (after `newstrace reuse`) ----------------------------------------


@pytest.fixture(scope="module")
def reuse_client(tmp_path_factory) -> TestClient:
    reuse_job = pytest.importorskip("newstrace.reuse_job", reason="this newstrace has no `newstrace reuse` job")
    path = tmp_path_factory.mktemp("web-reuse") / "world.sqlite"
    with Archive(path) as a:
        a.ingest(read_path(WORLD))
        reuse_job.run_reuse(a)
    return TestClient(create_app(path), base_url=BASE)


def test_corpus_views_need_a_reuse_run_first(client, article_ids):
    assert_error(client.get("/api/clusters"), 409, "reuse_not_run")
    err = assert_error(client.get(f"/api/articles/{article_ids[0]}/clusters"), 409, "reuse_not_run")
    assert "newstrace reuse" in err["message"]
    page = client.get("/network")
    assert "newstrace reuse" in page.text and 'id="network"' not in page.text


def test_network_and_clusters_after_reuse(reuse_client):
    net = reuse_client.get("/api/network").json()
    assert net["articles_processed"] >= 40 and net["clusters"] >= 1
    edges = {(e["copier"], e["source"]): e for e in net["edges"]}
    lifted = edges[("frontlinedispatch.example", "arlenburgpost.example")]  # the lifted lede of examples/world
    assert lifted["copies"] >= 1 and lifted["credited"] == 0
    clusters = reuse_client.get("/api/clusters", params={"kind": "copied_prose"}).json()["clusters"]
    assert clusters and all(c["kind"] == "copied_prose" for c in clusters)
    sizes = [c["size"] for c in clusters]
    assert sizes == sorted(sizes, reverse=True)
    page = reuse_client.get("/network")
    assert 'id="network"' in page.text and "frontlinedispatch.example" in page.text


def test_story_page_shows_the_articles_cluster(reuse_client):
    hits = reuse_client.get("/api/search", params={"q": "Sea Lantern", "site": "frontlinedispatch.example"}).json()["hits"]
    aid = hits[0]["article_id"]
    mine = reuse_client.get(f"/api/articles/{aid}/clusters").json()["clusters"]
    assert any(aid in [m["id"] for m in c["members"]] for c in mine)
    assert any("arlenburgpost.example" in [m["site"] for m in c["members"]] for c in mine)
    page = reuse_client.get(f"/articles/{aid}/story").text
    assert 'id="clusters"' in page and 'id="reuse-notice"' not in page
    assert "(this article)" in page
