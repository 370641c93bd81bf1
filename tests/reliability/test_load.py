"""Issue 7 item 4: the full load test, run by `make check-robustness`, with its figures in benchmarks/RESULTS.md.

benchmarks/load_test.py builds a store of synthetic events, starts a real `bilateral serve`
on 127.0.0.1 (ephemeral port), sends the requests over 50 connections with a time bound,
and exits non-zero on any 5xx, failed request or answer of the wrong class. Its reduced
form (1,000 requests) runs in every `make test` as tests/web/test_load.py; the full form
(10,000 requests) runs here under --robustness-full and appends a dated section, with the
git commit, to benchmarks/RESULTS.md.
"""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from reliability_helpers import REPO

BENCHMARK = REPO / "benchmarks" / "load_test.py"
RESULTS = REPO / "benchmarks" / "RESULTS.md"


@pytest.mark.slow
@pytest.mark.network
def test_load_full_run_has_no_server_errors_and_is_recorded(scale):
    if not scale.full:
        pytest.skip("reduced form: tests/web/test_load.py; the full form runs under --robustness-full")
    before = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--requests", str(scale.load_requests),
         "--concurrency", str(scale.load_concurrency), "--max-seconds", "1200", "--save"],
        capture_output=True, text=True, timeout=1800, cwd=REPO,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    added = RESULTS.read_text(encoding="utf-8")[len(before):]
    assert "## Load test" in added and re.search(r"commit [0-9a-f]{7}", added)
    assert f"{scale.load_requests} requests in" in added
    assert "5xx 0; failed 0; wrong class 0" in added
    for figure in ("req/s", "p50", "p99"):
        assert figure in added
