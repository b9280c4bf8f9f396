"""Full-text search and "related articles" over the archive's FTS5 index.

Query language (the default, safe mode): words are ANDed; "double quotes" make a phrase;
a word ending in * is a prefix (`sanction*`). Everything else a user types is treated as
text, never as FTS5 syntax: `AND`, `NEAR(`, `-x`, stray quotes and brackets are searched
for as words (punctuation is dropped by the tokenizer), so no user input can cause an FTS5
syntax error. `raw=True` passes the query to FTS5 unchanged, for users who want its full
syntax; an invalid raw query raises InputError naming the query.

Matching is case- and diacritic-insensitive ("societe" finds "Société"); no stemming.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..article import Article
from ..errors import InputError
from .store import DateLike, filter_clauses

# What a highlighted match looks like in SearchHit.snippet. Guillemets also occur in
# French and Russian text, so renderers that need exact ranges use SearchHit.highlights.
MARK_START = "«"
MARK_END = "»"
ELLIPSIS = "…"
SNIPPET_TOKENS = 24  # words per snippet (FTS5 caps this at 64)
# bm25 column weights (title, text). A judgement, not calibrated: a query word in the
# title says more about what the article is about than one occurrence in the body.
TITLE_WEIGHT = 2.0
TEXT_WEIGHT = 1.0

# related(): how many distinctive terms form the query, and which terms may take part.
RELATED_TERMS = 24
_RELATED_CANDIDATES = 80  # most frequent terms of the article whose df is looked up
_MIN_TERM_LEN = 3
# Terms in more than 2% of the archive (and in more than 50 articles, so that small
# archives keep their vocabulary) say little about a topic and make the OR query match a
# large share of the archive. A judgement, checked for cost only: on 20,000 FNC-1-based
# articles this cap took related() from 24 to 16 ms CPU with the same top 10.
_MAX_DF_SHARE = 0.02
_MAX_DF_FLOOR = 50

# Function words and news-prose staples never make a topic, and looking up their document
# frequency costs a read of a posting list as long as the archive (FTS5 counts a term's
# documents by walking them). Written in the folded form index_terms() produces (lower
# case, no accents); words under _MIN_TERM_LEN letters are dropped anyway.
STOPWORDS = frozenset(
    """
    the and that was with this has from but been for are not have had were his her its their they them
    there which who whom whose what when where why how will would could should can may might must shall
    also than then into onto about after before over under more most other others some such only own
    same said says say saying told tell according just very being because while these those
    our ours you your yours she him himself herself itself themselves we us all any both each
    few many much nor off out here now did does doing done get got gets make made makes take took
    taken come came back down still even well way ways yet again further once upon against between
    through during without within along across around among since until per via one two three four
    five first second third last next year years month months week weeks day days today yesterday
    time times new old like people percent cent mr mrs ms dr news report reported reports reporting
    statement added including include includes included however although though whether either
    neither every another something anything nothing someone anyone everyone
    les des une est que qui dans pour par sur pas plus avec ont sont aux ete etait mais comme leur
    leurs cette ces son ses tout tous toute toutes fait faire elle elles ils nous vous deja selon
    entre apres avant aussi bien encore meme sans sous chez dont lui
    der die das und ist nicht ein eine einen einem einer eines den dem des mit sich auch auf fur
    von als bei nach aus wie wird werden wurde wurden hat haben sind war waren oder aber noch nur
    uber unter vor zum zur beim kann sagte sein seine ihre ihr
    los las del una por con para que mas sus como pero fue han ser esta este esto estos estas
    entre sobre tambien dijo segun sin hasta desde cuando donde muy son
    della delle degli dei nel nella con per che non una sono gli anche come piu suo sua loro
    dos das uma com para por nao mais foi sao seu sua pelo pela entre sobre tambem disse
    het een van dat niet zijn met voor ook aan door maar werd naar bij
    что это как его она они так было был была были для при или уже все еще только также
    """.split()
)

# Our private snippet markers (char(2), char(3) in SQL): parsed out before anything is returned.
_S, _E = "\x02", "\x03"
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')
_WORDISH = re.compile(r"[^\W_]")
_TERM = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchHit:
    """One search result.

    snippet: an excerpt of the best-matching column with matches wrapped in « », and … where
    text was cut. snippet_text is the same excerpt without markers, and highlights the
    (begin, end) ranges of the matches in it: unambiguous even when the text has guillemets.
    score: -bm25, so higher is better; comparable only within one result list.
    """

    article_id: str
    title: str
    site: str | None
    domain: str | None
    url: str | None
    published: str | None
    snippet: str
    score: float
    snippet_text: str = ""
    highlights: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id, "title": self.title, "site": self.site,
            "domain": self.domain, "url": self.url, "published": self.published,
            "snippet": self.snippet, "score": self.score, "snippet_text": self.snippet_text,
            "highlights": [list(h) for h in self.highlights],
        }


def fts_query(query: str) -> str | None:
    """Translate a user query into a safe FTS5 query; None when it has no searchable word."""
    parts: list[str] = []
    # FTS5 reads the query as a C string: a NUL would end it inside a quoted term.
    for m in _QUERY_PART.finditer(query.replace("\x00", " ")):
        phrase, word = m.group(1), m.group(2)
        if phrase is not None:
            if _WORDISH.search(phrase):
                parts.append(_quote(phrase))
            continue
        prefix = word.endswith("*")
        word = word.rstrip("*")
        if not _WORDISH.search(word):
            continue
        parts.append(_quote(word) + (" *" if prefix else ""))
    return " ".join(parts) if parts else None


def _quote(text: str) -> str:
    # Inside an FTS5 string only '"' is special, and it is escaped by doubling.
    return '"' + text.replace('"', '""') + '"'


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    site: str | None = None,
    domain: str | None = None,
    since: DateLike | None = None,
    until: DateLike | None = None,
    limit: int = 10,
    latest_only: bool = True,
    raw: bool = False,
) -> list[SearchHit]:
    """Best `limit` matches for `query`, most relevant first (see the module docstring)."""
    if not isinstance(query, str):
        raise TypeError(f"a search query is a string, got {type(query).__name__}")
    match = query.replace("\x00", " ") if raw else fts_query(query)
    if not match or not match.strip() or limit <= 0:
        return []
    where, params = filter_clauses(
        site=site, domain=domain, since=since, until=until, latest_only=latest_only, table="a"
    )
    try:
        return _ranked(conn, match, where, params, limit)
    except sqlite3.OperationalError as exc:
        if any(s in str(exc) for s in ("fts5", "syntax error", "no such column", "unterminated", "unknown special query")):
            hint = "check the FTS5 query syntax" if raw else "please report this query as a bug"
            raise InputError(f"search query {query!r}", "not a valid full-text query", f"{exc}; {hint}") from exc
        raise


def _ranked(
    conn: sqlite3.Connection, match: str, where: list[str], params: list[Any], limit: int
) -> list[SearchHit]:
    # ORDER BY rank (with rank set to our weighted bm25) lets FTS5 sort the matches itself;
    # rows then stream out best first through the join filters, so snippet() — which
    # re-tokenizes a document — runs only for rows that are returned. On a 3,000-article
    # archive a 24-term related() query took 8-17 ms this way against ~35 ms for ranking in
    # SQLite and then fetching snippets by rowid.
    sql = (
        "SELECT a.id, a.title, a.site, a.domain, a.url, a.published, articles_fts.rank, "
        f"snippet(articles_fts, -1, char(2), char(3), '{ELLIPSIS}', {SNIPPET_TOKENS}) "
        "FROM articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid "
        f"WHERE articles_fts MATCH ? AND articles_fts.rank MATCH 'bm25({TITLE_WEIGHT}, {TEXT_WEIGHT})'"
    )
    if where:
        sql += " AND " + " AND ".join(where)
    sql += " ORDER BY articles_fts.rank LIMIT ?"
    hits = []
    for id_, title, site, domain, url, published, rank, raw_snippet in conn.execute(sql, [match, *params, limit]):
        text, spans = _parse_snippet(raw_snippet or "")
        hits.append(
            SearchHit(
                article_id=id_, title=title, site=site, domain=domain, url=url, published=published,
                snippet=_mark(text, spans), score=-float(rank), snippet_text=text, highlights=spans,
            )
        )
    return hits


def _parse_snippet(raw: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    start = None
    for ch in raw:
        if ch == _S:
            start = pos
        elif ch == _E and start is not None:
            spans.append((start, pos))
            start = None
        elif ch not in (_S, _E):
            out.append(ch)
            pos += 1
    return "".join(out), tuple(spans)


def _mark(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    parts, last = [], 0
    for b, e in spans:
        parts += [text[last:b], MARK_START, text[b:e], MARK_END]
        last = e
    parts.append(text[last:])
    return "".join(parts)


# -- related articles ----------------------------------------------------------------


def index_terms(text: str) -> list[str]:
    """Approximately the terms FTS5's unicode61 tokenizer (remove_diacritics 2) produces:
    lower case, accents removed, split at anything that is not a letter or digit. Terms it
    gets wrong simply find no document frequency and are ignored by related()."""
    folded = unicodedata.normalize("NFD", text.lower())
    folded = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn")
    return _TERM.findall(folded)


def distinctive_terms(
    conn: sqlite3.Connection,
    article: Article,
    *,
    n: int = RELATED_TERMS,
    df_cache: dict[str, tuple[int, int]] | None = None,
) -> list[tuple[str, float]]:
    """The article's `n` most distinctive terms with their tf-idf weights, best first.

    tf from the article's title and text; document frequencies from the FTS5 vocabulary of
    the archive (the article itself, if stored, is not counted as evidence of sharing).
    `df_cache` (term -> (df, archive size then)) lets a long-lived caller skip repeated
    lookups; an entry is reused until the archive has grown by a tenth since.
    """
    tf = Counter(
        t for t in index_terms(article.title + "\n" + article.text)
        if len(t) >= _MIN_TERM_LEN and t not in STOPWORDS
    )
    if not tf:
        return []
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    # The most frequent words of the article, longer first among equals (longer words
    # tend to be rarer), bound the number of posting lists read.
    candidates = sorted(tf, key=lambda t: (-tf[t], -len(t), t))[:_RELATED_CANDIDATES]
    df: dict[str, int] = {}
    missing = []
    for term in candidates:
        hit = df_cache.get(term) if df_cache is not None else None
        if hit is not None and total <= hit[1] * 1.1:
            df[term] = hit[0]
        else:
            missing.append(term)
    if missing:
        marks = ",".join("?" * len(missing))
        found = dict(conn.execute(f"SELECT term, doc FROM articles_vocab WHERE term IN ({marks})", missing).fetchall())
        for term in missing:
            df[term] = found.get(term, 0)
            if df_cache is not None:
                df_cache[term] = (df[term], total)
    stored = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone() is not None
    scored = []
    for term in candidates:
        d = df[term]
        others = d - 1 if stored else d
        if others < 1:
            continue  # no other document has it: cannot find anything
        if d > max(_MAX_DF_SHARE * total, _MAX_DF_FLOOR):
            continue
        weight = (1.0 + math.log(tf[term])) * math.log((total + 1) / d)
        scored.append((term, weight))
    scored.sort(key=lambda tw: (-tw[1], tw[0]))
    return scored[:n]


def related(
    conn: sqlite3.Connection,
    article: Article,
    *,
    limit: int = 10,
    latest_only: bool = True,
    df_cache: dict[str, tuple[int, int]] | None = None,
) -> list[SearchHit]:
    """Archived articles sharing the most distinctive vocabulary with `article`.

    Builds an OR query of the article's top tf-idf terms and ranks with bm25. Leaves out
    the article itself and every version of the same URL. A topical neighbourhood, not
    evidence of copying: provenance answers that with passage alignment.
    """
    terms = distinctive_terms(conn, article, df_cache=df_cache)
    if not terms or limit <= 0:
        return []
    match = " OR ".join(_quote(t) for t, _ in terms)
    where, params = filter_clauses(latest_only=latest_only, table="a")
    where.append("a.id != ?")
    params.append(article.id)
    if article.url:
        where.append("(a.url IS NULL OR a.url != ?)")
        params.append(article.url)
    return _ranked(conn, match, where, params, limit)
