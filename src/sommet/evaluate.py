"""Precision, recall and F1 of predicted events against hand-annotated gold (EVENTS.md rules).

An event matches a gold event when the type and the pair of countries agree (ordered, except
for CONSULT, AGREE and COOPERATE); `strict` also needs the date to agree at the gold date's
precision. Recall counts only gold events marked `required`; a prediction is right when it
matches any gold event. Matching is greedy and one-to-one, required gold first.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}


def load_events(path: str | Path) -> dict[str, list[dict]]:
    """Document id -> events, from a JSON Lines file of {"id", "events"} objects."""
    out: dict[str, list[dict]] = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                out[str(obj["id"])] = [e for e in obj.get("events") or [] if isinstance(e, dict)]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{n}", f"not a {{'id', 'events'}} JSON object ({exc})") from exc
    return out


def _country(actor) -> str | None:
    c = actor.get("country") if isinstance(actor, dict) else None
    return c.upper() if isinstance(c, str) else None


def dyad(ev: dict):
    s, t = _country(ev.get("source")), _country(ev.get("target"))
    return frozenset((s, t)) if ev.get("type") in SYMMETRIC else (s, t)


def date_ok(gold: str | None, pred: str | None) -> bool:
    if not gold:
        return True
    return bool(pred) and str(pred)[: len(gold)] == gold


def match(golds: list[dict], preds: list[dict], strict: bool) -> list[tuple[dict, dict]]:
    order = sorted(range(len(golds)), key=lambda i: not golds[i].get("required"))
    used: set[int] = set()
    pairs = []
    for gi in order:
        g = golds[gi]
        for pi, p in enumerate(preds):
            if pi in used or p.get("type") != g.get("type") or dyad(p) != dyad(g):
                continue
            if strict and not date_ok(g.get("date"), p.get("date")):
                continue
            used.add(pi)
            pairs.append((g, p))
            break
    return pairs


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    predicted: int
    required: int
    matched_required: int

    def line(self, name: str) -> str:
        return (f"{name:7} precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}"
                f"   ({self.matched_required}/{self.required} required found, {self.predicted} predicted)")


def score(gold: dict[str, list[dict]], pred: dict[str, list[dict]], strict: bool) -> Score:
    n_pred = n_ok = n_req = n_req_ok = 0
    for doc_id, golds in gold.items():
        preds = pred.get(doc_id, [])
        pairs = match(golds, preds, strict)
        n_pred += len(preds)
        n_ok += len(pairs)
        n_req += sum(1 for g in golds if g.get("required"))
        n_req_ok += sum(1 for g, _ in pairs if g.get("required"))
    p = n_ok / n_pred if n_pred else 0.0
    r = n_req_ok / n_req if n_req else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Score(round(p, 3), round(r, 3), round(f, 3), n_pred, n_req, n_req_ok)


def explain(gold: dict[str, list[dict]], pred: dict[str, list[dict]]) -> list[str]:
    """Per document: required events missed, predictions matching nothing, dates off."""
    lines = []
    for doc_id, golds in gold.items():
        preds = pred.get(doc_id, [])
        loose, strict = match(golds, preds, False), match(golds, preds, True)
        hit_g, hit_p = {id(g) for g, _ in loose}, {id(p) for _, p in loose}
        strict_g = {id(g) for g, _ in strict}
        out = [f"  missed  {_describe(g)}" for g in golds if g.get("required") and id(g) not in hit_g]
        out += [f"  extra   {_describe(p)}" for p in preds if id(p) not in hit_p]
        out += [f"  date    {g['type']} gold={g.get('date')} pred={p.get('date')}"
                for g, p in loose if g.get("required") and id(g) not in strict_g]
        if out:
            lines += [f"== {doc_id}"] + out
    return lines


def _describe(ev: dict) -> str:
    evid = ev.get("evidence")
    evid = evid.get("text") if isinstance(evid, dict) else evid
    return (f"{ev.get('type')} {_country(ev.get('source'))}->{_country(ev.get('target'))} "
            f"date={ev.get('date')} | {str(evid or '')[:110]}")
