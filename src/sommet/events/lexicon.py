"""Event lexicons: data/lexicons/<lang>/events.yml -> triggers, frames, prepositions, modality."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from functools import lru_cache
from ..datafiles import data_file, read_yaml
from ..errors import DataFileError

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}


# Word lists of the lexicon file, each read into a frozenset of the same name.
WORD_LISTS = ("undergo_verbs", "light_verbs", "reporting_verbs", "actor_nouns", "military_nouns",
              "unaccusative_verbs", "time_nouns")


@dataclass(frozen=True)
class Frame:
    source: tuple[str, ...]
    target: tuple[str, ...]
    symmetric: bool = False


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    type: str
    frame: Frame
    mode: str | None = None
    with_: frozenset[str] = frozenset()
    reflexive: bool = False
    weight: float = 0.7


@dataclass(eq=False)
class Lexicon:
    lang: str
    triggers: dict[tuple[str, str], list[Trigger]]          # (lemma, pos) -> triggers
    prepositions: list[tuple[tuple[str, ...], str]]          # (words, class), longest first
    undergo_verbs: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()
    occasion_preps: tuple[tuple[str, ...], ...] = ()
    actor_nouns: frozenset[str] = frozenset()
    plural_anaphors: dict = field(default_factory=dict)
    when_scheduled: dict = field(default_factory=dict)
    answer_types: frozenset[str] = frozenset()
    claimable_types: frozenset[str] = frozenset()
    grammar: dict[str, frozenset[str]] = field(default_factory=dict)
    military_nouns: frozenset[str] = frozenset()
    unaccusative_verbs: frozenset[str] = frozenset()
    time_nouns: frozenset[str] = frozenset()
    modality: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def preposition_nouns(self) -> frozenset[str]:
        """Content words of multiword prepositions ("encontre", "part", "égard")."""
        return frozenset(w for words, _ in self.prepositions if len(words) > 1
                         for w in words if len(w) > 3 and not w.endswith(("'", "’")))

    def words(self, name: str) -> frozenset[str]:
        """A closed class of the lexicon's `grammar` section ("coordinators", "genitives"...)."""
        return self.grammar.get(name, frozenset())

    def classes_ending(self, words: list[str]) -> set[str]:
        """Classes of the (multiword) preposition that ends `words`, longest match first."""
        if not words:
            return set()
        for prep, classes in self._by_last_word.get(words[-1], ()):
            if len(prep) <= len(words) and tuple(words[len(words) - len(prep):]) == prep:
                return classes
        return set()

    @cached_property
    def _by_last_word(self) -> dict[str, list[tuple[tuple[str, ...], set[str]]]]:
        index: dict[str, list] = {}
        for prep, _ in self.prepositions:   # longest first, as in self.prepositions
            if all(p != prep for p, _ in index.get(prep[-1], [])):
                index.setdefault(prep[-1], []).append((prep, {c for p, c in self.prepositions if p == prep}))
        return index

    @cached_property
    def folded_occasion_preps(self) -> tuple[tuple[str, ...], ...]:
        from ..actors.roles import folded

        return tuple(tuple(folded(w) for w in p) for p in self.occasion_preps)

    def prepositions_of(self, cls: str) -> tuple[tuple[str, ...], ...]:
        """The (multiword) prepositions of one class, longest first."""
        return self._prepositions_by_class.get(cls, ())

    @cached_property
    def _prepositions_by_class(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        by_class: dict[str, list[tuple[str, ...]]] = {}
        for prep, cls in self.prepositions:   # longest first, as in self.prepositions
            by_class.setdefault(cls, []).append(prep)
        return {cls: tuple(preps) for cls, preps in by_class.items()}

    @cached_property
    def trigger_hashes(self) -> "numpy.ndarray":
        """spaCy hashes of every form a trigger is looked up by: its lemma, and its plural for
        nouns the lemmatizer leaves plural."""
        import numpy
        from spacy.strings import get_string_id

        forms = {f for lemma, _ in self.triggers for f in (lemma, lemma + "s", lemma + "x")}
        return numpy.array(sorted(get_string_id(f) for f in forms), dtype="uint64")

    def triggers_for(self, lemma: str, pos: str) -> list[Trigger]:
        return self.triggers.get((lemma.lower(), pos), [])


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    path = data_file("lexicons", lang, "events.yml")
    if not path.exists():
        raise DataFileError(str(path), f"no event lexicon for language {lang!r}")
    return _build(lang, str(path), read_yaml(path))


def _build(lang: str, path: str, raw: dict) -> Lexicon:
    frames = {name: Frame(tuple(f["source"]), tuple(f["target"]), bool(f.get("symmetric")))
              for name, f in raw["frames"].items()}
    triggers: dict[tuple[str, str], list[Trigger]] = {}
    for i, t in enumerate(raw["triggers"]):
        if t.get("type") not in PLOVER_TYPES:
            raise DataFileError(path, f"trigger #{i + 1} ({t.get('lemma')}): unknown type {t.get('type')!r}")
        if t.get("frame") not in frames:
            raise DataFileError(path, f"trigger #{i + 1} ({t.get('lemma')}): unknown frame {t.get('frame')!r}")
        trig = Trigger(lemma=t["lemma"].lower(), pos=t.get("pos", "VERB"), type=t["type"],
                       frame=frames[t["frame"]], mode=t.get("mode"),
                       with_=frozenset(w.lower() for w in t.get("with", [])),
                       reflexive=bool(t.get("reflexive")), weight=float(t.get("weight", 0.7)))
        triggers.setdefault((trig.lemma, trig.pos), []).append(trig)
    preps = [(_split(p), cls) for cls, items in raw["prepositions"].items() for p in items]
    preps.sort(key=lambda p: -len(p[0]))
    modality = {k: frozenset(v) for k, v in raw.get("modality", {}).items()}
    words = {key: frozenset(raw.get(key, [])) for key in WORD_LISTS}
    return Lexicon(lang, triggers, preps, occasion_preps=_split_all(raw.get("occasion_preps", [])),
                   plural_anaphors=raw.get("plural_anaphors") or {},
                   when_scheduled=raw.get("when_scheduled") or {}, modality=modality,
                   answer_types=frozenset(raw.get("answer_types") or ()),
                   claimable_types=frozenset(raw.get("claimable_types") or ()),
                   grammar={k: frozenset(v) for k, v in (raw.get("grammar") or {}).items()}, **words)


def _split(phrase: str) -> tuple[str, ...]:
    """Words of a phrase as spaCy tokenizes them: an elided article is its own token."""
    return tuple(phrase.lower().replace("'", "' ").replace("’", "’ ").split())


def _split_all(phrases: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((_split(p) for p in phrases), key=len, reverse=True))
