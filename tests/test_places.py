"""Offline geocoding: French exonyms, venues, seats of power, countries."""
import pytest

from sommet.places import Geocoder, country_of_place


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory):
    seats = tmp_path_factory.mktemp("world") / "countries.yml"
    seats.write_text(
        "- code: RUS\n  iso2: RU\n  names: {fr: [Russie]}\n"
        "  seats:\n  - names: {fr: [Kremlin]}\n    city: Moscow\n"
        "- code: FRA\n  iso2: FR\n  names: {fr: [France]}\n"
        "  seats:\n  - names: {fr: [Élysée, palais de l'Élysée]}\n    city: Paris\n",
        encoding="utf-8")
    return Geocoder(countries_file=seats)


@pytest.mark.parametrize("written, country, name", [
    ("La Havane", "CUB", "La Havane"),
    ("à La Havane", "CUB", "La Havane"),
    ("Pyongyang", "PRK", "Pyongyang"),
    ("à Moscou", "RUS", "Moscou"),
    ("Genève", "CHE", "Genève"),
    ("Pékin", "CHN", "Pékin"),
    ("au Caire", "EGY", "Le Caire"),
    ("Geneve", "CHE", "Geneve"),
    ("a Pekin", "CHN", "Pekin"),
    ("en Corée du Nord", "PRK", "Corée du Nord"),
    ("aux États-Unis", "USA", "États-Unis"),
    ("aux Etats-Unis", "USA", "Etats-Unis"),
    ("la Chine", "CHN", "Chine"),
    ("Birmanie", "MMR", "Birmanie"),
    ("Djibouti", "DJI", "Djibouti"),
    ("Washington", "USA", "Washington"),
])
def test_french_names_geocode_to_their_country(geocoder, written, country, name):
    place = geocoder.geocode(written, "fr")
    assert (place.country, place.name) == (country, name)
    assert place.lat is not None and place.lon is not None


def test_city_coordinates_are_the_city(geocoder):
    place = geocoder.geocode("Pyongyang", "fr")
    assert abs(place.lat - 39.03) < 0.1 and abs(place.lon - 125.75) < 0.1


def test_country_takes_its_capital_coordinates(geocoder):
    place = geocoder.geocode("Corée du Nord", "fr")
    assert abs(place.lat - 39.03) < 0.1


def test_seat_of_power_gives_its_city(geocoder):
    place = geocoder.geocode("au Kremlin", "fr")
    assert (place.name, place.country) == ("Moscow", "RUS")
    assert abs(place.lat - 55.75) < 0.1 and abs(place.lon - 37.62) < 0.1
    assert geocoder.geocode("à l'Elysée", "fr").country == "FRA"


@pytest.mark.parametrize("written, country", [
    ("à Camp David", "USA"),
    ("au cosmodrome de Vostotchny", "RUS"),
    ("à Guantanamo", "CUB"),
    ("en Crimée", "UKR"),
    ("sur l'île de Sentosa", "SGP"),
    ("au Palais des Nations", "CHE"),
])
def test_venues_not_in_geonames(geocoder, written, country):
    place = geocoder.geocode(written, "fr")
    assert place.country == country and place.lat is not None


def test_country_hint_picks_among_homonyms(geocoder):
    assert geocoder.geocode("Tripoli", "fr").country == "LBY"
    assert geocoder.geocode("Tripoli", "fr", country_hint="LBN").country == "LBN"


def test_unknown_name_without_hint_is_none(geocoder):
    assert geocoder.geocode("Trifouillis-les-Oies", "fr") is None


def test_unknown_name_with_hint_keeps_the_hint(geocoder):
    place = geocoder.geocode("à Trifouillis-les-Oies", "fr", country_hint="FRA")
    assert (place.name, place.country, place.lat, place.lon) == ("Trifouillis-les-Oies", "FRA", None, None)


def test_country_of_place_uses_shipped_data():
    assert country_of_place("Pékin", "fr") == "CHN"
    assert country_of_place("Nulle-Part-Sur-Terre", "fr") is None
