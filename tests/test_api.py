"""The HTTP API over a store built from hand-made results that mirror the seed articles.

No spaCy model here except in the one test marked `model`: the store is filled with
DocResult objects written by hand, and POST /api/extract uses a small fake extractor.
"""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sommet.api import ActorDirectory, create_app
from sommet.cli.serve import exposure_warning, register
from sommet.models import Actor, DateValue, DocResult, Document, Event, Evidence, Place
from sommet.store import Store

# Excerpts of the seed articles, as given (offsets below point into these texts).
SEED000 = " date 2018-11 Le président cubain Miguel Diaz-Canel a rencontré le dirigeant nord-coréen Kim Jong-un le 4 novembre à Pyongyang. Au menu : le renforcement de la coopération bilatérale entre leurs pays, tous deux dans le viseur de Washington.\n\nLe leader nord-coréen Kim Jong-un a reçu le 4 novembre le président cubain Miguel Diaz-Canel à Pyongyang.\n\nLa rencontre, dont le vice-ministre cubain des Affaires étrangères Rogelio Sierra Diaz a diffusé de nombreuses images sur Twitter, a eu lieu «dans une atmosphère de camaraderie et d'amitié», selon l'agence de presse officielle nord-coréenne KCNA. Cuba et la Corée du Nord, qui depuis de nombreuses années subissent toutes deux sanctions et blocus de la part des Etats-Unis, ont affiché leur volonté de renforcer leur coopération bilatérale.\n\nLes deux dirigeants ont plaidé en faveur du développement de partenariats et d'échanges entre leurs pays, dans divers domaines comme l'économie, la culture, la santé publique, la science et la technologie.\n\nToujours selon l'agence nord-coréenne, les deux hommes ont en outre exprimé leur soutien et leur solidarité réciproque, tout en échangeant des points de vue sur la situation internationale.\n\nVisita oficial del Presidente de #Cuba🇨🇺 @DiazCanelB a la República Popular Democrática de Corea🇰🇵 Fotos: Estud"

SEED001 = 'Miguel Diaz-Canel, président cubain qui effectue sa première visite en Russie depuis son arrivée au pouvoir en avril, a réaffirmé vendredi au Kremlin leurs liens « d’alliés stratégiques » au moment où Washington menace La Havane de nouvelles sanctions.\nLorsque Miguel Diaz-Canel a succédé à Raul Castro en avril, Vladimir Poutine s’était dit « prêt à travailler ensemble de manière étroite pour renforcer davantage le pa'

SEED002 = ' date 2024-06 Photo : YONHAP News\n\nLes yeux étaient rivés vers Pyongyang aujourd’hui, puisque le sommet entre les dirigeants nord-coréen et russe s’est tenu, cet après-midi, au palais du soleil de Kumsusan.A cette occasion, Kim Jong-un a fait part de sa forte volonté de renforcer la coopération stratégique entre la Corée du Nord et la Russie et d’accorder un soutien total à la politique de cette dernière. Il a souligné que son régime continuerait de consolider sa communication stratégique avec Moscou et ses hauts officiels, alors que la conjoncture mondiale change rapidement et devient de plus en plus compliquée. Avant d’ajouter que la venue de Vladimir Poutine devrait rendre plus solide l’a'

SEED003 = ',\n\nVenezuela : quand Maduro se rapproche de Kim Jong-Un\n\nUne visite surprise. En effet, Diosdado Cabello, proche du président vénézuélien Nicolas Maduro, s’est fait remarquer cette semaine en participant à une visite officielle, du côté de la Corée du Nord. Une information confirmée jeudi par l’agence de presse officielle de régime communiste nord-coréen, KCNA.\n\nAu cours de cette visite, Diosdado Cabello a remis une lettre au président nord-coréen, lettre écrite par Maduro lui-même, ainsi qu’un petit cadeau, signe des bonnes ententes entre les deux nations. Cette remise de présents a eu lieu à l’occasion d’une rencontre organisée entre la délégation vénézuélienne et leurs homologues nord-coréens, représentés par Choe Ryong Hae, chef du Parlement.\n\nPublicité\n\nUne rencontre Vénézuéla-Corée du Nord\n\nAu cours de cette réunion, les deux nations ont confirmé vouloir étendre leur collaboration sur de nombreux thèmes. Les entretiens, qui se sont déroulés dans une atmosphère amicale, ont donné lieu à d’importants échanges entre les représentants des deux nations, qui ont notamment pu discuter des pressions américaines. En effet, mardi dernier, Washington a une nouvelle fois accentué ses sanctions à l’encontre du gouvernement vénézuélien, prenant par exemple une série de mesures contre PDVSA, compagnie pétrolière nationale.\n\nPyongyang ouvre la porte aux négociations\n\nDe l’autre côté, Was'

SEED004 = "Overblog\nEditer l'article Suivre ce blog Administration + Créer mon blog\n14 septembre 2023 4 14 /09 /septembre /2023 20:12\n\nLe 13 septembre 2023, Kim Jong-un, secrétaire général du Parti du travail de Corée et président des affaires d'Etat de la République populaire démocratique de Corée (RPDC, Corée du Nord), a rencontré Vladimir Poutine, président de la Fédération de Russie, au cosmodrome de Vostotchny, dans l'Extrême-Orient russe. Le choix de la Russie pour le premier déplacement à l'étranger du dirigeant nord-coréen après la réouverture des frontières de la RPDC, à l'issue de la pandémie liée au Covid-19,\xa0traduit la volonté des deux pays de renforcer leur alliance traditionnelle. Le président russe a par ailleurs répondu favorablement à l'invitat"

HOSTILE = ("<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> "
           "<b>texte en gras</b>\n\n")

PYONGYANG = Place("Pyongyang", "PRK", 39.03, 125.75)
VOSTOCHNY = Place("cosmodrome de Vostotchny", "RUS", 51.88, 128.33)
KREMLIN = Place("Kremlin", "RUS", 55.75, 37.62)


def actor(country: str, name: str | None = None, role: str | None = None) -> Actor:
    return Actor(country, name, role, "GOV")


def event(text: str, evidence: str, type_: str, source: Actor, target: Actor, date: str | None,
          place: Place | None = None, confidence: float = 0.8, mode: str | None = None) -> Event:
    start = text.index(evidence)
    return Event(type_, source, target, Evidence(evidence, start, start + len(evidence)), mode=mode,
                 date=DateValue.parse(date), location=place, confidence=confidence)


def document(id_: str, text: str, date: str, url: str) -> Document:
    return Document(id_, text, DateValue.parse(date), url, "fr", f"{id_}.txt")


def seed_results() -> list[DocResult]:
    """Five articles: Cuba and Russia meet North Korea, Washington sanctions and threatens."""
    cub, prk, rus = actor("CUB", "Miguel Diaz-Canel", "head of state"), actor("PRK", "Kim Jong-un", "head of state"), actor("RUS", "Vladimir Poutine", "head of state")
    usa = actor("USA")
    hostile = HOSTILE + SEED003
    return [
        DocResult(document("seed000", SEED000, "2018-11", "https://www.lesnouvelles.example/cuba-coree"), [
            event(SEED000, "Le leader nord-coréen Kim Jong-un a reçu le 4 novembre le président cubain Miguel Diaz-Canel à Pyongyang.",
                  "CONSULT", cub, prk, "2018-11-04", PYONGYANG, 0.9, "visit"),
            event(SEED000, "les deux hommes ont en outre exprimé leur soutien et leur solidarité réciproque",
                  "SUPPORT", cub, prk, "2018-11-04", PYONGYANG, 0.6),
            event(SEED000, "subissent toutes deux sanctions et blocus de la part des Etats-Unis",
                  "SANCTION", usa, actor("PRK"), None, None, 0.5),
        ]),
        DocResult(document("seed001", SEED001, "2018-11-02", "https://journal.example/cuba-russie"), [
            event(SEED001, "a réaffirmé vendredi au Kremlin leurs liens « d’alliés stratégiques »",
                  "CONSULT", cub, rus, "2018-11-02", KREMLIN, 0.8, "visit"),
            event(SEED001, "au moment où Washington menace La Havane de nouvelles sanctions",
                  "THREATEN", usa, actor("CUB"), "2018-11-02", None, 0.7),
        ]),
        DocResult(document("seed002", SEED002, "2024-06-19", "https://coree.example/sommet"), [
            event(SEED002, "le sommet entre les dirigeants nord-coréen et russe s’est tenu, cet après-midi, au palais du soleil de Kumsusan",
                  "CONSULT", rus, prk, "2024-06-19", PYONGYANG, 0.85, "visit"),
            event(SEED002, "Kim Jong-un a fait part de sa forte volonté de renforcer la coopération stratégique entre la Corée du Nord et la Russie",
                  "SUPPORT", prk, rus, "2024-06-19", PYONGYANG, 0.75),
        ]),
        DocResult(document("seed003", hostile, "2018-08", "https://www.amerique.example/venezuela"), [
            event(hostile, "Washington a une nouvelle fois accentué ses sanctions à l’encontre du gouvernement vénézuélien",
                  "SANCTION", usa, actor("VEN"), "2018-08", None, 0.8),
        ]),
        DocResult(document("seed004", SEED004, "2023-09-14", "https://blog.example/kim-vostotchny"), [
            event(SEED004, "a rencontré Vladimir Poutine, président de la Fédération de Russie, au cosmodrome de Vostotchny",
                  "CONSULT", prk, rus, "2023-09-13", VOSTOCHNY, 0.9, "visit"),
        ]),
    ]


class FakeKnowledgeBase:
    """Just enough of the knowledge base for names and aliases."""

    def __init__(self) -> None:
        def country(*names: str, demonyms: tuple = ()) -> SimpleNamespace:
            return SimpleNamespace(names={"fr": list(names)}, demonyms={"fr": list(demonyms)})

        self.countries = {
            "CUB": country("Cuba", demonyms=("cubain",)), "PRK": country("Corée du Nord", "RPDC", demonyms=("nord-coréen",)),
            "RUS": country("Russie", "Fédération de Russie", demonyms=("russe",)), "USA": country("États-Unis", demonyms=("américain",)),
            "VEN": country("Venezuela", demonyms=("vénézuélien",)),
        }
        self.igos: dict = {}
        self.people = {"Kim Jong-un": ["Kim Jong-Un", "Kim Jong Un", "le leader nord-coréen"],
                       "Vladimir Poutine": ["Poutine", "Vladimir Putin"], "Miguel Diaz-Canel": ["Díaz-Canel"]}

    def person(self, name: str, date: object) -> SimpleNamespace | None:
        aliases = self.people.get(name)
        return SimpleNamespace(canonical=name, aliases=aliases) if aliases else None


def fake_extractor(doc: Document) -> DocResult:
    """Reads 'X rencontre Y' sentences only; enough to see the endpoint at work."""
    evidence = "Le président cubain a rencontré Kim Jong-un."
    events = []
    if evidence in doc.text:
        events.append(event(doc.text, evidence, "CONSULT", actor("CUB"), actor("PRK"), doc.date.value if doc.date else None))
    return DocResult(doc, events)


def seed_store_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'seeds.db'}"
    summary = Store.open(url).ingest(seed_results())
    assert summary.failures == []
    return url


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    return seed_store_url(tmp_path_factory.mktemp("store"))


@pytest.fixture(scope="module")
def client(store_url) -> TestClient:
    app = create_app(store_url, extractor=fake_extractor, names=ActorDirectory(FakeKnowledgeBase()))
    return TestClient(app, raise_server_exceptions=False)


def items(client: TestClient, path: str, **params) -> list[dict]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def pairs(events: list[dict]) -> set[tuple[str, str, str]]:
    return {(e["type"], e["source"]["country"], e["target"]["country"]) for e in events}


# ---------------------------------------------------------------- events

def test_events_lists_every_stored_event_newest_first(client):
    body = client.get("/api/events").json()
    assert body["total"] == 9 and len(body["items"]) == 9
    assert body["items"][0]["date"] == "2024-06-19"
    assert body["items"][-1]["date"] is None
    assert body["next_offset"] is None


def test_events_pages_follow_each_other_without_overlap(client):
    first = client.get("/api/events", params={"limit": 4}).json()
    second = client.get("/api/events", params={"limit": 4, "offset": first["next_offset"]}).json()
    third = client.get("/api/events", params={"limit": 4, "offset": second["next_offset"]}).json()
    ids = [e["id"] for page in (first, second, third) for e in page["items"]]
    assert len(ids) == len(set(ids)) == 9
    assert first["next_offset"] == 4 and third["next_offset"] is None


@pytest.mark.parametrize("params, expected", [
    ({"actor": "VEN"}, {("SANCTION", "USA", "VEN")}),
    ({"actor": "cub", "type": "THREATEN"}, {("THREATEN", "USA", "CUB")}),
    ({"dyad": "PRK-CUB"}, {("CONSULT", "CUB", "PRK"), ("SUPPORT", "CUB", "PRK")}),
    ({"dyad": "RUS-PRK", "type": "consult"}, {("CONSULT", "RUS", "PRK"), ("CONSULT", "PRK", "RUS")}),
    ({"type": "SANCTION"}, {("SANCTION", "USA", "PRK"), ("SANCTION", "USA", "VEN")}),
    ({"since": "2023", "until": "2023-12"}, {("CONSULT", "PRK", "RUS")}),
    ({"since": "2024-06-19"}, {("CONSULT", "RUS", "PRK"), ("SUPPORT", "PRK", "RUS")}),
    ({"until": "2018-09-30"}, {("SANCTION", "USA", "VEN")}),
    ({"min_confidence": 0.9}, {("CONSULT", "CUB", "PRK"), ("CONSULT", "PRK", "RUS")}),
])
def test_each_event_filter_keeps_only_matching_events(client, params, expected):
    assert pairs(items(client, "/api/events", **params)) == expected


def test_event_detail_gives_reports_whose_evidence_is_in_the_document(client):
    consult = items(client, "/api/events", dyad="CUB-PRK", type="CONSULT")[0]
    detail = client.get(f"/api/events/{consult['id']}").json()
    report = detail["reports"][0]
    text = client.get(f"/api/documents/{report['document']}").json()["text"]
    evidence = report["evidence"]
    assert text[evidence["start"]:evidence["end"]] == evidence["text"]
    assert evidence["text"].startswith("Le leader nord-coréen Kim Jong-un a reçu le 4 novembre")
    assert detail["location"]["name"] == "Pyongyang"


# ---------------------------------------------------------------- documents, actors, dyads

def test_documents_are_listed_without_text_and_shown_with_it(client):
    docs = items(client, "/api/documents")
    assert [d["id"] for d in docs][:2] == ["seed002", "seed004"]
    assert all("text" not in d for d in docs)
    one = client.get("/api/documents/seed003").json()
    assert one["text"].startswith("<script>") and one["reports"][0]["type"] == "SANCTION"


def test_documents_filter_by_publication_period(client):
    assert {d["id"] for d in items(client, "/api/documents", since="2018", until="2018")} == {"seed000", "seed001", "seed003"}


@pytest.mark.parametrize("q, expected", [
    ("coree", {("PRK", "Kim Jong-un"), ("PRK", None)}),
    ("Putin", {("RUS", "Vladimir Poutine")}),
    ("cubain", {("CUB", None)}),
    ("diaz", {("CUB", "Miguel Diaz-Canel")}),
    ("Madagascar", set()),
])
def test_actor_search_looks_at_names_countries_and_aliases(client, q, expected):
    assert {(a["country"], a["name"]) for a in items(client, "/api/actors", q=q)} == expected


def test_actors_show_roles_and_aliases_and_filter_by_country(client):
    russians = items(client, "/api/actors", country="RUS")
    poutine = next(a for a in russians if a["name"])
    assert {a["country"] for a in russians} == {"RUS"}
    assert poutine["role"] == "head of state" and "Poutine" in poutine["aliases"]


def test_dyads_count_events_per_pair_with_a_balance(client):
    dyads = {tuple(d["actors"]): d for d in items(client, "/api/dyads")}
    assert dyads[("PRK", "RUS")]["events"] == 3 and dyads[("PRK", "RUS")]["balance"] == 1.0
    assert dyads[("USA", "VEN")]["balance"] == -1.0
    assert set(dict(items(client, "/api/dyads", since="2024")[0]).get("actors")) == {"PRK", "RUS"}


# ---------------------------------------------------------------- timeline and network

def test_timeline_counts_a_pair_per_month_and_type(client):
    body = client.get("/api/timeline", params={"a": "PRK", "b": "RUS"}).json()
    assert [(row["period"], row["types"]) for row in body["items"]] == [
        ("2023-09", {"CONSULT": 1}), ("2024-06", {"CONSULT": 1, "SUPPORT": 1})]
    yearly = client.get("/api/timeline", params={"a": "PRK", "b": "RUS", "by": "year"}).json()
    assert [row["period"] for row in yearly["items"]] == ["2023", "2024"]


def test_network_has_cuba_and_russia_linked_to_north_korea(client):
    network = client.get("/api/network").json()
    edges = {edge["id"]: edge for edge in network["edges"]}
    assert edges["CUB-PRK"]["types"] == {"CONSULT": 1, "SUPPORT": 1}
    assert edges["PRK-RUS"]["count"] == 3 and edges["CUB-USA"]["balance"] == -1.0
    nodes = {node["id"]: node for node in network["nodes"]}
    assert nodes["PRK"]["events"] == 6 and nodes["PRK"]["name"] == "Corée du Nord"


def test_network_of_a_period_leaves_other_years_out(client):
    network = client.get("/api/network", params={"since": "2018", "until": "2018-12"}).json()
    assert {edge["id"] for edge in network["edges"]} == {"CUB-PRK", "CUB-RUS", "CUB-USA", "USA-VEN"}


# ---------------------------------------------------------------- reading an article

ARTICLE = "La Havane, 2018. Le président cubain a rencontré Kim Jong-un. Rien d'autre."


def test_extract_returns_the_events_of_a_json_article_without_storing_them(client):
    before = client.get("/api/events").json()["total"]
    response = client.post("/api/extract", json={"text": ARTICLE, "date": "2018-11", "lang": "fr"})
    assert response.status_code == 200
    body = response.json()
    assert body["date"] == "2018-11" and body["errors"] == []
    [found] = body["events"]
    assert (found["type"], found["source"]["country"], found["target"]["country"]) == ("CONSULT", "CUB", "PRK")
    assert ARTICLE[found["evidence"]["start"]:found["evidence"]["end"]] == found["evidence"]["text"]
    assert client.get("/api/events").json()["total"] == before


def test_extract_reads_a_plain_text_body_with_date_in_the_query(client):
    response = client.post("/api/extract", params={"date": "2018-11-04"}, content=ARTICLE.encode(),
                           headers={"Content-Type": "text/plain; charset=utf-8"})
    assert response.status_code == 200
    assert response.json()["events"][0]["date"] == "2018-11-04"


BAD_ARTICLES = [
    ("too large", {"json": {"text": "a" * 300_000}}, 413, "too_large"),
    ("not text", {"content": b"\xff\xd8\xff\xe0JFIF", "headers": {"Content-Type": "text/plain"}}, 415, "unsupported_media_type"),
    ("NUL bytes", {"content": b"abc\x00def", "headers": {"Content-Type": "text/plain"}}, 415, "unsupported_media_type"),
    ("binary type", {"content": b"abc", "headers": {"Content-Type": "application/octet-stream"}}, 415, "unsupported_media_type"),
    ("form", {"data": {"text": "abc"}}, 415, "unsupported_media_type"),
    ("broken JSON", {"content": b'{"text": ', "headers": {"Content-Type": "application/json"}}, 400, "bad_request"),
    ("JSON list", {"json": ["text"]}, 422, "invalid_parameter"),
    ("no text", {"json": {"date": "2018-11"}}, 422, "invalid_parameter"),
    ("empty text", {"json": {"text": ""}}, 422, "invalid_parameter"),
    ("text not a string", {"json": {"text": 42}}, 422, "invalid_parameter"),
    ("bad date", {"json": {"text": "abc", "date": "4 novembre"}}, 422, "invalid_parameter"),
    ("impossible date", {"json": {"text": "abc", "date": "2018-02-30"}}, 422, "invalid_parameter"),
    ("bad lang", {"json": {"text": "abc", "lang": "français"}}, 422, "invalid_parameter"),
    ("unknown field", {"json": {"text": "abc", "html": "<b>"}}, 422, "invalid_parameter"),
]


@pytest.mark.parametrize("why, request_args, status, code", BAD_ARTICLES, ids=[b[0] for b in BAD_ARTICLES])
def test_extract_rejects_bad_input_with_a_clear_4xx(client, why, request_args, status, code):
    response = client.post("/api/extract", **request_args)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_read_only_server_refuses_to_store_documents(client):
    response = client.post("/api/documents", json={"text": ARTICLE})
    assert response.status_code == 403
    assert "read-only" in response.json()["error"]["message"]


def test_writable_server_stores_a_posted_article(tmp_path):
    app = create_app(f"sqlite:///{tmp_path / 'w.db'}", read_only=False, extractor=fake_extractor,
                     names=ActorDirectory(FakeKnowledgeBase()))
    writable = TestClient(app)
    response = writable.post("/api/documents", json={"text": ARTICLE, "id": "posted", "date": "2018-11"})
    assert response.status_code == 201
    assert [e["document"] for e in writable.get("/api/events").json()["items"]] == ["posted"]


@pytest.mark.model
def test_extract_with_the_real_pipeline_finds_the_visit(store_url):
    app = create_app(store_url, names=ActorDirectory(FakeKnowledgeBase()))
    text = SEED000[: SEED000.index("La rencontre")]
    response = TestClient(app).post("/api/extract", json={"text": text, "date": "2018-11"})
    assert response.status_code == 200
    found = {(e["type"], e["source"]["country"], e["target"]["country"]) for e in response.json()["events"]}
    assert ("CONSULT", "CUB", "PRK") in found


# ---------------------------------------------------------------- one error shape

BAD_REQUESTS = [
    ("GET", "/api/events?limit=0", 422), ("GET", "/api/events?limit=100000", 422),
    ("GET", "/api/events?offset=-1", 422), ("GET", "/api/events?actor=cuba", 422),
    ("GET", "/api/events?dyad=CUB", 422), ("GET", "/api/events?dyad=CUB-PRK-RUS", 422),
    ("GET", "/api/events?type=VISIT", 422), ("GET", "/api/events?since=novembre", 422),
    ("GET", "/api/events?until=2018-13", 422), ("GET", "/api/events?since=2019&until=2018", 422),
    ("GET", "/api/events?min_confidence=2", 422), ("GET", "/api/events?min_confidence=high", 422),
    ("GET", "/api/events/e0000", 404), ("GET", "/api/documents/nothing", 404),
    ("GET", "/api/documents?since=2018-00", 422), ("GET", "/api/actors?country=xx", 422),
    ("GET", "/api/actors?q=", 422), ("GET", "/api/dyads?until=yesterday", 422),
    ("GET", "/api/timeline?a=CUB", 422), ("GET", "/api/timeline?a=CUB&b=PRK&by=week", 422),
    ("GET", "/api/timeline?a=CUB&b=North", 422), ("GET", "/api/network?since=20", 422),
    ("GET", "/api/nothing-here", 404), ("DELETE", "/api/events", 405),
    ("GET", "/api/extract", 405), ("POST", "/api/extract", 415),
]


@pytest.mark.parametrize("method, path, status", BAD_REQUESTS, ids=[f"{m} {p}" for m, p, _ in BAD_REQUESTS])
def test_every_error_has_the_same_shape(client, method, path, status):
    response = client.request(method, path)
    assert response.status_code == status
    body = response.json()
    assert list(body) == ["error"]
    assert set(body["error"]) == {"status", "code", "message", "details"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_validation_errors_name_the_parameter(client):
    error = client.get("/api/events", params={"limit": 0}).json()["error"]
    assert error["details"][0]["loc"] == "query.limit"
    assert "limit" in error["message"]


def test_unexpected_failures_keep_the_error_shape_and_hide_internals(store_url):
    def broken(doc):
        raise RuntimeError("secret internal state")

    app = create_app(store_url, extractor=broken, names=ActorDirectory(FakeKnowledgeBase()))
    response = TestClient(app, raise_server_exceptions=False).post("/api/extract", json={"text": "abc"})
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert "secret" not in response.text


# ---------------------------------------------------------------- page and safety

@pytest.mark.parametrize("path", ["/", "/api/events", "/static/app.js", "/api/nothing-here"])
def test_responses_carry_a_content_security_policy_without_inline_scripts(client, path):
    policy = client.get(path).headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy


def test_the_page_loads_only_its_own_scripts(client):
    page = client.get("/").text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert scripts and all('src="/static/' in attrs and body.strip() == "" for attrs, body in scripts)
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page


@pytest.mark.parametrize("path", [
    "/static/vendor/cytoscape/cytoscape.min.js", "/static/vendor/topojson-client/topojson-client.min.js",
    "/static/vendor/world-atlas/countries-110m.json", "/static/style.css",
])
def test_the_page_needs_no_network_its_libraries_are_served_locally(client, path):
    response = client.get(path)
    assert response.status_code == 200 and len(response.content) > 1000


def test_the_script_never_writes_html(client):
    script = client.get("/static/app.js").text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


def test_openapi_docs_list_every_endpoint(client):
    assert client.get("/docs").status_code == 200
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/api/events", "/api/events/{event_id}", "/api/documents", "/api/documents/{doc_id}",
            "/api/actors", "/api/dyads", "/api/timeline", "/api/network", "/api/extract"} <= paths


# ---------------------------------------------------------------- sommet serve

@pytest.mark.parametrize("host, warns", [
    ("127.0.0.1", False), ("localhost", False), ("::1", False), ("0.0.0.0", True), ("192.168.1.20", True),
])
def test_serving_beyond_this_machine_prints_a_warning(host, warns):
    assert (exposure_warning(host) is not None) == warns


def test_serve_command_offers_host_port_and_db():
    app = typer.Typer()
    register(app)
    app.command("version")(lambda: None)
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--db", "--write"):
        assert option in result.output
