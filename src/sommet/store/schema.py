"""The store's tables, in SQLAlchemy Core. Alembic migrations (migrations/versions) build them.

    documents  one row per article (text kept as given, content hash for re-ingest checks)
    actors     the resolved actors seen so far (country + person name), for `actors()`
    reports    one row per extracted event: the evidence of one document
    events     one row per real-world event, merged from compatible reports (merge.py)

`reports.event_id` links a report to its merged event; `group_key` (type + pair of
countries) is the unit the merge recomputes.
"""
from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()


def _actor_columns(prefix: str) -> list[Column]:
    return [
        Column(f"{prefix}_country", String(32), nullable=False),
        Column(f"{prefix}_name", String(200)),
        Column(f"{prefix}_role", String(100)),
        Column(f"{prefix}_sector", String(32)),
        Column(f"{prefix}_qid", String(32)),
    ]


def _event_columns() -> list[Column]:
    """Columns shared by reports and merged events (the contract fields, flattened)."""
    return [
        Column("type", String(16), nullable=False),
        Column("mode", String(32)),
        *_actor_columns("source"),
        *_actor_columns("target"),
        Column("date", String(10)),
        Column("date_precision", String(5)),
        Column("location_name", String(200)),
        Column("location_country", String(32)),
        Column("lat", Float),
        Column("lon", Float),
        Column("confidence", Float, nullable=False),
        Column("scheduled", Boolean, nullable=False),
        Column("group_key", String(80), nullable=False),
    ]


documents = Table(
    "documents",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("url", String(2000)),
    Column("content_hash", String(64), nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(5)),
    Column("lang", String(8)),
    Column("source", String(2000)),
    Column("text", Text, nullable=False),
    Column("errors", Text, nullable=False),
    Column("n_events", Integer, nullable=False),
    Column("ingested_at", String(32), nullable=False),
    Index("ix_documents_url", "url"),
    Index("ix_documents_content_hash", "content_hash"),
)

actors = Table(
    "actors",
    metadata,
    Column("key", String(240), primary_key=True),
    Column("country", String(32), nullable=False),
    Column("name", String(200)),
    Column("role", String(100)),
    Column("sector", String(32)),
    Column("qid", String(32)),
    Index("ix_actors_country", "country"),
)

reports = Table(
    "reports",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("position", Integer, nullable=False),
    *_event_columns(),
    Column("evidence_text", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("trigger", String(200)),
    Column("event_id", String(40)),
    Index("ix_reports_document_id", "document_id"),
    Index("ix_reports_group_key", "group_key"),
    Index("ix_reports_event_id", "event_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    *_event_columns(),
    Column("report_id", String(40), nullable=False),
    Column("report_count", Integer, nullable=False),
    Column("document_count", Integer, nullable=False),
    Index("ix_events_group_key", "group_key"),
    Index("ix_events_source_country", "source_country"),
    Index("ix_events_target_country", "target_country"),
    Index("ix_events_type", "type"),
    Index("ix_events_date", "date"),
)
