"""Helpers shared by the command modules: error reporting and exit codes."""
from __future__ import annotations

import sys
from contextlib import contextmanager

import typer

from ..errors import SommetError

EXIT_OK, EXIT_SOME_FAILED, EXIT_ERROR = 0, 1, 2


def warn(message: str) -> None:
    typer.secho(message, fg=typer.colors.YELLOW, err=True)


@contextmanager
def user_errors():
    """Turn sommet's own errors into a one-line message and exit code 2."""
    try:
        yield
    except SommetError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        typer.secho("interrupted", err=True)
        sys.exit(130)
