"""The records that flow through sommet: Document in, Event out.

Every record that comes from text keeps the document id and a character span into the
document text *as given* (before cleaning), so any figure can be traced back to its source.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class DateValue:
    """A date exactly as precise as known: "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""

    value: str

    def __post_init__(self) -> None:
        if not _DATE_RE.match(self.value):
            raise ValueError(f"not a YYYY[-MM[-DD]] date: {self.value!r}")

    @classmethod
    def parse(cls, text: str | None) -> DateValue | None:
        """Read the leading YYYY[-MM[-DD]] of a string (ISO timestamps too); None if absent."""
        if not text:
            return None
        m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(text))
        if not m:
            return None
        y, mo, d = m.groups()
        return cls.of(int(y), int(mo) if mo else None, int(d) if d else None)

    @classmethod
    def of(cls, year: int, month: int | None = None, day: int | None = None) -> DateValue:
        if month is None:
            return cls(f"{year:04d}")
        if day is None:
            return cls(f"{year:04d}-{month:02d}")
        return cls(f"{year:04d}-{month:02d}-{day:02d}")

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]

    @property
    def year(self) -> int:
        return int(self.value[:4])

    @property
    def month(self) -> int | None:
        return int(self.value[5:7]) if len(self.value) >= 7 else None

    @property
    def day(self) -> int | None:
        return int(self.value[8:10]) if len(self.value) == 10 else None

    def __str__(self) -> str:
        return self.value


@dataclass
class Document:
    """One input article. `text` is kept exactly as read; offsets point into it."""

    id: str
    text: str
    date: DateValue | None = None
    url: str | None = None
    lang: str | None = None
    source: str | None = None  # file path or "<stdin>", for messages
    errors: list[str] = field(default_factory=list)


@dataclass
class Actor:
    """Who acts: a country (ISO alpha-3 or IGO:XX), optionally a named person with a role."""

    country: str
    name: str | None = None
    role: str | None = None
    sector: str | None = None
    id: str | None = None  # Wikidata QID when known
    inferred: bool = False  # person inferred from a role phrase and the date, not named

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if not d["id"]:
            del d["id"]
        if not d["inferred"]:
            del d["inferred"]
        return d


@dataclass
class Place:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Evidence:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    """One extracted event in the contract form of EVENTS.md."""

    type: str
    source: Actor
    target: Actor
    evidence: Evidence
    mode: str | None = None
    date: DateValue | None = None
    location: Place | None = None
    confidence: float = 0.5
    scheduled: bool = False
    trigger: str | None = None  # the cue word(s) that fired, for explanations
    date_source: str = "text"   # "text", or "publication" when the date defaulted to it

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "type": self.type,
            "mode": self.mode,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "date": self.date.value if self.date else None,
            "location": self.location.to_dict() if self.location else None,
            "evidence": self.evidence.to_dict(),
            "confidence": round(self.confidence, 3),
        }
        if self.scheduled:
            d["scheduled"] = True
        if self.trigger:
            d["trigger"] = self.trigger
        return d


@dataclass
class DocResult:
    """What `sommet extract` writes for one document."""

    document: Document
    events: list[Event] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return self.document.errors

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "id": doc.id,
            "lang": doc.lang,
            "date": doc.date.value if doc.date else None,
            "url": doc.url,
            "events": [e.to_dict() for e in self.events],
            "errors": list(doc.errors),
        }
