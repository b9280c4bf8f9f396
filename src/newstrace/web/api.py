"""The JSON API under /api. Its OpenAPI document is served at /openapi.json.

Read endpoints are sync functions: FastAPI runs them on its worker pool, and each opens its
own read-only Archive (see app.py). POST /api/check reads the body on the event loop (it is
already capped by the body-size middleware) and runs reading, fetching and checking on the
check workers.
"""

from __future__ import annotations

import json
from typing import Any, Literal, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import inputs
from .errors import ApiError

router = APIRouter(prefix="/api")


class ErrorInfo(BaseModel):
    code: str = Field(description="stable machine-readable code, e.g. not_found, payload_too_large, fetch_refused")
    message: str = Field(description="what went wrong, for people")
    detail: Any = Field(default=None, description="more about the failure (validation errors, the rejected input)")


class ErrorBody(BaseModel):
    error: ErrorInfo


ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorBody, "description": d}
    for s, d in {
        400: "bad input", 401: "token missing or wrong", 404: "unknown id or route",
        413: "body over the size cap", 415: "not an HTML page or text", 422: "invalid request", 500: "internal error",
    }.items()
}


class CheckRequest(BaseModel):
    """Give exactly one of text, html or url."""

    model_config = ConfigDict(extra="forbid")
    text: Optional[str] = Field(default=None, description="the article's plain text (a first short line is taken as its title)")
    html: Optional[str] = Field(default=None, description="the article's saved HTML page")
    url: Optional[str] = Field(default=None, description="an http(s) URL to fetch (private addresses are refused)")
    title: Optional[str] = Field(default=None, description="title, for text input")
    source_url: Optional[str] = Field(default=None, description="where the text or HTML was published (for source rating and credit)")


MULTIPART_SCHEMA = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "a saved HTML page (or a .txt article)"},
        "text": {"type": "string"}, "url": {"type": "string"}, "title": {"type": "string"}, "source_url": {"type": "string"},
    },
}


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


async def read_check_input(request: Request) -> tuple[str, dict[str, Any]]:
    """(kind, fields) from a JSON or multipart/form body; raises ApiError on anything else."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json" or ctype.endswith("+json"):
        raw = await request.body()
        try:
            payload = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ApiError(400, "malformed_json", f"the request body is not valid JSON: {exc}") from None
        if not isinstance(payload, dict):
            raise ApiError(422, "validation_error", "the JSON body must be an object such as {\"text\": \"...\"}")
        try:
            req = CheckRequest.model_validate(payload)
        except ValidationError as exc:
            errors = [{"loc": ["body", *map(str, e["loc"])], "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
            first = errors[0]
            raise ApiError(422, "validation_error", f"invalid request: {'.'.join(first['loc'])}: {first['msg']}", errors) from None
        fields = req.model_dump()
        given = [k for k in ("text", "html", "url") if fields.get(k) not in (None, "")]
        if len(given) != 1:
            raise ApiError(422, "validation_error", "give exactly one of text, html or url", {"given": given})
        return given[0], fields
    if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        svc = request.app.state.service
        form = await request.form(max_files=1, max_fields=16, max_part_size=svc.max_upload_bytes)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        upload = form.get("file")
        if upload is not None and not isinstance(upload, str):
            data = await upload.read()
            await form.close()
            if data:
                return "upload", {**fields, "data": data, "filename": upload.filename, "content_type": upload.content_type}
        await form.close()
        given = [k for k in ("text", "html", "url") if (fields.get(k) or "").strip()]
        if len(given) != 1:
            raise ApiError(422, "validation_error", "give exactly one of: a file, text, html or url", {"given": given})
        return given[0], fields
    raise ApiError(415, "unsupported_media_type",
                   f"send application/json or multipart/form-data, not {ctype or 'a body without a content type'}")


def article_from(kind: str, fields: dict[str, Any], svc: Any) -> Any:
    cap = svc.max_upload_bytes
    if kind == "text":
        return inputs.from_text(fields["text"], title=fields.get("title"), source_url=fields.get("source_url"), max_bytes=cap)
    if kind == "html":
        return inputs.from_html(fields["html"], source_url=fields.get("source_url"), max_bytes=cap)
    if kind == "url":
        return inputs.from_url(fields["url"], svc.fetch)
    if kind == "upload":
        return inputs.from_upload(fields["data"], filename=fields.get("filename"), content_type=fields.get("content_type"), max_bytes=cap)
    raise ApiError(422, "validation_error", f"unknown input kind {kind!r}")


@router.post(
    "/check",
    status_code=201,
    summary="Check an article",
    description="Body: JSON `{text|html|url, title?, source_url?}` or a multipart form with `file` (a saved HTML page). "
    "Runs every available analysis against the archive and keeps the report (in memory, most recent first).",
    responses={**ERRORS, 502: {"model": ErrorBody, "description": "the URL could not be fetched"}},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": CheckRequest.model_json_schema()},
        "multipart/form-data": {"schema": MULTIPART_SCHEMA},
    }}},
)
async def post_check(request: Request) -> Response:
    svc = request.app.state.service
    kind, fields = await read_check_input(request)

    def work() -> Any:
        return svc.check_article(article_from(kind, fields, svc), kind)

    rep = await svc.in_check_thread(work)
    return Response(rep.json_bytes, status_code=201, media_type="application/json",
                    headers={"location": f"/api/reports/{rep.id}"})


@router.get("/reports", summary="Recent reports", responses=ERRORS)
def list_reports(request: Request, limit: int = Query(20, ge=1, le=200)) -> JSONResponse:
    store = request.app.state.service.reports
    return _json({"reports": [r.summary() for r in store.recent(limit)], "kept": len(store), "capacity": store.capacity})


def get_report_or_404(request: Request, report_id: str) -> Any:
    store = request.app.state.service.reports
    rep = store.get(report_id)
    if rep is None:
        raise ApiError(404, "not_found",
                       f"no report with id {report_id!r}: reports are kept in memory, the {store.capacity} most recent, "
                       "until the service restarts", {"report_id": report_id})
    return rep


@router.get("/reports/{report_id}", summary="One report", responses=ERRORS)
def get_report(request: Request, report_id: str) -> Response:
    rep = get_report_or_404(request, report_id)
    return Response(rep.json_bytes, media_type="application/json")


@router.get("/search", summary="Full-text search of the archive", responses=ERRORS)
def search(
    request: Request,
    q: str = Query(..., min_length=1, max_length=1000, description="words, \"quoted phrases\", prefix*"),
    site: Optional[str] = Query(None, description="site name or domain"),
    since: Optional[str] = Query(None, description="published on or after, YYYY-MM-DD"),
    until: Optional[str] = Query(None, description="published on or before, YYYY-MM-DD"),
    limit: int = Query(20, ge=1, le=200),
) -> JSONResponse:
    svc = request.app.state.service
    with svc.archive() as a:
        hits = a.search(q, site=site or None, since=since or None, until=until or None, limit=limit)
    return _json({"query": q, "count": len(hits), "hits": [h.to_dict() for h in hits]})


def article_json(art: Any) -> dict[str, Any]:
    d = art.to_dict()
    d["links"] = {"self": f"/api/articles/{art.id}", "html": f"/articles/{art.id}"}
    return d


@router.get("/articles", summary="Browse the archive", responses=ERRORS)
def list_articles(
    request: Request,
    site: Optional[str] = Query(None),
    since: Optional[str] = Query(None),
    until: Optional[str] = Query(None),
    order: Literal["newest", "oldest", "added"] = Query("newest"),
    limit: int = Query(50, ge=1, le=500),
) -> JSONResponse:
    svc = request.app.state.service
    with svc.archive() as a:
        arts = list(a.articles(site=site or None, since=since or None, until=until or None, limit=limit, order=order))
    return _json({"count": len(arts), "articles": [
        {"id": x.id, "title": x.title, "site": x.site, "domain": x.domain, "url": x.url, "published": x.published,
         "authors": list(x.authors), "links": {"self": f"/api/articles/{x.id}", "html": f"/articles/{x.id}"}}
        for x in arts
    ]})


def get_article_or_404(archive: Any, article_id: str) -> Any:
    art = archive.get(article_id)
    if art is None:
        raise ApiError(404, "not_found", f"no article with id {article_id!r} in the archive", {"article_id": article_id})
    return art


@router.get("/articles/{article_id}", summary="One archived article (a unique id prefix of 6+ characters is enough)", responses=ERRORS)
def get_article(request: Request, article_id: str) -> JSONResponse:
    with request.app.state.service.archive() as a:
        art = get_article_or_404(a, article_id)
    return _json(article_json(art))


@router.get("/articles/{article_id}/related", summary="Archived articles most related to one", responses=ERRORS)
def get_related(request: Request, article_id: str, limit: int = Query(10, ge=1, le=50)) -> JSONResponse:
    with request.app.state.service.archive() as a:
        art = get_article_or_404(a, article_id)
        hits = a.related(art, limit=limit)
    return _json({"article_id": art.id, "related": [h.to_dict() for h in hits]})


@router.get("/articles/{article_id}/provenance", summary="Where one archived article's text came from", responses=ERRORS)
def get_provenance(request: Request, article_id: str) -> JSONResponse:
    from .story import provenance

    svc = request.app.state.service
    with svc.archive() as a:
        art = get_article_or_404(a, article_id)
        prov, note = provenance(art, a, svc.local_index)
    return _json({"article_id": art.id, "note": note, "provenance": prov.to_dict()})


@router.post("/articles/{article_id}/check", status_code=201, summary="Check an archived article", responses=ERRORS)
async def check_archived(request: Request, article_id: str) -> Response:
    svc = request.app.state.service

    def work() -> Any:
        with svc.archive() as a:
            art = get_article_or_404(a, article_id)
        return svc.check_article(art, "archive")

    rep = await svc.in_check_thread(work)
    return Response(rep.json_bytes, status_code=201, media_type="application/json",
                    headers={"location": f"/api/reports/{rep.id}"})


def _corpus_or_409(svc: Any, archive: Any) -> Any:
    from .story import REUSE_HINT

    corpus = svc.corpus.get(archive)
    if corpus is None:
        raise ApiError(409, "reuse_not_run", REUSE_HINT)
    return corpus


@router.get("/network", summary="Site copy network (from `newstrace reuse`)", responses={**ERRORS, 409: {"model": ErrorBody}})
def get_network(request: Request, limit: int = Query(500, ge=1, le=10000)) -> JSONResponse:
    from .story import edge_dict

    svc = request.app.state.service
    with svc.archive() as a:
        corpus = _corpus_or_409(svc, a)
    return _json({"articles_processed": corpus.processed, "pairs": corpus.pairs, "clusters": len(corpus.clusters),
                  "edges_total": len(corpus.network), "edges": [edge_dict(e) for e in corpus.network[:limit]]})


@router.get("/clusters", summary="Story clusters, largest first (from `newstrace reuse`)", responses={**ERRORS, 409: {"model": ErrorBody}})
def get_clusters(request: Request, kind: Optional[Literal["copied_prose", "shared_quotation"]] = Query(None),
                 limit: int = Query(50, ge=1, le=1000)) -> JSONResponse:
    from .story import cluster_records

    svc = request.app.state.service
    with svc.archive() as a:
        corpus = _corpus_or_409(svc, a)
        chosen = [c for c in corpus.clusters if kind is None or c.kind == kind][:limit]
        records = cluster_records(a, corpus, chosen)
    return _json({"clusters_total": len(corpus.clusters), "clusters": records})


@router.get("/articles/{article_id}/clusters", summary="The story clusters holding one article (from `newstrace reuse`)",
            responses={**ERRORS, 409: {"model": ErrorBody}})
def get_article_clusters(request: Request, article_id: str) -> JSONResponse:
    from .story import clusters_of

    svc = request.app.state.service
    with svc.archive() as a:
        art = get_article_or_404(a, article_id)
        corpus = _corpus_or_409(svc, a)
        records = clusters_of(a, corpus, art.id)
    return _json({"article_id": art.id, "clusters": records})


@router.get("/stats", summary="Counts, sites and date range of the archive", responses=ERRORS)
def stats(request: Request) -> JSONResponse:
    svc = request.app.state.service
    with svc.archive() as a:
        s = a.stats()
    s.pop("path", None)  # the server's file layout is nobody's business
    s["reports_kept"] = len(svc.reports)
    return _json(s)


__all__ = ["router"]
