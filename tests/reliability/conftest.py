"""Reliability tests (issue 7): the `--robustness-full` option and the fixtures shared here.

The normal run (`make test`) uses reduced but real forms; `make check-robustness` runs
`pytest -m slow tests/reliability --robustness-full` for the full forms (more examples,
a 50 MB line, more kill rounds, the 10,000-request load test).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # test files import reliability_helpers

from reliability_helpers import FULL, REDUCED, Scale, load_demo_records  # noqa: E402


def pytest_addoption(parser):
    parser.addoption(
        "--robustness-full", action="store_true", default=False,
        help="run the full forms of the reliability tests (fuzz at scale, 50 MB lines, more kill rounds, full load test)",
    )


@pytest.fixture(scope="session")
def scale(request) -> Scale:
    return FULL if request.config.getoption("--robustness-full", default=False) else REDUCED


@pytest.fixture(scope="session")
def demo_records() -> list[dict]:
    rows = load_demo_records()
    assert len(rows) > 300
    return rows
