"""Helpers for the reliability tests (issue 7): scales, seeded fuzzing, corpora and store checks.

The folder is put on ``sys.path`` by its conftest, so test files import this module by name.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
from hypothesis import HealthCheck, given, settings

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "src" / "bilateral" / "data" / "demo"
_SUMMARY = re.compile(r"documents: (\d+) read, (\d+) stored, (\d+) duplicate, (\d+) rejected")


@dataclass(frozen=True)
class Scale:
    """How big each reliability run is."""

    full: bool
    examples: int  # hypothesis examples per property
    long_line_bytes: int  # the single-line file
    nested_divs: int
    kill_rounds: int  # SIGKILL rounds per command
    documents: int  # documents in the crash-test corpus
    gdelt_copies: int  # copies of the real GDELT 2.0 file (renumbered) in the crash-test import
    load_requests: int
    load_concurrency: int


REDUCED = Scale(False, examples=60, long_line_bytes=5_000_000, nested_divs=100_000, kill_rounds=2,
                documents=500, gdelt_copies=12, load_requests=2_000, load_concurrency=50)
FULL = Scale(True, examples=1_500, long_line_bytes=50_000_000, nested_divs=100_000, kill_rounds=6,
             documents=3_000, gdelt_copies=60, load_requests=10_000, load_concurrency=50)


def fuzz(examples: int, *strategies):
    """Decorate a check as a seeded hypothesis property run ``examples`` times (then call it)."""
    def wrap(check):
        return settings(
            max_examples=examples, deadline=None, derandomize=True, database=None,
            suppress_health_check=list(HealthCheck),
        )(given(*strategies)(check))
    return wrap


def load_demo_records() -> list[dict]:
    """The shipped demo corpus: real, dated, news-style paragraphs written for the project."""
    rows = []
    for path in sorted(DEMO.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def varied_corpus(records: list[dict], count: int) -> list[dict]:
    """``count`` distinct documents from the demo corpus: cycled, re-dated a year back per cycle, numbered."""
    out = []
    for i in range(count):
        record, cycle = records[i % len(records)], i // len(records)
        date = record.get("date")
        if date and cycle and date[5:10] != "02-29":
            date = f"{int(date[:4]) - cycle:04d}{date[4:]}"
        text = record["text"] + (f" The agencies filed this as item {i}." if cycle else "")
        out.append({**record, "id": f"{record['id']}-{i}", "date": date, "text": text})
    return out


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def summary_counts(stdout: str) -> tuple[int, int, int, int]:
    """(read, stored, duplicate, rejected) from a `bilateral code` summary line."""
    match = _SUMMARY.search(stdout)
    assert match, f"no summary line in: {stdout[-500:]}"
    return tuple(int(g) for g in match.groups())


def store_problems(db: Path) -> list[str]:
    """Everything that would make a store inconsistent (empty when it is sound).

    No half-written document (each has its sentences), no event whose document is missing,
    no sentence without its document, no duplicate ids.
    """
    checks = {
        "documents without sentences": "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.doc_id)",
        "sentences without their document": "SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_id = s.doc_id)",
        "events whose document is missing": "SELECT count(*) FROM events e WHERE e.doc_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_id = e.doc_id)",
        "duplicate event ids": "SELECT count(*) - count(DISTINCT event_id) FROM events",
        "duplicate document ids": "SELECT count(*) - count(DISTINCT doc_id) FROM documents",
        "duplicate sentences": "SELECT count(*) FROM (SELECT doc_id, sent_index FROM sentences GROUP BY ALL HAVING count(*) > 1)",
    }
    with duckdb.connect(str(db), read_only=True) as con:
        found = {name: con.execute(sql).fetchone()[0] for name, sql in checks.items()}
    return [f"{n} {name}" for name, n in found.items() if n]


def table_rows(db: Path, table: str, drop: tuple[str, ...] = ()) -> pd.DataFrame:
    """A table of the store, sorted on every column, without the columns in ``drop`` (timestamps)."""
    with duckdb.connect(str(db), read_only=True) as con:
        frame = con.execute(f"SELECT * FROM {table}").df()
    frame = frame.drop(columns=[c for c in drop if c in frame.columns])
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)
