"""One occasion, one event: reports of the same event inside one document are merged.

Two reports are the same occasion when they have the same type, the same pair of
countries (unordered for CONSULT, AGREE and COOPERATE) and compatible dates (equal, one
more precise than the other, or one unknown). The merged event keeps the clearest report
as evidence, the most precise date, and a confidence raised by each extra report.
"""
from __future__ import annotations

from ..models import Event

SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
MODE_RANK = {"visit": 3, "summit": 2, "letter": 1}
# Acts that are occasions of their own: a summons is not the statement made the same day,
# a phone call not the visit.
OWN_OCCASION_MODES = {"summon", "recall", "phone", "letter"}


def dyad_key(e: Event):
    pair = (e.source.country, e.target.country)
    return (e.type, frozenset(pair) if e.type in SYMMETRIC else pair)


def compatible(a: Event, b: Event) -> bool:
    """Same occasion as far as dates and modality tell: equal or nested dates, or a date
    that only defaulted to the publication date next to one the text gives (a visit told
    today that began yesterday). A planned event is not the one being reported, unless both
    are dated alike ("Poutine a accueilli Xi mardi ... les deux dirigeants doivent avoir des
    discussions")."""
    if a.mode != b.mode and {a.mode, b.mode} & OWN_OCCASION_MODES:
        return False
    if a.date is None or b.date is None:
        return a.scheduled == b.scheduled
    if a.date.value.startswith(b.date.value) or b.date.value.startswith(a.date.value):
        return True
    if "publication" in (a.date_source, b.date_source):
        return a.date.value[:7] == b.date.value[:7]
    return False


def merge_occasions(events: list[Event]) -> list[Event]:
    """Events in document order, one per occasion."""
    kept: list[list[Event]] = []
    for e in events:
        same = next((g for g in kept if dyad_key(g[0]) == dyad_key(e)
                     and all(compatible(x, e) for x in g)), None)
        if same is None:
            kept.append([e])
        else:
            same.append(e)
    return [_merge(g) for g in kept]


def _merge(reports: list[Event]) -> Event:
    top = max(e.confidence for e in reports)
    best = min((e for e in reports if e.confidence >= top - 0.05), key=lambda e: e.evidence.start)
    dated = [e for e in reports if e.date]
    if dated:
        chosen = max(dated, key=lambda e: (e.date_source == "text", len(e.date.value)))
        best.date, best.date_source = chosen.date, chosen.date_source
    visit = max(reports, key=lambda e: MODE_RANK.get(e.mode or "", 0))
    if MODE_RANK.get(visit.mode or "", 0) > MODE_RANK.get(best.mode or "", 0):
        best.mode, best.source, best.target = visit.mode, visit.source, visit.target
    if best.location is None:
        best.location = next((e.location for e in reports if e.location), None)
    best.scheduled = all(e.scheduled for e in reports)
    best.confidence = round(min(0.99, best.confidence + 0.06 * (len(reports) - 1)), 3)
    return best
