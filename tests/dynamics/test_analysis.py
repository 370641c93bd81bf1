"""analyse(): one call returns every part, each JSON-serialisable and citing real event ids."""
from __future__ import annotations

import json

import pandas as pd

from bilateral.dynamics import analyse
from bilateral.store import Store


def test_analysis_finds_the_known_breaks_and_cites_existing_events(three_phase_events):
    result = analyse(three_phase_events, "AAA", "BBB")
    index_breaks = [tp.date for tp in result.turning_points if tp.series == "coop_index"]
    assert index_breaks == ["2002-01-01", "2004-01-01"]
    assert [p.label for p in result.phases] == ["aligned", "hostile", "cordial"]
    known = set(three_phase_events["event_id"])
    cited = {e for tp in result.turning_points for e in tp.evidence_event_ids}
    cited |= {e for p in result.phases for e in p.defining_event_ids}
    assert cited and cited <= known
    assert result.events == len(three_phase_events)


def test_analysis_to_dict_is_plain_json(three_phase_events):
    data = json.loads(json.dumps(analyse(three_phase_events, "AAA", "BBB").to_dict()))
    assert data["phases"][1]["label"] == "hostile"
    assert data["series"][0]["period"] == "2000-01-01"
    assert data["outlook"]["horizon"] == 3 and len(data["outlook"]["forecast"]) == 3


def test_analysis_reads_a_store_like_a_frame(three_phase_events, db_path):
    with Store(db_path) as store:
        store.write_events(three_phase_events.assign(date=pd.to_datetime(three_phase_events["date"]).dt.date))
        from_store = analyse(store.con, "AAA", "BBB")
    from_frame = analyse(three_phase_events, "AAA", "BBB")
    assert [tp.to_dict() for tp in from_store.turning_points] == [tp.to_dict() for tp in from_frame.turning_points]


def test_analysis_of_an_absent_pair_is_empty_with_a_note(three_phase_events):
    result = analyse(three_phase_events, "AAA", "ZZZ")
    assert result.events == 0 and result.phases == [] and result.outlook is None
    assert "no events" in result.notes[0]


def test_analysis_notes_state_gaps_quiet_periods_and_thin_data():
    from tests.dynamics.conftest import make_events

    frame = make_events([
        ("2021-01-05", "AAA", "BBB", "057"), ("2021-02-05", "AAA", "CCC", "042"),
        ("2021-04-05", "BBB", "AAA", "111"), ("2021-05-05", "AAA", "BBB", "042"),
    ])
    notes = analyse(frame, "AAA", "BBB").notes
    assert notes[0] == "periods without coverage of either country: 1 of 5 (gaps, not zeros)"
    assert notes[1] == "covered periods without any event between the two: 1 (their index is the neutral 0)"
    assert notes[2].startswith("thin data: 0.8 events per covered month")
