"""`sommet actors`: ask the knowledge base who a mention is at a date."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .common import EXIT_SOME_FAILED, user_errors

actors_app = typer.Typer(help="The world actor knowledge base: countries, organisations, people with dated roles.\n\n"
                              'Example: sommet actors lookup "le président américain" --date 2019-05-01',
                         no_args_is_help=True)

_LOOKUP_EXAMPLES = """Who a mention refers to at a date, and why.

Examples:

  sommet actors lookup "le président américain" --date 2019-05-01

  sommet actors lookup "Poutine" --date 2019-05-01 --json

  sommet actors lookup "the Japanese prime minister" --date 2021-06 --lang en

  sommet actors lookup "Castro" --date 2012 --actors my_actors.yml

Exit code 0 when the mention resolves, 1 when it does not (unknown or ambiguous), 2 for a bad option or a malformed --actors file.
"""


def _check_date(value: Optional[str]) -> Optional[str]:
    """--date must be YYYY, YYYY-MM or YYYY-MM-DD and a real day."""
    if value is None:
        return None
    from ..actors.kb import period
    from ..models import DateValue

    parsed = DateValue.parse(value)
    try:
        if parsed is None or parsed.value != value.strip():
            raise ValueError(value)
        period(parsed)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD") from None
    return parsed.value


def _check_lang(value: str) -> str:
    from ..actors.datafile import LANGS

    if value not in LANGS:
        raise typer.BadParameter(f"{value!r} is not a language of the knowledge base ({', '.join(LANGS)})")
    return value


@actors_app.command("lookup", help=_LOOKUP_EXAMPLES)
def lookup(
    phrase: str = typer.Argument(..., help='a mention as news writes it: "le président américain", "Poutine", "la RPDC"'),
    date: Optional[str] = typer.Option(None, "--date", callback=_check_date,
                                       help="the article's date, YYYY[-MM[-DD]] (role holders change)"),
    lang: str = typer.Option("fr", "--lang", callback=_check_lang, help="language of the phrase: fr, en or es"),
    actors: list[Path] = typer.Option([], "--actors", help="your own actor file (YAML); its entries win; repeatable"),
    as_json: bool = typer.Option(False, "--json", help="print the answer as JSON"),
) -> None:
    from ..actors.kb import KnowledgeBase
    from ..models import DateValue

    with user_errors():
        kb = KnowledgeBase.load(user_files=tuple(str(p) for p in actors))
        res = kb.lookup(phrase, DateValue.parse(date), lang)
    if res is None:
        message = _not_found(kb, phrase, date)
        if as_json:
            typer.echo(json.dumps({"actor": None, "why": message}, ensure_ascii=False))
        else:
            typer.echo(message)
        raise typer.Exit(EXIT_SOME_FAILED)
    if as_json:
        typer.echo(json.dumps({"actor": res.actor.to_dict(), "why": res.why}, ensure_ascii=False))
        return
    a = res.actor
    typer.echo(f"{a.country}  {a.name or '(no person)'}  {a.role or ''}  {a.sector or ''}".rstrip())
    typer.echo(f"why: {res.why}")


def _not_found(kb, phrase: str, date: Optional[str]) -> str:
    """Unknown, or a name shared by several people that the date does not settle."""
    from ..actors.resolve import strip_title

    name = strip_title(phrase)
    people = kb.people_named(name)
    if len(people) > 1:
        names = ", ".join(sorted(p.canonical for p in people))
        when = f"on {date}" if date else "without a date"
        return (f"ambiguous: {name!r} may name {names}; {when} it does not name one of them "
                f"(give the full name or a date when only one held a role)")
    return f"unknown: no country, organisation, role or person matches {phrase!r}"


def register(app: typer.Typer) -> None:
    app.add_typer(actors_app, name="actors")
