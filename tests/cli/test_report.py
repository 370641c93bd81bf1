"""`bilateral report A B --out FILE` as a user runs it (issue 5)."""
import json
from pathlib import Path

import pytest

from bilateral.dynamics.synthetic import simulate_dyad
from bilateral.store import Store


@pytest.fixture(scope="module")
def store_file(tmp_path_factory) -> Path:
    """A store with seeded IRN-RUS events: a hostile stretch, then a cooperative one (2018-2021)."""
    path = tmp_path_factory.mktemp("cli-report") / "events.duckdb"
    with Store(path) as store:
        store.write_events(simulate_dyad("IRN", "RUS", levels=[-0.5, 0.6], lengths=[24, 24], rates=30, start="2018-01-01", seed=3))
    return path


def test_report_writes_json_with_every_section(cli, store_file, tmp_path):
    out = tmp_path / "r.json"
    result = cli("report", "irn", "RUS", "--db", store_file, "--out", out, "--freq", "quarter", "--from", "2020-01-01")
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text())
    assert data["meta"]["a"] == "IRN" and data["meta"]["freq"] == "quarter" and data["meta"]["start"] == "2020-01-01"
    assert f"wrote {out}" in result.stdout and f"{data['meta']['events']:,} events" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["IRN", "RUS", "--out", "r.pdf"], "unsupported report type .pdf"),
    (["IRAN", "RUS", "--out", "r.html"], "not a 3-letter country code"),
    (["IRN", "IRN", "--out", "r.html"], "two different countries"),
    (["IRN", "RUS", "--out", "r.html", "--freq", "fortnight"], "not a frequency"),
    (["IRN", "RUS", "--out", "r.html", "--from", "someday"], "is not a date"),
])
def test_report_rejects_bad_arguments_clearly(cli, store_file, tmp_path, args, message):
    result = cli("report", *args, "--db", store_file, cwd=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr + result.stdout
    assert not (tmp_path / "r.html").exists()


def test_report_missing_store_is_a_clear_error(cli, tmp_path):
    result = cli("report", "IRN", "RUS", "--db", tmp_path / "none.duckdb", "--out", tmp_path / "r.html")
    assert result.returncode == 1 and "no such store" in result.stderr
