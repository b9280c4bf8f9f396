"""The report's JSON Schema (draft 2020-12), shipped in the package, and validation against it.

The schema file is `newstrace/report/schema/report.schema.json`; its `$id` carries the
major.minor version (`urn:newstrace:schema:report:1.0`). Validation needs the optional
`jsonschema` package; reading the schema does not.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

from ..errors import InputError, require
from .model import Report

SCHEMA_FILE = "report.schema.json"


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return resources.files("newstrace.report").joinpath("schema", SCHEMA_FILE).read_text(encoding="utf-8")


def load_schema() -> dict[str, Any]:
    """The report JSON Schema as a dict (a fresh copy each call)."""
    return json.loads(_schema_text())


@lru_cache(maxsize=1)
def _validator() -> Any:
    jsonschema = require("jsonschema", feature="report validation", extra="report")
    schema = load_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_report(report: Report | Mapping[str, Any]) -> list[str]:
    """Every way `report` breaks the schema, as "path: message" lines; [] when valid."""
    d = report.to_dict() if isinstance(report, Report) else report
    errors = sorted(_validator().iter_errors(d), key=lambda e: [str(p) for p in e.absolute_path])
    out = []
    for e in errors:
        path = "/".join(str(p) for p in e.absolute_path) or "(top level)"
        out.append(f"{path}: {e.message if len(e.message) < 300 else e.message[:297] + '...'}")
    return out


def check_report(report: Report | Mapping[str, Any], *, source: str = "report") -> None:
    """Raise InputError naming `source` and the first problems when the report is invalid."""
    problems = validate_report(report)
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise InputError(source, "does not match the newstrace report schema", "; ".join(problems[:5]) + more)
