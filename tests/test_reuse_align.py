"""Word alignment: passages, spans, edits; ledes, reordering, interleaving, truncation."""

from __future__ import annotations

import random

from test_reuse_texts import DISTRACTOR, ORIGINAL, ORIGINAL_PARAS, OTHER_1, OTHER_2

from newstrace.reuse.align import HEAVY, LIGHT, VERBATIM, align, establishes_pair
from newstrace.reuse.normalize import tokenize

OWN_1 = "Our correspondent visited the quay on Wednesday morning and found it almost deserted."
OWN_2 = "A spokesman for the ferry company declined to comment on the timetable for next year."


def _spans(copy: str, source: str):
    q, d = tokenize(copy), tokenize(source)
    out = []
    for a in align(q, d):
        out.append((copy[slice(*q.char_span(a.q_start, a.q_end))], source[slice(*d.char_span(a.d_start, a.d_end))], a))
    return out


def test_lede_copied_from_the_first_word():
    copy = ORIGINAL_PARAS[0] + " " + ORIGINAL_PARAS[1] + "\n\n" + OWN_1 + " " + OWN_2
    q, d = tokenize(copy), tokenize(ORIGINAL)
    (a,) = align(q, d)
    assert (a.q_start, a.d_start) == (0, 0)
    assert q.char_span(a.q_start, a.q_end)[0] == 0
    assert copy[slice(*q.char_span(a.q_start, a.q_end))].endswith("hospital in town")
    assert a.edit_level == VERBATIM and a.edits == 0


def test_lede_with_its_first_word_changed_still_starts_at_the_start():
    copy = "A " + ORIGINAL_PARAS[0][4:] + "\n\n" + OWN_1
    q, d = tokenize(copy), tokenize(ORIGINAL)
    (a,) = align(q, d)
    assert a.q_start == 0 and a.d_start == 0
    assert a.edits == 1 and a.edit_level == LIGHT


def test_reordered_paragraphs_give_one_passage_each():
    p = ORIGINAL_PARAS
    copy = "\n\n".join([p[3], p[1], OWN_1, p[4]])
    found = _spans(copy, ORIGINAL)
    sources = sorted(s for _, s, _ in found)
    assert sorted([p[3].rstrip("."), p[1].rstrip("."), p[4].rstrip(".")]) == sorted(sources)
    for c, s, _ in found:
        assert c == s


def test_interleaved_own_sentences_are_not_part_of_passages():
    s1 = ORIGINAL_PARAS[1]
    s2 = ORIGINAL_PARAS[3]
    copy = f"{OWN_1} {s1} {OWN_2} {s2}"
    found = _spans(copy, ORIGINAL)
    assert len(found) == 2
    for c, _, _ in found:
        assert "correspondent" not in c and "spokesman" not in c


def test_truncated_copy_ends_where_the_copy_ends():
    cut = ORIGINAL[: int(len(ORIGINAL) * 0.6)].rsplit(" ", 1)[0]
    copy = cut + "\n\n" + OTHER_1
    q, d = tokenize(copy), tokenize(ORIGINAL)
    (a,) = align(q, d)
    assert a.q_start == 0 and a.d_start == 0
    assert q.char_span(a.q_start, a.q_end)[1] == len(cut.rstrip(",."))  # spans end on a word


def _edit(text: str, rate: float, seed: int) -> str:
    rng = random.Random(seed)
    words = text.split(" ")
    vocab = ["lorry", "quietly", "harvest", "velvet", "bicycle", "granite", "marble", "pepper"]
    out = []
    for w in words:
        r = rng.random()
        if r < rate / 2:
            out.append(rng.choice(vocab))
        elif r < rate * 3 / 4:
            continue
        elif r < rate:
            out.extend([w, rng.choice(vocab)])
        else:
            out.append(w)
    return " ".join(out)


def test_edit_levels_follow_the_edit_rate():
    body = " ".join(ORIGINAL_PARAS[:4])
    light = _edit(body, 0.05, 1)
    heavy = _edit(body, 0.25, 2)
    (a,) = align(tokenize(light), tokenize(body))
    assert a.edit_level == LIGHT
    levels = {x.edit_level for x in align(tokenize(heavy), tokenize(body))}
    assert levels == {HEAVY}


def test_heavily_edited_copy_is_still_one_passage_covering_the_copy():
    body = " ".join(ORIGINAL_PARAS[:4])
    heavy = _edit(body, 0.2, 3)
    q, d = tokenize(heavy), tokenize(body)
    passages = align(q, d)
    covered = sum(a.q_end - a.q_start for a in passages)
    assert covered >= 0.9 * len(q)


def test_unrelated_texts_share_nothing():
    assert align(tokenize(OTHER_1), tokenize(ORIGINAL)) == []
    assert align(tokenize(OTHER_2), tokenize(OTHER_1)) == []


def test_independent_report_shares_only_the_quotation():
    found = _spans(DISTRACTOR, ORIGINAL)
    assert len(found) == 1
    c, s, a = found[0]
    assert "pouring money into a pier" in c
    assert "Penrith" not in c


def test_opcodes_and_pairs_are_consistent():
    body = " ".join(ORIGINAL_PARAS[:3])
    copy = _edit(body, 0.1, 5)
    q, d = tokenize(copy), tokenize(body)
    for a in align(q, d):
        ops = a.opcodes()
        assert ops[0][1] == a.q_start and ops[-1][2] == a.q_end
        assert ops[0][3] == a.d_start and ops[-1][4] == a.d_end
        for tag, q1, q2, d1, d2 in ops:
            if tag == "equal":
                assert q.norm[q1:q2] == d.norm[d1:d2]
        pairs = a.pairs()
        assert len(pairs) == a.matched
        assert all(q.norm[i] == d.norm[j] for i, j in pairs)
        edits = sum(max(q2 - q1, d2 - d1) for tag, q1, q2, d1, d2 in ops if tag != "equal")
        assert edits == a.edits


def test_short_phrases_do_not_establish_a_pair():
    assert establishes_pair(8, 0, 8)
    assert not establishes_pair(9, 1, 5)  # "a boarding school in the (remote) northeastern town of"
    assert establishes_pair(12, 2, 5)
    assert establishes_pair(10, 1, 8)


def test_repeated_sentence_is_aligned_occurrence_by_occurrence():
    # 400 x 1500 repeats would be 600,000 anchor pairs per n-gram if paired all-against-all.
    s = "The minister said the talks would continue next week in the capital. "
    q, d = tokenize(s * 400), tokenize(s * 1500)
    passages = align(q, d)
    assert len(passages) == 1
    assert passages[0].matched == len(q) and passages[0].edits == 0


def test_heavily_edited_first_words_of_a_lede_still_start_at_the_start():
    # Three of the first six words changed: no 4-word anchor reaches the start, but both
    # texts have a similar stretch before the first anchored word, sharing a content word.
    src = ORIGINAL_PARAS[0]
    edited = src.replace("The Harbour Council voted on Tuesday", "A harbour board voted last Tuesday")
    copy = edited + "\n\n" + OWN_1
    q, d = tokenize(copy), tokenize(ORIGINAL)
    (a,) = align(q, d)
    assert a.q_start == 0 and a.d_start == 0
    assert a.edits == 3  # A/The, board/Council, last/on


def test_own_sentences_before_a_shared_one_are_not_snapped_into_it():
    # Same paragraph position, similar length, but the lead-ins share no content word.
    src_para = "Rescue teams were sent at dawn. " + ORIGINAL_PARAS[1]
    copy_para = "Officials confirmed the news later. " + ORIGINAL_PARAS[1]
    q, d = tokenize(copy_para), tokenize(src_para)
    (a,) = align(q, d)
    assert copy_para[slice(*q.char_span(a.q_start, a.q_end))].startswith("Councillors approved")


def test_two_phrases_meeting_across_a_paragraph_break_are_no_passage():
    # "... with the Concord Alliance." ends one paragraph of the source and "Velmark defence
    # chief Pavel Krostan" begins the next; the other text has both in one paragraph.
    source = ("Officials said the country was open to joint exercises with the Concord Alliance.\n\n"
              "Velmark defence chief Pavel Krostan recently told local media that talks continue.")
    copy = ("Velmark intends to move closer to the Concord Alliance. Velmark defence chief Pavel "
            "Krostan said his country is open to participating in exercises.")
    assert align(tokenize(copy), tokenize(source)) == []
    # The same words reflowed by a real copy (a long stretch beside the break) stay one passage.
    reflowed = source.replace("\n\n", " ")
    (a,) = align(tokenize(reflowed), tokenize(source))
    assert a.matched == len(tokenize(source))
