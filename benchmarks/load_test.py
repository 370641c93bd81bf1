"""Load test for `bilateral serve` (issue 7, item 4): many requests, many connections, zero 5xx.

Builds a store in a temporary folder from seeded synthetic events
(``bilateral.dynamics.synthetic.simulate_dyad``: IRN-RUS and its ties with USA and CHN),
starts ``python -m bilateral serve --port 0`` as a real process on 127.0.0.1, then sends
``--requests`` GET requests over ``--concurrency`` connections (httpx, asyncio), bounded
by ``--max-seconds``. The mix is what the pages ask for: countries, the pair summary,
evidence pages with filters, sorting and paging, the analysis, and one request in ten
with a bad parameter (which must get a 4xx, never a 5xx).

Prints throughput, p50/p90/p99 latency and the status counts; with ``--save`` appends
them, dated and with the git commit, to benchmarks/RESULTS.md. Exits 1 on any 5xx, any
failed request, or any answer of the wrong class.

    python benchmarks/load_test.py [--requests 10000] [--concurrency 50] [--max-seconds 300] [--save]
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "RESULTS.md"
# (path, query, expected status class): what the pair page fetches, plus bad parameters.
GOOD = [
    ("/api/countries", {}),
    ("/api/countries", {"partner": "IRN"}),
    ("/api/pairs", {"limit": 10}),
    ("/api/dyad/IRN/RUS", {"freq": "month"}),
    ("/api/dyad/IRN/RUS", {"from": "2010-01-01", "to": "2015-12-31", "freq": "quarter"}),
    ("/api/dyad/IRN/RUS/analysis", {"freq": "quarter"}),
    ("/api/dyad/IRN/RUS/events", {"size": 25}),
    ("/api/dyad/IRN/RUS/events", {"quad": "3,4", "sort": "goldstein", "order": "asc", "size": 50}),
    ("/api/dyad/IRN/RUS/events", {"code": "19", "direction": "RUS->IRN", "size": 25}),
    ("/api/dyad/IRN/RUS/events", {"q": "iran", "from": "2012-01-01", "to": "2014-12-31"}),
    ("/api/dyad/RUS/USA/events", {"sort": "sources", "order": "desc", "size": 100}),
    ("/api/dyad/IRN/RUS/events.csv", {"code": "04", "from": "2016-01-01", "to": "2016-03-31"}),
]
BAD = [
    ("/api/dyad/IRN/RUS/events", {"size": 100000}),
    ("/api/dyad/IRN/RUS/events", {"sort": "date; DROP TABLE events"}),
    ("/api/dyad/IRN/XXX", {}),
    ("/api/dyad/IRN/RUS", {"from": "2020-02-30"}),
    ("/api/dyad/IRN/RUS/events", {"code": "19' OR '1'='1"}),
]


@dataclass
class LoadResult:
    """What a load run saw: latencies in seconds, status counts, failures and wrong answers."""

    requests: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)  # no answer at all (connection errors, timeouts)
    wrong: list[str] = field(default_factory=list)  # an answer of the unexpected class

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def percentile(self, q: float) -> float:
        data = sorted(self.latencies)
        return data[min(len(data) - 1, int(q * len(data)))] if data else float("nan")

    def summary(self) -> str:
        rate = self.requests / self.seconds if self.seconds else 0.0
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.items()))
        return (f"{self.requests} requests in {self.seconds:.1f} s = {rate:.0f} req/s; latency p50 {1000 * self.percentile(0.5):.1f} ms, "
                f"p90 {1000 * self.percentile(0.9):.1f} ms, p99 {1000 * self.percentile(0.99):.1f} ms, "
                f"mean {1000 * statistics.fmean(self.latencies or [0]):.1f} ms; statuses {statuses}; "
                f"5xx {self.server_errors}; failed {len(self.failures)}; wrong class {len(self.wrong)}")


def request_plan(n: int, seed: int = 0, bad_share: float = 0.1) -> list[tuple[str, dict, int]]:
    """``n`` requests (path, query, expected status class 2 or 4), mixed and paged at random."""
    rng = random.Random(seed)
    plan = []
    for _ in range(n):
        if rng.random() < bad_share:
            path, query = rng.choice(BAD)
            plan.append((path, query, 4))
            continue
        path, query = rng.choice(GOOD)
        if path.endswith("/events"):
            query = {**query, "page": rng.randint(1, 5)}
        plan.append((path, query, 2))
    return plan


async def run_load(base_url: str, requests: int, concurrency: int, max_seconds: float, seed: int = 0) -> LoadResult:
    """Send the planned requests over ``concurrency`` connections; stop early after ``max_seconds``."""
    plan = request_plan(requests, seed)
    result = LoadResult()
    queue: asyncio.Queue = asyncio.Queue()
    for item in plan:
        queue.put_nowait(item)
    deadline = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:
        started = time.perf_counter()
        await asyncio.gather(*(_worker(client, queue, result, deadline) for _ in range(concurrency)))
        result.seconds = time.perf_counter() - started
    return result


async def _worker(client: httpx.AsyncClient, queue: asyncio.Queue, result: LoadResult, deadline: float) -> None:
    while not queue.empty() and time.monotonic() < deadline:
        path, query, expected = queue.get_nowait()
        t0 = time.perf_counter()
        try:
            response = await client.get(path, params=query)
            await response.aread()
        except httpx.HTTPError as exc:
            result.failures.append(f"{path} {query}: {type(exc).__name__} {exc}")
            continue
        result.latencies.append(time.perf_counter() - t0)
        result.requests += 1
        result.statuses[response.status_code] = result.statuses.get(response.status_code, 0) + 1
        if response.status_code // 100 != expected:
            result.wrong.append(f"{path} {query}: {response.status_code} {response.text[:120]}")


def synthetic_store(path: Path, seed: int = 7) -> int:
    """The benchmark store: IRN-RUS over 25 years (about 20,000 events) and ties with USA and CHN."""
    from bilateral.dynamics.synthetic import simulate_dyad
    from bilateral.store import Store

    frames = [
        simulate_dyad("IRN", "RUS", levels=[0.4, -0.2, 0.6, 0.1], lengths=[60, 84, 96, 60], rates=[40, 60, 80, 90], seed=seed),
        simulate_dyad("RUS", "USA", levels=[0.3, -0.5], lengths=[150, 150], rates=30, seed=seed + 1),
        simulate_dyad("IRN", "USA", levels=[-0.4], lengths=[300], rates=20, seed=seed + 2),
        simulate_dyad("RUS", "CHN", levels=[0.2, 0.7], lengths=[150, 150], rates=15, seed=seed + 3),
    ]
    events = pd.concat(frames, ignore_index=True)
    events["sentence"] = "Officials of " + events["source_country"] + " and " + events["target_country"] + " (iran russia usa china) met."
    events["url"] = "https://news.example.org/" + events["event_id"]
    with Store(path) as store:
        store.write_events(events)
    return len(events)


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    """`bilateral serve --port 0` as a separate process; returns it and its base URL."""
    proc = subprocess.Popen([sys.executable, "-m", "bilateral", "serve", "--port", "0", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    line = proc.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+", line)
    if not match:
        proc.kill()
        raise RuntimeError(f"the server did not start: {line}{proc.stderr.read()}")
    url = match.group(0)
    deadline = time.monotonic() + 30
    while True:  # wait until it answers
        try:
            if httpx.get(url + "/api/countries", timeout=5).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("the server did not answer within 30 s")
        time.sleep(0.2)


def save(result: LoadResult, args: argparse.Namespace, events: int) -> None:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "src"], cwd=REPO).returncode != 0
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"\n## Load test: bilateral serve ({when}, commit {commit or 'unknown'}{' + uncommitted changes in src/' if dirty else ''})\n\n",
        f"- store: {events:,} synthetic events; server: one uvicorn process on 127.0.0.1; client: httpx, "
        f"{args.concurrency} connections, {args.requests:,} requests planned (1 in 10 with a bad parameter), "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (client and server share the machine)\n",
        f"- {result.summary()}\n",
    ]
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.writelines(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--max-seconds", type=float, default=300.0)
    parser.add_argument("--save", action="store_true", help="append the figures to benchmarks/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        events = synthetic_store(db)
        proc, url = start_server(db)
        try:
            print(f"store: {events:,} events; server {url}; {args.requests:,} requests over {args.concurrency} connections")
            result = asyncio.run(run_load(url, args.requests, args.concurrency, args.max_seconds))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(result.summary())
    for problem in (result.failures + result.wrong)[:10]:
        print("  problem:", problem)
    if args.save:
        save(result, args, events)
    complete = result.requests == args.requests
    if not complete:
        print(f"stopped after {args.max_seconds} s with {result.requests} of {args.requests} requests answered")
    return 0 if complete and not (result.server_errors or result.failures or result.wrong) else 1


if __name__ == "__main__":
    sys.exit(main())
