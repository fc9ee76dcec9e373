"""Where an event's participants are: the slots of a trigger's frame, filled with actor groups.

Each slot is filled from the dependency parse when it links the trigger to an actor group,
and otherwise from word order inside the sentence (the parse of noisy news text is often
wrong, word order rarely is). Every filled slot records how it was found, which feeds the
event's confidence.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..actors.mentions import Group
from .lexicon import Lexicon

SUBJ_DEPS = {"nsubj", "nsubj:pass", "expl:subj"}
OBJ_DEPS = {"obj", "iobj"}
INHERIT_DEPS = {"xcomp", "conj", "advcl"}
SKIPPABLE = {"DET", "ADJ", "NUM"}   # between a preposition and its noun phrase
CLAUSE_BREAK = {";", ":", "(", ")", "«", "»", '"', "—", "–"}
PRONOUNS = {"il", "elle", "ils", "elles"}

# How a slot was filled, and how much that is trusted.
QUALITY = {"dep": 1.0, "linear": 0.8, "gov": 0.9, "pronoun": 0.65, "adjacent": 0.95, "nested": 0.85}
NESTING_PREPS = {"of", "agent"}


@dataclass
class Filler:
    groups: list[Group]
    how: str


class SentenceSlots:
    """Slot finding for the triggers of one sentence."""

    def __init__(self, sent: Span, groups: list[Group], lexicon: Lexicon, last_person_group=None):
        self.sent, self.lex = sent, lexicon
        self.groups = [g for g in groups if g.actors and self._is_actor(g)]
        self.by_token = {i: g for g in self.groups for i in range(g.start, g.end)}
        for g in self.groups:
            self.by_token.setdefault(g.head, g)
        self.last_person_group = last_person_group
        self.preps = {id(g): self._prep_class(g) for g in self.groups}

    def _is_actor(self, g: Group) -> bool:
        """A lone demonym names an actor only on an actor noun ("le gouvernement russe"), or
        used as a noun ("les Russes"); "une résolution syrienne" is no actor."""
        if any(m.kind != "demonym" for m in g.mentions):
            return True
        doc = self.sent.doc
        head = doc[g.head]
        if head.pos_ != "ADJ" and head.lemma_.lower() in self.lex.actor_nouns:
            return True
        first = doc[g.mentions[0].start]
        if first.text[:1].isupper() and first.i > self.sent.start:
            return True
        noun = head
        for _ in range(3):   # "les dirigeants nord-coréen et russe": russe -> nord-coréen -> dirigeants
            if noun.dep_ not in ("amod", "conj") or noun.head is noun:
                break
            noun = noun.head
        return noun.lemma_.lower() in self.lex.actor_nouns

    # -- prepositions -----------------------------------------------------------------------
    def _prep_class(self, g: Group) -> set[str]:
        """Classes of the preposition right before a group ("à l'encontre du" -> against)."""
        doc, i = self.sent.doc, g.start - 1
        if g.mentions and g.mentions[0].kind == "demonym" and g.start == g.mentions[0].start:
            while i >= self.sent.start and doc[i].pos_ in ("NOUN", "ADJ"):   # "aux avions biélorusses"
                i -= 1
        while i >= self.sent.start and doc[i].pos_ in SKIPPABLE and doc[i].lower_ not in ("des", "du", "au", "aux"):
            i -= 1
        words = [t.lower_ for t in doc[max(self.sent.start, i - 4): i + 1]]
        for prep, cls in self.lex.prepositions:
            if len(prep) <= len(words) and tuple(words[len(words) - len(prep):]) == prep:
                return {c for p, c in self.lex.prepositions if p == prep}
        return set()

    def prep(self, g: Group) -> set[str]:
        return self.preps[id(g)]

    # -- slot filling -----------------------------------------------------------------------
    def fill(self, slot: str, trig: Token, passive: bool) -> Filler | None:
        if passive and slot in ("subj", "obj"):
            slot = {"subj": "agent", "obj": "subj_raw"}[slot]
        if slot in ("subj", "subj_raw"):
            return self.subject(trig)
        if slot == "obj":
            return self.object(trig)
        if slot == "amod":
            return self.adjacent_demonym(trig)
        if slot in ("gov_subj", "gov_obj"):
            return self.governor_slot(trig, slot)
        return self.prepositional(trig, slot)

    def subject(self, verb: Token) -> Filler | None:
        v = verb
        for _ in range(3):
            subj = [c for c in v.children if c.dep_ in SUBJ_DEPS]
            if subj:
                return self._subject_from(subj[0], v)
            if v.dep_ == "acl:relcl" or (v.dep_ == "acl" and v.pos_ == "VERB"):
                g = self.group_at(v.head)
                if g:
                    return Filler([g], "dep")
                break
            if v.dep_ not in INHERIT_DEPS or v.head is v:
                break
            v = v.head
        return self._inverted(verb) or self._linear_left(verb)

    def _inverted(self, verb: Token) -> Filler | None:
        """Subject after the verb in a quote attribution: "« ... », a déclaré X"."""
        doc = self.sent.doc
        i = verb.i - 1
        while i >= self.sent.start and doc[i].dep_.startswith("aux"):
            i -= 1
        if i < self.sent.start or doc[i].text not in {",", "»", '"', "”"}:
            return None
        nxt = next((g for g in self.groups if g.start > verb.i), None)
        if nxt and nxt.start - verb.i <= 3 and not self.prep(nxt):
            return Filler([nxt], "dep")
        return None

    def _subject_from(self, tok: Token, verb: Token) -> Filler | None:
        if tok.lower_ == "qui" and verb.dep_ == "acl:relcl":
            g = self.group_at(verb.head)   # the antecedent alone, not its coordination
            return Filler([g], "dep") if g else None
        g = self.group_at(tok)
        if g:
            return Filler(self.coordinated(g), "dep")
        if tok.lower_ in PRONOUNS and self.last_person_group is not None:
            return Filler([self.last_person_group], "pronoun")
        if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ not in PRONOUNS:
            return None   # the subject is a thing, not an actor
        return self._linear_left(verb)

    def _linear_left(self, trig: Token) -> Filler | None:
        for g in reversed(self.groups):
            if g.end <= trig.i and not self.prep(g) and not self._broken(g.end, trig.i):
                return Filler(self.coordinated(g), "linear")
        return None

    def object(self, verb: Token) -> Filler | None:
        for c in verb.children:
            if c.dep_ not in OBJ_DEPS:
                continue
            if (g := self.group_at(c)) and not self.prep(g):
                return Filler(self.coordinated(g), "dep")
            if inner := self._actor_inside(c):
                return Filler([inner], "nested")
        for g in self.groups:
            if g.start > verb.i and not self._broken(verb.i, g.start) and g.start - verb.i <= 8:
                if not self.prep(g):
                    return Filler(self.coordinated(g), "linear")
                break
        return None

    def _actor_inside(self, noun: Token) -> Group | None:
        """The actor a thing belongs to: "la décision de la Russie", "l'escalade du Pakistan"."""
        if noun.pos_ != "NOUN":
            return None
        inside = {t.i for t in noun.subtree}
        for g in self.groups:
            if g.head in inside and 0 < g.head - noun.i <= 8 and not self.prep(g) & {"between", "partner"}:
                return g
        return None

    def prepositional(self, trig: Token, cls: str) -> Filler | None:
        """The first phrase after the trigger introduced by a preposition of class `cls`;
        None when that phrase names no actor ("à sa politique, dont celle de l'Ukraine")."""
        limit = 4 if cls == "of" else 15
        first_pp = self._first_pp(trig, cls, limit)
        for g in self.groups:
            if g.start <= trig.i or self._broken(trig.i, g.start) or g.start - trig.i > limit:
                continue
            if cls in self.prep(g):
                if first_pp is not None and first_pp < g.start - 4:
                    return None
                return Filler(self.coordinated(g, same_prep=cls != "between"), "dep")
        return None

    def _first_pp(self, trig: Token, cls: str, limit: int) -> int | None:
        """Index of the first preposition of class `cls` after the trigger."""
        doc = self.sent.doc
        end = min(self.sent.end, trig.i + limit + 1)
        for i in range(trig.i + 1, end):
            if doc[i].pos_ == "ADP" or doc[i].lower_ in ("au", "aux", "du", "des"):
                words = tuple(t.lower_ for t in doc[i:min(end, i + 4)])
                if any(words[:len(p)] == p and c == cls for p, c in self.lex.prepositions):
                    return i
        return None

    def adjacent_demonym(self, noun: Token) -> Filler | None:
        for g in self.groups:
            near = g.start in (noun.i + 1, noun.i + 2) or g.end == noun.i
            if near and any(m.kind == "demonym" for m in g.mentions) and len(g.mentions) == 1:
                return Filler([g], "adjacent")
        return None

    def governor_slot(self, noun: Token, slot: str) -> Filler | None:
        gov = noun.head
        occasion = self._in_occasion_phrase(noun)
        if occasion is not None:
            gov = occasion
        if gov is noun or gov.pos_ not in ("VERB", "AUX"):
            return None
        undergo = gov.lemma_ in self.lex.undergo_verbs
        if not undergo and occasion is None and gov.lemma_ not in self.lex.light_verbs:
            return None
        if slot == "gov_subj" and not undergo:
            f = self.subject(gov)
        elif slot == "gov_obj" and undergo:
            f = self.subject(gov)
        elif slot == "gov_obj":
            f = next((Filler(self.coordinated(g), "gov") for c in gov.children
                      if c.dep_ in OBJ_DEPS | {"obl:arg"} and c is not noun and (g := self.group_at(c))), None)
        else:
            return None
        return Filler(f.groups, "gov") if f else None

    def _in_occasion_phrase(self, noun: Token) -> Token | None:
        """The clause verb when the noun opens "lors de / à l'issue de ..." ("lors du sommet")."""
        doc = self.sent.doc
        before = tuple(t.lower_ for t in doc[max(self.sent.start, noun.i - 5):noun.i] if t.pos_ != "DET")
        if not any(before[-len(p):] == p for p in self.lex.occasion_preps if len(p) <= len(before)):
            return None
        t = noun
        for _ in range(4):
            if t.head is t:
                break
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t
        return None

    # -- helpers ----------------------------------------------------------------------------
    def group_at(self, tok: Token) -> Group | None:
        return self.by_token.get(tok.i)

    def coordinated(self, g: Group, same_prep: bool = False) -> list[Group]:
        """The group and those coordinated with it, on both sides: "la Chine et la Russie",
        "en Chine, au Vietnam et au Laos"."""
        i = self.groups.index(g)
        left = i
        while left > 0 and self._joined(self.groups[left - 1], self.groups[left]):
            left -= 1
        right = i
        while right + 1 < len(self.groups) and self._joined(self.groups[right], self.groups[right + 1]):
            right += 1
        return self.groups[left:right + 1]

    def _joined(self, a: Group, b: Group) -> bool:
        """Two groups separated only by a coordination ("et", ",", "ou") and articles."""
        gap = list(self.sent.doc[a.end:b.start])
        if not gap or len(gap) > 4 or not any(t.lower_ in ("et", ",", "ou") for t in gap):
            return False
        return not any(t.pos_ in ("VERB", "AUX", "NOUN") or t.text in CLAUSE_BREAK for t in gap)

    def _broken(self, a: int, b: int) -> bool:
        """A clause break (semicolon, quote, bracket) lies between token a and token b."""
        doc = self.sent.doc
        return any(doc[i].text in CLAUSE_BREAK for i in range(min(a, b), max(a, b)))
