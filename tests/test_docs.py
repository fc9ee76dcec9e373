"""Docs that cannot drift: the documented commands exist, docs/CLI.md matches `--help`.

Every `sommet ...` command in README.md and docs/*.md (shell code blocks and inline code)
must name a real subcommand with real options; the README must show every command; every
`make` target it names must exist; docs/CLI.md must be what scripts/cli_reference.py
generates today. No model is loaded.
"""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from sommet.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]
SHELL_LANGS = {"", "sh", "bash", "shell", "console"}
SEPARATORS = {"|", "||", "&&", ";", "&", ">", ">>", "<", "2>", "(", ")"}

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.S | re.M)
INLINE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")


def shell_lines(doc: Path) -> list[str]:
    text = doc.read_text(encoding="utf-8")
    lines = [line for lang, body in FENCE.findall(text) if lang in SHELL_LANGS
             for line in body.splitlines()]
    prose = FENCE.sub("", text)
    return lines + INLINE.findall(prose)


def invocations(program: str, doc: Path = README) -> list[list[str]]:
    """Argument lists of every call to `program` in the shell lines of a Markdown file."""
    calls = []
    for line in shell_lines(doc):
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split, lexer.commenters = True, "#"
        try:
            tokens = list(lexer)
        except ValueError:  # an unbalanced quote: not a command
            continue
        current: list[str] | None = None
        for token in tokens + [";"]:
            if token in SEPARATORS or set(token) <= set("|&;<>()"):
                if current:
                    calls.append(current)
                current = None
            elif current is None:
                current = [] if Path(token).name == program else None
                if current is None:
                    current = False  # a segment for another program: skip its words
            elif current is not False:
                current.append(token)
        calls = [c for c in calls if c is not False]
    return calls


SOMMET_CALLS = invocations("sommet")
DOC_CALLS = [(doc.relative_to(ROOT).as_posix(), args) for doc in DOCS
             for args in invocations("sommet", doc)]


def resolve(args: list[str], where: str = "README.md"):
    """The command an argument list reaches, and the arguments left for it."""
    cmd, path = typer.main.get_command(app), ["sommet"]
    while hasattr(cmd, "commands") and args and not args[0].startswith("-"):
        name = args[0]
        assert name in cmd.commands, (
            f"{where}: `{' '.join(path)} {name}` is not a command; "
            f"available: {', '.join(cmd.commands)}")
        cmd, path, args = cmd.commands[name], path + [name], args[1:]
    return cmd, path, args


def option_names(cmd) -> set[str]:
    names = {"--help"}
    for param in cmd.params:
        if param.param_type_name == "option":
            names.update(param.opts, param.secondary_opts)
    return names


def test_readme_has_sommet_commands():
    assert len(SOMMET_CALLS) >= 10, SOMMET_CALLS


@pytest.mark.parametrize("where, args", DOC_CALLS,
                         ids=[f"{w}: {' '.join(a)[:60]}" for w, a in DOC_CALLS])
def test_documented_command_exists(where, args):
    cmd, path, rest = resolve(list(args), where)
    known = option_names(cmd)
    for token in rest:
        if token.startswith("-") and token != "-" and not re.fullmatch(r"-\d+(\.\d+)?", token):
            name = token.split("=", 1)[0]
            assert name in known, (f"{where}: `{' '.join(path)}` has no option {name}; "
                                   f"it has {', '.join(sorted(known))}")


def test_readme_mentions_every_command():
    root = typer.main.get_command(app)
    used = {resolve(list(args))[1][1] for args in SOMMET_CALLS if args}
    assert set(root.commands) <= used, f"not in README: {set(root.commands) - used}"


def test_readme_make_targets_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", makefile, re.M))
    named = {arg for args in invocations("make") for arg in args
             if not arg.startswith("-") and "=" not in arg}
    assert {"demo", "test"} <= named
    assert named <= targets, f"README names make targets the Makefile lacks: {named - targets}"


def test_cli_reference_is_up_to_date():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "cli_reference.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr + "\nrun `make docs` to regenerate docs/CLI.md"
