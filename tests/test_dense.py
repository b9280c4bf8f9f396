"""Dense retrieval: the packaged embedding model and the archive retriever."""

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from newstrace.archive import Archive
from newstrace.evidence import dense
from newstrace.evidence.dense import TABLE, DenseRetriever, EmbeddingModel, default_model, embed, tokenize
from newstrace.read import read_text

FLOOD = """River floods the old town

Heavy rain caused the river to burst its banks on Tuesday, flooding hundreds of homes in the old town.

Firefighters evacuated residents from the lowest streets as the water kept rising.
"""

ELECTION = """Parliament votes on the budget

The parliament approved the government's budget on Thursday after a long debate.

Opposition members voted against the plan and said taxes would rise.
"""

SPORT = """Late goal wins the cup

The home team won the cup final with a goal in the last minute of the match.

Supporters celebrated in the streets until late at night.
"""


def _article(text, name):
    art = read_text(text, source=f"{name}.txt", url=f"https://example.org/{name}")
    assert not hasattr(art, "reason"), art
    return art


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "a.sqlite"
    with Archive(path) as a:
        a.ingest([_article(FLOOD, "flood"), _article(ELECTION, "election"), _article(SPORT, "sport")])
        yield a


def _ids(a):
    return {art.title: art.id for art in a.articles()}


def test_model_loads_and_is_sane():
    m = default_model()
    assert len(m.vocab) > 5000 and m.dim >= 64
    assert m.version.startswith(f"sif{dense.FORMAT_VERSION}-")
    assert "said" in m.index and "government" in m.index
    assert m.meta["data"]  # training data hashes are recorded
    assert all(len(v["sha256"]) == 64 for v in m.meta["data"].values())


def test_embedding_is_deterministic_and_unit():
    texts = ["The minister resigned on Tuesday.", "Prices rose sharply last month."]
    a, b = embed(texts), embed(list(texts))
    assert a.shape == (2, default_model().dim) and a.dtype == np.float32
    assert np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    # A reload gives the same model (same version, same vectors).
    again = EmbeddingModel.load()
    assert again.version == default_model().version
    assert np.array_equal(again.embed(texts), a)


def test_paraphrase_is_closer_than_unrelated():
    cases = [
        ("The minister resigned from the government on Tuesday.",
         "On Tuesday the minister quit his post in the cabinet.",
         "The football team won the match with a late goal."),
        ("Police arrested two men after the shooting.",
         "Two suspects were detained by officers following the attack.",
         "The company reported higher profits this quarter."),
        ("Heavy rain flooded hundreds of homes.",
         "Hundreds of houses were under water after the storm.",
         "The president signed the trade agreement."),
    ]
    for claim, para, other in cases:
        v = embed([claim, para, other])
        assert v[0] @ v[1] > v[0] @ v[2] + 0.05, (claim, float(v[0] @ v[1]), float(v[0] @ v[2]))


def test_rare_words_count_through_hashing():
    m = default_model()
    if not m.oov_weight:
        pytest.skip("the packaged model does not use hashed vectors for unknown words")
    v = m.embed(["Zorblat Quexington visited the town", "Zorblat Quexington left the town", "A man visited the town"])
    assert v[0] @ v[1] > v[0] @ v[2]


def test_odd_inputs():
    m = default_model()
    assert embed([]).shape == (0, m.dim)
    v = embed(["", "   ", "!!! ???", "12345"])
    assert np.all(v[:3] == 0)  # no words at all: a zero row, never NaN
    assert not np.isnan(v).any()
    with pytest.raises(TypeError, match="not one string"):
        embed("a single string")
    with pytest.raises(TypeError):
        embed([None])
    assert tokenize("Belarus’s army said 2019, 42 times") == ["belarus", "army", "said", "2019", "<num>", "times"]


def test_retriever_finds_the_paraphrase(archive):
    ids = _ids(archive)
    r = DenseRetriever(archive)
    hits = r.search("Residents were rescued as water rose in the streets after the river flooded.", k=3)
    assert hits and hits[0].article_id == ids["River floods the old town"]
    for h in hits:
        art = archive.get(h.article_id)
        assert art.text[h.begin:h.end] == h.text
        assert art.sentences[h.sentence] == (h.begin, h.end)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert hits[0].to_dict()["span"] == [hits[0].begin, hits[0].end]


def test_exclude_and_per_article(archive):
    ids = _ids(archive)
    r = DenseRetriever(archive)
    flood = ids["River floods the old town"]
    hits = r.search("The river flooded homes", k=5, exclude={flood})
    assert hits and flood not in {h.article_id for h in hits}
    hits = r.search("The river flooded homes", k=5, per_article=1)
    aids = [h.article_id for h in hits]
    assert len(aids) == len(set(aids))
    assert r.search("The river flooded homes", k=0) == []
    assert r.search("", k=5) == []
    assert r.search("The river flooded homes", k=5, min_score=0.999) == []
    with pytest.raises(TypeError):
        r.search(None)
    with pytest.raises(ValueError):
        r.search("x", k=-1)


def test_vectors_are_stored_and_reused(archive):
    r = DenseRetriever(archive)
    assert r.update() == 3
    n = archive.connection.execute(f"SELECT count(*), min(model), max(model) FROM {TABLE}").fetchone()
    assert n == (3, r.model.version, r.model.version)
    # A second retriever reads the stored rows instead of embedding again.
    r2 = DenseRetriever(archive)
    assert r2.update() == 0
    assert len(r2) == len(r)
    # A new article is embedded on refresh().
    archive.add(_article("Storm warning\n\nForecasters warned of strong winds and more rain on Friday.", "storm"))
    assert r2.refresh() == 1
    assert any(h.article_id == _ids(archive)["Storm warning"] for h in r2.search("strong winds and rain expected", k=2))


def test_model_change_invalidates_stored_vectors(archive):
    r = DenseRetriever(archive)
    r.update()
    base = r.model
    other = EmbeddingModel(base.vocab, base.vectors, base.weights, np.zeros(base.dim, np.float32),
                           {**base.meta, "oov_weight": 0.5})
    assert other.version != base.version
    r2 = DenseRetriever(archive, other)
    assert r2.update() == 3  # nothing stored for this version: all embedded again
    versions = {row[0] for row in archive.connection.execute(f"SELECT model FROM {TABLE}")}
    assert versions == {other.version}  # the old version's rows are gone
    assert DenseRetriever(archive, other).update() == 0


def test_read_only_archive_embeds_in_memory(tmp_path):
    path = tmp_path / "ro.sqlite"
    with Archive(path) as a:
        a.ingest([_article(FLOOD, "flood"), _article(SPORT, "sport")])
    with Archive(path, readonly=True) as ro:
        r = DenseRetriever(ro)
        hits = r.search("the river burst its banks", k=1)
        assert hits and "river" in hits[0].text
        tables = {row[0] for row in ro.connection.execute("SELECT name FROM sqlite_master")}
        assert TABLE not in tables


def test_empty_archive(tmp_path):
    with Archive(tmp_path / "e.sqlite") as a:
        r = DenseRetriever(a)
        assert r.search("anything at all", k=5) == []
        assert len(r) == 0


def test_damaged_row_is_embedded_again(archive):
    r = DenseRetriever(archive)
    r.update()
    with archive.atomic() as c:
        c.execute(f"UPDATE {TABLE} SET vectors = x'00' WHERE article_id = (SELECT min(article_id) FROM {TABLE})")
    r2 = DenseRetriever(archive)
    assert r2.update() == 1  # the bad row is skipped on load and replaced
    assert len(r2) == len(r)


def test_missing_model_files(tmp_path):
    with pytest.raises(Exception, match="not found"):
        EmbeddingModel.load(tmp_path)
    (tmp_path / "embeddings.json").write_text("{not json", encoding="utf-8")
    np.savez(tmp_path / "embeddings.npz", x=np.zeros(1))
    with pytest.raises(Exception, match="not valid JSON"):
        EmbeddingModel.load(tmp_path)


def test_check_uses_dense_retrieval_only_when_vectors_are_stored(tmp_path):
    """`check` asks for a retriever only when `archive embed` stored vectors; then it works
    on a read-only archive without embedding anything in memory."""
    from newstrace.archive import Archive
    from newstrace.evidence.dense import DenseRetriever, missing_vectors
    from newstrace.pipeline import _dense_retriever
    from newstrace.read import read_path

    world = Path(__file__).resolve().parents[1] / "examples" / "world"
    path = tmp_path / "w.sqlite"
    with Archive(path) as a:
        a.ingest(read_path(world / "jsonl"))
        assert missing_vectors(a) is None and _dense_retriever(a) is None
        n = DenseRetriever(a).update()
        assert n > 0 and missing_vectors(a) == 0
    with Archive(path, readonly=True) as a:
        r = _dense_retriever(a)
        assert r is not None and r.update() == 0
