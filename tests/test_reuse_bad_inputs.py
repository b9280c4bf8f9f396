"""Bad and unusual inputs: empty, one word, one sentence repeated, 5 MB, other scripts."""

from __future__ import annotations

import random

import pytest
from test_reuse_texts import ORIGINAL, ORIGINAL_PARAS, article

from newstrace.reuse import MemoryIndex, site_key, trace
from newstrace.reuse.provenance import tokens_for

REPEATED = "The minister said the talks would continue next week in the capital. "
RU = (
    "Министр обороны Беларуси заявил, что страна готова к совместным учениям с НАТО, но только "
    "если альянс понимает, что Россия является стратегическим союзником Минска."
)
ZH = "白俄罗斯国防部长表示，该国准备与北约举行联合军事演习，但前提是北约理解俄罗斯是其战略盟友。双方正在讨论可能的形式。"
JA = "ベラルーシの国防相は、北大西洋条約機構との合同演習に参加する用意があると述べ、形式について協議していると明らかにした。"


def _big_text(seed: int = 3, chars: int = 5_000_000) -> str:
    rng = random.Random(seed)
    syll = ["ka", "lo", "mi", "ren", "sto", "vi", "dar", "ne", "pol", "tu", "gre", "sa", "fin", "or", "bel"]
    vocab = ["".join(rng.choice(syll) for _ in range(rng.randint(1, 4))) for _ in range(30000)]
    out, n = [], 0
    while n < chars:
        sent = " ".join(rng.choice(vocab) for _ in range(rng.randint(8, 25))).capitalize() + "."
        out.append(sent)
        n += len(sent) + 1
    return " ".join(out)[:chars]


@pytest.fixture(scope="module")
def corpus():
    big = _big_text()
    docs = {
        1: article(ORIGINAL, "https://a.com/1", "2021-01-01"),
        2: article("", "https://b.com/2"),
        3: article("Hello", "https://c.com/3"),
        4: article(REPEATED * 3, "https://d.com/4", "2021-01-02"),
        5: article(big, "https://e.com/5", "2021-01-03"),
        6: article(RU + " Это важное заявление.", "https://g.ru/6", "2021-01-04"),
        7: article(ZH, "https://h.cn/7", "2021-01-05"),
        8: article(JA, "https://i.jp/8", "2021-01-06"),
    }
    index, cache = MemoryIndex(), {}
    for k, a in docs.items():
        index.add(k, tokens_for(k, a, cache), site=site_key(a))
    return docs, index, cache, big


def _check(corpus, a):
    docs, index, cache, _ = corpus
    pv = trace(a, index, lookup=docs.get, token_cache=cache)
    pv.to_dict()
    return pv


def test_empty_and_one_word_articles(corpus):
    for text in ["", "Belarus", "   \n\n  "]:
        pv = _check(corpus, article(text, None))
        assert pv.sources == [] and pv.groups == []
    pv = _check(corpus, article(ORIGINAL, None))  # the archive's empty articles do no harm
    assert {s.source.key for s in pv.sources} == {1}


def test_one_sentence_repeated(corpus):
    pv = _check(corpus, article(REPEATED * 500, None))
    assert [s.source.key for s in pv.sources] == [4]
    # Words align one to one: the archived article's three sentences match three of the
    # 500 repeats (not all 500 against each of them), so the paragraph stays "original".
    assert pv.sources[0].copied_chars == len((REPEATED * 3).strip()) - 1  # minus the final "."
    assert pv.paragraphs[0].label == "original"


def test_five_megabyte_article(corpus):
    docs, index, cache, big = corpus
    start = big.index(" ", 2_500_000) + 1
    piece = big[start : start + 600].rsplit(" ", 1)[0]
    pv = _check(corpus, article(ORIGINAL_PARAS[0] + "\n\n" + piece, None))
    keys = {s.source.key for s in pv.sources}
    assert keys == {1, 5}
    (m,) = [m for m in pv.matches() if m.source.key == 5]
    assert big[slice(*m.source_span)] == piece.rstrip(".")[: m.source_span[1] - m.source_span[0]]
    assert m.source_span[0] == start


def test_cyrillic_copy(corpus):
    pv = _check(corpus, article("Вступление редакции. " + RU, None))
    assert [s.source.key for s in pv.sources] == [6]
    m = pv.matches()[0]
    assert m.edit_level == "verbatim" and m.source_span == (0, len(RU) - 1)


def test_chinese_and_japanese_without_spaces(corpus):
    pv = _check(corpus, article("新闻报道：" + ZH[:45], None))
    assert [s.source.key for s in pv.sources] == [7]
    pv = _check(corpus, article(JA[:35] + "と報じた。", None))
    assert [s.source.key for s in pv.sources] == [8]


def test_short_chinese_phrase_is_not_a_passage(corpus):
    # nine characters count as 4.5 words: below the minimum passage length
    pv = _check(corpus, article("他说俄罗斯是其战略盟友", None))
    assert pv.sources == []


def test_mixed_scripts_and_odd_characters(corpus):
    text = "Zero\u200bwidth, emoji 🚢🚢, RTL مرحبا بالعالم, combining e\u0301 and \x07 control.\n\n" + ORIGINAL_PARAS[0]
    pv = _check(corpus, article(text, None))
    assert {s.source.key for s in pv.sources} == {1}
