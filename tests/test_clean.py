"""Furniture masking: offsets kept, furniture masked, article sentences kept."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sommet.clean import mask_furniture

BEFORE = "Le Premier ministre malien a reçu lundi à Bamako une délégation de la Cédéao."
AFTER = "Les deux parties ont convenu de se retrouver à Abuja le mois prochain."


def blank(text: str) -> str:
    return "".join(c if c in "\r\n" else " " for c in text)


def masked_lines(text: str) -> list[str]:
    """The lines of `text` that masking changed, stripped of their masked part."""
    masked = mask_furniture(text, "fr")
    assert len(masked) == len(text)
    return [a for a, b in zip(text.split("\n"), masked.split("\n")) if a != b]


@pytest.mark.parametrize(
    "furniture",
    [
        "Publicité",
        "(Publicité)",
        "Lire aussi : Au Niger, la junte ferme sa frontière avec le Bénin",
        ">> A LIRE AUSSI - Le Togo et le Ghana signent un accord",
        "• À lire aussi: la Cédéao réunie en urgence",
        "Voir aussi | Dakar accueille un forum sur la paix",
        "Partager cet article",
        "Partager :",
        "12 commentaires",
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
        "Overblog",
        "Editer l'article Suivre ce blog Administration + Créer mon blog",
        "3 mars 2022 4 03 /03 /mars /2022 09:41",
        "Photo : AFP / Issouf Sanogo",
        "(Photo : Reuters)",
        "Crédit photo © Reuters",
        "Skip to main content",
        "En poursuivant votre navigation, vous acceptez l'utilisation de cookies.",
        "J'accepte",
        "Vidéo suivante dans 5 secondes",
        "Suivez-nous sur Telegram pour ne rien manquer",
        "Publié le 14 juin 2021",
        "Hoy firmamos un acuerdo histórico pic.twitter.com/Ab12Cd34Ef",
        "— Ministère des Affaires étrangères (@francediplo) 4 novembre 2018",
        "— UN News (@UN_News) March 21, 2016",
    ],
)
def test_furniture_line_is_masked_and_the_sentences_around_it_kept(furniture):
    text = f"{BEFORE}\n{furniture}\n{AFTER}\n"
    assert mask_furniture(text, "fr") == f"{BEFORE}\n{blank(furniture)}\n{AFTER}\n"


def test_date_header_is_masked_and_the_first_sentence_kept():
    text = f" date 2018-11-04 {BEFORE}\n{AFTER}"
    masked = mask_furniture(text, "fr")
    assert masked == " " * len(" date 2018-11-04") + f" {BEFORE}\n{AFTER}"


def test_read_also_heading_masks_the_teaser_title_on_the_next_line():
    text = f"{BEFORE}\n\nA lire aussi\nLa Guinée rappelle son ambassadeur\n\n{AFTER}"
    assert masked_lines(text) == ["A lire aussi", "La Guinée rappelle son ambassadeur"]


def test_read_also_heading_followed_by_a_blank_line_keeps_the_next_paragraph():
    text = f"{BEFORE}\n\nA LIRE AUSSI\n\n{AFTER}"
    assert masked_lines(text) == ["A LIRE AUSSI"]


@pytest.mark.parametrize("marker", ["More Stories", "Laisser un commentaire", "Repost0"])
def test_end_of_page_blocks_are_masked_to_the_end(marker):
    tail = f"{marker}\nLe derby tourne court\nUn week-end pluvieux en vue"
    masked = mask_furniture(f"{BEFORE}\n{AFTER}\n{tail}", "fr")
    assert masked == f"{BEFORE}\n{AFTER}\n{blank(tail)}"


def test_credit_after_a_caption_is_masked_and_the_caption_kept():
    caption = "Le président ivoirien accueille son homologue ghanéen à Abidjan, le 3 mars 2022."
    for credit in (" © Sia Kambou/AFP", " (Photo : Sia Kambou)", " Photo : AFP |"):
        masked = mask_furniture(caption + credit, "fr")
        assert masked == caption + " " * len(credit)


def test_tweet_signature_is_masked_but_a_long_article_line_keeps_its_text():
    tweet = "pic.twitter.com/Zx9Yw8 -- Un Diplomate (@diplo) January 3, 2020 "
    line = f"{BEFORE} {AFTER} " * 4 + tweet + AFTER
    masked = mask_furniture(line, "fr")
    assert masked.startswith(f"{BEFORE} {AFTER}")
    assert masked.rstrip().endswith(AFTER)
    assert "pic.twitter" not in masked and "@diplo" not in masked


def test_links_are_masked_inside_a_sentence():
    text = f"{BEFORE} Le communiqué est en ligne sur https://www.exemple.gouv.ml/communique-42."
    masked = mask_furniture(text, "fr")
    assert masked.startswith(f"{BEFORE} Le communiqué est en ligne sur ")
    assert "exemple" not in masked


def test_menu_of_short_lines_is_masked():
    menu = "Accueil\nPolitique\nÉconomie\nSport\nCulture\nInternational"
    text = f"{menu}\n\n{BEFORE}\n{AFTER}"
    assert mask_furniture(text, "fr") == f"{blank(menu)}\n\n{BEFORE}\n{AFTER}"


@pytest.mark.parametrize(
    "sentence",
    [
        "Partager 1 milliard de doses de vaccins avec les pays africains avant la fin de l'année.",
        "Le ministère n'a pas souhaité faire de commentaires sur cette visite.",
        "La publicité du procès a été demandée par les avocats des diplomates expulsés.",
        "Le régulateur a infligé une amende à la plateforme pour ses cookies publicitaires.",
        "Publié en 2019, le rapport de l'ONU accuse les deux armées de crimes de guerre.",
        "Photo de famille : les chefs d'État de la Cédéao réunis à Abuja ont posé ensemble.",
        "Lire entre les lignes du communiqué n'est pas simple, reconnaît un diplomate.",
        "Les dirigeants ont visité la capitale.\nIls ont rencontré le roi.\nPuis le Premier ministre.",
    ],
)
def test_article_sentences_that_look_like_furniture_are_kept(sentence):
    text = f"{BEFORE}\n{sentence}\n{AFTER}"
    assert mask_furniture(text, "fr") == text


def test_short_list_of_places_in_an_article_is_kept():
    text = f"{BEFORE}\nLes combats touchent :\n- Alep\n- Hama\n- Homs\n{AFTER}"
    assert mask_furniture(text, "fr") == text


def test_language_without_its_own_patterns_uses_the_common_ones():
    text = f"Publicité\nThe minister met his counterpart pic.twitter.com/Ab12Cd34Ef\n{AFTER}"
    masked = mask_furniture(text, "en")
    assert masked.startswith("Publicité\n")  # French label: not furniture in English
    assert "pic.twitter" not in masked and masked.endswith(AFTER)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab é©@#:()-—|.\n\rPLpublicté")), max_size=300))
def test_masking_only_ever_blanks_characters_and_keeps_line_breaks(text):
    masked = mask_furniture(text, "fr")
    assert len(masked) == len(text)
    for original, new in zip(text, masked):
        assert new == original or (new == " " and original not in "\r\n")
