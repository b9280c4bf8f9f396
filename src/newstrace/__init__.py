"""newstrace: where did a news article's text come from, and does anyone independent back it up?"""

import logging

from .article import Article, Boilerplate
from .errors import ArchiveError, FetchError, InputError, MissingExtraError, NewstraceError

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "ArchiveError",
    "Article",
    "Boilerplate",
    "FetchError",
    "InputError",
    "MissingExtraError",
    "NewstraceError",
    "__version__",
]
