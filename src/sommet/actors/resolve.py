"""KnowledgeBase.lookup(): a phrase -> Actor, with the reason in words.

Tried in order: a person's name or alias ("Poutine", "M. Poutine"), a name of a country,
organisation or seat ("l'ONU", "le Kremlin"), then a role phrase with a country on either
side ("le président américain", "the US president", "le locataire de la Maison-Blanche") or
inside it ("le ministre russe des Affaires étrangères").
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import Actor
from .roles import SEAT, TITLES, fold, join, key, without_title

if TYPE_CHECKING:
    from .datafile import Person, Role
    from .kb import KnowledgeBase


_KINDS = {"country": "a name of", "demonym": "a demonym of", "metonym": "a metonym (capital or seat) of",
          "igo": "a name of the organisation"}


@dataclass
class Resolution:
    actor: Actor
    why: str


def resolve_phrase(kb: KnowledgeBase, toks: tuple[str, ...], phrase: str, date, lang: str) -> Resolution | None:
    whole, toks = toks, kb.roles.strip(toks, lang)
    if not toks:
        return None
    # names that begin with an article ("La Havane", "Le Caire") are tried whole first
    return (_as_person(kb, toks, date) or (whole != toks and _as_name(kb, whole, lang))
            or _as_name(kb, toks, lang) or _as_role(kb, toks, date, lang))


def strip_title(phrase: str) -> str:
    """A name without its courtesy title: "M. Poutine" -> "poutine" (normalised)."""
    return key(without_title(phrase))


def _as_person(kb: KnowledgeBase, toks, date) -> Resolution | None:
    if len(toks) > 1 and toks[0] in TITLES:
        toks = toks[1:]
    person = kb.person(join(toks), date)
    if person is None or not person.roles:
        return None
    role, held = _role_of(kb, person, date)
    when = f"on {date}" if date else "now"
    how = "held" if held else "holds no role " + when + "; latest known role:"
    why = (f"'{join(toks)}' names {person.canonical} ({_file(person.source)}), who {how} "
           f"{role.role} of {role.country} {_span(role)}" + (f", covering {date}" if held and date else ""))
    return Resolution(_actor(role.country, name=person.canonical, role=role.role, sector=role.sector,
                             id=person.qid), why)


def _role_of(kb: KnowledgeBase, person: Person, date) -> tuple[Role, bool]:
    """The most senior role held at the date (or now), else the latest one started before it."""
    from .kb import period

    span = period(date)
    order = list(kb.roles.roles)
    active = [r for r in person.roles if (r.overlap(*span) if span else r.end is None)]
    if active:
        return min(active, key=lambda r: order.index(r.role) if r.role in order else len(order)), True
    before = [r for r in person.roles if not span or not r.start or r.start < span[0]] or person.roles
    return max(before, key=lambda r: (r.start is not None, r.start)), False


def _as_name(kb: KnowledgeBase, toks, lang: str) -> Resolution | None:
    hit = _alias(kb, toks, lang)
    if hit is None:
        return None
    kind, code = hit
    seat = _seat(kb, toks, lang) if kind == "metonym" else None
    why = f"'{join(toks)}' is {_KINDS[kind]} {code} ({_source(kb, code)})"
    return Resolution(_actor(code, sector=seat.sector if seat else None), why)


def _as_role(kb: KnowledgeBase, toks, date, lang: str) -> Resolution | None:
    """Split the phrase into a role phrase and a country phrase, longest role first."""
    for n in range(len(toks) - 1, 0, -1):
        for role_toks, rest in ((toks[:n], toks[n:]), (toks[-n:], toks[:-n])):
            role = kb.roles.role_phrase(role_toks, lang)
            found = role and _role_in(kb, role, role_toks, rest, date, lang)
            if found:
                return found
    return _split_role(kb, toks, date, lang)


def _split_role(kb: KnowledgeBase, toks, date, lang: str) -> Resolution | None:
    """A country word inside the role phrase: "ministre russe des affaires étrangères"."""
    for i in range(1, len(toks) - 1):
        for j in range(len(toks) - 1, i, -1):
            role_toks = toks[:i] + toks[j:]
            role = kb.roles.role_phrase(role_toks, lang)
            found = role and _role_in(kb, role, role_toks, toks[i:j], date, lang)
            if found:
                return found
    return None


def _role_in(kb: KnowledgeBase, role: str, role_toks, rest, date, lang: str) -> Resolution | None:
    rest = kb.roles.strip(kb.roles.strip(rest, lang, "connectors"), lang)
    hit = _alias(kb, rest, lang)
    if hit is None:
        return None
    kind, code = hit
    seat = _seat(kb, rest, lang) if kind == "metonym" else None
    reasons = [f"'{join(role_toks)}' names the role {role} (roles.yml)"]
    if role == SEAT or (role == "leader" and seat and seat.holder):
        if not (seat and seat.holder):
            return None
        role = seat.holder
        reasons[0] = f"'{join(role_toks)}' + a seat of power names the {role} (roles.yml, countries.yml)"
    reasons.append(f"'{join(rest)}' is {_KINDS[kind]} {code} ({_source(kb, code)})")
    body_role = _body_role(kb, code, rest)
    if body_role and body_role != role and role == "head of state":
        role = body_role   # "le président de la Commission européenne": not the Council's
        reasons.append(f"the president of '{join(rest)}' is its {role} ({_source(kb, code)}, bodies)")
    info = kb.roles.roles[role]
    if not info.person:
        return Resolution(_actor(code, role=role, sector=info.sector), "; ".join(reasons))
    found = kb.holding(code, role, date)
    if found is None:
        reasons.append(f"no {role} of {code} is known {f'on {date}' if date else 'now'}")
        return Resolution(_actor(code, role=role, sector=info.sector), "; ".join(reasons))
    person, held = found
    reasons.append(f"{person.canonical} held {held.role} of {code} {_span(held)} ({_file(person.source)})"
                   + (f", covering {date}" if date else ""))
    actor = _actor(code, name=person.canonical, role=held.role, sector=held.sector, id=person.qid,
                   inferred=True)
    return Resolution(actor, "; ".join(reasons))


def _body_role(kb: KnowledgeBase, code: str, toks) -> str | None:
    entry = kb.igos.get(code)
    wanted = fold(join(toks))
    return next((role for name, role in (entry.bodies if entry else {}).items() if fold(key(name)) == wanted), None)


def _alias(kb: KnowledgeBase, toks, lang: str) -> tuple[str, str] | None:
    if not toks:
        return None
    k = join(toks)
    table = kb.aliases(lang)
    return table.get(k) or table.get(fold(k))


def _seat(kb: KnowledgeBase, toks, lang: str):
    found = kb.seat(join(toks), lang)
    return found[1] if found else None


def _actor(code: str, **fields) -> Actor:
    """An Actor; officials of an organisation take the IGO sector."""
    if code.startswith("IGO:") and fields.get("sector") in (None, "GOV"):
        fields["sector"] = "IGO"
    return Actor(country=code, **fields)


def _span(role: Role) -> str:
    start = f"from {role.start}" if role.start else "since an unknown date"
    return f"{start} until {role.end}" if role.end else f"{start}, still in office"


def _source(kb: KnowledgeBase, code: str) -> str:
    entry = kb.igos.get(code) or kb.countries.get(code)
    return _file(entry.source) if entry else "unknown file"


def _file(path: str) -> str:
    return Path(path).name
