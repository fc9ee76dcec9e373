"""CAMEO root codes and PLOVER coding of sommet events, from data/cameo.yml."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sommet.errors import DataFileError


@dataclass(frozen=True)
class CameoTable:
    roots: dict[str, str]
    modes: dict[str, dict[str, str]]
    departures: tuple[dict[str, Any], ...]

    def departure(self, type_: str, mode: str | None, scheduled: bool) -> dict[str, Any] | None:
        """The departure rule an event falls under, if any."""
        for rule in self.departures:
            if rule["type"] != type_:
                continue
            if "mode" in rule and rule["mode"] != mode:
                continue
            if "scheduled" in rule and bool(rule["scheduled"]) != scheduled:
                continue
            return rule
        return None


def _check(path: str, data: Any) -> CameoTable:
    if not isinstance(data, dict) or not isinstance(data.get("roots"), dict):
        raise DataFileError(path, "expected a mapping with a 'roots' table")
    codes = [*data["roots"].values(), *(c for m in (data.get("modes") or {}).values()
                                        for c in m.values()),
             *(r.get("cameo") for r in data.get("departures") or [])]
    bad = [c for c in codes if not (isinstance(c, str) and c.isdigit() and len(c) == 2)]
    if bad:
        raise DataFileError(path, f"CAMEO root codes must be quoted two-digit strings: {bad}")
    return CameoTable(dict(data["roots"]), dict(data.get("modes") or {}),
                      tuple(data.get("departures") or ()))


@lru_cache(maxsize=1)
def table() -> CameoTable:
    ref = resources.files("sommet") / "data" / "cameo.yml"
    return _check(str(ref), yaml.safe_load(ref.read_text(encoding="utf-8")))


def cameo_code(type_: str, mode: str | None = None, scheduled: bool = False) -> str | None:
    """The CAMEO root code ("04") of a sommet event; None for an unknown type."""
    t = table()
    rule = t.departure(type_, mode, scheduled)
    if rule:
        return rule["cameo"]
    return t.modes.get(type_, {}).get(mode or "") or t.roots.get(type_)


def plover_event(type_: str, mode: str | None = None, scheduled: bool = False) -> str:
    """The PLOVER 2.0 event type the manual gives to a sommet event."""
    rule = table().departure(type_, mode, scheduled)
    return rule["plover"]["event"] if rule else type_
