"""Where an event's participants are: the slots of a trigger's frame, filled with actor groups.

Each slot is filled from the dependency parse when it links the trigger to an actor group,
and otherwise from word order inside the sentence (the parse of noisy news text is often
wrong, word order rarely is). Every filled slot records how it was found, which feeds the
event's confidence.

Slots (named in the lexicon's frames): subj, obj, agent, amod, gov_subj, gov_obj, from,
posting, place, complement, and any preposition class of the lexicon (against, partner,
between, recipient, destination, of, onto, before, side...).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..actors.mentions import PLACE_KINDS, Group
from ..actors.roles import folded
from .lexicon import Lexicon

SUBJ_DEPS = {"nsubj", "nsubj:pass", "expl:subj"}
OBJ_DEPS = {"obj", "iobj"}
INHERIT_DEPS = {"xcomp", "conj", "advcl"}
SKIPPABLE = {"DET", "ADJ", "NUM"}   # between a preposition and its noun phrase
CLAUSE_BREAK = {";", ":", "(", ")", "—", "–"}
PLACE_PREPS = {"destination", "recipient"}

# How a slot was filled, and how much that is trusted.
QUALITY = {"dep": 1.0, "linear": 0.8, "gov": 0.9, "pronoun": 0.65, "adjacent": 0.95, "nested": 0.85,
           "place": 0.75, "coref": 0.6}


@dataclass
class Filler:
    groups: list[Group]
    how: str
    slot: str = ""


class SentenceSlots:
    """Slot finding for the triggers of one sentence.

    *Strong* groups name actors; *weak* ones are demonyms on ordinary nouns ("un pétrolier
    grec", "la loi géorgienne"): they stand for their country only as the one an act is
    done to (`weak=True`), never as a speaker or partner.
    """

    def __init__(self, sent: Span, groups: list[Group], lexicon: Lexicon, antecedent=None):
        self.sent, self.lex, self.doc = sent, lexicon, sent.doc
        self._breaks = [t.i for t in sent if t.text in CLAUSE_BREAK]
        brackets = [i for i in self._breaks if self.doc[i].text == "("]
        self.all = [g for g in groups if g.actors and not (brackets and self._member_listed(g, groups, brackets))]
        self.strong = [g for g in self.all if self._is_actor(g)]
        self.groups = self.strong
        self.antecedent = antecedent
        self.nest_objects = True   # off for meetings: "a reçu le soutien de la France" is no visit
        self.hostile = False       # on for attacks: their reporters are not their authors
        self.answering = False     # on for answers: the author of what is answered is the target
        self.preps: dict[int, set[str]] = {}
        for g in self.all:   # in order: a list member inherits the preposition of the first
            self.preps[id(g)] = self._prep_class(g)

    # -- which groups are actors -------------------------------------------------------------
    def _is_actor(self, g: Group) -> bool:
        """A lone demonym names an actor only on an actor noun ("le gouvernement russe"), or
        used as a noun ("les Russes"); "une résolution syrienne" is no actor."""
        if g.weak:
            return False
        if any(m.kind != "demonym" for m in g.mentions):
            return True
        head = self.doc[g.head]
        if head.pos_ != "ADJ" and head.lemma_.lower() in self.lex.actor_nouns:
            return True
        first = self.doc[g.mentions[0].start]
        if first.text[:1].isupper() and first.i > self.sent.start:
            return True
        noun = head
        for _ in range(3):   # "les dirigeants nord-coréen et russe": russe -> nord-coréen -> dirigeants
            if noun.dep_ not in ("amod", "conj") or noun.head is noun:
                break
            noun = noun.head
        return noun.lemma_.lower() in self.lex.actor_nouns

    def _member_listed(self, g: Group, groups: list[Group], brackets: list[int]) -> bool:
        """"le sommet des Brics (Brésil, Russie, Inde...)": members listed in brackets after an
        organisation spell it out; they are not parties of their own."""
        i = max((b for b in brackets if b < g.start), default=None)
        if i is None or any(self.doc[j].text == ")" for j in range(i + 1, g.start)):
            return False
        return any(o.end == i and o.actors and all(a.country.startswith("IGO:") for a in o.actors) for o in groups)

    def pool(self, weak: bool) -> list[Group]:
        return self.all if weak else self.strong

    def group_at(self, tok: Token, weak: bool = False) -> Group | None:
        for g in self.pool(weak):
            if g.start <= tok.i < g.end or g.head == tok.i:
                return g
        return None

    # -- prepositions ------------------------------------------------------------------------
    def _prep_class(self, g: Group) -> set[str]:
        """Classes of the preposition right before a group ("à l'encontre du" -> against)."""
        doc, i = self.doc, self.phrase_start(g) - 1
        contracted = self.lex.words("contracted_articles")
        while i >= self.sent.start and doc[i].pos_ in SKIPPABLE and doc[i].lower_ not in contracted:
            i -= 1
        if i > self.sent.start and doc[i].lower_ in contracted and doc[i - 1].pos_ == "ADP":
            i -= 1   # "contre des entreprises chinoises": after a preposition "des" is an article
        if i >= self.sent.start and (inherited := self._list_prep(g, i)) is not None:
            return inherited
        return self._classes_ending_at(i)

    def _list_prep(self, g: Group, i: int) -> set[str] | None:
        """A list member keeps the preposition of the first: after "et" ("par la Corée du Sud
        et Washington"), or after a comma when the parse attaches it to the one before
        ("entre le président azerbaïdjanais, le Premier ministre arménien et ...")."""
        doc, head = self.doc, self.doc[g.head]
        if doc[i].lower_ in self.lex.words("coordinators"):
            before = next((p for p in reversed(self.all) if p.end <= i and id(p) in self.preps), None)
            return self.preps[id(before)] if before is not None and i - before.end <= 1 else None
        if doc[i].text != ",":
            return None
        listed = head.dep_ == "conj" or (head.dep_ == "appos" and any(c.dep_ == "conj" for c in head.children))
        if listed:
            before = next((p for p in reversed(self.all) if p.start <= head.head.i < p.end and id(p) in self.preps), None)
            return self.preps[id(before)] if before is not None else None
        before = next((p for p in reversed(self.all) if p.end <= i and id(p) in self.preps), None)
        if before is not None and i - before.end <= 0 and _countries_only(before) and _countries_only(g) \
                and any(c.dep_ == "conj" for c in head.children):
            return self.preps[id(before)]   # "par le Royaume-Uni, la France et l'Allemagne"
        return None

    def phrase_start(self, g: Group) -> int:
        """Where a group's phrase starts: a demonym's noun is part of it ("aux avions biélorusses")."""
        i = g.start
        if g.mentions and g.mentions[0].kind == "demonym" and g.start == g.mentions[0].start:
            while i - 1 >= self.sent.start and self.doc[i - 1].pos_ in ("NOUN", "ADJ"):
                i -= 1
        return i

    def _classes_ending_at(self, i: int) -> set[str]:
        return self.lex.classes_ending([t.lower_ for t in self.doc[max(self.sent.start, i - 4): i + 1]])

    def prep(self, g: Group) -> set[str]:
        return self.preps[id(g)]

    # -- slot filling ------------------------------------------------------------------------
    def fill(self, slot: str, trig: Token, passive: bool, weak: bool = False) -> Filler | None:
        """The groups filling `slot` of the trigger; `weak` admits demonyms on things."""
        if passive and slot in ("subj", "obj"):
            slot = {"subj": "agent", "obj": "subj_raw"}[slot]
        elif slot == "agent":   # a "par" phrase on the trigger itself, not inside its object
            return self._direct_agent(trig)
        handlers = {
            "subj": lambda: self.subject(trig),
            "subj_raw": lambda: self.subject(trig, weak),
            "obj": lambda: self.object(trig, weak),
            "amod": lambda: self.adjacent_demonym(trig),
            "gov_subj": lambda: self.governor_slot(trig, "gov_subj", weak),
            "gov_obj": lambda: self.governor_slot(trig, "gov_obj", weak),
            "from": lambda: self.prepositional(trig, "of", weak, first_only=False),
            "posting": lambda: self.posting(trig),
            "place": lambda: self.place(trig),
            "complement": lambda: self.complement(trig, weak),
            "pair": lambda: self.pair(trig),
        }
        if slot in handlers:
            return handlers[slot]()
        found = self.prepositional(trig, slot, weak)
        if slot == "between" and found and len({a.country for g in found.groups for a in g.actors}) < 2:
            return None   # "entre Israël et le Hamas" with one side unknown: no pair to read
        return found

    def subject(self, verb: Token, weak: bool = False) -> Filler | None:
        v = verb
        for _ in range(3):
            subj = [_unless_prepositional(c) for c in v.children if c.dep_ in SUBJ_DEPS]
            subj = [c for c in subj if c is not None]
            if subj:
                return self._subject_from(subj[0], v, weak)
            if v.dep_ == "acl:relcl" or (v.dep_ == "acl" and v.pos_ == "VERB"):
                g = self.group_at(v.head, weak)
                if g:
                    return Filler([g], "dep")
                break
            if v.dep_ not in INHERIT_DEPS or v.head is v:
                break
            v = v.head
        found = self._inverted(verb) or self._linear_left(verb)
        if found is None and verb.dep_ == "advcl" and v.i > verb.i:
            found = self._linear_left(v)   # "Après s'être entretenu avec X, Y a déclaré"
        return found

    def _subject_from(self, tok: Token, verb: Token, weak: bool) -> Filler | None:
        if tok.lower_ in self.lex.words("relative_subjects") and verb.dep_ == "acl:relcl":
            g = self.group_at(verb.head, weak)   # the antecedent; all of a list when the verb is plural
            return Filler(self.coordinated(g) if self._plural(verb) else [g], "dep") if g else None
        g = self.group_at(tok, weak)
        if g:
            return Filler(self.coordinated(g), "dep")
        pronouns = self.lex.words("subject_pronouns")
        if tok.lower_ in pronouns and (outer := self._relative_host_subject(verb, weak)):
            return outer   # "le Soudan, qu'il accuse": "il" is the main clause's subject
        if tok.lower_ in pronouns and self.antecedent is not None:
            return Filler([self.antecedent], "pronoun")
        if tok.lower_ in self.lex.words("speaker_pronouns") and (speaker := self._speaker(verb)):
            return Filler([speaker], "pronoun")   # "« Nous condamnons ... », a déclaré X"
        if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ not in pronouns:
            inner = self._actor_inside(tok, weak)   # "la candidature de l'Arabie saoudite"
            return Filler([inner], "nested") if inner else None
        return self._linear_left(verb)

    def _plural(self, verb: Token) -> bool:
        """The verb (or its auxiliary) is plural: "qui accusent", "qu'ils ont accusés"."""
        plural, singular = self.lex.words("plural_verb_endings"), self.lex.words("singular_verb_endings")
        for t in (verb, *(c for c in verb.children if c.dep_.startswith("aux"))):
            word = t.lower_
            if "Plur" in t.morph.get("Number") or (word.endswith(tuple(plural)) and not word.endswith(tuple(singular))):
                return True
        return False

    def _relative_antecedent(self, verb: Token, weak: bool) -> Group | None:
        """The actor a relative "que" stands for: the phrase just before it ("la Russie, qu'il
        accuse"; the parse often takes that "que" for a conjunction)."""
        rel = next((c for c in verb.children if c.lower_ in self.lex.words("relative_objects")
                    and c.dep_ in OBJ_DEPS | {"mark"} and c.i < verb.i), None)
        if rel is None:
            return None
        i = rel.i - 1
        while i > self.sent.start and self.doc[i].is_punct:
            i -= 1
        g = next((g for g in self.pool(weak) if g.end == i + 1), None)
        return g if g is not None and (rel.dep_ in OBJ_DEPS or self.doc[i].pos_ in ("NOUN", "PROPN", "ADJ")) else None

    def _relative_host_subject(self, verb: Token, weak: bool) -> Filler | None:
        """The subject of the clause a relative clause hangs in ("Le Tchad a rompu avec son
        voisin, qu'il accuse": le Tchad)."""
        if verb.dep_ != "acl:relcl" and self._relative_antecedent(verb, weak) is None:
            return None
        host = verb.head
        while host.dep_ != "ROOT" and host.pos_ not in ("VERB", "AUX") and host.head is not host:
            host = host.head
        subj = next((c for c in host.children if c.dep_ in SUBJ_DEPS), None)
        g = self.group_at(subj, weak) if subj is not None else None
        return Filler(self.coordinated(g), "pronoun") if g else None

    def _direct_agent(self, trig: Token) -> Filler | None:
        """"reçu par X", "les sanctions imposées par X", "sanctions de la part de X": a "par"
        phrase on the trigger (or on the "part" of "de la part de" on it)."""
        heads = {trig.i} | {c.i for c in trig.children if c.dep_ == "acl"}
        depth = 3 if trig.pos_ == "NOUN" else 1   # a verb's agent hangs from it directly
        for g in self.groups:
            near = _hangs_from(self.doc[g.head], heads, depth) or 0 < g.start - trig.i <= 3
            if near and "agent" in self.prep(g) and not self._broken(trig.i, g.start):
                return Filler(self.coordinated(g), "dep")
        return None

    def _speaker(self, verb: Token) -> Group | None:
        """Who says a quote: the subject of the attribution verb after it ("..., a déclaré X")."""
        for tok in self.sent:
            if tok.i > verb.i and tok.pos_ == "VERB" and (found := self._inverted(tok)):
                return found.groups[0]
        return None

    def _inverted(self, verb: Token) -> Filler | None:
        """Subject after the verb in a quote attribution: "« ... », a déclaré X"."""
        if "Part" in verb.morph.get("VerbForm") and not any(c.dep_.startswith("aux") for c in verb.children):
            return None   # a bare participle: "X a, lors d'une conférence, accusé Y"
        i = verb.i - 1
        while i >= self.sent.start and self.doc[i].dep_.startswith("aux"):
            i -= 1
        if i < self.sent.start or self.doc[i].text not in {",", "»", '"', "”"}:
            return None
        nxt = next((g for g in self.groups if g.start > verb.i), None)
        if nxt and nxt.start - verb.i <= 3 and not self.prep(nxt):
            return Filler([nxt], "dep")
        return None

    def _linear_left(self, trig: Token) -> Filler | None:
        for g in reversed(self.groups):
            if g.end <= trig.i and not self.prep(g) and not self._broken(g.end, trig.i):
                return Filler(self.coordinated(g), "linear")
        return None

    def object(self, verb: Token, weak: bool = False) -> Filler | None:
        if g := self._relative_antecedent(verb, weak):   # "son voisin soudanais, qu'il accuse"
            return Filler(self.coordinated(g) if self._plural(verb) else [g], "dep")
        for c in verb.children:
            if c.dep_ not in OBJ_DEPS and not _misparsed_object(c, verb):
                continue
            if (g := self.group_at(c, weak)) and not self.prep(g):
                return Filler(self.coordinated(g), "dep")
            inner = self._actor_inside(c, weak) if self.nest_objects else None
            if c.dep_ in ("obl", "obl:mod") and inner and "of" not in self.prep(inner):
                continue   # "convoqué vendredi au ministère": no owner, no object
            if inner and not self._author_of(inner, c):
                return Filler([inner], "nested")
        for g in self.pool(weak):   # word order: the first bare phrase after the verb
            if g.start <= verb.i or self.prep(g) or self._author_of(g, self.doc[g.head].head):
                continue   # "a reçu à Rabat le président nigérian": skip the place
            between = self.doc[verb.i + 1:g.start]
            if g.start - verb.i <= 8 and not self._broken(verb.i, g.start) and \
                    not any(t.pos_ in ("VERB", "AUX", "CCONJ") for t in between):
                return Filler(self.coordinated(g), "linear")
            break
        return None

    def _author_of(self, g: Group, noun: Token) -> bool:
        """"a imposé des sanctions américaines à l'Iran": a demonym on an act noun names who
        acts, not whom the verb's act is done to."""
        return not self.answering and noun._.is_trigger and all(m.kind == "demonym" for m in g.mentions) and \
            self.doc[g.head].head.i == noun.i and self.doc[g.head].dep_ == "amod"

    def _actor_inside(self, noun: Token, weak: bool = False) -> Group | None:
        """The actor a thing belongs to: "la décision de la Russie", "un pétrolier grec"."""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return None
        found = [g for g in self.pool(weak) if 0 <= g.head - noun.i <= 10 and _within_np(self.doc[g.head], noun)
                 and not self.prep(g) & {"between", "partner"} and not self._a_place(g)
                 and not self._treaty_name(g, noun)]
        found.sort(key=lambda g: (not self.prep(g) & {"of", "agent"}, g.start))
        return found[0] if found else None

    def _treaty_name(self, g: Group, noun: Token) -> bool:
        """"l'accord de Vienne", "les accords de Minsk": a city names an agreement, it is no party."""
        return "of" in self.prep(g) and self.doc[g.head].head.i == noun.i and \
            all(m.kind in PLACE_KINDS for m in g.mentions) and \
            any(t.type == "AGREE" for t in self.lex.triggers_for(noun.lemma_, "NOUN"))

    def _a_place(self, g: Group) -> bool:
        """"à Washington", "au Kremlin": where something happens, not whose it is."""
        return bool(self.prep(g) & PLACE_PREPS) and all(m.kind in PLACE_KINDS for m in g.mentions)

    def prepositional(self, trig: Token, cls: str, weak: bool = False, first_only: bool = True) -> Filler | None:
        """The first phrase after the trigger introduced by a preposition of class `cls`, or
        the actor inside it ("contre des cibles dans la province iranienne"); None when that
        phrase names no actor ("à sa politique, dont celle de l'Ukraine")."""
        limit = 4 if cls == "of" and first_only else 15
        first_pp = self._first_pp(trig, cls, limit) if first_only else None
        own = {t.i for t in trig.subtree} if trig.pos_ == "NOUN" else None
        for g in self.pool(weak):
            start = self.phrase_start(g)
            if g.start <= trig.i or self._broken(trig.i, g.start) or start - trig.i > limit:
                continue
            if own is not None and g.head not in own and start - trig.i > 6:
                continue   # a noun's phrases hang from it: "sanctions à l'Iran après l'attaque contre Israël"
            if cls in self.prep(g) and (first_pp is None or start - first_pp <= 4):
                return Filler(self.coordinated(g), "dep")
        if first_pp is not None and cls != "of":
            obj = self._pp_object(first_pp)
            inner = self._actor_inside(obj, weak) if obj is not None else None
            return Filler([inner], "nested") if inner else None
        return None

    def _first_pp(self, trig: Token, cls: str, limit: int) -> int | None:
        """Index of the first preposition of class `cls` after the trigger that opens a noun
        phrase (not an adverbial "en visite", "en personne")."""
        end = min(self.sent.end, trig.i + limit + 1)
        of_class = self.lex.prepositions_of(cls)
        contracted = self.lex.words("contracted_articles")
        for i in range(trig.i + 1, end):
            tok = self.doc[i]
            if tok.pos_ != "ADP" and tok.lower_ not in contracted:
                continue
            words = tuple(t.lower_ for t in self.doc[i:min(end, i + 4)])
            match = next((p for p in of_class if words[:len(p)] == p), None)
            if match is None:
                continue
            nxt = self.doc[i + len(match)] if i + len(match) < self.sent.end else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.is_lower:
                continue   # "en visite", "en personne": adverbial, no participant
            obj = self._pp_object(i)
            if obj is not None and obj.lemma_.lower() in self.lex.time_nouns:
                continue   # "dans la nuit de mardi": a time, no participant
            return i
        return None

    def _pp_object(self, i: int) -> Token | None:
        for tok in self.doc[i + 1: min(self.sent.end, i + 6)]:
            if tok.pos_ in ("NOUN", "PROPN"):
                return tok
        return None

    def adjacent_demonym(self, noun: Token) -> Filler | None:
        doc = self.doc
        for g in self.all:   # "sanctions américaines", "sanctions économiques américaines", not "soutien au peuple ukrainien"
            near = g.start == noun.i + 1 or g.end == noun.i or \
                (g.start == noun.i + 2 and doc[noun.i + 1].pos_ == "ADJ")
            if near and len(g.mentions) == 1 and g.mentions[0].kind == "demonym":
                return Filler([g], "adjacent")
        return None

    def governor_slot(self, noun: Token, slot: str, weak: bool = False) -> Filler | None:
        """Subject or object of the verb governing a noun trigger: "la Russie a effectué une
        visite", "Cuba subit des sanctions" (an undergoing verb: its subject is the target)."""
        if slot == "gov_subj" and any(c.dep_ in SUBJ_DEPS for c in noun.children):
            return Filler(self.subject(noun).groups, "gov") if self.subject(noun) else None
        gov = _governing_verb(noun, self.lex.words("circumstance_prepositions"))
        occasion = self._in_occasion_phrase(noun)
        if occasion is not None:
            gov = occasion
        if gov.i == noun.i or not _is_verb(gov):
            return None
        undergo = gov.lemma_ in self.lex.undergo_verbs
        if slot == "gov_subj" and self.hostile and gov.lemma_ in self.lex.reporting_verbs:
            return None   # "X a annoncé l'invasion de Y": X reports the attack, does not make it
        owned = any("Poss=Yes" in str(c.morph) for c in noun.children)   # "ont démarré leur rencontre"
        if not undergo and occasion is None and not owned and gov.lemma_ not in self.lex.light_verbs:
            return None
        if slot == "gov_subj" and not undergo:
            f = self.subject(gov)
        elif slot == "gov_obj" and undergo:
            f = self.subject(gov, weak)
        elif slot == "gov_obj":
            f = self._other_object(gov, noun, weak)
        else:
            return None
        return Filler(f.groups, "gov") if f else None

    def _other_object(self, gov: Token, noun: Token, weak: bool) -> Filler | None:
        """The verb's other object; for a passive, its subject ("Kiev a été visée par une attaque")."""
        deps = OBJ_DEPS | {"obl:arg"} | ({"nsubj:pass"} if any(c.dep_ == "aux:pass" for c in gov.children) else set())
        for c in gov.children:
            if c.dep_ not in deps:
                continue
            if c.i != noun.i:
                g = self.group_at(c, weak) or self._actor_inside(c, weak)
                if g:
                    return Filler(self.coordinated(g), "gov")
        if noun.i < gov.i:   # the noun is the subject: the verb's object by word order
            f = self.object(gov, weak)
            return Filler(f.groups, "gov") if f else None
        return None

    def _in_occasion_phrase(self, noun: Token) -> Token | None:
        """The clause verb when the noun opens "lors de / à l'issue de ..." ("lors du sommet")."""
        words = list(self.doc[max(self.sent.start, noun.i - 6):noun.i])
        while words and words[-1].pos_ in ("DET", "ADJ"):   # "à l'issue d'une longue rencontre"
            words.pop()
        before = tuple(folded(t.lower_) for t in words)
        preps = self.lex.folded_occasion_preps   # "A l'issue" = "À l'issue"
        if not any(before[-len(p):] == p for p in preps if len(p) <= len(before)):
            return None
        t = noun
        for _ in range(4):
            if t.head.i == t.i:
                break
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t
        # a misparsed opening phrase ("Plus tôt, au cours d'un échange avec X, Y a assuré"):
        # the first verb after it that has a subject
        return next((v for v in self.doc[noun.i + 1:self.sent.end]
                     if v.pos_ == "VERB" and any(c.dep_ in SUBJ_DEPS for c in v.children)), None)

    def pair(self, noun: Token) -> Filler | None:
        """Two actors joined by a hyphen right after the noun: "la rencontre Biden-Poutine"."""
        nxt = next((g for g in self.groups if g.start > noun.i), None)
        if nxt is None or nxt.start - noun.i > 1 or self.prep(nxt):
            return None
        pair = self.coordinated(nxt)
        hyphen = len(pair) >= 2 and self.doc[pair[0].end].text in ("-", "–")
        return Filler(pair, "dep") if hyphen else None

    def posting(self, trig: Token) -> Filler | None:
        """Where the summoned envoy serves: "l'ambassadeur de Chine à Paris a été convoqué"."""
        patient = self.object(trig) or self.subject(trig, weak=True)
        if not patient:
            return None
        last = patient.groups[-1]
        for g in self.groups:
            if 0 <= g.start - last.end <= 3 and self.prep(g) & PLACE_PREPS and g.is_place:
                return Filler([g], "place")
        return None

    def place(self, trig: Token) -> Filler | None:
        """The country of the place where the act happens: "arrêté à Moscou"."""
        for g in self.groups:
            if g.is_place and not g.has_person and self.prep(g) & PLACE_PREPS and abs(g.start - trig.i) <= 12:
                return Filler([g], "place")
        return None

    def complement(self, trig: Token, weak: bool) -> Filler | None:
        """The target of the act a threat announces: "menace de couper le gaz à la Moldavie"."""
        for c in trig.children:
            if c.dep_ in ("xcomp", "ccomp", "obl:arg", "advcl") and c.pos_ in ("VERB", "NOUN"):
                inside = {t.i for t in c.subtree}
                for g in self.pool(weak):
                    if g.head in inside and not self.prep(g) & {"agent", "partner"}:
                        return Filler(self.coordinated(g), "nested")
        return None

    # -- helpers -----------------------------------------------------------------------------
    def coordinated(self, g: Group) -> list[Group]:
        """The group and those coordinated with it, on both sides: "la Chine et la Russie",
        "en Chine, au Vietnam et au Laos"."""
        pool = self.all if g not in self.strong else self.strong
        i = pool.index(g)
        left = right = i
        while left > 0 and self._joined(pool[left - 1], pool[left]):
            left -= 1
        while right + 1 < len(pool) and self._joined(pool[right], pool[right + 1]):
            right += 1
        return pool[left:right + 1]

    def _joined(self, a: Group, b: Group) -> bool:
        """Two groups coordinated: by the parse ("le ministre marocain de l'Intérieur et son
        homologue espagnol") or by a plain "et", "," or "ou" between them."""
        ha, hb = self.doc[a.head], self.doc[b.head]
        if (hb.dep_ == "conj" and (hb.head.i == ha.i or a.start <= hb.head.i < a.end)) or \
                (ha.dep_ == "conj" and ha.head.i == hb.i):   # "ses alliés du Niger et du Burkina Faso"
            return not self._broken(a.end, b.start)
        gap = list(self.doc[a.end:b.start])
        if [t.text for t in gap] in (["-"], ["–"]):
            return True   # "la rencontre Biden-Poutine", "le sommet Chine-Afrique"
        if self._companion(a, b):
            return True   # "le Mali, accompagné du Niger", "X en compagnie des ministres de Y"
        if not gap or len(gap) > 4 or not any(t.lower_ in self.lex.words("coordinators") or t.text == ","
                                               for t in gap):
            return False
        if bool(self.prep(a)) != bool(self.prep(b)) and not self._owners_listed(a, gap):
            return False   # "à Gaza, le président turc": not a list
        return not any(t.pos_ in ("VERB", "AUX", "NOUN") or t.text in CLAUSE_BREAK for t in gap)

    def _companion(self, a: Group, b: Group) -> bool:
        """A phrase such as "accompagné de", "ainsi que" fills the gap between the groups (the
        second group may have swallowed its last word: "compagnie des ministres de Y")."""
        words = [t for t in self.doc[a.end:b.end] if t.text != "," and t.pos_ != "DET"][:5]
        return any(words[k - 1].i >= b.start - 1 and " ".join(t.lower_ for t in words[:k]) in self.lex.words("companions")
                   for k in range(1, len(words) + 1))

    def _owners_listed(self, a: Group, gap: list[Token]) -> bool:
        """"ses voisins du Liberia et de la Sierra Leone": a genitive after the coordinator
        continues the genitive inside the group before it."""
        genitives = self.lex.words("genitives")
        last = a.mentions[-1].start if a.mentions else a.start
        words = [t for t in gap if t.pos_ != "DET"]
        return last > a.start and self.doc[last - 1].lower_ in genitives and bool(words) and words[-1].lower_ in genitives

    def _broken(self, a: int, b: int) -> bool:
        """A clause break (semicolon, colon, bracket, dash) lies between token a and token b."""
        lo, hi = min(a, b), max(a, b)
        return any(lo <= i < hi for i in self._breaks)


def _governing_verb(noun: Token, circumstance: frozenset[str]) -> Token:
    """The verb whose core argument a noun trigger is, through a quantity or a misparse:
    "a imposé un paquet de sanctions", "a eu mercredi un long entretien" (parsed as a
    conjunct of "mercredi"). Not the verb of an adverbial: "a imposé ... après l'attaque"."""
    t = noun
    for _ in range(3):
        if t.head.i == t.i or t.dep_ not in ("obj", "nsubj", "nsubj:pass", "obl", "obl:arg", "obl:mod",
                                             "obl:agent", "nmod", "conj", "appos", "xcomp", "iobj"):
            return noun
        if t.i == noun.i and any(c.dep_ == "case" and c.lower_ in circumstance for c in t.children):
            return noun   # "après l'attaque", "malgré les sanctions": circumstance, not argument
        t = t.head
        if _is_verb(t):
            return t
    return noun


def _misparsed_object(c: Token, verb: Token) -> bool:
    """"a rejeté « x » les accusations" (conj), "a reçu, lundi à Alger, le président" (a bare
    obl:mod), "a accusé Rabat de" (xcomp): a noun after the verb with no preposition is its object."""
    if c.i < verb.i or c.pos_ not in ("NOUN", "PROPN"):
        return False
    if c.dep_ == "conj":
        return c.pos_ == "NOUN"
    return c.dep_ in ("obl", "obl:mod", "xcomp") and not any(x.dep_ in ("case", "cc") for x in c.children) \
        and not any(t.pos_ == "VERB" for t in c.doc[verb.i + 1:c.i])   # (no other clause between)


def _countries_only(g: Group) -> bool:
    return bool(g.mentions) and all(m.kind == "country" for m in g.mentions)


def _unless_prepositional(subj: Token) -> Token | None:
    """A subject the parser found behind a preposition ("avec le ministre X, le Premier
    ministre Y a demandé") is no subject; an apposition to it may be."""
    if not any(c.dep_ == "case" for c in subj.children):
        return subj
    return next((c for c in subj.children if c.dep_ == "appos" and not any(x.dep_ == "case" for x in c.children)), None)


def _is_verb(t: Token) -> bool:
    """A verb, or a word the tagger mistook though it has an auxiliary ("a rétabli")."""
    return t.pos_ in ("VERB", "AUX") or any(c.dep_ in ("aux", "aux:tense", "aux:pass") for c in t.children)


def _within_np(tok: Token, noun: Token) -> bool:
    """`tok` hangs from `noun` through its own phrase, not through a relative clause."""
    t = tok
    for _ in range(8):
        if t.i == noun.i:
            return True
        if t.dep_ == "acl:relcl" or t.head.i == t.i:
            return False
        t = t.head
    return False


def _hangs_from(tok: Token, heads: set[int], depth: int = 3) -> bool:
    """`tok` depends on one of `heads` within `depth` steps, through no verb of its own."""
    t = tok
    for _ in range(depth):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.i in heads:
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False
