"""Shared fixtures: a throwaway PostgreSQL server, stores on SQLite and PostgreSQL,
and hand-built extraction results (no spaCy model is loaded)."""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from sommet.models import Actor, DateValue, DocResult, Document, Event, Evidence, Place


# -- hand-built results ------------------------------------------------------------------

def make_event(type_="CONSULT", source="RUS", target="PRK", date="2018-11-04", start=0,
               confidence=0.8, mode=None, location=None, text="Ils se sont rencontrés.",
               source_name=None, target_name=None, scheduled=False) -> Event:
    return Event(
        type=type_, mode=mode,
        source=Actor(source, name=source_name), target=Actor(target, name=target_name),
        evidence=Evidence(text, start, start + len(text)),
        date=DateValue(date) if date else None,
        location=Place(*location) if location else None,
        confidence=confidence, scheduled=scheduled,
    )


def make_result(doc_id: str, events: list[Event], text: str | None = None,
                date: str | None = "2018-11-05", url: str | None = None,
                errors: list[str] | None = None) -> DocResult:
    text = text if text is not None else f"Article {doc_id}. " + " ".join(
        e.evidence.text for e in events)
    doc = Document(id=doc_id, text=text, date=DateValue(date) if date else None, url=url,
                   lang="fr", errors=list(errors or []))
    return DocResult(doc, events)


def many_results(n: int) -> list[DocResult]:
    """n distinct documents, each with two events, for volume and interruption tests."""
    pairs = [("RUS", "PRK"), ("USA", "CHN"), ("FRA", "DEU"), ("CUB", "VEN")]
    out = []
    for i in range(n):
        a, b = pairs[i % len(pairs)]
        day = f"2018-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out.append(make_result(f"doc{i:04d}", [
            make_event("CONSULT", a, b, day, start=0, text=f"Rencontre numéro {i}."),
            make_event("ACCUSE", b, a, day[:7], start=40, text=f"Accusation numéro {i}."),
        ], date=day, url=f"https://example.org/{i}"))
    return out


# -- a throwaway PostgreSQL server ---------------------------------------------------------

def _pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                   key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0)
    return found[-1] if found and os.path.exists(f"{found[-1]}/initdb") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: drop to the postgres user when we are root."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server on loopback in a temporary directory, for the whole session."""
    pg_bin = _pg_bin()
    if pg_bin is None:
        pytest.skip("PostgreSQL not installed (no /usr/lib/postgresql/*/bin/initdb): "
                    "apt-get install postgresql to run the postgres-marked tests")
    tmp = tempfile.mkdtemp(prefix="sommet-pg-")
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres", "postgres")
    port, data = _free_port(), f"{tmp}/data"
    run = lambda cmd: subprocess.run(_as_postgres(cmd), check=True, capture_output=True)
    run([f"{pg_bin}/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
         "--locale=C.UTF-8"])
    run([f"{pg_bin}/pg_ctl", "-D", data, "-l", f"{tmp}/server.log", "-w", "-t", "30", "-o",
         f"-c listen_addresses=127.0.0.1 -p {port} -k {tmp} -c fsync=off", "start"])
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_postgres([f"{pg_bin}/pg_ctl", "-D", data, "-m", "fast", "-w",
                                     "stop"]), capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


_db_numbers = itertools.count()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty database on the session's server."""
    import psycopg

    name = f"sommet_test_{next(_db_numbers)}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{pg_server}/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path: Path) -> str:
    """The URL of an empty store, once on SQLite and once on the real PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "sommet.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url):
    from sommet.store import Store

    s = Store.open(store_url)
    yield s
    s.close()
