"""The world knowledge base: countries, IGOs and people with dated roles (data/world/*.yml).

    kb = KnowledgeBase.load(user_files=["my_actors.yml"])
    kb.aliases("fr")["nord-coréenne"]          -> ("demonym", "PRK")
    kb.holder("USA", "head of state", "2019-05-01").canonical -> "Donald Trump"
    kb.lookup("le président américain", "2019-05-01")        -> Resolution(Actor(...), why)

User files hold entries in the shipped formats (countries, IGOs or people, told apart by
their keys). A user country or IGO entry overrides the keys it gives of the shipped entry
with the same code; a user person replaces the shipped person of the same name.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..datafiles import data_file
from ..errors import DataFileError
from ..models import DateValue
from .datafile import (Country, Igo, Person, Role, Seat, entry_kind, load_entries, parse_country,
                       parse_igo, parse_person)
from .resolve import Resolution, resolve_phrase
from .roles import RoleLexicon, fold, key, tokens

__all__ = ["KnowledgeBase", "Country", "Igo", "Person", "Role", "Seat", "Resolution", "period"]

_KIND_RANK = {"country": 0, "igo": 1, "metonym": 2, "group": 3, "demonym": 4}
_COUNTRY_FIELDS = {"capital": ("capital", "capital_names")}
DateLike = DateValue | dt.date | str | None


def period(date: DateLike) -> tuple[dt.date, dt.date] | None:
    """The days a date covers, as [first, after): "2019-05" -> (2019-05-01, 2019-06-01)."""
    if date is None:
        return None
    if isinstance(date, dt.date):
        return date, date + dt.timedelta(days=1)
    value = date if isinstance(date, DateValue) else DateValue.parse(str(date))
    if value is None:
        raise ValueError(f"not a date: {date!r}")
    first = dt.date(value.year, value.month or 1, value.day or 1)
    if value.day:
        return first, first + dt.timedelta(days=1)
    if value.month:
        return first, (first + dt.timedelta(days=32)).replace(day=1)
    return first, dt.date(value.year + 1, 1, 1)


class KnowledgeBase:
    """Countries, IGOs, people and the role lexicon, with the look-ups the pipeline needs."""

    def __init__(self, roles: RoleLexicon, countries: dict[str, Country] | None = None,
                 igos: dict[str, Igo] | None = None, people: dict[str, Person] | None = None):
        self.roles = roles
        self.countries: dict[str, Country] = dict(countries or {})
        self.igos: dict[str, Igo] = dict(igos or {})
        self._people: dict[str, Person] = dict(people or {})
        self._cache: dict = {}

    @classmethod
    def load(cls, user_files: Iterable[str | Path] = ()) -> KnowledgeBase:
        """Shipped data (read once per process) plus user files, which override it."""
        base = _shipped()
        user_files = list(user_files)
        if not user_files:
            return base
        kb = cls(base.roles, base.countries, base.igos, base._people)
        for path in user_files:
            kb.add_file(path, override=True)
        return kb

    def add_file(self, path: str | Path, override: bool = False) -> None:
        """Read a countries / IGOs / people file into this KB (DataFileError when malformed)."""
        path = str(path)
        seen: set[str] = set()
        for entry in load_entries(path):
            kind = entry_kind(entry, path)
            ident = entry.get("name") if kind == "person" else entry["code"]
            if ident in seen:
                raise DataFileError(path, f"{ident!r} is defined twice in this file", entry.line)
            seen.add(ident)
            self._add_entry(kind, entry, path, override)
        self._cache.clear()

    def _add_entry(self, kind: str, entry: dict, path: str, override: bool) -> None:
        if kind == "person":
            person = parse_person(entry, path, self.roles.default_sectors())
            self._people[person.canonical] = person
            return
        table, parse = (self.igos, parse_igo) if kind == "igo" else (self.countries, parse_country)
        new = parse(entry, path)
        old = table.get(new.code)
        if override and old is not None:
            keys = [f for k in entry if k != "code" for f in _COUNTRY_FIELDS.get(k, (k,))]
            new = dataclasses.replace(old, source=path, **{k: getattr(new, k) for k in keys})
        table[new.code] = new

    @property
    def people(self) -> list[Person]:
        return list(self._people.values())

    # ------------------------------------------------------------------ names
    def aliases(self, lang: str) -> dict[str, tuple[str, str]]:
        """Surface form (lower-cased, accents kept, plus an accent-folded variant) -> (kind, code).

        kind is "country", "demonym", "metonym" (capital or seat of power), "group" (an armed
        group or movement that acts for or in a country) or "igo". When two
        entries claim a form, a current state beats a former one, then country > igo >
        metonym > demonym; the exact form beats another entry's folded form.
        """
        return self._names(lang)[0]

    def acronyms(self, lang: str) -> set[str]:
        """Alias keys only ever written in capitals in the data ("us", "rdc", "onu"): match them in capitals."""
        return self._names(lang)[1]

    def seat(self, form: str, lang: str) -> tuple[str, Seat] | None:
        """(country code, Seat) for a seat-of-power name ("Maison-Blanche")."""
        seats = self._names(lang)[2]
        return seats.get(key(form)) or seats.get(fold(key(form)))

    def _names(self, lang: str):
        if ("names", lang) not in self._cache:
            self._cache[("names", lang)] = self._build_names(lang)
        return self._cache[("names", lang)]

    def _build_names(self, lang: str):
        table: dict[str, tuple[str, str]] = {}
        ranks: dict[str, tuple] = {}
        acronyms: set[str] = set()
        plain: set[str] = set()  # keys also written in lower case somewhere ("Unicef")
        seats: dict[str, tuple[str, Seat]] = {}
        for form, kind, code, former in self._forms(lang):
            k = key(form)
            (acronyms if _is_acronym(form) else plain).add(k)
            for variant, folded in ((k, 0), (fold(k), 1)):
                rank = (former, folded, _KIND_RANK[kind])
                if variant not in ranks or rank < ranks[variant]:
                    table[variant], ranks[variant] = (kind, code), rank
        for c in self.countries.values():
            for seat in c.seats:
                for form in seat.names.get(lang, []):
                    seats.setdefault(key(form), (c.code, seat))
                    seats.setdefault(fold(key(form)), (c.code, seat))
        return table, acronyms - plain, seats

    def _forms(self, lang: str):
        """(surface form, kind, code, is_former) for every name in the KB."""
        for c in self.countries.values():
            former = int(c.status == "former")
            yield from ((n, "country", c.code, former) for n in c.names.get(lang, []))
            yield from ((n, "demonym", c.code, former) for n in c.demonyms.get(lang, []))
            yield from ((n, "metonym", c.code, former) for n in c.capital_names.get(lang, []))
            for seat in c.seats:
                yield from ((n, "metonym", c.code, former) for n in seat.names.get(lang, []))
            for group in c.groups:
                yield from ((n, "group", c.code, former) for n in group.names.get(lang, []))
        for i in self.igos.values():
            names = i.names.get(lang, []) + i.abbreviations.get(lang, [])
            yield from ((n, "igo", i.code, 0) for n in names)

    def canonical_code(self, code: str) -> str:
        """The code scoring compares: an IGO organ maps to its parent (IGO:UNSC -> IGO:UN)."""
        seen = set()
        while code in self.igos and self.igos[code].parent and code not in seen:
            seen.add(code)
            code = self.igos[code].parent
        return code

    def sector_for(self, role: str | None) -> str | None:
        return self.roles.sector_for(role)

    # ------------------------------------------------------------------ people
    def person(self, name: str, date: DateLike = None) -> Person | None:
        """The person a name or alias means; None when unknown or ambiguous at that date."""
        k = key(name)
        index = self._person_index()
        cands = index.get(k) or index.get(fold(k)) or []
        if len(cands) == 1:
            return cands[0]
        full = [p for p in cands if fold(key(p.canonical)) == fold(k)]
        if len(full) == 1:
            return full[0]
        span = period(date)
        if span is not None:
            active = [p for p in cands if any(r.overlap(*span) for r in p.roles)]
            if len(active) == 1:
                return active[0]
        return None

    def people_named(self, name: str) -> list[Person]:
        """Every person a name or alias may mean, whatever the date ("Castro" -> Fidel, Raúl)."""
        k = key(name)
        index = self._person_index()
        return list(index.get(k) or index.get(fold(k)) or [])

    def _person_index(self) -> dict[str, list[Person]]:
        if "people" not in self._cache:
            index: dict[str, list[Person]] = {}
            for p in self._people.values():
                forms = {key(f) for f in [p.canonical, *p.aliases]}
                for form in forms | {fold(f) for f in forms}:
                    bucket = index.setdefault(form, [])
                    if p not in bucket:
                        bucket.append(p)
            self._cache["people"] = index
        return self._cache["people"]

    def _role_index(self) -> dict[tuple[str, str], list[tuple[Person, Role]]]:
        """(country, role) -> everyone who held it, with the dated role."""
        if "roles" not in self._cache:
            index: dict[tuple[str, str], list[tuple[Person, Role]]] = {}
            for p in self._people.values():
                for r in p.roles:
                    index.setdefault((r.country, r.role), []).append((p, r))
            self._cache["roles"] = index
        return self._cache["roles"]

    def holder(self, country: str, role: str, date: DateLike = None) -> Person | None:
        """Who held `role` in `country` then (the current holder when date is None).

        A role with fallbacks in roles.yml ("leader") tries them when nobody holds it.
        """
        found = self.holding(country, role, date)
        return found[0] if found else None

    def holding(self, country: str, role: str, date: DateLike = None) -> tuple[Person, Role] | None:
        """(person, the dated role that answers), following role fallbacks."""
        info = self.roles.roles.get(role)
        for name in [role, *(info.fallback if info else ())]:
            found = self._holding(country, name, date)
            if found:
                return found
        return None

    def _holding(self, country: str, role: str, date: DateLike) -> tuple[Person, Role] | None:
        span = period(date)
        default = self.sector_for(role)
        best, best_rank = None, None
        for p, r in self._role_index().get((country, role), ()):
            days = r.overlap(*span) if span else (1 if r.end is None else 0)
            rank = (r.sector == default, days, r.start or dt.date.min)
            if days and (best_rank is None or rank > best_rank):
                best, best_rank = (p, r), rank
        return best

    def lookup(self, phrase: str, date: DateLike = None, lang: str = "fr") -> Resolution | None:
        """Resolve a phrase ("le président américain", "Poutine", "l'ONU") to an Actor, saying why."""
        return resolve_phrase(self, tokens(phrase), phrase, date, lang)


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=1)
def _shipped() -> KnowledgeBase:
    world = data_file("world")
    kb = KnowledgeBase(RoleLexicon.from_file(world / "roles.yml"))
    for name in ("countries.yml", "igos.yml", "people.yml"):
        if (world / name).exists():
            kb.add_file(world / name)
    return kb

