"""Input side of `sommet extract`: paths, directories and standard input -> Document.

Kinds: `.txt` (one article), `.jsonl` (one JSON object a line: id, text, date, url, lang),
`.html`/`.htm` (main text and date found by trafilatura), directories (recursive, sorted)
and `-` for standard input. The text of a Document is kept exactly as read, so offsets
point into it. A bad document never raises: it becomes a Document with an `errors` entry
that names it. Only a path that does not exist raises `InputError`.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlparse

from sommet.errors import InputError
from sommet.models import DateValue, Document

TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
STDIN = "<stdin>"

# A header line some feeds put before the text: " date 2018-11" or " date 2018-11-04".
_DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?![\d-])")
# Dates in URL paths, most precise first: /2023/10/05/, /20210616-, /2021/06/.
_YEAR, _MONTH, _DAY = r"((?:19|20)\d{2})", r"(0[1-9]|1[0-2])", r"(0[1-9]|[12]\d|3[01])"
# Dates in URL paths, most precise first: /2023/10/05/, /2022-04-13/, /2023-07/30/,
# /20210616-, _AD-202505100158 (with a time), then /2021/06/.
_URL_DATES = (
    re.compile(rf"(?<![\d]){_YEAR}([-/_.]?){_MONTH}\2{_DAY}(?:\d{{4}})?(?!\d)"),
    re.compile(rf"(?<![\d]){_YEAR}-{_MONTH}/{_DAY}(?!\d)"),
    re.compile(rf"/{_YEAR}[/-]{_MONTH}(?=[/-]|$)"),
)
_NON_TEXT_LIMIT = 0.05  # share of control / replacement characters that makes a text binary


def read_paths(
    paths: list[str], max_chars: int = 200_000, stdin: IO[Any] | None = None
) -> Iterator[Document]:
    """Documents from files, directories and `-` (standard input), in input order.

    A file named on the command line with another suffix is read as plain text.
    Raises InputError at once for a path that does not exist; every other problem is
    recorded in the `errors` of the Document concerned.
    """
    for path in paths:
        if path != "-" and not Path(path).exists():
            raise InputError(path, "no such file or directory")
    return _documents(paths, _Reader(max_chars), stdin)


def _documents(paths: list[str], reader: _Reader, stdin: IO[Any] | None) -> Iterator[Document]:
    for path in paths:
        if path == "-":
            yield from reader.stream(stdin if stdin is not None else sys.stdin.buffer)
        elif Path(path).is_dir():
            for file in _files_under(Path(path)):
                yield from reader.file(file)
        else:
            yield from reader.file(Path(path))


def _files_under(folder: Path) -> list[Path]:
    """Readable files under a folder, recursively, sorted, hidden ones skipped."""
    found = []
    for file in folder.rglob("*"):
        parts = file.relative_to(folder).parts
        if file.is_file() and file.suffix.lower() in SUFFIXES and not any(
            p.startswith(".") for p in parts
        ):
            found.append(file)
    return sorted(found)


class _Reader:
    """Reads each kind of input; keeps ids unique within one run."""

    def __init__(self, max_chars: int):
        self.max_chars = max_chars
        self.ids: set[str] = set()

    def file(self, path: Path) -> Iterator[Document]:
        """The documents of one file; a file the system cannot read becomes an error."""
        try:
            yield from self._file(path)
        except OSError as e:
            problem = f"cannot be read ({e.strerror or e})"
            yield _failed(self.unique_id(path.stem), str(path), problem)

    def _file(self, path: Path) -> Iterator[Document]:
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as lines:
                yield from self.jsonl(lines, str(path), path.stem)
        elif suffix in HTML_SUFFIXES:
            yield self.html(path)
        else:
            yield self.text_file(path)

    def stream(self, stream: IO[Any]) -> Iterator[Document]:
        """Standard input: JSONL when its first non-blank line is a JSON object, else one text."""
        lines = iter(stream)
        head = []
        for line in lines:
            head.append(line)
            if line.strip():
                break
        if head and _is_json_object(head[-1]):
            yield from self.jsonl(chain(head, lines), STDIN, "stdin")
        else:
            rest = stream.read()
            data = _as_bytes(head) + _as_bytes([rest])
            yield self.text(data, STDIN, self.unique_id("stdin"))

    def text_file(self, path: Path) -> Document:
        doc_id = self.unique_id(path.stem)
        size = path.stat().st_size
        if size > 4 * self.max_chars:  # even at 4 bytes a character it is too long
            limit = _n(self.max_chars)
            problem = f"{_n(size)} bytes, over the --max-chars limit of {limit} characters"
            return _failed(doc_id, str(path), problem)
        return self.text(path.read_bytes(), str(path), doc_id)

    def text(self, data: bytes, where: str, doc_id: str) -> Document:
        """One text document from raw bytes; a ` date` header gives its date."""
        text, problem = _decode(data)
        if problem:
            return _failed(doc_id, where, problem)
        doc = Document(id=doc_id, text=text, date=header_date(text), source=where)
        return self.check_size(doc)

    def jsonl(self, lines: Iterable[bytes | str], where: str, stem: str) -> Iterator[Document]:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield self.jsonl_line(line, f"{where}:{number}", f"{stem}-{number}")

    def jsonl_line(self, line: bytes | str, where: str, fallback_id: str) -> Document:
        record, problem = _json_record(line)
        given_id = record.get("id") if record else None
        doc_id = str(given_id) if given_id not in (None, "") else self.unique_id(fallback_id)
        self.ids.add(doc_id)
        if problem:
            return _failed(doc_id, where, problem)
        doc = Document(
            id=doc_id,
            text=record["text"],
            url=_str_or_none(record.get("url")),
            lang=_str_or_none(record.get("lang")),
            source=where,
        )
        doc.date = self.record_date(record.get("date"), doc, where)
        return self.check_size(doc)

    def record_date(self, given: Any, doc: Document, where: str) -> DateValue | None:
        """The `date` field, else the text's ` date` header, else a date in the URL."""
        if given not in (None, ""):
            value = DateValue.parse(str(given))
            if value and _plausible(value):
                return value
            doc.errors.append(f"{where}: date {given!r} not understood, ignored")
        return refine(header_date(doc.text), url_date(doc.url))

    def html(self, path: Path) -> Document:
        doc_id = self.unique_id(path.stem)
        data = path.read_bytes()
        if not data.strip():
            return _failed(doc_id, str(path), "empty document")
        extracted = _extract_html(data)
        if extracted is None or not extracted.get("text", "").strip():
            return _failed(doc_id, str(path), "no article text found in this HTML page")
        doc = Document(
            id=doc_id, text=extracted["text"], url=extracted.get("url"), source=str(path)
        )
        doc.date = DateValue.parse(extracted.get("date")) or url_date(doc.url)
        return self.check_size(doc)

    def check_size(self, doc: Document) -> Document:
        """Empty, wordless and over-long texts are recorded as errors (an over-long text is dropped)."""
        if not doc.text.strip():
            doc.errors.append(f"{doc.source}: empty document")
        elif not any(ch.isalpha() for ch in doc.text):
            doc.errors.append(f"{doc.source}: no words, only digits, punctuation or symbols")
        elif len(doc.text) > self.max_chars:
            doc.errors.append(
                f"{doc.source}: {_n(len(doc.text))} characters, "
                f"over the --max-chars limit of {_n(self.max_chars)}"
            )
            doc.text = ""
        return doc

    def unique_id(self, stem: str) -> str:
        doc_id, n = stem, 1
        while doc_id in self.ids:
            n += 1
            doc_id = f"{stem}-{n}"
        self.ids.add(doc_id)
        return doc_id


def refine(first: DateValue | None, second: DateValue | None) -> DateValue | None:
    """`first`, made more precise by `second` when they agree ("2022-08" + "2022-08-03")."""
    if first is None or (second is not None and second.value.startswith(first.value)):
        return second or first
    return first


def header_date(text: str) -> DateValue | None:
    """The date of a leading ` date 2018-11[-04]` header line, if any."""
    m = _DATE_HEADER.match(text)
    value = DateValue.parse(m.group(1)) if m else None
    return value if value and _plausible(value) else None


def url_date(url: str | None) -> DateValue | None:
    """A date written in a URL path (/2023/10/05/, /2022-04-13/, /20210616-, /2021/06/), at its precision."""
    if not url:
        return None
    path = urlparse(url).path
    for pattern in _URL_DATES:
        m = pattern.search(path)
        if m:
            parts = [g for g in m.groups() if g and g.isdigit()]
            return DateValue.of(*(int(g) for g in parts))
    return None


def _plausible(value: DateValue) -> bool:
    month, day = value.month, value.day
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


def _decode(data: bytes) -> tuple[str, str | None]:
    """Text from bytes: UTF-8, else the encoding charset-normalizer detects.

    Returns (text, problem); problem names why the bytes are not a usable text.
    """
    if not data.strip():
        return "", "empty document"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"))
    if b"\x00" in data:
        return "", "binary content, not text"
    try:
        return _checked(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        return _checked(western)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return "", "undecodable: not UTF-8 and no text encoding recognised"
    return _checked(str(best))


# Letters and signs that Windows-1252 / Latin-1 French, Spanish, Portuguese... texts use.
_WESTERN = set("àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæßÀÂÄÁÃÇÉÈÊËÍÎÏÑÓÔÖÕÚÙÛÜŸŒÆ"
               "«»‘’“”–—…€°·ºª¿¡\u00a0")


def _western(data: bytes) -> str | None:
    """The text in Windows-1252 when it reads as a Western European text, else None.

    Short Latin-1 articles fool statistical detection (a few "é" read as Baltic letters);
    here every non-ASCII character must be a usual Western letter or sign, standing alone
    or in pairs inside words ("créée"), never in the runs another script decoded this way gives.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    run = 0
    for char in text:
        if char.isascii():
            run = 0
            continue
        run += 1
        if char not in _WESTERN or run > 2:
            return None
    return text


def _checked(text: str) -> tuple[str, str | None]:
    if not text.strip():
        return "", "empty document"
    odd = sum(1 for c in text if c == "\ufffd" or _is_control(c))
    if odd > _NON_TEXT_LIMIT * len(text):
        return "", "binary content, not text"
    return text, None


def _is_control(char: str) -> bool:
    return char not in "\t\n\r\f\v" and unicodedata.category(char) == "Cc"


def _json_record(line: bytes | str) -> tuple[dict | None, str | None]:
    """A JSONL line as a dict with a non-empty string `text`, or the problem with it."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None, "not UTF-8 text (JSON lines must be UTF-8)"
    line = line.rstrip("\r\n")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return None, f"malformed JSON line ({e.msg}, column {e.colno})"
    if not isinstance(record, dict):
        return None, f"expected a JSON object, got {type(record).__name__}"
    text = record.get("text")
    if not isinstance(text, str):
        return record, 'no "text" field with a string value'
    return record, None


def _is_json_object(line: bytes | str) -> bool:
    record, _ = _json_record(line)
    return record is not None


def _extract_html(data: bytes) -> dict | None:
    """Main text, date and URL of an HTML page (trafilatura), or None when it finds nothing."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    except Exception:  # trafilatura raises various parser errors on broken pages
        return None
    if result is None:
        return None
    found = result if isinstance(result, dict) else result.as_dict()
    return {"text": found.get("text") or "", "date": found.get("date"), "url": found.get("url")}


def _failed(doc_id: str, where: str, problem: str) -> Document:
    return Document(id=doc_id, text="", source=where, errors=[f"{where}: {problem}"])


def _as_bytes(parts: list[bytes | str]) -> bytes:
    return b"".join(p if isinstance(p, bytes) else p.encode("utf-8") for p in parts)


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _n(number: int) -> str:
    """200000 -> "200 000", the French way of grouping digits."""
    return f"{number:,}".replace(",", " ")
