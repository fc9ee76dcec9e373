"""The only place spaCy pipelines are loaded: one per language, once per process."""
from __future__ import annotations

from functools import lru_cache
from .datafiles import data_file, read_yaml
from .errors import ModelError


@lru_cache(maxsize=1)
def supported_languages() -> dict[str, str]:
    """Language code -> spaCy package name, from data/languages.yml."""
    return dict(read_yaml(data_file("languages.yml")))


@lru_cache(maxsize=None)
def load(lang: str, special_cases: tuple[str, ...] = ()):
    """Load the spaCy pipeline for `lang` (cached). `special_cases` are strings the tokenizer
    must keep whole, such as hyphenated names ("Jong-un") it would otherwise split."""
    import spacy

    _register()
    models = supported_languages()
    if lang not in models:
        raise ModelError(f"no pipeline for language {lang!r}; available: {', '.join(sorted(models))}")
    try:
        nlp = spacy.load(models[lang])
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {models[lang]!r} is not installed; run `make install` "
            f"(it is a PyPI dependency of sommet)") from exc
    for case in special_cases:
        nlp.tokenizer.add_special_case(case, [{"ORTH": case}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sommet_sentences", before="parser")
    return nlp


SENTENCE_END = {".", "!", "?", "…", "?!", "!?"}


def _sentence_starts(doc):
    """Sentence boundaries from punctuation and line breaks, fixed before the parser runs.

    Left to itself the parser starts a new sentence wherever its tree breaks, which in news
    text (long names, quotes, datelines) cuts one sentence into fragments."""
    starts, start = [], 0
    for i, tok in enumerate(doc):
        if i:
            prev = doc[i - 1]
            ends = prev.text in SENTENCE_END or (prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_
            if ends and not tok.is_space:
                start = i
        tok.is_sent_start = start == i
        starts.append(start)
    doc.user_data["sommet_sent_starts"] = starts
    return doc


def _register() -> None:
    from spacy.language import Language

    if "sommet_sentences" not in Language.factories:
        Language.component("sommet_sentences", assigns=["token.is_sent_start"])(_sentence_starts)


def sentence_starts(doc) -> list[int]:
    """For each token, the index where its sentence starts (computed once per doc: spaCy's
    `token.sent` rescans the document on every call)."""
    cached = doc.user_data.get("sommet_sent_starts")
    if cached is None:
        cached, start = [], 0
        for tok in doc:
            if tok.is_sent_start:
                start = tok.i
            cached.append(start)
        doc.user_data["sommet_sent_starts"] = cached
    return cached
