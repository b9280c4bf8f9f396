"""Sentence-level stance: align a claim with one evidence sentence, then correct the model.

The packaged stance model (`stance.py`) learnt from FNC-1 headline/body pairs, where topical
overlap is most of the signal. At sentence level that makes any sentence on the topic
"agree", and contradiction by contrary facts goes unseen. This layer reads what the two
sentences say about the same things, with rules that know no topic:

    coverage        share of the claim's content words (lightly stemmed) in the sentence,
                    and of the claim's named subjects
    numbers         quantities attached to the same unit word ("380 kilometres", "fourteen
                    ships", "3,200 personnel"): the same value supports, a different value
                    conflicts (approximate values within 10% count as the same)
    negation        a negator ("no", "not", "never", "n't" ...) whose short scope holds a
                    (non-name) word the two sentences share, on one side only: "There are no
                    Concord exercises planned" against "... to host a Concord exercise"
    refutation      the sentence calls something untrue or denies/rejects it ("not true",
                    "denied", "ruled out", "baseless") while being about the claim
    causal link     a causal claim ("led to", "resulted in") is only agreed with by a
                    sentence that states a causal link too; the same events side by side
                    do not confirm that one caused the other
    predicate       a sentence agrees only if it carries one of the claim's lower-case
                    content words (what is said of the subjects: "intends to replace") and
                    names most of the claim's named things (two thirds, rounded up); a
                    sentence that only names the same countries is about them, not about
                    the claim
    near copy       the sentence carries (almost) all of the claim's content words, or half
                    of the claim (or 8 words) word for word, with no conflict: it says the
                    same thing (a shared quotation)
    classes         a word of the same predicate class covers a claim word in all of the
                    above ("dispute" covers "disagreements", "deal" covers "agreement"; the
                    lexicon is in `predicates.py`)
    state change    the claim says a conflict between named parties holds now ("there are
                    disagreements between X and Y", "X and Y are at odds") or that it ended
                    ("the deal ends months of disagreement"); the sentence names the same
                    parties, is about the claim, and says the conflict ended ("ending a
                    dispute", "an end to the row") or resumed ("again at odds", "a renewed
                    quarrel"). Ended against holds: disagrees, unless the sentence was
                    published after the claim (the end may postdate it). Resumed against
                    holds: agrees, unless published after the claim. Ended against ended:
                    agrees. Resumed against ended: disagrees, unless published before the
                    claim (the renewal may predate the claimed end). A claim about a
                    conflict is only agreed with by a sentence that mentions one.
    ties            the claim says a named party cuts its tie to another ("X intends to
                    replace A with B", "X broke with A") and the sentence, not hedged, says
                    the same tie holds ("X's obligations to A are not in question", "A is X's
                    strategic ally", "X remains committed to A"), or the other way round
                    (`predicates.tie`): disagrees. Both parties must be the same on both
                    sides, the abandoned one as the abandoned one (B above is not A). A tie
                    said to hold contradicts a claimed cut whatever its date (the reason says
                    when it was published); a cut reported after a claim that the tie holds
                    may postdate it (discusses). A claimed cut is only agreed with by a
                    sentence that names both parties.

Which rule decided is said in words in `Alignment.rule` (what `corroborate` shows with the
evidence).

`sentence_stance` applies these to a model prediction. Its effect on real data is measured
by bench/eval_sentence_stance.py (Climate-FEVER, tuning half / report half).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from .predicates import CONFLICT, CUT, ENDED, EXISTS, KEPT, RENEWED, conflict_state, opposed_ties, tie, word_class
from .stance import AGREES, DISAGREES, DISCUSSES, UNRELATED, StancePrediction

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_STOP = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    has have had do does did this that these those it its his her their our your my he she
    they we you i said says say told tell would will could should may might can also than then
    there here which who whom whose what when where why how about into over after before amid
    more most some any all such only very so just out up down per cent its it's s
    according week weeks day days monday tuesday wednesday thursday friday saturday sunday
    last next year years month months time""".split()
)
NEGATORS = frozenset("no not never none nobody nothing neither nor without cannot n't".split())
# Words that end a negator's scope: punctuation is handled separately.
_SCOPE_BREAK = frozenset("but and or while whereas although though because however".split())
_SCOPE = 4  # tokens after a negator that it can govern
_REFUTE = re.compile(
    r"\b(?:not true|untrue|false|baseless|unfounded|groundless|no truth|fabricat\w*|"
    r"den(?:y|ied|ies|ying)|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing)|debunk\w*|dismiss(?:es|ed)?|"
    r"rule[sd]? out|ruling out|no basis|nonsense|misleading|incorrect|inaccurate)\b",
    re.IGNORECASE,
)
_CAUSAL = re.compile(
    r"\b(?:led to|leads? to|leading to|result(?:s|ed)? in|as a result|resulting in|caus(?:e|es|ed|ing)|"
    r"because|due to|thanks to|owing to|reason for|paved? the way|paving the way|"
    r"trigger(?:s|ed)?|prompt(?:s|ed)|brought about|after which|so that|therefore|hence)\b",
    re.IGNORECASE,
)
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_WORD_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                      "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12})
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "tenth": 0.1}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def stem(word: str) -> str:
    """A light inflection stripper (plural, -ed, -ing), enough to match "exercises" with
    "exercise" and "planned" with "plans"; not a full stemmer."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or w.isdigit():
        return w
    for suf, rep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3 and not w.endswith("ss"):
            w = w[: len(w) - len(suf)] + rep
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "lsz":  # planned -> plann -> plan
        w = w[:-1]
    return w


@dataclass(frozen=True)
class _Token:
    text: str  # lower-cased
    stem: str
    start: int
    clause: int  # index of the comma/semicolon-delimited stretch it lies in
    name: bool = False  # capitalised in the text and not sentence-initial: part of a name


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    clause = 0
    last = 0
    for m in _TOKEN.finditer(text):
        gap = text[last : m.start()]
        if any(ch in ",;:()—–“”\"" for ch in gap):
            clause += 1
        # Sentence-initial (or after an opening quote / full stop): capitals say nothing.
        initial = not out or any(ch in ".!?“\"(" for ch in gap)
        last = m.end()
        raw = m.group(0)
        t = raw.lower().replace("’", "'")
        if t.endswith("n't"):
            out.append(_Token(t[:-3], stem(t[:-3]), m.start(), clause))
            out.append(_Token("n't", "n't", m.start() + len(t) - 3, clause))
            continue
        out.append(_Token(t, stem(t), m.start(), clause, raw[:1].isupper() and not initial))
    return out


def _content(tokens: Sequence[_Token]) -> list[str]:
    seen: list[str] = []
    for t in tokens:
        if t.text in _STOP or t.text in NEGATORS or (len(t.text) < 3 and not t.text[0].isdigit()):
            continue
        if t.stem not in seen:
            seen.append(t.stem)
    return seen


def _number_value(tok: str) -> float | None:
    if tok[0].isdigit():
        try:
            return float(tok.replace(",", ""))
        except ValueError:
            return None
    if tok in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[tok])
    return None


def quantities(tokens: Sequence[_Token]) -> list[tuple[float, str]]:
    """(value, unit stem) pairs: a number and the content word that follows it ("380
    kilometres" -> (380, "kilometr")); years ("since 2009") are left out, they are dates."""
    out: list[tuple[float, str]] = []
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        val = _number_value(t.text)
        if t.text in ("a", "one") and i + 1 < n and tokens[i + 1].text in _FRACTIONS:
            val = _FRACTIONS[tokens[i + 1].text]
            i += 1
        elif val is None and t.text in _FRACTIONS:
            val = _FRACTIONS[t.text]
        if val is None or (t.text[0].isdigit() and _YEAR.match(t.text) and "," not in t.text):
            i += 1
            continue
        j = i + 1
        while j < n and j <= i + 2 and tokens[j].text in _SCALE:
            val *= _SCALE[tokens[j].text]
            j += 1
        # The unit: the first content word within the next three tokens of the same clause.
        unit = None
        for k in range(j, min(n, j + 3)):
            u = tokens[k]
            if u.clause != t.clause or _number_value(u.text) is not None:
                break
            if u.text not in _STOP and u.text not in NEGATORS and len(u.text) > 2:
                unit = u.stem
                break
        if unit is not None:
            out.append((val, unit))
        i = j
    return out


def _negated(tokens: Sequence[_Token], targets: set[str]) -> set[str]:
    """Stems in `targets` that lie in the short scope of a negator. Names do not count: "no
    Concord exercises" negates the exercises, not the Concord."""
    out: set[str] = set()
    for i, t in enumerate(tokens):
        if t.text not in NEGATORS:
            continue
        for u in tokens[i + 1 : i + 1 + _SCOPE]:
            if u.clause != t.clause or u.text in _SCOPE_BREAK:
                break
            if u.stem in targets and not u.name:
                out.add(u.stem)
    return out


@dataclass(frozen=True)
class Alignment:
    """What one evidence sentence says about the claim's words, numbers and polarity."""

    coverage: float  # share of the claim's content stems in the sentence
    shared: tuple[str, ...]  # the shared content stems
    subject_named: bool  # names one of the claim's subjects (True when the claim has none)
    number_match: bool  # a quantity with the same unit and value on both sides
    number_conflict: bool  # a quantity with the same unit and a different value
    negation_conflict: bool  # a shared word negated on one side only
    refutation: bool  # the sentence denies / calls untrue
    causal_claim: bool
    causal_evidence: bool
    verbatim: float = 0.0  # longest word-for-word run shared, as a share of the claim's tokens
    verbatim_words: int = 0  # ... and in words
    predicate: bool = True  # carries a lower-case content word of the claim (or the claim has none)
    names_covered: float = 1.0  # share of the claim's capitalised names the sentence carries
    names: int = 0  # how many names the claim has (its own, else the context names given)
    claim_state: str | None = None  # what the claim says of a conflict (predicates.conflict_state)
    evidence_state: str | None = None  # ... and the sentence
    state_cue: str = ""  # the sentence's words that say it
    evidence_conflict_word: bool = False  # the sentence mentions a conflict at all
    claim_tie: str | None = None  # what the claim says of a tie between two parties (predicates.tie)
    claim_tie_parties: tuple[str, ...] = ()  # (holder, partner) of the claim's tie
    evidence_tie: str | None = None  # ... and the sentence (None also when hedged)
    tie_cue: str = ""  # the sentence's words that say it
    tie_opposed: bool = False  # the same tie, opposite states, neither hedged
    tie_parties_named: bool = True  # the sentence names both parties of the claim's tie
    rule: str = ""  # which rule of `sentence_stance` decided, in words ("" : the model's label)

    @property
    def conflict(self) -> bool:
        return self.number_conflict or self.negation_conflict or self.refutation

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def common_run(a: Sequence[_Token], b: Sequence[_Token]) -> int:
    """Length of the longest run of tokens the two texts share word for word (by stem)."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b):
            if x.stem == y.stem:
                cur[j + 1] = prev[j] + 1
                if cur[j + 1] > best:
                    best = cur[j + 1]
        prev = cur
    return best


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.1 * max(abs(a), abs(b))


def _class_stems(tokens: Sequence[_Token]) -> dict[str, set[str]]:
    """stem -> the predicate classes its tokens have in context (predicates.word_class)."""
    words = [t.text for t in tokens]
    out: dict[str, set[str]] = {}
    for i, t in enumerate(tokens):
        c = word_class(words, i)
        if c is not None:
            out.setdefault(t.stem, set()).add(c)
    return out


def align(claim: str, sentence: str, subjects: Sequence[str] = (), context_names: Sequence[str] = ()) -> Alignment:
    """`context_names`: names the claim is about although it does not say them (a clause
    that opens "The agreement ..." about an agreement between parties named earlier in its
    article); used as the claim's names when it has none of its own."""
    ct, et = _tokens(claim), _tokens(sentence)
    cw = _content(ct)
    ew = set(_content(et))
    c_cls, e_cls = _class_stems(ct), _class_stems(et)
    e_classes = set().union(*e_cls.values()) if e_cls else set()
    # A claim word is covered by itself or by a word of its class ("dispute" / "quarrel").
    by_class = {w for w in cw if w not in ew and c_cls.get(w, set()) & e_classes}
    shared = tuple(w for w in cw if w in ew or w in by_class)
    coverage = len(shared) / len(cw) if cw else 0.0
    low = sentence.lower()
    subject_named = not subjects or any(s.lower() in low for s in subjects)

    cq, eq = quantities(ct), quantities(et)
    match = conflict = False
    for cv, cu in cq:
        same_unit = [ev for ev, eu in eq if eu == cu]
        if not same_unit:
            continue
        if any(_close(cv, ev) for ev in same_unit):
            match = True
        else:
            conflict = True

    run = common_run(ct, et)
    estems = {t.stem for t in et}
    lower = {t.stem for t in ct if t.text[:1].isalpha() and t.stem in cw and not _capitalised(claim, t)}
    names = _names(claim, ct)
    needed = len(names)
    if not names and context_names:
        names = [{stem(w) for w in _TOKEN.findall(n)} for n in context_names]
        names = [n for n in names if n]
        needed = min(2, len(names))  # the parties: two of the context's names suffice
    covered = sum(1 for n in names if any(x in estems for x in n))
    shared_set = set(shared)
    # On the sentence's side, a class-mate of a claim word is a shared word too.
    c_classes = set().union(*(c_cls[w] for w in by_class)) if by_class else set()
    e_shared = shared_set | {w for w, cs in e_cls.items() if cs & c_classes}
    neg_c, neg_e = _negated(ct, shared_set), _negated(et, e_shared)
    negation_conflict = bool(neg_c) != bool(neg_e)
    cs = conflict_state(claim) if c_cls else None
    es = conflict_state(sentence) if e_cls else None
    ctie, etie = tie(claim), tie(sentence)
    if ctie is not None and ctie.hedged:
        ctie = None
    if etie is not None and etie.hedged:
        etie = None
    e_caps = _capitalised_words(sentence)
    tie_named = ctie is None or all(set(x.lower().split()) <= e_caps for x in (ctie.holder, ctie.partner))
    return Alignment(
        coverage=coverage,
        shared=shared,
        subject_named=subject_named,
        number_match=match,
        number_conflict=conflict,
        negation_conflict=negation_conflict,
        refutation=bool(_REFUTE.search(sentence)) and not _REFUTE.search(claim),
        causal_claim=bool(_CAUSAL.search(claim)),
        causal_evidence=bool(_CAUSAL.search(sentence)),
        verbatim=run / len(ct) if ct else 0.0,
        verbatim_words=run,
        predicate=not lower or bool(lower & (estems | by_class)),
        names_covered=min(1.0, covered / needed) if needed else 1.0,
        names=len(names),
        claim_state=cs.state if cs else None,
        evidence_state=es.state if es else None,
        state_cue=es.cue if es else "",
        evidence_conflict_word=any(CONFLICT in v for v in e_cls.values()),
        claim_tie=ctie.kind if ctie else None,
        claim_tie_parties=(ctie.holder, ctie.partner) if ctie else (),
        evidence_tie=etie.kind if etie else None,
        tie_cue=etie.cue if etie else "",
        tie_opposed=bool(ctie and etie and opposed_ties(ctie, etie)),
        tie_parties_named=tie_named,
    )


def _capitalised_words(text: str) -> set[str]:
    """The capitalised words of `text`, lower-cased, possessive stripped: a party of a tie is
    named in a sentence when all its words are among them."""
    out: set[str] = set()
    for m in _TOKEN.finditer(text):
        w = m.group(0).replace("’", "'")
        if w[:1].isupper():
            out.add(w[:-2].lower() if w.lower().endswith("'s") else w.lower())
    return out


def _capitalised(text: str, t: _Token) -> bool:
    return text[t.start : t.start + 1].isupper()


def _names(text: str, tokens: Sequence[_Token]) -> list[set[str]]:
    """Runs of capitalised words that are not function words ("Concord Alliance"), as stems."""
    out: list[set[str]] = []
    prev_end = -2
    for i, t in enumerate(tokens):
        if not _capitalised(text, t) or t.text in _STOP or t.text in NEGATORS:
            prev_end = -2
            continue
        if prev_end == i - 1 and out:
            out[-1].add(t.stem)
        else:
            out.append({t.stem})
        prev_end = i
    return out


_MONTHS = frozenset("""january february march april may june july august september october
    november december""".split())


def name_phrases(text: str, known: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Runs of capitalised words of `text` as written ("Concord Alliance"), without function
    words, weekdays and months. A sentence-initial word counts only when it is in `known`
    (lower case: words the caller has seen capitalised inside sentences), since a capital
    there says nothing ("Under the deal, ...")."""
    toks = _tokens(text)
    out: list[str] = []
    run: list[str] = []
    prev = -2
    for i, t in enumerate(toks):
        ok = (_capitalised(text, t) and t.text not in _STOP and t.text not in NEGATORS
              and t.text not in _MONTHS and t.text[:1].isalpha() and (t.name or t.text in known))
        if ok and prev == i - 1 and run:
            run.append(text[t.start : t.start + len(t.text)])
        elif ok:
            if run:
                out.append(" ".join(run))
            run = [text[t.start : t.start + len(t.text)]]
        if ok:
            prev = i
    if run:
        out.append(" ".join(run))
    seen: list[str] = []
    for n in out:
        if n not in seen:
            seen.append(n)
    return seen


def mid_sentence_names(text: str) -> set[str]:
    """Lower-cased words that appear capitalised inside a sentence of `text` (names)."""
    return {t.text for t in _tokens(text) if t.name}


@dataclass(frozen=True)
class SentenceRules:
    """Thresholds of `sentence_stance`; defaults chosen on the Climate-FEVER tuning half."""

    about: float = 0.35  # coverage below which a sentence can only discuss the claim
    conflict_about: float = 0.3  # coverage needed before a conflict signal counts
    near_copy: float = 0.85  # coverage at which a conflict-free sentence says the same thing
    verbatim: float = 0.5  # ... or the share of the claim the two carry word for word
    verbatim_words: int = 8  # ... or a word-for-word run this long (a shared quotation)
    model_disagree: bool = False  # keep the model's "disagrees" without a conflict signal
    use_numbers: bool = True
    use_negation: bool = True
    use_refutation: bool = True
    use_causal: bool = True
    use_near_copy: bool = True
    use_predicate: bool = True
    use_state_change: bool = True
    use_ties: bool = True
    names_needed: float = 0.5  # share of the claim's names an agreeing sentence carries


def _state_rule(a: Alignment, timing: str | None) -> tuple[str, str] | None:
    """(label, reason) of the state-change rule, or None when it does not apply. `a` must
    already be about the claim and name its parties."""
    cs, es, cue = a.claim_state, a.evidence_state, a.state_cue
    if cs == EXISTS and es == ENDED:
        if timing == "after":
            return DISCUSSES, (f"the sentence says the conflict ended ('{cue}') but was published after "
                               "the claim: the end may postdate it")
        return DISAGREES, (f"the claim says the conflict holds; the sentence, published "
                           f"{_WHEN.get(timing, 'at an unknown date')}, says it ended ('{cue}')")
    if cs == EXISTS and es == RENEWED:
        if timing == "after":
            return DISCUSSES, (f"the sentence says the conflict resumed ('{cue}') but was published after "
                               "the claim")
        return AGREES, f"the claim says the conflict holds; the sentence says it resumed ('{cue}')"
    if cs == ENDED and es == ENDED:
        return AGREES, f"the claim and the sentence both say the conflict ended ('{cue}')"
    if cs == ENDED and es == RENEWED:
        if timing == "before":
            return DISCUSSES, (f"the sentence says the conflict resumed ('{cue}') but was published before "
                               "the claim: the renewal may predate the claimed end")
        return DISAGREES, (f"the claim says the conflict ended; the sentence, published "
                           f"{_WHEN.get(timing, 'at an unknown date')}, says it resumed ('{cue}')")
    return None


_WHEN = {"before": "before the claim", "same_day": "the same day as the claim", "after": "after the claim"}


def _tie_rule(a: Alignment, timing: str | None) -> tuple[str, str] | None:
    """(label, reason) of the tie rule, or None. `a.tie_opposed` must hold."""
    holder, partner = a.claim_tie_parties
    when = _WHEN.get(timing, "at an unknown date")
    if a.claim_tie == CUT and a.evidence_tie == KEPT:
        return DISAGREES, (f"the claim says {holder} cuts its tie to {partner}; the sentence, published "
                           f"{when}, says the tie holds ('{a.tie_cue}')")
    if a.claim_tie == KEPT and a.evidence_tie == CUT:
        if timing == "after":
            return DISCUSSES, (f"the sentence says {holder} cut its tie to {partner} ('{a.tie_cue}') but was "
                               "published after the claim: the break may postdate it")
        return DISAGREES, (f"the claim says {holder}'s tie to {partner} holds; the sentence, published "
                           f"{when}, says it was cut ('{a.tie_cue}')")
    return None


def sentence_stance(
    pred: StancePrediction,
    claim: str,
    sentence: str,
    subjects: Sequence[str] = (),
    rules: SentenceRules | None = None,
    *,
    reported_speech: bool = False,
    context_names: Sequence[str] = (),
    timing: str | None = None,
) -> tuple[StancePrediction, Alignment]:
    """The model's prediction corrected by the alignment rules (see the module docstring).

    `reported_speech`: the claim reports what someone said ("X said Y", a quote). Then the
    checkable fact is that X said it: a sentence stating not-Y does not contradict it, so
    number and negation conflicts are not used; a denial still is; and so is the state
    change rule not used.

    `context_names`: see `align`. `timing`: when the sentence was published relative to the
    claim ("before", "same_day", "after"; None: unknown, which the state change rule reads
    as "not after": a claim with no date is read as of now, after all evidence).

    Probabilities move between labels; they are never invented from nothing: a conflict
    moves the agree and discuss mass to "disagrees", a near copy moves the discuss and
    disagree mass to "agrees", a missing causal link or a sentence not about the claim
    moves agree/disagree mass to "discusses". The rule that decided is `Alignment.rule`.
    """
    r = rules or SentenceRules()
    a = align(claim, sentence, subjects, context_names)
    p = dict(pred.probabilities)
    related = p[AGREES] + p[DISAGREES] + p[DISCUSSES]
    about = a.coverage >= r.about and a.subject_named
    conflict = (
        (r.use_numbers and a.number_conflict and not reported_speech)
        or (r.use_negation and a.negation_conflict and not reported_speech)
        or (r.use_refutation and a.refutation)
    )
    state = None
    if (r.use_state_change and not reported_speech and a.claim_state and a.evidence_state and about
            and a.names and a.names_covered >= 1.0 - 1e-9):
        state = _state_rule(a, timing)
    ties = None
    if r.use_ties and not reported_speech and a.tie_opposed:
        ties = _tie_rule(a, timing)
    rule = ""
    if conflict and a.coverage >= r.conflict_about and a.subject_named and not (r.use_numbers and a.number_match and not a.negation_conflict and not a.refutation):
        p = {AGREES: 0.0, DISAGREES: related, DISCUSSES: 0.0, UNRELATED: p[UNRELATED]}
        rule = ("a different figure for the same quantity" if r.use_numbers and a.number_conflict and not reported_speech
                else "a shared word is negated on one side only" if r.use_negation and a.negation_conflict and not reported_speech
                else "the sentence denies or calls something untrue")
    elif state is not None:
        label, rule = state
        p = {AGREES: 0.0, DISAGREES: 0.0, DISCUSSES: 0.0, UNRELATED: p[UNRELATED]}
        p[label] = related
    elif ties is not None:
        label, rule = ties
        p = {AGREES: 0.0, DISAGREES: 0.0, DISCUSSES: 0.0, UNRELATED: p[UNRELATED]}
        p[label] = related
    elif not about:
        p = {AGREES: 0.0, DISAGREES: 0.0, DISCUSSES: related, UNRELATED: p[UNRELATED]}
        rule = ("the sentence names none of the claim's subjects" if not a.subject_named
                else f"the sentence carries {a.coverage:.0%} of the claim's content words: about the topic, not the claim")
    elif r.use_predicate and p[AGREES] > 0 and not (
        a.predicate and a.names_covered >= r.names_needed - 1e-9
    ) and not a.verbatim_words >= r.verbatim_words:
        # Nor does the model's disagreement stand here without a conflict signal (see the
        # last rule): the sentence is about the topic, not about what the claim says.
        keep = p[DISAGREES] if r.model_disagree else 0.0
        p = {AGREES: 0.0, DISAGREES: keep, DISCUSSES: related - keep, UNRELATED: p[UNRELATED]}
        rule = ("the sentence says nothing the claim says of its subjects" if not a.predicate
                else "the sentence names too few of the claim's named things")
    elif (r.use_state_change and a.claim_state in (EXISTS, ENDED) and not reported_speech and p[AGREES] > 0
          and (not a.evidence_conflict_word or (a.claim_state == ENDED and a.evidence_state != ENDED))):
        p = {AGREES: 0.0, DISAGREES: p[DISAGREES], DISCUSSES: p[DISCUSSES] + p[AGREES], UNRELATED: p[UNRELATED]}
        rule = ("the claim is about a conflict and the sentence mentions none" if not a.evidence_conflict_word
                else "the claim says a conflict ended and the sentence does not say so")
    elif (r.use_ties and a.claim_tie == CUT and not reported_speech and p[AGREES] > 0
          and not a.tie_parties_named):
        p = {AGREES: 0.0, DISAGREES: p[DISAGREES], DISCUSSES: p[DISCUSSES] + p[AGREES], UNRELATED: p[UNRELATED]}
        holder, partner = a.claim_tie_parties
        rule = f"the claim says {holder} cuts its tie to {partner}; the sentence does not name both"
    elif r.use_causal and a.causal_claim and not a.causal_evidence and p[AGREES] > 0:
        p = {AGREES: 0.0, DISAGREES: p[DISAGREES], DISCUSSES: p[DISCUSSES] + p[AGREES], UNRELATED: p[UNRELATED]}
        rule = "the claim states a causal link and the sentence does not"
    elif r.use_near_copy and (
        a.coverage >= r.near_copy or a.verbatim >= r.verbatim or a.verbatim_words >= r.verbatim_words
    ):
        p = {AGREES: related, DISAGREES: 0.0, DISCUSSES: 0.0, UNRELATED: p[UNRELATED]}
        rule = "the sentence says the same thing (near copy)"
    elif r.use_numbers and a.number_match and p[DISAGREES] > p[AGREES]:
        p = {AGREES: p[AGREES] + p[DISAGREES], DISAGREES: 0.0, DISCUSSES: p[DISCUSSES], UNRELATED: p[UNRELATED]}
        rule = "the same figure for the same quantity"
    elif not r.model_disagree and p[DISAGREES] > 0:
        # The model's sentence-level "disagrees" without any conflict the rules can see is
        # mostly noise (precision 0.11 on Climate-FEVER): it becomes "discusses".
        p = {AGREES: p[AGREES], DISAGREES: 0.0, DISCUSSES: p[DISCUSSES] + p[DISAGREES], UNRELATED: p[UNRELATED]}
        rule = "the model's disagreement has no conflict the rules can see"
    a = replace(a, rule=rule)
    if p == dict(pred.probabilities):
        return pred, a
    label = max(p, key=p.get)
    return StancePrediction(stance=label, score=p[label], probabilities=p), a
