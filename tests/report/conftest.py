"""Fixtures for the report tests: a synthetic store whose structure is known (see reportdata.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.store import Store
from reportdata import write_synthetic


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory) -> Path:
    """A store file with the synthetic events (built once; tests open it read-only)."""
    return write_synthetic(tmp_path_factory.mktemp("report") / "synthetic.duckdb")


@pytest.fixture
def synthetic_con(synthetic_db):
    with Store(synthetic_db, read_only=True) as store:
        yield store.con


@pytest.fixture(scope="session")
def synthetic_report(synthetic_db) -> dict:
    """The IRN-RUS report dict of the synthetic store (built once)."""
    from bilateral.report import build_report

    with Store(synthetic_db, read_only=True) as store:
        return build_report(store.con, "IRN", "RUS")


@pytest.fixture(scope="session")
def written_reports(synthetic_report, tmp_path_factory) -> dict[str, Path]:
    """The synthetic report written once as .html, .md and .json."""
    from bilateral.report import write_report

    folder = tmp_path_factory.mktemp("written")
    return {kind: write_report(synthetic_report, folder / f"report-IRN-RUS.{kind}") for kind in ("html", "md", "json")}
