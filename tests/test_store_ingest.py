"""Ingest: idempotent re-runs, changed documents, failures, and a killed run that resumes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import func, select

from conftest import make_event, make_result, many_results
from sommet.store import Store
from sommet.store.schema import documents, events, reports


def _counts(store: Store) -> tuple[int, int, int]:
    with store.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                     for t in (documents, reports, events))


def test_ingest_twice_stores_nothing_new(store):
    results = many_results(6)
    first = store.ingest(results)
    before = _counts(store), [e["id"] for e in store.events()]
    second = store.ingest(results)
    assert (first.added, first.events) == (6, 12)
    assert (second.added, second.unchanged, second.events) == (0, 6, 0)
    assert (_counts(store), [e["id"] for e in store.events()]) == before


def test_same_url_or_same_text_under_another_id_changes_nothing(store):
    original = make_result("a1", [make_event()], url="https://ex.org/a")
    store.ingest([original])
    same_url = make_result("a1-copy", [make_event()], text=original.document.text,
                           url="https://ex.org/a")
    same_text = make_result("a1-mirror", [make_event()], text=original.document.text)
    summary = store.ingest([same_url, same_text])
    assert summary.unchanged == 2
    assert [d["id"] for d in store.documents()] == ["a1"]


def test_changed_text_replaces_old_events(store):
    store.ingest([make_result("a1", [make_event("CONSULT", "RUS", "PRK")],
                              text="Version une.")])
    summary = store.ingest([make_result("a1", [make_event("SANCTION", "USA", "IRN")],
                                        text="Version deux.")])
    assert summary.replaced == 1
    rows = store.events()
    assert [(e["type"], e["source"]["country"]) for e in rows] == [("SANCTION", "USA")]
    assert store.documents()[0]["events"] == 1
    assert _counts(store) == (1, 1, 1)


def test_changed_text_found_by_url_keeps_the_stored_id(store):
    store.ingest([make_result("a1", [make_event()], text="Avant.", url="https://ex.org/a")])
    store.ingest([make_result("other", [make_event("AID", "FRA", "HTI")], text="Après.",
                              url="https://ex.org/a")])
    assert [d["id"] for d in store.documents()] == ["a1"]
    assert [e["document"] for e in store.events()] == ["a1"]


def test_unreadable_document_is_a_failure_with_its_reason(store):
    bad = make_result("broken", [], text="", errors=["cannot decode bytes as UTF-8"])
    good = make_result("fine", [make_event()])
    summary = store.ingest([bad, good])
    assert summary.failures == [("broken", "cannot decode bytes as UTF-8")]
    assert (summary.documents, summary.added) == (2, 1)
    assert [d["id"] for d in store.documents()] == ["fine"]


def test_progress_is_called_once_per_document(store):
    seen = []
    store.ingest(many_results(3), progress=lambda r, status: seen.append((r.document.id, status)))
    store.ingest(many_results(3)[:1], progress=lambda r, status: seen.append((r.document.id,
                                                                                status)))
    assert seen == [("doc0000", "added"), ("doc0001", "added"), ("doc0002", "added"),
                    ("doc0000", "unchanged")]


_CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from conftest import many_results
    from sommet.store import Store
    store = Store.open({url!r})
    store.ingest(many_results({n}),
                 progress=lambda r, status: print(r.document.id, status, flush=True))
""")


def _run_and_kill(url: str, n: int, after: int) -> None:
    """Start an ingest of n documents in a child process; SIGKILL it after `after` commits."""
    code = _CHILD.format(tests=str(Path(__file__).parent), url=url, n=n)
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    for _ in range(after):
        assert child.stdout.readline(), "the ingest ended before it could be interrupted"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()


def _assert_consistent(store: Store) -> None:
    """Every stored document has all its reports, and every report sits in one event."""
    with store.engine.connect() as conn:
        per_doc = dict(conn.execute(select(reports.c.document_id, func.count())
                                    .group_by(reports.c.document_id)).all())
        for doc_id, n_events in conn.execute(select(documents.c.id, documents.c.n_events)):
            assert per_doc.get(doc_id, 0) == n_events, doc_id
        linked = dict(conn.execute(select(reports.c.event_id, func.count())
                                   .group_by(reports.c.event_id)).all())
        stored = dict(conn.execute(select(events.c.id, events.c.report_count)).all())
    assert None not in linked
    assert linked == stored


def test_killed_ingest_leaves_a_consistent_store_and_resumes(store_url):
    n = 300
    Store.open(store_url).close()  # migrate before the child starts
    _run_and_kill(Store.open(store_url).engine.url.render_as_string(hide_password=False),
                  n, after=15)
    store = Store.open(store_url)
    stored = _counts(store)[0]
    assert 15 <= stored < n
    _assert_consistent(store)

    summary = store.ingest(many_results(n))
    assert (summary.unchanged, summary.added) == (stored, n - stored)
    _assert_consistent(store)
    ids = sorted(e["id"] for e in store.events(limit=None))
    assert store.merge() == len(ids)
    assert sorted(e["id"] for e in store.events(limit=None)) == ids
    assert _counts(store)[:2] == (n, 2 * n)
    store.close()
