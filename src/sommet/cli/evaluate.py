"""`sommet eval`: precision, recall and F1 against your own annotated articles."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError
from .common import user_errors


def evaluate(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="hand-annotated events, JSON Lines {id, events}"),
    pred: Optional[Path] = typer.Argument(None, exists=True, dir_okay=False, help="`sommet extract` output to score"),
    docs: Optional[Path] = typer.Option(None, "--docs", exists=True, dir_okay=False, help="extract these documents first (JSONL with id, text) and score that"),
    explain: bool = typer.Option(False, "--explain", help="list per document the events missed, extra, and dates off"),
    as_json: bool = typer.Option(False, "--json", help="print the figures as JSON"),
) -> None:
    """Score extracted events against a gold file (loose: type + countries; strict: + date).

    Examples:

      sommet eval eval/dev/gold.jsonl --docs eval/dev/docs.jsonl --explain

      sommet extract eval/dev/docs.jsonl -o eval/dev/pred.jsonl

      sommet eval eval/dev/gold.jsonl eval/dev/pred.jsonl --json
    """
    from ..evaluate import explain as explain_lines
    from ..evaluate import load_events, score

    if (pred is None) == (docs is None):
        raise typer.BadParameter("give either PRED or --docs")
    with user_errors():
        g = _load(load_events, gold)
        p = _load(load_events, pred) if pred else _extracted(docs)
        if explain:
            typer.echo("\n".join(explain_lines(g, p)))
        loose, strict = score(g, p, strict=False), score(g, p, strict=True)
    if as_json:
        typer.echo(json.dumps({"loose": loose.__dict__, "strict": strict.__dict__}))
    else:
        typer.echo(loose.line("loose"))
        typer.echo(strict.line("strict"))


def _load(load_events, path: Path):
    """Events of a JSON Lines file; a file that is not UTF-8 text is a usage error."""
    try:
        return load_events(path)
    except UnicodeDecodeError as e:
        raise InputError(str(path), f"not UTF-8 JSON Lines (byte {e.start})") from None
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror or e}") from None


def _extracted(docs: Path) -> dict[str, list[dict]]:
    """Document id -> extracted events, as `sommet extract` would write them."""
    from ..pipeline import extract_many
    from ..readers import read_paths

    return {r.document.id: r.to_dict()["events"] for r in extract_many(read_paths([str(docs)]))}


def register(app: typer.Typer) -> None:
    app.command("eval")(evaluate)
