"""Time expressions resolved against the publication date, as EVENTS.md decides."""
import pytest

from sommet.dates import DateMention, find_dates, publication_date_in_text
from sommet.models import DateValue


def mention_of(sentence: str, expr: str, pub: str | None, lang: str = "fr",
               anchor: str | None = None) -> DateMention | None:
    """The mention found over `expr` in `sentence`, checked to point into the text."""
    at = sentence.index(expr)
    found = find_dates(sentence, lang, DateValue(pub) if pub else None,
                       DateValue(anchor) if anchor else None)
    for m in found:
        assert sentence[m.start:m.end] == m.text
        if m.start <= at < m.end:
            assert expr in m.text, (expr, m.text)
            return m
    return None


CASES = [
    # sentence, expression, publication date, expected value, kind
    ("Kim Jong-un a reçu le 4 novembre le président cubain.", "4 novembre", "2018-11", "2018-11-04", "absolute"),
    ("Ils se sont vus le 4 novembre 2018 à Pyongyang.", "4 novembre 2018", None, "2018-11-04", "absolute"),
    ("Le sommet a eu lieu le 4 novembre.", "4 novembre", "2018-03", "2017-11-04", "absolute"),
    ("Le sommet se tiendra le 4 novembre.", "4 novembre", "2018-03", "2018-11-04", "absolute"),
    ("Il est arrivé le 1er novembre.", "1er novembre", "2018-11", "2018-11-01", "absolute"),
    ("Il était venu en juillet 2000.", "juillet 2000", "2024-06", "2000-07", "absolute"),
    ("Sa visite en 1986 reste dans les mémoires.", "en 1986", "2018-11", "1986", "absolute"),
    ("L'accord signé le 13 septembre 2023 à Moscou.", "13 septembre 2023", None, "2023-09-13", "absolute"),
    ("Déclaration du 13/09/2023 à Vladivostok.", "13/09/2023", None, "2023-09-13", "absolute"),
    ("Le traité de fevrier 2019 a expiré.", "fevrier 2019", None, "2019-02", "absolute"),
    ("Il est rentré le 15 aout.", "15 aout", "2019-09-02", "2019-08-15", "absolute"),
    ("La rencontre du 3 janv. 2019 a eu lieu.", "3 janv. 2019", None, "2019-01-03", "absolute"),
    ("La réunion de sept. 2021 a échoué.", "sept. 2021", None, "2021-09", "absolute"),
    ("Les troupes sont arrivées mi-juin.", "mi-juin", "2022-08", "2022-06", "absolute"),
    ("Le retrait est achevé fin 2019.", "fin 2019", "2020-03", "2019", "absolute"),
    ("Les pourparlers ont repris début juillet.", "début juillet", "2022-08-10", "2022-07", "absolute"),
    ("Il était venu en mai dernier.", "mai dernier", "2020-06-15", "2020-05", "absolute"),
    ("Il était venu en juillet dernier.", "juillet dernier", "2020-06-15", "2019-07", "absolute"),
    ("La réunion du vendredi 17 septembre a été reportée.", "vendredi 17 septembre", "2021-06", "2021-09-17", "absolute"),
    # weekdays and days counted from publication
    ("Vendredi, le président a reçu son homologue.", "Vendredi", "2018-11", "2018-11", "relative"),
    ("Vendredi, le président a reçu son homologue.", "Vendredi", "2018-11-09", "2018-11-09", "relative"),
    ("Mardi, le président a reçu son homologue.", "Mardi", "2018-11-09", "2018-11-06", "relative"),
    ("Il l'a rencontré mardi dernier.", "mardi dernier", "2018-11-06", "2018-10-30", "relative"),
    ("Il le recevra lundi prochain.", "lundi prochain", "2018-11-09", "2018-11-12", "relative"),
    ("Il doit se rendre à Pékin jeudi.", "jeudi", "2018-11-06", "2018-11-08", "relative"),
    ("Les frappes ont eu lieu dans la nuit de mardi à mercredi.", "nuit de mardi à mercredi", "2018-11-09", "2018-11-07", "relative"),
    ("Les frappes ont eu lieu dans la nuit de mardi à mercredi.", "nuit de mardi à mercredi", "2018-11", "2018-11", "relative"),
    ("Des frappes dans la nuit du 3 au 4 novembre.", "nuit du 3 au 4 novembre", "2018-11-09", "2018-11-04", "absolute"),
    ("Hier, les deux ministres se sont parlé.", "Hier", "2018-11-09", "2018-11-08", "relative"),
    ("Hier soir, les deux ministres se sont parlé.", "Hier soir", "2018-11", "2018-11", "relative"),
    ("Il s'entretient aujourd'hui avec le roi.", "aujourd'hui", "2018-11-09", "2018-11-09", "relative"),
    ("Il s'entretient ce soir avec le roi.", "ce soir", "2018-11", "2018-11", "relative"),
    ("Il s'entretient cet après-midi avec le roi.", "cet après-midi", "2018-11-09", "2018-11-09", "relative"),
    ("Il sera demain à Alger.", "demain", "2018-11-30", "2018-12-01", "relative"),
    ("Il y a deux jours, Moscou a protesté.", "Il y a deux jours", "2018-11-09", "2018-11-07", "relative"),
    # weeks, months, years counted from publication
    ("L'an dernier, Paris avait rappelé son ambassadeur.", "L'an dernier", "2024-06", "2023", "relative"),
    ("L'année dernière, Paris avait rappelé son ambassadeur.", "L'année dernière", "2024-06-02", "2023", "relative"),
    ("Cette année, les échanges ont doublé.", "Cette année", "2024-06", "2024", "relative"),
    ("Le mois dernier, Pékin a sanctionné Taipei.", "Le mois dernier", "2024-01-15", "2023-12", "relative"),
    ("La semaine dernière, ils se sont parlé.", "La semaine dernière", "2018-11-14", "2018-11", "relative"),
    ("La semaine dernière, ils se sont parlé.", "La semaine dernière", "2018-11-09", "2018", "relative"),
    ("La semaine dernière, ils se sont parlé.", "La semaine dernière", "2019-01-03", "2018-12", "relative"),
    ("La semaine dernière, ils se sont parlé.", "La semaine dernière", "2019-01-09", None, "relative"),
    ("Ils se reverront la semaine prochaine.", "la semaine prochaine", "2018-11-14", "2018-11", "relative"),
    ("Cette semaine, Diosdado Cabello s'est rendu à Pyongyang.", "Cette semaine", "2018-11", "2018-11", "relative"),
    # since / until
    ("Les sanctions sont en vigueur jusqu'au 12 novembre.", "jusqu'au 12 novembre", "2018-11", "2018-11-12", "until"),
    ("Le pays est sous embargo depuis 1992.", "depuis 1992", "2018-11", "1992", "since"),
    ("Les frontières sont fermées depuis juillet.", "depuis juillet", "2018-11", "2018-07", "since"),
    ("Le cessez-le-feu tient depuis le 4 novembre.", "depuis le 4 novembre", "2018-11", "2018-11-04", "since"),
    ("La mission est prolongée jusqu'en 2025.", "jusqu'en 2025", "2023-05", "2025", "until"),
    # vague
    ("Il y a vingt ans, les deux pays rompaient.", "Il y a vingt ans", "2018-11", None, "vague"),
    ("Dans les années 1990, Cuba a subi une crise.", "années 1990", "2018-11", None, "vague"),
    ("Ils se sont récemment rapprochés.", "récemment", "2018-11", None, "vague"),
    ("Il a protesté à de multiples reprises.", "à de multiples reprises", "2018-11", None, "vague"),
    ("Deux jours après, Séoul a répondu.", "Deux jours après", "2018-11", None, "vague"),
    ("La veille, Séoul avait répondu.", "La veille", "2018-11-09", None, "vague"),
    # not dates
    ("Ils subissent des sanctions depuis plusieurs années.", "depuis plusieurs années", "2018-11", None, "duration"),
    ("Le pays a changé en 24 ans.", "en 24 ans", "2018-11", None, "duration"),
    ("Le dirigeant, âgé de 75 ans, a été reçu.", "âgé de 75 ans", "2018-11", None, "age"),
    ("Ils célèbrent le 55e anniversaire des relations.", "55e anniversaire", "2015-06", None, "ordinal"),
]

EN_CASES = [
    ("Trump met Kim in Singapore on June 12, 2018.", "June 12, 2018", None, "2018-06-12", "absolute"),
    ("The ministers met on 4 November.", "4 November", "2018-11-20", "2018-11-04", "absolute"),
    ("On Monday, Moscow protested.", "Monday", "2018-06-14", "2018-06-11", "relative"),
    ("He will visit Beijing next Tuesday.", "next Tuesday", "2018-06-14", "2018-06-19", "relative"),
    ("Sanctions have been in place since 1992.", "since 1992", "2018-06", "1992", "since"),
    ("Last year, the two leaders met in Hanoi.", "Last year", "2020-02", "2019", "relative"),
    ("Twenty years ago, the embassy closed.", "Twenty years ago", "2020-02", None, "vague"),
]


@pytest.mark.parametrize("lang, sentence, expr, pub, expected, kind",
                         [("fr", *c) for c in CASES] + [("en", *c) for c in EN_CASES])
def test_expression_resolves_to_the_certain_date(lang, sentence, expr, pub, expected, kind):
    m = mention_of(sentence, expr, pub, lang)
    assert m is not None, f"{expr!r} not found"
    assert (m.value.value if m.value else None, m.kind) == (expected, kind)


@pytest.mark.parametrize("sentence, expr", [
    ("Plus de 1 500 soldats ont été déployés.", "1 500"),
    ("L'avion a atterri à 2h20.", "2h20"),
    ("Il a envoyé 2000 soldats.", "2000"),
    ("Il a parlé, mais sans convaincre.", "mais"),
    ("Le porte-parole a évoqué la mission vers Mars.", "Mars"),
    ("Il a reçu plus de 2015 signatures.", "2015"),
])
def test_numbers_and_words_that_are_not_dates(sentence, expr):
    m = mention_of(sentence, expr, "2018-11")
    assert m is None or m.value is None


def test_anniversary_keeps_the_year_it_counts_from():
    m = mention_of("Ils célèbrent le 55e anniversaire des relations.", "55e", "2015-06")
    assert m.origin == DateValue("1960")


def test_weekday_takes_a_full_date_of_the_text_when_pub_has_no_day():
    text = "Ce jeudi 25 août, Macron est à Alger. Mercredi, il avait rencontré Tebboune."
    m = mention_of(text, "Mercredi", "2022-08")
    assert m.value == DateValue("2022-08-24")


def test_weekday_takes_the_anchor_given():
    m = mention_of("Mercredi, il a rencontré Tebboune.", "Mercredi", "2022-08", anchor="2022-08-25")
    assert m.value == DateValue("2022-08-24")


def test_no_publication_date_leaves_partial_dates_unresolved():
    found = find_dates("Il est venu le 4 novembre, puis mardi.", "fr", None)
    assert [m.value for m in found] == [None, None]


def test_mentions_come_in_text_order_with_offsets():
    text = "Le 4 novembre 2018, hier et depuis 1992."
    found = find_dates(text, "fr", DateValue("2018-11-09"))
    assert [m.text for m in found] == ["Le 4 novembre 2018", "hier", "depuis 1992"]
    assert all(text[m.start:m.end] == m.text for m in found)


def test_sentence_full_stop_is_not_part_of_the_date():
    found = find_dates("Il est arrivé le 4 novembre.", "fr", DateValue("2018-11"))
    assert [m.text for m in found] == ["le 4 novembre"]


def test_unknown_language_says_which_file_to_add():
    with pytest.raises(ValueError, match="data/dates/xx.yml"):
        find_dates("demain", "xx", None)


@pytest.mark.parametrize("head, expected", [
    ("Titre\nPublié le 14 juin 2021 à 10h12\nLe président a reçu...", "2021-06-14"),
    ("Publié le 14 février 2019, mis à jour le 15 février 2019", "2019-02-14"),
    ("21/03/2016 16:42 CET | Actualisé 05/10/2016 04:13 CEST\nTexte", "2016-03-21"),
    ("publié le 10/12/2007 Dernière mise à jour le 11/12/2007 à 09:57", "2007-12-10"),
    ("Publié le Mis à jour le 3 mai 2020\nTexte", "2020-05-03"),
    ("AFP Video • 21/06/2023 à 18:04\n\nLa Première ministre italienne...", "2023-06-21"),
    ("mardi 12 août 2008\n\nNicolas Sarkozy obtient...", "2008-08-12"),
    ("Le 14 février 2003, lors d'un discours à l'ONU, Villepin...", None),
    ("Il s'est rendu le jeudi 5 octobre 2023 à Grenade.", None),
])
def test_publication_date_in_the_page_head(head, expected):
    found = publication_date_in_text(head, "fr")
    assert (found.value if found else None) == expected


def test_publication_date_is_looked_for_only_near_the_top():
    text = "x" * 500 + "\nPublié le 14 juin 2021"
    assert publication_date_in_text(text, "fr") is None
