"""`bilateral dyad A B`: the period table from the store, printed and written."""
from __future__ import annotations

import pandas as pd

from bilateral.dynamics import dyad_table
from bilateral.model import Event
from bilateral.store import Store


def _events():
    # IRN->RUS: Jan two verbal-coop (+3, +5); RUS->IRN: Jan one material conflict (-9), Mar one material coop (+7).
    spec = [("IRN", "RUS", "2024-01-03", 1, 3.0), ("IRN", "RUS", "2024-01-20", 1, 5.0),
            ("RUS", "IRN", "2024-01-09", 4, -9.0), ("RUS", "IRN", "2024-03-02", 2, 7.0),
            ("IRN", "USA", "2024-01-05", 3, -4.0)]  # another pair: must not count
    return [Event(event_id=f"e{i}", doc_id=None, date=d, source=s, target=t, source_country=s, target_country=t,
                  cameo="040", root="04", quad_class=q, penta_class=1, goldstein=g) for i, (s, t, d, q, g) in enumerate(spec)]


def test_dyad_table_counts_and_goldstein(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([], [], _events())
        table = dyad_table(store.con, "rus", "irn")
    rows = {(str(r.period)[:10], r.direction): r for r in table.itertuples()}
    assert set(rows) == {("2024-01-01", "IRN->RUS"), ("2024-01-01", "RUS->IRN"), ("2024-03-01", "RUS->IRN")}
    jan = rows[("2024-01-01", "IRN->RUS")]
    assert (jan.events, jan.verbal_coop, jan.material_conflict, jan.goldstein_mean, jan.goldstein_sum) == (2, 2, 0, 4.0, 8.0)
    assert rows[("2024-01-01", "RUS->IRN")].material_conflict == 1
    assert table["events"].sum() == 4


def test_dyad_table_leaves_out_negated_events(tmp_path):
    events = _events()
    events[0].negated = True  # "Iran did not ..." is evidence, not an event of the dyad
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([], [], events)
        table = dyad_table(store.con, "IRN", "RUS")
    assert table["events"].sum() == 3


def test_dyad_table_period_bounds_and_year(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([], [], _events())
        assert dyad_table(store.con, "IRN", "RUS", start="2024-02-01")["events"].sum() == 1
        yearly = dyad_table(store.con, "IRN", "RUS", freq="year")
    assert list(yearly["events"]) == [2, 2]


def test_dyad_cli_prints_and_writes(tmp_path, cli):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write_batch([], [], _events())
    result = cli("dyad", "IRN", "RUS", "--db", db, "--out", tmp_path / "t.csv")
    assert result.returncode == 0, result.stderr
    assert "IRN->RUS" in result.stdout and "4 events" in result.stdout
    assert pd.read_csv(tmp_path / "t.csv")["events"].sum() == 4


def test_dyad_cli_rejects_bad_country_and_missing_store(tmp_path, cli):
    bad = cli("dyad", "IRAN", "RUS", "--db", tmp_path / "s.duckdb")
    assert bad.returncode == 2 and "not a 3-letter country code" in bad.stderr
    missing = cli("dyad", "IRN", "RUS", "--db", tmp_path / "none.duckdb")
    assert missing.returncode == 1 and "no such store" in missing.stderr
