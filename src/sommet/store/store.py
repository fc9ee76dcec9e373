"""`Store`: the library face of the event store (opening, ingest, queries, merge, export)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import Engine, create_engine, event, make_url, select
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from sommet.errors import StoreError
from sommet.merge import MergeSettings
from sommet.models import DocResult, Document
from sommet.store import queries
from sommet.store.migrate import upgrade
from sommet.store.schema import events as events_table, reports
from sommet.store.writer import IngestSummary, Progress, ingest, is_stored, remerge


def normalise_url(url: str) -> str:
    """A database URL from what a user types: a file path means SQLite;
    `postgresql://` uses psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


class Store:
    """An opened store. Rows come back as plain dicts keyed by the contract field names."""

    def __init__(self, engine: Engine, merge_settings: MergeSettings = MergeSettings()):
        self.engine = engine
        self.merge_settings = merge_settings

    @classmethod
    def open(cls, url: str = "sqlite:///sommet.db", migrate: bool = True,
             merge_settings: MergeSettings = MergeSettings()) -> Store:
        """Connect and bring the schema up to date; StoreError says why it failed."""
        full = normalise_url(url)
        try:
            engine = create_engine(full)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            if migrate:
                upgrade(engine)
        except (SQLAlchemyError, OSError, ImportError) as exc:
            raise StoreError(f"cannot open the store at {_safe(full)}: {exc}. "
                             "Check the --db URL (a file path, sqlite:///..., or "
                             "postgresql://user@host/db) and that the server is running.") from exc
        return cls(engine, merge_settings)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------
    def ingest(self, results: Iterable[DocResult], progress: Progress | None = None
               ) -> IngestSummary:
        """Store extraction results, one transaction per document (see writer.py)."""
        return ingest(self.engine, results, progress, self.merge_settings)

    def new_documents(self, documents: Iterable[Document],
                      on_skip: Callable[[Document], None] | None = None) -> Iterator[Document]:
        """The documents whose text is not stored yet, so a rerun extracts only those."""
        for doc in documents:
            with self.engine.connect() as conn:
                stored = is_stored(conn, doc)
            if not stored:
                yield doc
            elif on_skip:
                on_skip(doc)

    def merge(self) -> int:
        """Recompute every merged event from the reports; return the number of events."""
        with self.engine.begin() as conn:
            keys = set(conn.execute(select(reports.c.group_key).distinct()).scalars())
            conn.execute(events_table.delete())
            return remerge(conn, keys, self.merge_settings)

    # -- reading ---------------------------------------------------------------------
    def _read(self, fn, *args, **kwargs):
        with self.engine.connect() as conn:
            return fn(conn, *args, **kwargs)

    def events(self, actor: str | None = None, dyad: str | tuple[str, str] | None = None,
               type: str | None = None, since: str | None = None, until: str | None = None,
               min_confidence: float | None = None, limit: int | None = 100,
               offset: int = 0) -> list[dict[str, Any]]:
        return self._read(queries.list_events, actor=actor, dyad=dyad, type=type, since=since,
                          until=until, min_confidence=min_confidence, limit=limit,
                          offset=offset)

    def count_events(self, **filters) -> int:
        return self._read(queries.count_events, **filters)

    def event(self, event_id: str) -> dict[str, Any] | None:
        return self._read(queries.get_event, event_id)

    def documents(self, limit: int | None = 100, offset: int = 0, since: str | None = None,
                  until: str | None = None) -> list[dict[str, Any]]:
        return self._read(queries.list_documents, limit=limit, offset=offset, since=since,
                          until=until)

    def document(self, document_id: str) -> dict[str, Any] | None:
        return self._read(queries.get_document, document_id)

    def dyads(self, since: str | None = None, until: str | None = None,
              type: str | None = None, min_confidence: float | None = None) -> list[dict]:
        return self._read(queries.dyads, since=since, until=until, type=type,
                          min_confidence=min_confidence)

    def timeline(self, a: str, b: str, by: str = "month", since: str | None = None,
                 until: str | None = None, type: str | None = None) -> list[dict]:
        return self._read(queries.timeline, a, b, by=by, since=since, until=until, type=type)

    def network(self, since: str | None = None, until: str | None = None,
                type: str | None = None, min_confidence: float | None = None) -> dict:
        return self._read(queries.network, since=since, until=until, type=type,
                          min_confidence=min_confidence)

    def actors(self, country: str | None = None, limit: int | None = 100,
               offset: int = 0) -> list[dict[str, Any]]:
        return self._read(queries.list_actors, country=country, limit=limit, offset=offset)

    def export(self, format: str, path: str | Path, **filters) -> int:
        """Write the merged events in `format` to `path`; return the number of events."""
        from sommet.store.export import export
        return export(self, format, path, **filters)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:  # a malformed URL is shown as typed
        return url
