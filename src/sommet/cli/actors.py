"""`sommet actors`: ask the knowledge base who a mention is at a date."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .common import user_errors

actors_app = typer.Typer(help="The world actor knowledge base: countries, organisations, people with dated roles.",
                         no_args_is_help=True)


@actors_app.command("lookup")
def lookup(
    phrase: str = typer.Argument(..., help='a mention as news writes it: "le président américain", "Poutine", "la RPDC"'),
    date: Optional[str] = typer.Option(None, "--date", help="the article's date, YYYY[-MM[-DD]] (role holders change)"),
    lang: str = typer.Option("fr", "--lang", help="language of the phrase"),
    actors: list[Path] = typer.Option([], "--actors", help="your own actor file (YAML); its entries win"),
    as_json: bool = typer.Option(False, "--json", help="print the answer as JSON"),
) -> None:
    """Who a mention refers to at a date, and why.

    Example: sommet actors lookup "le président américain" --date 2019-05-01
    """
    from ..actors.kb import KnowledgeBase
    from ..models import DateValue

    with user_errors():
        kb = KnowledgeBase.load(user_files=tuple(str(p) for p in actors))
        res = kb.lookup(phrase, DateValue.parse(date), lang)
    if res is None:
        typer.echo(f"unknown: no country, organisation, role or person matches {phrase!r}")
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps({"actor": res.actor.to_dict(), "why": res.why}, ensure_ascii=False))
        return
    a = res.actor
    typer.echo(f"{a.country}  {a.name or '(no person)'}  {a.role or ''}  {a.sector or ''}".rstrip())
    typer.echo(f"why: {res.why}")


def register(app: typer.Typer) -> None:
    app.add_typer(actors_app, name="actors")
