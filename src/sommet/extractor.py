"""One language's extractor: the parsed document -> dated, placed, deduplicated events."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .actors.mentions import Group, MentionFinder, hyphenated_names
from .actors.document import DocumentActors
from .events.extract import Candidate, Memory, SentenceEvents, doc_sentences, new_event, trigger_candidates
from .events.lexicon import load_lexicon
from .events.occasions import merge_occasions
from .models import DateValue, Document, Event, Place
from .nlp import sentence_starts

NOT_DATES = {"duration", "age", "ordinal", "since"}
# Sectors whose people are not state voices: their contacts are not interstate events
# (a patriarch meeting a pope), unless the person heads a state.
NON_POLITICAL = {"REL", "MED", "BUS", "CVL"}


@lru_cache(maxsize=None)
def extractor_for(lang: str, actor_files: tuple[str, ...] = ()) -> "Extractor":
    """The process-wide extractor of a language (models load once)."""
    return Extractor(lang, actor_files)


class Extractor:
    def __init__(self, lang: str, actor_files: tuple[str, ...] = ()):
        from . import nlp
        from .actors.kb import KnowledgeBase

        self.lang = lang
        self.kb = KnowledgeBase.load(user_files=actor_files)
        self.nlp = nlp.load(lang, special_cases=hyphenated_names(self.kb))
        self.lex = load_lexicon(lang)
        self.finder = MentionFinder(self.nlp, self.kb, lang, self.lex.plural_anaphors, self.lex.words("genitives"))
        self._trigger_lemmas = {lemma for lemma, _ in self.lex.triggers}
        # words that never head an actor's phrase: "à l'encontre de", "plus tôt dans la journée, le leader"
        self._not_heads = self.lex.preposition_nouns | self.lex.time_nouns
        Token.set_extension("is_trigger", default=False, force=True)

    def run(self, items: list[tuple[Document, str]], batch_size: int = 32) -> list[list[Event]]:
        """Events of each (document, masked text), parsing all texts in one nlp.pipe."""
        out = []
        for (doc, _), parsed in zip(items, self.nlp.pipe((m for _, m in items), batch_size=batch_size)):
            out.append(self.events(doc, parsed))
        return out

    def events(self, doc: Document, parsed: Doc) -> list[Event]:
        found: list[Event] = []
        masked = parsed.text   # spaCy joins it anew at each call
        when = DocumentDates(masked, self.lang, doc.date)
        for sent, sgroups, _, candidates in self.readings(doc, parsed):
            for c in candidates:
                event = new_event(c, sent, doc.text, masked, self.lex.when_scheduled)
                event.date, event.date_source = when.for_trigger(c.token, sent)
                event.confidence = round(event.confidence * _recency(event.date, doc.date), 3)
                event.location = self._place(c, sent, sgroups)
                found.append(event)
        return merge_occasions(found)

    def readings(self, doc: Document, parsed: Doc) -> Iterator[tuple[Span, list[Group], SentenceEvents, list[Candidate]]]:
        """Per sentence: its actor groups, its reader and its candidate events."""
        for i in trigger_candidates(parsed, self.lex):
            tok = parsed[i]
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in self._trigger_lemmas:
                tok._.is_trigger = True
        groups = self.finder.groups(parsed, self.finder.mentions(parsed, doc.date), self._not_heads)
        actors = DocumentActors(self.kb, doc.date, self.lang)
        memory = Memory()
        for sent in doc_sentences(parsed):
            sgroups = [g for g in groups if sent.start <= g.head < sent.end]
            actors.new_sentence()
            for g in sgroups:
                actors.resolve(g)
            reader = SentenceEvents(sent, sgroups, self.lex, _antecedent(parsed, groups, sent.start), memory)
            candidates = [c for c in reader.candidates() if _political(c.source) and _political(c.target)]
            for c in candidates:
                actors.saw_event(c.source.country, c.target.country)
            yield sent, sgroups, reader, candidates

    def _place(self, c: Candidate, sent: Span, groups: list[Group]) -> Place | None:
        """Where the event happened: the place it names as a target ("s'est rendu en Chine"),
        else the nearest place phrase of the sentence ("à Genève", "au Kremlin")."""
        doc = sent.doc
        if c.place_group is not None:
            g = c.place_group
            return self.geocode(doc[g.start:g.end].text, g.actors[0].country if g.actors else None)
        spans = [(g.start, g.end, g.actors[0].country if g.actors else None)
                 for g in groups if g.is_place and not g.has_person]
        taken = {i for g in groups for i in range(g.start, g.end)}
        spans += [(start, end, None) for start, end in _locations(doc)
                  if sent.start <= start < sent.end and start not in taken]
        spans = [s for s in spans if "destination" in self._prep_before(doc, s[0], sent.start)
                 and abs(s[0] - c.token.i) <= 12]
        for start, end, country in sorted(spans, key=lambda s: (abs(s[0] - c.token.i), s[0] < c.token.i)):
            place = self.geocode(doc[start:end].text, country)
            if place is not None and place.country:
                return place
        return None

    def _prep_before(self, doc: Doc, start: int, floor: int) -> set[str]:
        i = start - 1
        while i >= floor and doc[i].pos_ == "DET":
            i -= 1
        return self.lex.classes_ending([t.lower_ for t in doc[max(floor, i - 3): i + 1]])

    def geocode(self, name: str, country: str | None) -> Place | None:
        from .places import default_geocoder

        place = default_geocoder().geocode(name, self.lang, country_hint=country)
        return place or (Place(name=name, country=country) if country else None)


def _locations(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of the parser's place entities, read once per document."""
    if "sommet_locations" not in doc.user_data:
        doc.user_data["sommet_locations"] = [(e.start, e.end) for e in doc.ents if e.label_ == "LOC"]
    return doc.user_data["sommet_locations"]


def _recency(date: DateValue | None, pub: DateValue | None) -> float:
    """Background events (years before the article) are told in passing: less sure to matter."""
    if date is None or pub is None or date.year >= pub.year - 1:
        return 1.0
    return 0.8


def _political(actor) -> bool:
    return actor.sector not in NON_POLITICAL or actor.role == "head of state"


def _antecedent(doc: Doc, groups: list[Group], before: int) -> Group | None:
    """What "il", "elle" at the start of a sentence refer to: the subject of the sentence
    just before (None when that sentence has no actor as subject)."""
    if before == 0:
        return None
    starts = sentence_starts(doc)
    prev_start = starts[before - 1]
    for g in groups:
        if prev_start <= g.head < before and g.actors and doc[g.head].dep_.startswith("nsubj"):
            return g
    return None


class DocumentDates:
    """Time expressions of one document, and the date of each event from them."""

    def __init__(self, text: str, lang: str, pub: DateValue | None):
        from .dates import find_dates

        self.mentions = find_dates(text, lang, pub)
        self.pub = self._focal(pub)

    def _focal(self, pub: DateValue | None) -> DateValue | None:
        """The date today's news defaults to: the publication date, made precise by the first
        full date of the text inside it ("le 4 novembre" in an article of 2018-11)."""
        if pub is not None and pub.day:
            return pub
        for m in self.mentions:
            if m.kind == "absolute" and m.value and m.value.day:
                if pub is None or m.value.value.startswith(pub.value):
                    return m.value
                break
        return pub

    def for_trigger(self, tok: Token, sent: Span) -> tuple[DateValue | None, str]:
        """(date, where it comes from): the time expression of the trigger's own clause
        ("text"), else the publication date for today's news ("publication"; None for
        background told in the pluperfect)."""
        doc = sent.doc
        inside = [m for m in self.mentions if sent.start_char <= m.start < sent.end_char
                  and m.kind not in NOT_DATES]
        verb = _clause_verb(tok)
        own = [m for m in inside if _in_clause(_clause_verb(_token_at(doc, m.start)), verb, tok)]
        if not own:
            own = [m for m in inside if _before_first_verb(doc, sent, m.start) and verb.dep_ == "ROOT"]
        if not own:
            if origin := self._anniversary(tok, sent):
                return origin, "text"
            return (None, "text") if _pluperfect(tok) else (self.pub, "publication")
        near = min(own, key=lambda m: min(abs(m.start - tok.idx), abs(m.end - tok.idx)))
        if near.value is not None and near.kind == "until" and near.value.precision == "day":
            return DateValue(near.value.value[:7]), "text"
        return near.value, "text"

    def _anniversary(self, tok: Token, sent: Span) -> DateValue | None:
        """"le 75e anniversaire de l'établissement des relations": the year counted from."""
        for m in self.mentions:
            if m.origin and sent.start_char <= m.end <= tok.idx and tok.idx - m.end < 60:
                return m.origin
        return None


def _in_clause(mention_verb: Token, verb: Token, tok: Token) -> bool:
    """A time expression belongs to the trigger's clause, or to a clause on the trigger noun
    ("une tournée qui a débuté le 1er novembre")."""
    return mention_verb.i == verb.i or (tok.pos_ == "NOUN" and mention_verb.head.i == tok.i
                                        and mention_verb.dep_.startswith("acl"))


def _before_first_verb(doc: Doc, sent: Span, char: int) -> bool:
    """A time expression opening the sentence ("Le 13 septembre 2023, X a rencontré Y")."""
    first_verb = next((t.idx for t in sent if t.pos_ in ("VERB", "AUX")), sent.end_char)
    return char < first_verb


def _token_at(doc: Doc, char: int) -> Token:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[0]


def _clause_verb(tok: Token) -> Token:
    """The verb heading the clause a token sits in (a noun trigger: its governing verb)."""
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "aux", "aux:tense", "aux:pass", "cop"):
            return t
        if t.head is t:
            return t
        t = t.head
    return t


def _pluperfect(tok: Token) -> bool:
    """"s'était rendu", "avait visité": background, not today's news."""
    verb = tok.head if tok.pos_ == "NOUN" and tok.head.pos_ in ("VERB", "AUX") else tok
    return any(a.dep_.startswith("aux") and "Imp" in a.morph.get("Tense") for a in verb.children)
