"""Benchmark: turning points and phases for a pair with 1,000,000 events over 30 years (issue 4: under 2 s).

Builds a DuckDB store in a temporary folder from seeded synthetic events
(``bilateral.dynamics.synthetic.simulate_dyad``): the pair AAA-BBB with about 1,000,000
events over 30 years (360 months) in six regimes of known level and rate, plus ties of
both sides with a third country. Then, on the store opened read-only, it times

* turning points (index and volume, with evidence) and phases (with defining events) on a
  fresh ``Dyad`` per run, so every SQL scan of the million events is counted, at each
  frequency (month, the default, then quarter, week and day);
* the first call in a new process separately (it also imports ruptures);
* the whole ``analyse()`` at monthly frequency, for reference.

Results are printed and appended, with the date and the git commit, to benchmarks/RESULTS.md.

    make bench-dynamics            # or: python benchmarks/dynamics_speed.py [--events N] [--no-save]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import pandas as pd

from bilateral.dynamics import Dyad, analyse, phases, turning_points
from bilateral.dynamics.synthetic import simulate_dyad
from bilateral.store import Store

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "RESULTS.md"
LEVELS = [0.5, -0.3, 0.2, -0.7, 0.0, 0.6]
LENGTHS = [60] * 6  # months: 30 years
TARGET_SECONDS = 2.0


def synthetic_store(path: Path, events: int, seed: int = 11) -> int:
    """Write the benchmark store; returns the number of AAA-BBB events."""
    rates = [events / sum(LENGTHS) * f for f in (0.8, 1.2, 0.9, 1.4, 0.8, 0.9)]
    pair = simulate_dyad("AAA", "BBB", LEVELS, LENGTHS, rates=rates, start="1995-01-01", seed=seed)
    third = [
        simulate_dyad(side, "CCC", [level], [sum(LENGTHS)], rates=events / sum(LENGTHS) / 20, start="1995-01-01", seed=seed + k)
        for k, (side, level) in enumerate([("AAA", -0.5), ("BBB", -0.4)], start=1)
    ]
    frame = pd.concat([pair, *third], ignore_index=True)
    frame["event_id"] = [f"bench-{i}" for i in range(len(frame))]
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    with Store(path) as store:
        store.write_events(frame)
    return len(pair)


def time_once(con, freq: str) -> tuple[float, int, int]:
    """Seconds for turning points + phases on a fresh Dyad; and how many of each were found."""
    started = time.perf_counter()
    dyad = Dyad(con, "AAA", "BBB", freq)
    points = turning_points(dyad)
    found = phases(dyad)
    return time.perf_counter() - started, len(points), len(found)


def commit() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def run(events: int, repeats: int) -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        n_pair = synthetic_store(path, events)
        lines.append(f"- machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} when timing began "
                     "(other work on the machine slows every number below)")
        lines.append(f"- store: {n_pair:,} AAA-BBB events over 30 years (+ ties with a third country), built in {time.perf_counter() - started:.1f} s")
        with Store(path, read_only=True) as store:
            first, _, _ = time_once(store.con, "month")
            lines.append(f"- first call in the process (imports ruptures), month: {first:.2f} s")
            for freq in ("month", "quarter", "week", "day"):
                runs = [time_once(store.con, freq) for _ in range(repeats if freq in ("month", "quarter") else 1)]
                best = min(r[0] for r in runs)
                median = statistics.median(r[0] for r in runs)
                mark = " (target < 2 s: met)" if freq == "month" and median < TARGET_SECONDS else ""
                if freq == "month" and median >= TARGET_SECONDS:
                    mark = " (target < 2 s: MISSED)"
                lines.append(f"- turning points + phases, {freq}: median {median:.2f} s, best {best:.2f} s over {len(runs)} run(s); "
                             f"{runs[0][1]} turning points, {runs[0][2]} phases{mark}")
            started = time.perf_counter()
            result = analyse(store.con, "AAA", "BBB")
            lines.append(f"- analyse() (everything, monthly, outlook back-test included): {time.perf_counter() - started:.2f} s; "
                         f"phases {[p.label for p in result.phases]}")
    return lines


def save(lines: list[str]) -> None:
    if not RESULTS.exists():
        RESULTS.write_text("# Benchmark results\n\nEach benchmark appends a dated section with the git commit it ran on.\n")
    header = f"\n## dynamics_speed — {dt.datetime.now().isoformat(timespec='minutes')} — commit {commit()}\n\n"
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(header + "\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events between the pair (default 1,000,000)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs at month and quarter")
    parser.add_argument("--no-save", action="store_true", help="print only; do not append to benchmarks/RESULTS.md")
    args = parser.parse_args()
    lines = run(args.events, args.repeats)
    print("\n".join(lines))
    if not args.no_save:
        save(lines)
        print(f"appended to {RESULTS}")


if __name__ == "__main__":
    main()
