"""Words versus deeds: counts and gaps per side and phase, statements excluded, evidence cited."""
from __future__ import annotations

import math

import pytest

from bilateral.dynamics.phases import Phase
from bilateral.dynamics.words_deeds import COLUMNS, gap, words_deeds
from tests.dynamics.conftest import make_events

ROWS = [
    # AAA promises a lot and delivers once (phase 0), then threatens and strikes (phase 1)
    ("2021-01-02", "AAA", "BBB", "036"), ("2021-01-03", "AAA", "BBB", "0311"), ("2021-01-04", "AAA", "BBB", "051"),
    ("2021-01-05", "AAA", "BBB", "061"), ("2021-01-06", "AAA", "BBB", "010"), ("2021-01-07", "AAA", "BBB", "010"),
    ("2021-02-02", "AAA", "BBB", "138"), ("2021-02-03", "AAA", "BBB", "190"), ("2021-02-04", "AAA", "BBB", "190"),
    # BBB acts without announcing
    ("2021-01-10", "BBB", "AAA", "071"), ("2021-01-11", "BBB", "AAA", "073"), ("2021-02-10", "BBB", "AAA", "112"),
]
PHASES = [
    Phase("2021-01-01", "2021-01-31", "cordial", 0.3, 0.0, 8, []),
    Phase("2021-02-01", "2021-02-28", "tense", -0.3, 0.0, 4, []),
]


def test_words_deeds_counts_and_gaps_per_side_and_phase():
    table = words_deeds(make_events(ROWS), "AAA", "BBB", phase_list=PHASES).set_index(["phase", "direction"])
    assert set(table.reset_index().columns) == set(COLUMNS)
    a0 = table.loc[(0, "AAA->BBB")]
    assert (a0["coop_words"], a0["coop_deeds"]) == (3, 1)  # the two statements are not words of cooperation
    assert a0["coop_gap"] == pytest.approx(0.5)
    a1 = table.loc[(1, "AAA->BBB")]
    assert (a1["conflict_words"], a1["conflict_deeds"], a1["conflict_gap"]) == (1, 2, pytest.approx(-1 / 3))
    assert math.isnan(a1["coop_gap"])
    b0 = table.loc[(0, "BBB->AAA")]
    assert (b0["coop_words"], b0["coop_deeds"], b0["coop_gap"]) == (0, 2, -1.0)
    whole = table.loc[(-1, "AAA->BBB")]
    assert whole["label"] == "all" and whole["coop_words"] == 3 and whole["conflict_deeds"] == 2


def test_words_deeds_cite_the_strongest_words_and_deeds():
    table = words_deeds(make_events(ROWS), "AAA", "BBB", phase_list=PHASES, evidence=2).set_index(["phase", "direction"])
    row = table.loc[(0, "AAA->BBB")]
    assert row["words_event_ids"] == ["e0001", "e0000"]  # 0311 (+5.2) before 036 (+4.0)
    assert row["deeds_event_ids"] == ["e0003"]


def test_words_deeds_gap_formula():
    assert gap(3, 1) == 0.5 and gap(0, 4) == -1.0 and math.isnan(gap(0, 0))
