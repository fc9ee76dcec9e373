"""Opening the store: migrations, URLs, errors."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from sommet.errors import StoreError
from sommet.store import Store, normalise_url
from sommet.store.schema import metadata


def test_migrations_build_exactly_the_declared_schema(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
        version = MigrationContext.configure(conn).get_current_revision()
    assert diff == []
    assert version == "0001"


def test_reopening_keeps_the_data(store_url):
    from conftest import make_event, make_result

    with Store.open(store_url) as store:
        store.ingest([make_result("a", [make_event()])])
    with Store.open(store_url) as again:
        assert [d["id"] for d in again.documents()] == ["a"]
        assert set(inspect(again.engine).get_table_names()) >= {"documents", "reports",
                                                                 "events", "actors"}


@pytest.mark.parametrize("typed, url", [
    ("sommet.db", "sqlite:///sommet.db"),
    ("sqlite:///x.db", "sqlite:///x.db"),
    ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
])
def test_urls_users_type(typed, url):
    assert normalise_url(typed) == url


def test_store_that_cannot_be_opened_says_why(tmp_path):
    with pytest.raises(StoreError, match="--db URL"):
        Store.open(str(tmp_path / "missing-folder" / "x.db"))
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open("postgresql://someone:secret@127.0.0.1:1/none")


def test_password_is_not_shown_in_errors():
    with pytest.raises(StoreError) as info:
        Store.open("postgresql://someone:secret@127.0.0.1:1/none")
    assert "secret" not in str(info.value)
