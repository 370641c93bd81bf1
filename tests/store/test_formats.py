"""GDELT 2.0 and ICEWS TSV export: round trips on the real files (issue 3)."""
from __future__ import annotations

import csv

import pandas as pd

from bilateral.model import EVENT_COLUMNS
from bilateral.sources.importer import import_file
from bilateral.sources.layouts import load_layout
from bilateral.store import Store
from bilateral.store.formats import export_dataset

V2 = "formats/gdelt-v2/20191024143000.export.CSV"
ICEWS = "formats/icews/events.2018.sample.tab"
CARRIED = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone", "ActionGeo_FullName", "ActionGeo_Lat",
    "ActionGeo_Long", "SOURCEURL",
]


def tsv(path, header=False) -> list:
    with open(path, newline="", encoding="utf-8") as fh:
        if header:
            return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_formats_gdelt_round_trip_reproduces_carried_fields(store, shared_data, tmp_path):
    import_file(store, "gdelt", shared_data / V2)
    out = tmp_path / "roundtrip.export.CSV"
    assert export_dataset(store.con, "gdelt2", out) == 2111
    names = load_layout("gdelt2").names()
    original = {r[0]: dict(zip(names, r)) for r in tsv(shared_data / V2)}
    exported = {r[0]: dict(zip(names, r)) for r in tsv(out)}
    assert all(len(r) == 61 for r in tsv(out)) and exported.keys() == original.keys()
    for gid, row in original.items():
        assert {k: exported[gid][k] for k in CARRIED} == {k: row[k] for k in CARRIED}, gid


def test_formats_gdelt_export_reimports_to_the_same_events(store, shared_data, tmp_path):
    import_file(store, "gdelt", shared_data / V2)
    out = tmp_path / "again.export.CSV"
    export_dataset(store.con, "gdelt2", out)
    with Store(tmp_path / "second.duckdb") as second:
        assert import_file(second, "gdelt", out).stored == 2111
        cols = [c for c in EVENT_COLUMNS if c != "origin"]
        query = f"SELECT {', '.join(cols)} FROM events ORDER BY event_id"
        assert second.query(query).fetchall() == store.query(query).fetchall()


def test_formats_icews_export_round_trip(store, shared_data, tmp_path):
    import_file(store, "icews", shared_data / ICEWS)
    out = tmp_path / "events.tab"
    assert export_dataset(store.con, "icews", out) == 3705
    original = {r["Event ID"]: r for r in tsv(shared_data / ICEWS, header=True)}
    exported = tsv(out, header=True)
    assert list(exported[0].keys()) == list(next(iter(original.values())).keys())
    same = ["Event Date", "Source Name", "CAMEO Code", "Target Name", "Story ID", "Sentence Number", "Publisher"]
    for row in exported:
        before = original[row["Event ID"]]
        assert {k: row[k] for k in same} == {k: before[k] for k in same}
        for k in ("Latitude", "Longitude"):  # the same number ("27.971800000000002" is 27.9718)
            assert row[k] == before[k] == "NA" or float(row[k]) == float(before[k])
        assert row["Intensity"] == before["Intensity"]
        assert (row["Source Sectors"], row["Target Sectors"]) == (before["Source Sectors"], before["Target Sectors"])
    with Store(tmp_path / "second.duckdb") as second:
        assert import_file(second, "icews", out).stored == 3705
        query = "SELECT event_id, date, source, target, source_country, target_country, cameo, goldstein FROM events ORDER BY 1"
        assert second.query(query).fetchall() == store.query(query).fetchall()


def test_formats_own_events_get_stable_numeric_ids(store, tmp_path):
    frame = pd.DataFrame([{
        "event_id": "abc123", "date": pd.Timestamp("2024-03-01"), "source": "IRNGOV", "target": "RUSGOV",
        "source_country": "IRN", "target_country": "RUS", "cameo": "036", "root": "03", "quad_class": 1,
        "penta_class": 1, "goldstein": 4.0, "origin": "coder.v1", "sentence": "Iran wants to meet Russia.",
    }])
    store.write_events(frame)
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    export_dataset(store.con, "gdelt2", first)
    export_dataset(store.con, "gdelt2", second)
    row = tsv(first)[0]
    assert row == tsv(second)[0] and row[0].isdigit() and len(row) == 61
    assert (row[1], row[5], row[15], row[26], row[29], row[30]) == ("20240301", "IRNGOV", "RUSGOV", "036", "1", "4.0")


def test_formats_cli_export_and_bad_format(cli, shared_data, tmp_path):
    db = tmp_path / "s.duckdb"
    assert cli("import", "icews", shared_data / ICEWS, "--db", db).returncode == 0
    out = tmp_path / "gdelt.tsv"
    result = cli("export", "--format", "gdelt2", "--out", out, "--from", "2018-06-02", "--db", db)
    assert result.returncode == 0, result.stderr
    rows = tsv(out)
    expected = sum(1 for r in tsv(shared_data / ICEWS, header=True) if r["Event Date"] >= "2018-06-02")
    assert len(rows) == expected > 0 and all(len(r) == 61 and r[1] >= "20180602" for r in rows)
    bad = cli("export", "--format", "acled", "--out", out, "--db", db)
    assert bad.returncode == 2 and "acled" in bad.stderr
