"""The store commands, run through typer on a SQLite store (extraction is faked)."""
from __future__ import annotations

import csv
import io
import json

import pytest
import typer
from typer.testing import CliRunner

from conftest import make_event, make_result
from sommet.cli.store import register
from sommet.models import DocResult
from sommet.store import Store


@pytest.fixture
def app():
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "cli.db")
    with Store.open(path) as store:
        store.ingest([
            make_result("d1", [make_event("CONSULT", "RUS", "PRK", "2019-04-25"),
                               make_event("SANCTION", "USA", "PRK", "2019-05", start=40)],
                        url="https://ex.org/d1"),
        ])
    return path


def run(app, *args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_events_as_jsonl_and_csv(app, db):
    out = run(app, "events", "--db", db, "--type", "CONSULT", "--format", "jsonl")
    [row] = [json.loads(line) for line in out.stdout.splitlines()]
    assert (row["type"], row["cameo"]) == ("CONSULT", "04")
    out = run(app, "events", "--db", db, "--dyad", "PRK,USA", "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(out.stdout)))
    assert (row["type"], row["cameo"], row["source_country"]) == ("SANCTION", "16", "USA")


def test_events_table_and_bad_dyad(app, db):
    assert "SANCTION" in run(app, "events", "--db", db).stdout
    bad = run(app, "events", "--db", db, "--dyad", "RUS")
    assert bad.exit_code == 2 and "two actors" in bad.stderr


def test_dyads_and_timeline(app, db):
    out = run(app, "dyads", "--db", db, "--format", "jsonl")
    pairs = {tuple(json.loads(line)["actors"]) for line in out.stdout.splitlines()}
    assert pairs == {("PRK", "RUS"), ("PRK", "USA")}
    out = run(app, "timeline", "RUS", "PRK", "--by", "month", "--db", db, "--format", "csv")
    assert list(csv.DictReader(io.StringIO(out.stdout)))[0]["period"] == "2019-04"


def test_export_and_merge(app, db, tmp_path):
    target = tmp_path / "out.graphml"
    out = run(app, "export", "--format", "graphml", "-o", target, "--db", db)
    assert out.exit_code == 0 and target.exists() and "2 events" in out.stderr
    assert "2 merged events" in run(app, "merge", "--db", db).stderr


def test_ingest_skips_stored_documents_before_extraction(app, tmp_path, monkeypatch):
    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join(json.dumps({"id": f"n{i}", "text": f"Texte {i}.",
                                          "date": "2019-04-25"}) for i in range(3)),
                    encoding="utf-8")
    extracted = []

    def fake_extract_many(documents, settings=None):
        for doc in documents:
            extracted.append(doc.id)
            yield DocResult(doc, [make_event("CONSULT", "RUS", "PRK", "2019-04-25")])

    monkeypatch.setattr("sommet.pipeline.extract_many", fake_extract_many)
    db = str(tmp_path / "ingest.db")
    first = run(app, "ingest", docs, "--db", db)
    second = run(app, "ingest", docs, "--db", db)
    assert first.exit_code == 0 and "added 3" in first.stderr
    assert second.exit_code == 0 and "unchanged 3" in second.stderr
    assert extracted == ["n0", "n1", "n2"]
    with Store.open(db) as store:
        [event] = store.events()
        assert event["report_count"] == 3


def test_unreachable_database_is_a_clear_error(app):
    out = run(app, "events", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert out.exit_code == 2 and "cannot open the store" in out.stderr
