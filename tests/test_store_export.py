"""Every export format, read back by its own library."""
from __future__ import annotations

import csv
import json

import networkx as nx
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_event, make_result
from sommet.store.cameo import cameo_code, plover_event


@pytest.fixture
def exported(store):
    store.ingest([
        make_result("a", [make_event("CONSULT", "PRK", "RUS", "2019-04-25", mode="summit",
                                     source_name="Kim Jong-un",
                                     location=("Vladivostok", "RUS", 43.1, 131.9))],
                    date="2019-04-25", url="https://ex.org/a"),
        make_result("b", [make_event("CONSULT", "RUS", "PRK", "2019-04", start=10)],
                    date="2019-04-26", url="https://ex.org/b"),
        make_result("c", [make_event("AGREE", "CHN", "PRK", "2019", mode="sign"),
                          make_event("CONSULT", "USA", "PRK", None, start=50, scheduled=True,
                                     text="Trump doit rencontrer Kim.")],
                    date="2019-06-01"),
    ])
    return store


def test_jsonl(exported, tmp_path):
    path = tmp_path / "events.jsonl"
    assert exported.export("jsonl", path) == 3
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    summit = next(r for r in rows if r["report_count"] == 2)
    assert summit["cameo"] == "04" and summit["date"] == "2019-04-25"
    assert [s["document"] for s in summit["sources"]] == ["a", "b"]


def test_csv_keeps_codes_as_strings(exported, tmp_path):
    path = tmp_path / "events.csv"
    exported.export("csv", path)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["cameo"] for r in rows} == {"04", "05", "03"}
    summit = next(r for r in rows if r["report_count"] == "2")
    assert summit["sources"] == "a;b" and summit["location_name"] == "Vladivostok"


def test_parquet(exported, tmp_path):
    path = tmp_path / "events.parquet"
    exported.export("parquet", path)
    table = pq.read_table(path)
    assert str(table.schema.field("cameo").type) == "string"
    rows = table.to_pylist()
    summit = next(r for r in rows if r["report_count"] == 2)
    assert summit["sources"] == ["a", "b"] and summit["location_lat"] == 43.1


def test_graphml(exported, tmp_path):
    path = tmp_path / "events.graphml"
    exported.export("graphml", path)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert sorted(graph.nodes) == ["CHN", "PRK", "RUS", "USA"]
    assert graph.number_of_edges() == 3
    cameos = sorted(d["cameo"] for _, _, d in graph.edges(data=True))
    assert cameos == ["03", "04", "05"]


def test_plover_records_use_the_manual_coding(exported, tmp_path):
    path = tmp_path / "events.plover.jsonl"
    exported.export("plover", path)
    rows = {r["sommet_type"] + str(r["scheduled"]): r
            for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    assert rows["AGREEFalse"]["event"] == "SUPPORT"
    assert rows["CONSULTTrue"]["event"] == "AGREE"
    summit = rows["CONSULTFalse"]
    assert summit["actor"][0]["actor_name"] == "Kim Jong-un"
    assert summit["recipient"][0]["country"] == "RUS"
    assert summit["event_loc"]["name"] == "Vladivostok"
    assert summit["cite_info"]["url"] == "https://ex.org/a"
    assert set(summit) >= {"event_text", "text_info", "mode", "cameo"}


def test_unknown_format_is_refused(exported, tmp_path):
    with pytest.raises(ValueError, match="parquet"):
        exported.export("xlsx", tmp_path / "x")


def test_export_of_an_empty_selection_still_reads_back(exported, tmp_path):
    exported.export("csv", tmp_path / "e.csv", type="ASSAULT")
    exported.export("parquet", tmp_path / "e.parquet", type="ASSAULT")
    assert "cameo" in (tmp_path / "e.csv").read_text(encoding="utf-8")
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0


def test_cameo_departures():
    assert cameo_code("CONSULT") == "04"
    assert cameo_code("CONSULT", scheduled=True) == "03"
    assert cameo_code("AGREE", "sign") == "05"
    assert plover_event("AGREE", "sign") == "SUPPORT"
    assert cameo_code("NOT-A-TYPE") is None


_names = st.one_of(st.none(), st.text(min_size=1, max_size=30))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_names, text=st.text(min_size=1, max_size=60), confidence=st.floats(0, 1))
def test_any_names_and_evidence_round_trip_through_every_format(tmp_path_factory, name, text,
                                                               confidence):
    from sommet.store import Store

    folder = tmp_path_factory.mktemp("roundtrip")
    with Store.open(str(folder / "s.db")) as store:
        store.ingest([make_result("x", [make_event("AID", "FRA", "HTI", "2020-01-02",
                                                   source_name=name, text=text,
                                                   confidence=confidence)])])
        for fmt in ("csv", "parquet", "graphml", "jsonl"):
            store.export(fmt, folder / f"out.{fmt}")
    with (folder / "out.csv").open(encoding="utf-8", newline="") as f:
        [row] = list(csv.DictReader(f))
    [prow] = pq.read_table(folder / "out.parquet").to_pylist()
    [(_, _, edge)] = nx.read_graphml(folder / "out.graphml", force_multigraph=True
                                     ).edges(data=True)
    [jrow] = [json.loads(line) for line in (folder / "out.jsonl").read_text(
        encoding="utf-8").splitlines()]
    assert prow["evidence_text"] == jrow["evidence"]["text"] == text
    assert prow["source_name"] == jrow["source"]["name"] == name
    assert row["cameo"] == prow["cameo"] == edge["cameo"] == "07"
