"""Full-text search and related articles: matching, filters, snippets, hostile queries."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.archive import Archive
from newstrace.archive.search import MARK_END, MARK_START, fts_query, index_terms
from newstrace.article import Article
from newstrace.errors import InputError

FILLER = (
    "the a of to in and said on for that with was as it by at from his her they were have "
    "officials week reported statement according people government city local told"
).split()
TOPICS = {
    "harbour": "harbour fire ship dock crane tanker blaze firefighters smoke container port".split(),
    "election": "election ballot voters candidate polling turnout campaign parliament count opposition".split(),
    "vaccine": "vaccine trial dose antibodies clinic immunisation pharmaceutical efficacy booster regulator".split(),
}


def _topic_text(topic: str, rng: random.Random, n_sentences: int = 8) -> str:
    sentences = []
    for _ in range(n_sentences):
        words = [rng.choice(TOPICS[topic]) if rng.random() < 0.35 else rng.choice(FILLER) for _ in range(12)]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences[:4]) + "\n\n" + " ".join(sentences[4:])


@pytest.fixture
def archive(tmp_path):
    rng = random.Random(7)
    arts = [
        Article("Le café de la Société Générale a fermé. Les employés ont été informés lundi.",
                title="Fermeture d'un café", url="https://www.lemonde.example/cafe", site="Le Monde",
                published="2024-02-10"),
        Article("The harbour fire spread to a second tanker on Tuesday, firefighters said.",
                title="Harbour fire spreads", url="https://herald.example/fire", site="Herald",
                published="2024-03-05T09:00:00+00:00"),
        Article("Voters in the northern district said the election count was slow.",
                title="Slow count", url="https://gazette.example/count", site="Gazette",
                published="2024-03-20"),
    ]
    for i in range(30):
        topic = list(TOPICS)[i % 3]
        site = ["Herald", "Gazette", "Courier"][(i // 3) % 3]  # every topic on every site
        arts.append(Article(_topic_text(topic, rng), title=f"{topic} report {i}", url=f"https://{site.lower()}.example/{topic}/{i}",
                            site=site, published=f"2024-0{1 + i % 6}-1{i % 10}"))
    with Archive(tmp_path / "a.sqlite") as a:
        a.ingest(arts)
        yield a


def test_words_are_found_regardless_of_case_and_accents(archive):
    hits = archive.search("societe generale")
    assert [h.url for h in hits] == ["https://www.lemonde.example/cafe"]
    assert archive.search("CAFÉ")[0].url == "https://www.lemonde.example/cafe"
    assert archive.search("cafe")[0].title == "Fermeture d'un café"


def test_phrase_and_prefix(archive):
    assert [h.url for h in archive.search('"second tanker"')] == ["https://herald.example/fire"]
    assert archive.search('"tanker second"') == []  # word order matters inside a phrase
    assert "https://herald.example/fire" in [h.url for h in archive.search("firefight*", limit=50)]
    assert archive.search("firefight") == []  # no stemming, no implicit prefix


def test_hits_carry_metadata_snippet_and_highlights(archive):
    hit = archive.search("tanker tuesday")[0]
    assert (hit.site, hit.domain, hit.published) == ("Herald", "herald.example", "2024-03-05T09:00:00+00:00")
    assert hit.article_id == archive.get(hit.article_id).id
    assert f"{MARK_START}tanker{MARK_END}" in hit.snippet and f"{MARK_START}Tuesday{MARK_END}" in hit.snippet
    marked = {hit.snippet_text[b:e].lower() for b, e in hit.highlights}
    assert marked == {"tanker", "tuesday"}
    assert MARK_START not in hit.snippet_text
    assert hit.to_dict()["highlights"]


def test_scores_are_descending(archive):
    hits = archive.search("harbour", limit=20)
    assert len(hits) > 5
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_a_match_in_the_title_outranks_one_in_the_text():
    with Archive(":memory:") as a:
        a.ingest([
            Article("An animal left the zoo on Monday morning.", title="Animal escapes", url="https://x.example/1"),
            Article("A zebra left the zoo on Monday morning.", title="Animal escapes", url="https://x.example/2"),
            Article("An animal left the zoo on Monday morning.", title="Zebra escapes", url="https://x.example/3"),
            Article("Nothing happened at the zoo on Tuesday.", title="Quiet day", url="https://x.example/4"),
        ])
        assert [h.url for h in a.search("zebra")] == ["https://x.example/3", "https://x.example/2"]


def test_filters_by_site_domain_and_date_range(archive):
    all_hits = archive.search("election", limit=100)
    herald = archive.search("election", site="Herald", limit=100)
    assert herald and all(h.site == "Herald" for h in herald)
    assert {h.site for h in all_hits} > {"Herald"}
    by_domain = archive.search("election", domain="gazette.example", limit=100)
    assert by_domain and all(h.domain == "gazette.example" for h in by_domain)
    march = archive.search("election", since="2024-03-01", until="2024-03-31", limit=100)
    assert march and all("2024-03-01" <= h.published[:10] <= "2024-03-31" for h in march)
    assert {h.url for h in march} < {h.url for h in all_hits}
    assert archive.search("election", since="2030-01-01") == []


def test_latest_only_hides_superseded_versions(archive):
    url = "https://herald.example/fire"
    old = archive.versions(url)[0].article
    archive.add(Article("The blaze at the dock is out, officials said.", title="Fire out", url=url, site="Herald"))
    assert archive.search('"second tanker"') == []
    assert [h.article_id for h in archive.search('"second tanker"', latest_only=False)] == [old.id]


HOSTILE = [
    '"', '""', '"""', "'", "AND", "OR", "NOT", "harbour AND", "AND harbour", "NEAR(", "NEAR(harbour fire",
    "NEAR(harbour fire, 2)", "*", "**", "harbour*", "*harbour", "-", "-harbour", "harbour -fire", "^harbour",
    "title:harbour", "title : harbour", "{title text}: fire", "(", ")", "(harbour", "harbour)", "+", ":", "a:b:c",
    "\\", "\x00", "NOT NOT", "harbour NOT", '"unbalanced phrase', "tanker\u200bsecond", "日本語", "🔥", "'; DROP TABLE articles; --",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(archive, query):
    hits = archive.search(query)
    assert isinstance(hits, list)
    assert len(archive) == 33


def test_operator_words_are_searched_as_words(archive):
    # "AND" is the word "and"; "-harbour" the word "harbour"; both must occur
    assert archive.search("tanker AND") == archive.search("tanker and")
    assert archive.search("-harbour", limit=50) == archive.search("harbour", limit=50)
    assert archive.search("*") == archive.search("") == archive.search("   ") == []
    assert fts_query('say "hi') == '"say" """hi"'
    assert fts_query("NEAR(a b") == '"NEAR(a" "b"'
    assert fts_query("clim*") == '"clim" *'


_FTS_SYNTAX = st.lists(
    st.sampled_from(['"', "*", "(", ")", "-", ":", "^", "+", "{", "}", ",", "AND", "OR", "NOT", "NEAR", "NEAR(",
                     "harbour", "fire", "title", " ", "  ", "\x00", "é"]),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40) | _FTS_SYNTAX)
def test_no_user_query_causes_an_fts_error(archive, query):
    assert isinstance(archive.search(query, limit=3), list)


def test_raw_mode_passes_fts5_syntax_and_names_bad_queries(archive):
    hits = archive.search("tanker OR ballot", raw=True, limit=100)
    assert any("tanker" in h.snippet_text.lower() for h in hits) and any("ballot" in h.snippet_text.lower() for h in hits)
    assert archive.search("NEAR(second tanker, 1)", raw=True)[0].url == "https://herald.example/fire"
    with pytest.raises(InputError, match="not a valid full-text query"):
        archive.search('"unbalanced', raw=True)
    with pytest.raises(InputError, match="search query"):
        archive.search("nosuchcolumn:word", raw=True)


def test_bad_dates_are_named(archive):
    with pytest.raises(InputError, match="yesterday"):
        archive.search("harbour", since="yesterday")


# -- related ---------------------------------------------------------------------------------


def test_related_finds_articles_on_the_same_topic(archive):
    rng = random.Random(99)
    probe = Article(_topic_text("vaccine", rng), title="vaccine probe", url="https://probe.example/v")
    hits = archive.related(probe, limit=5)
    assert len(hits) == 5
    for h in hits:
        assert archive.get(h.article_id).title.startswith("vaccine report")
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_related_excludes_itself_and_other_versions_of_its_url(archive):
    stored = next(a for a in archive.articles() if a.title == "election report 1")
    newer = Article(stored.text + " Turnout was revised upward.", title=stored.title, url=stored.url, site=stored.site)
    archive.add(newer)
    hits = archive.related(newer.id, limit=50, latest_only=False)
    ids = [h.article_id for h in hits]
    assert hits and newer.id not in ids and stored.id not in ids
    assert all(h.url != stored.url for h in hits)
    top = archive.get(ids[0])
    assert top.title.startswith("election") or "election" in top.text.lower()


def test_related_of_an_unknown_id_and_on_an_empty_archive():
    with Archive(":memory:") as empty:
        assert empty.related(Article("Anything at all about harbour fires.")) == []
        with pytest.raises(InputError, match="not in the archive"):
            empty.related("0123456789abcdef")


def test_index_terms_match_the_fts_tokenizer(archive):
    # Every term our tokenizer derives from a stored text must exist in the FTS vocabulary.
    text = archive.search("societe")[0]
    article = archive.get(text.article_id)
    terms = set(index_terms(article.title + " " + article.text))
    vocab = {
        r[0]
        for r in archive.connection.execute(
            f"SELECT term FROM articles_vocab WHERE term IN ({','.join('?' * len(terms))})", sorted(terms)
        )
    }
    assert terms == vocab


def test_distinctive_terms_are_rare_shared_words_not_stopwords(archive):
    from newstrace.archive.search import distinctive_terms

    probe = Article("The tanker and the crane said nothing. Zanzibarian officials reported the blaze.",
                    title="Tanker crane blaze")
    terms = [t for t, _ in distinctive_terms(archive.connection, probe)]
    assert {"tanker", "crane", "blaze"} <= set(terms)
    assert not {"the", "and", "said", "nothing"} & set(terms)  # stopwords
    assert "zanzibarian" not in terms  # no other document has it, so it can find nothing
    cache: dict = {}
    first = distinctive_terms(archive.connection, probe, df_cache=cache)
    assert cache and distinctive_terms(archive.connection, probe, df_cache=cache) == first


_day = st.dates(min_value=date(2023, 1, 1), max_value=date(2023, 3, 31))
_published_values = st.none() | _day.map(date.isoformat) | st.builds(
    lambda d, h, off: datetime(d.year, d.month, d.day, h, 30, tzinfo=timezone(timedelta(hours=off))).isoformat(),
    _day, st.integers(0, 23), st.integers(-12, 14),
)


def _utc_day(published: str | None) -> date | None:
    if published is None:
        return None
    if len(published) == 10:
        return date.fromisoformat(published)
    return datetime.fromisoformat(published).astimezone(timezone.utc).date()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["Alpha", "Beta", None]), _published_values), min_size=1, max_size=12),
    st.sampled_from([None, "Alpha", "Beta"]),
    st.none() | _day,
    st.none() | _day,
)
def test_search_and_articles_filters_agree_with_brute_force(rows, site, since, until):
    arts = [
        Article(f"shared word and unique{i}", url=f"https://www.{(s or 'none').lower()}.example/{i}", site=s, published=p)
        for i, (s, p) in enumerate(rows)
    ]
    expected = set()
    for a in arts:
        day = _utc_day(a.published)
        if site is not None and site != a.site and site != a.domain:
            continue
        if (since is not None or until is not None) and day is None:
            continue
        if (since is not None and day < since) or (until is not None and day > until):
            continue
        expected.add(a.id)
    with Archive(":memory:") as archive:
        archive.ingest(arts)
        hits = archive.search("shared", site=site, since=since, until=until, limit=100)
        assert {h.article_id for h in hits} == expected
        listed = archive.articles(site=site, since=since, until=until)
        assert {a.id for a in listed} == expected
