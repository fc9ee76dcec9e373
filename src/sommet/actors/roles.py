"""The role lexicon (data/world/roles.yml) and the text normalisation the KB matches with.

Phrases are compared as token tuples: lower case, straight apostrophes, an elided
article kept as its own token ("l'", "d'"), and optionally with accents folded.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import DataFileError
from .datafile import LANGS, load_yaml

SEAT = "@seat"  # phrase target: the role of the seat that follows
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                              "\u00a0": " ", "\u202f": " ", "\u2011": "-", "\u2010": "-"})
_TOKEN_RE = re.compile(r"[^\s']+'|[^\s']+|'")


def normalize(text: str) -> str:
    """Lower case, straight apostrophes, plain spaces and hyphens, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).lower()
    return " ".join(text.split())


def fold(text: str) -> str:
    """Accents removed ("pékin" -> "pekin")."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def tokens(text: str) -> tuple[str, ...]:
    """Normalised tokens; an elided word keeps its apostrophe ("l'onu" -> "l'", "onu")."""
    return tuple(t for t in _TOKEN_RE.findall(normalize(text).strip(" ,;:!?«»\"()")))


def join(toks: tuple[str, ...]) -> str:
    """Tokens back to text: ("l'", "onu") -> "l'onu"."""
    return " ".join(toks).replace("' ", "'")


# Courtesy titles written before a name ("M. Poutine", "Mr Putin", "Sr. Maduro").
TITLES = {"m.", "mm.", "mme", "mmes", "mlle", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.",
          "mgr", "sr.", "sra.", "sr", "sra", "don", "doña"}


def without_title(text: str) -> str:
    """A name as written, without its courtesy title: "M. Poutine" -> "Poutine"."""
    first, _, rest = text.strip().partition(" ")
    return rest.strip() if rest.strip() and normalize(first) in TITLES else text.strip()


@lru_cache(maxsize=65536)
def folded(text: str) -> str:
    """The form names are compared in: normalised, no outer punctuation, no accents."""
    return fold(key(text))


def key(text: str) -> str:
    """The form a surface string is indexed under: normalised, outer punctuation removed."""
    return join(tokens(text))


@dataclass(frozen=True)
class RoleInfo:
    name: str
    sector: str
    description: str = ""
    fallback: tuple[str, ...] = ()
    person: bool = True  # False for collective roles (army, rebels, government)


class RoleLexicon:
    """Role names, their sectors, and the phrases that name them in each language."""

    def __init__(self, sectors: dict[str, str], roles: dict[str, RoleInfo],
                 phrases: dict[str, dict[tuple[str, ...], str]],
                 articles: dict[str, set[tuple[str, ...]]], connectors: dict[str, set[tuple[str, ...]]]):
        self.sectors, self.roles, self.phrases = sectors, roles, phrases
        self.articles, self.connectors = articles, connectors

    @classmethod
    def from_file(cls, path: Path | str) -> RoleLexicon:
        path = str(path)
        data = load_yaml(path)
        if not isinstance(data, dict) or not {"sectors", "roles", "phrases"} <= set(data):
            raise DataFileError(path, "expected the mappings 'sectors', 'roles' and 'phrases'", 1)
        roles = {name: _role_info(name, spec, data["sectors"], path) for name, spec in data["roles"].items()}
        phrases = {}
        for lang, table in data["phrases"].items():
            for phrase, role in table.items():
                if role != SEAT and role not in roles:
                    raise DataFileError(path, f"phrase {phrase!r} names unknown role {role!r}", table.line)
            phrases[lang] = _with_folded({tokens(p): r for p, r in table.items()})
        return cls(dict(data["sectors"]), roles, phrases, _token_sets(data.get("articles")),
                   _token_sets(data.get("connectors")))

    def sector_for(self, role: str | None) -> str | None:
        """PLOVER sector of a role name ("defence minister" -> "GOV"), None if unknown."""
        info = self.roles.get(role or "")
        return info.sector if info else None

    def default_sectors(self) -> dict[str, str]:
        return {name: info.sector for name, info in self.roles.items()}

    def role_phrase(self, toks: tuple[str, ...], lang: str) -> str | None:
        """The role a whole token tuple names, accents optional."""
        table = self.phrases.get(lang, {})
        return table.get(toks) or table.get(tuple(fold(t) for t in toks))

    def strip(self, toks: tuple[str, ...], lang: str, which: str = "articles") -> tuple[str, ...]:
        """Drop one leading article (or connector: "de la", "of the"), longest first."""
        words = self.articles if which == "articles" else self.connectors
        for n in (3, 2, 1):
            if len(toks) > n and toks[:n] in words.get(lang, set()):
                return toks[n:]
        return toks


def _role_info(name: str, spec: dict, sectors: dict, path: str) -> RoleInfo:
    if not isinstance(spec, dict) or spec.get("sector") not in sectors:
        raise DataFileError(path, f"role {name!r} needs a sector among {', '.join(sectors)}",
                            getattr(spec, "line", None))
    return RoleInfo(name, spec["sector"], spec.get("description", ""), tuple(spec.get("fallback") or ()),
                    bool(spec.get("person", True)))


def _with_folded(table: dict[tuple[str, ...], str]) -> dict[tuple[str, ...], str]:
    out = dict(table)
    for toks, role in table.items():
        out.setdefault(tuple(fold(t) for t in toks), role)
    return out


def _token_sets(data: dict | None) -> dict[str, set[tuple[str, ...]]]:
    return {lang: {tokens(w) for w in words} for lang, words in (data or {}).items() if lang in LANGS}
