"""`bilateral code` end to end: real files in, events in the store and the output file."""
from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

DOCS = [
    {"id": "a1", "date": "2025-01-17", "title": "Treaty", "url": "https://example.invalid/a1",
     "text": "Russian President Vladimir Putin and Iranian President Masoud Pezeshkian signed a strategic partnership treaty in Moscow on Friday."},
    {"id": "a2", "date": "2022-11-05", "text": "Iran's foreign minister admitted that Iran had sent drones to Russia before the war."},
    {"id": "a3", "date": "2010-09-22", "text": "Russia cancelled the delivery of S-300 missiles to Iran, and Iranian officials condemned the decision."},
]


def _jsonl(path, records, extra_lines=()):
    with path.open("w") as fh:
        for r in records:
            fh.write(json.dumps(r) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")
    return path


def _events(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql("SELECT * FROM events").df()
    finally:
        con.close()


def test_code_jsonl_to_store_and_file(tmp_path, cli):
    src, db, out = _jsonl(tmp_path / "docs.jsonl", DOCS), tmp_path / "s.duckdb", tmp_path / "events.jsonl"
    result = cli("code", src, "--out", out, "--db", db)
    assert result.returncode == 0, result.stderr
    assert "3 read, 3 stored, 0 duplicate, 0 rejected" in result.stdout
    stored = _events(db)
    written = pd.read_json(out, lines=True, dtype={"cameo": str, "root": str})
    assert len(stored) > 0 and len(written) == len(stored)
    assert set(written["event_id"]) == set(stored["event_id"])
    assert {"IRN", "RUS"} <= set(stored["source_country"]) | set(stored["target_country"])
    treaty = stored[stored["doc_id"].notna() & stored["sentence"].str.contains("treaty")]
    assert not treaty.empty and (treaty["url"] == "https://example.invalid/a1").all()


def test_code_twice_changes_nothing(tmp_path, cli):
    src, db = _jsonl(tmp_path / "docs.jsonl", DOCS), tmp_path / "s.duckdb"
    assert cli("code", src, "--db", db).returncode == 0
    first = _events(db).sort_values("event_id").reset_index(drop=True)
    result = cli("code", src, "--db", db, "--out", tmp_path / "again.csv")
    assert result.returncode == 0 and "0 stored, 3 duplicate" in result.stdout
    assert _events(db).sort_values("event_id").reset_index(drop=True).equals(first)
    assert len(pd.read_csv(tmp_path / "again.csv")) == len(first)  # stored events still reach --out


def test_code_bad_jsonl_line_is_named_and_rest_is_coded(tmp_path, cli):
    src = _jsonl(tmp_path / "docs.jsonl", DOCS[:1], extra_lines=['{"id": "broken", "text": ', '{"id": "x", "date": "2025-13-45", "text": "Iran condemned Israel."}'])
    db = tmp_path / "s.duckdb"
    result = cli("code", src, "--db", db, "--rejects", tmp_path / "rejects.jsonl")
    assert result.returncode == 2
    assert f"{src}:2: not valid JSON" in result.stderr.replace("\n", "")
    assert f"{src}:3: unreadable date" in result.stderr.replace("\n", "")
    assert "3 read, 1 stored, 0 duplicate, 2 rejected" in result.stdout.replace("\n", " ")
    rejects = [json.loads(l) for l in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert [r["line"] for r in rejects] == [2, 3]
    assert len(_events(db)) > 0


def test_code_csv_with_named_columns(tmp_path, cli):
    src = tmp_path / "docs.csv"
    pd.DataFrame({"body": [d["text"] for d in DOCS], "published": [d["date"] for d in DOCS]}).to_csv(src, index=False)
    db = tmp_path / "s.duckdb"
    result = cli("code", src, "--db", db, "--text-col", "body", "--date-col", "published")
    assert result.returncode == 0, result.stderr
    assert set(pd.to_datetime(_events(db)["date"]).dt.year) <= {2025, 2022, 2010}


def test_code_missing_column_is_named(tmp_path, cli):
    src = tmp_path / "docs.csv"
    pd.DataFrame({"body": ["Iran condemned Israel."]}).to_csv(src, index=False)
    result = cli("code", src, "--db", tmp_path / "s.duckdb")
    assert result.returncode == 2
    assert "no column 'text'" in result.stderr and str(src) in result.stderr.replace("\n", "")


@pytest.mark.parametrize("args, message", [
    (["missing.jsonl"], "no such file or directory"),
    (["docs.jsonl", "--out", "events.xlsx"], "unsupported output type .xlsx"),
])
def test_code_usage_errors_are_one_line(tmp_path, cli, args, message):
    _jsonl(tmp_path / "docs.jsonl", DOCS[:1])
    result = cli("code", *args, "--db", tmp_path / "s.duckdb", cwd=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "s.duckdb").exists() or len(_events(tmp_path / "s.duckdb")) == 0
