"""Reader registration and the SQL that maps a dataset row (sources/datasets.py)."""
from __future__ import annotations

import pytest

from bilateral.sources.datasets import DATASETS, READERS, DatasetReader, cameo_lookup, load_builtin_readers, register_reader
from bilateral.store.migrations import DATASET_EVENT_COLUMNS


def test_builtin_event_readers_map_only_columns_dataset_events_has():
    load_builtin_readers()
    events = [r for r in READERS.values() if r.table == "dataset_events"]
    assert {r.dataset for r in events} == {"gdelt", "icews", "phoenix"}
    for reader in events:
        assert set(reader.columns) <= set(DATASET_EVENT_COLUMNS), reader.name


def test_register_reader_refuses_a_column_the_events_view_derives():
    """Confidence, CAMEO root and the like follow from the row; a reader may not store its own."""
    load_builtin_readers()
    gdelt = READERS["gdelt2.v1"]
    bad = DatasetReader(name="custom.v1", dataset="custom", layout="gdelt2", widths=gdelt.widths,
                        columns={**gdelt.columns, "confidence": "0.5"}, code_column="EventCode")
    with pytest.raises(ValueError, match="confidence"):
        register_reader(bad)
    assert "custom.v1" not in READERS


def test_register_reader_takes_events_as_the_imported_events_table():
    gdelt = READERS["gdelt2.v1"]
    reader = DatasetReader(name="custom-events.v1", dataset="custom-events", layout="gdelt2", widths=gdelt.widths,
                           columns=dict(gdelt.columns), code_column="EventCode", table="events")
    try:
        assert register_reader(reader).table == "dataset_events"
    finally:
        READERS.pop("custom-events.v1", None)
        DATASETS.pop("custom-events", None)


def test_cameo_lookup_builds_only_the_fields_asked_for():
    both = cameo_lookup("gdelt", "r.code", ("code", "goldstein"))
    assert "'code':" in both and "'goldstein':" in both and "'plover':" not in both
    assert "'plover_mode':" in cameo_lookup("gdelt", "r.code")
