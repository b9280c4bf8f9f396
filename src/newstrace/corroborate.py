"""Corroboration: for each check-worthy claim, evidence from other archived articles, its
stance, and a verdict that counts independent sources only.

    retrieve   full-text search (FTS5, bm25) over the archive with the claim's content words,
               then the best-overlapping sentences of each hit article
    stance     the packaged stance model (newstrace.evidence.stance) on (claim, sentence),
               corrected by the sentence layer (newstrace.evidence.sentence: coverage,
               numbers, negation, denials, causal links)
    groups     articles sharing reused prose (word alignment, the provenance kernel) or the
               same outlet/domain are one source; the checked article's own sources and copies
               form its own group, which never counts
    verdict    newstrace.evidence.verdict.assess

    classes    retrieval adds to the query a few class-mates of the claim's predicate-class
               words ("disagreements" also searches "dispute", "quarrel", "row" ...:
               newstrace.evidence.predicates), and an evidence sentence's overlap counts a
               class-mate of a claim word as that word
    context    a clause that names nothing and opens with a definite description ("The
               agreement ends months of disagreement ...") is about something its article
               introduced earlier: the names of the nearest earlier sentence (else the
               title) that mentions the head noun or a class-mate of it without a definite
               article ("signed an agreement") join the search and the stance test as the
               claim's parties (`context_names`)
    timing     each evidence sentence's publication date relative to the checked article
               goes to the stance layer, whose state-change rule needs it (a conflict
               reported ended after the claim may have ended after it)

    dense      when a `DenseRetriever` is given (newstrace.evidence.dense; `check` uses one
               when the archive holds sentence vectors, made by `newstrace archive embed`),
               its nearest sentences are added to the full-text ones: paraphrases that share
               few words with the claim (bench/eval_dense.py measures what it adds)
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .article import Article
from .evidence.predicates import opposed_ties, tie

log = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
# Function words carry no evidence of topic; kept short on purpose (English news prose).
_STOP = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    has have had do does did not no this that these those it its his her their our your my he she
    they we you i said says say told tell would will could should may might can also than then
    there here which who whom whose what when where why how about into over after before amid
    more most some any all such only very so just out up down new one two three per cent""".split()
)
_ATTRIBUTION = re.compile(
    r"\b(said|says|told|according to|announced|stated|statement|confirmed|denied|spokes(?:man|woman|person)|"
    r"ministry|official(?:s)?|readout|report(?:ed)?)\b",
    re.IGNORECASE,
)


@dataclass
class CorroborationSettings:
    max_claims: int = 40  # claims checked per article (the most check-worthy first)
    articles_per_claim: int = 15  # full-text hits examined per claim
    sentences_per_article: int = 2  # best-overlapping sentences kept per hit article
    evidence_per_claim: int = 20  # sentences sent to the stance model per claim
    min_overlap: float = 0.2  # share of the claim's content words a sentence must contain
    min_shared_words: int = 2
    # The stance model learnt "agrees" from headline/body pairs, where topical overlap is
    # most of the signal; at sentence level that makes any sentence on the topic "agree".
    # An evidence sentence may only agree when it carries this share of the claim's
    # content words and names one of the claim's subjects; otherwise it discusses
    # (newstrace.evidence.sentence, which also reads numbers, negation and denials).
    stance_min_overlap: float = 0.35
    dense_per_claim: int = 5  # nearest sentences added by dense retrieval (one per article)
    dense_min_score: float = 0.5  # cosine below which a dense neighbour is not evidence


@dataclass
class ClaimCheck:
    claim: Any  # newstrace.claims.Claim
    verdict: Any  # newstrace.evidence.Verdict
    timing: dict[str, str] = field(default_factory=dict)  # evidence article id -> before|after|same_day|unknown

    def to_dict(self) -> dict[str, Any]:
        d = self.verdict.to_dict()
        d["claim_span"] = list(self.claim_span)
        d["claim_label"] = getattr(self.claim, "label", None)
        for ev in d["evidence"] + d["own_group_evidence"]:
            ev["when"] = self.timing.get(ev["article_id"], "unknown")
        return d

    @property
    def claim_span(self) -> tuple[int, int]:
        c = self.claim
        return (c.begin, c.end)


def content_words(text: str) -> list[str]:
    out: list[str] = []
    for m in _WORD.finditer(text.lower()):
        w = m.group(0).replace("’", "'")
        if len(w) > 2 and w not in _STOP and not w.isdigit() or (w.isdigit() and len(w) >= 2):
            if w not in out:
                out.append(w)
    return out


def _fts_query(words: Sequence[str]) -> str:
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words[:16])


_MAX_EXPANSION = 6  # class-mates added to a query, at most


def search_words(words: Sequence[str], context: Sequence[str] = ()) -> list[str]:
    """The full-text query's words: the claim's content words, then the context names, then
    up to `_MAX_EXPANSION` class-mates of its predicate-class words (the query takes 16
    words; the claim's own come first)."""
    from .evidence.predicates import SEARCH_FORMS, class_of_word

    out = list(words)
    for n in context:
        for w in content_words(n):
            if w not in out:
                out.append(w)
    extra: list[str] = []
    for w in words:
        c = class_of_word(w)
        for f in SEARCH_FORMS.get(c, ()) if c else ():
            if f not in out and f not in extra:
                extra.append(f)
    return out + extra[:_MAX_EXPANSION]


def _keys(words) -> set[str]:
    """Match keys of words for sentence overlap: the predicate class, else the word."""
    from .evidence.predicates import class_of_word

    return {class_of_word(w) or w for w in words}


_DEFINITE_OPENER = frozenset("the this that these those such".split())


def context_names(article: Article, claim) -> list[str]:
    """Names a claim is about without saying them (see the module docstring); [] when the
    clause names something itself or does not open with a definite description."""
    from .evidence.predicates import AGREEMENT, CONFLICT, class_of_word
    from .evidence.sentence import _tokens, mid_sentence_names, name_phrases

    text = _checked_text(claim)
    toks = _tokens(text)
    if len(toks) < 3 or toks[0].text not in _DEFINITE_OPENER:
        return []
    known = mid_sentence_names(article.text)
    if name_phrases(text, known):
        return []
    # The head noun: the first of the next three words that is an agreement or conflict
    # word ("The new pact ..."), else the word after the determiner.
    nouns = (AGREEMENT, CONFLICT)
    cands = toks[1:4]
    head = next((t for t in cands if class_of_word(t.text) in nouns), cands[0])
    h_stem = head.stem
    h_class = class_of_word(head.text) if class_of_word(head.text) in nouns else None

    def introduces(sentence: str) -> bool:
        st = _tokens(sentence)
        for i, t in enumerate(st):
            if t.stem == h_stem or (h_class and class_of_word(t.text) == h_class):
                if i == 0 or st[i - 1].text not in _DEFINITE_OPENER | {"its", "their", "his", "her", "our"}:
                    return True
        return False

    idx = getattr(claim, "sentence", None)
    earlier = [article.text[b:e] for b, e in article.sentences[: idx if isinstance(idx, int) else 0]]
    for sent in reversed(earlier):
        if introduces(sent):
            names = name_phrases(sent, known)
            if names:
                return names
    if article.title and introduces(article.title):
        return name_phrases(article.title, known | {w.lower() for w in article.title.split()[:1]})
    return []


def corroborate(
    article: Article,
    archive,
    claims: Sequence[Any],
    *,
    own_sources: Sequence[str] = (),
    settings: CorroborationSettings | None = None,
    model=None,
    dense=None,
) -> list[ClaimCheck]:
    """Verdicts for the check-worthy `claims` of `article` against `archive`.

    `own_sources`: ids of articles that share reused prose with `article` (its provenance
    sources and copies); they join the article's own independence group.
    """
    from .evidence import Evidence, Source, assess
    from .evidence import default_model as stance_model
    from .evidence.sentence import SentenceRules, sentence_stance
    from .reuse import COPIED_PROSE, align, passage_kind, quote_regions, tokenize
    from .reuse.align import establishes_pair
    from .reuse.classify import inside_flags

    s = settings or CorroborationSettings()
    worthy = [c for c in claims if getattr(c, "checkworthy", False)]
    worthy = sorted(worthy, key=lambda c: -c.score)[: s.max_claims]
    worthy.sort(key=lambda c: c.begin)
    if not worthy:
        return []
    model = model or stance_model()
    own = set(own_sources) | {article.id}
    cache: dict[str, Article | None] = {}
    tokens: dict[str, Any] = {}

    def get(aid: str) -> Article | None:
        if aid not in cache:
            cache[aid] = archive.get(aid)
        return cache[aid]

    def toks(aid: str):
        """Tokens of an article and, per token, whether it lies inside quotation marks."""
        if aid not in tokens:
            a = article if aid == article.id else get(aid)
            if a is None:
                tokens[aid] = None
            else:
                t = tokenize(a.text)
                tokens[aid] = (t, inside_flags(t, quote_regions(a.text)))
        return tokens[aid]

    pair_cache: dict[frozenset[str], bool] = {}

    def same_cluster(a: str, b: str) -> bool:
        if a in own and b in own:
            return True
        key = frozenset((a, b))
        if key not in pair_cache:
            ta, tb = toks(a), toks(b)
            shared = False
            if ta is not None and tb is not None:
                # Shared prose joins two articles into one source; a quotation both carry
                # from a third party does not (two outlets quoting one minister).
                for al in align(ta[0], tb[0]):
                    if establishes_pair(al.matched, al.edits, al.longest_run) and (
                        passage_kind(al, ta[1], tb[1]) == COPIED_PROSE
                    ):
                        shared = True
                        break
            pair_cache[key] = shared
        return pair_cache[key]

    out: list[ClaimCheck] = []
    for claim in worthy:
        # A clause that cannot stand alone (a relative clause, a presupposition) is checked
        # in its stand-alone wording (claims.Claim.statement).
        claim_text = _checked_text(claim)
        words = content_words(claim_text)
        if len(words) < 2:
            continue
        context = context_names(article, claim)
        # A claim that one party cuts its tie to another ("X intends to replace A with B"):
        # a sentence saying the tie holds ("X's obligations to A are not in question") is
        # evidence even when it shares few of the claim's words.
        claim_tie = tie(claim_text)
        if claim_tie is not None and claim_tie.hedged:
            claim_tie = None
        pool: list[tuple[float, str, str]] = []  # (overlap, article id, sentence)
        opposed: list[tuple[float, str, str]] = []  # sentences stating the opposite tie
        try:
            hits = archive.search(_fts_query(search_words(words, context)), limit=s.articles_per_claim + 2, raw=True)
        except Exception as exc:  # a claim whose words FTS5 cannot take is skipped, not fatal
            log.warning("evidence search failed for claim %r: %s", claim_text[:60], exc)
            hits = []
        wanted = _keys(words + [w for n in context for w in content_words(n)])
        for hit in hits:
            if hit.article_id == article.id or (article.url and hit.url == article.url):
                continue
            ev_art = get(hit.article_id)
            if ev_art is None:
                continue
            scored = []
            for b, e in ev_art.sentences:
                sent = ev_art.text[b:e]
                if claim_tie is not None:
                    ev_tie = tie(sent)
                    if ev_tie is not None and not ev_tie.hedged and opposed_ties(claim_tie, ev_tie):
                        opposed.append((1.0, hit.article_id, sent))
                        continue
                shared = wanted & _keys(content_words(sent))
                overlap = len(shared) / len(wanted)
                if len(shared) >= s.min_shared_words and overlap >= s.min_overlap:
                    scored.append((overlap, hit.article_id, sent))
            scored.sort(key=lambda x: -x[0])
            pool.extend(scored[: s.sentences_per_article])
        pool.sort(key=lambda x: -x[0])
        pool = pool[: s.evidence_per_claim] + opposed[: s.sentences_per_article * 2]
        if dense is not None and s.dense_per_claim > 0:
            seen = {(aid, sent) for _, aid, sent in pool}
            for hit in dense.search(claim_text, k=s.dense_per_claim, exclude={article.id}, per_article=1,
                                    min_score=s.dense_min_score):
                if (hit.article_id, hit.text) in seen or get(hit.article_id) is None:
                    continue
                if article.url and get(hit.article_id).url == article.url:
                    continue
                pool.append((hit.score, hit.article_id, hit.text))
        evidence = []
        if pool:
            speech = reports_speech(claim)
            # For "X said Y" the stance is taken towards what was said (Y): other reports
            # word the attribution frame differently ("told local media", "he said"), so
            # its words only dilute the overlap. The speaker stays among the subjects.
            stance_text = reported_content(claim_text) if speech else claim_text
            preds = model.predict([stance_text] * len(pool), [p[2] for p in pool])
            subjects = list(getattr(claim, "subjects", None) or []) or list(context)
            rules = SentenceRules(about=s.stance_min_overlap)
            judged = [
                sentence_stance(pred, stance_text, sent, subjects, rules, reported_speech=speech,
                                context_names=context, timing=_timing(get(aid).published, article.published))
                for (_, aid, sent), pred in zip(pool, preds)
            ]
            for (_, aid, sent), (pred, al) in zip(pool, judged):
                ev_art = get(aid)
                evidence.append(
                    Evidence.from_prediction(
                        pred,
                        sentence=sent,
                        article_id=aid,
                        site=ev_art.site,
                        domain=ev_art.domain,
                        date=ev_art.published,
                        url=ev_art.url,
                        names_primary_source=bool(_ATTRIBUTION.search(sent)) and _has_quote_or_name(sent),
                        reason=al.rule or None,
                    )
                )
        verdict = assess(claim_text, evidence, same_cluster, claiming=Source.of(article),
                         claim_source=named_source(claim))
        timing = {ev.article_id: _when(ev.date, article.published) for ev in evidence}
        out.append(ClaimCheck(claim=claim, verdict=verdict, timing=timing))
    return out


_ANONYMOUS = re.compile(
    r"\b(?:sources?|officials|diplomats|analysts|experts|observers|people|residents|reports|media|"
    r"insiders|witnesses|critics|some|several|many|others|our|its|their|his|her|they|he|she|it|we|"
    r"someone|anonymity|unnamed|anonymous)\b",
    re.IGNORECASE,
)
_SPEECH_IN_CLAUSE = re.compile(
    r"\b(?:according to|said|says|told|tells|stated|announced|confirmed|wrote|added|declared|"
    r"reported|insisted|noted|explained)\b|[\"“”«»]",
    re.IGNORECASE,
)


_QUOTED = re.compile(r"[\"“«]([^\"“”«»]{12,})[\"”»]")
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|told|tells|stated|announced|confirmed|wrote|added|declared|reported|insisted|"
    r"noted|explained|according to)\b",
    re.IGNORECASE,
)
_HEARER_VERB = re.compile(r"^(?:told|tells|assured|informed)$", re.IGNORECASE)
_CLAUSE_OPENER = frozenset("that his her its their our my the a an it he she they we there this these those".split())


def _quoted(text: str) -> str:
    """The quoted words of a clause, including a quotation opened in an earlier sentence
    (the clause starts inside it: words up to a closing mark with no opening one) or
    continued in a later one (an opening mark with no closing one)."""
    parts = [m.group(1) for m in _QUOTED.finditer(text)]
    first_open = min((i for i in (text.find("“"), text.find("«")) if i >= 0), default=-1)
    first_close = min((i for i in (text.find("”"), text.find("»")) if i >= 0), default=-1)
    if first_close >= 0 and (first_open < 0 or first_close < first_open):
        parts.insert(0, text[:first_close])
    last_open = max(text.rfind("“"), text.rfind("«"))
    if last_open >= 0 and max(text.rfind("”"), text.rfind("»")) < last_open:
        parts.append(text[last_open + 1 :])
    return " ".join(p.strip() for p in parts)


def reported_content(text: str) -> str:
    """What a reported-speech clause says was said: the quoted words when it quotes; else
    the words after the first speech verb ("X recently told local media his country ..." ->
    "his country ...": a hearer after "told" is skipped up to the word that opens the
    reported clause, and a leading "that" is dropped), or before it when the verb comes
    last ("Y, the minister said"; "Y, according to X"). The whole text when that leaves
    fewer than three content words."""
    quoted = _quoted(text)
    if len(content_words(quoted)) >= 3:
        return quoted
    m = _SPEECH_VERB.search(text)
    if m is None:
        return text
    before = text[: m.start()].rstrip(" ,")
    rest = text[m.end():].split()
    if _HEARER_VERB.match(m.group()):
        for i, w in enumerate(rest[:5]):
            if w.lower().strip(",") in _CLAUSE_OPENER:
                rest = rest[i:]
                break
    if rest and rest[0].lower() == "that":
        rest = rest[1:]
    after = " ".join(rest)
    if m.group().lower() == "according to" or (", " in before and len(content_words(after)) <= 3):
        # "Y, according to X" / "Y, X told the paper": Y, without the speaker before the verb
        content = before if m.group().lower() == "according to" else before.rsplit(", ", 1)[0]
    else:
        content = after
    return content if len(content_words(content)) >= 3 else text


def _checked_text(claim) -> str:
    return getattr(claim, "statement", None) or claim.text


def reports_speech(claim) -> bool:
    """The clause reports what someone said (a quote, "X said", "according to X")."""
    return bool(getattr(claim, "attributed", False)) and bool(_SPEECH_IN_CLAUSE.search(claim.text))


def named_source(claim) -> str | None:
    """The named primary source a clause is attributed to on the record, else None.

    The attribution must be in the clause itself (a quote, "X said", "according to X"), the
    speaker must be resolved (claims.extract: Claim.source), and not anonymous or a bare
    pronoun ("our sources", "officials", "diplomats said", "its navy")."""
    src = getattr(claim, "source", None)
    if not src or not reports_speech(claim):
        return None
    if _ANONYMOUS.search(src):
        return None
    return src


def _has_quote_or_name(sentence: str) -> bool:
    if any(q in sentence for q in '"“”«»'):
        return True
    # Two capitalised words in a row after the first word: a named person or body.
    return bool(re.search(r"(?<!^)\b[A-Z][a-z]+ [A-Z][a-z]+", sentence))


def _timing(evidence_date: str | None, claim_date: str | None) -> str | None:
    w = _when(evidence_date, claim_date)
    return None if w == "unknown" else w


def _when(evidence_date: str | None, claim_date: str | None) -> str:
    if not evidence_date or not claim_date:
        return "unknown"
    a, b = evidence_date[:10], claim_date[:10]
    if a == b:
        return "same_day"
    return "before" if a < b else "after"
