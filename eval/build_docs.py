"""Build SET/docs.jsonl: the corpus texts of the articles annotated in SET/gold.jsonl.

The annotations (eval/dev, eval/test) name articles of ../shared/corpus/fr_news.jsonl by id;
the texts stay there. Usage: python eval/build_docs.py eval/dev [CORPUS]
"""
import json
import sys
from pathlib import Path

if len(sys.argv) < 2:
    sys.exit(__doc__)
HERE = Path(sys.argv[1])
CORPUS = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fr_news.jsonl"


def main() -> None:
    gold = [json.loads(line) for line in (HERE / "gold.jsonl").open(encoding="utf-8") if line.strip()]
    wanted = {g["id"] for g in gold}
    docs = {}
    with CORPUS.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in wanted:
                docs[d["id"]] = {"id": d["id"], "url": d.get("url"), "lang": d.get("lang"), "text": d["text"]}
    missing = wanted - set(docs)
    if missing:
        sys.exit(f"{CORPUS}: annotated ids not found: {', '.join(sorted(missing))}")
    with (HERE / "docs.jsonl").open("w", encoding="utf-8") as out:
        for g in sorted(gold, key=lambda g: g["id"]):
            out.write(json.dumps(docs[g["id"]], ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents -> {HERE / 'docs.jsonl'}")


if __name__ == "__main__":
    main()
