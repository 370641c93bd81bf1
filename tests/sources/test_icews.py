"""ICEWS reader on the real Dataverse sample and the normalised layout (issue 3)."""
from __future__ import annotations

import csv

import pytest

from bilateral.ontology import goldstein
from bilateral.sources.icews import agent_code, country_codes
from bilateral.sources.importer import import_file

RAW = "formats/icews/events.2018.sample.tab"
NORMALISED = "formats/icews/icews_sample_normalised.tsv"


def dict_rows(path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_icews_raw_sample_every_row_with_intensity_and_ids(store, shared_data):
    path = shared_data / RAW
    report = import_file(store, "icews", path)
    assert (report.read, report.stored, report.duplicates, report.rejected) == (3705, 3705, 0, 0)
    got = {
        r[0]: r[1:]
        for r in store.query(
            "SELECT dataset_id, goldstein, cameo, story_id, sentence_number, publisher, date, source_text, origin FROM events"
        ).fetchall()
    }
    for row in dict_rows(path):
        value, code, story, sentence, publisher, date, text, origin = got[row["Event ID"]]
        assert value == float(row["Intensity"]) and code == row["CAMEO Code"]
        assert (story, sentence, publisher) == (row["Story ID"], int(row["Sentence Number"]), row["Publisher"])
        assert date.isoformat() == row["Event Date"] and origin == "icews.v1"
        assert text.startswith(row["Source Name"])
        if row["Source Sectors"] != "NA":
            assert text.endswith(row["Source Sectors"])


def test_icews_intensity_is_the_icews_profile(store, shared_data):
    import_file(store, "icews", shared_data / RAW)
    for code, value in store.query("SELECT DISTINCT cameo, goldstein FROM events").fetchall():
        assert value == goldstein(code, "icews")


def test_icews_countries_become_cameo_codes(store, shared_data):
    import_file(store, "icews", shared_data / RAW)
    stored = dict(store.query("SELECT dataset_id, source_country FROM events").fetchall())
    seen: dict[str, set] = {}
    for row in dict_rows(shared_data / RAW):
        seen.setdefault(row["Source Country"], set()).add(stored[row["Event ID"]])
    expected = {"Russian Federation": "RUS", "Iran": "IRN", "North Korea": "PRK", "United States": "USA",
                "Occupied Palestinian Territory": "PSE", "Hong Kong": "HKG", "NA": None}
    assert {name: seen[name] for name in expected} == {name: {code} for name, code in expected.items()}
    assert all(len(codes) == 1 and None not in codes for name, codes in seen.items() if name != "NA")


@pytest.mark.parametrize("name, code", [
    ("Russian Federation", "RUS"), ("Moldova, Republic of", "MDA"), ("Kosovo", "KSV"),
    ("Timor-Leste", "TMP"), ("Serbia and Montenegro", "SCG"), ("Atlantis", None),
])
def test_icews_country_names(name, code):
    assert country_codes([name])[name] == code


@pytest.mark.parametrize("sectors, agent", [
    ("Executive,Foreign Ministry,Government", "GOV"),
    ("Government,Police", "COP"),
    ("Government,Marines,Executive,Defense / Security Ministry,Military", "MIL"),
    ("Parties,Opposition Major Party (Out Of Government),(National) Major Party", "OPP"),
    ("General Population / Civilian / Social,Social", "CVL"),
    ("International Government Organization,Regional Diplomatic IGOs,Regional", "IGO"),
    (None, None),
])
def test_icews_sector_lists_become_agent_codes(sectors, agent):
    assert agent_code(sectors) == agent


def test_icews_actor_codes_join_country_and_sector(store, shared_data):
    import_file(store, "icews", shared_data / RAW)
    code = store.query(
        "SELECT DISTINCT source FROM events WHERE source_text LIKE 'Foreign Affairs (Bangladesh)%'"
    ).fetchall()
    assert code == [("BGDGOV",)]


def test_icews_normalised_layout_overlaps_the_raw_sample(store, shared_data):
    raw = {r["Event ID"] for r in dict_rows(shared_data / RAW)}
    normalised = dict_rows(shared_data / NORMALISED)
    import_file(store, "icews", shared_data / RAW)
    report = import_file(store, "icews", shared_data / NORMALISED)
    assert report.reader == "icews-normalised.v1" and report.rejected == 0
    assert report.read == len(normalised)
    assert report.duplicates == sum(1 for r in normalised if r["event_id"] in raw)
    assert store.count("events") == len(raw | {r["event_id"] for r in normalised})
    assert store.query("SELECT DISTINCT origin FROM events").fetchall() == [("icews.v1",)]


def test_icews_duplicate_rows_and_bad_rows(store, shared_data, tmp_path):
    lines = (shared_data / RAW).read_text(encoding="utf-8").splitlines()[:31]
    lines += lines[5:8]  # ICEWS ships repeated rows
    fields = lines[10].split("\t")
    fields[6] = "999"  # not a CAMEO code
    lines[10] = "\t".join(fields)
    fields = lines[12].split("\t")
    fields[1] = "2018-02-30"
    lines[12] = "\t".join(fields)
    path = tmp_path / "events.tab"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_file(store, "icews", path)
    assert (report.read, report.duplicates, report.rejected, report.stored) == (33, 3, 2, 28)
    assert [(r.line, r.reason.split(":")[0]) for r in report.rejects] == [(11, "CAMEO Code"), (13, "Event Date")]


def test_icews_dyad_table_from_imported_events(cli, shared_data, tmp_path):
    db = tmp_path / "icews.duckdb"
    assert cli("import", "icews", shared_data / RAW, "--db", db).returncode == 0
    result = cli("dyad", "USA", "PRK", "--db", db, "--out", tmp_path / "t.csv")
    assert result.returncode == 0, result.stderr
    rows = dict_rows(shared_data / RAW)
    pair = [r for r in rows if {r["Source Country"], r["Target Country"]} == {"United States", "North Korea"}]
    with open(tmp_path / "t.csv", newline="") as fh:
        assert sum(int(r["events"]) for r in csv.DictReader(fh)) == len(pair) > 0
