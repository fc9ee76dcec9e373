"""Document language and masking of lines in another language (lingua, a short list)."""
import subprocess
import sys

import pytest

from sommet.language import LanguageDetector, default_detector, detect, mask_foreign

FRENCH = (
    "Le président sénégalais a été reçu mardi à Abidjan par son homologue ivoirien. "
    "Les deux dirigeants ont évoqué la sécurité dans le Sahel et la coopération économique "
    "entre leurs pays, avant de signer un accord sur les transports."
)
ENGLISH = (
    "The Senegalese president was received on Tuesday in Abidjan by his Ivorian counterpart. "
    "The two leaders discussed security in the Sahel and economic cooperation between their "
    "countries before signing a transport agreement."
)
SPANISH_TWEET = (
    "Hoy hemos firmado con el presidente de Colombia un acuerdo histórico para la paz y el "
    "desarrollo de nuestros pueblos #Venezuela @presidencia"
)
SECOND_SPANISH_TWEET = (
    "Gracias a todos los que hicieron posible esta visita, seguimos trabajando juntos por "
    "nuestra región"
)


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return default_detector()


def test_french_document(detector):
    assert detector.detect(FRENCH) == "fr"


def test_english_document(detector):
    assert detector.detect(ENGLISH) == "en"


def test_too_short_text_has_no_language(detector):
    assert detector.detect("Kim Jong-un") is None


def test_spanish_tweets_inside_a_french_article_are_masked(detector):
    text = f"{FRENCH}\n\n{SPANISH_TWEET}\n\n{FRENCH}\n{SECOND_SPANISH_TWEET}\n"
    masked = detector.mask_foreign(text, "fr")
    blank = " " * len(SPANISH_TWEET)
    assert masked == f"{FRENCH}\n\n{blank}\n\n{FRENCH}\n{' ' * len(SECOND_SPANISH_TWEET)}\n"


@pytest.mark.parametrize(
    "line",
    [
        "Barack Obama et Raul Castro au palais de la Révolution, à La Havane, lundi 21 mars 2016.",
        "Miguel Diaz-Canel et Kim Jong-un à Pyongyang",  # names only: uncertain, kept
        "Merci Mr President",  # short: kept
        "Hibya Haber Ajansı France News Agency",
    ],
)
def test_french_lines_with_foreign_names_and_short_lines_are_kept(detector, line):
    text = f"{FRENCH}\n{line}\n{FRENCH}"
    assert detector.mask_foreign(text, "fr") == text


def test_an_english_document_keeps_its_english_lines(detector):
    text = f"{ENGLISH}\n{ENGLISH}"
    assert detector.mask_foreign(text, "en") == text


def test_a_language_outside_the_list_masks_nothing(detector):
    text = f"{FRENCH}\n{SPANISH_TWEET}"
    assert detector.mask_foreign(text, "nl") == text


def test_module_functions_use_the_shared_detector():
    assert detect(FRENCH) == "fr"
    assert mask_foreign(f"{FRENCH}\n{SPANISH_TWEET}", "fr") == f"{FRENCH}\n{' ' * len(SPANISH_TWEET)}"


def test_nothing_is_loaded_at_import():
    code = "import sys, sommet.language; print('lingua' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_document_quoting_a_few_words_of_another_language_keeps_its_own(detector):
    text = ("El presidente del Gobierno recibió ayer en Madrid a su homólogo francés, con quien habló "
            "de la cooperación entre los dos países y de la crisis en Oriente Próximo. « C'est une "
            "visite pour l'avenir », dijo el mandatario francés al salir de la reunión con los periodistas.")
    assert detector.detect(text) == "es"
