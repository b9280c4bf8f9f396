"""Reading a shipped model: `<name>.json` (metadata) + `<name>.npz` (arrays, no pickle)."""

from __future__ import annotations

import json
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError


def read_model_files(
    directory: str | Path | None, name: str, *, kind: str, rebuild: str
) -> tuple[dict[str, Any], dict[str, np.ndarray], str]:
    """(metadata, arrays, where) of model `name` in `directory` (None: the packaged one).
    `kind` names the model in errors ("stance model"); `rebuild` is the script that
    retrains it. Missing or unreadable files raise InputError naming the file."""
    if directory is None:
        base = resources.files("newstrace") / "models"
        where = f"newstrace/models/{name}"
        try:
            json_text = (base / f"{name}.json").read_text(encoding="utf-8")
            with (base / f"{name}.npz").open("rb") as fh:
                arrays = dict(np.load(fh, allow_pickle=False))
        except FileNotFoundError as exc:
            raise InputError(where, f"packaged {kind} not found",
                             f"{exc}; reinstall newstrace or run {rebuild}") from None
    else:
        d = Path(directory)
        where = str(d / name)
        try:
            json_text = (d / f"{name}.json").read_text(encoding="utf-8")
            with np.load(d / f"{name}.npz", allow_pickle=False) as z:
                arrays = dict(z)
        except FileNotFoundError as exc:
            raise InputError(where, f"{kind} file not found", str(exc)) from None
        except (OSError, ValueError, zipfile.BadZipFile) as exc:
            raise InputError(where + ".npz", "not a readable model array file", str(exc)) from None
    try:
        meta = json.loads(json_text)
    except json.JSONDecodeError as exc:
        raise InputError(where + ".json", "not valid JSON", str(exc)) from None
    return meta, arrays, where
