"""Benchmark: how long `bilateral report` takes for a pair with 100,000 events (issue 5: under 10 s).

Builds a DuckDB store in a temporary folder from seeded synthetic events
(``bilateral.dynamics.synthetic.simulate_dyad``): the pair IRN-RUS with about 100,000
events over 25 years in four regimes, one in five events with a location, plus ties of
both sides with USA and CHN for the regional context. Then it times

* the command as a user runs it (``python -m bilateral report ... --out r.html``, a new
  process: imports included), once per output format, and
* in one process: building the report dict, and rendering it as HTML, Markdown and JSON.

Results are printed and appended, with the date and the git commit, to benchmarks/RESULTS.md.

    make bench-report            # or: python benchmarks/report_speed.py [--events N] [--no-save]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bilateral.dynamics.synthetic import simulate_dyad
from bilateral.store import Store

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "RESULTS.md"
PLACES = [("Tehran", 35.69, 51.39), ("Moscow", 55.76, 37.62), ("Bandar Abbas", 27.18, 56.27), ("Sochi", 43.6, 39.73)]
TARGET_SECONDS = 10.0


def synthetic_store(path: Path, events: int, seed: int = 7) -> int:
    """Write the benchmark store; returns the number of IRN-RUS events."""
    lengths = [60, 84, 96, 60]  # months: 25 years
    rate = events / sum(lengths)
    pair = simulate_dyad("IRN", "RUS", levels=[-0.4, 0.1, 0.5, 0.8], lengths=lengths, rates=rate, start="2000-01-01", seed=seed)
    rng = np.random.default_rng(seed)
    placed = rng.random(len(pair)) < 0.2
    which = rng.integers(0, len(PLACES), len(pair))
    pair["location"] = [PLACES[w][0] if p else None for w, p in zip(which, placed)]
    pair["lat"] = [PLACES[w][1] if p else None for w, p in zip(which, placed)]
    pair["lon"] = [PLACES[w][2] if p else None for w, p in zip(which, placed)]
    pair["sentence"] = [f"Synthetic event {i} between the two governments." for i in range(len(pair))]
    thirds = [
        simulate_dyad(side, third, levels=[level], lengths=[sum(lengths)], rates=rate / 10, start="2000-01-01", seed=seed + k)
        for k, (side, third, level) in enumerate([("IRN", "USA", -0.6), ("RUS", "USA", -0.3), ("IRN", "CHN", 0.5), ("RUS", "CHN", 0.6)], start=1)
    ]
    frame = pd.concat([pair, *thirds], ignore_index=True)
    frame["event_id"] = [f"bench-{i}" for i in range(len(frame))]
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    with Store(path) as store:
        store.write_events(frame)
    return len(pair)


def time_cli(db: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `bilateral report` process; CPU time shows less of other load."""
    cpu_before = _children_cpu()
    began = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "bilateral", "report", "IRN", "RUS", "--db", str(db), "--out", str(out)],
                            capture_output=True, text=True, cwd=REPO)
    elapsed = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"bilateral report failed:\n{result.stderr}")
    return elapsed, _children_cpu() - cpu_before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_in_process(db: Path, folder: Path) -> dict[str, float]:
    from bilateral.report import build_report, write_report

    timings = {}
    with Store(db, read_only=True) as store:
        began, cpu = time.perf_counter(), time.process_time()
        report = build_report(store.con, "IRN", "RUS")
        timings["build (analysis + sections)"] = (time.perf_counter() - began, time.process_time() - cpu)
    for kind in ("html", "md", "json"):
        began, cpu = time.perf_counter(), time.process_time()
        write_report(report, folder / f"inproc.{kind}")
        timings[f"render .{kind}"] = (time.perf_counter() - began, time.process_time() - cpu)
    timings["cited events"] = len(report["evidence"])
    return timings


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO).stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def save(lines: list[str]) -> None:
    """Append a dated section to RESULTS.md (created with a header when absent); other sections stay as they are."""
    if not RESULTS.exists():
        RESULTS.write_text("# Benchmark results\n\nEach benchmark appends a dated section with the git commit it ran on.\n")
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write("\n" + "\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="IRN-RUS events to generate (default 100000)")
    parser.add_argument("--no-save", action="store_true", help="print only; do not append to benchmarks/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "bench.duckdb"
        began = time.perf_counter()
        n_pair = synthetic_store(db, args.events)
        setup = time.perf_counter() - began
        cli = {kind: time_cli(db, folder / f"report-IRN-RUS.{kind}") for kind in ("html", "md", "json")}
        sizes = {kind: (folder / f"report-IRN-RUS.{kind}").stat().st_size for kind in cli}
        inproc = time_in_process(db, folder)
    verdict = "PASS" if cli["html"][0] < TARGET_SECONDS else "FAIL"
    load = os.getloadavg()[0]
    lines = [
        f"## report_speed: {dt.date.today().isoformat()}, commit {commit()}",
        "",
        f"IRN-RUS pair with {n_pair:,} synthetic events over 25 years by month (store built in {setup:.1f} s); "
        f"machine: {os.cpu_count()} cores, load average {load:.1f} at the end (other work on the machine inflates wall time; "
        f"CPU time less so). Target: the .html report in under {TARGET_SECONDS:.0f} s of wall time. **{verdict}**",
        "",
        "| what | wall s | CPU s |",
        "| --- | ---: | ---: |",
        *[f"| `bilateral report IRN RUS --out r.{k}` (new process, imports included; {sizes[k] / 1024:.0f} KiB) | {w:.2f} | {c:.2f} |"
          for k, (w, c) in cli.items()],
        *[f"| in process: {k} | {v[0]:.2f} | {v[1]:.2f} |" for k, v in inproc.items() if k != "cited events"],
        "",
        f"{inproc['cited events']} events cited in the evidence section.",
    ]
    print("\n".join(lines))
    if not args.no_save:
        save(lines)
        print(f"\nappended to {RESULTS}")


if __name__ == "__main__":
    main()
