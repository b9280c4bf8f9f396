"""Corroboration of a conflict claim end to end: class-mates in retrieval, context names for a
clause that names nobody, and the state-change rule with publication dates (made-up text)."""

import pytest

from newstrace import Archive, Article
from newstrace.claims import Claim
from newstrace.corroborate import corroborate

CHECKED = Article.from_paragraphs(
    [
        "Portvale and Lindhurst signed a pact on Monday fixing water fees for 2026.",
        "The pact ends months of disagreement over the water fees.",
    ],
    title="Portvale and Lindhurst agree water fees",
    url="https://valley-times.example/water-pact",
    site="Valley Times",
    published="2025-06-03",
)
WIRE = Article.from_paragraphs(
    ["Lindhurst and Portvale signed a water fees agreement last week after a quarrel that lasted months."],
    title="Water fees settled", url="https://wire.example/fees", site="Wire", published="2025-06-09",
)
LATER = Article.from_paragraphs(
    ["Two weeks after their pact, Portvale and Lindhurst are again at odds over the water fees."],
    title="Water row returns", url="https://river-post.example/row", site="River Post", published="2025-06-17",
)
OTHER = Article.from_paragraphs(
    ["Ashby and Corran signed a pact ending a dispute over water fees."],
    title="Ashby deal", url="https://elsewhere.example/ashby", site="Elsewhere", published="2025-06-10",
)


def _claim(article, text):
    b = article.text.index(text)
    idx = next(i for i, (sb, se) in enumerate(article.sentences) if sb <= b < se)
    return Claim(text=text, begin=b, end=b + len(text), sentence=idx, sentence_span=article.sentences[idx],
                 label="claim", score=0.9, subjects=(), attributed=False, source=None, cues=())


@pytest.fixture
def archive(tmp_path):
    a = Archive(tmp_path / "a.sqlite")
    a.ingest([CHECKED, WIRE, LATER, OTHER])
    yield a
    a.close()


def test_a_claimed_end_is_disputed_by_a_later_renewal(archive):
    claim = _claim(CHECKED, "The pact ends months of disagreement over the water fees.")
    [check] = corroborate(CHECKED, archive, [claim])
    v = check.verdict
    by_site = {}
    for ev in v.evidence:
        by_site.setdefault(ev.site, []).append(ev)
    assert any(e.stance == "agrees" and "both say the conflict ended" in (e.reason or "") for e in by_site["Wire"])
    assert any(e.stance == "disagrees" and "resumed" in (e.reason or "") for e in by_site["River Post"])
    # The other parties' pact is not about this claim.
    assert all(e.stance not in ("agrees", "disagrees") for e in by_site.get("Elsewhere", []))
    assert v.label == "disputed"
