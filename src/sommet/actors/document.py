"""Actor groups -> Actor records, with a per-document memory of the people met so far.

The first mention of a person that gives a country ("le président cubain Miguel Díaz-Canel",
"Diosdado Cabello, proche du président vénézuélien") teaches the document who that person is;
later mentions ("Díaz-Canel", "M. Poutine") resolve through that memory, then through the
knowledge base at the article's date. A role with a country and no name ("le dirigeant
nord-coréen", "le locataire du Kremlin") is the role's holder at that date, marked inferred.
"""
from __future__ import annotations

from ..models import Actor, DateValue
from .kb import period
from .mentions import Group, Mention
from .roles import folded, without_title

ACTOR_KINDS = ("country", "demonym", "metonym", "igo", "group")
SEAT_ROLE = "@seat"


# Offices one person holds in a country: "le président" alone is the one last named.
ONE_HOLDER_ROLES = {"head of state", "head of government", "foreign minister", "defence minister"}


class DocumentActors:
    """Resolves the groups of one document, in reading order."""

    def __init__(self, kb, date: DateValue | None, lang: str):
        self.kb, self.date, self.lang = kb, date, lang
        self.people: dict[str, Actor] = {}
        self.by_role: dict[str, Actor] = {}   # the last actor named with each role, for "le président"
        self.last_pair: list[str] = []   # the countries of the last event, for "les deux pays"
        self.past_sentences: list[list[str]] = []   # states named by each earlier sentence
        self.sentence_states: list[str] | None = None

    def resolve(self, group: Group) -> list[Actor]:
        plural = next((m for m in group.mentions if m.kind == "anaphor"), None)
        named = any(m.kind in ACTOR_KINDS for m in group.mentions)   # "les deux dirigeants russe et chinois"
        if plural is not None and not named:
            group.actors = [Actor(country=c) for c in self._last_n(int(plural.code))]
            return group.actors
        actors = self._resolve(group)
        if self.sentence_states is not None:
            self.sentence_states.extend(a.country for a in actors
                                        if not a.country.startswith("IGO:") and a.country not in self.sentence_states)
        return actors

    def _last_n(self, n: int) -> list[str]:
        """"les deux pays": the two states named just before in the same sentence ("Lors de
        la visite du président turc à Bakou, les deux pays..."), else the two of the last event
        told; "les trois nations": the last sentence that named exactly three states."""
        if len(self.sentence_states or []) == n:
            return list(self.sentence_states)
        if n == 2 and len(self.last_pair) == 2:
            return self.last_pair
        return next((states for states in reversed(self.past_sentences) if len(states) == n), [])

    def new_sentence(self) -> None:
        """Called before each sentence's groups are resolved."""
        if self.sentence_states:
            self.past_sentences.append(self.sentence_states)
        self.sentence_states = []

    def saw_event(self, source: str, target: str) -> None:
        if not (source.startswith("IGO:") or target.startswith("IGO:")):   # "les deux pays" are states
            self.last_pair = [source, target]

    def _resolve(self, group: Group) -> list[Actor]:
        roles = [self._role(m, group) for m in group.mentions if m.kind == "role"]
        countries = self._countries(group, bool(roles))
        people = [m for m in group.mentions if m.kind == "person"]
        actors = [a for m in people if (a := self._person(m, countries, roles, group.mentions))]
        # "le pianiste sud-coréen Seong-Jin Cho": a person with no political role is no state voice
        group.weak = bool(people) and not actors and not roles and \
            all(m.kind == "demonym" for m in group.mentions if m.kind in ACTOR_KINDS)
        if not actors and roles and countries:
            actors = [self._role_holder(c, roles[0]) for c in countries]
        elif not actors and roles and not people and roles[0] in ONE_HOLDER_ROLES and roles[0] in self.by_role:
            actors = [self.by_role[roles[0]]]   # "le président": the one last named with that role
        elif not actors:
            actors = [Actor(country=c, sector="IGO" if c.startswith("IGO:") else None) for c in countries]
        for a in actors:
            if a.role:
                self.by_role[a.role] = a
        group.actors = actors
        return actors

    def _countries(self, group: Group, has_role: bool) -> list[str]:
        """Countries a group names. With a role, the first one and those coordinated with it
        ("les dirigeants russe et chinois"), not a posting ("l'ambassadeur de Russie en France")."""
        found = [m for m in group.mentions if m.kind in ACTOR_KINDS and m.code]
        if has_role and found:
            doc = group.doc
            found = [found[0]] + [m for m in found[1:] if doc is None or doc[m.start].dep_ == "conj"]
        return _unique(m.code for m in found)

    def _role(self, m: Mention, group: Group) -> str | None:
        if m.role != SEAT_ROLE:
            return m.role
        for other in group.mentions:
            found = self.kb.seat(other.text, self.lang) if other.kind == "metonym" else None
            if found and found[1].holder:
                return found[1].holder
        return "leader"

    def _person(self, m: Mention, countries: list[str], roles: list, group_mentions=()) -> Actor | None:
        role = next((r for r in roles if r), None)
        known = self._remembered(m.text)
        person = m.person
        named = [x.code for x in group_mentions if x.kind in ("country", "demonym")]
        if person is not None and named and not any(r.country in named for r in person.roles):
            person = None   # a namesake: "le roi Abdallah II de Jordanie" is not Saudi Abdallah
        if person is not None:
            m.person = person
            country, held = country_and_role(person, self.date, countries)
            sector = held.sector if held and not role else self.kb.sector_for(role)
            actor = Actor(country=country, name=m.person.canonical, role=role or (held and held.role),
                          sector=sector, id=m.person.qid)
        elif known is not None:
            actor = known
        elif countries and role:   # learned from the text: "X, vice-ministre cubain"
            actor = Actor(country=countries[0], name=clean_name(m.text), role=role,
                          sector=self.kb.sector_for(role))
        else:
            return None
        if not actor.country:
            return None
        self._learn(m.text, actor)
        return actor

    def _role_holder(self, country: str, role: str | None) -> Actor:
        person = self.kb.holder(country, role, self.date) if role and self.date else None
        sector = self.kb.sector_for(role)
        if person is None:
            return Actor(country=country, role=role, sector=sector)
        return Actor(country=country, name=person.canonical, role=role, sector=sector,
                     id=person.qid, inferred=True)

    def _learn(self, text: str, actor: Actor) -> None:
        name = folded(clean_name(text))
        if name:
            self.people[name] = actor
            self.people.setdefault(name.split()[-1], actor)

    def _remembered(self, text: str) -> Actor | None:
        name = folded(clean_name(text))
        if not name:
            return None
        return self.people.get(name) or self.people.get(name.split()[-1])


def country_and_role(person, date: DateValue | None, named=()):
    """(country, Role or None) of a person at `date`: a role in one of the `named` countries
    when the text names one ("le chef de l'OTAN Jens Stoltenberg"); else the role held then;
    else the country of their latest role before it."""
    if not person.roles:
        return None, None
    for r in person.roles:
        if r.country in named:
            return r.country, r
    span = period(date) if date else None
    if span:
        current = [r for r in person.roles if r.overlap(*span)]
        if current:   # an office of state before a party post held at the same time
            best = min(current, key=lambda r: r.sector != "GOV")
            return best.country, best
        before = [r for r in person.roles if r.start and r.start < span[1]]
        if before:
            last = max(before, key=lambda r: r.start)
            return last.country, None
    return person.roles[-1].country, None


def clean_name(text: str) -> str:
    return without_title(text).strip(" ,.")


def _unique(items) -> list:
    seen: list = []
    for x in items:
        if x not in seen:
            seen.append(x)
    return seen
