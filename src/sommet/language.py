"""Language identification (lingua) and masking of passages in another language.

A detector is built from a short list of languages: each lingua model costs memory
(about 190 MB for the seven below), and a short list also gives better answers than all
languages. Nothing is loaded at import; the lingua models load on first use, once per
process when `default_detector()` is used.
"""
from __future__ import annotations

import importlib
import re
from functools import cache, cached_property

from sommet.clean import line_spans, mask_spans

DEFAULT_LANGUAGES = ("fr", "en", "es", "de", "it", "pt", "ar")
DETECT_PREFIX_CHARS = 5000  # the document language is judged on its opening

# Parts of a line that say little of its language: links, @handles, #tags, numbers.
_NOISE = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|[@#][\w.]+|\d+")


class LanguageDetector:
    """Document language and foreign passages, over a fixed list of ISO 639-1 codes."""

    def __init__(
        self,
        languages: tuple[str, ...] = DEFAULT_LANGUAGES,
        min_chars: int = 30,
        min_words: int = 5,
        min_confidence: float = 0.8,
    ):
        self.languages = tuple(languages)
        self.min_chars = min_chars
        self.min_words = min_words
        self.min_confidence = min_confidence

    @cached_property
    def _lingua(self):
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        codes = [IsoCode639_1.from_str(code) for code in self.languages]
        return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()

    def detect(self, text: str) -> str | None:
        """ISO 639-1 code of the text's language, or None when too short or unclear."""
        sample = _content(text[:DETECT_PREFIX_CHARS])
        if len(sample) < self.min_chars:
            return None
        if plain := self._plainly_in(sample.lower().split()):
            return plain
        best = self._lingua.compute_language_confidence_values(sample)[0]
        return best.language.iso_code_639_1.name.lower() if best.value >= 0.5 else None

    def _plainly_in(self, words: list[str]) -> str | None:
        """The language whose own function words fill the text, when one plainly does (a
        cheap answer that spares the detector most news texts)."""
        counts = sorted(((_count_in(words, _own_words(code, self.languages)), code)
                         for code in self.languages), reverse=True)
        (best, code), (second, _) = counts[0], counts[1]
        return code if best >= max(10, len(words) // 8) and second * 4 <= best else None

    def mask_foreign(self, text: str, lang: str) -> str:
        """`text` with lines confidently in another language than `lang` replaced by spaces.

        Same length, newlines kept. Short lines and lines where the detector hesitates
        are left alone; so is the whole text when `lang` is not one the detector knows.
        """
        if lang not in self.languages:
            return text
        foreign = [(s, e) for s, e in line_spans(text) if self.is_foreign(text[s:e], lang)]
        return mask_spans(text, foreign)

    def is_foreign(self, line: str, lang: str) -> bool:
        """True when `line` is long enough and confidently in a language other than `lang`."""
        sample = _content(line)
        words = sample.lower().split()
        if len(sample) < self.min_chars or len(words) < self.min_words:
            return False
        if _count_in(words, _own_words(lang, self.languages)) >= max(1, len(words) // 8):
            return False   # plainly in `lang`: no need to ask the detector
        values = self._lingua.compute_language_confidence_values(sample)
        best = values[0]
        code = best.language.iso_code_639_1.name.lower()
        return code != lang and best.value >= self.min_confidence


@cache
def default_detector() -> LanguageDetector:
    """The process-wide detector over DEFAULT_LANGUAGES."""
    return LanguageDetector()


def detect(text: str) -> str | None:
    """Language of `text` with the process-wide detector (see LanguageDetector.detect)."""
    return default_detector().detect(text)


def mask_foreign(text: str, lang: str) -> str:
    """Foreign-language lines masked with the process-wide detector (see LanguageDetector)."""
    return default_detector().mask_foreign(text, lang)


def _count_in(words: list[str], vocabulary: frozenset[str]) -> int:
    return sum(w in vocabulary for w in words)


@cache
def _own_words(lang: str, languages: tuple[str, ...]) -> frozenset[str]:
    """Function words of `lang` that none of the other `languages` uses (from spaCy's stop
    word lists): "les", "des", "est" are French, "de", "la", "que" are not only French."""
    others = set().union(*(_stop_words(code) for code in languages if code != lang))
    return frozenset(_stop_words(lang) - others)


def _stop_words(code: str) -> frozenset[str]:
    try:
        return frozenset(importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS)
    except ImportError:
        return frozenset()


def _content(text: str) -> str:
    """The words that tell a language: no links, handles, numbers or capitalised words
    (names of people and places, which read as another language: "Raul Castro")."""
    return " ".join(w for w in _NOISE.sub(" ", text).split() if not w[0].isupper())
