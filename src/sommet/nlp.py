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
    text (long names, quotes, datelines) cuts one sentence into fragments. Computed on
    arrays: this runs on every token of every document."""
    import numpy as np
    from spacy.attrs import IS_SPACE, ORTH, SENT_START

    if not len(doc):
        return doc
    arr = doc.to_array([ORTH, IS_SPACE])
    orth, space = arr[:, 0], arr[:, 1].astype(bool)
    strings = doc.vocab.strings
    ends = np.isin(orth, [strings.add(p) for p in SENTENCE_END])
    ends |= space & np.array([bool(sp) and "\n" in strings[int(o)] for o, sp in zip(orth, space)])
    boundary = np.zeros(len(doc), dtype=bool)
    boundary[1:] = ends[:-1] & ~space[1:]
    boundary[0] = True
    doc.from_array([SENT_START], np.where(boundary, 1, -1).astype("uint64").reshape(-1, 1))
    index = np.arange(len(doc))
    doc.user_data["sommet_sent_starts"] = np.maximum.accumulate(np.where(boundary, index, 0)).tolist()
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
