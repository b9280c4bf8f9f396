"""Credit detection: outlet name, domain, links, wire agencies and datelines."""

from __future__ import annotations

from test_reuse_texts import ORIGINAL_PARAS, article

from newstrace.reuse.credit import agency_for, credited_agencies, find_credit

LEDE = ORIGINAL_PARAS[0]
SOURCE = article("\n\n".join(ORIGINAL_PARAS), "https://www.islandgazette.co.uk/news/ferry-1", site="The Island Gazette")


def _copy(text: str, **kw):
    return article(text, "https://copysite.net/a/1", site="Copy Site", **kw)


def test_names_the_outlet_with_or_without_the():
    c = find_credit(_copy(LEDE + "\n\nSource: The Island Gazette."), SOURCE)
    assert c.credited and c.evidence[0].kind == "name" and c.evidence[0].text == "The Island Gazette"
    c = find_credit(_copy(LEDE + "\n\nFirst reported by island gazette."), SOURCE)
    assert c.credited and c.evidence[0].text.lower() == "island gazette"


def test_names_the_domain():
    text = LEDE + "\n\nRead more at islandgazette.co.uk"
    c = find_credit(_copy(text), SOURCE)
    assert c.credited and c.evidence[0].kind == "domain"
    assert text[slice(*c.evidence[0].span)] == "islandgazette.co.uk"


def test_link_in_text_or_in_link_list():
    c = find_credit(_copy(LEDE + "\n\nMore: https://islandgazette.co.uk/news/ferry-1"), SOURCE)
    assert c.credited and any(e.kind == "link" for e in c.evidence)
    c = find_credit(_copy(LEDE), SOURCE, links=["https://m.islandgazette.co.uk/x"])
    assert c.credited and c.evidence[0].kind == "link" and c.evidence[0].span is None
    c = find_credit(_copy(LEDE, extra={"links": [{"href": "https://www.islandgazette.co.uk/y"}]}), SOURCE)
    assert c.credited


def test_no_credit_and_credit_to_someone_else():
    c = find_credit(_copy(LEDE), SOURCE)
    assert not c.credited and not c.evidence
    c = find_credit(_copy(LEDE + "\n\nSource: Northern Ledger."), SOURCE)
    assert not c.credited
    assert c.other_credits and "Northern Ledger" in c.other_credits[0].text


def test_source_naming_itself_inside_the_copied_text_is_inherited_not_credit():
    src = article("The mayor told The Island Gazette that the pier would close by May.", "https://islandgazette.co.uk/2",
                  site="The Island Gazette")
    copy = _copy("The mayor told The Island Gazette that the pier would close by May. More soon.")
    c = find_credit(copy, src, copied_spans=[(0, 66)])
    assert not c.credited
    assert c.evidence and all(e.inherited for e in c.evidence)


def test_wire_source_credited_by_dateline_or_name():
    wire = article("(Reuters) - " + LEDE, "https://www.reuters.com/world/x", site="Reuters")
    assert agency_for("Reuters", "reuters.com").name == "Reuters"
    c = find_credit(_copy("LONDON (Reuters) — " + LEDE), wire)
    assert c.credited and "wire" in {e.kind for e in c.evidence}
    ap = article(LEDE, "https://apnews.com/article/1", site="Associated Press")
    assert find_credit(_copy("PENRITH, England (AP) — " + LEDE), ap).credited
    assert find_credit(_copy(LEDE + "\n\nThe Associated Press contributed to this report."), ap).credited


def test_short_agency_names_need_a_credit_context():
    ap = article(LEDE, "https://apnews.com/article/1", site="Associated Press")
    # "AP" as ordinary letters (an AP exam), not a credit
    assert not find_credit(_copy(LEDE + " Students sat the AP exam."), ap).credited
    assert find_credit(_copy(LEDE + "\n\n© AP"), ap).credited


def test_keeping_the_sources_wire_credit_counts():
    # A newspaper ran an AFP story; the copy keeps the AFP dateline from it.
    paper = article("PARIS (AFP) - " + LEDE, "https://dailycourier.com/x", site="Daily Courier")
    assert [a.name for a in credited_agencies(paper.text)] == ["Agence France-Presse"]
    copy = _copy("PARIS (AFP) - " + LEDE)
    c = find_credit(copy, paper, copied_spans=[(0, len(copy.text))])
    assert c.credited and c.evidence[0].kind == "wire"


def test_mentioning_an_agency_is_not_the_source_crediting_it():
    paper = article("The minister told Reuters the pier would close. " + LEDE, "https://dailycourier.com/x",
                    site="Daily Courier")
    assert credited_agencies(paper.text) == []
    c = find_credit(_copy(paper.text), paper, copied_spans=[(0, len(paper.text))])
    assert not c.credited


def test_byline_and_own_abbreviation_dateline_give_credit():
    from newstrace import Article
    from newstrace.reuse import find_credit

    src = Article(text="KARSK (MPA) — The minister said the talks would go on.", site="Meridian Press Agency",
                  url="https://mpa.example/a")
    by_byline = Article(text="The minister said the talks would go on.", authors=("Meridian Press Agency",),
                        url="https://other.example/b")
    c = find_credit(by_byline, src)
    assert c.credited and any(e.kind == "byline" for e in c.evidence)
    by_dateline = Article(text="KARSK (MPA) — The minister said the talks would go on.", url="https://third.example/c")
    c = find_credit(by_dateline, src, copied_spans=[(0, 55)])
    assert c.credited and any(e.kind == "dateline" for e in c.evidence)
    plain = Article(text="The minister said the talks would go on.", url="https://fourth.example/d")
    assert not find_credit(plain, src).credited
