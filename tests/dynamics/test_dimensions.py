"""Dimensions: code rules, PLOVER fallbacks, keyword refinement, series and per-phase shares."""
from __future__ import annotations

import pytest

from bilateral.dynamics.dimensions import DIMENSIONS, code_dimension, dimension_series, dimension_shares, event_dimensions, key_events, rules
from bilateral.dynamics.phases import Phase
from tests.dynamics.conftest import make_events


@pytest.mark.parametrize("code, expected", [
    ("0211", ("economic", "")),          # specific CAMEO rule
    ("163", ("economic", "sanctions")),  # sanctions override PLOVER's "diplomatic"
    ("0214", ("military", "intelligence")),
    ("0312", ("military", "")),          # PLOVER context: military
    ("0333", ("humanitarian", "")),      # PLOVER context: humanitarian
    ("1013", ("legal", "")),             # PLOVER context: legal
    ("193", ("military", "strikes")),    # PLOVER military + the root's topic
    ("1124", ("legal", "")),
    ("175", ("humanitarian", "")),
    ("057", ("diplomatic", "")),
    ("042", ("diplomatic", "")),         # no context: root 04
    ("172", ("diplomatic", "")),         # PLOVER "executive" -> diplomatic
])
def test_dimensions_code_rules(code, expected):
    assert code_dimension(code) == expected


def test_dimensions_unknown_code_falls_back_to_its_plover_type():
    assert code_dimension("999", "ASSAULT") == ("military", "strikes")
    assert code_dimension("999", None) == ("diplomatic", "")


def test_dimensions_rule_file_is_complete():
    table = rules()
    assert set(table["dimension"]) <= set(DIMENSIONS)
    roots = set(table.loc[table["kind"] == "cameo_root", "key"])
    assert roots == {f"{r:02d}" for r in range(1, 21)}


def test_dimensions_keywords_refine_generic_events_only():
    frame = make_events([
        ("2023-01-05", "AAA", "BBB", "057", 1, "AAA and BBB sign a gas pipeline deal"),
        ("2023-01-06", "AAA", "BBB", "057", 1, "AAA and BBB sign a friendship treaty"),
        ("2023-01-07", "BBB", "AAA", "061", 1, "BBB lifts limits on wheat exports to AAA"),
        ("2023-01-08", "BBB", "AAA", "190", 1, "BBB troops shell AAA gas pipeline"),
        ("2023-01-09", "AAA", "BBB", "036", 1, "AAA plans joint naval drills with BBB"),
    ])
    tagged = event_dimensions(frame, "AAA", "BBB").set_index("event_id")
    assert tuple(tagged.loc["e0000", ["dimension", "topic"]]) == ("economic", "energy")
    assert tuple(tagged.loc["e0001", ["dimension", "topic"]]) == ("diplomatic", "")
    assert tuple(tagged.loc["e0002", ["dimension", "topic"]]) == ("economic", "trade")
    assert tuple(tagged.loc["e0003", ["dimension", "topic"]]) == ("military", "strikes")  # code decides
    assert tuple(tagged.loc["e0004", ["dimension", "topic"]]) == ("military", "exercises")


def test_dimensions_series_counts_and_index():
    frame = make_events([
        ("2023-01-05", "AAA", "BBB", "061"),  # economic +6.4
        ("2023-01-06", "BBB", "AAA", "163"),  # economic -8
        ("2023-01-07", "AAA", "BBB", "190"),  # military -10
        ("2023-02-07", "AAA", "BBB", "062"),  # military +7.4
    ])
    series = dimension_series(frame, "AAA", "BBB")
    both = series[series["direction"] == "both"].set_index(["period", "dimension"])
    econ = both.loc[("2023-01-01", "economic")]
    assert (econ["events"], econ["coop_events"], econ["conflict_events"]) == (2, 1, 1)
    assert econ["coop_index"] == pytest.approx((6.4 - 8) / (6.4 + 8 + 10))
    assert both.loc[("2023-02-01", "military"), "coop_events"] == 1
    ab = series[series["direction"] == "AAA->BBB"]
    assert ab["events"].sum() == 3


def test_dimensions_shares_per_phase_sum_to_one():
    frame = make_events([
        ("2023-01-05", "AAA", "BBB", "061"), ("2023-01-06", "AAA", "BBB", "042"),
        ("2023-01-07", "AAA", "BBB", "042"), ("2023-01-08", "BBB", "AAA", "190"),
        ("2023-03-01", "AAA", "BBB", "073"),
    ])
    two = [Phase("2023-01-01", "2023-01-31", "cool", 0.0, 0.0, 4, []), Phase("2023-02-01", "2023-03-31", "cordial", 0.3, 0.0, 1, [])]
    shares = dimension_shares(frame, "AAA", "BBB", phase_list=two)
    first = shares[shares["phase"] == 0].set_index("dimension")
    assert first["share"].sum() == pytest.approx(1.0)
    assert first.loc["diplomatic", "share"] == pytest.approx(0.5)
    assert first.loc["military", "conflict_share"] == pytest.approx(1.0)
    assert first.loc["economic", "coop_share"] == pytest.approx(1 / 3)
    assert shares[shares["phase"] == 1].set_index("dimension").loc["humanitarian", "share"] == 1.0


def test_dimensions_key_events_are_the_most_extreme(three_phase_events):
    top = key_events(three_phase_events, "AAA", "BBB", k=3)
    military = top[top["dimension"] == "military"]
    assert len(military) == 3 and (military["goldstein"] == -10).all()
    assert military["sources"].is_monotonic_decreasing
