"""`bilateral dyad A B --turning-points --phases ...`: each analysis printed and written with --out."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from bilateral.dynamics.synthetic import simulate_dyad
from bilateral.store import Store


@pytest.fixture
def pair_db(tmp_path):
    """IRN-RUS: aligned, then hostile from 2002, then cordial from 2004; both deal with USA."""
    pair = simulate_dyad("IRN", "RUS", [0.6, -0.6, 0.3], [24, 24, 24], rates=[30, 60, 30], seed=2)
    usa = simulate_dyad("IRN", "USA", [-0.6], [72], rates=5, seed=3).assign(event_id=lambda f: f["event_id"] + "-u")
    rus_usa = simulate_dyad("USA", "RUS", [-0.4], [72], rates=5, seed=4).assign(event_id=lambda f: f["event_id"] + "-v")
    frame = pd.concat([pair, usa, rus_usa], ignore_index=True)
    db = tmp_path / "pair.duckdb"
    with Store(db) as store:
        store.write_events(frame.assign(date=pd.to_datetime(frame["date"]).dt.date))
    return db


def test_dyad_cli_turning_points_and_phases_to_csv(pair_db, tmp_path, cli):
    result = cli("dyad", "IRN", "RUS", "--db", pair_db, "--turning-points", "--phases", "--out", tmp_path / "r.csv")
    assert result.returncode == 0, result.stderr
    assert "turning points" in result.stdout and "toward_conflict" in result.stdout and "hostile" in result.stdout
    points = pd.read_csv(tmp_path / "r.turning_points.csv")
    index_points = points[points["series"] == "coop_index"]
    assert list(index_points["date"]) == ["2002-01-01", "2004-01-01"]
    assert index_points["evidence_event_ids"].str.split().map(len).eq(5).all()
    phases = pd.read_csv(tmp_path / "r.phases.csv")
    assert list(phases["label"]) == ["aligned", "hostile", "cordial"]  # levels 0.6, -0.6, 0.3


def test_dyad_cli_one_view_to_json_keeps_the_evidence(pair_db, tmp_path, cli):
    result = cli("dyad", "IRN", "RUS", "--db", pair_db, "--phases", "--out", tmp_path / "p.json")
    assert result.returncode == 0, result.stderr
    phases = json.loads((tmp_path / "p.json").read_text())
    assert phases[1]["label"] == "hostile" and len(phases[1]["evidence"]) == 5
    assert all(e["goldstein"] < 0 for e in phases[1]["evidence"])


@pytest.mark.parametrize("option, expected", [
    ("--dimensions", "military"), ("--context", "shared_adversary"), ("--outlook", "back-test MAE"),
    ("--reciprocity", "exchanges opened"), ("--words-deeds", "coop_gap"),
])
def test_dyad_cli_each_analysis_prints(pair_db, cli, option, expected):
    result = cli("dyad", "IRN", "RUS", "--db", pair_db, option)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


def test_dyad_cli_context_and_outlook_files(pair_db, tmp_path, cli):
    result = cli("dyad", "IRN", "RUS", "--db", pair_db, "--context", "--outlook", "--horizon", "4", "--out", tmp_path / "c.csv")
    assert result.returncode == 0, result.stderr
    context = pd.read_csv(tmp_path / "c.context.csv")
    assert list(context["country"]) == ["USA"] and context["role"].iloc[0] == "shared_adversary"
    forecast = pd.read_csv(tmp_path / "c.outlook.csv")
    assert len(forecast) == 4 and (forecast["lower"] <= forecast["upper"]).all()


def test_dyad_cli_analysis_of_an_absent_pair_and_a_bad_suffix(pair_db, tmp_path, cli):
    absent = cli("dyad", "IRN", "CHN", "--db", pair_db, "--phases")
    assert absent.returncode == 0 and "No events between IRN and CHN" in absent.stdout
    bad = cli("dyad", "IRN", "RUS", "--db", pair_db, "--phases", "--out", tmp_path / "p.xlsx")
    assert bad.returncode != 0 and "unsupported output type" in (bad.stderr + bad.stdout)
