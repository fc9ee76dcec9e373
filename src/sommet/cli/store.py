"""Store commands: ingest, events, dyads, timeline, export, merge. Thin layer over sommet.store."""
from __future__ import annotations

import csv
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from sommet.cli.common import EXIT_ERROR, EXIT_SOME_FAILED, user_errors
from sommet.errors import SommetError

DB_HELP = "Store: a SQLite file path, sqlite:///..., or postgresql://user@host/db."
DbOption = typer.Option("sommet.db", "--db", envvar="SOMMET_DB", help=DB_HELP)
err = Console(stderr=True)


class OutputFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    graphml = "graphml"
    plover = "plover"


class Period(str, Enum):
    year = "year"
    month = "month"
    day = "day"


def _open(db: str):
    from sommet.store import Store

    try:
        return Store.open(db)
    except SommetError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_ERROR) from exc


def _fail(exc: Exception) -> None:
    err.print(f"[red]error:[/] {exc}")
    raise typer.Exit(EXIT_ERROR) from exc


# -- ingest ------------------------------------------------------------------------------

def _progress_bar():
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn)

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn(),
                    console=err, transient=False)


def _ingest_with_progress(store, documents, extract):
    """Skip stored documents, extract the others, store them; show documents per second."""
    skipped = 0
    with _progress_bar() as bar:
        task = bar.add_task("ingest", total=None, rate="0.0")

        def advance(*_args) -> None:
            bar.advance(task)
            t = bar.tasks[task]
            bar.update(task, rate=f"{t.completed / t.elapsed if t.elapsed else 0.0:.1f}")

        def skip(_doc) -> None:
            nonlocal skipped
            skipped += 1
            advance()

        summary = store.ingest(extract(store.new_documents(documents, on_skip=skip)),
                               progress=advance)
    summary.documents += skipped
    summary.unchanged += skipped
    return summary


def _print_summary(summary) -> None:
    err.print(f"documents: {summary.documents} (added {summary.added}, replaced "
              f"{summary.replaced}, unchanged {summary.unchanged}); events: {summary.events}; "
              f"failures: {len(summary.failures)}")
    for doc_id, reason in summary.failures:
        err.print(f"  [red]failed[/] {doc_id}: {reason}")
    for doc_id, reason in summary.warnings:
        err.print(f"  [yellow]warning[/] {doc_id}: {reason}")


def ingest(
    paths: List[str] = typer.Argument(..., help="Files, directories, JSONL, or - for stdin."),
    db: str = DbOption,
    max_chars: int = typer.Option(200_000, help="Longest document text read, in characters."),
) -> None:
    """Extract events from documents and store them; re-running changes nothing and
    resumes an interrupted run.

    Example: sommet ingest articles/ --db sommet.db
    """
    from sommet.pipeline import extract_many
    from sommet.readers import read_paths

    with user_errors(), _open(db) as store:
        try:
            summary = _ingest_with_progress(store, read_paths(paths, max_chars=max_chars),
                                            extract_many)
        except KeyboardInterrupt:
            err.print("interrupted: the documents stored so far are kept; "
                      "run the same command again to resume")
            raise typer.Exit(130) from None
    _print_summary(summary)
    if summary.failures:
        raise typer.Exit(EXIT_SOME_FAILED)


# -- queries -----------------------------------------------------------------------------

_COLUMNS = ["date", "type", "pair", "cameo", "confidence", "report_count", "id", "evidence"]
_NO_WRAP = {"date", "type", "pair", "cameo", "report_count", "id"}


def _console() -> Console:
    """A terminal's own width; piped output (make demo, CI logs) gets room for the table."""
    return Console() if sys.stdout.isatty() else Console(width=160)


def _cell(event: dict, key: str) -> str:
    value = event.get(key)
    if key == "pair":
        return f'{event["source"]["country"]} → {event["target"]["country"]}'
    if key == "confidence":
        return f"{value:.2f}"
    if key == "evidence":
        text = value["text"]
        return text if len(text) <= 80 else text[:77] + "..."
    return "" if value is None else str(value)


def _write_events(rows: list[dict], fmt: OutputFormat) -> None:
    from sommet.store.export import flat, json_line

    if fmt is OutputFormat.jsonl:
        for row in rows:
            sys.stdout.write(json_line(row))
    elif fmt is OutputFormat.csv:
        flats = [flat(r) for r in rows]
        for f in flats:
            f["sources"], f["urls"] = ";".join(f["sources"]), ";".join(f["urls"])
        writer = csv.DictWriter(sys.stdout, fieldnames=list(flats[0]) if flats else _COLUMNS)
        writer.writeheader()
        writer.writerows(flats)
    else:
        table = Table(expand=False)
        for key in _COLUMNS:
            table.add_column({"report_count": "n", "confidence": "conf"}.get(key, key),
                             no_wrap=key in _NO_WRAP, overflow="fold",
                             min_width=20 if key == "evidence" else None)
        for row in rows:
            table.add_row(*(_cell(row, k) for k in _COLUMNS))
        _console().print(table)


def events(
    actor: Optional[str] = typer.Option(None, help="Country code or person: PRK, 'Kim Jong-un'."),
    dyad: Optional[str] = typer.Option(None, help="Two actors, either direction: RUS,PRK."),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER type(s): CONSULT,AGREE."),
    since: Optional[str] = typer.Option(None, help="From this date: 2018, 2018-01, 2018-01-15."),
    until: Optional[str] = typer.Option(None, help="Up to the end of this date."),
    min_confidence: Optional[float] = typer.Option(None, min=0.0, max=1.0),
    limit: Optional[int] = typer.Option(100, help="At most this many events (0: all)."),
    offset: int = typer.Option(0, min=0),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
    db: str = DbOption,
) -> None:
    """List merged events, newest first.

    Example: sommet events --dyad RUS,PRK --since 2018-01 --format table
    """
    with _open(db) as store:
        try:
            rows = store.events(actor=actor, dyad=dyad, type=type, since=since, until=until,
                                min_confidence=min_confidence, limit=limit or None,
                                offset=offset)
        except ValueError as exc:
            _fail(exc)
    _write_events(rows, format)


def dyads(
    since: Optional[str] = typer.Option(None), until: Optional[str] = typer.Option(None),
    type: Optional[str] = typer.Option(None, "--type"),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"), db: str = DbOption,
) -> None:
    """Event counts per pair of actors and type, with a cooperation/conflict balance.

    Example: sommet dyads --since 2018 --until 2024
    """
    with _open(db) as store:
        rows = store.dyads(since=since, until=until, type=type)
    flat_rows = [{"actors": ",".join(r["actors"]), "events": r["events"],
                  "cooperation": r["cooperation"], "conflict": r["conflict"],
                  "balance": r["balance"],
                  "types": " ".join(f"{t}:{n}" for t, n in r["types"].items())} for r in rows]
    _write_rows(rows, flat_rows, format)


def timeline(
    a: str = typer.Argument(..., help="First actor, e.g. RUS."),
    b: str = typer.Argument(..., help="Second actor, e.g. PRK."),
    by: Period = typer.Option(Period.month, "--by"),
    since: Optional[str] = typer.Option(None), until: Optional[str] = typer.Option(None),
    type: Optional[str] = typer.Option(None, "--type"),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"), db: str = DbOption,
) -> None:
    """Events between two actors per year, month or day.

    Example: sommet timeline RUS PRK --by month
    """
    with _open(db) as store:
        rows = store.timeline(a, b, by=by.value, since=since, until=until, type=type)
    flat_rows = [{"period": r["period"], "events": r["events"], "cooperation": r["cooperation"],
                  "conflict": r["conflict"], "balance": r["balance"],
                  "types": " ".join(f"{t}:{n}" for t, n in r["types"].items())} for r in rows]
    _write_rows(rows, flat_rows, format)


def _write_rows(rows: list[dict], flat_rows: list[dict], fmt: OutputFormat) -> None:
    from sommet.store.export import json_line

    if fmt is OutputFormat.jsonl:
        for row in rows:
            sys.stdout.write(json_line(row))
        return
    if fmt is OutputFormat.csv:
        if flat_rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(flat_rows[0]))
            writer.writeheader()
            writer.writerows(flat_rows)
        return
    if not flat_rows:
        err.print("no events match")
        return
    table = Table(*flat_rows[0])
    for row in flat_rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    _console().print(table)


# -- export and merge --------------------------------------------------------------------

_SUFFIX = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet", "graphml": "graphml",
           "plover": "plover.jsonl"}


def export(
    format: ExportFormat = typer.Option(..., "--format"),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="File to write (default: sommet-events.<ext>)."),
    actor: Optional[str] = typer.Option(None), dyad: Optional[str] = typer.Option(None),
    type: Optional[str] = typer.Option(None, "--type"),
    since: Optional[str] = typer.Option(None), until: Optional[str] = typer.Option(None),
    min_confidence: Optional[float] = typer.Option(None, min=0.0, max=1.0),
    db: str = DbOption,
) -> None:
    """Export merged events for pandas, R, Gephi or PLOVER tools (each with its CAMEO root).

    Example: sommet export --format parquet -o events.parquet
    """
    path = output or Path(f"sommet-events.{_SUFFIX[format.value]}")
    with _open(db) as store:
        try:
            n = store.export(format.value, path, actor=actor, dyad=dyad, type=type, since=since,
                             until=until, min_confidence=min_confidence)
        except (ValueError, OSError) as exc:
            _fail(exc)
    err.print(f"{n} events written to {path}")


def merge(db: str = DbOption) -> None:
    """Recompute merged events from all reports (deterministic; ids are kept).

    Example: sommet merge --db sommet.db
    """
    with _open(db) as store:
        n = store.merge()
    err.print(f"{n} merged events")


def register(app: typer.Typer) -> None:
    """Add the store commands to the sommet CLI."""
    for fn in (ingest, events, dyads, timeline, export, merge):
        app.command(fn.__name__)(fn)
