"""Triggers + actor groups -> candidate events for one parsed document.

For each sentence: find the triggers of the lexicon, drop those that are negated or
hypothetical, fill their frame's source and target slots with actor groups, and emit one
event per (source actor, target actor) pair of different countries, with its date, place,
evidence span and confidence.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from ..actors.mentions import Group
from ..models import Actor, Event, Evidence
from ..nlp import sentence_starts
from .lexicon import Lexicon, Trigger
from .slots import QUALITY, Filler, SentenceSlots

# Types whose target is what the act is done to: a demonym on a thing stands for its
# country there ("a saisi un pétrolier grec"), never for a partner in talks.
PATIENT_TYPES = {"ASSAULT", "COERCE", "SANCTION", "ACCUSE", "CONCEDE", "THREATEN", "MOBILIZE",
                 "REJECT", "RETREAT", "AID", "PROTEST"}
SYMMETRIC_TYPES = {"CONSULT", "AGREE", "COOPERATE"}
# Hostile acts: the last one's author is who "a condamné le tir" condemns.
HOSTILE_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION"}


class Memory:
    """What earlier sentences of the document told: the authors of the last hostile acts."""

    def __init__(self) -> None:
        self.authors: dict[str, str] = {}   # type -> author of the last act of that type
        self.aggressor: str | None = None   # author of the last hostile act

    def remember(self, kind: str, country: str) -> None:
        self.authors[kind] = self.aggressor = country

    def author_of(self, kinds: set[str]) -> str | None:
        """Who made the last act of one of these kinds ("ce tir": an attack), else the last aggressor."""
        return next((self.authors[k] for k in kinds if k in self.authors), self.aggressor)


@dataclass
class Candidate:
    """An event before dating, placing and deduplication."""

    trigger: Trigger
    token: Token
    source: Actor
    target: Actor
    quality: float
    scheduled: bool
    place_group: Group | None


def trigger_candidates(doc: Doc, lex: Lexicon) -> list[int]:
    """Indices of the tokens whose lemma or form may be a trigger, found once per document
    from the token arrays (most tokens are not, and need no closer look)."""
    if "sommet_trigger_candidates" not in doc.user_data:
        keys = lex.trigger_hashes
        words = doc.to_array([LOWER, LEMMA])
        hit = numpy.isin(words[:, 0], keys) | numpy.isin(words[:, 1], keys)
        doc.user_data["sommet_trigger_candidates"] = numpy.flatnonzero(hit).tolist()
    return doc.user_data["sommet_trigger_candidates"]


def find_triggers(sent: Span, lex: Lexicon) -> list[tuple[Token, Trigger]]:
    found = []
    doc = sent.doc
    candidates = trigger_candidates(doc, lex)
    for i in candidates[bisect_left(candidates, sent.start):bisect_left(candidates, sent.end)]:
        tok = doc[i]
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else tok.pos_
        if pos not in ("VERB", "NOUN", "ADJ"):
            continue
        for trig in _triggers_of(tok, pos, lex):
            if trig.reflexive and not _is_reflexive(tok, lex):
                continue
            if trig.with_ and not _has_companion(tok, trig.with_):
                continue
            found.append((tok, trig))
    return found


def _triggers_of(tok: Token, pos: str, lex: Lexicon) -> list[Trigger]:
    """By lemma, else by the word itself, else (nouns the lemmatizer left plural) its singular."""
    found = lex.triggers_for(tok.lemma_, pos) or lex.triggers_for(tok.lower_, pos)
    if not found and pos == "NOUN" and tok.lower_.endswith(("s", "x")):
        found = lex.triggers_for(tok.lower_[:-1], pos)
    return found


def _is_reflexive(tok: Token, lex: Lexicon) -> bool:
    reflexive = lex.words("reflexive_pronouns")
    if any(c.lower_ in reflexive for c in tok.children):
        return True
    doc = tok.doc
    return any(doc[i].lower_ in reflexive for i in range(max(sentence_starts(doc)[tok.i], tok.i - 3), tok.i))


def _has_companion(tok: Token, words: frozenset[str]) -> bool:
    """One of `words` near the trigger: its dependents and theirs, its head, the next 6 words."""
    doc = tok.doc
    starts = sentence_starts(doc)
    end = tok.i + 1
    while end < min(len(doc), tok.i + 7) and starts[end] == starts[tok.i]:
        end += 1
    near = [t for c in tok.children for t in (c, *c.children)] + list(doc[tok.i + 1:end])
    if tok.head is not tok:
        near.append(tok.head)
    return any(t.lemma_.lower() in words or t.lower_ in words for t in near)


class SentenceEvents:
    """Candidate events of one sentence."""

    def __init__(self, sent: Span, groups: list[Group], lex: Lexicon, last_person_group=None,
                 memory: Memory | None = None):
        self.sent, self.lex = sent, lex
        self.groups, self.antecedent = groups, last_person_group
        self.memory = memory or Memory()

    @cached_property
    def slots(self) -> SentenceSlots:
        """Built on first use: most sentences have no trigger and need none."""
        return SentenceSlots(self.sent, self.groups, self.lex, self.antecedent)

    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        for tok, trig in self.live_triggers:
            out.extend(self._pairs(tok, trig))
        return out

    @cached_property
    def triggers(self) -> list[tuple[Token, Trigger]]:
        return find_triggers(self.sent, self.lex)

    @cached_property
    def live_triggers(self) -> list[tuple[Token, Trigger]]:
        """The triggers of the sentence that state an event (not negated, hypothetical...)."""
        return [(tok, trig) for tok, trig in self.triggers if not self._not_an_event(tok)]

    def _pairs(self, tok: Token, trig: Trigger) -> list[Candidate]:
        src, tgt = self._sides(tok, trig)
        if src is None and tgt is None or tgt is None and "claimed" in trig.frame.target:
            return []   # (a claim names whom it accuses, or it is no accusation)
        scheduled = self._scheduled(tok)
        if (src is None or tgt is None) and self._acting_on_each_other(tok, trig, src, tgt):
            return self._mutual(tok, trig, src or tgt, scheduled)
        tgt = self._implicit_target(tok, trig, src, tgt)
        if src is not None and trig.type in HOSTILE_TYPES:
            self.memory.remember(trig.type, _actors(src.groups)[0].country)
        if src is None or tgt is None or (trig.type == "CONSULT" and self._military(src)):
            return []   # (troops arriving somewhere are no visit)
        quality = QUALITY[src.how] * QUALITY[tgt.how]
        travel = "destination" in trig.frame.target
        return [Candidate(trig, tok, s, t, quality, scheduled, _place_of(t, tgt.groups) if travel else None)
                for s in _actors(src.groups) for t in _actors(tgt.groups) if s.country != t.country]

    def _sides(self, tok: Token, trig: Trigger) -> tuple[Filler | None, Filler | None]:
        """Source and target by the trigger's frame."""
        passive = _is_passive(tok, self.lex)
        self.slots.nest_objects = trig.type != "CONSULT"
        self.slots.hostile = trig.type in ("ASSAULT", "COERCE")
        self.slots.answering = answering = trig.type in self.lex.answer_types
        src = self._first(trig.frame.source, tok, passive, exclude=None)
        weak = answering or trig.type in PATIENT_TYPES   # an answer's target may own a thing: "salue l'initiative sud-coréenne"
        tgt = self._first(trig.frame.target, tok, passive, exclude=src, weak=weak)
        if trig.mode == "summit" and src and src.how == "dep":
            src = _without_igos(src)   # "le sommet de l'OTAN": the host organisation, not a party
        return src, tgt

    def _acting_on_each_other(self, tok: Token, trig: Trigger, src: Filler | None, tgt: Filler | None) -> bool:
        """"X et Y ont signé", "le sommet entre X et Y", "se sont accusés": the actors act on
        each other; not "s'est entretenu avec ses homologues A et B" when the speaker is unknown."""
        one_side = src or tgt
        mutual = trig.frame.symmetric or _is_reflexive(tok, self.lex) or self._reciprocal(tok)
        return mutual and (one_side is src or one_side.slot in ("between", "pair")) and _n_actors(one_side.groups) >= 2

    def _implicit_target(self, tok: Token, trig: Trigger, src: Filler | None, tgt: Filler | None) -> Filler | None:
        """The target a condemnation or a threat leaves to the context."""
        act = self._hostile_object(tok) if trig.type == "ACCUSE" and src is not None else None
        if act is not None:   # the target of a condemnation is the author of the act condemned
            return self._author(act) or self._condemned_act(tok, trig, src) or tgt
        if src is not None and tgt is None:
            return self._condemned_act(tok, trig, src)
        return tgt

    def _hostile_object(self, tok: Token) -> Token | None:
        """"a condamné l'attaque", "a dénoncé une invasion", "l'invasion ... a été condamnée par":
        the object (or the passive subject) is itself a hostile act."""
        return next((c for c in tok.children if c.dep_ in ("obj", "conj", "nsubj:pass") and c.pos_ == "NOUN" and
                     any(t.type in HOSTILE_TYPES for t in self.lex.triggers_for(c.lemma_, "NOUN"))), None)

    def _author(self, act: Token) -> Filler | None:
        """Who made the act a noun names: "l'attaque de l'Ukraine par la Russie" -> Russia."""
        trig = next(t for t in self.lex.triggers_for(act.lemma_, "NOUN") if t.type in HOSTILE_TYPES)
        return self._first(trig.frame.source, act, False, exclude=None)

    def _condemned_act(self, tok: Token, trig: Trigger, src: Filler) -> Filler | None:
        """"La Maison-Blanche a condamné le tir", "Islamabad a promis de répondre à ces
        attaques": the act condemned or answered is the last hostile act told, and its author
        the target."""
        if trig.type not in ("ACCUSE", "THREATEN") or tok.pos_ != "VERB":
            return None
        objects = [c for c in tok.children if c.dep_ in ("obj", "conj") and c.pos_ == "NOUN"]
        if trig.type == "ACCUSE" and not objects:
            return None
        if trig.type == "THREATEN" and not any(   # "a promis de répondre à ces attaques"
                t.pos_ == "NOUN" and any(x.type == "ASSAULT" for x in self.lex.triggers_for(t.lemma_, "NOUN"))
                for t in tok.subtree if t.i > tok.i):
            return None
        kinds = {x.type for c in objects for x in self.lex.triggers_for(c.lemma_, "NOUN")}   # "ce tir": an attack
        author = self.memory.author_of(kinds)
        if author is None or author in {a.country for a in _actors(src.groups)}:
            return None
        g = Group(head=tok.i, start=tok.i, end=tok.i, actors=[Actor(country=author)])
        return Filler([g], "coref", "coref")

    def _reciprocal(self, tok: Token) -> bool:
        """"ont chacun expulsé leur ambassadeur": each does it to the other."""
        markers = self.lex.modality.get("reciprocal_markers", frozenset())
        return any(t.lower_ in markers for t in self.sent.doc[max(self.sent.start, tok.i - 3):tok.i + 2])

    def _military(self, f: Filler) -> bool:
        doc = self.sent.doc
        return all(doc[g.head].lemma_.lower() in self.lex.military_nouns for g in f.groups)

    def _mutual(self, tok, trig, src: Filler, scheduled: bool) -> list[Candidate]:
        """Actors acting on each other: one event per pair, both ways unless the type is symmetric."""
        actors = _actors(src.groups)
        q = QUALITY[src.how] * 0.9
        if len({a.country for a in actors}) > 3:   # "l'Iran et les grandes puissances (A, B, C, D...)"
            pairs = [(actors[0], b) for b in actors[1:] if b.country != actors[0].country]
        else:
            pairs = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:] if a.country != b.country]
        if trig.type not in SYMMETRIC_TYPES:
            pairs += [(b, a) for a, b in pairs]
        return [Candidate(trig, tok, a, b, q, scheduled, None) for a, b in pairs]

    def _first(self, slots, tok, passive, exclude: Filler | None, weak: bool = False) -> Filler | None:
        taken = {id(g) for g in exclude.groups} if exclude else set()
        for slot in slots:
            f = self._claimed(tok) if slot == "claimed" else self.slots.fill(slot, tok, passive, weak)
            if f is None:
                continue
            groups = [g for g in f.groups if id(g) not in taken]
            if groups:
                return Filler(groups, f.how, slot)
        return None

    def _claimed(self, verb: Token) -> Filler | None:
        """"Kiev affirme que des soldats nord-coréens ont été déployés": the author of a hostile
        act the verb's clause asserts (the one a claim accuses)."""
        if _is_reflexive(verb, self.lex):
            return None   # "se disent prêts": about oneself
        for t, trig in self.triggers:
            if t.i <= verb.i or trig.type not in self.lex.claimable_types or not _asserted_by(t, verb) \
                    or self._not_an_event(t):
                continue
            src = self._first(trig.frame.source, t, _is_passive(t, self.lex), exclude=None)
            if src is not None and len({a.country for a in _actors(src.groups)}) == 1:   # not a clash
                return Filler(src.groups, "nested")
        return None

    # -- modality ---------------------------------------------------------------------------
    def _not_an_event(self, tok: Token) -> bool:
        """Negated, conditional, hoped-for, denied, cancelled, asked about, or a mere goal."""
        mod = self.lex.modality
        hypothetical = mod.get("hypothetical_governors", frozenset()) | mod.get("hypothetical_nouns", frozenset())
        if _negated(tok, mod.get("negation", frozenset()), self.lex.words("noun_negation")) \
                or _conditional(tok) or self._question:
            return True
        governors = _governors(tok)
        if any(g.lemma_ in hypothetical or g.lower_ in hypothetical or _conditional(g) for g in governors):
            return True
        if governors and governors[0].lemma_ in mod.get("allegation_governors", frozenset()):
            return True
        if any(g.lemma_ in mod.get("past_plan_governors", frozenset()) and _past_plan(g) for g in governors):
            return True   # "avait prévu de se rendre en Argentine"
        doc = self.sent.doc
        before = [t for t in doc[max(self.sent.start, tok.i - 3): tok.i] if not t.is_punct]
        if any(t.lower_ in hypothetical or (t.lemma_ in hypothetical and t.pos_ != "NOUN") for t in before):
            return True   # "a dit espérer rencontrer", "dément avoir livré"
        if tok.dep_.startswith("nsubj") and (tok.head.lemma_ in mod.get("cancel_governors", frozenset())
                                             or _conditional(tok.head)):
            return True   # "le sommet a été reporté", "les pourparlers pourraient reprendre"
        window = {t.lower_ for t in doc[max(self.sent.start, tok.i - 3): tok.i + 2]}
        return bool(window & mod.get("hypothetical_markers", frozenset())) or self._purpose(tok)

    @cached_property
    def _question(self) -> bool:
        doc = self.sent.doc
        last = next((doc[i] for i in range(self.sent.end - 1, self.sent.start - 1, -1) if not doc[i].is_space), None)
        return last is not None and last.text == "?"

    def _purpose(self, tok: Token) -> bool:
        """"pour renforcer leurs relations": a goal, not an event (meetings excepted)."""
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        if verb.pos_ not in ("VERB", "AUX") or "Inf" not in verb.morph.get("VerbForm"):
            return False
        markers = self.lex.modality.get("purpose_markers", frozenset())
        return any(c.dep_ == "mark" and c.lower_ in markers for c in verb.children) and \
            not any(t.type == "CONSULT" for t in self.lex.triggers_for(tok.lemma_, "VERB"))

    def _scheduled(self, tok: Token) -> bool:
        mod = self.lex.modality
        if "Fut" in tok.morph.get("Tense") or any("Fut" in a.morph.get("Tense") for a in _auxes(tok)):
            return True
        if any(g.lemma_ in mod.get("scheduled_governors", ()) for g in _governors(tok)):
            return True
        before = {t.lower_ for t in self.sent.doc[max(self.sent.start, tok.i - 2): tok.i]}
        return tok.pos_ == "NOUN" and bool(before & mod.get("scheduled_markers", frozenset()))


def _place_of(actor: Actor, groups: list[Group]) -> Group | None:
    """The place phrase that named this target ("en Chine, au Vietnam et au Laos")."""
    for g in groups:
        if actor in g.actors and g.is_place and not g.has_person:
            return g
    return None


def _without_igos(f: Filler) -> Filler | None:
    groups = [g for g in f.groups if not all(a.country.startswith("IGO:") for a in g.actors)]
    return Filler(groups, f.how) if groups else None


def _actors(groups: list[Group]) -> list[Actor]:
    seen, out = set(), []
    for g in groups:
        for a in g.actors:
            key = (a.country, a.name)
            if key not in seen:
                seen.add(key)
                out.append(a)
    return out


def _n_actors(groups: list[Group]) -> int:
    return len({a.country for g in groups for a in g.actors})


def _auxes(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_.startswith("aux")]


def _conditional(tok: Token) -> bool:
    return "Cnd" in tok.morph.get("Mood") or any("Cnd" in a.morph.get("Mood") for a in _auxes(tok))


def _governors(tok: Token, depth: int = 4) -> list[Token]:
    """Words that govern a trigger: "doit rencontrer", "a annulé sa visite", "menace de
    sanctions", "dément les informations faisant état d'une rencontre"."""
    out, t = [], tok
    for _ in range(depth):
        if t.head.i == t.i or t.dep_ not in ("xcomp", "ccomp", "obj", "nmod", "acl", "obl:arg", "obl", "csubj", "advcl"):
            break
        if t.dep_ == "advcl" and any(a.dep_.startswith("aux") and "Inf" in a.morph.get("VerbForm") for a in t.children):
            break   # "après s'être entretenu avec X, Y a demandé": done before the main clause
        t = t.head
        out.append(t)
    return out


def _past_plan(verb: Token) -> bool:
    """A plan told in the pluperfect or the imperfect: "avait prévu", "devait"."""
    forms = [verb, *(c for c in verb.children if c.dep_.startswith("aux"))]
    return any("Imp" in t.morph.get("Tense") for t in forms)


def _asserted_by(tok: Token, verb: Token) -> bool:
    """The token lies in the clause the verb asserts ("affirme que ...", "a conclu que ...")."""
    t = tok
    for _ in range(6):
        if t.head.i == verb.i:
            return t.dep_ in ("ccomp", "xcomp", "obj", "obl:arg")
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _negated(tok: Token, cues: frozenset[str], noun_cues: frozenset[str]) -> bool:
    """"n'a pas reçu", "n'avait, comme d'autres, pas reconnu", "aucune visite"."""
    if any(c.lower_ in cues and c.dep_ in ("advmod", "det", "advmod:neg") for c in tok.children):
        return True
    doc = tok.doc
    auxes = _auxes(tok)
    if auxes:   # the negation sits around the auxiliary: everything from just before it to the verb
        first = min(a.i for a in auxes)
        span = doc[max(sentence_starts(doc)[tok.i], first - 1):tok.i]
        return sum(t.lower_ in cues for t in span) >= 2 or any(t.lower_ in cues for a in auxes for t in a.children)
    if tok.pos_ == "NOUN":
        before = [doc[i].lower_ for i in range(max(sentence_starts(doc)[tok.i], tok.i - 3), tok.i)]
        return bool(set(before) & noun_cues)
    return False


def _is_passive(tok: Token, lex: Lexicon) -> bool:
    """"a été reçu par", "l'ambassadeur convoqué"; not "est arrivée", "s'est rendu"."""
    if tok.lemma_ in lex.unaccusative_verbs or _is_reflexive(tok, lex):
        return False
    if any(c.dep_ == "aux:pass" for c in tok.children):
        return True
    if any(c.dep_ == "nsubj:pass" for c in tok.children):   # not "X et Y ont conclu", misparsed
        return not any(c.dep_ == "aux:tense" for c in tok.children)
    # "l'ambassadeur accusé de ...": a past participle on a noun is passive, unless a tense
    # auxiliary cut off by an insertion stands before it ("X a, lors d'une conférence, accusé")
    return tok.dep_ == "acl" and "Part" in tok.morph.get("VerbForm") and "Past" in tok.morph.get("Tense") \
        and not _insertion_after_auxiliary(tok, lex)


def _insertion_after_auxiliary(tok: Token, lex: Lexicon) -> bool:
    doc = tok.doc
    auxiliaries = lex.words("tense_auxiliaries")
    return any(t.lemma_ in auxiliaries and t.head.i != tok.i and doc[t.i + 1].text == ","
               for t in doc[sentence_starts(doc)[tok.i]:tok.i - 1])


def evidence_for(sent: Span, text: str, parsed: str) -> Evidence:
    """The sentence as evidence, with offsets into the original text, trimmed of blanks and
    of masked furniture (blank in `parsed`, the text that was parsed)."""
    start, end = sent.start_char, sent.end_char
    while start < end and parsed[start].isspace():
        start += 1
    while end > start and parsed[end - 1].isspace():
        end -= 1
    return Evidence(text[start:end], start, end)


def new_event(c: Candidate, sent: Span, text: str, parsed: str, when_scheduled: dict | None = None) -> Event:
    kind = (when_scheduled or {}).get(c.trigger.type, c.trigger.type) if c.scheduled else c.trigger.type
    return Event(type=kind, mode=c.trigger.mode, source=c.source, target=c.target,
                 evidence=evidence_for(sent, text, parsed), scheduled=c.scheduled,
                 confidence=round(c.trigger.weight ** 0.5 * c.quality, 3), trigger=c.token.text)


def doc_sentences(doc: Doc) -> list[Span]:
    """Sentences with words in them (masked furniture is only blanks)."""
    starts = sentence_starts(doc)
    bounds = sorted(set(starts)) + [len(doc)]
    spans = (doc[a:b] for a, b in zip(bounds, bounds[1:]))
    return [s for s in spans if any(not t.is_space and not t.is_punct for t in s)]
