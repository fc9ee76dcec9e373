"""Reading documents: each input kind, dates, ids, and bad input that never stops a run."""
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sommet.errors import InputError
from sommet.readers import read_paths, url_date

ARTICLE = (
    "Le ministre algérien des Affaires étrangères a reçu jeudi à Alger son homologue "
    "italien pour évoquer la coopération énergétique et la situation en Libye."
)
LONG_ARTICLE = (
    "Le président ghanéen a été accueilli vendredi à Lomé par son homologue togolais. "
    "Les deux dirigeants ont évoqué la sécurité dans la région, la circulation des "
    "marchandises à la frontière et les échanges économiques. Après un déjeuner de travail, "
    "ils ont signé un mémorandum sur la gestion commune des eaux de la Volta, très attendu "
    "par les éleveurs et les pêcheurs des deux rives. « Nous voulons que nos peuples "
    "circulent librement », a déclaré le chef de l'État togolais à l'issue de l'entretien."
)


def read(*paths, **kwargs):
    return list(read_paths([str(p) for p in paths], **kwargs))


def write_jsonl(path, *records):
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- text files -----------------------------------------------------------------------

def test_text_file_keeps_text_and_header_and_takes_date_from_header(tmp_path):
    text = f" date 2018-11 {ARTICLE}\n\nSecond paragraphe.\n"
    (tmp_path / "alger.txt").write_text(text, encoding="utf-8")
    [doc] = read(tmp_path / "alger.txt")
    assert doc.id == "alger"
    assert doc.text == text  # header included, so offsets point into the text as given
    assert doc.date.value == "2018-11"
    assert doc.errors == []


def test_header_with_a_day_gives_a_day_date(tmp_path):
    (tmp_path / "a.txt").write_text(f" date 2018-11-04 {ARTICLE}", encoding="utf-8")
    [doc] = read(tmp_path / "a.txt")
    assert doc.date.value == "2018-11-04"
    assert doc.date.precision == "day"


def test_text_without_header_has_no_date(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert read(tmp_path / "a.txt")[0].date is None


def test_windows_1252_text_is_decoded(tmp_path):
    (tmp_path / "ancien.txt").write_bytes(LONG_ARTICLE.encode("cp1252"))
    [doc] = read(tmp_path / "ancien.txt")
    assert doc.text == LONG_ARTICLE
    assert doc.errors == []


# --- JSONL ----------------------------------------------------------------------------

def test_jsonl_fields_and_date_forms(tmp_path):
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        {"id": "m1", "text": ARTICLE, "date": "2018-11", "lang": "fr"},
        {"id": "d1", "text": ARTICLE, "date": "2018-11-04"},
        {"id": "t1", "text": ARTICLE, "date": "2023-10-05T08:15:00+02:00", "url": "https://x.fr/"},
    )
    docs = read(path)
    assert [d.id for d in docs] == ["m1", "d1", "t1"]
    assert [d.date.value for d in docs] == ["2018-11", "2018-11-04", "2023-10-05"]
    assert docs[0].lang == "fr" and docs[2].url == "https://x.fr/"
    assert all(d.text == ARTICLE and d.errors == [] for d in docs)


def test_jsonl_date_from_header_then_from_url(tmp_path):
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        {"id": "h", "text": f" date 2024-06 {ARTICLE}"},
        {"id": "u", "text": ARTICLE, "url": "https://www.elysee.fr/emmanuel-macron/2023/10/05/sommet"},
        {"id": "both", "text": ARTICLE, "date": "2020-01-02", "url": "https://x.fr/2023/10/05/a"},
    )
    assert [d.date.value for d in read(path)] == ["2024-06", "2023-10-05", "2020-01-02"]


def test_malformed_jsonl_line_is_reported_and_the_others_go_on(tmp_path):
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        {"id": "a", "text": ARTICLE},
        '{"id": "b", "text": "coupé',
        {"id": "c", "text": ARTICLE},
    )
    docs = read(path)
    assert [d.id for d in docs][::2] == ["a", "c"]
    assert docs[0].errors == [] and docs[2].errors == []
    assert docs[1].text == ""
    assert docs[1].errors[0].startswith(f"{path}:2: malformed JSON line")


def test_jsonl_record_without_text_or_not_an_object(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", {"id": "x", "body": ARTICLE}, "[1, 2]")
    no_text, not_object = read(path)
    assert no_text.id == "x"
    assert no_text.errors == [f'{path}:1: no "text" field with a string value']
    assert not_object.errors == [f"{path}:2: expected a JSON object, got list"]


def test_jsonl_without_ids_gets_file_and_line_ids(tmp_path):
    path = write_jsonl(tmp_path / "flux.jsonl", {"text": ARTICLE}, "", {"text": ARTICLE})
    assert [d.id for d in read(path)] == ["flux-1", "flux-3"]


def test_jsonl_unreadable_date_is_reported_and_ignored(tmp_path):
    path = write_jsonl(tmp_path / "f.jsonl", {"id": "a", "text": ARTICLE, "date": "hier"})
    [doc] = read(path)
    assert doc.date is None
    assert doc.text == ARTICLE
    assert doc.errors == [f"{path}:1: date 'hier' not understood, ignored"]


# --- HTML -----------------------------------------------------------------------------

PAGE = """<html><head><title>Visite</title>
<meta property="article:published_time" content="2021-06-16T10:00:00Z"></head>
<body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>Le président ghanéen à Lomé</h1><p>{article}</p></article>
<footer>Mentions légales</footer></body></html>"""


def test_html_page_gives_main_text_and_publication_date(tmp_path):
    (tmp_path / "page.html").write_text(PAGE.format(article=LONG_ARTICLE), encoding="utf-8")
    [doc] = read(tmp_path / "page.html")
    assert doc.id == "page"
    assert "accueilli vendredi à Lomé" in doc.text
    assert "Mentions légales" not in doc.text
    assert doc.date.value == "2021-06-16"


def test_broken_html_page_is_an_error(tmp_path):
    (tmp_path / "cassee.htm").write_text("<html><body><div", encoding="utf-8")
    [doc] = read(tmp_path / "cassee.htm")
    assert doc.text == ""
    assert doc.errors == [f"{tmp_path / 'cassee.htm'}: no article text found in this HTML page"]


# --- directories, several paths, ids --------------------------------------------------

def test_directory_is_read_recursively_sorted_with_known_suffixes_only(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    write_jsonl(tmp_path / "c.jsonl", {"id": "c1", "text": ARTICLE})
    (tmp_path / "notes.md").write_text("# pas un article", encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    assert [d.id for d in read(tmp_path)] == ["a", "z", "c1"]


def test_several_paths_keep_input_order_and_ids_stay_unique(tmp_path):
    for folder in ("un", "deux"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "depeche.txt").write_text(ARTICLE, encoding="utf-8")
    docs = read(tmp_path / "un" / "depeche.txt", tmp_path / "deux" / "depeche.txt")
    assert [d.id for d in docs] == ["depeche", "depeche-2"]
    assert docs[1].source.endswith("deux/depeche.txt")


def test_missing_path_raises_input_error_before_reading_anything(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(InputError, match="introuvable.txt: no such file or directory"):
        read_paths([str(tmp_path / "a.txt"), str(tmp_path / "introuvable.txt")])


# --- standard input -------------------------------------------------------------------

def test_stdin_jsonl_stream():
    lines = [json.dumps({"id": f"s{i}", "text": ARTICLE}) for i in range(3)]
    stream = io.BytesIO(("\n" + "\n".join(lines) + "\n").encode("utf-8"))
    docs = list(read_paths(["-"], stdin=stream))
    assert [d.id for d in docs] == ["s0", "s1", "s2"]
    assert all(d.text == ARTICLE for d in docs)


def test_stdin_plain_text_is_one_document_with_its_header_date():
    text = f" date 2023-10-05 {ARTICLE}\n\n{{pas du JSON}}\n"
    [doc] = read_paths(["-"], stdin=io.StringIO(text))
    assert doc.id == "stdin"
    assert doc.text == text
    assert doc.date.value == "2023-10-05"


def test_stdin_mixed_with_files(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    docs = list(read_paths([str(tmp_path / "a.txt"), "-"], stdin=io.BytesIO(ARTICLE.encode())))
    assert [d.id for d in docs] == ["a", "stdin"]


# --- bad input ------------------------------------------------------------------------

def test_empty_file(tmp_path):
    (tmp_path / "vide.txt").write_text("  \n\n", encoding="utf-8")
    [doc] = read(tmp_path / "vide.txt")
    assert doc.errors == [f"{tmp_path / 'vide.txt'}: empty document"]


def test_text_without_words(tmp_path):
    (tmp_path / "ponctuation.txt").write_text("!!! ... ??? --- 2024 ***\n", encoding="utf-8")
    [doc] = read(tmp_path / "ponctuation.txt")
    assert doc.errors == [f"{tmp_path / 'ponctuation.txt'}: no words, only digits, punctuation or symbols"]


def test_binary_file_with_nul_bytes(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    [doc] = read(tmp_path / "image.txt")
    assert doc.text == ""
    assert doc.errors == [f"{tmp_path / 'image.txt'}: binary content, not text"]


def test_mostly_control_characters_is_binary(tmp_path):
    (tmp_path / "bruit.txt").write_bytes(bytes(range(1, 9)) * 50 + b"un peu de texte")
    [doc] = read(tmp_path / "bruit.txt")
    assert doc.errors == [f"{tmp_path / 'bruit.txt'}: binary content, not text"]


def test_text_over_max_chars_is_dropped_with_a_clear_message(tmp_path):
    (tmp_path / "long.txt").write_text("a" * 1500, encoding="utf-8")
    [doc] = read(tmp_path / "long.txt", max_chars=1000)
    assert doc.text == ""
    assert doc.errors == [
        f"{tmp_path / 'long.txt'}: 1 500 characters, over the --max-chars limit of 1 000"
    ]


def test_huge_file_is_refused_by_its_size(tmp_path):
    (tmp_path / "enorme.txt").write_text("a" * 4_500, encoding="utf-8")
    [doc] = read(tmp_path / "enorme.txt", max_chars=1000)
    assert doc.errors == [
        f"{tmp_path / 'enorme.txt'}: 4 500 bytes, over the --max-chars limit of 1 000 characters"
    ]


def test_jsonl_text_over_max_chars(tmp_path):
    path = write_jsonl(
        tmp_path / "f.jsonl", {"id": "long", "text": "é" * 300}, {"id": "ok", "text": "court"}
    )
    long, ok = read(path, max_chars=200)
    assert long.errors == [f"{path}:1: 300 characters, over the --max-chars limit of 200"]
    assert ok.text == "court" and ok.errors == []


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_no_bytes_on_stdin_make_reading_raise(data):
    docs = list(read_paths(["-"], stdin=io.BytesIO(data)))
    assert docs
    for doc in docs:
        assert doc.errors or doc.text


# --- URL dates ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.elysee.fr/emmanuel-macron/2023/10/05/sommet-a-grenade", "2023-10-05"),
        ("https://www.france24.com/fr/afrique/20210616-visite-a-dakar", "2021-06-16"),
        ("https://www.20minutes.fr/monde/4063259-20231121-guerre-direct", "2023-11-21"),
        ("https://blog.example.org/2021/06/visite-officielle.html", "2021-06"),
        ("https://www.example.org/article/12345.html", None),
        ("https://www.example.org/2021/13/article", None),
    ],
)
def test_url_date_at_its_precision(url, expected):
    found = url_date(url)
    assert (found.value if found else None) == expected


# --- encodings and messages -------------------------------------------------------------

def test_short_latin_1_article_is_decoded_as_latin_1(tmp_path):
    text = " date 2023-06-21\nLe président sénégalais a rencontré mardi à Abidjan son homologue ivoirien.\n"
    (tmp_path / "court.txt").write_bytes(text.encode("latin-1"))
    [doc] = read(tmp_path / "court.txt")
    assert doc.text == text
    assert doc.errors == [] and doc.date.value == "2023-06-21"


def test_windows_1252_quotes_and_euro_sign(tmp_path):
    text = "Le « sommet » de l’OTAN – une aide de 5 millions d’€ à l’Ukraine."
    (tmp_path / "cp.txt").write_bytes(text.encode("cp1252"))
    assert read(tmp_path / "cp.txt")[0].text == text


def test_cyrillic_single_byte_text_is_not_read_as_latin(tmp_path):
    text = "Владимир Путин встретился с Ким Чен Ыном во Владивостоке в четверг."
    (tmp_path / "ru.txt").write_bytes(text.encode("cp1251"))
    [doc] = read(tmp_path / "ru.txt")
    assert doc.errors or doc.text == text
    assert "Ð" not in doc.text and "ð" not in doc.text


def test_malformed_jsonl_line_names_the_column_of_the_problem(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", '{"id": "b", "text": ')
    [doc] = read(path)
    assert doc.errors == [f"{path}:1: malformed JSON line (Expecting value, column 21)"]
