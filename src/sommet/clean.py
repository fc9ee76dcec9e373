"""Web furniture removal that keeps offsets.

`mask_furniture` replaces page furniture (date header, ads, "Lire aussi" teasers, share and
comment blocks, blog chrome, photo credits, tweet embeds, cookie banners, menus) by spaces
of the same length, newlines kept, so that every offset into the masked text is an offset
into the original. The patterns live in data/furniture/common.yml and data/furniture/<lang>.yml.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sommet.datafiles import read_yaml
from sommet.errors import DataFileError

SCOPES = ("span", "line", "next", "rest")
_KEEP = "\n\r"
_SENTENCE_END = (".", "!", "?", "…", ";", ",")


@dataclass(frozen=True)
class Pattern:
    name: str
    scope: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class FurnitureRules:
    """The furniture patterns for one language, common ones first, and the menu heuristic."""

    patterns: tuple[Pattern, ...]
    line_max_chars: int = 400
    menu_min_lines: int = 5
    menu_max_line_chars: int = 24


def mask_furniture(text: str, lang: str | None) -> str:
    """`text` with web furniture replaced by spaces (newlines kept): same length, same offsets."""
    rules = load_rules(lang)
    masked = text
    for pattern in rules.patterns:
        masked = mask_spans(masked, pattern_spans(pattern, masked, rules.line_max_chars))
    return mask_spans(masked, menu_spans(masked, rules))


def mask_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Replace every character inside the spans by a space, except line breaks."""
    chars = None
    for start, end in spans:
        if chars is None:
            chars = list(text)
        for i in range(start, end):
            if chars[i] not in _KEEP:
                chars[i] = " "
    return text if chars is None else "".join(chars)


def pattern_spans(
    pattern: Pattern, text: str, line_max_chars: int = 400
) -> Iterator[tuple[int, int]]:
    """The (start, end) spans one pattern masks in `text`; line scopes skip longer lines."""
    if pattern.scope == "span":
        for m in pattern.regex.finditer(text):
            yield m.start(), m.end()
        return
    lines = list(line_spans(text))
    for i, (start, end) in enumerate(lines):
        content = text[start:end].strip()
        if not content or len(content) > line_max_chars or not pattern.regex.fullmatch(content):
            continue
        if pattern.scope == "rest":
            yield start, len(text)
            return
        yield start, end
        if pattern.scope == "next" and i + 1 < len(lines):
            after_start, after_end = lines[i + 1]
            if text[after_start:after_end].strip():
                yield after_start, after_end


def menu_spans(text: str, rules: FurnitureRules) -> Iterator[tuple[int, int]]:
    """Runs of short lines not ending like sentences (menus, tag lists).

    Blank lines do not break a run.
    """
    run: list[tuple[int, int]] = []
    for start, end in line_spans(text):
        content = text[start:end].strip()
        if not content:
            continue
        if len(content) <= rules.menu_max_line_chars and not content.endswith(_SENTENCE_END):
            run.append((start, end))
            continue
        yield from _long_run(run, rules.menu_min_lines)
        run = []
    yield from _long_run(run, rules.menu_min_lines)


def _long_run(run: list[tuple[int, int]], min_lines: int) -> list[tuple[int, int]]:
    return run if len(run) >= min_lines else []


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line, without its line break."""
    start = 0
    for m in re.finditer(r"\r?\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


@cache
def load_rules(lang: str | None) -> FurnitureRules:
    """Common patterns, then those of `lang` when the project has a file for it."""
    common = _load_file("common.yml")
    specific = _load_file(f"{lang}.yml") if lang and _data_file(f"{lang}.yml").is_file() else {}
    patterns = common["patterns"] + specific.get("patterns", ())
    menu = {**common.get("menu", {}), **specific.get("menu", {})}
    return FurnitureRules(
        patterns=tuple(patterns),
        line_max_chars=int(specific.get("line_max_chars", common.get("line_max_chars", 400))),
        menu_min_lines=int(menu.get("min_lines", 5)),
        menu_max_line_chars=int(menu.get("max_line_chars", 24)),
    )


def _data_file(name: str):
    return resources.files("sommet").joinpath("data", "furniture", name)


def _load_file(name: str) -> dict:
    path = _data_file(name)
    data = read_yaml(str(path)) or {}
    entries = data.get("patterns") or []
    data["patterns"] = tuple(_pattern(entry, str(path)) for entry in entries)
    return data


def _pattern(entry: dict, path: str) -> Pattern:
    name = entry.get("name", "?")
    scope = entry.get("scope")
    if scope not in SCOPES:
        expected = ", ".join(SCOPES)
        raise DataFileError(path, f"pattern {name!r}: scope must be one of {expected}, not {scope!r}")
    try:
        regex = re.compile(entry["regex"], re.IGNORECASE | re.MULTILINE)
    except (KeyError, TypeError, re.error) as e:
        raise DataFileError(path, f"pattern {name!r}: bad or missing regex ({e})") from e
    return Pattern(name=name, scope=scope, regex=regex)
