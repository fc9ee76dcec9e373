"""The dashboard in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The page is served by uvicorn in a thread over a store built from hand-made results that
mirror the seed articles (see test_api.py); no spaCy model, no network.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from sommet.api import ActorDirectory, create_app

playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
expect = playwright_api.expect

from test_api import FakeKnowledgeBase, seed_store_url

CHROMIUM = Path(os.environ.get("SOMMET_CHROMIUM", "/usr/bin/chromium"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}: apt-get install chromium"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    import uvicorn

    app = create_app(seed_store_url(tmp_path_factory.mktemp("web")), names=ActorDirectory(FakeKnowledgeBase()))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, offline=False)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(msg.text))
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    page.on("request", lambda req: req.url.startswith(base_url) or page.problems.append(f"outside request {req.url}"))
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=15000)
    yield page
    context.close()


def test_network_shows_cuba_and_russia_linked_to_north_korea(page):
    assert page.locator('#edge-list button[data-pair="CUB-PRK"]').count() == 1
    assert page.locator('#edge-list button[data-pair="PRK-RUS"]').count() == 1
    edges = page.evaluate("window.sommetGraph.edges().map(e => e.id())")
    assert {"CUB-PRK", "PRK-RUS"} <= set(edges)
    assert page.problems == [], "\n".join(page.problems)


def test_opening_an_edge_shows_its_evidence_sentence_highlighted(page):
    page.click('#edge-list button[data-pair="CUB-PRK"]')
    mark = page.locator("#details-body .event-card mark").first
    mark.wait_for(timeout=10000)
    assert mark.inner_text().startswith("Le leader nord-coréen Kim Jong-un a reçu le 4 novembre")
    details = page.locator("#details-body").inner_text()
    assert "lesnouvelles.example" in details and "2018-11" in details
    assert page.locator("#details-body .timeline").inner_text().count("2018-11") == 1


def test_clicking_the_edge_in_the_graph_opens_the_same_relation(page):
    page.evaluate("window.sommetGraph.getElementById('PRK-RUS').emit('tap')")
    page.locator("#details-body .event-card mark").first.wait_for(timeout=10000)
    assert "Kumsusan" in page.locator("#details-body").inner_text()


def test_selecting_a_country_lists_its_partners(page):
    page.evaluate("window.sommetGraph.getElementById('PRK').emit('tap')")
    page.locator("#details-body .partners button").first.wait_for(timeout=10000)
    partners = page.locator("#details-body .partners button").all_inner_texts()
    assert set(partners) == {"Cuba", "Russie", "États-Unis"}


def test_a_document_with_a_script_tag_shows_as_text(page):
    page.click('#edge-list button[data-pair="USA-VEN"]')
    page.locator("#details-body .event-card mark").first.wait_for(timeout=10000)
    page.locator("#details-body details summary").first.click()
    article = page.locator("#details-body .article-text").first.inner_text()
    assert "<script>window.__pwned = 1</script>" in article
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#details-body script, #details-body img, #details-body b").count() == 0


def test_actor_search_finds_a_person_by_alias(page):
    page.fill("#actor-search", "Putin")
    result = page.locator("#actor-results button").first
    result.wait_for(timeout=10000)
    assert "Vladimir Poutine" in result.inner_text()
    result.click()
    expect(page.locator("#events-table tbody tr")).to_have_count(4)
    assert page.locator("#details-title").inner_text() == "Russie"


def test_event_table_filters_and_reports_bad_filters(page):
    page.fill("#event-filters input[name=dyad]", "USA-VEN")
    page.click("#event-filters button[type=submit]")
    expect(page.locator("#events-table tbody tr")).to_have_count(1)
    assert "accentué ses sanctions" in page.locator("#events-table tbody").inner_text()
    page.fill("#event-filters input[name=since]", "novembre")
    page.click("#event-filters button[type=submit]")
    expect(page.locator("#events-error")).to_contain_text("novembre")


def test_time_slider_narrows_the_network_to_a_period(page):
    page.evaluate("""() => {
        const from = document.getElementById('period-from');
        from.value = '2023';
        from.dispatchEvent(new Event('input'));
    }""")
    expect(page.locator("#edge-list button")).to_have_count(1)
    assert page.locator("#edge-list button").get_attribute("data-pair") == "PRK-RUS"
    assert page.locator("#period-label").inner_text() == "2023 – 2024"


def test_map_draws_the_world_and_the_places_of_events(page):
    assert page.locator("#map path.country").count() > 150
    titles = page.evaluate("[...document.querySelectorAll('#map circle.place title')].map(t => t.textContent)")
    assert any(t.startswith("Pyongyang") for t in titles) and any("Vostotchny" in t for t in titles)
    assert page.problems == []
