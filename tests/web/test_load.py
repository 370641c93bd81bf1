"""The load test in its reduced form (issue 7, item 4): a real `bilateral serve` process, 50 connections, no 5xx.

The full form (10,000 requests) is `python benchmarks/load_test.py --save`.
"""
from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "load_test.py"


@pytest.fixture(scope="module")
def load_test():
    spec = importlib.util.spec_from_file_location("bilateral_benchmark_load_test", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_load_plan_mixes_pages_and_bad_parameters(load_test):
    plan = load_test.request_plan(1000, seed=3)
    bad = [p for p in plan if p[2] == 4]
    assert len(plan) == 1000 and 60 < len(bad) < 140
    assert {p[0] for p in plan} >= {path for path, _ in load_test.GOOD}
    assert load_test.request_plan(1000, seed=3) == plan  # seeded


def test_load_reduced_run_has_no_server_errors(load_test, web_db):
    proc, url = load_test.start_server(web_db)
    try:
        result = asyncio.run(load_test.run_load(url, requests=1000, concurrency=50, max_seconds=240))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(result.summary())
    assert result.requests == 1000, result.summary()
    assert result.server_errors == 0 and result.failures == [] and result.wrong == []
    assert sum(n for s, n in result.statuses.items() if 400 <= s < 500) > 50  # the bad parameters were refused
    assert result.percentile(0.5) < result.percentile(0.99) < 60
