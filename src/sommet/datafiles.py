"""Access to the data files shipped in sommet/data (lexicons, gazetteers, role tables)."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # the C parser when PyYAML has it


def data_file(*parts: str) -> Path:
    """Path of a shipped data file, e.g. data_file("lexicons", "fr", "events.yml")."""
    return DATA_DIR.joinpath(*parts)


def read_yaml(path: Path | str):
    """Parse a YAML file; a missing or malformed file raises DataFileError naming file and line."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataFileError(str(path), f"invalid YAML: {getattr(exc, 'problem', exc)}", line) from exc
