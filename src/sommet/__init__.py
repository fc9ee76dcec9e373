"""sommet: international political events (PLOVER) from news articles, with evidence.

    >>> import sommet
    >>> events = sommet.extract("Le président cubain a rencontré Kim Jong-un le 4 novembre.", date="2018-11")

Nothing heavy happens at import: models and lexicons load on first use.
"""
from __future__ import annotations

from .models import Actor, DateValue, DocResult, Document, Event, Evidence, Place

__all__ = ["extract", "extract_many", "Actor", "DateValue", "DocResult", "Document", "Event",
           "Evidence", "Place"]
__version__ = "0.1.0"


def extract(text: str, date: str | None = None, lang: str | None = None) -> list[Event]:
    """Events of one article. `date` is its publication date ("YYYY[-MM[-DD]]"), `lang` its
    language (detected when None)."""
    from .pipeline import extract as _extract

    return _extract(text, date=date, lang=lang)


def extract_many(documents, settings=None):
    """Events of many documents, in input order, batched through spaCy: yields DocResult."""
    from .pipeline import extract_many as _extract_many

    return _extract_many(documents, settings=settings)
