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
    return nlp
