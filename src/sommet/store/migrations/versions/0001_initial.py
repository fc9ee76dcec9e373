"""Initial store: documents, actors, reports, merged events.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _actor(prefix: str) -> list[sa.Column]:
    return [
        sa.Column(f"{prefix}_country", sa.String(32), nullable=False),
        sa.Column(f"{prefix}_name", sa.String(200)),
        sa.Column(f"{prefix}_role", sa.String(100)),
        sa.Column(f"{prefix}_sector", sa.String(32)),
        sa.Column(f"{prefix}_qid", sa.String(32)),
    ]


def _event() -> list[sa.Column]:
    return [
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        *_actor("source"),
        *_actor("target"),
        sa.Column("date", sa.String(10)),
        sa.Column("date_precision", sa.String(5)),
        sa.Column("location_name", sa.String(200)),
        sa.Column("location_country", sa.String(32)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("scheduled", sa.Boolean, nullable=False),
        sa.Column("group_key", sa.String(80), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("url", sa.String(2000)),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("date_precision", sa.String(5)),
        sa.Column("lang", sa.String(8)),
        sa.Column("source", sa.String(2000)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("errors", sa.Text, nullable=False),
        sa.Column("n_events", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_documents_url", "documents", ["url"])
    op.create_index("ix_documents_content_hash", "documents", ["content_hash"])
    op.create_table(
        "actors",
        sa.Column("key", sa.String(240), primary_key=True),
        sa.Column("country", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200)),
        sa.Column("role", sa.String(100)),
        sa.Column("sector", sa.String(32)),
        sa.Column("qid", sa.String(32)),
    )
    op.create_index("ix_actors_country", "actors", ["country"])
    op.create_table(
        "reports",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("document_id", sa.String(200),
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        *_event(),
        sa.Column("evidence_text", sa.Text, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("trigger", sa.String(200)),
        sa.Column("event_id", sa.String(40)),
    )
    for col in ("document_id", "group_key", "event_id"):
        op.create_index(f"ix_reports_{col}", "reports", [col])
    op.create_table(
        "events",
        sa.Column("id", sa.String(40), primary_key=True),
        *_event(),
        sa.Column("report_id", sa.String(40), nullable=False),
        sa.Column("report_count", sa.Integer, nullable=False),
        sa.Column("document_count", sa.Integer, nullable=False),
    )
    for col in ("group_key", "source_country", "target_country", "type", "date"):
        op.create_index(f"ix_events_{col}", "events", [col])


def downgrade() -> None:
    for table in ("events", "reports", "actors", "documents"):
        op.drop_table(table)
