"""Claims, quotes and speakers of one article — pure functions of an Article.

    extract_claims(article) -> ClaimList    every clause labelled claim / speculation /
                                            opinion / background, with score, subjects, source
    extract_quotes(article) -> QuoteList    direct and indirect quotes with speaker, verb, venue
    compare_quote(quote_text, earlier_text) -> QuoteMatch
                                            identical / trimmed / extended / altered / none

Both list types are plain lists with a `not_analysed` reason (None when analysed) so that a
non-English or empty article gives a clear answer instead of an empty result without why.
Module map, in the order data flows: language (is it English) -> quotes (quote marks,
attribution) -> speakers (names, roles, pronouns) -> modality (hedges, opinion) ->
checkworthy (the model; features.py makes its inputs) -> clauses (factual parts of larger
sentences) -> extract (claims) ; compare (quote tracing kernel).
"""

from .checkworthy import CheckworthyModel, ModelFileError, default_model, load_model
from .compare import QuoteMatch, compare_quote
from .extract import Claim, ClaimList, ClauseOf, extract_claims
from .quotes import Quote, QuoteList, extract_quotes
from .speakers import Speaker

__all__ = [
    "CheckworthyModel",
    "Claim",
    "ClaimList",
    "ClauseOf",
    "ModelFileError",
    "Quote",
    "QuoteList",
    "QuoteMatch",
    "Speaker",
    "compare_quote",
    "default_model",
    "extract_claims",
    "extract_quotes",
    "load_model",
]
