"""The web service (`newstrace serve`): pages for people and a JSON API, on one archive.

    from newstrace.web import create_app, serve
    app = create_app("world.sqlite")                  # a FastAPI app (tests, embedding)
    serve("world.sqlite", host="127.0.0.1", port=8000)

Needs the `web` extra (FastAPI, uvicorn, python-multipart, Jinja2); without it both raise
MissingExtraError naming `pip install 'newstrace[web]'`. Importing this package needs
none of them.

Modules: app.py (create_app, serve, shared Service), guard.py (security headers, host and
origin checks, token, body-size cap), errors.py (the one error shape), inputs.py (request
→ Article), api.py (JSON routes), pages.py (HTML routes), report_view.py and render.py
(what pages show, escaped), reports.py (bounded in-memory report store), story.py
(provenance, clusters and the site network).
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "serve"]


def create_app(archive_path: Any, **kwargs: Any) -> Any:
    """See `newstrace.web.app.create_app`."""
    from .app import _require_web

    _require_web()
    from .app import create_app as _create_app

    return _create_app(archive_path, **kwargs)


def serve(archive_path: Any, **kwargs: Any) -> None:
    """See `newstrace.web.app.serve`."""
    from .app import _require_web

    _require_web()
    from .app import serve as _serve

    _serve(archive_path, **kwargs)
