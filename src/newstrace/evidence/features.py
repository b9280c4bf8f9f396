"""Pair features for stance detection: how a piece of evidence relates to a claim.

A claim and an evidence text (one sentence, a passage, or a whole article body) are each
*prepared* once — tokens, light stems, sentence ranges, stem positions — and then compared
with `PairFeaturizer.features`. Preparation dominates the cost, and the same evidence
sentence is usually compared with several claims, so callers prepare each distinct text once.

Every feature is defined so that it means the same for a one-sentence evidence text and for a
long body: body-level features are either rates (per 100 tokens) or are computed over the
best-matching sentences, which for a single sentence are the sentence itself. That is what
lets one model serve both FNC-1 bodies (training) and sentence-level evidence (run time).

Only the standard library and numpy: this runs on a base install. Sums over sets use
math.fsum (exact, so independent of set order, which varies with PYTHONHASHSEED): the same
text gives bit-identical features in every process, and training is reproducible.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

import numpy as np

from .. import segment

if TYPE_CHECKING:
    from .cues import CueModel

# ---------------------------------------------------------------------------------------------
# Tokens and stems

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
_IRREGULAR_NOT = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}

# Function words that carry no topic. Negations, modals and hedges are deliberately absent:
# they are stance cues and are counted by the lexicons below, not dropped.
STOPWORDS = frozenset(
    """a an the and or but if then than so as of at by for from in into on onto to up down
    out over under with within about above below between through during before after
    again further once here there when where why how all any both each few more most other
    some such only own same too very s t just now also i me my myself we our ours ourselves
    you your yours yourself yourselves he him his himself she her hers herself it its itself
    they them their theirs themselves what which who whom whose this that these those am is
    are was were be been being have has had having do does did doing would should shall will
    can its it's us one two via per mr mrs ms dr new""".split()
)

REFUTE = frozenset(
    # "dismissed", "rejected", "lies" are left out: in news they mostly mean fired, voted
    # down, is situated. They count as denial only in the constructions of DENIAL_OBJECTS.
    """fake fakes faked fraud fraudulent hoax hoaxes false falsely deny denies denied denial
    denying debunk debunked debunks debunking bogus myth untrue fabricated fabrication
    fiction fictional satire satirical prank pranks retract retracted retraction refute
    refuted refutes refuting baseless unfounded misleading nonsense lied liar
    doctored photoshopped scam wrong incorrect inaccurate disputed disputes dispute
    contradict contradicts contradicted erroneous mistaken mistakenly phony spoof parody""".split()
)
# Verbs that deny only when their object is a report or claim: "dismissed reports that ...",
# "rejected the claim", "refuted allegations".
DENIAL_VERBS = frozenset(
    """deny denies denied denying dismiss dismissed dismisses dismissing reject rejected
    rejects rejecting refute refuted refutes debunk debunked debunks dispute disputed
    disputes contradict contradicted contradicts retract retracted rebuff rebuffed""".split()
)
DENIAL_OBJECTS = frozenset(
    """that report reports reporting claim claims allegation allegations rumor rumors rumour
    rumours speculation suggestion suggestions story stories account accounts assertion
    assertions the these those such any media""".split()
)
ALWAYS_DENIAL = frozenset("deny denies denied denying denial".split())
NEGATION = frozenset(
    """not no never none nobody nothing neither nor nowhere without cannot""".split()
)
HEDGE = frozenset(
    """reportedly allegedly alleged alleges allege claim claims claimed claiming rumor rumors
    rumour rumours rumored rumoured unconfirmed unverified may might could possibly possible
    perhaps apparently purportedly purported supposedly according suggests suggest suggested
    speculation speculate speculated speculating appears appear appeared seems seem seemed
    believed believe believes likely unclear uncertain whether report reports reported
    reporting sources source if""".split()
)
CONFIRM = frozenset(
    """confirm confirms confirmed confirming confirmation official officially announced
    announce announces announcement verified verify verifies proof proves proved proven
    indeed true truth revealed reveals reveal shows showed show fact facts actually
    definitely certainly admits admitted admit acknowledged acknowledges""".split()
)
SAY = frozenset("""said says say told tells stated statement spokesman spokeswoman
    spokesperson""".split())
LEXICONS: dict[str, frozenset[str]] = {
    "refute": REFUTE,
    "negation": NEGATION,
    "hedge": HEDGE,
    "confirm": CONFIRM,
    "say": SAY,
}


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens; "n't" becomes a separate "not", other clitics are dropped."""
    out: list[str] = []
    for m in _TOKEN.finditer(text.lower()):
        tok = m.group()
        if "'" in tok or "’" in tok:
            tok = tok.replace("’", "'")
            if tok.endswith("n't"):
                base = tok[:-3]
                base = _IRREGULAR_NOT.get(base, base)
                if base:
                    out.append(base)
                out.append("not")
                continue
            tok = tok.split("'", 1)[0]  # "minister's" -> "minister", "they're" -> "they"
            if not tok:
                continue
        out.append(tok)
    return out


_SUFFIXES = (
    # (suffix, replacement, minimum stem length left) — checked in order, first match wins.
    ("ational", "ate", 3), ("ization", "ize", 3), ("fulness", "ful", 3), ("iveness", "ive", 3),
    ("ousness", "ous", 3), ("ically", "ic", 3), ("ments", "ment", 3), ("ations", "ate", 3),
    ("ation", "ate", 3), ("iness", "y", 3), ("nesses", "", 3), ("ness", "", 3),
    ("ingly", "", 3), ("edly", "", 3), ("ings", "", 3), ("ing", "", 3), ("ies", "y", 2),
    ("ied", "y", 2), ("ly", "", 4), ("ed", "", 3), ("es", "", 3), ("er", "", 4), ("s", "", 3),
)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English suffix stripper: "denied"/"denies"/"deny" -> "deny", "reports" ->
    "report". Not Porter, but the same rules apply to both sides of every comparison."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, repl, keep in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            base = word[: len(word) - len(suffix)] + repl
            if suffix == "s" and word[-2] in "su":  # "press", "bus", "virus"
                return word
            if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh", "o")):
                base = word[:-1]  # "leaves" -> "leave"; "boxes" -> "box"
            if suffix in ("ing", "ed", "ings", "edly", "ingly") and len(base) > 2 and (
                base[-1] == base[-2] and base[-1] not in "lsz"
            ):
                base = base[:-1]  # "stopped" -> "stop"
            return base
    return word


def _is_content(tok: str) -> bool:
    return tok not in STOPWORDS and (len(tok) > 1 or tok.isdigit())


def numbers(text: str) -> frozenset[str]:
    """Numbers written with digits, normalised ("1,500" -> "1500", "3.50" -> "3.5")."""
    out = set()
    for m in _NUMBER.finditer(text):
        n = m.group().replace(",", "")
        if "." in n:
            n = n.rstrip("0").rstrip(".")
        out.add(n)
    return frozenset(out)


# ---------------------------------------------------------------------------------------------
# Inverse document frequencies


@dataclass(frozen=True)
class Idf:
    """Smoothed inverse document frequency of stems; unseen stems count as rare (df = 1)."""

    weights: Mapping[str, float]
    n_docs: int

    @property
    def unseen(self) -> float:
        return math.log((1 + self.n_docs) / 2) + 1.0

    def __call__(self, term: str) -> float:
        w = self.weights.get(term)
        return self.unseen if w is None else w

    @classmethod
    def fit(cls, docs: Iterable[Iterable[str]], min_df: int = 2) -> "Idf":
        df: Counter[str] = Counter()
        n = 0
        for stems in docs:
            df.update(set(stems))
            n += 1
        weights = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items() if c >= min_df}
        return cls(weights=weights, n_docs=n)


# ---------------------------------------------------------------------------------------------
# Prepared texts


@dataclass
class Prepared:
    """One text made ready for comparison; build with `PairFeaturizer.prepare`."""

    text: str
    tokens: list[str]
    stems: list[str]  # one per token
    content: frozenset[str]  # content stems
    sentences: list[tuple[int, int]]  # token ranges
    sentence_spans: list[tuple[int, int]]  # the same sentences as character offsets in text
    sentence_stems: list[frozenset[str]]
    positions: dict[str, list[int]]  # content stem -> token positions
    lexicon_positions: dict[str, list[int]]
    numbers: frozenset[str]
    tf: Counter
    norm: float  # l2 norm of the sublinear tf-idf vector
    bigrams: frozenset[tuple[str, str]]
    trigrams: frozenset[tuple[str, str, str]]
    questions: int
    quoted_share: float
    sentence_quoted: list[float]  # share of each sentence's characters inside quotation marks
    sentence_denial: list[bool]  # the sentence holds a denial construction (see DENIAL_*)
    _sentence_norms: list[float] = field(default_factory=list)


_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{3,})[\"“”«»]")


def _content_ngrams(stems: Sequence[str], tokens: Sequence[str], n: int) -> frozenset:
    seq = [s for s, t in zip(stems, tokens) if _is_content(t)]
    return frozenset(tuple(seq[i : i + n]) for i in range(len(seq) - n + 1))


# ---------------------------------------------------------------------------------------------
# Pair features


def _feature_names() -> tuple[str, ...]:
    names = [
        "claim_tokens_log", "evidence_tokens_log", "evidence_sentences_log",
        "overlap_idf", "overlap_count", "overlap_bigram", "overlap_trigram", "cosine",
        "bm25", "max_missing_idf", "lead_overlap", "lead2_overlap",
        "sent_overlap_max", "sent_overlap_second", "sent_overlap_top3", "sent_cosine_max",
        "sent_share_half", "best_sentence_pos", "best_sentence_tokens_log",
        "claim_numbers", "numbers_found", "numbers_missing_flag", "evidence_numbers_best",
        "claim_question", "evidence_question_rate", "best_quoted_share", "claim_quoted",
    ]
    for cat in LEXICONS:
        names += [
            f"claim_{cat}", f"evidence_{cat}_rate", f"best_{cat}", f"top3_{cat}_rate",
            f"near_{cat}",
        ]
    names += ["negation_mismatch", "refute_best_minus_claim", "hedge_lead"]
    names += ["claim_denial", "denial_overlap", "negated_overlap"]
    names += ["cue_agree", "cue_disagree", "cue_discuss"]  # cues.CueModel outputs
    return tuple(names)


def cue_terms(ev: Prepared, top_sentences: Sequence[int]) -> set[str]:
    """The binary terms the cue model (cues.py) sees for one evidence text: every stem of
    the text ("b:") and every stem of its sentences closest to the claim ("t:")."""
    terms = {"b:" + s for s in ev.stems}
    for k in top_sentences:
        b, e = ev.sentences[k]
        terms.update("t:" + s for s in ev.stems[b:e])
    return terms


FEATURE_NAMES: tuple[str, ...] = _feature_names()


class PairFeaturizer:
    """Turns (claim, evidence) pairs into fixed-length feature vectors (`FEATURE_NAMES`)."""

    #: BM25 constants: the usual defaults; the length norm uses `avg_len` from training.
    k1 = 1.2
    b = 0.75
    window = 6  # tokens either side of a shared word that count as "near" it

    def __init__(self, idf: Idf, avg_len: float = 20.0, cues: "CueModel | None" = None) -> None:
        self.idf = idf
        self.avg_len = avg_len
        # Without a cue model the three cue features are NaN (training fills them in with
        # out-of-fold values; the trees route NaN like any other value).
        self.cues = cues

    # -- preparation ---------------------------------------------------------------------
    def prepare(self, text: str) -> Prepared:
        paras = segment.paragraphs(text)
        spans = segment.sentences(text, paras) or ((0, len(text)),)
        quotes = [m.span(1) for m in _QUOTED.finditer(text)]
        tokens: list[str] = []
        sentences: list[tuple[int, int]] = []
        sentence_spans: list[tuple[int, int]] = []
        sent_quoted: list[float] = []
        for b, e in spans:
            toks = tokenize(text[b:e])
            if toks:
                sentences.append((len(tokens), len(tokens) + len(toks)))
                sentence_spans.append((b, e))
                tokens.extend(toks)
                inside = sum(max(0, min(e, qe) - max(b, qb)) for qb, qe in quotes)
                sent_quoted.append(inside / max(1, e - b))
        stems = [stem(t) for t in tokens]
        sent_denial = [_has_denial(tokens[b:e]) for b, e in sentences]
        positions: dict[str, list[int]] = {}
        lex_pos: dict[str, list[int]] = {cat: [] for cat in LEXICONS}
        for i, (t, s) in enumerate(zip(tokens, stems)):
            if _is_content(t):
                positions.setdefault(s, []).append(i)
            for cat, words in LEXICONS.items():
                if t in words:
                    lex_pos[cat].append(i)
        tf = Counter({s: len(p) for s, p in positions.items()})
        norm = math.sqrt(sum((1 + math.log(c)) ** 2 * self.idf(s) ** 2 for s, c in tf.items()))
        sent_stems = [
            frozenset(s for s, t in zip(stems[b:e], tokens[b:e]) if _is_content(t))
            for b, e in sentences
        ]
        quoted = sum(e - b for b, e in quotes)
        return Prepared(
            text=text,
            tokens=tokens,
            stems=stems,
            content=frozenset(positions),
            sentences=sentences,
            sentence_spans=sentence_spans,
            sentence_stems=sent_stems,
            positions=positions,
            lexicon_positions=lex_pos,
            numbers=numbers(text),
            tf=tf,
            norm=norm,
            bigrams=_content_ngrams(stems, tokens, 2),
            trigrams=_content_ngrams(stems, tokens, 3),
            questions=text.count("?"),
            quoted_share=min(1.0, quoted / max(1, len(text))),
            sentence_quoted=sent_quoted,
            sentence_denial=sent_denial,
        )

    def _sentence_norms(self, ev: Prepared) -> list[float]:
        if not ev._sentence_norms and ev.sentences:
            idf = self.idf
            ev._sentence_norms = [
                math.sqrt(math.fsum(idf(s) ** 2 for s in ss)) or 1.0 for ss in ev.sentence_stems
            ]
        return ev._sentence_norms

    # -- features ------------------------------------------------------------------------
    def best_sentences(self, claim: Prepared, ev: Prepared, k: int = 1) -> list[int]:
        """Indices of the k evidence sentences sharing the most claim weight (ties: earlier)."""
        scores = self._sentence_overlaps(claim, ev)
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        return order[:k]

    def _sentence_overlaps(self, claim: Prepared, ev: Prepared) -> list[float]:
        idf = self.idf
        total = math.fsum(idf(s) for s in claim.content) or 1.0
        return [math.fsum(idf(s) for s in claim.content & ss) / total for ss in ev.sentence_stems]

    def features(self, claim: Prepared, ev: Prepared) -> np.ndarray:
        idf = self.idf
        f: list[float] = []
        n_ev = len(ev.tokens)
        n_sent = max(1, len(ev.sentences))
        f += [math.log1p(len(claim.tokens)), math.log1p(n_ev), math.log1p(n_sent)]

        hc = claim.content
        shared = hc & ev.content
        w_claim = math.fsum(idf(s) for s in hc) or 1.0
        f.append(math.fsum(idf(s) for s in shared) / w_claim)
        f.append(len(shared) / max(1, len(hc)))
        f.append(len(claim.bigrams & ev.bigrams) / max(1, len(claim.bigrams)))
        f.append(len(claim.trigrams & ev.trigrams) / max(1, len(claim.trigrams)))
        dot = math.fsum(
            (1 + math.log(claim.tf[s])) * (1 + math.log(ev.tf[s])) * idf(s) ** 2 for s in shared
        )
        f.append(dot / (claim.norm * ev.norm) if claim.norm and ev.norm else 0.0)
        # BM25 of the claim as a query, divided by its maximum (every term matched with a
        # saturated tf) so that 1.0 means "everything the claim says is in the text".
        k1, b = self.k1, self.b
        lnorm = k1 * (1 - b + b * n_ev / self.avg_len)
        bm = math.fsum(idf(s) * ev.tf[s] * (k1 + 1) / (ev.tf[s] + lnorm) for s in shared)
        f.append(bm / (w_claim * (k1 + 1)))
        missing = [idf(s) for s in hc - shared]
        f.append(max(missing) / idf.unseen if missing else 0.0)

        ss = ev.sentence_stems
        if ss:
            lead = math.fsum(idf(s) for s in hc & ss[0]) / w_claim
            lead2 = math.fsum(idf(s) for s in hc & (ss[0] | ss[1] if len(ss) > 1 else ss[0])) / w_claim
        else:
            lead = lead2 = 0.0
        f += [lead, lead2]

        overlaps = self._sentence_overlaps(claim, ev) or [0.0]
        order = sorted(range(len(overlaps)), key=lambda i: (-overlaps[i], i))
        top = [overlaps[i] for i in order[:3]]
        f.append(top[0])
        f.append(top[1] if len(top) > 1 else 0.0)
        f.append(sum(top) / len(top))
        norms = self._sentence_norms(ev)
        cos_max = 0.0
        hn = math.sqrt(math.fsum(idf(s) ** 2 for s in hc)) or 1.0
        for sset, sn in zip(ss, norms):
            inter = hc & sset
            if inter:
                cos_max = max(cos_max, math.fsum(idf(s) ** 2 for s in inter) / (hn * sn))
        f.append(cos_max)
        f.append(sum(1 for o in overlaps if o >= 0.5) / n_sent)
        best = order[0]
        f.append(best / n_sent if n_sent > 1 else 0.0)
        bb, be = ev.sentences[best] if ev.sentences else (0, 0)
        f.append(math.log1p(be - bb))

        found = claim.numbers & ev.numbers
        f.append(float(len(claim.numbers)))
        f.append(len(found) / len(claim.numbers) if claim.numbers else 0.0)
        f.append(1.0 if claim.numbers and not found and ev.numbers else 0.0)
        best_text_nums = sum(1 for t in ev.tokens[bb:be] if t.isdigit())
        f.append(float(best_text_nums))

        f.append(float(claim.questions > 0))
        f.append(100.0 * ev.questions / max(1, n_ev))
        f.append(ev.sentence_quoted[best] if ev.sentence_quoted else 0.0)
        f.append(claim.quoted_share)

        # Token ranges of the three best sentences, for the "top3" rates.
        top_ranges = [ev.sentences[i] for i in order[:3]] if ev.sentences else []
        top_len = sum(e - s for s, e in top_ranges) or 1
        # Positions of claim words in the evidence: stance cues near them are about the claim.
        anchor = sorted(p for s in shared for p in ev.positions[s])
        for cat in LEXICONS:
            pos = ev.lexicon_positions[cat]
            f.append(float(len(claim.lexicon_positions[cat])))
            f.append(100.0 * len(pos) / max(1, n_ev))
            f.append(float(sum(1 for p in pos if bb <= p < be)))
            f.append(100.0 * sum(1 for p in pos if any(s <= p < e for s, e in top_ranges)) / top_len)
            f.append(float(_near(pos, anchor, self.window)))
        claim_neg = len(claim.lexicon_positions["negation"]) > 0
        best_neg = any(bb <= p < be for p in ev.lexicon_positions["negation"])
        f.append(float(claim_neg != best_neg))
        best_ref = sum(1 for p in ev.lexicon_positions["refute"] if bb <= p < be)
        f.append(float(best_ref - len(claim.lexicon_positions["refute"])))
        lead_end = ev.sentences[min(1, len(ev.sentences) - 1)][1] if ev.sentences else 0
        f.append(float(sum(1 for p in ev.lexicon_positions["hedge"] if p < lead_end)))
        # Denial aimed at the claim: how much of the claim sits in sentences that deny
        # something ("X denied that ...", "reports that ... are false"), and how much of it
        # is negated in the evidence ("did not dismiss") without being negated in the claim.
        f.append(float(any(claim.sentence_denial)))
        f.append(max((o for o, d in zip(overlaps, ev.sentence_denial) if d), default=0.0))
        f.append(self._negated_overlap(claim, ev, shared, w_claim))
        if self.cues is None:
            f += [math.nan] * 3
        else:
            f += self.cues.probabilities(cue_terms(ev, order[:3] if ev.sentences else []))
        return np.asarray(f, dtype=np.float64)

    def _negated_overlap(self, claim: Prepared, ev: Prepared, shared, w_claim: float) -> float:
        neg_ev = ev.lexicon_positions["negation"]
        if not neg_ev:
            return 0.0
        neg_claim = claim.lexicon_positions["negation"]
        negated = [
            self.idf(s)
            for s in shared
            if any(_negated(p, neg_ev) for p in ev.positions[s])
            and not any(_negated(p, neg_claim) for p in claim.positions[s])
        ]
        return math.fsum(negated) / w_claim

    def matrix(self, claims: Sequence[Prepared], evidence: Sequence[Prepared]) -> np.ndarray:
        if len(claims) != len(evidence):
            raise ValueError("claims and evidence must have the same length")
        out = np.empty((len(claims), len(FEATURE_NAMES)), dtype=np.float64)
        for i, (c, e) in enumerate(zip(claims, evidence)):
            out[i] = self.features(c, e)
        return out


def _negated(pos: int, negations: list[int], span: int = 3) -> bool:
    """A negation within `span` tokens before `pos` ("did not dismiss", "no longer exists")."""
    j = bisect_left(negations, pos - span)
    return j < len(negations) and negations[j] < pos


def _has_denial(tokens: Sequence[str]) -> bool:
    for i, t in enumerate(tokens):
        if t in ALWAYS_DENIAL:
            return True
        if t in DENIAL_VERBS and any(u in DENIAL_OBJECTS for u in tokens[i + 1 : i + 3]):
            return True
        if t in REFUTE and i > 0 and tokens[i - 1] in _COPULAS:  # "... are false", "was a hoax"
            return True
        if t in REFUTE and i > 1 and tokens[i - 1] == "a" and tokens[i - 2] in _COPULAS:
            return True
    return False


_COPULAS = frozenset("is are was were be been being".split())


def _near(positions: list[int], anchor: list[int], window: int) -> int:
    """How many of `positions` lie within `window` tokens of some anchor position."""
    if not anchor:
        return 0
    n = 0
    for p in positions:
        j = bisect_left(anchor, p - window)
        if j < len(anchor) and anchor[j] <= p + window:
            n += 1
    return n

