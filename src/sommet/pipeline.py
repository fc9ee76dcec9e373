"""The extraction pipeline: Document -> clean -> language -> parse -> actors -> events.

`extract_many` parses documents in batches with `nlp.pipe` (one model per language, loaded
once) and never lets one bad document stop the others: its `errors` say why it yielded
nothing.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from .errors import SommetError
from .models import DateValue, DocResult, Document, Event


@dataclass(frozen=True)
class Settings:
    """Extraction settings; the CLI builds one from its flags."""

    batch_size: int = 32
    lang: str | None = None            # force a language instead of detecting it
    default_lang: str = "fr"           # when a text is too short to tell its language
    actor_files: tuple[str, ...] = ()  # user knowledge files (override shipped entries)
    min_confidence: float = 0.0


def extract(text: str, date: str | None = None, lang: str | None = None) -> list[Event]:
    from .readers import header_date

    doc = Document(id="text", text=text, date=DateValue.parse(date) or header_date(text), lang=lang)
    return next(extract_many([doc])).events


def extract_many(documents: Iterable[Document], settings: Settings | None = None) -> Iterator[DocResult]:
    settings = settings or Settings()
    docs = iter(documents)
    while batch := list(islice(docs, settings.batch_size)):
        yield from _batch(batch, settings)


def _batch(batch: list[Document], settings: Settings) -> list[DocResult]:
    from .extractor import extractor_for

    prepared = [_prepare(d, settings) for d in batch]
    by_lang: dict[str, list[tuple[int, str]]] = {}
    for i, (doc, masked) in enumerate(prepared):
        if masked is not None:
            by_lang.setdefault(doc.lang, []).append((i, masked))
    results = [DocResult(doc) for doc, _ in prepared]
    for lang, items in by_lang.items():
        try:
            ex = extractor_for(lang, settings.actor_files)
        except SommetError as exc:
            for i, _ in items:
                results[i].document.errors.append(str(exc))
            continue
        for (i, _), events in zip(items, ex.run([(prepared[i][0], m) for i, m in items])):
            results[i].events = [e for e in events if e.confidence >= settings.min_confidence]
    return results


def _default_if_short(text: str, settings: Settings) -> str | None:
    """A text too short for language identification (a headline, one sentence) is taken to be
    in the default language; a long one that cannot be identified is refused."""
    return settings.default_lang if len(text.split()) < 40 else None


def _prepare(doc: Document, settings: Settings) -> tuple[Document, str | None]:
    """Language and masked text of a document, or None when it cannot be parsed."""
    from .clean import mask_furniture
    from .dates import publication_date_in_text
    from .language import detect, mask_foreign
    from .nlp import supported_languages

    if doc.errors or not doc.text.strip():
        if not doc.errors:
            doc.errors.append("empty document")
        return doc, None
    masked = mask_furniture(doc.text, doc.lang or settings.lang or "fr")
    lang = doc.lang or settings.lang or detect(masked) or _default_if_short(masked, settings)
    doc.lang = lang
    if lang is None:
        doc.errors.append("language not recognised; no events extracted")
        return doc, None
    if lang not in supported_languages():
        doc.errors.append(f"language {lang!r} has no pipeline yet (available: "
                          f"{', '.join(sorted(supported_languages()))}); no events extracted")
        return doc, None
    if doc.date is None:
        doc.date = publication_date_in_text(masked, lang)
    return doc, mask_foreign(masked, lang)
