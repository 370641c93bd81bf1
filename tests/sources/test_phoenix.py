"""Phoenix reader on a fixture in the documented 26-column daily-file layout (issue 3)."""
from __future__ import annotations

import csv
from pathlib import Path

from bilateral.ontology import goldstein
from bilateral.sources.importer import import_file

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "phoenix" / "events.full.20240317.txt"
COLUMNS = ["EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity", "SourceActorRole",
           "SourceActorAttribute", "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
           "EventCode", "EventRootCode", "PentaClass", "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName",
           "StateName", "CountryCode", "SentenceID", "URLs", "NewsSources"]


def fixture_rows() -> list[dict[str, str]]:
    with open(FIXTURE, newline="", encoding="utf-8") as fh:
        return [dict(zip(COLUMNS, row)) for row in csv.reader(fh, delimiter="\t")]


def test_phoenix_daily_file(store):
    report = import_file(store, "phoenix", FIXTURE)
    rows = fixture_rows()
    assert (report.read, report.stored, report.rejected) == (len(rows), len(rows), 0)
    got = {r[0]: r[1:] for r in store.query(
        "SELECT dataset_id, event_id, date, source, target, source_country, target_country, cameo, goldstein, "
        "penta_class, story_id, sentence_number, url, publisher, lat, origin FROM events").fetchall()}
    for row in rows:
        (event_id, date, source, target, sc, tc, code, value, penta, story, sentence, url, publisher, lat, origin) = got[row["EventID"]]
        assert event_id == "phoenix:" + row["EventID"] and date.strftime("%Y%m%d") == row["Date"]
        assert (source, target, code) == (row["SourceActorFull"], row["TargetActorFull"], row["EventCode"])
        assert value == (float(row["GoldsteinScore"]) if row["GoldsteinScore"] else goldstein(code, "gdelt"))
        assert str(penta) == row["PentaClass"]
        assert (story, str(sentence)) == tuple(row["SentenceID"].split("_"))
        assert (url, publisher, lat, origin) == (row["URLs"], row["NewsSources"], float(row["Lat"]), "phoenix.v1")
        # A country entity is the country; an IGO or militant group is not one.
        assert sc == (row["SourceActorEntity"] if row["SourceActorEntity"] != "IGO" else None)
        assert tc == row["TargetActorEntity"]


def test_phoenix_header_row_and_bad_row(store, tmp_path):
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    fields = lines[2].split("\t")
    fields[13] = "0999"  # not a CAMEO code
    lines[2] = "\t".join(fields)
    path = tmp_path / "events.full.20240318.txt"
    path.write_text("\n".join(["\t".join(COLUMNS)] + lines) + "\n", encoding="utf-8")
    report = import_file(store, "phoenix", path)
    assert (report.read, report.stored, report.rejected) == (len(lines), len(lines) - 1, 1)
    assert report.rejects[0].line == 4 and "0999" in report.rejects[0].reason


def test_phoenix_reimport_is_idempotent(store):
    import_file(store, "phoenix", FIXTURE)
    again = import_file(store, "phoenix", FIXTURE)
    assert again.stored == 0 and again.duplicates == len(fixture_rows())
