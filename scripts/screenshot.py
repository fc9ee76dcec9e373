"""Make docs/screenshot.png: the dashboard over a store, opened on one relation.

    python scripts/screenshot.py --db seeds.db [--pair CUB-PRK] [--out docs/screenshot.png]

The store is built beforehand, e.g. from the seed articles:
    sommet extract ../shared/seeds/ > seeds.jsonl && sommet store ingest seeds.jsonl --db seeds.db
Serves the app on a free loopback port, drives Debian's Chromium with Playwright, selects
the pair's edge so its evidence sentences show, and saves a full-page PNG.
"""
from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: str) -> tuple[object, str]:
    import uvicorn

    from sommet.api import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("the server did not start within 30 s")
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}/"


def capture(url: str, pair: str, out: Path, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.wait_for_selector("body[data-ready=true]", timeout=30000)
        edge = page.locator(f'#edge-list button[data-pair="{pair}"]')
        if edge.count():
            edge.click()
            page.locator("#details-body .event-card mark").first.wait_for(timeout=30000)
        else:
            print(f"no {pair} relation in this store; the page is shown with nothing selected")
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=True)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sommet.db", help="store URL or SQLite file")
    parser.add_argument("--pair", default="CUB-PRK", help="relation to open, as in the edge list")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshot.png"))
    parser.add_argument("--chromium", default=CHROMIUM, help="Chromium executable")
    args = parser.parse_args()
    server, url = start_server(args.db)
    try:
        capture(url, args.pair, args.out, args.chromium)
    finally:
        server.should_exit = True
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
