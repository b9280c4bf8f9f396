"""newstrace: where did a news article's text come from, and does anyone independent back it up?

The public API is what `__all__` lists (pinned by tests/test_public_api.py); everything
else is private and free to change. Heavy parts (readers, archive) load on first use.
"""

import logging
from importlib import import_module
from typing import Any

from .article import Article, Boilerplate
from .errors import ArchiveError, FetchError, InputError, MissingExtraError, NewstraceError

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

_LAZY = {
    "Archive": "newstrace.archive",
    "read_source": "newstrace.read",
    "Rejected": "newstrace.read",
    "Reason": "newstrace.read",
    "check": "newstrace.pipeline",
    "CheckResult": "newstrace.pipeline",
}

__all__ = [
    "Archive",
    "ArchiveError",
    "Article",
    "Boilerplate",
    "CheckResult",
    "FetchError",
    "InputError",
    "MissingExtraError",
    "NewstraceError",
    "Reason",
    "Rejected",
    "__version__",
    "check",
    "read_source",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newstrace' has no attribute {name!r}")
