"""Reports built from the example world, shared by the tests/test_report_*.py modules.

Each report is built the way the CLI will: `check(article, archive)` on an in-memory
archive holding the whole example world. Provenance comes from `check` when it produces
that section; until then it is traced here with the in-memory index over the same world.
Verdicts come from `check` when it produces them; until then from
`newstrace.corroborate.corroborate()` on the same archive (full-text retrieval, the packaged
stance model, independence groups), which is what check will call.

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
# The same fictional copy, read from a plain-text file without metadata. Left in the index
# it would be the main article's own undated source.
MAIN_TEXT_TWIN = "text/copier_article.txt"


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


@lru_cache(maxsize=2)
def _index(exclude: frozenset[str] = frozenset()):
    from newstrace.reuse import MemoryIndex, site_key
    from newstrace.reuse.provenance import tokens_for

    index, cache = MemoryIndex(), {}
    docs = {a.id: a for a in world() if a.id not in exclude}
    for k, a in docs.items():
        index.add(k, tokens_for(k, a, cache), site=site_key(a))
    return index, cache, docs


def provenance_dict(article: Article, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """trace() of `article` against the world (less `exclude`) in the in-memory index."""
    from newstrace.reuse import trace

    index, cache, docs = _index(exclude)
    return trace(article, index, lookup=docs.get, self_key=article.id, token_cache=cache).to_dict()


@lru_cache(maxsize=None)
def check_dict(article_id: str, *, with_provenance: bool = True, with_verdicts: bool = True) -> dict[str, Any]:
    """`check()` of one world article, as the JSON dict the CLI prints, plus provenance
    and verdicts when check does not produce them yet (verdicts from `corroborate()`, with
    the article's provenance sources as its own independence group)."""
    from newstrace import check

    article = next(a for a in world() if a.id == article_id)
    result = check(article, _archive())
    d = result.to_dict()
    if with_provenance and "provenance" not in d:
        main = by_path(MAIN_HTML).id
        exclude = frozenset({by_path(MAIN_TEXT_TWIN).id}) if article_id == main else frozenset()
        d["provenance"] = provenance_dict(article, exclude=exclude)
    if with_verdicts and "verdicts" not in d:
        from newstrace.corroborate import corroborate

        prov = d.get("provenance") or provenance_dict(article)
        own = [str(s["source"]["key"]) for s in prov["sources"] if "copied_prose" in s["kinds"]]
        checks = corroborate(article, _archive(), result.sections["claims"], own_sources=own)
        d["verdicts"] = [c.to_dict() for c in checks]
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
