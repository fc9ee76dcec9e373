"""The knowledge-base records and how they are read from YAML, with file:line errors.

Every mapping read keeps the line it starts on, so a bad entry is reported as
`DataFileError(path, problem, line)`: unknown key, missing key, wrong type, bad date.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError

LANGS = ("fr", "en", "es")
STATUSES = ("member", "observer", "other", "former")
_CODE_RE = re.compile(r"^(?:[A-Z]{3}|IGO:[A-Za-z0-9]+)$")


@dataclass
class Seat:
    """A seat of power used as a metonym ("le Kremlin")."""

    names: dict[str, list[str]]
    city: str | None = None
    sector: str = "GOV"
    holder: str | None = None  # role of whoever "occupies" it


@dataclass
class Country:
    code: str
    names: dict[str, list[str]]
    iso2: str | None = None
    status: str = "member"
    demonyms: dict[str, list[str]] = field(default_factory=dict)
    capital: dict[str, str] = field(default_factory=dict)
    capital_names: dict[str, list[str]] = field(default_factory=dict)  # capital + variants
    seats: list[Seat] = field(default_factory=list)
    groups: list[Seat] = field(default_factory=list)  # armed groups and movements acting for or in it
    successor: str | None = None
    note: str | None = None
    source: str = ""


@dataclass
class Igo:
    code: str
    names: dict[str, list[str]]
    abbreviations: dict[str, list[str]] = field(default_factory=dict)
    parent: str | None = None
    city: str | None = None
    note: str | None = None
    bodies: dict[str, str] = field(default_factory=dict)   # body name -> role of its president
    source: str = ""


@dataclass(frozen=True)
class Role:
    """A dated role; `start` is the first day, `end` the first day out of office (or None)."""

    role: str
    country: str
    sector: str
    start: dt.date | None
    end: dt.date | None

    def overlap(self, first: dt.date, after: dt.date) -> int:
        """Days of the period [first, after) this role covers."""
        lo = max(first, self.start) if self.start else first
        hi = min(after, self.end) if self.end else after
        return max((hi - lo).days, 0)


@dataclass
class Person:
    canonical: str
    qid: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    source: str = ""


class LineDict(dict):
    """A mapping that remembers the line it starts on (1-based)."""

    line: int | None = None


class _Loader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):  # noqa: D102
        seen = set()
        for k, _ in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {k.value!r}", k.start_mark)
            seen.add(getattr(k, "value", None))
        out = LineDict(super().construct_mapping(node, deep=True))
        out.line = node.start_mark.line + 1
        return out

    def construct_yaml_timestamp(self, node):  # noqa: D102
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"bad date {node.value!r} ({exc})", node.start_mark) from exc


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_yaml(path: Path | str) -> Any:
    """Parse a YAML file keeping line numbers; errors name the file and line."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataFileError(str(path), f"invalid YAML: {getattr(exc, 'problem', exc)}", line) from exc


def load_entries(path: Path | str) -> list[LineDict]:
    """A file holding a YAML list of mappings (an empty file is an empty list)."""
    data = load_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise DataFileError(str(path), "expected a list of entries ('- code: ...' or '- name: ...')", 1)
    return data


def entry_kind(entry: LineDict, path: str) -> str:
    """'person', 'igo' or 'country', from the entry's identifying key."""
    if "name" in entry:
        return "person"
    code = entry.get("code")
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise DataFileError(path, f"entry needs 'name' (person) or a 'code' like PRK or IGO:UN, got {code!r}",
                            entry.line)
    return "igo" if code.startswith("IGO:") else "country"


_KEYS = {
    "country": ({"code"}, {"iso2", "status", "names", "demonyms", "capital", "seats", "groups", "successor", "note"}),
    "igo": ({"code"}, {"names", "abbreviations", "parent", "city", "note", "bodies"}),
    "person": ({"name"}, {"qid", "aliases", "roles", "note"}),
    "role": ({"role", "country"}, {"start", "end", "sector", "note"}),
    "seat": ({"names"}, {"city", "sector", "holder"}),
}


def check_keys(entry: Any, kind: str, path: str, line: int | None = None) -> None:
    """Refuse a non-mapping, an unknown key or a missing key."""
    line = getattr(entry, "line", None) or line
    if not isinstance(entry, dict):
        raise DataFileError(path, f"a {kind} must be a mapping, got {entry!r}", line)
    required, optional = _KEYS[kind]
    for key in entry:
        if key not in required | optional:
            known = ", ".join(sorted(required | optional))
            raise DataFileError(path, f"unknown key {key!r} in {kind} entry (known keys: {known})", line)
    for key in sorted(required - set(entry)):
        raise DataFileError(path, f"{kind} entry is missing {key!r}", line)


def lang_lists(value: Any, what: str, path: str, line: int | None) -> dict[str, list[str]]:
    """{lang: [str, ...]}; a single string is accepted as a one-item list."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DataFileError(path, f"{what} must map a language to a list of names", line)
    out = {}
    for lang, names in value.items():
        names = [names] if isinstance(names, str) else names
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise DataFileError(path, f"{what}.{lang} must be a list of strings, got {names!r}", line)
        out[str(lang)] = list(names)
    return out


def parse_date(value: Any, path: str, line: int | None, end: bool = False) -> dt.date | None:
    """YYYY-MM-DD, YYYY-MM or YYYY -> first day of it, or for an end of a partial date the day after it."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", str(value).strip())
    if not m or not 1 <= int(m.group(2) or 1) <= 12:
        raise DataFileError(path, f"bad date {value!r}: expected YYYY-MM-DD, YYYY-MM or YYYY", line)
    year, month = int(m.group(1)), int(m.group(2)) if m.group(2) else None
    if not end:
        return dt.date(year, month or 1, 1)
    if month is None:
        return dt.date(year + 1, 1, 1)
    return dt.date(year, month, calendar.monthrange(year, month)[1]) + dt.timedelta(days=1)


def parse_country(e: LineDict, path: str) -> Country:
    check_keys(e, "country", path)
    status = e.get("status", "member")
    if status not in STATUSES:
        raise DataFileError(path, f"status must be one of {', '.join(STATUSES)}, got {status!r}", e.line)
    capitals = lang_lists(e.get("capital"), "capital", path, e.line)
    return Country(
        code=e["code"], iso2=e.get("iso2"), status=status, source=path,
        names=lang_lists(e.get("names"), "names", path, e.line),
        demonyms=lang_lists(e.get("demonyms"), "demonyms", path, e.line),
        capital={lang: names[0] for lang, names in capitals.items() if names},
        capital_names=capitals, seats=[parse_seat(s, path, e.line) for s in e.get("seats") or []],
        groups=[parse_seat(g, path, e.line) for g in e.get("groups") or []],
        successor=e.get("successor"), note=e.get("note"))


def parse_seat(s: Any, path: str, line: int | None) -> Seat:
    check_keys(s, "seat", path, line)
    line = getattr(s, "line", line)
    return Seat(names=lang_lists(s["names"], "seat names", path, line), city=s.get("city"),
                sector=s.get("sector", "GOV"), holder=s.get("holder"))


def parse_igo(e: LineDict, path: str) -> Igo:
    check_keys(e, "igo", path)
    bodies = e.get("bodies") or {}
    if not isinstance(bodies, dict) or not all(isinstance(v, str) for v in bodies.values()):
        raise DataFileError(path, f"bodies of {e['code']!r} must map a body's name to a role", e.line)
    return Igo(code=e["code"], names=lang_lists(e.get("names"), "names", path, e.line),
               abbreviations=lang_lists(e.get("abbreviations"), "abbreviations", path, e.line),
               parent=e.get("parent"), city=e.get("city"), note=e.get("note"),
               bodies=dict(bodies), source=path)


def parse_person(e: LineDict, path: str, sectors: dict[str, str]) -> Person:
    """A person; `sectors` maps every known role name to its default sector."""
    check_keys(e, "person", path)
    aliases = e.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise DataFileError(path, f"aliases of {e['name']!r} must be a list of strings", e.line)
    roles = [parse_role(r, path, e.line, sectors) for r in e.get("roles") or []]
    return Person(canonical=str(e["name"]), qid=e.get("qid"), aliases=list(aliases), roles=roles,
                  source=path)


def parse_role(r: Any, path: str, line: int | None, sectors: dict[str, str]) -> Role:
    check_keys(r, "role", path, line)
    line = getattr(r, "line", line)
    if r["role"] not in sectors:
        raise DataFileError(path, f"unknown role {r['role']!r} (roles.yml knows: {', '.join(sectors)})", line)
    if not isinstance(r["country"], str) or not _CODE_RE.match(r["country"]):
        raise DataFileError(path, f"role country must be like PRK or IGO:UN, got {r['country']!r}", line)
    start, end = parse_date(r.get("start"), path, line), parse_date(r.get("end"), path, line, end=True)
    if start and end and end < start:
        raise DataFileError(path, f"role ends ({r.get('end')}) before it starts ({r.get('start')})", line)
    return Role(role=r["role"], country=r["country"], sector=r.get("sector") or sectors[r["role"]],
                start=start, end=end)
