"""Signals: what open lists say about a site, and what the article's page and wording show.

    rate_source(url_or_domain)            -> SourceRating   (open lists: lin2023, OpenSources, Iffy)
    rating_signal(rating)                 -> Signal         (the rating, ready for a report)
    site_signals(article)                 -> list[Signal]   (byline, date, URL date, copyright)
    language_signals(article)             -> list[Signal]   (speculation, loaded wording,
                                                             unattributed claims, headline vs body)
    headline_drift(title, source_title)   -> Signal | None  (for provenance: copy vs source headline)
    uncredited_copy_signal(article, spans, source_url=...) -> Signal  (for provenance)

All of them are pure functions of their inputs (the ratings table is read once from the package).
"""

from .language import headline_claims_missing, headline_drift, language_signals, quote_spans
from .model import SEVERITIES, Signal
from .site import copyright_notices, site_signals, uncredited_copy_signal, url_date
from .sources import SourceRating, SourceTable, band, default_table, rate_source, rating_signal

__all__ = [
    "SEVERITIES",
    "Signal",
    "SourceRating",
    "SourceTable",
    "band",
    "copyright_notices",
    "default_table",
    "headline_claims_missing",
    "headline_drift",
    "language_signals",
    "quote_spans",
    "rate_source",
    "rating_signal",
    "site_signals",
    "uncredited_copy_signal",
    "url_date",
]
