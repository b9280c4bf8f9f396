"""Types shared by every reader: what a reader yields for each input."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Union

from ..article import Article


class Reason(str, Enum):
    """Why an input was rejected. Values are stable strings used in summaries and JSON."""

    EMPTY_TEXT = "empty_text"  # nothing left after extraction / the record's text is blank
    NOT_HTML = "not_html"  # bytes that are not an HTML document
    BINARY = "binary"  # a binary file (image, archive, executable ...)
    UNDECODABLE = "undecodable"  # bytes that are not valid text in any detected encoding
    TOO_LARGE = "too_large"  # over the configured size cap
    TRUNCATED_GZIP = "truncated_gzip"  # a .gz stream that ends early
    BAD_WARC_RECORD = "bad_warc_record"  # a WARC record that cannot be parsed
    BAD_JSON = "bad_json"  # a JSON Lines line that is not a JSON object
    BAD_CSV = "bad_csv"  # a CSV row that cannot be parsed
    MISSING_FIELD = "missing_field"  # a record without a required field
    UNSUPPORTED = "unsupported"  # a file type no reader handles
    NOT_FOUND = "not_found"  # path does not exist / cannot be opened
    FETCH_REFUSED = "fetch_refused"  # URL refused for safety (scheme, private address, size)
    FETCH_FAILED = "fetch_failed"  # network error, timeout, HTTP error status


@dataclass(frozen=True)
class Rejected:
    """An input that did not become an article, with a typed reason.

    `source` names the input precisely: a path, "path:line 17", "path#record 3",
    "file.warc.gz@offset 12345", or a URL.
    """

    source: str
    reason: Reason
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.source}: {self.reason.value}" + (f" ({self.detail})" if self.detail else "")


ReadItem = Union[Article, Rejected]
