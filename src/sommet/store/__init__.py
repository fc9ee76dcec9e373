"""The event store: documents, reports and merged events in SQLite or PostgreSQL.

    store = Store.open("sommet.db")            # or "postgresql://user@host/db"
    summary = store.ingest(results)            # results: Iterable[DocResult]
    store.events(dyad="RUS,PRK", since="2018-01")
"""
from sommet.store.store import Store, normalise_url
from sommet.store.writer import IngestSummary

__all__ = ["IngestSummary", "Store", "normalise_url"]
