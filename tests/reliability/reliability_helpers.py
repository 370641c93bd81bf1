"""Helpers for the reliability tests (issue 7): scales, seeded fuzzing, corpora and store checks.

The folder is put on ``sys.path`` by its conftest, so test files import this module by name.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
from hypothesis import HealthCheck, given, settings

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "src" / "bilateral" / "data" / "demo"
NETGUARD = REPO / "tests" / "netguard"
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
                documents=200, gdelt_copies=12, load_requests=2_000, load_concurrency=50)
FULL = Scale(True, examples=1_500, long_line_bytes=50_000_000, nested_divs=100_000, kill_rounds=6,
             documents=2_000, gdelt_copies=60, load_requests=10_000, load_concurrency=50)


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
    missing = "SELECT count(*) FROM {0} a WHERE {2}NOT EXISTS (SELECT 1 FROM {1} b WHERE b.doc_id = a.doc_id)"
    checks = {
        "documents without sentences": missing.format("documents", "sentences", ""),
        "sentences without their document": missing.format("sentences", "documents", ""),
        "events whose document is missing": missing.format("events", "documents", "a.doc_id IS NOT NULL AND "),
        "duplicate event ids": "SELECT count(*) - count(DISTINCT event_id) FROM events",
        "duplicate document ids": "SELECT count(*) - count(DISTINCT doc_id) FROM documents",
        "duplicate sentences": "SELECT count(*) FROM (SELECT doc_id, sent_index FROM sentences GROUP BY ALL HAVING count(*) > 1)",
    }
    with duckdb.connect(str(db), read_only=True) as con:
        found = {name: con.execute(sql).fetchone()[0] for name, sql in checks.items()}
    return [f"{n} {name}" for name, n in found.items() if n]


KEYS = {"documents": "doc_id", "sentences": "doc_id, sent_index", "events": "event_id", "mentions": "mention_id"}


def table_rows(db: Path, table: str, drop: tuple[str, ...] = ()) -> pd.DataFrame:
    """A table of the store in key order, without the columns in ``drop`` (timestamps)."""
    with duckdb.connect(str(db), read_only=True) as con:
        frame = con.execute(f"SELECT * FROM {table} ORDER BY {KEYS[table]}").df()
    return frame.drop(columns=[c for c in drop if c in frame.columns]).reset_index(drop=True)


# -- commands run as a user would, watched ------------------------------------
def command_env(source: Path | None = None) -> dict:
    """The environment of a command under test: no network sockets (tests/netguard).

    With ``source`` (a folder holding a ``bilateral`` package), that copy of the code runs.
    """
    env = {**os.environ, "BILATERAL_BLOCK_SOCKETS": "1"}
    paths = [str(NETGUARD), str(source) if source else None, env.get("PYTHONPATH")]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    return env


def frozen_source(folder: Path) -> Path:
    """A copy of the package to run, so runs compared with each other run the same code.

    Others may edit the working tree while a long test runs; a comparison of two runs
    must not see their edits as a difference.
    """
    target = folder / "frozen-src"
    shutil.copytree(REPO / "src" / "bilateral", target / "bilateral", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def store_size(db: Path) -> int:
    """Bytes of the store file and its write-ahead log: each commit changes it."""
    return sum(p.stat().st_size for p in (db, db.with_name(db.name + ".wal")) if p.exists())


@dataclass
class Watched:
    """A command run under watch: how it ended (None when killed) and when the store changed."""

    done: subprocess.CompletedProcess | None
    changes: list[float]  # seconds from the start at which the store's files changed


def run_watched(args: list, db: Path, kill_after: int | None = None, delay: float = 0.0,
                timeout: float = 1200, source: Path | None = None) -> Watched:
    """Run `bilateral ARGS`, noting each change of the store's files (commits, checkpoints).

    With ``kill_after``, SIGKILL the whole process group ``delay`` seconds after that many
    changes. ``source``: the copy of the code to run (see :func:`frozen_source`).
    """
    out, err = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")  # files, not pipes: never block the child
    proc = subprocess.Popen([sys.executable, "-m", "bilateral", *map(str, args)], env=command_env(source),
                            stdout=out, stderr=err, text=True, start_new_session=True)
    with out, err:
        changes = _watch(proc, args, db, kill_after, delay, timeout)
        if changes is None:
            return Watched(None, [])
        out.seek(0)
        err.seek(0)
        return Watched(subprocess.CompletedProcess(proc.args, proc.returncode, out.read(), err.read()), changes)


def _watch(proc: subprocess.Popen, args: list, db: Path, kill_after: int | None, delay: float,
           timeout: float) -> list[float] | None:
    """The times the store changed until ``proc`` ended; None when it was killed."""
    started, last, kill_at, changes = time.monotonic(), store_size(db), None, []
    while proc.poll() is None:
        now, size = time.monotonic(), store_size(db)
        if size != last:
            changes.append(now - started)
            last = size
            if len(changes) == kill_after:
                kill_at = now + delay
        if kill_at is not None and now >= kill_at:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return None
        if now - started > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            raise AssertionError(f"bilateral {args[0]} did not finish in {timeout} s")
        time.sleep(0.005)
    return changes


def gdelt_copies(source: Path, folder: Path, copies: int) -> list[Path]:
    """``copies`` files of the real GDELT 2.0 rows, each with its own GLOBALEVENTIDs."""
    rows = [line.split(b"\t", 1) for line in source.read_bytes().splitlines() if line.strip()]
    folder.mkdir()
    paths = []
    for copy in range(copies):
        offset = (copy + 1) * 10_000_000_000
        body = b"".join(str(int(event_id) + offset).encode() + b"\t" + rest + b"\n" for event_id, rest in rows)
        path = folder / f"copy{copy:03d}.export.CSV"
        path.write_bytes(body)
        paths.append(path)
    return paths
