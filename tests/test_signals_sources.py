"""Source ratings: matching rules, the shipped table, and agreement with the open lists."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from newstrace.errors import InputError
from newstrace.signals.sources import (
    HIGH_FROM,
    LOW_BELOW,
    Entry,
    SourceTable,
    band,
    default_table,
    normalize_key,
    rate_source,
    rating_signal,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSTRACE_SHARED", REPO.parent / "shared"))

DOMAINS = SHARED / "data" / "domains"


def lin_scores() -> dict[str, float]:
    """pc1 per domain from the source CSV when ../shared is present, else from the shipped table."""
    src = DOMAINS / "lin2023" / "data_domain_pc1.csv"
    if src.exists():
        with src.open(encoding="utf-8", newline="") as fh:
            return {r["domain"]: float(r["pc1"]) for r in csv.DictReader(fh)}
    return {e.key: e.pc1 for e in default_table().entries() if e.pc1 is not None}


def test_shipped_table_loads_with_provenance():
    table = default_table()
    assert len(table) > 11000
    meta = json.loads((resources.files("newstrace") / "data" / "source_ratings.json").read_text(encoding="utf-8"))
    names = {s["name"]: s for s in meta["sources"]}
    assert set(names) == {"lin2023", "opensources", "iffy"}
    for s in names.values():
        assert s["commit"] and s["licence"] and s["citation"] and len(s["sha256"]) == 64
    assert "LGPL-3.0" in names["opensources"]["licence"]
    assert "MIT" in names["iffy"]["licence"]
    assert "PNAS Nexus" in names["lin2023"]["citation"] and "10.1093/pnasnexus/pgad286" in names["lin2023"]["citation"]


@pytest.mark.parametrize("domain", ["reuters.com", "apnews.com", "infowars.com", "bbc.co.uk", "theguardian.com", "naturalnews.com"])
def test_known_domains_score_as_in_the_source(domain):
    expected = lin_scores()[domain]
    r = rate_source(domain)
    assert r.score == pytest.approx(expected)
    assert r.matched_domain == domain
    assert r.label == band(expected)
    assert "lin2023" in r.lists and "PNAS Nexus" in r.citation


@pytest.mark.parametrize(
    "variant",
    [
        "www.bbc.co.uk",
        "WWW.BBC.CO.UK",
        "bbc.co.uk.",
        "m.bbc.co.uk",
        "amp.bbc.co.uk",
        "https://www.bbc.co.uk:443/news/world-europe-123?ref=x#top",
        "http://user@m.BBC.co.uk./news",
        "  bbc.co.uk  ",
    ],
)
def test_variants_of_a_site_get_its_rating(variant):
    base = rate_source("bbc.co.uk")
    r = rate_source(variant)
    assert (r.domain, r.matched_domain, r.score, r.label) == (base.domain, base.matched_domain, base.score, base.label)


def test_most_specific_subdomain_wins_and_unknown_subdomains_fall_back():
    scores = lin_scores()
    assert rate_source("https://uk.news.yahoo.com/a-story").score == pytest.approx(scores["uk.news.yahoo.com"])
    assert rate_source("news.yahoo.com").score == pytest.approx(scores["news.yahoo.com"])
    assert rate_source("yahoo.com").score == pytest.approx(scores["yahoo.com"])
    fallback = rate_source("somewhere.news.yahoo.com")
    assert fallback.matched_domain == "news.yahoo.com"
    assert rate_source("unlisted-section.reuters.com/x").matched_domain == "reuters.com"


def test_mobile_variant_rated_apart_in_lin2023_folds_into_the_site():
    # lin2023 rates m.espn.com apart; a mobile URL is the same site, so it gets espn.com's score.
    assert rate_source("https://m.espn.com/nfl").score == pytest.approx(lin_scores()["espn.com"])


def test_blog_platforms_do_not_lend_their_rating():
    scores = lin_scores()
    assert rate_source("wordpress.com").score == pytest.approx(scores["wordpress.com"])
    blog = rate_source("https://some-new-blog-nobody-rated.wordpress.com/2020/01/01/post")
    assert blog.label == "unrated" and blog.score is None and "wordpress.com" in blog.note
    listed = rate_source("https://starpolitical.wordpress.com/2020/01/01/post")
    assert listed.matched_domain == "starpolitical.wordpress.com"
    assert listed.score == pytest.approx(scores["starpolitical.wordpress.com"])
    assert rate_source("https://www.facebook.com/someone.unlisted/posts/1").label == "unrated"
    page = rate_source("https://www.facebook.com/sadefenza/posts/1")
    assert page.matched_domain == "facebook.com/sadefenza"
    assert page.score == pytest.approx(scores["facebook.com/sadefenza"])


def test_path_entries_match_under_their_path_only():
    humor = rate_source("https://www.newyorker.com/humor/borowitz-report/some-joke")
    assert "satire" in humor.tags and humor.matches["opensources"] == "newyorker.com/humor"
    news = rate_source("https://www.newyorker.com/news/some-report")
    assert "satire" not in news.tags and news.matched_domain == "newyorker.com"


def test_opensources_tags_and_iffy_membership():
    r = rate_source("infowars.com")
    assert {"conspiracy", "iffy"} <= set(r.tags)
    assert r.lists == ("lin2023", "opensources", "iffy")
    assert "OpenSources" in r.citation and "Iffy" in r.citation


def test_unknown_domain_is_unrated_with_an_explanation():
    r = rate_source("https://www.example-newsroom-that-does-not-exist.org/a/b")
    assert r.label == "unrated" and r.score is None and r.lists == () and r.matched_domain is None
    assert "none of the lists" in r.explanation
    assert not r.rated


def test_seed_site_is_unrated():
    # The seed names its site only as "GDC": no list has any entry mentioning it.
    assert not [e.key for e in default_table().entries() if "gdc" in e.key]
    for guess in ("gdc.com", "https://www.gdc.news/2020/05/belarus"):
        r = rate_source(guess)
        assert r.label == "unrated" and r.score is None


@pytest.mark.parametrize("bad", ["", "   ", "not a domain", "http://", "https://exa mple.com/x", "bad!host.com"])
def test_bad_input_raises_naming_the_input(bad):
    with pytest.raises(InputError) as exc:
        rate_source(bad)
    assert repr(bad) in str(exc.value)


def test_non_string_input_raises():
    with pytest.raises(InputError):
        rate_source(None)  # type: ignore[arg-type]


def test_bands():
    assert band(0.0) == "low" and band(LOW_BELOW - 1e-9) == "low"
    assert band(LOW_BELOW) == "mixed" and band(HIGH_FROM - 1e-9) == "mixed"
    assert band(HIGH_FROM) == "high" and band(1.0) == "high"


def test_listed_without_score_is_labelled_listed():
    table = SourceTable([Entry("only-iffy.example", iffy=True), Entry("tagged.example", opensources=("satire",))])
    r = rate_source("www.only-iffy.example", table=table)
    assert r.label == "listed" and r.score is None and r.lists == ("iffy",)
    assert rate_source("tagged.example", table=table).tags == ("satire",)


def test_list_entry_normalisation():
    assert normalize_key("https://www.Example.com/*") == "example.com"
    assert normalize_key("Silver-Coin-Investor. com") == "silver-coin-investor.com"
    assert normalize_key("centerforsecuritypolicy.org/#articles") == "centerforsecuritypolicy.org"
    assert normalize_key("NewYorker.com/humor/") == "newyorker.com/humor"
    assert normalize_key("https://www.dailymail.co.uk/ushome/index.html*", keep_path=False) == "dailymail.co.uk"


_KEYS = sorted(k.key for k in default_table().entries() if "/" not in k.key)[::97]


@settings(max_examples=60, deadline=None)
@given(key=st.sampled_from(_KEYS), prefix=st.sampled_from(["", "www.", "m.", "amp.", "WWW."]), upper=st.booleans(), dot=st.booleans())
def test_decorations_never_change_the_rating(key, prefix, upper, dot):
    host = prefix + (key.upper() if upper else key) + ("." if dot else "")
    plain, decorated = rate_source(key), rate_source(f"https://{host}:8443/some/path?x=1")
    assert (decorated.matched_domain, decorated.score, decorated.tags) == (plain.matched_domain, plain.score, plain.tags)


# --------------------------------------------------------------------------- against ../shared


def test_every_lin2023_domain_gets_its_own_score(shared_data):
    src = shared_data / "domains" / "lin2023" / "data_domain_pc1.csv"
    wrong = []
    with src.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if normalize_key(row["domain"]) != row["domain"].lower():
                continue  # a www./m. variant: folded into its site on purpose
            r = rate_source(row["domain"])
            if r.score is None or abs(r.score - float(row["pc1"])) > 1e-12:
                wrong.append((row["domain"], row["pc1"], r.score))
    assert not wrong, wrong[:10]


def test_every_iffy_site_is_flagged(shared_data):
    lines = (shared_data / "domains" / "iffy" / "iffy_list_2024-08-01.txt").read_text(encoding="utf-8").split()
    missed = [u for u in lines if "iffy" not in rate_source(u).lists]
    assert not missed, missed[:10]


def test_shipped_table_is_what_the_build_script_makes(shared_data):
    spec = importlib.util.spec_from_file_location("build_source_table", REPO / "bench" / "build_source_table.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    data, meta, stats, _ = mod.build(shared_data.parent)
    shipped = Path(str(resources.files("newstrace") / "data" / "source_ratings.csv.gz")).read_bytes()
    assert data == shipped, "run: .venv/bin/python bench/build_source_table.py"
    assert stats["table keys"] == len(default_table())


def test_ip_addresses_are_unrated_not_errors():
    assert rate_source("http://127.0.0.1:8080/x").label == "unrated"
    assert rate_source("http://[::1]/x").label == "unrated"


def test_rating_signal_severity():
    assert rating_signal(rate_source("infowars.com")).severity == "high"
    assert rating_signal(rate_source("reuters.com")).severity == "info"
    unrated = rating_signal(rate_source("gdc.com"))
    assert unrated.severity == "info" and "none of the open" in unrated.message
    mixed = SourceTable([Entry("mixed.example", pc1=0.5)])
    assert rating_signal(rate_source("mixed.example", table=mixed)).severity == "low"
