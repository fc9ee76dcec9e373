"""Who is who, and when: the shipped knowledge base through `KnowledgeBase.lookup` and
`sommet actors lookup`, in French and English phrasing.

Covers each kind of mention (country names, official names, abbreviations, demonyms in
every gender and number, metonyms and seats, organisations, role phrases without a name,
surnames with or without a courtesy title, full names), role holders that changed, spelling
variants, names shared by several people, and user files that override shipped entries or
are rejected. No spaCy model is loaded. (A person learned from an apposition in an article
is tested with the pipeline in tests/test_extract.py.)
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sommet.actors import KnowledgeBase
from sommet.cli import app


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def who(kb: KnowledgeBase, phrase: str, date: str | None = None, lang: str = "fr"):
    res = kb.lookup(phrase, date, lang=lang)
    assert res is not None, f"{phrase!r} ({lang}, {date}) does not resolve"
    return res.actor


def lookup_cli(runner: CliRunner, *args: str):
    return runner.invoke(app, ["actors", "lookup", *args])


# ------------------------------------------------------------------ names of states
@pytest.mark.parametrize("phrase, lang, code", [
    ("la Corée du Nord", "fr", "PRK"), ("North Korea", "en", "PRK"),
    ("la République populaire démocratique de Corée", "fr", "PRK"),
    ("the Democratic People's Republic of Korea", "en", "PRK"),
    ("la Fédération de Russie", "fr", "RUS"), ("the Russian Federation", "en", "RUS"),
    ("les États-Unis", "fr", "USA"), ("the United States", "en", "USA"),
    ("la Birmanie", "fr", "MMR"), ("Burma", "en", "MMR"),
    ("l'Union soviétique", "fr", "SUN"), ("the Soviet Union", "en", "SUN"),
])
def test_country_and_official_names(kb, phrase, lang, code):
    actor = who(kb, phrase, lang=lang)
    assert (actor.country, actor.name) == (code, None)


@pytest.mark.parametrize("phrase, lang, code", [
    ("la RPDC", "fr", "PRK"), ("the DPRK", "en", "PRK"), ("la RDC", "fr", "COD"), ("the DRC", "en", "COD"),
    ("les EAU", "fr", "ARE"), ("the UAE", "en", "ARE"), ("les USA", "fr", "USA"), ("the US", "en", "USA"),
])
def test_abbreviations(kb, phrase, lang, code):
    assert who(kb, phrase, lang=lang).country == code


@pytest.mark.parametrize("phrase, lang, code", [
    ("nord-coréen", "fr", "PRK"), ("nord-coréenne", "fr", "PRK"), ("nord-coréens", "fr", "PRK"),
    ("nord-coréennes", "fr", "PRK"), ("les Nord-Coréens", "fr", "PRK"), ("North Korean", "en", "PRK"),
    ("cubain", "fr", "CUB"), ("cubaine", "fr", "CUB"), ("cubains", "fr", "CUB"), ("cubaines", "fr", "CUB"),
    ("Cuban", "en", "CUB"), ("américaine", "fr", "USA"), ("American", "en", "USA"),
    ("norcoreanas", "es", "PRK"),
])
def test_demonyms_in_every_gender_and_number(kb, phrase, lang, code):
    assert who(kb, phrase, lang=lang).country == code


@pytest.mark.parametrize("phrase, lang, code", [
    ("le Kremlin", "fr", "RUS"), ("the Kremlin", "en", "RUS"),
    ("la Maison-Blanche", "fr", "USA"), ("the White House", "en", "USA"),
    ("l'Élysée", "fr", "FRA"), ("le Quai d'Orsay", "fr", "FRA"),
    ("Downing Street", "fr", "GBR"), ("Downing Street", "en", "GBR"),
    ("Zhongnanhai", "fr", "CHN"), ("Zhongnanhai", "en", "CHN"),
    ("la Moncloa", "fr", "ESP"), ("Miraflores", "fr", "VEN"), ("Miraflores", "en", "VEN"),
    ("Pyongyang", "fr", "PRK"), ("La Havane", "fr", "CUB"), ("Havana", "en", "CUB"),
])
def test_capitals_and_seats_as_metonyms(kb, phrase, lang, code):
    actor = who(kb, phrase, lang=lang)
    assert (actor.country, actor.name) == (code, None)


# ------------------------------------------------------------------ organisations
@pytest.mark.parametrize("phrase, lang, code", [
    ("l'ONU", "fr", "IGO:UN"), ("les Nations unies", "fr", "IGO:UN"), ("the UN", "en", "IGO:UN"),
    ("le Conseil de sécurité", "fr", "IGO:UNSC"), ("the Security Council", "en", "IGO:UNSC"),
    ("l'AIEA", "fr", "IGO:IAEA"), ("the IAEA", "en", "IGO:IAEA"),
    ("l'OTAN", "fr", "IGO:NATO"), ("NATO", "en", "IGO:NATO"),
    ("l'UE", "fr", "IGO:EU"), ("the EU", "en", "IGO:EU"),
    ("l'Union africaine", "fr", "IGO:AU"), ("the African Union", "en", "IGO:AU"),
    ("la CEDEAO", "fr", "IGO:ECOWAS"), ("ECOWAS", "en", "IGO:ECOWAS"),
    ("l'ASEAN", "fr", "IGO:ASEAN"), ("les BRICS", "fr", "IGO:BRICS"),
    ("l'OPEP", "fr", "IGO:OPEC"), ("OPEC", "en", "IGO:OPEC"),
    ("l'OMS", "fr", "IGO:WHO"), ("the WHO", "en", "IGO:WHO"),
    ("la CPI", "fr", "IGO:ICC"), ("the ICC", "en", "IGO:ICC"),
    ("le FMI", "fr", "IGO:IMF"), ("the IMF", "en", "IGO:IMF"),
    ("la Banque mondiale", "fr", "IGO:WB"), ("the World Bank", "en", "IGO:WB"),
])
def test_organisations(kb, phrase, lang, code):
    actor = who(kb, phrase, lang=lang)
    assert (actor.country, actor.sector) == (code, "IGO")


# ------------------------------------------------------------------ role holders that changed
@pytest.mark.parametrize("date, name", [
    ("2016-06-01", "Barack Obama"), ("2017-01-19", "Barack Obama"), ("2017-01-20", "Donald Trump"),
    ("2019-05-01", "Donald Trump"), ("2020-12-31", "Donald Trump"), ("2021-01-20", "Joe Biden"),
    ("2023-06-15", "Joe Biden"), ("2025-01-19", "Joe Biden"), ("2025-01-20", "Donald Trump"),
    ("2025-06-01", "Donald Trump"),
])
@pytest.mark.parametrize("phrase, lang", [
    ("le président américain", "fr"), ("le président des États-Unis", "fr"),
    ("the US president", "en"), ("the President of the United States", "en"),
])
def test_us_presidents_2016_2025(kb, phrase, lang, date, name):
    actor = who(kb, phrase, date, lang)
    assert (actor.country, actor.name, actor.role, actor.inferred) == ("USA", name, "head of state", True)


@pytest.mark.parametrize("date, name", [
    ("2005-06-01", "Fidel Castro"), ("2017-06", "Raúl Castro"), ("2018-04-18", "Raúl Castro"),
    ("2018-04-19", "Miguel Díaz-Canel"), ("2018-04-20", "Miguel Díaz-Canel"), ("2019", "Miguel Díaz-Canel"),
])
@pytest.mark.parametrize("phrase, lang", [
    ("le président cubain", "fr"), ("le chef de l'État cubain", "fr"), ("the Cuban president", "en"),
])
def test_cuban_head_of_state_before_and_after_2018_04_19(kb, phrase, lang, date, name):
    assert who(kb, phrase, date, lang).name == name


@pytest.mark.parametrize("date, name", [
    ("2020-06-01", "Shinzo Abe"), ("2020-09-16", "Yoshihide Suga"), ("2021-06-01", "Yoshihide Suga"),
    ("2021-10-04", "Fumio Kishida"), ("2022-06-01", "Fumio Kishida"), ("2023-06-01", "Fumio Kishida"),
    ("2024-06-01", "Fumio Kishida"), ("2024-10-01", "Shigeru Ishiba"), ("2024-11-15", "Shigeru Ishiba"),
])
@pytest.mark.parametrize("phrase, lang", [
    ("le Premier ministre japonais", "fr"), ("the Japanese prime minister", "en"),
    ("the Prime Minister of Japan", "en"),
])
def test_japanese_prime_ministers_2020_2024(kb, phrase, lang, date, name):
    actor = who(kb, phrase, date, lang)
    assert (actor.country, actor.name, actor.role) == ("JPN", name, "head of government")


# ------------------------------------------------------------------ role phrases without a name
@pytest.mark.parametrize("phrase, lang, date, country, name, role", [
    ("le président russe", "fr", "2019-05-01", "RUS", "Vladimir Putin", "head of state"),
    ("the Russian president", "en", "2019-05-01", "RUS", "Vladimir Putin", "head of state"),
    ("le chef de la diplomatie chinoise", "fr", "2019-05-01", "CHN", "Wang Yi", "foreign minister"),
    ("le chef de la diplomatie chinoise", "fr", "2023-07-01", "CHN", "Qin Gang", "foreign minister"),
    ("the Chinese foreign minister", "en", "2023-09-01", "CHN", "Wang Yi", "foreign minister"),
    ("le ministre russe des Affaires étrangères", "fr", "2019", "RUS", "Sergey Lavrov", "foreign minister"),
    ("la ministre allemande des Affaires étrangères", "fr", "2022", "DEU", "Annalena Baerbock", "foreign minister"),
    ("le ministre russe de la Défense", "fr", "2023", "RUS", "Sergei Shoigu", "defence minister"),
    ("le ministre russe de la Défense", "fr", "2024-06", "RUS", "Andrey Belousov", "defence minister"),
    ("the Russian defence minister", "en", "2023", "RUS", "Sergei Shoigu", "defence minister"),
    ("le secrétaire d'État américain", "fr", "2019", "USA", "Mike Pompeo", "foreign minister"),
    ("the US Secretary of State", "en", "2022", "USA", "Antony Blinken", "foreign minister"),
    ("le dirigeant nord-coréen", "fr", "2018-11", "PRK", "Kim Jong-un", "leader"),
    ("le leader nord-coréen", "fr", "2010", "PRK", "Kim Jong-il", "leader"),
    ("the North Korean leader", "en", "1990", "PRK", "Kim Il-sung", "leader"),
    ("le locataire de la Maison-Blanche", "fr", "2019", "USA", "Donald Trump", "head of state"),
    ("le locataire du Kremlin", "fr", "2019", "RUS", "Vladimir Putin", "head of state"),
    ("l'homme fort de Pyongyang", "fr", "2019", "PRK", "Kim Jong-un", "leader"),
    ("le guide suprême iranien", "fr", "2019", "IRN", "Ali Khamenei", "leader"),
    ("le président irakien", "fr", "2016", "IRQ", "Fuad Masum", "head of state"),
    ("le secrétaire général de l'ONU", "fr", "2015", "IGO:UN", "Ban Ki-moon", "head of government"),
    ("the UN Secretary-General", "en", "2019", "IGO:UN", "António Guterres", "head of government"),
])
def test_role_phrases_resolve_to_the_holder_at_the_date(kb, phrase, lang, date, country, name, role):
    actor = who(kb, phrase, date, lang)
    assert (actor.country, actor.name, actor.role, actor.inferred) == (country, name, role, True)


def test_role_phrase_with_nobody_known_gives_the_country_alone(kb):
    actor = who(kb, "le président russe", "1800")
    assert (actor.country, actor.name, actor.role) == ("RUS", None, "head of state")


# ------------------------------------------------------------------ names, surnames, spellings
@pytest.mark.parametrize("phrase, lang, name", [
    ("Poutine", "fr", "Vladimir Putin"), ("Putin", "en", "Vladimir Putin"),
    ("M. Poutine", "fr", "Vladimir Putin"), ("Mr Putin", "en", "Vladimir Putin"),
    ("Mr. Putin", "en", "Vladimir Putin"), ("Vladimir Poutine", "fr", "Vladimir Putin"),
    ("Choïgou", "fr", "Sergei Shoigu"), ("Choigou", "fr", "Sergei Shoigu"), ("Shoigu", "en", "Sergei Shoigu"),
    ("Sergueï Choïgou", "fr", "Sergei Shoigu"), ("Sergei Shoigu", "en", "Sergei Shoigu"),
    ("Kim Jong-un", "fr", "Kim Jong-un"), ("Kim Jong Un", "en", "Kim Jong-un"),
    ("Díaz-Canel", "fr", "Miguel Díaz-Canel"), ("Diaz-Canel", "en", "Miguel Díaz-Canel"),
    ("M. Diaz-Canel", "fr", "Miguel Díaz-Canel"), ("Miguel Diaz-Canel", "fr", "Miguel Díaz-Canel"),
    ("Lavrov", "fr", "Sergey Lavrov"), ("Mme Merkel", "fr", "Angela Merkel"),
    ("Zelensky", "fr", "Volodymyr Zelenskyy"), ("Zelenskyy", "en", "Volodymyr Zelenskyy"),
    ("Erdogan", "fr", "Recep Tayyip Erdoğan"), ("Xi", "fr", "Xi Jinping"), ("M. Xi", "fr", "Xi Jinping"),
])
def test_surnames_full_names_and_spelling_variants(kb, phrase, lang, name):
    actor = who(kb, phrase, "2019-05-01", lang)
    assert (actor.name, actor.inferred) == (name, False)


def test_a_named_person_takes_the_country_of_the_role_held_then(kb):
    assert who(kb, "Choïgou", "2019").role == "defence minister"
    assert who(kb, "Raúl Castro", "2005").role == "deputy head of government"
    assert who(kb, "Raúl Castro", "2012").role == "head of state"


@pytest.mark.parametrize("phrase, date, name", [
    ("Kim Jong-un", "2019", "Kim Jong-un"), ("Kim Jong-il", "2005", "Kim Jong-il"),
    ("Kim Jong Il", "2019", "Kim Jong-il"), ("Kim Il-sung", "1980", "Kim Il-sung"),
    ("Kim Il Sung", "2019", "Kim Il-sung"),
    ("Raúl Castro", "2005", "Raúl Castro"), ("Raul Castro", "2019", "Raúl Castro"),
    ("Fidel Castro", "2012", "Fidel Castro"), ("Fidel Castro", "2019", "Fidel Castro"),
    ("Castro", "2012", "Raúl Castro"), ("Castro", "2019", "Raúl Castro"),
    ("Bush", "1990", "George H. W. Bush"), ("Bush", "2005", "George W. Bush"),
])
def test_shared_names_resolve_by_full_name_or_date(kb, phrase, date, name):
    assert who(kb, phrase, date).name == name


@pytest.mark.parametrize("phrase, date", [
    ("Castro", None), ("Castro", "1990"), ("Castro", "2005"), ("Bush", None), ("Kim", "2019"),
    ("M. Kim", "2019"),
])
def test_a_shared_surname_is_never_guessed_across_time(kb, phrase, date):
    assert kb.lookup(phrase, date) is None


# ------------------------------------------------------------------ the command
def test_cli_lookup_french_role_phrase(runner):
    result = lookup_cli(runner, "le président américain", "--date", "2019-05-01")
    assert result.exit_code == 0, result.output
    first, why = result.stdout.splitlines()
    assert first.split("  ")[:2] == ["USA", "Donald Trump"]
    assert why.startswith("why: ") and "2017-01-20" in why and "people.yml" in why


@pytest.mark.parametrize("args, country, name", [
    (["Poutine", "--date", "2019-05-01"], "RUS", "Vladimir Putin"),
    (["the Japanese prime minister", "--date", "2021-06", "--lang", "en"], "JPN", "Yoshihide Suga"),
    (["le chef de l'État cubain", "--date", "2018-04-18"], "CUB", "Raúl Castro"),
    (["le chef de l'État cubain", "--date", "2018-04-19"], "CUB", "Miguel Díaz-Canel"),
    (["la RPDC"], "PRK", None),
    (["the White House", "--lang", "en"], "USA", None),
    (["l'OTAN"], "IGO:NATO", None),
    (["Kim Jong Un", "--date", "2019", "--lang", "en"], "PRK", "Kim Jong-un"),
])
def test_cli_lookup_json(runner, args, country, name):
    result = lookup_cli(runner, *args, "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert (answer["actor"]["country"], answer["actor"]["name"]) == (country, name)
    assert answer["why"]


def test_cli_lookup_unknown_and_ambiguous_exit_1(runner):
    unknown = lookup_cli(runner, "le boulanger du coin")
    assert unknown.exit_code == 1 and unknown.stdout.startswith("unknown:")
    shared = lookup_cli(runner, "Castro", "--date", "2005")
    assert shared.exit_code == 1
    assert "ambiguous" in shared.stdout and "Fidel Castro" in shared.stdout and "Raúl Castro" in shared.stdout


@pytest.mark.parametrize("args", [
    ["Poutine", "--date", "hier"], ["Poutine", "--date", "2019-13-01"], ["Poutine", "--date", "2019-02-30"],
    ["Poutine", "--lang", "xx"],
])
def test_cli_lookup_bad_options_are_usage_errors(runner, args):
    result = lookup_cli(runner, *args)
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)


# ------------------------------------------------------------------ user files
def write(tmp_path: Path, text: str, name: str = "mine.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


OVERRIDE = """\
- name: Miguel Díaz-Canel
  aliases: [Diaz-Canel, Díaz-Canel, El Presidente]
  roles:
    - {role: head of state, country: CUB, start: 2018-05-01}
- code: PRK
  demonyms: {fr: [nord-coréen, nord-coréenne, pyongyangais]}
"""


def test_user_file_overrides_a_shipped_person_and_country(tmp_path, kb):
    path = write(tmp_path, OVERRIDE)
    mine = KnowledgeBase.load(user_files=[path])
    # the user's dates win: nobody known holds the post between 2018-04-19 and 2018-05-01
    assert who(kb, "le président cubain", "2018-04-25").name == "Miguel Díaz-Canel"
    assert who(mine, "le président cubain", "2018-04-25").name is None
    assert who(mine, "le président cubain", "2018-05-02").name == "Miguel Díaz-Canel"
    assert who(mine, "El Presidente", "2019").name == "Miguel Díaz-Canel"
    assert who(mine, "pyongyangais").country == "PRK"
    assert who(mine, "la Corée du Nord").country == "PRK"  # keys not given are kept
    assert kb.lookup("pyongyangais") is None  # shipped data untouched


def test_cli_lookup_with_a_user_file(runner, tmp_path):
    path = write(tmp_path, OVERRIDE)
    result = lookup_cli(runner, "le président cubain", "--date", "2018-04-25", "--actors", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["actor"] == {"country": "CUB", "name": None, "role": "head of state",
                                                  "sector": "GOV"}
    plain = lookup_cli(runner, "le président cubain", "--date", "2018-04-25", "--json")
    assert json.loads(plain.stdout)["actor"]["name"] == "Miguel Díaz-Canel"


@pytest.mark.parametrize("text, line, reason", [
    ("- code: CUB\n  nmes: {fr: [Cuba]}\n", 1, "unknown key 'nmes'"),
    ("- name: A B\n  roles:\n    - {role: emperor, country: USA}\n", 3, "unknown role 'emperor'"),
    ("- name: A B\n  roles:\n    - {role: head of state, country: USA, start: 2019-13-01}\n", 3, "bad date"),
    ("- code: CUB\n  names: {fr: [Cuba]\n", 3, "invalid YAML"),
])
def test_cli_rejects_a_malformed_user_file_with_line_and_reason(runner, tmp_path, text, line, reason):
    path = write(tmp_path, text)
    result = lookup_cli(runner, "Poutine", "--actors", str(path))
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)  # a message, not a traceback
    assert f"{path}:{line}:" in result.stderr and reason in result.stderr
    assert "Traceback" not in result.output


def test_cli_rejects_a_missing_user_file(runner, tmp_path):
    result = lookup_cli(runner, "Poutine", "--actors", str(tmp_path / "absent.yml"))
    assert result.exit_code == 2
    assert "absent.yml" in result.stderr


@pytest.mark.parametrize("phrase, name", [
    ("le porte-parole du Kremlin", "Dmitry Peskov"),
    ("le porte-parole de la diplomatie russe", "Maria Zakharova"),
    ("le porte-parole chinois", "Mao Ning"),
])
def test_spokespersons_of_a_government_and_of_its_ministry_differ(phrase, name):
    from sommet.actors.kb import KnowledgeBase

    assert KnowledgeBase.load().lookup(phrase, "2023-05-01", "fr").actor.name == name
