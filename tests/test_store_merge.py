"""Merging reports of one occasion from several articles into one event."""
from __future__ import annotations

import pytest

from conftest import make_event, make_result
from sommet.merge import cluster_group, dates_compatible, event_id, merge_reports


def _report(rid, date, published="2018-11-05", type_="CONSULT", a="RUS", b="PRK",
            location=None, confidence=0.8):
    name, country = location or (None, None)
    return {"id": rid, "type": type_, "source_country": a, "target_country": b, "date": date,
            "published": published, "location_name": name, "location_country": country,
            "confidence": confidence}


@pytest.mark.parametrize("a, b, compatible", [
    ("2018-11-04", "2018-11", True),
    ("2018-11-04", "2018", True),
    ("2018-11-04", "2018-11-05", True),   # two-day summit
    ("2018-11-04", "2018-11-07", False),
    ("2018-11", "2018-12", False),
    (None, None, True),
    ("2018-11-04", None, False),
])
def test_date_compatibility(a, b, compatible):
    assert dates_compatible(a, b, tolerance=1) is compatible
    assert dates_compatible(b, a, tolerance=1) is compatible


def test_precise_report_refines_the_merged_date():
    [cluster] = cluster_group([_report("r1", "2018-11"), _report("r2", "2018-11-04")])
    assert cluster.date == "2018-11-04"
    assert cluster.id == "e1"


def test_reports_in_other_places_stay_apart():
    clusters = cluster_group([_report("r1", "2018-11-04", location=("Moscou", "RUS")),
                              _report("r2", "2018-11-04", location=("Pyongyang", "PRK")),
                              _report("r3", "2018-11-04")])
    assert sorted(len(c.reports) for c in clusters) == [1, 2]


def test_year_only_report_far_in_time_stays_apart():
    clusters = cluster_group([_report("r1", "2018-04-27", published="2018-04-28"),
                              _report("r2", "2018", published="2018-12-20")])
    assert len(clusters) == 2


def test_meeting_pairs_are_unordered_but_accusations_are_not():
    merged = merge_reports([_report("r1", "2018-11-04"),
                            _report("r2", "2018-11-04", a="PRK", b="RUS")])
    apart = merge_reports([_report("r1", "2018-11-04", type_="ACCUSE"),
                           _report("r2", "2018-11-04", type_="ACCUSE", a="PRK", b="RUS")])
    assert (len(merged), len(apart)) == (1, 2)


def test_merge_does_not_depend_on_input_order():
    reports = [_report(f"r{i}", d) for i, d in
               enumerate(["2018-11-04", "2018-11", "2018-06-01", "2018-11-05", "2018"])]
    forward = {c.id: sorted(r["id"] for r in c.reports) for c in cluster_group(reports)}
    backward = {c.id: sorted(r["id"] for r in c.reports) for c in cluster_group(reports[::-1])}
    assert forward == backward


def test_event_id_comes_from_the_smallest_report_id():
    assert event_id(["rb2", "ra1", "rc3"]) == "ea1"


def _summit(doc_id, date, published, start=0, confidence=0.8, location=None):
    text = "Kim Jong-un a rencontré Vladimir Poutine à Vladivostok."
    return make_result(doc_id, [make_event("CONSULT", "PRK", "RUS", date, start=start,
                                           confidence=confidence, text=text,
                                           location=location, mode="summit")],
                       date=published, url=f"https://ex.org/{doc_id}")


def test_same_summit_in_two_articles_is_one_event_with_two_sources(store):
    store.ingest([_summit("lemonde", "2019-04", "2019-04-24"),
                  _summit("figaro", "2019-04-25", "2019-04-25", confidence=0.7,
                          location=("Vladivostok", "RUS"))])
    [event] = store.events()
    assert event["report_count"] == 2
    assert event["date"] == "2019-04-25"
    assert event["location"]["name"] == "Vladivostok"
    assert [s["document"] for s in event["sources"]] == ["lemonde", "figaro"]
    detail = store.event(event["id"])
    assert {r["document"] for r in detail["reports"]} == {"lemonde", "figaro"}


def test_event_ids_survive_reingest_and_remerge(store, tmp_path):
    results = [_summit("a", "2019-04-25", "2019-04-25"), _summit("b", "2019-04", "2019-04-26")]
    store.ingest(results)
    ids = [e["id"] for e in store.events()]
    store.merge()
    store.ingest(results)
    assert [e["id"] for e in store.events()] == ids
    from sommet.store import Store
    with Store.open(str(tmp_path / "fresh.db")) as fresh:
        fresh.ingest(results[::-1])
        assert [e["id"] for e in fresh.events()] == ids


def test_a_third_report_of_another_summit_stays_apart(store):
    store.ingest([_summit("a", "2019-04-25", "2019-04-25"),
                  _summit("b", "2019-04-25", "2019-04-26"),
                  _summit("c", "2023-09-13", "2023-09-13")])
    assert sorted(e["report_count"] for e in store.events()) == [1, 2]


def test_replacing_a_document_splits_its_merged_event(store):
    store.ingest([_summit("a", "2019-04-25", "2019-04-25"),
                  _summit("b", "2019-04-25", "2019-04-26")])
    changed = make_result("b", [make_event("SANCTION", "USA", "RUS", "2019-04-26")],
                          text="Nouvelles sanctions.", date="2019-04-26")
    store.ingest([changed])
    assert sorted((e["type"], e["report_count"]) for e in store.events()) == [
        ("CONSULT", 1), ("SANCTION", 1)]
