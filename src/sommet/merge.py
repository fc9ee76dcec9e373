"""One real-world event from many reports.

Reports (one extracted event of one document) are merged when they tell the same occasion:

- same type and same pair of countries (ordered, except CONSULT, AGREE and COOPERATE);
- compatible dates: equal at the coarser precision ("2018-11" fits "2018-11-04"), two day
  dates at most `day_tolerance` days apart (multi-day summits); an undated report merges
  only with undated ones;
- close in time: their reference periods are at most `window_days` apart. The reference
  period is the event date when known to the month or day, else the publication date
  (else the year), so "en 2018" only joins reports published around the same time;
- same place when both say it (location country, and name when both name it).

Reports are visited most precise date first, so a cluster's date is its most precise
date: a precise report refines a vague one. A cluster's id is derived from its smallest
report id, so the same reports always give the same event id. Everything here is a pure
function of the reports: the store can recompute it at any time.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_PRECISION_RANK = {10: 0, 7: 1, 4: 2}


@dataclass(frozen=True)
class MergeSettings:
    window_days: int = 7
    day_tolerance: int = 1


@dataclass
class Cluster:
    """Reports of one real-world event; `reports` are plain dicts as given."""

    reports: list[dict[str, Any]] = field(default_factory=list)
    refs: list[tuple[date, date]] = field(default_factory=list)
    date: str | None = None
    location: tuple[str | None, str | None] | None = None

    @property
    def id(self) -> str:
        return event_id(r["id"] for r in self.reports)

    @property
    def representative(self) -> dict[str, Any]:
        """The surest report (ties: most precise date, then smallest id): it gives the
        event its actors, mode and evidence."""
        return min(self.reports, key=lambda r: (-r["confidence"], _order(r)))


def report_id(document_id: str, type_: str, source: str, target: str, start: int, end: int) -> str:
    """Stable id of one report: the same event from the same document keeps it."""
    key = "|".join([document_id, type_, source, target, str(start), str(end)])
    return "r" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def event_id(report_ids: Iterable[str]) -> str:
    """Stable id of a merged event: named after its smallest report id."""
    return "e" + min(report_ids)[1:]


def group_key(type_: str, source: str, target: str) -> str:
    """The merge unit: type and pair of countries (sorted for symmetric types)."""
    a, b = (sorted((source, target)) if type_ in SYMMETRIC_TYPES else (source, target))
    return f"{type_}|{a}|{b}"


def period(value: str | None) -> tuple[date, date] | None:
    """First and last day covered by a "YYYY[-MM[-DD]]" date."""
    if not value:
        return None
    y = int(value[:4])
    if len(value) == 4:
        return date(y, 1, 1), date(y, 12, 31)
    m = int(value[5:7])
    if len(value) == 7:
        nxt = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
        return date(y, m, 1), nxt - timedelta(days=1)
    d = date(y, m, int(value[8:10]))
    return d, d


def reference(report: dict[str, Any]) -> tuple[date, date] | None:
    """The period a report is anchored to, for the "close in time" test."""
    own = report.get("date")
    if own and len(own) >= 7:
        return period(own)
    return period(report.get("published")) or period(own)


def dates_compatible(a: str | None, b: str | None, tolerance: int) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if len(a) == 10 and len(b) == 10:
        return abs((period(a)[0] - period(b)[0]).days) <= tolerance
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def gap_days(a: tuple[date, date] | None, b: tuple[date, date] | None) -> int:
    """Days between two periods (0 when they overlap; 0 when either is unknown)."""
    if a is None or b is None:
        return 0
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def _location(report: dict[str, Any]) -> tuple[str | None, str | None] | None:
    name, country = report.get("location_name"), report.get("location_country")
    if not name and not country:
        return None
    return (name.casefold() if name else None), country


def places_compatible(a, b) -> bool:
    if a is None or b is None:
        return True
    if a[1] and b[1] and a[1] != b[1]:
        return False
    return not (a[0] and b[0] and a[0] != b[0])


def _order(report: dict[str, Any]) -> tuple:
    d = report.get("date")
    ref = reference(report)
    return (_PRECISION_RANK.get(len(d), 3) if d else 3, d or "", ref[0] if ref else date.min,
            report["id"])


def _fits(cluster: Cluster, report: dict, ref, settings: MergeSettings) -> int | None:
    """Distance in days from the report to the cluster, or None when it cannot join it."""
    if not dates_compatible(cluster.date, report.get("date"), settings.day_tolerance):
        return None
    if not places_compatible(cluster.location, _location(report)):
        return None
    gap = min(gap_days(ref, r) for r in cluster.refs)
    return gap if gap <= settings.window_days else None


def _add(cluster: Cluster, report: dict, ref) -> None:
    if not cluster.reports:
        cluster.date = report.get("date")
    cluster.reports.append(report)
    cluster.refs.append(ref)
    if cluster.location is None:
        cluster.location = _location(report)


def cluster_group(reports: Iterable[dict[str, Any]], settings: MergeSettings = MergeSettings()
                  ) -> list[Cluster]:
    """Merge the reports of one group (same type and pair) into clusters, deterministically."""
    clusters: list[Cluster] = []
    for report in sorted(reports, key=_order):
        ref = reference(report)
        fits = [(gap, i) for i, c in enumerate(clusters)
                if (gap := _fits(c, report, ref, settings)) is not None]
        target = clusters[min(fits)[1]] if fits else None
        if target is None:
            target = Cluster()
            clusters.append(target)
        _add(target, report, ref)
    return clusters


def merge_reports(reports: Iterable[dict[str, Any]], settings: MergeSettings = MergeSettings()
                  ) -> list[Cluster]:
    """Merge reports of any groups: each report needs id, type, source_country,
    target_country, date, published, confidence (location_* optional)."""
    groups: dict[str, list[dict]] = {}
    for r in reports:
        key = group_key(r["type"], r["source_country"], r["target_country"])
        groups.setdefault(key, []).append(r)
    clusters: list[Cluster] = []
    for key in sorted(groups):
        clusters.extend(cluster_group(groups[key], settings))
    return clusters
