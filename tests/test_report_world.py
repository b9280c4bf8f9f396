"""Reports built from the example world, shared by the tests/test_report_*.py modules.

Each report is built the way the CLI builds it: `check(article, archive)` on an in-memory
archive holding the whole example world.

Heavy values are cached per process so every test module reuses them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from conftest import EXAMPLES

from newstrace.article import Article

WORLD = EXAMPLES / "world"
MAIN_HTML = "html/frontlinedispatch/drovnias-close-ally-velmark-explores-training-opportunity-with-the-concord.html"


@lru_cache(maxsize=1)
def world() -> tuple[Article, ...]:
    from newstrace.read import read_path

    arts = tuple(a for a in read_path(WORLD) if isinstance(a, Article))
    assert len(arts) > 30, "the example world should hold about 40 articles"
    return arts


def by_path(rel: str) -> Article:
    want = str(WORLD / rel)
    for a in world():
        if a.source and Path(a.source.split("#")[0]).resolve() == Path(want).resolve():
            return a
    raise KeyError(rel)


@lru_cache(maxsize=1)
def _archive():
    from newstrace import Archive

    archive = Archive(":memory:")
    archive.ingest(world())
    return archive


@lru_cache(maxsize=None)
def check_dict(article_id: str, *, with_provenance: bool = True, with_verdicts: bool = True) -> dict[str, Any]:
    """`check()` of one world article, as the JSON dict the CLI prints (optionally without
    the provenance or verdicts sections, to test reports that lack them)."""
    from newstrace import check

    article = next(a for a in world() if a.id == article_id)
    d = check(article, _archive()).to_dict()
    if not with_provenance:
        d.pop("provenance", None)
    if not with_verdicts:
        d.pop("verdicts", None)
    return d


def world_ids() -> list[str]:
    return [a.id for a in world()]


def main_dict(**kw: Any) -> dict[str, Any]:
    return check_dict(by_path(MAIN_HTML).id, **kw)


def main_report(**kw: Any):
    from newstrace.report import Report

    return Report.from_check(main_dict(**kw), generated_at="2025-04-01T12:00:00+00:00")


# ----------------------------------------------------------------------------- tests of the builder


def test_world_fixture_has_the_pieces_a_report_shows():
    d = main_dict()
    for key in ("article", "related", "claims", "quotes", "source_rating", "signals", "provenance", "verdicts"):
        assert key in d, key
    assert d["provenance"]["groups"], "the main demo copies a wire report: provenance must find it"
    assert d["verdicts"], "the main demo has check-worthy claims"
    labels = {v["label"] for v in d["verdicts"]}
    assert labels, labels
