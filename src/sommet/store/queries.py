"""Reading the store: merged events with their sources, dyads, timelines, networks.

Every function takes an open connection and returns plain dicts whose keys follow the
contract field names of EVENTS.md (`type`, `source`, `target`, `date`, `evidence`...).
Date filters keep events whose whole date lies in the range: `since="2018-01"` keeps events
dated 2018-01 or later, `until="2018-06"` keeps everything up to the end of June 2018; an
event dated "2018" is kept by since="2018" but not by since="2018-03" (it may be earlier);
undated events are left out.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any, Callable, Sequence

from sqlalchemy import Connection, and_, func, or_, select, union_all

from sommet.store.cameo import cameo_code
from sommet.store.schema import actors, documents, events, reports

COOPERATION = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
CONFLICT = frozenset({"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                      "COERCE", "ASSAULT"})


def _date_filters(table, since: str | None, until: str | None) -> list:
    """Keep dates whose whole period lies within [since, until], each at its own precision."""
    out = []
    if since:
        out.append(_date_bound(table.c.date, since, lambda a, b: a >= b, lambda a, b: a > b))
    if until:
        out.append(_date_bound(table.c.date, until, lambda a, b: a <= b, lambda a, b: a < b))
    return out


def _date_bound(col, bound: str, at_or: Callable, strictly: Callable):
    """A date at least as precise as the bound compares on its prefix; a coarser date
    ("2018" against "2018-11") must lie strictly on the right side of the bound."""
    n = len(bound)
    clauses = [and_(func.length(col) >= n, at_or(func.substr(col, 1, n), bound))]
    clauses += [and_(func.length(col) == k, strictly(col, bound[:k])) for k in (4, 7) if k < n]
    return or_(*clauses)


def _split(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


def event_filters(actor=None, dyad=None, type=None, since=None, until=None,
                  min_confidence=None) -> list:
    """WHERE clauses over `events` for the query options of `sommet events`."""
    e = events.c
    where = _date_filters(events, since, until)
    if actor:
        where.append(or_(e.source_country == actor, e.target_country == actor,
                         e.source_name == actor, e.target_name == actor))
    pair = _split(dyad)
    if pair:
        if len(pair) != 2:
            raise ValueError(f"a dyad is two actors such as RUS,PRK, not {dyad!r}")
        a, b = pair
        where.append(or_(and_(e.source_country == a, e.target_country == b),
                         and_(e.source_country == b, e.target_country == a)))
    types = [t.upper() for t in _split(type)]
    if types:
        where.append(e.type.in_(types))
    if min_confidence is not None:
        where.append(e.confidence >= min_confidence)
    return where


def _actor(row, prefix: str) -> dict[str, Any]:
    d = {k: row[f"{prefix}_{k}"] for k in ("country", "name", "role", "sector")}
    if row[f"{prefix}_qid"]:
        d["id"] = row[f"{prefix}_qid"]
    return d


def _location(row) -> dict[str, Any] | None:
    if not row["location_name"] and not row["location_country"]:
        return None
    return {"name": row["location_name"], "country": row["location_country"],
            "lat": row["lat"], "lon": row["lon"]}


def event_dict(row) -> dict[str, Any]:
    """A merged event row (joined with its representative report) in contract form."""
    d = {
        "id": row["id"], "type": row["type"], "mode": row["mode"],
        "source": _actor(row, "source"), "target": _actor(row, "target"),
        "date": row["date"], "date_precision": row["date_precision"],
        "location": _location(row),
        "evidence": {"text": row["evidence_text"], "start": row["evidence_start"],
                     "end": row["evidence_end"]},
        "confidence": round(row["confidence"], 3), "scheduled": bool(row["scheduled"]),
        "cameo": cameo_code(row["type"], row["mode"], bool(row["scheduled"])),
        "report_count": row["report_count"], "document_count": row["document_count"],
        "document": row["document_id"], "url": row["url"], "published": row["published"],
    }
    return d


def _events_select():
    return (select(events, reports.c.evidence_text, reports.c.evidence_start,
                   reports.c.evidence_end, reports.c.document_id, documents.c.url,
                   documents.c.date.label("published"))
            .join(reports, reports.c.id == events.c.report_id)
            .join(documents, documents.c.id == reports.c.document_id))


def list_events(conn: Connection, limit: int | None = 100, offset: int = 0,
                **filters) -> list[dict[str, Any]]:
    """Merged events, newest date first (undated last), each with its sources."""
    q = (_events_select().where(*event_filters(**filters))
         .order_by(events.c.date.is_(None), events.c.date.desc(), events.c.id)
         .limit(limit).offset(offset))
    rows = [event_dict(r) for r in conn.execute(q).mappings()]
    _attach_sources(conn, rows)
    return rows


def count_events(conn: Connection, **filters) -> int:
    q = select(func.count()).select_from(events).where(*event_filters(**filters))
    return conn.execute(q).scalar_one()


def _attach_sources(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Add `sources` (documents that report each event, with url and publication date)."""
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        r["sources"] = []
    ids = sorted(by_id)
    for start in range(0, len(ids), 500):
        q = (select(reports.c.event_id, documents.c.id, documents.c.url, documents.c.date)
             .join(documents, documents.c.id == reports.c.document_id)
             .where(reports.c.event_id.in_(ids[start:start + 500]))
             .distinct().order_by(reports.c.event_id, documents.c.date, documents.c.id))
        for ev, doc, url, published in conn.execute(q):
            by_id[ev]["sources"].append({"document": doc, "url": url, "published": published})


def report_dict(row) -> dict[str, Any]:
    return {
        "id": row["id"], "type": row["type"], "mode": row["mode"],
        "source": _actor(row, "source"), "target": _actor(row, "target"),
        "date": row["date"], "location": _location(row),
        "evidence": {"text": row["evidence_text"], "start": row["evidence_start"],
                     "end": row["evidence_end"]},
        "confidence": round(row["confidence"], 3), "scheduled": bool(row["scheduled"]),
        "trigger": row["trigger"], "event_id": row["event_id"],
        "document": row["document_id"], "url": row["url"], "published": row["published"],
    }


def _reports_select():
    return (select(reports, documents.c.url, documents.c.date.label("published"))
            .join(documents, documents.c.id == reports.c.document_id))


def get_event(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """One merged event (by event id, or by the id of one of its reports) with all reports."""
    if event_id.startswith("r"):
        event_id = conn.execute(select(reports.c.event_id).where(reports.c.id == event_id)
                                ).scalar() or event_id
    row = conn.execute(_events_select().where(events.c.id == event_id)).mappings().first()
    if row is None:
        return None
    event = event_dict(row)
    _attach_sources(conn, [event])
    q = _reports_select().where(reports.c.event_id == event_id).order_by(
        documents.c.date, reports.c.document_id, reports.c.position)
    event["reports"] = [report_dict(r) for r in conn.execute(q).mappings()]
    return event


def _document_dict(row, with_text: bool = False) -> dict[str, Any]:
    d = {"id": row["id"], "url": row["url"], "date": row["date"], "lang": row["lang"],
         "source": row["source"], "events": row["n_events"],
         "errors": json.loads(row["errors"]), "content_hash": row["content_hash"],
         "ingested_at": row["ingested_at"]}
    if with_text:
        d["text"] = row["text"]
    return d


def list_documents(conn: Connection, limit: int | None = 100, offset: int = 0,
                   since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    cols = [c for c in documents.c if c.name != "text"]
    q = (select(*cols).where(*_date_filters(documents, since, until))
         .order_by(documents.c.date.is_(None), documents.c.date.desc(), documents.c.id)
         .limit(limit).offset(offset))
    return [_document_dict(r) for r in conn.execute(q).mappings()]


def get_document(conn: Connection, document_id: str) -> dict[str, Any] | None:
    """One document with its text and its reports."""
    row = conn.execute(select(documents).where(documents.c.id == document_id)).mappings().first()
    if row is None:
        return None
    doc = _document_dict(row, with_text=True)
    q = _reports_select().where(reports.c.document_id == document_id).order_by(reports.c.position)
    doc["reports"] = [report_dict(r) for r in conn.execute(q).mappings()]
    return doc


def _balance(coop: int, conflict: int) -> float | None:
    total = coop + conflict
    return round((coop - conflict) / total, 3) if total else None


def dyads(conn: Connection, since=None, until=None, type=None, min_confidence=None
          ) -> list[dict[str, Any]]:
    """Event counts per unordered pair of countries and per type, with a balance in
    [-1, 1]: (cooperation - conflict) / (cooperation + conflict); REQUEST counts as neither."""
    e = events.c
    q = (select(e.source_country, e.target_country, e.type, func.count())
         .where(*event_filters(since=since, until=until, type=type,
                               min_confidence=min_confidence))
         .group_by(e.source_country, e.target_country, e.type))
    pairs: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for src, tgt, typ, n in conn.execute(q):
        pairs[tuple(sorted((src, tgt)))][typ] += n
    rows = [_dyad_row(pair, counts) for pair, counts in pairs.items()]
    return sorted(rows, key=lambda r: (-r["events"], r["actors"]))


def _dyad_row(pair: tuple[str, str], counts: Counter) -> dict[str, Any]:
    coop = sum(n for t, n in counts.items() if t in COOPERATION)
    conflict = sum(n for t, n in counts.items() if t in CONFLICT)
    return {"actors": list(pair), "events": sum(counts.values()),
            "types": dict(sorted(counts.items())), "cooperation": coop, "conflict": conflict,
            "balance": _balance(coop, conflict)}


_PERIOD = {"year": 4, "month": 7, "day": 10}


def timeline(conn: Connection, a: str, b: str, by: str = "month", since=None, until=None,
             type=None) -> list[dict[str, Any]]:
    """Events between two actors per period. An event dated less precisely than `by`
    ("2018" with by="month") gets its own, coarser period, sorted before that year's months."""
    if by not in _PERIOD:
        raise ValueError(f"by must be one of {', '.join(_PERIOD)}, not {by!r}")
    n = _PERIOD[by]
    period = func.substr(events.c.date, 1, n)
    q = (select(period, events.c.type, func.count())
         .where(events.c.date.is_not(None),
                *event_filters(dyad=(a, b), since=since, until=until, type=type))
         .group_by(period, events.c.type))
    buckets: dict[str, Counter] = defaultdict(Counter)
    for p, typ, count in conn.execute(q):
        buckets[p][typ] += count
    return [_period_row(p, buckets[p]) for p in sorted(buckets)]


def _period_row(p: str, counts: Counter) -> dict[str, Any]:
    row = _dyad_row(("", ""), counts)
    del row["actors"]
    return {"period": p, **row}


def network(conn: Connection, since=None, until=None, type=None, min_confidence=None
            ) -> dict[str, list[dict[str, Any]]]:
    """Countries as nodes, (source, target, type) event counts as directed edges."""
    e = events.c
    q = (select(e.source_country, e.target_country, e.type, func.count())
         .where(*event_filters(since=since, until=until, type=type,
                               min_confidence=min_confidence))
         .group_by(e.source_country, e.target_country, e.type)
         .order_by(e.source_country, e.target_country, e.type))
    edges, degree = [], Counter()
    for src, tgt, typ, n in conn.execute(q):
        edges.append({"source": src, "target": tgt, "type": typ, "count": n,
                      "cameo": cameo_code(typ)})
        degree[src] += n
        degree[tgt] += n
    nodes = [{"id": c, "events": degree[c]} for c in sorted(degree)]
    return {"nodes": nodes, "edges": edges}


def list_actors(conn: Connection, country: str | None = None, limit: int | None = 100,
                offset: int = 0) -> list[dict[str, Any]]:
    """Resolved actors with the number of reports they take part in, most frequent first."""
    r = reports.c
    keys = union_all(
        select((r.source_country + "|" + func.coalesce(r.source_name, "")).label("key")),
        select((r.target_country + "|" + func.coalesce(r.target_name, "")).label("key")),
    ).subquery()
    counts = select(keys.c.key, func.count().label("n")).group_by(keys.c.key).subquery()
    q = (select(actors, counts.c.n).join(counts, counts.c.key == actors.c.key)
         .order_by(counts.c.n.desc(), actors.c.key).limit(limit).offset(offset))
    if country:
        q = q.where(actors.c.country == country)
    return [{"country": a["country"], "name": a["name"], "role": a["role"],
             "sector": a["sector"], "id": a["qid"], "reports": a["n"]}
            for a in conn.execute(q).mappings()]
