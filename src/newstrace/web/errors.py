"""One error shape for every failure of the web service.

    {"error": {"code": "not_found", "message": "no article with id 'abc123' ...", "detail": ...}}

`ApiError` is what the service's own code raises; the handlers installed by
`install_error_handlers` turn it, Starlette's HTTP errors (unknown routes, wrong methods),
FastAPI's validation errors, newstrace's library errors and unexpected exceptions into that
shape. A browser asking for a page (not /api/..., Accept: text/html) gets the same code and
message as an HTML page instead, so a person never stares at raw JSON.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Callable

from ..errors import ArchiveError, InputError, MissingExtraError, NewstraceError

log = logging.getLogger(__name__)

# Stable codes for HTTP statuses that have no more specific code.
STATUS_CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    500: "internal_error",
    502: "bad_gateway",
    503: "unavailable",
}


class ApiError(Exception):
    """An error the service reports to its client; `code` is stable, `message` is for people."""

    def __init__(
        self,
        status: int,
        code: str | None,
        message: str,
        detail: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or STATUS_CODES.get(status, "error")
        self.message = message
        self.detail = detail
        self.headers = headers or {}


def error_body(code: str, message: str, detail: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "detail": detail}}


def error_json_bytes(code: str, message: str, detail: Any = None) -> bytes:
    return json.dumps(error_body(code, message, detail), ensure_ascii=False, default=str).encode("utf-8")


def wants_html(path: str, accept: str) -> bool:
    """Pages answer browsers with HTML; the API and anything not asking for HTML get JSON."""
    if path.startswith("/api/") or path in ("/openapi.json", "/healthz"):
        return False
    return "text/html" in accept


def from_library_error(exc: NewstraceError) -> ApiError:
    if isinstance(exc, InputError):
        return ApiError(400, "bad_input", str(exc), {"input": exc.source, "reason": exc.reason, "detail": exc.detail})
    if isinstance(exc, ArchiveError):
        return ApiError(503, "archive_unavailable", str(exc))
    if isinstance(exc, MissingExtraError):
        return ApiError(500, "missing_dependency", str(exc), {"extra": exc.extra, "module": exc.module})
    return ApiError(500, "internal_error", str(exc))


def install_error_handlers(app: Any, render_html_error: Callable[[Any, int, str, str], Any]) -> None:
    """Register handlers on a FastAPI app. `render_html_error(request, status, code, message)`
    builds the HTML page for browsers."""
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from starlette.exceptions import HTTPException as StarletteHTTPException

    def respond(request: Any, err: ApiError) -> Any:
        if wants_html(request.url.path, request.headers.get("accept", "")):
            resp = render_html_error(request, err.status, err.code, err.message)
        else:
            resp = JSONResponse(error_body(err.code, err.message, err.detail), status_code=err.status)
        for k, v in err.headers.items():
            resp.headers[k] = v
        return resp

    @app.exception_handler(ApiError)
    async def _api_error(request: Any, exc: ApiError) -> Any:
        return respond(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Any, exc: StarletteHTTPException) -> Any:
        status = exc.status_code
        if status == 404:
            message = f"nothing at {request.method} {request.url.path}; see /openapi.json for the API's routes"
        elif status == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        else:
            message = str(exc.detail) if exc.detail else STATUS_CODES.get(status, "error").replace("_", " ")
        headers = dict(exc.headers or {})
        return respond(request, ApiError(status, None, message, headers=headers))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Any, exc: RequestValidationError) -> Any:
        errors = _plain_errors(exc.errors())
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"invalid request: {where}: {first.get('msg', 'invalid value')}" if where else "invalid request"
        return respond(request, ApiError(422, "validation_error", message, errors))

    @app.exception_handler(NewstraceError)
    async def _library_error(request: Any, exc: NewstraceError) -> Any:
        err = from_library_error(exc)
        if err.status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return respond(request, err)

    @app.exception_handler(Exception)
    async def _unexpected(request: Any, exc: Exception) -> Any:
        # A bug: log the traceback, tell the client no more than that it happened.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return respond(request, ApiError(500, "internal_error", "internal error: the service logged the details"))


def _plain_errors(errors: Any) -> list[dict[str, Any]]:
    """Pydantic's error list without values that do not serialise (ctx may hold exceptions)."""
    out = []
    for e in errors:
        d = {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        out.append(d)
    return out
