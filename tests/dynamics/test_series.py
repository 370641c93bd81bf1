"""Dyad series: counts per class, Goldstein totals, grids per frequency, store and frame alike."""
from __future__ import annotations

import pandas as pd
import pytest

from bilateral.dynamics.series import SERIES_COLUMNS, combined, directed, dyad_series
from tests.dynamics.conftest import make_events

ROWS = [
    ("2022-01-03", "AAA", "BBB", "010"),   # statement: quad 1, penta 0, g 0
    ("2022-01-04", "AAA", "BBB", "036"),   # quad 1, penta 1, +4.0
    ("2022-01-05", "BBB", "AAA", "061"),   # quad 2, penta 2, +6.4
    ("2022-01-20", "BBB", "AAA", "112"),   # quad 3, penta 3, -2.0
    ("2022-02-14", "AAA", "BBB", "190"),   # quad 4, penta 4, -10
    ("2022-02-15", "AAA", "BBB", "190", 3, None),
]


def test_series_counts_per_class_and_goldstein():
    series = dyad_series(make_events(ROWS), "AAA", "BBB")
    assert list(series.columns) == SERIES_COLUMNS
    jan = combined(series).loc["2022-01-01"]
    assert (jan["events"], jan["verbal_coop"], jan["material_coop"], jan["verbal_conflict"], jan["material_conflict"]) == (4, 2, 1, 1, 0)
    assert (jan["penta_statement"], jan["penta_verbal_coop"], jan["penta_material_coop"], jan["penta_verbal_conflict"]) == (1, 1, 1, 1)
    assert jan["goldstein_sum"] == pytest.approx(8.4) and jan["goldstein_mean"] == pytest.approx(2.1)
    ab_feb = directed(series, "AAA->BBB").loc["2022-02-01"]
    assert ab_feb["material_conflict"] == 2 and ab_feb["goldstein_mean"] == pytest.approx(-10)
    ba_feb = directed(series, "BBB->AAA").loc["2022-02-01"]
    assert ba_feb["events"] == 0 and ba_feb["covered"]


@pytest.mark.parametrize("freq, periods", [
    ("day", 44), ("week", 7), ("month", 2), ("quarter", 1), ("year", 1),
])
def test_series_grid_has_every_period(freq, periods):
    both = combined(dyad_series(make_events(ROWS), "AAA", "BBB", freq=freq))
    assert len(both) == periods
    assert both["events"].fillna(0).sum() == len(ROWS)


def test_series_weeks_start_on_monday():
    both = combined(dyad_series(make_events(ROWS), "AAA", "BBB", freq="week"))
    assert all(day.dayofweek == 0 for day in both.index)
    assert both.loc["2022-01-03", "events"] == 3 and both.loc["2022-01-17", "events"] == 1


def test_series_respects_start_and_end():
    both = combined(dyad_series(make_events(ROWS), "AAA", "BBB", start="2021-11-01", end="2022-01-31"))
    assert list(both.index.strftime("%Y-%m")) == ["2021-11", "2021-12", "2022-01"]
    assert not both.loc["2021-11-01", "covered"] and both["events"].sum() == 4


def test_series_skips_negated_events():
    frame = make_events(ROWS).assign(negated=[False] * 5 + [True])
    assert combined(dyad_series(frame, "AAA", "BBB")).loc["2022-02-01", "events"] == 1


def test_series_from_store_equals_series_from_frame(store):
    frame = make_events(ROWS)
    store.write_events(frame.assign(date=pd.to_datetime(frame["date"]).dt.date))
    pd.testing.assert_frame_equal(dyad_series(store.con, "AAA", "BBB"), dyad_series(frame, "AAA", "BBB"))


def test_series_rejects_a_pair_of_one_country_and_a_bad_frequency():
    with pytest.raises(ValueError):
        dyad_series(make_events(ROWS), "AAA", "AAA")
    with pytest.raises(ValueError):
        dyad_series(make_events(ROWS), "AAA", "BBB", freq="fortnight")
