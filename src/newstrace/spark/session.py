"""Spark sessions for the newstrace jobs.

`get_session()` returns the active session when there is one (under `spark-submit` the
master and resources come from the submit command), else builds one. Local masters run
the Python workers with this interpreter, so the executors import the same newstrace.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Mapping

from . import require_pyspark

DEFAULT_MASTER = "local[*]"

# Settings every newstrace job wants unless the caller says otherwise: timestamps are
# never interpreted in a local time zone, adaptive execution may coalesce the many small
# shuffle partitions of a small corpus, and no progress bars clutter the job's output.
_DEFAULTS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.adaptive.enabled": "true",
    "spark.python.worker.reuse": "true",
    "spark.ui.showConsoleProgress": "false",  # the CLI reports per stage itself
}


def get_session(master: str | None = None, app: str = "newstrace", conf: Mapping[str, Any] | None = None):
    """A SparkSession for the newstrace jobs.

    `master`: e.g. "local[2]" or "yarn"; None keeps the master of an active session or of
    `spark-submit` (spark.master), and falls back to local[*] when nothing sets one.
    `conf`: extra Spark settings (strings), applied when the session is created.
    Raises MissingExtraError when pyspark is not installed."""
    require_pyspark()
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master is None and not conf:
        return active
    settings: dict[str, str] = dict(_DEFAULTS)
    settings.update({str(k): str(v) for k, v in (conf or {}).items()})
    builder = SparkSession.builder.appName(app)
    chosen = master or SparkConf().get("spark.master", None) or os.environ.get("MASTER") or DEFAULT_MASTER
    builder = builder.master(chosen)
    if chosen.startswith("local") and not os.environ.get("PYSPARK_PYTHON"):
        # Local executors are child processes of this machine: run them with this Python
        # (the virtual environment where newstrace is installed), not whatever python3 is
        # on PATH. pyspark reads the variable when the context starts.
        os.environ["PYSPARK_PYTHON"] = settings.get("spark.pyspark.python", sys.executable)
    for k, v in settings.items():
        builder = builder.config(k, v)
    return builder.getOrCreate()
