"""`sommet extract` end to end, through the command line, on small inputs written here.

Each input kind and each bad-input kind: the output has one JSON object per document, in
input order, with id/lang/date/events/errors; a document that fails is named on stderr and
makes the exit code 1; a path that does not exist stops the run with exit code 2.
These load the real French model (once, in the session fixture `warm_cli`).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sommet.cli import app

pytestmark = pytest.mark.model

KEYS = {"id", "lang", "date", "events", "errors"}

VISIT = (" date 2023-06-21\n"
         "Le président sénégalais Macky Sall a rencontré mardi à Abidjan son homologue "
         "ivoirien Alassane Ouattara.\n")
AID = "Le Japon a accordé une aide de six millions de dollars au Soudan."
EXPULSION = "La Moldavie a expulsé mercredi 45 diplomates russes."


@pytest.fixture(scope="session")
def warm_cli():
    """A runner whose process has the French pipeline loaded (it is cached per process)."""
    from sommet.pipeline import extract

    assert extract(AID, date="2023-05-02", lang="fr"), "the warm-up sentence yields no event"
    return CliRunner()


def run(runner: CliRunner, *args: str, input: bytes | str | None = None):
    return runner.invoke(app, ["extract", "--no-progress", *args], input=input)


def lines(stdout: str) -> list[dict]:
    """Parse JSON Lines output; every non-blank line must be one JSON object."""
    out = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    for record in out:
        assert KEYS <= record.keys(), record
    return out


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "visit.txt": VISIT.encode(),
        "batch.jsonl": "\n".join([
            json.dumps({"id": "aid", "text": AID, "date": "2023-05-02"}, ensure_ascii=False),
            '{"id": "broken", "text": ',
            json.dumps({"id": "expulsion", "text": EXPULSION, "date": "2023-07-27"},
                       ensure_ascii=False),
        ]).encode() + b"\n",
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 8,
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return {name: tmp_path / name for name in files}


def test_txt_with_date_header(warm_cli, inputs):
    result = run(warm_cli, str(inputs["visit.txt"]))
    assert result.exit_code == 0, result.stderr
    [doc] = lines(result.stdout)
    assert (doc["id"], doc["lang"], doc["date"], doc["errors"]) == ("visit", "fr", "2023-06-21", [])
    consult = [e for e in doc["events"] if e["type"] == "CONSULT"]
    assert consult, doc["events"]
    event = consult[0]
    assert {event["source"]["country"], event["target"]["country"]} == {"SEN", "CIV"}
    start, end = event["evidence"]["start"], event["evidence"]["end"]
    assert VISIT[start:end] == event["evidence"]["text"]  # offsets point into the text as given


def test_jsonl_with_malformed_line(warm_cli, inputs):
    result = run(warm_cli, str(inputs["batch.jsonl"]))
    assert result.exit_code == 1
    docs = lines(result.stdout)
    assert [d["id"] for d in docs] == ["aid", "batch-2", "expulsion"]
    assert docs[1]["errors"] and not docs[1]["events"]
    assert "batch-2" in result.stderr and "1 document(s) had problems" in result.stderr
    assert docs[0]["date"] == "2023-05-02" and not docs[0]["errors"]
    assert any(e["type"] == "AID" for e in docs[0]["events"])
    assert any(e["type"] == "SANCTION" for e in docs[2]["events"])


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt"])
def test_unreadable_file_is_named_and_run_goes_on(warm_cli, inputs, name):
    result = run(warm_cli, str(inputs[name]), str(inputs["visit.txt"]))
    assert result.exit_code == 1
    bad, good = lines(result.stdout)
    stem = name.removesuffix(".txt")
    assert bad["id"] == stem and bad["errors"] and bad["events"] == []
    assert good["id"] == "visit" and not good["errors"] and good["events"]
    assert stem in result.stderr


def test_several_paths_keep_input_order(warm_cli, inputs):
    result = run(warm_cli, str(inputs["visit.txt"]), str(inputs["batch.jsonl"]),
                 str(inputs["empty.txt"]))
    assert result.exit_code == 1
    assert [d["id"] for d in lines(result.stdout)] == [
        "visit", "aid", "batch-2", "expulsion", "empty"]


def test_directory_is_read_recursively(warm_cli, inputs, tmp_path):
    sub = tmp_path / "more"
    sub.mkdir()
    (sub / "aid.txt").write_text(AID, encoding="utf-8")
    result = run(warm_cli, str(sub))
    assert result.exit_code == 0, result.stderr
    assert [d["id"] for d in lines(result.stdout)] == ["aid"]


def test_missing_path_stops_with_exit_2(warm_cli, tmp_path):
    missing = tmp_path / "nowhere.txt"
    result = run(warm_cli, str(missing))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "nowhere.txt" in result.stderr and "error" in result.stderr


def test_output_file(warm_cli, inputs, tmp_path):
    out = tmp_path / "events.jsonl"
    result = run(warm_cli, str(inputs["visit.txt"]), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    [doc] = lines(out.read_text(encoding="utf-8"))
    assert doc["id"] == "visit" and doc["events"]


def test_table_format(warm_cli, inputs):
    result = run(warm_cli, str(inputs["visit.txt"]), "--format", "table")
    assert result.exit_code == 0, result.stderr
    assert "visit" in result.stdout and "CONSULT" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_unknown_format_is_refused(warm_cli, inputs):
    result = run(warm_cli, str(inputs["visit.txt"]), "--format", "xml")
    assert result.exit_code == 2


@pytest.mark.parametrize("given", ["text", "jsonl"])
def test_standard_input(warm_cli, given):
    if given == "text":
        data, ids = VISIT, ["stdin"]
    else:
        data = json.dumps({"id": "a1", "text": AID}, ensure_ascii=False) + "\n"
        ids = ["a1"]
    result = run(warm_cli, "-", input=data.encode())
    assert result.exit_code == 0, result.stderr
    docs = lines(result.stdout)
    assert [d["id"] for d in docs] == ids
    assert docs[0]["events"]


def test_max_chars_refuses_long_documents(warm_cli, inputs):
    result = run(warm_cli, str(inputs["visit.txt"]), "--max-chars", "20")
    assert result.exit_code == 1
    [doc] = lines(result.stdout)
    assert doc["errors"] and doc["events"] == []
    assert "visit" in result.stderr


# -- more bad input, and usage errors that stop the run before any document ----------------

def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def test_latin_1_file_is_read_and_extracted(warm_cli, tmp_path):
    path = tmp_path / "ancien.txt"
    path.write_bytes(VISIT.encode("latin-1"))
    result = run(warm_cli, str(path))
    assert result.exit_code == 0, result.stderr
    [doc] = lines(result.stdout)
    assert doc["errors"] == [] and doc["date"] == "2023-06-21"
    assert any({e["source"]["country"], e["target"]["country"]} == {"SEN", "CIV"} for e in doc["events"])


def test_directory_with_every_kind_of_bad_file(warm_cli, inputs, tmp_path):
    mixed = tmp_path / "mixed"
    (mixed / "sub").mkdir(parents=True)
    for name in ("visit.txt", "batch.jsonl", "empty.txt", "binary.txt"):
        (mixed / name).write_bytes(inputs[name].read_bytes())
    (mixed / "cassee.html").write_text("<html><body><div", encoding="utf-8")
    (mixed / "sub" / "long.txt").write_text(AID * 50, encoding="utf-8")
    (mixed / "notes.md").write_text("# pas un article", encoding="utf-8")
    result = run(warm_cli, str(mixed), "--max-chars", "2000")
    no_traceback(result)
    assert result.exit_code == 1
    docs = {d["id"]: d for d in lines(result.stdout)}
    assert set(docs) == {"aid", "batch-2", "expulsion", "binary", "cassee", "empty", "visit", "long"}
    failed = {"batch-2", "binary", "cassee", "empty", "long"}
    for doc_id, doc in docs.items():
        assert bool(doc["errors"]) == (doc_id in failed), doc
        if doc_id in failed:
            assert doc["events"] == [] and f"{doc_id}: " in result.stderr
    assert "malformed JSON line" in result.stderr and "binary content" in result.stderr
    assert "no article text found" in result.stderr and "--max-chars" in result.stderr
    assert "5 document(s) had problems" in result.stderr


def test_bad_bytes_on_standard_input(warm_cli):
    result = run(warm_cli, "-", input=bytes(range(256)) * 4)
    no_traceback(result)
    assert result.exit_code == 1
    [doc] = lines(result.stdout)
    assert doc["id"] == "stdin" and doc["errors"]
    assert "stdin: <stdin>: binary content" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--batch-size", "0"], "--batch-size"),
    (["--max-chars", "0"], "--max-chars"),
    (["--min-confidence", "1.5"], "--min-confidence"),
    (["--lang", "xx"], "no pipeline for 'xx'"),
])
def test_bad_options_are_usage_errors(warm_cli, inputs, args, message):
    result = run(warm_cli, str(inputs["visit.txt"]), *args)
    no_traceback(result)
    assert result.exit_code == 2
    assert message in result.output
    assert not result.stdout.lstrip().startswith("{")


def test_unwritable_output_is_a_usage_error(warm_cli, inputs, tmp_path):
    result = run(warm_cli, str(inputs["visit.txt"]), "-o", str(tmp_path / "no" / "such" / "dir.jsonl"))
    no_traceback(result)
    assert result.exit_code == 2
    assert "cannot write the output" in result.stderr


@pytest.mark.parametrize("text, shown", [
    ("- code: CUB\n  nmes: {fr: [Cuba]}\n", ":1: unknown key 'nmes'"),
    ("- name: A B\n  roles:\n    - {role: emperor, country: USA}\n", ":3: unknown role 'emperor'"),
])
def test_malformed_actors_file_stops_the_run(warm_cli, inputs, tmp_path, text, shown):
    path = tmp_path / "mine.yml"
    path.write_text(text, encoding="utf-8")
    result = run(warm_cli, str(inputs["visit.txt"]), "--actors", str(path))
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{path}{shown}" in result.stderr


def test_user_actors_file_overrides_a_shipped_person(warm_cli, tmp_path):
    path = tmp_path / "mine.yml"
    path.write_text("- name: Macky Sall\n  aliases: [Sall]\n  roles:\n"
                    "    - {role: head of state, country: SEN, start: 2012-04-02, end: 2023-01-01}\n",
                    encoding="utf-8")
    text = (" date 2023-06-21\nLe chef de l'État sénégalais a rencontré mardi à Abidjan son "
            "homologue ivoirien Alassane Ouattara.\n")
    source = tmp_path / "visite.txt"
    source.write_text(text, encoding="utf-8")

    def senegal(*extra):
        result = run(warm_cli, str(source), *extra)
        assert result.exit_code == 0, result.stderr
        [doc] = lines(result.stdout)
        return [a for e in doc["events"] for a in (e["source"], e["target"]) if a["country"] == "SEN"]

    shipped = senegal()
    assert shipped and shipped[0]["name"] == "Macky Sall"
    mine = senegal("--actors", str(path))
    assert mine and all(a["name"] is None for a in mine)  # in the user's file his term ended in 2023-01


@pytest.mark.parametrize("command", [
    ["--help"], ["extract", "--help"], ["eval", "--help"], ["actors", "--help"], ["actors", "lookup", "--help"],
])
def test_help_shows_a_real_example(warm_cli, command):
    result = warm_cli.invoke(app, command)
    assert result.exit_code == 0
    assert "Example" in result.stdout and "sommet " in result.stdout


def test_eval_refuses_a_binary_gold_file_with_a_message(warm_cli, inputs, tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"id": "a", "events": []}\n', encoding="utf-8")
    result = warm_cli.invoke(app, ["eval", str(inputs["binary.txt"]), str(pred)])
    no_traceback(result)
    assert result.exit_code == 2
    assert "binary.txt" in result.stderr and "not UTF-8" in result.stderr
    missing = warm_cli.invoke(app, ["eval", str(pred), str(tmp_path / "absent.jsonl")])
    assert missing.exit_code == 2
