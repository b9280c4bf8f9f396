"""The HTML pages: check an article, browse and search the archive, read an article, read a
report, a story's provenance and the site copy network, the API overview and the login.

Pages are plain server-rendered HTML with forms; the service sends no script at all, so the
Content-Security-Policy can forbid inline script outright.
"""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import NewstraceError
from .api import article_from, get_article_or_404, get_report_or_404
from .errors import ApiError, from_library_error
from .guard import SESSION_COOKIE, session_cookie, session_value
from .story_view import provenance_view

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50


def page(request: Request, template: str, *, status: int = 200, nav: str | None = None, **ctx: Any) -> HTMLResponse:
    svc = request.app.state.service
    html = svc.env.get_template(template).render(nav=nav, auth=svc.token is not None, **ctx)
    return HTMLResponse(html, status_code=status)


def _home(request: Request, *, status: int = 200, error: ApiError | None = None, form: dict[str, Any] | None = None,
          mode: str = "text") -> HTMLResponse:
    svc = request.app.state.service
    with svc.archive() as a:
        stats = dict(svc.stats(a))
    stats["top_sites"] = stats["top_sites"][:8]
    return page(request, "index.html", status=status, nav="check", stats=stats, reports=svc.reports.recent(8),
                error=error, form=form or {}, mode=mode, max_upload_mb=svc.max_upload_bytes / 1048576)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return _home(request)


@router.post("/check")
async def check_form(request: Request) -> Response:
    svc = request.app.state.service
    form = await request.form(max_files=1, max_fields=16, max_part_size=svc.max_upload_bytes)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    mode = fields.get("mode", "text")
    kind = mode
    payload: dict[str, Any] = dict(fields)
    try:
        if mode == "file":
            upload = form.get("file")
            if upload is None or isinstance(upload, str) or not upload.filename:
                raise ApiError(422, "validation_error", "choose an HTML file to upload")
            payload.update(data=await upload.read(), filename=upload.filename, content_type=upload.content_type)
            kind = "upload"
        elif mode not in ("text", "url"):
            raise ApiError(422, "validation_error", f"unknown form mode {mode!r}")
        await form.close()

        def work() -> Any:
            return svc.check_article(article_from(kind, payload, svc), kind)

        rep = await svc.in_check_thread(work)
    except ApiError as err:
        return _home(request, status=err.status, error=err, form=fields, mode=mode)
    except NewstraceError as exc:
        err = from_library_error(exc)
        return _home(request, status=err.status, error=err, form=fields, mode=mode)
    return RedirectResponse(f"/reports/{rep.id}", status_code=303)


@router.get("/reports", response_class=HTMLResponse)
def reports(request: Request) -> HTMLResponse:
    store = request.app.state.service.reports
    return page(request, "reports.html", nav="reports", reports=store.recent(store.capacity), capacity=store.capacity)


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report(request: Request, report_id: str) -> HTMLResponse:
    rep = get_report_or_404(request, report_id)
    return page(request, "report.html", nav="reports", rep=rep)


@router.get("/reports/{report_id}/document")
def report_document(request: Request, report_id: str, download: bool = False) -> Response:
    """The self-contained HTML report (render_html). The report page frames it; `download`
    saves it as a file to keep or send."""
    from ..report.html import CSP

    rep = get_report_or_404(request, report_id)
    headers = {
        # The document's own policy (no script, only its hashed stylesheet), which may be
        # framed by this service's report page and by nothing else.
        "content-security-policy": CSP + "; frame-ancestors 'self'",
        "x-frame-options": "SAMEORIGIN",
    }
    if download:
        headers["content-disposition"] = f'attachment; filename="newstrace-report-{rep.id}.html"'
    return HTMLResponse(rep.html(), headers=headers)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "", site: str = "", since: str = "", until: str = "", page_no: int = 1) -> HTMLResponse:
    svc = request.app.state.service
    q, site, since, until = q.strip()[:1000], site.strip(), since.strip(), until.strip()
    page_no = max(1, min(page_no, 1000))
    hits: list[Any] = []
    articles: list[Any] = []
    error = None
    more = False
    with svc.archive() as a:
        sites = [s for s, _ in svc.stats(a)["top_sites"] if s != "(unknown)"]
        try:
            want = PAGE_SIZE * page_no + 1
            if q:
                found = a.search(q, site=site or None, since=since or None, until=until or None, limit=want)
                hits = [h.to_dict() for h in found[PAGE_SIZE * (page_no - 1): PAGE_SIZE * page_no]]
                more = len(found) == want
            else:
                found_a = list(a.articles(site=site or None, since=since or None, until=until or None, limit=want, order="newest"))
                articles = found_a[PAGE_SIZE * (page_no - 1): PAGE_SIZE * page_no]
                more = len(found_a) == want
        except NewstraceError as exc:
            error = from_library_error(exc)
    return page(request, "search.html", status=error.status if error else 200, nav="archive",
                q=q, site=site, since=since, until=until, sites=sites, hits=hits, articles=articles,
                error=error, page_no=page_no, more=more)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    svc = request.app.state.service
    with svc.archive() as a:
        art = get_article_or_404(a, article_id)
        related = [h.to_dict() for h in a.related(art, limit=8)]
        versions = a.versions(art.url) if art.url else []
    return page(request, "article.html", nav="archive", art=art, related=related,
                versions=[v for v in versions if v.id != art.id])


@router.post("/articles/{article_id}/check")
async def check_archived(request: Request, article_id: str) -> Response:
    svc = request.app.state.service

    def work() -> Any:
        with svc.archive() as a:
            art = get_article_or_404(a, article_id)
        return svc.check_article(art, "archive")

    rep = await svc.in_check_thread(work)
    return RedirectResponse(f"/reports/{rep.id}", status_code=303)


@router.get("/articles/{article_id}/story", response_class=HTMLResponse)
def story(request: Request, article_id: str) -> HTMLResponse:
    from .story import REUSE_HINT, clusters_of, provenance

    svc = request.app.state.service
    prov = None
    prov_error = None
    note = None
    with svc.archive() as a:
        art = get_article_or_404(a, article_id)
        corpus = svc.corpus.get(a)
        clusters = clusters_of(a, corpus, art.id) if corpus is not None else None
        try:
            prov, note = provenance(art, a, svc.local_index)
        except ApiError as err:
            prov_error = err
    art_dict = art.to_dict()
    view = provenance_view(prov.to_dict(), art_dict) if prov is not None else None
    return page(request, "story.html", nav="archive", art=art, corpus=corpus, clusters=clusters, prov=view,
                prov_error=prov_error, note=note, reuse_hint=REUSE_HINT)


@router.get("/network", response_class=HTMLResponse)
def network(request: Request) -> HTMLResponse:
    from .story import REUSE_HINT, cluster_records

    svc = request.app.state.service
    with svc.archive() as a:
        corpus = svc.corpus.get(a)
        top = cluster_records(a, corpus, corpus.clusters[:20]) if corpus is not None else []
    return page(request, "network.html", nav="network", corpus=corpus, top_clusters=top, reuse_hint=REUSE_HINT)


@router.get("/api", response_class=HTMLResponse)
def api_overview(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    routes = []
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            params = [p.get("name") for p in op.get("parameters", [])]
            routes.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                           "description": op.get("description", ""), "params": params})
    return page(request, "api.html", nav="api", routes=routes)


def _safe_next(value: str | None) -> str:
    # Only local paths: an open redirect to another site after login would be a phishing aid.
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return page(request, "login.html", nav="login", next=_safe_next(next), error=None)


@router.post("/login")
async def login(request: Request) -> Response:
    svc = request.app.state.service
    form = await request.form(max_files=0, max_fields=4, max_part_size=4096)
    given = str(form.get("token") or "")
    nxt = _safe_next(str(form.get("next") or "/"))
    await form.close()
    if svc.token is None:
        return RedirectResponse(nxt, status_code=303)
    if not hmac.compare_digest(given.encode(), svc.token.encode()):
        return page(request, "login.html", nav="login", status=401, next=nxt, error="That token is not right.")
    resp = RedirectResponse(nxt, status_code=303)
    resp.headers["set-cookie"] = session_cookie(session_value(svc.token))
    return resp


@router.post("/logout")
def logout() -> Response:
    resp = RedirectResponse("/login", status_code=303)
    resp.headers["set-cookie"] = f"{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
    return resp
