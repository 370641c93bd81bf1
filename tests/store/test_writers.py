"""Streaming event writers produce files that read back to the same rows."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from bilateral.errors import BilateralError
from bilateral.model import EVENT_COLUMNS, Event
from bilateral.store.writers import EventWriter

ROWS = [
    Event(event_id=f"e{i}", doc_id="d", date="2022-02-24", source="RUSMIL", target="UKR", source_country="RUS",
          target_country="UKR", cameo="190", root="19", quad_class=4, penta_class=4, goldstein=-10.0,
          sentence="Russian forces attacked Ukraine, \"officials\" said.", char_start=i, char_end=i + 5).as_row()
    for i in range(3)
]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet", ".json"])
def test_writers_round_trip(tmp_path, suffix):
    path = tmp_path / f"events{suffix}"
    with EventWriter(path) as writer:
        writer.write(ROWS[:2])
        writer.write(ROWS[2:])
    if suffix == ".parquet":
        frame = pd.read_parquet(path)
    elif suffix == ".csv":
        frame = pd.read_csv(path, dtype={"root": str, "cameo": str})
    elif suffix == ".jsonl":
        frame = pd.read_json(path, lines=True, dtype={"root": str, "cameo": str})
    else:
        frame = pd.DataFrame(json.loads(path.read_text()))
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert list(frame["event_id"]) == ["e0", "e1", "e2"]
    assert list(frame["cameo"].astype(str)) == ["190"] * 3
    assert frame["sentence"].iloc[0] == ROWS[0]["sentence"]


def test_writers_empty_parquet_is_valid(tmp_path):
    path = tmp_path / "none.parquet"
    EventWriter(path).close()
    assert list(pd.read_parquet(path).columns) == list(EVENT_COLUMNS)


def test_writers_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(BilateralError, match="unsupported output type .xlsx"):
        EventWriter(tmp_path / "events.xlsx")
