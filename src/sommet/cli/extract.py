"""`sommet extract`: articles in, one JSON line of events per document out."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError
from .common import EXIT_SOME_FAILED, user_errors, warn

FORMATS = ("jsonl", "table")


def _check_lang(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    from ..nlp import supported_languages

    if value not in supported_languages():
        available = ", ".join(supported_languages())
        raise typer.BadParameter(f"no pipeline for {value!r} (available: {available})")
    return value


def extract(
    paths: list[str] = typer.Argument(..., help="files (.txt, .jsonl, .html), directories, or - for standard input"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", dir_okay=False,
                                          help="write JSON Lines here instead of standard output"),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one object per document) or table (for people)"),
    lang: Optional[str] = typer.Option(None, "--lang", callback=_check_lang,
                                       help="language of all documents (default: detected per document)"),
    max_chars: int = typer.Option(200_000, "--max-chars", min=1, help="documents longer than this are refused"),
    actors: list[Path] = typer.Option([], "--actors", help="your own actor file (YAML, same format as the shipped ones); repeatable"),
    min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0, help="drop events below this confidence (0 to 1)"),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="documents parsed together by spaCy"),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="show a progress bar on standard error"),
) -> None:
    """Extract international political events from news articles.

    Examples:

      sommet extract src/sommet/samples/ --format table

      sommet extract articles/ -o events.jsonl

      sommet extract feed.jsonl --actors my_actors.yml --min-confidence 0.6

      cat article.txt | sommet extract -

    A document that cannot be used (empty, binary, undecodable, a malformed JSON line, broken HTML, over --max-chars) is named on standard error and gets its reason in "errors"; the others go on, and the exit code is 1.

    A missing path, a bad option or a malformed --actors file stops the run with exit code 2.
    """
    from ..pipeline import Settings, extract_many
    from ..readers import read_paths

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    settings = Settings(batch_size=batch_size, lang=lang, min_confidence=min_confidence,
                        actor_files=tuple(str(p) for p in actors))
    failed = 0
    with user_errors():
        docs = read_paths(list(paths), max_chars=max_chars)
        if actors:  # a malformed file is a usage error, not a problem of each document
            from ..actors.kb import KnowledgeBase

            KnowledgeBase.load(user_files=settings.actor_files)
        out = _open_output(output) if output else sys.stdout
        results = extract_many(docs, settings)
        try:
            for result in _progress(results, progress and fmt == "jsonl" and output is not None):
                for err in result.errors:
                    warn(f"{result.document.id}: {err}")
                failed += bool(result.errors)
                if fmt == "jsonl":
                    out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                else:
                    _print_table(result)
        finally:
            if output:
                out.close()
    if failed:
        warn(f"{failed} document(s) had problems (see above)")
        raise typer.Exit(EXIT_SOME_FAILED)


def _open_output(path: Path):
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as e:
        raise InputError(str(path), f"cannot write the output: {e.strerror or e}") from None


def _progress(results, show: bool):
    if not show:
        yield from results
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    cols = (SpinnerColumn(), TextColumn("{task.completed} documents"), TimeElapsedColumn())
    with Progress(*cols, transient=True) as bar:
        task = bar.add_task("extract")
        for r in results:
            yield r
            bar.advance(task)


def _print_table(result) -> None:
    from rich.console import Console
    from rich.table import Table

    doc = result.document
    table = Table(title=f"{doc.id}  ({doc.lang or '?'}, {doc.date or 'date unknown'})",
                  show_lines=False, title_justify="left")
    for col in ("type", "source", "target", "date", "place", "conf.", "evidence"):
        table.add_column(col, overflow="fold")
    for e in result.events:
        table.add_row(e.type + (" (planned)" if e.scheduled else ""), _who(e.source), _who(e.target),
                      str(e.date or ""), e.location.name if e.location else "",
                      f"{e.confidence:.2f}", e.evidence.text[:160])
    if not result.events and not result.errors:
        table.caption = "no interstate event found"
    Console().print(table)


def _who(actor) -> str:
    return f"{actor.country} {actor.name}" if actor.name else actor.country


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
