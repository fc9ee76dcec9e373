"""Query filters, dyads, timelines, networks, actors and documents."""
from __future__ import annotations

import pytest

from conftest import make_event, make_result


@pytest.fixture
def filled(store):
    store.ingest([
        make_result("d1", [
            make_event("CONSULT", "RUS", "PRK", "2018-11-04", start=0, confidence=0.9,
                       source_name="Vladimir Poutine", text="Poutine a reçu Kim."),
            make_event("SANCTION", "USA", "PRK", "2018-11", start=30, confidence=0.4,
                       text="Washington sanctionne Pyongyang."),
        ], date="2018-11-05", url="https://ex.org/d1"),
        make_result("d2", [
            make_event("ACCUSE", "PRK", "USA", "2019-02-10", start=0, confidence=0.6,
                       text="Pyongyang accuse Washington."),
            make_event("CONSULT", "PRK", "RUS", "2019-04-25", start=40, confidence=0.7,
                       text="Kim rencontre Poutine à Vladivostok."),
        ], date="2019-04-26", url="https://ex.org/d2"),
        make_result("d3", [
            make_event("AID", "CHN", "PRK", "2017", start=0, confidence=0.5,
                       text="La Chine a livré du riz."),
            make_event("CONSULT", "CUB", "PRK", None, start=30, confidence=0.3,
                       text="Une visite ancienne."),
        ], date="2017-06-01"),
    ])
    return store


def _keys(rows):
    return sorted(f'{e["type"]}:{e["source"]["country"]}>{e["target"]["country"]}' for e in rows)


@pytest.mark.parametrize("filters, expected", [
    ({}, ["ACCUSE:PRK>USA", "AID:CHN>PRK", "CONSULT:CUB>PRK", "CONSULT:PRK>RUS",
          "CONSULT:RUS>PRK", "SANCTION:USA>PRK"]),
    ({"actor": "RUS"}, ["CONSULT:PRK>RUS", "CONSULT:RUS>PRK"]),
    ({"actor": "Vladimir Poutine"}, ["CONSULT:RUS>PRK"]),
    ({"dyad": "RUS,PRK"}, ["CONSULT:PRK>RUS", "CONSULT:RUS>PRK"]),
    ({"dyad": ("USA", "PRK")}, ["ACCUSE:PRK>USA", "SANCTION:USA>PRK"]),
    ({"type": "consult"}, ["CONSULT:CUB>PRK", "CONSULT:PRK>RUS", "CONSULT:RUS>PRK"]),
    ({"type": "AID,SANCTION"}, ["AID:CHN>PRK", "SANCTION:USA>PRK"]),
    ({"since": "2018-11"}, ["ACCUSE:PRK>USA", "CONSULT:PRK>RUS", "CONSULT:RUS>PRK",
                            "SANCTION:USA>PRK"]),
    ({"since": "2019-03"}, ["CONSULT:PRK>RUS"]),
    ({"until": "2018"}, ["AID:CHN>PRK", "CONSULT:RUS>PRK", "SANCTION:USA>PRK"]),
    ({"until": "2018-11-03"}, ["AID:CHN>PRK"]),
    ({"since": "2018", "until": "2018-11"}, ["CONSULT:RUS>PRK", "SANCTION:USA>PRK"]),
    ({"since": "2016-05", "until": "2018-01"}, ["AID:CHN>PRK"]),
    ({"since": "2017-03"}, ["ACCUSE:PRK>USA", "CONSULT:PRK>RUS", "CONSULT:RUS>PRK",
                            "SANCTION:USA>PRK"]),
    ({"min_confidence": 0.65}, ["CONSULT:PRK>RUS", "CONSULT:RUS>PRK"]),
])
def test_event_filters(filled, filters, expected):
    assert _keys(filled.events(**filters)) == expected
    assert filled.count_events(**filters) == len(expected)


def test_events_come_newest_first_and_page(filled):
    dates = [e["date"] for e in filled.events()]
    assert dates == ["2019-04-25", "2019-02-10", "2018-11-04", "2018-11", "2017", None]
    assert [e["date"] for e in filled.events(limit=2, offset=2)] == dates[2:4]


def test_event_rows_carry_evidence_document_url_and_publication_date(filled):
    [row] = filled.events(type="SANCTION")
    assert row["evidence"] == {"text": "Washington sanctionne Pyongyang.", "start": 30,
                               "end": 62}
    assert (row["document"], row["url"], row["published"]) == ("d1", "https://ex.org/d1",
                                                               "2018-11-05")
    assert (row["cameo"], row["report_count"]) == ("16", 1)


def test_bad_dyad_is_refused(filled):
    with pytest.raises(ValueError, match="two actors"):
        filled.events(dyad="RUS")


def test_dyads_count_types_and_balance(filled):
    rows = {tuple(r["actors"]): r for r in filled.dyads()}
    assert rows[("PRK", "RUS")]["types"] == {"CONSULT": 2}
    assert rows[("PRK", "RUS")]["balance"] == 1.0
    assert rows[("PRK", "USA")]["types"] == {"ACCUSE": 1, "SANCTION": 1}
    assert rows[("PRK", "USA")]["balance"] == -1.0
    assert [r["actors"] for r in filled.dyads(since="2019")] == [["PRK", "RUS"], ["PRK", "USA"]]


def test_timeline_by_month_and_year(filled):
    months = filled.timeline("RUS", "PRK", by="month")
    assert [(r["period"], r["events"]) for r in months] == [("2018-11", 1), ("2019-04", 1)]
    years = filled.timeline("PRK", "USA", by="year")
    assert [(r["period"], r["types"]) for r in years] == [
        ("2018", {"SANCTION": 1}), ("2019", {"ACCUSE": 1})]
    with pytest.raises(ValueError):
        filled.timeline("RUS", "PRK", by="week")


def test_network_nodes_and_edges(filled):
    net = filled.network(since="2018")
    assert [n["id"] for n in net["nodes"]] == ["PRK", "RUS", "USA"]
    assert {(e["source"], e["target"], e["type"]) for e in net["edges"]} == {
        ("RUS", "PRK", "CONSULT"), ("PRK", "RUS", "CONSULT"), ("USA", "PRK", "SANCTION"),
        ("PRK", "USA", "ACCUSE")}


def test_actors_and_documents(filled):
    actors = filled.actors()
    assert actors[0]["country"] == "PRK" and actors[0]["reports"] == 6
    assert {"country": "RUS", "name": "Vladimir Poutine", "role": None, "sector": None,
            "id": None, "reports": 1} in actors
    assert [d["id"] for d in filled.documents()] == ["d2", "d1", "d3"]
    doc = filled.document("d1")
    assert doc["text"].startswith("Article d1.") and len(doc["reports"]) == 2
    assert filled.document("nope") is None and filled.event("enope") is None


def test_event_by_report_id(filled):
    [row] = filled.events(type="AID")
    detail = filled.event(row["id"])
    [report] = detail["reports"]
    assert filled.event(report["id"])["id"] == row["id"]
