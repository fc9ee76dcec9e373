"""Writing extraction results: one transaction per document, merge kept up to date.

A document already stored with the same text (found by id, then url, then content hash) is
skipped, so re-ingesting changes nothing and a run after an interruption resumes where it
stopped. A document whose text changed replaces its old reports. The merged events of the
groups a document touches are recomputed in the same transaction, so the store is
consistent after every commit.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from sqlalchemy import Connection, Engine, delete, insert, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from sommet.merge import Cluster, MergeSettings, cluster_group, group_key, report_id
from sommet.models import Actor, DocResult, Document, Event
from sommet.store.schema import actors, documents, events, reports

ADDED, REPLACED, UNCHANGED, FAILED = "added", "replaced", "unchanged", "failed"


@dataclass
class IngestSummary:
    """What one ingest did. `failures` lists (document id, reason) of documents not stored."""

    documents: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def count(self, status: str, n_events: int) -> None:
        self.documents += 1
        if status == FAILED:
            return
        setattr(self, status, getattr(self, status) + 1)
        if status != UNCHANGED:
            self.events += n_events

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "added": self.added, "replaced": self.replaced,
                "unchanged": self.unchanged, "events": self.events,
                "failures": [{"document": d, "reason": r} for d, r in self.failures],
                "warnings": [{"document": d, "reason": r} for d, r in self.warnings]}


Progress = Callable[[DocResult, str], None]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ingest(engine: Engine, results: Iterable[DocResult], progress: Progress | None = None,
           settings: MergeSettings = MergeSettings()) -> IngestSummary:
    """Store each result in its own transaction; a failing document never stops the others."""
    summary = IngestSummary()
    for result in results:
        status = _ingest_one(engine, result, summary, settings)
        summary.count(status, len(result.events))
        if progress:
            progress(result, status)
    return summary


def _ingest_one(engine: Engine, result: DocResult, summary: IngestSummary,
                settings: MergeSettings) -> str:
    doc = result.document
    if result.errors and not result.events and not doc.text.strip():
        summary.failures.append((doc.id, "; ".join(result.errors)))
        return FAILED
    try:
        with engine.begin() as conn:
            status = write_document(conn, result, settings)
    except SQLAlchemyError as exc:
        summary.failures.append((doc.id, f"store error: {exc.__class__.__name__}: {exc}"))
        return FAILED
    if result.errors and status != UNCHANGED:
        summary.warnings.append((doc.id, "; ".join(result.errors)))
    return status


def _find_existing(conn: Connection, doc, digest: str) -> tuple[Any, bool]:
    """The stored row this document is (by id, then url), or a same-text duplicate."""
    cols = (documents.c.id, documents.c.content_hash)
    row = conn.execute(select(*cols).where(documents.c.id == doc.id)).first()
    if row is None and doc.url:
        row = conn.execute(select(*cols).where(documents.c.url == doc.url)
                           .order_by(documents.c.id).limit(1)).first()
    if row is not None:
        return row, False
    dup = conn.execute(select(*cols).where(documents.c.content_hash == digest).limit(1)).first()
    return dup, dup is not None


def is_stored(conn: Connection, doc: Document) -> bool:
    """True when this document's text is already stored (by id, url or content hash)."""
    digest = content_hash(doc.text)
    existing, duplicate = _find_existing(conn, doc, digest)
    return duplicate or (existing is not None and existing.content_hash == digest)


def write_document(conn: Connection, result: DocResult,
                   settings: MergeSettings = MergeSettings()) -> str:
    """Write one document and its reports inside the caller's transaction; return the status."""
    doc = result.document
    digest = content_hash(doc.text)
    existing, duplicate = _find_existing(conn, doc, digest)
    if duplicate or (existing is not None and existing.content_hash == digest):
        return UNCHANGED
    doc_id = existing.id if existing is not None else doc.id
    touched = _delete_document(conn, doc_id) if existing is not None else set()
    conn.execute(insert(documents).values(_document_row(doc_id, result, digest)))
    rows = _report_rows(doc_id, result.events)
    if rows:
        conn.execute(insert(reports), rows)
        _upsert_actors(conn, [e.source for e in result.events] + [e.target for e in result.events])
    remerge(conn, touched | {r["group_key"] for r in rows}, settings)
    return REPLACED if existing is not None else ADDED


def _delete_document(conn: Connection, doc_id: str) -> set[str]:
    """Remove a document and its reports; return the groups whose merge must be redone."""
    keys = set(conn.execute(select(reports.c.group_key).where(reports.c.document_id == doc_id))
               .scalars())
    conn.execute(delete(reports).where(reports.c.document_id == doc_id))
    conn.execute(delete(documents).where(documents.c.id == doc_id))
    return keys


def _document_row(doc_id: str, result: DocResult, digest: str) -> dict[str, Any]:
    doc = result.document
    return {
        "id": doc_id, "url": doc.url, "content_hash": digest,
        "date": doc.date.value if doc.date else None,
        "date_precision": doc.date.precision if doc.date else None,
        "lang": doc.lang, "source": doc.source, "text": doc.text,
        "errors": json.dumps(list(doc.errors), ensure_ascii=False),
        "n_events": len(result.events),
        "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def _actor_values(prefix: str, actor: Actor) -> dict[str, Any]:
    return {f"{prefix}_country": actor.country, f"{prefix}_name": actor.name,
            f"{prefix}_role": actor.role, f"{prefix}_sector": actor.sector,
            f"{prefix}_qid": actor.id}


def _report_rows(doc_id: str, evts: list[Event]) -> list[dict[str, Any]]:
    rows, seen = [], set()
    for position, e in enumerate(evts):
        rid = report_id(doc_id, e.type, e.source.country, e.target.country,
                        e.evidence.start, e.evidence.end)
        while rid in seen:  # two events of one type and pair on the same evidence
            rid = report_id(rid, e.type, e.source.country, e.target.country, position, 0)
        seen.add(rid)
        rows.append(_report_row(rid, doc_id, position, e))
    return rows


def _report_row(rid: str, doc_id: str, position: int, e: Event) -> dict[str, Any]:
    loc = e.location
    return {
        "id": rid, "document_id": doc_id, "position": position, "type": e.type,
        "mode": e.mode, **_actor_values("source", e.source), **_actor_values("target", e.target),
        "date": e.date.value if e.date else None,
        "date_precision": e.date.precision if e.date else None,
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "confidence": float(e.confidence), "scheduled": bool(e.scheduled),
        "group_key": group_key(e.type, e.source.country, e.target.country),
        "evidence_text": e.evidence.text, "evidence_start": e.evidence.start,
        "evidence_end": e.evidence.end, "trigger": e.trigger, "event_id": None,
    }


def actor_key(actor: Actor) -> str:
    return f"{actor.country}|{actor.name or ''}"


def _upsert_actors(conn: Connection, found: list[Actor]) -> None:
    """Add actors not seen yet; a known actor keeps its first role and id unless they were empty."""
    wanted = {actor_key(a): a for a in found}
    known = {row.key: row for row in conn.execute(
        select(actors).where(actors.c.key.in_(sorted(wanted))))}
    for key in sorted(wanted):
        a = wanted[key]
        values = {"country": a.country, "name": a.name, "role": a.role, "sector": a.sector,
                  "qid": a.id}
        if key not in known:
            conn.execute(insert(actors).values(key=key, **values))
        elif any(getattr(known[key], k) is None and v is not None for k, v in values.items()):
            fill = {k: v for k, v in values.items() if getattr(known[key], k) is None and v}
            conn.execute(update(actors).where(actors.c.key == key).values(**fill))


# -- merge -----------------------------------------------------------------------------

_MERGE_COLS = [c for c in reports.c if c.name not in ("evidence_text", "trigger")]


def remerge(conn: Connection, keys: set[str], settings: MergeSettings = MergeSettings()) -> int:
    """Recompute the merged events of the given groups; return how many events they hold."""
    total = 0
    for key in sorted(keys):
        _lock_group(conn, key)
        conn.execute(delete(events).where(events.c.group_key == key))
        rows = conn.execute(
            select(*_MERGE_COLS, documents.c.date.label("published"))
            .join(documents, documents.c.id == reports.c.document_id)
            .where(reports.c.group_key == key)).mappings().all()
        clusters = cluster_group([dict(r) for r in rows], settings)
        _write_clusters(conn, clusters)
        total += len(clusters)
    return total


def _lock_group(conn: Connection, key: str) -> None:
    """On PostgreSQL, serialise concurrent ingests that rewrite the same group (released at
    commit; groups are taken in sorted order, so two writers cannot deadlock on them)."""
    if conn.dialect.name == "postgresql":
        lock = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:15], 16)
        conn.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": lock})


def _write_clusters(conn: Connection, clusters: list[Cluster]) -> None:
    if not clusters:
        return
    conn.execute(insert(events), [_event_row(c) for c in clusters])
    for c in clusters:
        ids = sorted(r["id"] for r in c.reports)
        for start in range(0, len(ids), 500):
            conn.execute(update(reports).where(reports.c.id.in_(ids[start:start + 500]))
                         .values(event_id=c.id))


_COPIED = [c.name for c in events.c if c.name in reports.c and c.name not in ("id", "date",
                                                                               "date_precision")]


def _event_row(c: Cluster) -> dict[str, Any]:
    rep = c.representative
    row = {name: rep[name] for name in _COPIED}
    located = next((r for r in [rep, *sorted(c.reports, key=lambda r: r["id"])]
                    if r["location_name"] or r["location_country"]), rep)
    for name in ("location_name", "location_country", "lat", "lon"):
        row[name] = located[name]
    row.update(
        id=c.id, date=c.date, date_precision=_precision(c.date), report_id=rep["id"],
        confidence=max(r["confidence"] for r in c.reports),
        scheduled=all(r["scheduled"] for r in c.reports),
        report_count=len(c.reports),
        document_count=len({r["document_id"] for r in c.reports}),
    )
    return row


def _precision(value: str | None) -> str | None:
    return {4: "year", 7: "month", 10: "day"}[len(value)] if value else None
