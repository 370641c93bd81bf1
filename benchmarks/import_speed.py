"""Benchmark: import a 2,000,000-row GDELT 2.0 file, against pandas.read_csv of the same file (issue 3).

Targets: at least 1,000,000 rows per second on 2 cores, at least 5 times the speed of a
plain ``pandas.read_csv`` in the same run, and peak memory under 1.5 GB.

The file is built once under ``benchmarks/_work/`` from the real GDELT 2.0 export in
``../shared/data/formats/gdelt-v2`` (2,111 rows): rows are drawn with replacement by a
seeded generator and GLOBALEVENTIDs renumbered, so every row is a distinct event. Each
contender runs in its own child process: bilateral's import (``import_files`` into a
fresh store, as ``bilateral import gdelt`` does) and ``pandas.read_csv(path, sep="\\t",
header=None)``. Times are measured inside the child around the call (interpreter start-up
excluded for both); peak memory is the child's maximum resident set size (os.wait4).

Results are printed and appended, with the date and the git commit, to benchmarks/RESULTS.md.

    make bench-import        # or: python benchmarks/import_speed.py [--rows N] [--no-save]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "benchmarks" / "_work"
RESULTS = REPO / "benchmarks" / "RESULTS.md"
SOURCE = (REPO / ".." / "shared" / "data" / "formats" / "gdelt-v2" / "20191024143000.export.CSV").resolve()
TARGET_ROWS_PER_S = 1_000_000
TARGET_RATIO = 5.0
TARGET_PEAK_MB = 1536
SEED = 20191024

IMPORT_CHILD = """
import json, sys, time
from bilateral.sources.importer import import_files
from bilateral.store import Store
with Store(sys.argv[2]) as store:
    started = time.perf_counter()
    [report] = import_files(store, "gdelt", [sys.argv[1]])
    seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "read": report.read, "stored": report.stored, "rejected": report.rejected}))
"""

PANDAS_CHILD = """
import json, sys, time, warnings
import pandas as pd
warnings.simplefilter("ignore")  # mixed-type columns warn; the load itself is what is timed
started = time.perf_counter()
frame = pd.read_csv(sys.argv[1], sep="\\t", header=None)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "read": len(frame)}))
"""


def build_file(rows: int) -> Path:
    """The benchmark file (built once per row count): real rows resampled, ids renumbered."""
    path = WORK / f"gdelt2-{rows}.export.CSV"
    if path.exists():
        return path
    if not SOURCE.exists():
        sys.exit(f"{SOURCE} is missing: the benchmark needs ../shared/data beside the repository")
    WORK.mkdir(parents=True, exist_ok=True)
    tails = [line.split(b"\t", 1)[1] for line in SOURCE.read_bytes().splitlines()]
    rng = np.random.default_rng(SEED)
    partial = path.with_suffix(".part")
    with open(partial, "wb") as fh:
        for start in range(0, rows, 100_000):
            picks = rng.integers(0, len(tails), min(100_000, rows - start))
            first_id = 2_000_000_000 + start
            fh.write(b"".join(b"%d\t%s\n" % (first_id + i, tails[j]) for i, j in enumerate(picks)))
    partial.replace(path)
    return path


def run_child(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter; its JSON result plus peak RSS (MB) and CPU seconds."""
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], stdout=subprocess.PIPE, cwd=REPO)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"benchmark child failed with exit code {proc.returncode}")
    result = json.loads(out.decode().strip().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024  # Linux reports KiB
    result["cpu_s"] = usage.ru_utime + usage.ru_stime
    return result


def commit() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def report_lines(rows: int, path: Path, ours: dict, theirs: dict) -> list[str]:
    rate = ours["read"] / ours["seconds"]
    ratio = theirs["seconds"] / ours["seconds"]
    checks = [
        ("rows per second", f"{rate:,.0f}", f">= {TARGET_ROWS_PER_S:,}", rate >= TARGET_ROWS_PER_S),
        ("speed vs pandas.read_csv", f"{ratio:.1f}x", f">= {TARGET_RATIO:.0f}x", ratio >= TARGET_RATIO),
        ("peak memory (import)", f"{ours['peak_mb']:,.0f} MB", f"< {TARGET_PEAK_MB:,} MB", ours["peak_mb"] < TARGET_PEAK_MB),
    ]
    lines = [
        f"## Import speed, {dt.datetime.now():%Y-%m-%d %H:%M} (commit {commit()})",
        "",
        f"GDELT 2.0 file of {rows:,} rows ({path.stat().st_size / 1e6:,.0f} MB) built from the real 2.0 export; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start.",
        "",
        "| | seconds | CPU seconds | peak memory | rows read | rows stored |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f"| bilateral import | {ours['seconds']:.2f} | {ours['cpu_s']:.1f} | {ours['peak_mb']:,.0f} MB | {ours['read']:,} | {ours['stored']:,} |",
        f"| pandas.read_csv | {theirs['seconds']:.2f} | {theirs['cpu_s']:.1f} | {theirs['peak_mb']:,.0f} MB | {theirs['read']:,} | |",
        "",
        "| target | measured | wanted | met |",
        "| --- | ---: | ---: | :---: |",
        *[f"| {name} | {value} | {want} | {'yes' if ok else 'NO'} |" for name, value, want, ok in checks],
        "",
    ]
    return lines


def save(lines: list[str]) -> None:
    """Append a section to RESULTS.md (created with a header when absent); earlier sections stay."""
    if not RESULTS.exists():
        RESULTS.write_text("# Benchmark results\n\nEach run appends a dated section with its git commit.\n\n", encoding="utf-8")
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write("\n" + "\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--no-save", action="store_true", help="print only; do not append to RESULTS.md")
    args = parser.parse_args()
    path = build_file(args.rows)
    store = WORK / "import-bench.duckdb"
    for stale in (store, store.with_name(store.name + ".wal")):
        stale.unlink(missing_ok=True)
    ours = run_child(IMPORT_CHILD, str(path), str(store))
    theirs = run_child(PANDAS_CHILD, str(path))
    store.unlink(missing_ok=True)
    if ours["read"] != args.rows or ours["stored"] != args.rows or theirs["read"] != args.rows:
        sys.exit(f"row counts disagree: import {ours}, pandas {theirs}")
    lines = report_lines(args.rows, path, ours, theirs)
    print("\n".join(lines))
    if not args.no_save:
        save(lines)


if __name__ == "__main__":
    main()
