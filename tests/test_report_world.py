"""Reports built from the example world, shared by the tests/test_report_*.py modules.

Each report is built the way the CLI will: `check(article, archive)` on an in-memory
archive holding the whole example world. Provenance comes from `check` when it produces
that section; until then it is traced here with the in-memory index over the same world.
Verdicts are computed by the evidence module's own code: the claim's candidate evidence is
every sentence of the other world articles sharing at least three content words with it,
labelled by the packaged stance model and grouped by independence, where two articles are
in one cluster when provenance finds copied prose between them.

Heavy values are cached per process so every test module reuses them.
"""

from __future__ import annotations

import re
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
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]{3,}")
_STOP = frozenset("""that this with from have said were been they their will would which about into
after there what when than them then also more over could should other some such only very""".split())


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


@lru_cache(maxsize=1)
def _copy_pairs() -> frozenset[frozenset[str]]:
    """Pairs of world articles that share copied prose (from tracing every article)."""
    pairs = set()
    for a in world():
        for s in provenance_dict(a)["sources"]:
            if "copied_prose" in s["kinds"]:
                pairs.add(frozenset((a.id, str(s["source"]["key"]))))
    return frozenset(pairs)


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP}


def verdicts_for(article: Article, claims: list[dict[str, Any]], *, max_claims: int = 8,
                 per_claim: int = 8) -> list[dict[str, Any]]:
    from newstrace.evidence import Evidence, Source, assess, default_model

    pairs = _copy_pairs()
    others = [a for a in world() if a.id != article.id and a.text != article.text]
    sentences = [(a, s) for a in others for s in a.sentence_texts()]
    words = [_content_words(s) for _, s in sentences]
    model = default_model()
    out = []
    for i, c in enumerate(claims):
        if c["label"] != "claim" or len(out) >= max_claims:
            continue
        cw = _content_words(c["text"])
        ranked = sorted(((len(cw & w), j) for j, w in enumerate(words) if len(cw & w) >= 3), reverse=True)
        picked = [sentences[j] for _, j in ranked[:per_claim]]
        preds = model.predict([c["text"]] * len(picked), [s for _, s in picked]) if picked else []
        evidence = [
            Evidence.from_prediction(p, sentence=s, article_id=a.id, site=a.site, domain=a.domain,
                                     date=a.published, url=a.url)
            for (a, s), p in zip(picked, preds)
        ]
        v = assess(c["text"], evidence, lambda x, y: frozenset((x, y)) in pairs, claiming=Source.of(article))
        out.append({**v.to_dict(), "claim_index": i, "span": list(c["span"])})
    return out


@lru_cache(maxsize=None)
def check_dict(article_id: str, *, with_provenance: bool = True, with_verdicts: bool = True) -> dict[str, Any]:
    """`check()` of one world article, as the JSON dict the CLI prints, plus provenance
    and verdicts when check does not produce them yet."""
    from newstrace import check

    article = next(a for a in world() if a.id == article_id)
    d = check(article, _archive()).to_dict()
    if with_provenance and "provenance" not in d:
        main = by_path(MAIN_HTML).id
        exclude = frozenset({by_path(MAIN_TEXT_TWIN).id}) if article_id == main else frozenset()
        d["provenance"] = provenance_dict(article, exclude=exclude)
    if not with_provenance:
        d.pop("provenance", None)
    if with_verdicts and "verdicts" not in d and not (d["claims"] or {}).get("not_analysed"):
        d["verdicts"] = verdicts_for(article, d["claims"]["claims"])
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
