"""Where the archive lives by default, following each platform's convention.

Written out instead of depending on platformdirs: it is three rules, and keeping them
here makes the choice visible and testable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Mapping

ENV_VAR = "NEWSTRACE_ARCHIVE"
APP_DIR = "newstrace"
FILE_NAME = "archive.sqlite"


def default_archive_path(
    *, environ: Mapping[str, str] | None = None, platform: str | None = None, home: Path | None = None
) -> Path:
    """The archive file used when none is given.

    `NEWSTRACE_ARCHIVE` wins when set. Otherwise:
      Linux and other Unix: `$XDG_DATA_HOME/newstrace/archive.sqlite`
                            (`~/.local/share/newstrace/archive.sqlite` without XDG_DATA_HOME)
      macOS:                `~/Library/Application Support/newstrace/archive.sqlite`
      Windows:              `%LOCALAPPDATA%\\newstrace\\archive.sqlite`

    The keyword arguments exist for tests; callers leave them alone. The directory is not
    created here: `Archive` creates it when it opens the file for writing.
    """
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    home_dir = Path.home() if home is None else home

    override = env.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()

    if plat.startswith("win"):
        base = env.get("LOCALAPPDATA", "").strip()
        root = Path(base) if base else home_dir / "AppData" / "Local"
    elif plat == "darwin":
        root = home_dir / "Library" / "Application Support"
    else:
        xdg = env.get("XDG_DATA_HOME", "").strip()
        # The XDG spec says relative values are invalid and must be ignored.
        root = Path(xdg) if xdg and os.path.isabs(xdg) else home_dir / ".local" / "share"
    return root / APP_DIR / FILE_NAME
