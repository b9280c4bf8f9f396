"""Quote tracing across the archive: the stretched ministry quotation of the example world."""

import pytest

from conftest import EXAMPLES
from newstrace import Archive
from newstrace.pipeline import check, load_article
from newstrace.read import read_path

COPIER = EXAMPLES / "world" / "html" / "frontlinedispatch" / "drovnias-close-ally-velmark-explores-training-opportunity-with-the-concord.html"


@pytest.fixture(scope="module")
def quotes(tmp_path_factory):
    with Archive(tmp_path_factory.mktemp("qt") / "w.sqlite") as archive:
        archive.ingest(read_path(EXAMPLES / "world"))
        d = check(load_article(str(COPIER)), archive).to_dict()
    return d["article"]["text"], d["quotes"]["quotes"]


def test_stretched_quote_is_extended_with_the_invented_words_marked(quotes):
    text, qs = quotes
    [q] = [q for q in qs if q["text"].startswith("We would welcome a more active role")]
    assert q["status"] == "extended"
    t = q["trace"]
    assert t["earliest"]["site"] == "Velmark Today"
    extra = " ".join(text[b:e] for b, e in t["extra_spans"])
    assert "Based on the role Aldonia plays" in extra
    assert "We would welcome" not in extra  # the genuine first sentence has an earlier source


def test_genuine_quote_is_identical_with_matching_speaker(quotes):
    _, qs = quotes
    [q] = [q for q in qs if q["text"].startswith("Velmark is ready for joint exercises")]
    assert q["status"] == "identical"
    assert q["trace"]["speaker_matches"] is True
    assert q["trace"]["earlier_occurrences"] >= 1
