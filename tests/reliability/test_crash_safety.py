"""Issue 7 item 2: `bilateral code` and `bilateral import` killed with SIGKILL mid-run, then rerun.

The inputs are large enough for many transactions: demo-corpus documents cycled, re-dated
and numbered (small batches, so the run commits often), and copies of the real GDELT 2.0
file with renumbered event ids (one transaction per file). A watcher sees each commit as a
change of the store's files; the kill lands at a seeded random point between the run's
first and last change (as timed in an uninterrupted run), so it falls while documents are
coded, while a batch or file is written, or while the store is checkpointed. After the
kill the store must be sound (no document without its sentences, no event without its
document, no duplicate ids); the same command, rerun, must finish; and the final store
must equal that of an uninterrupted run (tables compared in key order).
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reliability_helpers import (Watched, command_env, frozen_source, gdelt_copies, run_watched, store_problems, summary_counts,
                                 table_rows, varied_corpus, write_jsonl)

pytestmark = pytest.mark.slow

BATCH = "16"  # documents per transaction: many commits, many places for the kill to land
SEED = 20240317
SCHEMA_SECONDS = 0.3  # the store's first changes, this close together, are its schema being created


def kill_point(baseline: Watched, round_: int, rounds: int, rng: random.Random) -> tuple[int, float]:
    """Where to kill: (changes of the store to wait for, then seconds to wait).

    The target is a seeded point of the uninterrupted run's writing phase (after the schema
    is created, up to its last change), one stratum per round, so the rounds spread over the
    run. It is anchored on the store change just before it, so slower start-up (loading the
    model) does not move it.
    """
    times = baseline.changes
    writing = [t for t in times if t - times[0] > SCHEMA_SECONDS] or times
    share = (round_ + rng.uniform(0.15, 0.85)) / rounds
    target = writing[0] + share * (times[-1] - writing[0])
    seen = max(1, sum(1 for t in times if t <= target))
    return seen, target - times[seen - 1]


def _kill_and_rerun(args: list, db: Path, point: tuple[int, float], compare, source: Path) -> int | None:
    """One round: kill at ``point``, check the store, rerun, compare.

    Returns the events the killed run left, or None when the run ended before the kill.
    """
    killed = run_watched(args, db, kill_after=point[0], delay=point[1], source=source)
    if killed.done is not None:  # finished before the kill point: a round without a crash
        assert killed.done.returncode == 0, killed.done.stderr[-2000:]
        return None
    partial = 0
    if db.exists():  # else killed before the store was created
        assert not store_problems(db), store_problems(db)
        partial = len(table_rows(db, "events"))
    rerun = run_watched(args, db, source=source).done
    assert rerun.returncode == 0, rerun.stdout[-1000:] + rerun.stderr[-2000:]
    assert not store_problems(db)
    compare(db)
    return partial


def _differences(got, expected) -> str:
    """Which columns differ between two key-ordered tables (for a readable failure)."""
    if len(got) != len(expected):
        return f"{len(got)} rows, expected {len(expected)}"
    cols = [c for c in expected.columns if not (got[c].eq(expected[c]) | (got[c].isna() & expected[c].isna())).all()]
    return f"columns differ: {cols}"


def test_crash_safety_code_killed_and_rerun(tmp_path, scale, demo_records):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", varied_corpus(demo_records, scale.documents))
    base = tmp_path / "uninterrupted.duckdb"
    source = frozen_source(tmp_path)
    baseline = run_watched(["code", corpus, "--db", base, "--batch-size", BATCH], base, source=source)
    assert baseline.done.returncode == 0, baseline.done.stderr[-2000:]
    read, stored, duplicate, rejected = summary_counts(baseline.done.stdout)
    assert read == scale.documents and rejected == 0 and stored + duplicate == read
    assert len(baseline.changes) >= 4, "the run must commit several batches for a kill to land between them"
    expected = {t: table_rows(base, t, drop=("ingested_at",)) for t in ("documents", "sentences", "events")}

    def same_as_uninterrupted(db: Path) -> None:
        for table, rows in expected.items():
            got = table_rows(db, table, drop=("ingested_at",))
            assert got.equals(rows), f"{table} differs from the uninterrupted run: {_differences(got, rows)}"

    rng = random.Random(SEED)
    partials = []
    for round_ in range(scale.kill_rounds):
        db = tmp_path / f"killed{round_}.duckdb"
        point = kill_point(baseline, round_, scale.kill_rounds, rng)
        partials.append(_kill_and_rerun(["code", corpus, "--db", db, "--batch-size", BATCH], db, point, same_as_uninterrupted, source))
    killed = [p for p in partials if p is not None]
    assert killed, "no round was killed mid-run"
    assert any(0 < p < len(expected["events"]) for p in killed), f"no kill landed mid-run: {partials}"


def test_crash_safety_import_killed_and_rerun(tmp_path, scale, shared_data):
    folder = tmp_path / "gdelt"
    gdelt_copies(shared_data / "formats" / "gdelt-v2" / "20191024143000.export.CSV", folder, scale.gdelt_copies)
    base = tmp_path / "uninterrupted.duckdb"
    source = frozen_source(tmp_path)
    baseline = run_watched(["import", "gdelt", folder, "--db", base], base, source=source)
    assert baseline.done.returncode == 0, baseline.done.stdout[-1000:] + baseline.done.stderr[-2000:]
    expected = table_rows(base, "events")
    assert len(expected) == 2111 * scale.gdelt_copies

    def same_as_uninterrupted(db: Path) -> None:
        got = table_rows(db, "events")
        assert got.equals(expected), f"events differ from the uninterrupted import: {_differences(got, expected)}"

    rng = random.Random(SEED + 1)
    partials = []
    for round_ in range(scale.kill_rounds):
        db = tmp_path / f"killed{round_}.duckdb"
        point = kill_point(baseline, round_, scale.kill_rounds, rng)
        partials.append(_kill_and_rerun(["import", "gdelt", folder, "--db", db], db, point, same_as_uninterrupted, source))
    killed = [p for p in partials if p is not None]
    assert killed, "no round was killed mid-run"
    for partial in killed:
        assert partial % 2111 == 0, "a killed import left part of a file (one transaction per file)"
    assert any(0 < p < len(expected) for p in killed), f"no kill landed mid-run: {partials}"


def test_crash_safety_killed_code_leaves_no_worker_behind(tmp_path, demo_records):
    """SIGKILL of the `bilateral code` process alone (as the OOM killer does): its coding workers end too."""
    corpus = write_jsonl(tmp_path / "corpus.jsonl", varied_corpus(demo_records, 400))
    db = tmp_path / "store.duckdb"
    log = (tmp_path / "stderr.txt").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "bilateral", "code", corpus, "--db", db, "--batch-size", BATCH,
                             "--workers", "2"], env=command_env(), stdout=subprocess.DEVNULL, stderr=log,
                            start_new_session=True)
    try:
        _wait_for_workers(proc, tmp_path / "stderr.txt")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 20
        while _group_alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _group_alive(proc.pid), "worker processes outlived the killed `bilateral code`"
    finally:
        log.close()
        if _group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)


def _wait_for_workers(proc: subprocess.Popen, log: Path, timeout: float = 300) -> None:
    """Until the process has two children busy loading or coding (they have used some CPU)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"`bilateral code` ended early ({proc.returncode}): {log.read_text()[-1500:]}"
        listing = subprocess.run(["ps", "-ww", "-o", "pid=,times=,args=", "-g", str(proc.pid)], capture_output=True, text=True).stdout
        workers = [line.split() for line in listing.splitlines() if "multiprocessing.spawn" in line]
        if len(workers) >= 2 and all(int(w[1]) >= 1 for w in workers):
            return
        time.sleep(0.2)
    pytest.fail("the coding workers did not start")


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False
