"""The world knowledge base: names, demonyms, metonyms, IGOs, dated roles, user files, lookup."""
from __future__ import annotations

from pathlib import Path

import pytest

from sommet.actors import KnowledgeBase
from sommet.datafiles import data_file
from sommet.errors import DataFileError

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def kb(shipped) -> KnowledgeBase:
    """Shipped countries and IGOs with the small test people file only."""
    kb = KnowledgeBase(shipped.roles, shipped.countries, shipped.igos)
    kb.add_file(DATA / "kb_people.yml")
    return kb


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "user.yml"
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ countries
def test_every_un_member_and_observer_is_there(shipped):
    statuses = [c.status for c in shipped.countries.values()]
    assert statuses.count("member") == 193
    assert {"VAT", "PSE"} <= {c.code for c in shipped.countries.values() if c.status == "observer"}
    assert {"TWN", "XKX", "ESH"} <= set(shipped.countries)


def test_every_state_has_french_names_and_demonyms(shipped):
    for c in shipped.countries.values():
        assert c.names["fr"], c.code
        if c.status == "member" and c.code != "COG":  # "congolais" is indexed under COD
            assert len(c.demonyms["fr"]) >= 2, c.code


@pytest.mark.parametrize("form, code", [
    ("nord-coréen", "PRK"), ("nord-coréenne", "PRK"), ("nord-coréens", "PRK"), ("nord-coréennes", "PRK"),
    ("ivoirien", "CIV"), ("ivoiriennes", "CIV"), ("sud-africaine", "ZAF"), ("américain", "USA"),
    ("américaines", "USA"), ("britannique", "GBR"), ("britanniques", "GBR"), ("émirati", "ARE"),
    ("émiriennes", "ARE"), ("russe", "RUS"), ("chinoises", "CHN"), ("israélien", "ISR"),
    ("soviétique", "SUN"), ("est-allemande", "DDR"),
])
def test_french_demonyms_in_every_gender_and_number(shipped, form, code):
    assert shipped.aliases("fr")[form] == ("demonym", code)


def test_accent_folded_demonyms_resolve_too(shipped):
    assert shipped.aliases("fr")["nord-coreenne"] == ("demonym", "PRK")
    assert shipped.aliases("fr")["americain"] == ("demonym", "USA")


@pytest.mark.parametrize("form, code", [
    ("rpdc", "PRK"), ("rdc", "COD"), ("eau", "ARE"), ("usa", "USA"), ("us", "USA"), ("uk", "GBR"),
    ("états-unis", "USA"), ("etats-unis", "USA"), ("etats-unis d'amérique", "USA"), ("amérique", "USA"),
    ("fédération de russie", "RUS"), ("birmanie", "MMR"), ("urss", "SUN"), ("union soviétique", "SUN"),
    ("tchécoslovaquie", "CSK"), ("yougoslavie", "YUG"), ("rda", "DDR"), ("côte d'ivoire", "CIV"),
])
def test_country_names_and_abbreviations(shipped, form, code):
    assert shipped.aliases("fr")[form] == ("country", code)


def test_curly_apostrophes_are_matched_like_straight_ones(shipped):
    assert shipped.lookup("la Côte d\u2019Ivoire").actor.country == "CIV"


def test_abbreviations_are_flagged_for_case_sensitive_matching(shipped):
    acronyms = shipped.acronyms("fr")
    assert {"us", "usa", "rdc", "onu", "eau"} <= acronyms  # "eau", "us": also common words
    assert "russie" not in acronyms
    assert "otan" not in acronyms  # news writes both OTAN and Otan


def test_english_and_spanish_names(shipped):
    assert shipped.aliases("en")["dprk"] == ("country", "PRK")
    assert shipped.aliases("en")["north korean"] == ("demonym", "PRK")
    assert shipped.aliases("es")["norcoreanas"] == ("demonym", "PRK")
    assert shipped.aliases("es")["ee.uu."] == ("country", "USA")


@pytest.mark.parametrize("form, code", [
    ("kremlin", "RUS"), ("maison-blanche", "USA"), ("maison blanche", "USA"), ("la havane", "CUB"),
    ("élysée", "FRA"), ("elysée", "FRA"), ("quai d'orsay", "FRA"), ("downing street", "GBR"),
    ("zhongnanhai", "CHN"), ("moncloa", "ESP"), ("miraflores", "VEN"), ("pentagone", "USA"),
    ("pékin", "CHN"), ("beijing", "CHN"), ("téhéran", "IRN"), ("teheran", "IRN"), ("moscou", "RUS"),
])
def test_capitals_and_seats_are_metonyms(shipped, form, code):
    assert shipped.aliases("fr")[form] == ("metonym", code)


def test_seats_carry_sector_city_and_holder(shipped):
    code, pentagon = shipped.seat("Pentagone", "fr")
    assert (code, pentagon.sector, pentagon.city) == ("USA", "MIL", "Washington")
    assert shipped.seat("Matignon", "fr")[1].holder == "head of government"


def test_former_states_name_their_successor(shipped):
    assert shipped.countries["SUN"].successor == "RUS"
    assert shipped.countries["SUN"].status == "former"


# ------------------------------------------------------------------ IGOs
@pytest.mark.parametrize("form, code", [
    ("onu", "IGO:UN"), ("nations unies", "IGO:UN"), ("otan", "IGO:NATO"), ("union européenne", "IGO:EU"),
    ("ue", "IGO:EU"), ("ligue arabe", "IGO:AL"), ("aiea", "IGO:IAEA"), ("cedeao", "IGO:ECOWAS"),
    ("cour pénale internationale", "IGO:ICC"), ("conseil de sécurité", "IGO:UNSC"),
])
def test_igo_names_and_abbreviations(shipped, form, code):
    assert shipped.aliases("fr")[form] == ("igo", code)


def test_main_organs_score_as_their_parent(shipped):
    assert shipped.canonical_code("IGO:UNSC") == "IGO:UN"
    assert shipped.canonical_code("IGO:UNGA") == "IGO:UN"
    assert shipped.canonical_code("IGO:NATO") == "IGO:NATO"
    assert shipped.canonical_code("PRK") == "PRK"


def test_english_igo_names(shipped):
    assert shipped.aliases("en")["united nations"] == ("igo", "IGO:UN")
    assert shipped.aliases("en")["who"] == ("igo", "IGO:WHO")
    assert "who" in shipped.acronyms("en")


# ------------------------------------------------------------------ roles and people
@pytest.mark.parametrize("date, name", [
    ("2016-06-01", "Barack Obama"), ("2017-01-19", "Barack Obama"), ("2017-01-20", "Donald Trump"),
    ("2019-05", "Donald Trump"), ("2021-06-15", "Joe Biden"), ("2024", "Joe Biden"),
    ("2025-03-01", "Donald Trump"),
])
def test_us_presidents_by_date(kb, date, name):
    assert kb.holder("USA", "head of state", date).canonical == name


def test_month_of_a_handover_goes_to_whoever_held_most_of_it(kb):
    assert kb.holder("USA", "head of state", "2017-01").canonical == "Barack Obama"


def test_leader_falls_back_to_head_of_state(kb):
    assert kb.holder("CUB", "leader", "2019-01-01").canonical == "Miguel Díaz-Canel"
    assert kb.holder("PRK", "leader", "2019-06-01").canonical == "Kim Jong-un"


def test_the_president_of_a_body_is_that_body_s_head(shipped):
    commission = shipped.lookup("la présidente de la Commission européenne", "2023-05")
    council = shipped.lookup("le président du Conseil européen", "2023-05")
    assert (commission.actor.country, commission.actor.name) == ("IGO:EU", "Ursula von der Leyen")
    assert (council.actor.country, council.actor.name) == ("IGO:EU", "Charles Michel")


def test_sector_for_roles(kb):
    assert kb.sector_for("head of state") == "GOV"
    assert kb.sector_for("legislature head") == "LEG"
    assert kb.sector_for("rebels") == "REB"
    assert kb.sector_for("astronaut") is None


def test_full_names_and_aliases_resolve(kb):
    assert kb.person("Vladimir Poutine").canonical == "Vladimir Putin"
    assert kb.person("Raul Castro").canonical == "Raúl Castro"
    assert kb.person("kim jong un").canonical == "Kim Jong-un"


def test_shared_surnames_need_a_date_that_leaves_one_holder(kb):
    assert kb.person("Castro") is None
    assert kb.person("Kim") is None
    assert kb.person("Castro", "1990-05-01").canonical == "Fidel Castro"
    assert kb.person("Castro", "2012").canonical == "Raúl Castro"
    assert kb.person("Kim", "2020-01").canonical == "Kim Jong-un"
    assert kb.person("Castro", "2021") is None  # neither held a role then


# ------------------------------------------------------------------ lookup
def test_lookup_infers_the_president_from_a_demonym_and_the_date(kb):
    res = kb.lookup("le président américain", "2019-05-01", lang="fr")
    a = res.actor
    assert (a.country, a.name, a.role, a.sector, a.inferred) == ("USA", "Donald Trump", "head of state", "GOV", True)
    assert "head of state" in res.why and "2017-01-20" in res.why and "people.yml" in res.why


@pytest.mark.parametrize("phrase, date, lang, country, name", [
    ("the US president", "2019-05-01", "en", "USA", "Donald Trump"),
    ("the President of the United States", "2022-02-01", "en", "USA", "Joe Biden"),
    ("le locataire de la Maison-Blanche", "2016-03", "fr", "USA", "Barack Obama"),
    ("le chef de la diplomatie russe", "2019-05-01", "fr", "RUS", "Sergey Lavrov"),
    ("le dirigeant nord-coréen", "2018-11", "fr", "PRK", "Kim Jong-un"),
    ("le chef du Kremlin", "2010-06", "fr", "RUS", None),  # nobody in the test file held it then
    ("el presidente estadounidense", "2023-02-02", "es", "USA", "Joe Biden"),
    ("Poutine", "2019-05-01", "fr", "RUS", "Vladimir Putin"),
])
def test_lookup_role_phrases(kb, phrase, date, lang, country, name):
    actor = kb.lookup(phrase, date, lang=lang).actor
    assert (actor.country, actor.name) == (country, name)


def test_lookup_names_organisations_seats_and_groups(kb):
    assert kb.lookup("l'ONU").actor.country == "IGO:UN"
    assert kb.lookup("l'ONU").actor.sector == "IGO"
    pentagon = kb.lookup("le Pentagone").actor
    assert (pentagon.country, pentagon.sector) == ("USA", "MIL")
    rebels = kb.lookup("les rebelles syriens").actor
    assert (rebels.country, rebels.sector, rebels.name) == ("SYR", "REB", None)


def test_lookup_of_unknown_phrase_is_none(kb):
    assert kb.lookup("le boulanger du coin", "2019-05-01") is None


# ------------------------------------------------------------------ user files
def test_user_file_overrides_a_shipped_country(tmp_path):
    path = write(tmp_path, "- code: CUB\n  demonyms: {fr: [cubain, castriste]}\n")
    kb = KnowledgeBase.load(user_files=[path])
    assert kb.aliases("fr")["castriste"] == ("demonym", "CUB")
    assert kb.aliases("fr")["la havane"] == ("metonym", "CUB")  # keys not given are kept
    assert "castriste" not in KnowledgeBase.load().aliases("fr")  # shipped data untouched


def test_user_file_replaces_a_person_and_adds_igos(tmp_path):
    path = write(tmp_path, """\
- name: Donald Trump
  aliases: [The Donald]
  roles:
    - {role: head of state, country: USA, start: 2017-01-20, end: 2021-01-20}
- code: IGO:BIMSTEC
  names: {fr: [Initiative du golfe du Bengale]}
""")
    kb = KnowledgeBase.load(user_files=[path])
    assert kb.person("The Donald").canonical == "Donald Trump"
    assert kb.aliases("fr")["initiative du golfe du bengale"] == ("igo", "IGO:BIMSTEC")


@pytest.mark.parametrize("text, line, reason", [
    ("- code: CUB\n  nmes: {fr: [Cuba]}\n", 1, "unknown key 'nmes'"),
    ("- name: A B\n  roles: []\n- iso2: XX\n", 3, "'code'"),
    ("- name: A B\n  roles:\n    - {role: head of state, country: USA, start: 2019-13-01}\n", 3, "bad date"),
    ("- name: A B\n  roles:\n    - {role: head of state, country: USA, start: in May}\n", 3, "bad date"),
    ("- name: A B\n  roles:\n    - {role: emperor, country: USA}\n", 3, "unknown role 'emperor'"),
    ("- code: CUB\n  status: great\n", 1, "status"),
    ("- code: CUB\n  names: {fr: [Cuba]\n", 3, "invalid YAML"),
    ("- code: CUB\n  note: a\n  note: b\n", 3, "duplicate key"),
])
def test_malformed_user_file_is_rejected_with_line_and_reason(tmp_path, text, line, reason):
    path = write(tmp_path, text)
    with pytest.raises(DataFileError) as err:
        KnowledgeBase.load(user_files=[path])
    assert err.value.line == line
    assert reason in err.value.problem
    assert str(path) in str(err.value)


# ------------------------------------------------------------------ shipped people file
def test_shipped_people_use_known_countries_and_organisations(shipped):
    if not data_file("world", "people.yml").exists():
        pytest.skip("no people.yml shipped")
    known = set(shipped.countries) | set(shipped.igos)
    unknown = {r.country for p in shipped.people for r in p.roles} - known
    assert not unknown, f"people.yml uses codes missing from countries.yml/igos.yml: {unknown}"


def test_lookup_the_head_of_an_organisation(shipped):
    if not data_file("world", "people.yml").exists():
        pytest.skip("no people.yml shipped")
    actor = shipped.lookup("le secrétaire général de l'ONU", "2019-05-01").actor
    assert (actor.country, actor.name, actor.sector) == ("IGO:UN", "António Guterres", "IGO")
