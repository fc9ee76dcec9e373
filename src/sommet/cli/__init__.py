"""The `sommet` command: a thin layer over the library, one module per command group.

Only this layer prints, sets up logging and turns SommetError into messages and exit codes.
"""
from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="sommet",
    help="International political events (PLOVER) from news articles, with evidence.\n\n"
         "Example: sommet extract articles/ --format table",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMAND_MODULES = ("extract", "evaluate", "actors", "store", "serve")

for _name in COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}").register(app)
