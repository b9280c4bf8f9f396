"""One exception hierarchy for newstrace.

    NewstraceError                 base of everything newstrace raises on purpose
    ├── InputError                 an input could not be read (names the input and why)
    │   └── FetchError             a URL could not or may not be fetched
    ├── ArchiveError               the archive file is unusable (locked, corrupt, too new)
    └── MissingExtraError          an optional dependency is not installed (says what to pip install)

Rejections of single inputs inside a batch are *not* exceptions: readers yield a
`newstrace.read.Rejected` record with a typed reason so a batch goes on with the rest.
The CLI and the web service translate these exceptions to exit codes / HTTP statuses.
"""

from __future__ import annotations


class NewstraceError(Exception):
    """Base class of every error newstrace raises on purpose."""


class InputError(NewstraceError):
    """An input (file, record, URL) could not be read."""

    def __init__(self, source: str, reason: str, detail: str = "") -> None:
        self.source = source
        self.reason = reason
        self.detail = detail
        msg = f"{source}: {reason}"
        if detail:
            msg += f" ({detail})"
        super().__init__(msg)


class FetchError(InputError):
    """A URL could not be fetched, or fetching it was refused for safety."""


class ArchiveError(NewstraceError):
    """The archive cannot be opened or used."""


class MissingExtraError(NewstraceError):
    """An optional dependency is missing; the message gives the exact install command."""

    def __init__(self, feature: str, extra: str, module: str) -> None:
        self.feature = feature
        self.extra = extra
        self.module = module
        super().__init__(
            f"{feature} needs the optional dependency '{module}', which is not installed. "
            f"Install it with: pip install 'newstrace[{extra}]'"
        )


def require(module: str, *, feature: str, extra: str):
    """Import an optional module or raise MissingExtraError naming the install command."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - exercised by tests with a fake module name
        raise MissingExtraError(feature, extra, module) from exc
