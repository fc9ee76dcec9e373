"""Exports of merged events for pandas, R, Gephi and event-data tools.

    jsonl    one event per line, contract fields + cameo, sources and report count
    csv      one flat row per event (lists joined with ";")
    parquet  the flat rows, typed (codes stay strings; sources/urls as lists)
    graphml  countries as nodes, one directed edge per event (Gephi, networkx)
    plover   one PLOVER 2.0 JSON record per line (PLOVER's own event coding)
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any, Callable, Iterator

from sommet.store.cameo import plover_event

FORMATS = ("jsonl", "csv", "parquet", "graphml", "plover")
_PAGE = 1000


def iter_events(store, **filters) -> Iterator[dict[str, Any]]:
    """All merged events matching the filters, page by page."""
    offset = 0
    while True:
        page = store.events(limit=_PAGE, offset=offset, **filters)
        yield from page
        if len(page) < _PAGE:
            return
        offset += _PAGE


def flat(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a flat record of scalars (and two lists: sources, urls)."""
    row: dict[str, Any] = {k: event[k] for k in ("id", "type", "mode", "cameo")}
    row["plover_event"] = plover_event(event["type"], event["mode"], event["scheduled"])
    for side in ("source", "target"):
        actor = event[side]
        for k in ("country", "name", "role", "sector", "id"):
            row[f"{side}_{k}"] = actor.get(k)
    row.update(date=event["date"], date_precision=event["date_precision"])
    loc = event["location"] or {}
    for k in ("name", "country", "lat", "lon"):
        row[f"location_{k}"] = loc.get(k)
    row.update({k: event[k] for k in ("confidence", "scheduled", "report_count",
                                      "document_count", "document", "url", "published")})
    ev = event["evidence"]
    row.update(evidence_text=ev["text"], evidence_start=ev["start"], evidence_end=ev["end"])
    row["sources"] = [s["document"] for s in event["sources"]]
    row["urls"] = [s["url"] for s in event["sources"] if s["url"]]
    return row


_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_line(record: dict[str, Any]) -> str:
    """One JSON record on one line, readable, safe for tools that split on any line break."""
    text = json.dumps(record, ensure_ascii=False)
    for char, escaped in _LINE_BREAKS.items():
        text = text.replace(char, escaped)
    return text + "\n"


def write_jsonl(events: Iterator[dict], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for n, event in enumerate(events, 1):
            out.write(json_line(event))
    return n


def write_csv(events: Iterator[dict], path: Path) -> int:
    n, writer = 0, None
    with path.open("w", encoding="utf-8", newline="") as out:
        for n, event in enumerate(events, 1):
            row = flat(event)
            row["sources"], row["urls"] = ";".join(row["sources"]), ";".join(row["urls"])
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
        if writer is None:
            csv.DictWriter(out, fieldnames=list(_EMPTY_ROW)).writeheader()
    return n


def _parquet_schema():
    import pyarrow as pa

    types = {"location_lat": pa.float64(), "location_lon": pa.float64(), "confidence": pa.float64(),
             "scheduled": pa.bool_(), "report_count": pa.int32(), "document_count": pa.int32(),
             "evidence_start": pa.int32(), "evidence_end": pa.int32(),
             "sources": pa.list_(pa.string()), "urls": pa.list_(pa.string())}
    return pa.schema([(name, types.get(name, pa.string())) for name in _EMPTY_ROW])


def write_parquet(events: Iterator[dict], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    rows = [flat(e) for e in events]
    columns = {f.name: [r[f.name] for r in rows] for f in schema}
    pq.write_table(pa.table(columns, schema=schema), path)
    return len(rows)


def write_graphml(events: Iterator[dict], path: Path) -> int:
    import networkx as nx

    graph = nx.MultiDiGraph()
    n = 0
    for n, event in enumerate(events, 1):
        row = flat(event)
        a, b = row["source_country"], row["target_country"]
        for node in (a, b):
            if node not in graph:
                graph.add_node(node, label=node, events=0)
            graph.nodes[node]["events"] += 1
        attrs = {k: _graphml_value(v) for k, v in row.items()
                 if k not in ("source_country", "target_country")}
        graph.add_edge(a, b, key=row["id"], **attrs)
    nx.write_graphml(graph, path)
    return n


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _graphml_value(value: Any) -> Any:
    """GraphML takes neither None nor lists (empty strings and ";"-joined strings instead),
    nor characters XML 1.0 forbids (replaced by U+FFFD)."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = ";".join(value)
    if isinstance(value, str):
        return _NOT_XML.sub("\ufffd", value)
    return value


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a PLOVER 2.0 record (PLOVER's coding; sommet's type kept alongside)."""
    loc = event["location"]
    ev = event["evidence"]
    return {
        "id": event["id"],
        "date": event["date"] or event["published"],
        "event": plover_event(event["type"], event["mode"], event["scheduled"]),
        "mode": event["mode"] or "",
        "context": [],
        "actor": [_plover_actor(event["source"])],
        "recipient": [_plover_actor(event["target"])],
        "event_loc": ({"name": loc["name"], "country": loc["country"], "lat": loc["lat"],
                       "lon": loc["lon"]} if loc else {}),
        "event_text": ev["text"],
        "text_info": {"story_id": event["document"], "sentence": ev["text"],
                      "start": ev["start"], "end": ev["end"]},
        "cite_info": {"url": event["url"], "date_published": event["published"],
                      "sources": event["sources"], "report_count": event["report_count"]},
        "cameo": event["cameo"],
        "confidence": event["confidence"],
        "date_precision": event["date_precision"],
        "sommet_type": event["type"],
        "scheduled": event["scheduled"],
    }


def _plover_actor(actor: dict[str, Any]) -> dict[str, Any]:
    return {"actor_name": actor.get("name") or actor["country"], "country": actor["country"],
            "sector": actor.get("sector"), "role": actor.get("role"), "wikidata": actor.get("id")}


def write_plover(events: Iterator[dict], path: Path) -> int:
    return write_jsonl((plover_record(e) for e in events), path)


WRITERS: dict[str, Callable[[Iterator[dict], Path], int]] = {
    "jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet,
    "graphml": write_graphml, "plover": write_plover,
}

_EMPTY_ROW = flat({
    "id": "", "type": "", "mode": None, "cameo": None, "scheduled": False,
    "source": {"country": ""}, "target": {"country": ""}, "date": None,
    "date_precision": None, "location": None, "confidence": 0.0, "report_count": 0,
    "document_count": 0, "document": "", "url": None, "published": None,
    "evidence": {"text": "", "start": 0, "end": 0}, "sources": [],
})


def export(store, format: str, path: str | Path, **filters) -> int:
    """Write the store's merged events matching `filters` to `path`; return how many."""
    if format not in WRITERS:
        raise ValueError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    return WRITERS[format](iter_events(store, **filters), Path(path))
