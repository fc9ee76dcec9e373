"""Write docs/CLI.md, the command reference, from the `--help` text of every command.

    python scripts/cli_reference.py              # rewrite docs/CLI.md
    python scripts/cli_reference.py --check      # exit 1 if docs/CLI.md is out of date
    python scripts/cli_reference.py --out -      # print to standard output

The help is rendered as plain text (no colours, no boxes) at 80 columns, so the file is the
same on every machine. `make docs` runs this; tests/test_docs.py fails when it drifts.
"""
from __future__ import annotations

import os

# Plain click help instead of rich panels: read once, when typer is first imported.
os.environ["TYPER_USE_RICH"] = "0"

import argparse  # noqa: E402
import sys  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import typer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "docs" / "CLI.md"
WIDTH = 80

HEADER = """\
# Command reference

Generated from `sommet --help` by `make docs` (`scripts/cli_reference.py`); do not edit by
hand: a test fails when this file and the commands disagree.
"""


def commands(cmd, ctx) -> Iterator[tuple[str, object]]:
    """(full name, context) of a command and of all its subcommands, in display order.

    Typer ships its own copy of click: contexts are made with the command's own class."""
    yield ctx.command_path, ctx
    if hasattr(cmd, "list_commands"):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from commands(sub, _context(sub, name, ctx))


def _context(cmd, name: str, parent=None):
    return cmd.context_class(cmd, info_name=name, parent=parent, terminal_width=WIDTH,
                             max_content_width=WIDTH)


def render() -> str:
    """The whole reference as Markdown."""
    from sommet.cli import app

    root = typer.main.get_command(app)
    parts = [HEADER]
    for name, sub_ctx in commands(root, _context(root, "sommet")):
        help_text = sub_ctx.command.get_help(sub_ctx).rstrip()
        parts.append(f"## `{name}`\n\n```text\n{help_text}\n```\n")
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="file to write, or - for stdout")
    parser.add_argument("--check", action="store_true",
                        help="compare with the file instead of writing it; exit 1 on a difference")
    args = parser.parse_args()
    text = render()
    if args.out == "-":
        sys.stdout.write(text)
        return 0
    out = Path(args.out)
    if args.check:
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            print(f"{out} is out of date: run `make docs`", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
