"""Train the pair model (src/sommet/data/models/fr/pairs.json) on the hand-annotated sets.

    python scripts/train_pairs.py [--corpus ../shared/corpus/fr_news.jsonl] [--dry-run]

Training data: the articles of eval/dev/gold.jsonl and eval/train/gold*.jsonl (texts from
the corpus) and the sentences of tests/data/sentences_fr.yml. eval/test is never read: it
stays held out. Every live trigger of a sentence and every ordered pair of its actors is
one instance, positive when the sentence's annotations hold that type and pair. The
threshold is the one that maximises F1 over the training documents when the model's
out-of-fold scores are added to the rules' events (5-fold cross-validation by document).
Needs scikit-learn (`pip install -e '.[train]'`); the model file it writes needs nothing.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sommet.events.pairs import _key, instances  # noqa: E402
from sommet.extractor import extractor_for  # noqa: E402
from sommet.models import Document  # noqa: E402
from sommet.pipeline import Settings, _prepare  # noqa: E402

OUT = ROOT / "src" / "sommet" / "data" / "models" / "fr" / "pairs.json"
C_VALUES = (0.1, 0.3, 1.0)
MIN_WEIGHT = 0.005


def gold_key(e: dict) -> tuple | None:
    s, t = e.get("source"), e.get("target")
    s = s.get("country") if isinstance(s, dict) else s
    t = t.get("country") if isinstance(t, dict) else t
    return _key(e["type"], s, t) if s and t and s != t else None


def load_sets(corpus: Path) -> list[dict]:
    """[{id, text, events (with evidence or not)}] of the training sets."""
    gold = []
    for path in [ROOT / "eval" / "dev" / "gold.jsonl", *sorted((ROOT / "eval" / "train").glob("gold*.jsonl"))]:
        gold += [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    texts = {}
    wanted = {g["id"] for g in gold}
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in wanted:
                texts[d["id"]] = d["text"]
    docs = [{"id": g["id"], "text": texts[g["id"]], "date": None, "events": g["events"]} for g in gold]
    for case in yaml.safe_load((ROOT / "tests" / "data" / "sentences_fr.yml").read_text("utf-8")):
        events = [dict(e, required=e.get("required", True)) for e in case["events"]]
        docs.append({"id": case["id"], "text": case["text"], "date": case.get("date"), "events": events})
    return docs


def sentence_gold(doc: dict, start: int, end: int) -> set:
    """Keys of the annotated events whose evidence lies in [start, end) (all, for a sentence case)."""
    keys = set()
    for e in doc["events"]:
        ev = e.get("evidence")
        at = doc["text"].find(ev) if ev else start
        if ev and (at < 0 or at >= end or at + len(ev) <= start):
            continue
        if (k := gold_key(e)) is not None:
            keys.add(k)
    return keys


def collect(docs: list[dict]):
    """Instances (features, label, doc index, key) and per document the rules' keys."""
    from sommet.models import DateValue

    ex = extractor_for("fr")
    prepared = [_prepare(Document(id=d["id"], text=d["text"], date=DateValue.parse(d["date"])), Settings(lang="fr"))
                for d in docs]
    feats, labels, groups, keys, rules, ruled_flags = [], [], [], [], [], []
    parsed_all = ex.nlp.pipe((m for _, m in prepared), batch_size=32)
    for n, ((document, _), parsed) in enumerate(zip(prepared, parsed_all)):
        doc_rules = set()
        for sent, _, reader, found in ex.readings(document, parsed, None):
            doc_rules |= {_key(c.trigger.type, c.source.country, c.target.country) for c in found}
            gold = sentence_gold(docs[n], sent.start_char, sent.end_char)
            ruled = {c.token.i for c in found}
            for tok, trig in reader.live_triggers:
                for inst in instances(tok, trig, reader.slots, tok.i in ruled):
                    key = _key(trig.type, inst.source.country, inst.target.country)
                    feats.append(dict.fromkeys(inst.features, 1))
                    labels.append(key in gold)
                    groups.append(n)
                    keys.append(key)
                    ruled_flags.append(tok.i in ruled)
        rules.append(doc_rules)
        if n % 50 == 0:
            print(f"  {n}/{len(docs)} documents read", file=sys.stderr)
    return feats, np.array(labels), np.array(groups), keys, rules, ruled_flags


def f1_with(docs, rules, keys, groups, ruled, probs, threshold) -> tuple[float, float, float]:
    """Loose precision, recall, F1 over the documents when model keys above threshold join the rules'."""
    added = [set() for _ in docs]
    for k, g, p, r in zip(keys, groups, probs, ruled):
        if p >= threshold and not r:
            added[g].add(k)
    tp = n_pred = found = n_req = 0
    for d, r, a in zip(docs, rules, added):
        pred = r | a
        gold_all = {gold_key(e) for e in d["events"]} - {None}
        gold_req = {gold_key(e) for e in d["events"] if e.get("required", True)} - {None}
        tp += len(pred & gold_all)
        n_pred += len(pred)
        found += len(pred & gold_req)
        n_req += len(gold_req)
    p, r = tp / max(n_pred, 1), found / max(n_req, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "fr_news.jsonl")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--dry-run", action="store_true", help="report the cross-validation only")
    args = ap.parse_args()

    docs = load_sets(args.corpus)
    feats, y, groups, keys, rules, ruled = collect(docs)
    vec = DictVectorizer()
    X = vec.fit_transform(feats)
    print(f"{len(docs)} documents, {len(y)} instances, {int(y.sum())} positive, {X.shape[1]} features")
    base = f1_with(docs, rules, keys, groups, ruled, np.zeros(len(y)), 1.0)
    print(f"rules alone: P {base[0]:.3f} R {base[1]:.3f} F1 {base[2]:.3f}")

    best = None
    for c in C_VALUES:
        oof = np.zeros(len(y))
        for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
            clf = LogisticRegression(C=c, max_iter=2000).fit(X[tr], y[tr])
            oof[te] = clf.predict_proba(X[te])[:, 1]
        for t in np.arange(0.30, 0.95, 0.05):
            p, r, f = f1_with(docs, rules, keys, groups, ruled, oof, t)
            if best is None or f > best[0]:
                best = (f, c, round(float(t), 2), p, r)
        print(f"C={c}: best so far F1 {best[0]:.3f} (C={best[1]}, threshold {best[2]})")
    f, c, t, p, r = best
    print(f"chosen: C={c} threshold={t}: cross-validated P {p:.3f} R {r:.3f} F1 {f:.3f}")
    if args.dry_run:
        return
    clf = LogisticRegression(C=c, max_iter=2000).fit(X, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0])
               if abs(w) >= MIN_WEIGHT}
    model = {
        "info": {"trained": date.today().isoformat(), "command": "make train",
                 "documents": len(docs), "instances": int(len(y)), "positives": int(y.sum()),
                 "C": c, "cross_validated": {"rules_alone_f1": round(base[2], 3), "precision": round(p, 3),
                                             "recall": round(r, 3), "f1": round(f, 3)}},
        "bias": round(float(clf.intercept_[0]), 4),
        "threshold": t,
        "weights": dict(sorted(weights.items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(weights)} weights -> {args.out}")


if __name__ == "__main__":
    main()
