"""Actor mentions in a parsed document -> actor groups.

A *mention* is a gazetteer hit (country name, demonym, capital or seat of power, IGO), a role
phrase ("président", "chef de la diplomatie") or a person name. Mentions that belong to one
noun phrase ("le président cubain Miguel Díaz-Canel", "Vladimir Poutine, président de la
Fédération de Russie") form a *group*: the unit that fills an event's source or target.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..models import Actor, DateValue
from ..nlp import sentence_starts
from .roles import without_title

# Dependencies that stay inside one noun phrase when climbing from a mention to its head.
NP_DEPS = {"amod", "appos", "flat:name", "flat", "nmod", "compound", "fixed", "nummod"}
NOUNISH = {"NOUN", "PROPN", "ADJ"}
PLACE_KINDS = {"metonym", "city"}


@dataclass
class Mention:
    start: int          # token index in doc
    end: int
    kind: str           # country | demonym | metonym | igo | role | person
    code: str | None = None      # country or IGO code
    role: str | None = None
    person: object | None = None  # KB person, when known
    text: str = ""


@dataclass
class Group:
    """One noun phrase naming one or more actors (coordinated demonyms give several)."""

    head: int
    start: int
    end: int
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    doc: Doc | None = None
    weak: bool = False   # names a country only as owner of a thing, not as an actor

    @property
    def is_place(self) -> bool:
        return any(m.kind in PLACE_KINDS or m.kind == "country" for m in self.mentions)

    @property
    def has_person(self) -> bool:
        return any(m.kind == "person" for m in self.mentions)


class MentionFinder:
    """Finds actor groups in spaCy docs of one language, using the knowledge base."""

    def __init__(self, nlp, kb, lang: str, anaphors: dict | None = None,
                 genitives: frozenset[str] = frozenset()):
        self.kb, self.lang, self.genitives = kb, lang, genitives
        self.cased = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._add_patterns(nlp)
        self.numbers = {k.lower(): int(v) for k, v in (anaphors or {}).get("numbers", {}).items()}
        self.anaphors = Matcher(nlp.vocab)
        if self.numbers:
            nouns = list((anaphors or {}).get("nouns", []))
            self.anaphors.add("anaphor", [[{"LOWER": {"IN": ["les", "leurs", "ces"]}},
                                           {"LOWER": {"IN": list(self.numbers)}},
                                           {"LEMMA": {"IN": nouns}}]])

    def _add_patterns(self, nlp) -> None:
        acronyms = self.kb.acronyms(self.lang)
        cased: dict[str, list] = {}
        lower: dict[str, list] = {}
        for surface, (kind, code) in self.kb.aliases(self.lang).items():
            if surface in acronyms:
                cased.setdefault(f"{kind}|{code}", []).append(nlp.make_doc(surface.upper()))
            else:
                lower.setdefault(f"{kind}|{code}", []).append(nlp.make_doc(surface))
        for toks, role in self.kb.roles.phrases.get(self.lang, {}).items():
            lower.setdefault(f"role|{role}", []).append(nlp.make_doc(" ".join(toks).replace("' ", "'")))
        for person in self.kb.people:
            for name in {person.canonical, *person.aliases}:
                cased.setdefault("person|kb", []).append(nlp.make_doc(name))
        for label, docs in cased.items():
            self.cased.add(label, docs)
        for label, docs in lower.items():
            self.lower.add(label, docs)

    # -- mentions ---------------------------------------------------------------------------
    def mentions(self, doc: Doc, date: DateValue | None) -> list[Mention]:
        spans = []
        for matcher in (self.cased, self.lower):
            for key, s, e in matcher(doc):
                label = doc.vocab.strings[key]
                spans.append(Span(doc, s, e, label=label))
        for _, s, e in self.anaphors(doc):   # "les deux pays"
            spans.append(Span(doc, s, e, label=f"anaphor|{self.numbers[doc[s + 1].lower_]}"))
        found = filter_spans(spans)
        taken = {i for sp in found for i in range(sp.start, sp.end)}
        for ent in doc.ents:  # people the knowledge base does not know yet
            if ent.label_ == "PER" and not any(i in taken for i in range(ent.start, ent.end)):
                found.append(Span(doc, ent.start, ent.end, label="person|"))
        mentions = sorted((self._mention(sp, date) for sp in found), key=lambda m: m.start)
        return _with_short_names(doc, mentions, self.genitives)

    def _mention(self, span: Span, date: DateValue | None) -> Mention:
        kind, _, code = span.label_.partition("|")
        m = Mention(span.start, span.end, kind, text=span.text)
        if kind == "role":
            m.role = code
        elif kind == "anaphor":
            m.code = code   # how many countries it stands for
        elif kind == "person":
            m.person = self.kb.person(without_title(span.text), date)
        else:
            m.code = self.kb.canonical_code(code)
        return m

    # -- groups -----------------------------------------------------------------------------
    def groups(self, doc: Doc, mentions: list[Mention], stop: frozenset[str] = frozenset()) -> list[Group]:
        """Mentions grouped by the noun phrase they sit in; `stop` words never head a phrase."""
        by_head: dict[int, Group] = {}
        places = frozenset(i for m in mentions if m.kind in PLACE_KINDS for i in range(m.start, m.end))
        people = frozenset(i for m in mentions if m.kind == "person" for i in range(m.start, m.end))
        heads: dict[int, list[tuple[Mention, frozenset[int]]]] = {}
        for m in mentions:
            # a place never joins a person's phrase: "Mahmoud Abbas au complexe présidentiel d'Ankara"
            blocked = places | (people if m.kind in PLACE_KINDS else frozenset())
            heads.setdefault(np_head(doc, m.start, m.end, stop, blocked, self.genitives), []).append((m, blocked))
        for head, members in heads.items():
            # "le ministre britannique, le Premier ministre kosovar": appositions naming
            # different people or nationalities are separate phrases
            split = len(members) > 1 and any(_other_actor(a, b) for (a, _), (b, _) in combinations(members, 2))
            for m, blocked in members:
                h = np_head(doc, m.start, m.end, stop, blocked, self.genitives, through_appos=False) if split else head
                g = by_head.setdefault(h, Group(h, min(h, m.start), max(h + 1, m.end), doc=doc))
                g.mentions.append(m)
                g.start, g.end = min(g.start, m.start), max(g.end, m.end)
        return sorted(by_head.values(), key=lambda g: g.start)


def _other_actor(a: Mention, b: Mention) -> bool:
    """Two mentions that cannot name the same actor: two persons, or the demonyms of two
    countries (a list of countries is one phrase: "les grandes puissances (Allemagne, Chine...)")."""
    if a.kind == "person" and b.kind == "person":
        return a.text != b.text and not (a.person is not None and a.person is b.person)
    if {a.kind, b.kind} == {"igo", "country"}:
        return True   # "les Brics (Brésil, Russie...)": the members, not the organisation
    return a.kind == b.kind == "demonym" and a.code != b.code


def _with_short_names(doc: Doc, mentions: list[Mention], genitives: frozenset[str]) -> list[Mention]:
    """"le Conseil" after "le Conseil de sécurité": an organisation named once in full is
    then named by its first word (capitalised, standing alone: not "le Conseil national")
    for the rest of the document."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    short: dict[str, Mention] = {}
    out = []
    for m in mentions:
        out.append(m)
        first = doc[m.start]
        if m.kind == "igo" and m.end - m.start >= 2 and first.is_title and len(first.text) >= 4:
            short.setdefault(first.text, m)   # from its first full mention on
    if not short:
        return mentions
    for tok in doc:
        m = short.get(tok.text)
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        alone = nxt is None or (nxt.pos_ not in ("ADJ", "PROPN") and nxt.lower_ not in genitives)
        if m is not None and alone and tok.i > m.start and tok.i not in taken:
            out.append(Mention(tok.i, tok.i + 1, "igo", m.code, text=tok.text))
    return sorted(out, key=lambda x: x.start)


def hyphenated_names(kb) -> tuple[str, ...]:
    """Hyphenated parts of known names ("Jong-un", "Díaz-Canel"), for the tokenizer to keep
    whole: split, "Jong-un" reads as "Jong" + "-" + the pronoun "un" and derails the parse."""
    words = {w for p in kb.people for n in (p.canonical, *p.aliases) for w in n.split()
             if "-" in w.strip("-") and w[0].isupper()}
    return tuple(sorted(words))


def np_head(doc: Doc, start: int, end: int, stop: frozenset[str] = frozenset(),
            places: frozenset[int] = frozenset(), genitives: frozenset[str] = frozenset(),
            max_steps: int = 4, through_appos: bool = True) -> int:
    """The head of the noun phrase a mention sits in, climbing NP-internal dependencies."""
    starts = sentence_starts(doc)
    span = doc[start:end]
    tok = span.root
    for _ in range(max_steps):
        head = tok.head
        if head.i == tok.i or starts[head.i] != starts[tok.i]:
            break
        dep = tok.dep_
        if dep == "conj" and tok.pos_ == "ADJ" and head.pos_ == "NOUN":
            # "les ministres des Affaires étrangères turc et azerbaïdjanais": join the first adjective
            sibling = next((c for c in head.children if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i < tok.i), None)
            if sibling is not None:
                tok, head, dep = sibling, sibling.head, sibling.dep_
        coordinated_adj = dep == "conj" and tok.pos_ == "ADJ" and head.pos_ == "ADJ"
        if not (dep in NP_DEPS or coordinated_adj) or head.pos_ not in NOUNISH:
            break
        if dep == "appos" and not through_appos and (tok.pos_ == "NOUN" or doc[tok.i - 1].text == "("):
            break   # a title phrase in apposition ("..., le Premier ministre arménien"), not a name;
                    # a bracketed list ("les Brics (Brésil, Russie...)")
        if dep == "nmod" and not _genitive(tok, genitives):   # "président de la Russie", not "Aoun à Macron"
            break
        if abs(head.i - tok.i) > 8 or _is_trigger_noun(head) or head.lower_ in stop:
            break
        if head.i in places and not (start <= head.i < end):   # "à Rabat, le président nigérian"
            break
        tok = head
    return tok.i


def _genitive(tok, genitives: frozenset[str]) -> bool:
    case = [c for c in tok.children if c.dep_ == "case"]
    return not case or case[0].lower_ in genitives


def _is_trigger_noun(tok) -> bool:
    return tok.has_extension("is_trigger") and tok._.is_trigger

