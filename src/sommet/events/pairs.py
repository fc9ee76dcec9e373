"""A learned second reader: the actor pairs a trigger links when the slot rules miss them.

The slot rules (slots.py) read the parse; on long news sentences the parse often breaks
and a slot stays empty. For each trigger of a sentence and each ordered pair of actors
in it, a logistic model scores the pair from features a linguist would look at: the
dependency path from the trigger to each side, the preposition class before each side,
word order, distance, what kind of actor each side is. Pairs scored above the model's
threshold become events, with the score in their confidence.

The model is data: `data/models/<lang>/pairs.json` holds its feature weights, its
threshold and how it was trained. `make train` rebuilds it from the hand-annotated
articles and sentences (scripts/train_pairs.py). A language without that file simply
has no second reader.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..actors.mentions import Group
from ..datafiles import data_file
from ..models import Actor
from .extract import SYMMETRIC_TYPES, Candidate, SentenceEvents
from .lexicon import Trigger
from .slots import SentenceSlots

MAX_GROUPS = 8        # the actor groups nearest a trigger that are paired
MAX_PATH = 4          # longer dependency paths are all alike: "far"
MODEL_QUALITY = 0.8   # a model's reading is trusted less than a rule's


@dataclass
class Instance:
    """One trigger and one ordered pair of actors of its sentence."""

    token: Token
    trigger: Trigger
    source: Actor
    target: Actor
    features: list[str]


def instances(tok: Token, trig: Trigger, slots: SentenceSlots, ruled: bool) -> list[Instance]:
    """Every ordered pair of actors of different countries around one trigger (`ruled`: the
    slot rules found some pair for this trigger)."""
    groups = sorted(slots.all, key=lambda g: abs(g.head - tok.i))[:MAX_GROUPS]
    sides = {id(g): _side_features(tok, g, slots) for g in groups}
    base = _trigger_features(tok, trig) + (["ruled"] if ruled else [])
    out = []
    for ga in groups:
        for gb in groups:
            pair = _pair_features(tok, ga, gb, sides[id(ga)], sides[id(gb)])
            feats = _conjoin(trig.type, base + ["S:" + f for f in sides[id(ga)]]
                             + ["T:" + f for f in sides[id(gb)]] + pair)
            out.extend(Instance(tok, trig, a, b, feats) for a in ga.actors for b in gb.actors
                       if a.country != b.country)
    return out


def _trigger_features(tok: Token, trig: Trigger) -> list[str]:
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    feats = [f"lemma={trig.lemma}", f"pos={tok.pos_}", f"dep={tok.dep_}", "bias"]
    feats += [f"mode={trig.mode}"] if trig.mode else []
    feats += ["passive"] if any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children) else []
    feats += ["reflexive"] if any(c.lower_ in ("se", "s'", "s’") for c in verb.children) else []
    return feats


def _side_features(tok: Token, g: Group, slots: SentenceSlots) -> list[str]:
    doc = tok.doc
    head = doc[g.head]
    kinds = sorted({m.kind for m in g.mentions}) or ["none"]
    path = _path(head, tok)
    feats = [f"path={path}", f"hdep={head.dep_}", f"side={'before' if g.head < tok.i else 'after'}",
             f"dist={_bucket(abs(g.head - tok.i))}", f"n={min(len(g.actors), 3)}"]
    feats += [f"kind={k}" for k in kinds]
    feats += [f"prep={p}" for p in sorted(slots.preps.get(id(g), ()))] or ["prep=none"]
    feats += [f"case={c.lower_}" for c in head.children if c.dep_ == "case"]
    feats += ["weak"] if g.weak or g not in slots.strong else []
    feats += [f"path+prep={path}|{p}" for p in sorted(slots.preps.get(id(g), ()))]
    feats += [f"gov={head.dep_}>{head.head.lemma_.lower()}", f"lpath={_path(head, tok, lemmas=True)}"]
    return feats


def _pair_features(tok: Token, ga: Group, gb: Group, fa: list[str], fb: list[str]) -> list[str]:
    if ga is gb:
        return ["same_group"]
    pa, pb = fa[0], fb[0]   # the paths
    feats = [f"order={'st' if ga.head < gb.head else 'ts'}", f"paths={pa}|{pb}"]
    feats += ["nested"] if _inside(gb, ga) or _inside(ga, gb) else []
    return feats


def _conjoin(kind: str, feats: list[str]) -> list[str]:
    """Each feature alone (shared by all types) and with the event type (its own weight)."""
    return feats + [f"{kind}|{f}" for f in feats] + [f"type={kind}"]


def _path(a: Token, b: Token, lemmas: bool = False) -> str:
    """Dependency labels from `a` up to the common ancestor, then down to `b` (with
    `lemmas`, the words met on the way too)."""
    up_a = [a, *a.ancestors]
    ids = {t.i: n for n, t in enumerate(up_a)}
    down = []
    t = b
    while t.i not in ids:
        down.append(t)
        if t.head is t:
            return "far"
        t = t.head
    up = up_a[:ids[t.i]]
    if len(up) + len(down) > MAX_PATH:
        return "far"

    def label(x: Token) -> str:
        return f"{x.dep_}:{x.lemma_.lower()}" if lemmas and x is not a and x is not b else x.dep_
    top = f"^{t.lemma_.lower()}^" if lemmas and t is not a and t is not b else "^"
    return "/".join(label(x) for x in up) + top + "/".join(label(x) for x in reversed(down))


def _bucket(n: int) -> str:
    return "1-2" if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def _inside(inner: Group, outer: Group) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


class PairModel:
    """Logistic weights over the features of an instance; its threshold; its provenance."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float, info: dict):
        self.weights, self.bias, self.threshold, self.info = weights, bias, threshold, info

    def score(self, inst: Instance) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in inst.features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_file(cls, path) -> "PairModel":
        raw = json.loads(path.read_text("utf-8"))
        return cls(raw["weights"], raw["bias"], raw["threshold"], raw.get("info", {}))


@lru_cache(maxsize=None)
def load_pair_model(lang: str) -> PairModel | None:
    path = data_file("models", lang, "pairs.json")
    return PairModel.from_file(path) if path.exists() else None


def read_pairs(reader: SentenceEvents, model: PairModel, found: list[Candidate]) -> list[Candidate]:
    """The model's events of one sentence that the rules did not find: for each type and
    pair of countries, its best-scored instance above the threshold."""
    taken = {_key(c.trigger.type, c.source.country, c.target.country) for c in found}
    ruled = {c.token.i for c in found}
    best: dict[tuple, tuple[float, Instance]] = {}
    for tok, trig in reader.live_triggers:
        if tok.i in ruled:   # the rules read this trigger: the model does not second-guess them
            continue
        for inst in instances(tok, trig, reader.slots, False):
            key = _key(trig.type, inst.source.country, inst.target.country)
            if key in taken:
                continue
            p = model.score(inst)
            if p >= model.threshold and p > best.get(key, (0.0,))[0]:
                best[key] = (p, inst)
    kept = _one_direction(best)
    return [Candidate(i.trigger, i.token, i.source, i.target, p * MODEL_QUALITY, reader.scheduled(i.token), None)
            for p, i in kept]


def _key(kind: str, a: str, b: str) -> tuple:
    return (kind, frozenset((a, b))) if kind in SYMMETRIC_TYPES else (kind, a, b)


def _one_direction(best: dict[tuple, tuple[float, Instance]]) -> list[tuple[float, Instance]]:
    """A trigger acts one way: of "A -> B" and "B -> A", the better-scored."""
    out = []
    for key, (p, inst) in best.items():
        if len(key) == 3 and best.get((key[0], key[2], key[1]), (0.0,))[0] > p:
            continue
        out.append((p, inst))
    return out
