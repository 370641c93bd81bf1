"""GDELT readers on the real files in ../shared/data/formats (issue 3)."""
from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from bilateral.ontology import goldstein, quad_class
from bilateral.sources.importer import import_file

V2 = "formats/gdelt-v2/20191024143000.export.CSV"
V1_MIXED = "formats/gdelt-v1/events-mixed-57-58.tsv"
MENTIONS = "formats/gdelt-samples/mentionssamp.csv"


def rows_of(path: Path) -> list[list[str]]:
    """The file's rows split on tabs by Python's csv module (independent of DuckDB)."""
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def stored(store, sql: str, params: list | None = None) -> list[tuple]:
    return store.query(sql, params).fetchall()


def test_gdelt_v2_real_file_every_row_with_its_fields(store, shared_data):
    path = shared_data / V2
    report = import_file(store, "gdelt", path)
    assert (report.read, report.stored, report.duplicates, report.rejected) == (2111, 2111, 0, 0)
    assert report.reader == "gdelt2.v1"
    got = {r[0]: r[1:] for r in stored(store, "SELECT dataset_id, goldstein, quad_class, num_mentions, num_sources, "
                                              "num_articles, avg_tone, url, lat, lon, location, source, target_country, date FROM events")}
    rows = rows_of(path)
    assert len(got) == len(rows) == 2111
    for row in rows:
        g = got[row[0]]
        assert g[0] == float(row[30]) and g[1] == int(row[29])  # GoldsteinScale, QuadClass from the file
        assert g[2:5] == (int(row[31]), int(row[32]), int(row[33]))
        assert g[5] == pytest.approx(float(row[34]))
        assert g[6] == row[60]
        assert (g[7], g[8]) == ((float(row[56]), float(row[57])) if row[56] else (None, None))
        assert g[9] == (row[52] or None)
        assert g[10] == (row[5] or None) and g[11] == (row[17] or None)
        assert g[12].strftime("%Y%m%d") == row[1]
    origins = stored(store, "SELECT DISTINCT origin, date_source FROM events")
    assert origins == [("gdelt2.v1", "dataset")]


def test_gdelt_v1_mixed_57_and_58_columns(store, shared_data):
    path = shared_data / V1_MIXED
    report = import_file(store, "gdelt", path)
    assert (report.read, report.stored, report.rejected) == (710, 710, 0)
    widths = [len(r) for r in rows_of(path)]
    with_url = stored(store, "SELECT count(*) FROM events WHERE url IS NOT NULL")[0][0]
    assert with_url == sum(1 for w, r in zip(widths, rows_of(path)) if w == 58 and r[57])
    assert stored(store, "SELECT DISTINCT origin FROM events") == [("gdelt1.v1",)]
    for gid, value in stored(store, "SELECT dataset_id, goldstein FROM events"):
        row = next(r for r in rows_of(path) if r[0] == gid)
        assert value == float(row[30])


def test_gdelt_reimport_changes_nothing(store, shared_data):
    path = shared_data / V2
    import_file(store, "gdelt", path)
    before = stored(store, "SELECT * FROM events ORDER BY event_id")
    again = import_file(store, "gdelt", path)
    assert (again.read, again.stored, again.duplicates, again.rejected) == (2111, 0, 2111, 0)
    assert stored(store, "SELECT * FROM events ORDER BY event_id") == before


def _corrupt(lines: list[str], line: int, column: int | None, value: str | None) -> None:
    fields = lines[line - 1].split("\t")
    if column is None:
        fields = fields + ["extra"] if value == "long" else fields[:40]
    else:
        fields[column] = value
    lines[line - 1] = "\t".join(fields)


BAD_ROWS = [  # (line, column, new value, words the reason must contain)
    (3, None, "long", "column count"),
    (6, None, "short", "column count"),
    (9, 1, "99999999", "SQLDATE"),
    (12, 1, "00000000", "SQLDATE"),
    (15, 26, "XYZ", "unknown CAMEO event code 'XYZ'"),
    (18, 26, "", "EventCode"),
    (21, 30, "strong", "GoldsteinScale"),
    (24, 0, "not-an-id", "GLOBALEVENTID"),
]


def test_gdelt_bad_rows_go_to_rejects_with_line_and_reason(store, shared_data, tmp_path):
    lines = (shared_data / V2).read_text(encoding="utf-8").splitlines()[:40]
    for line, column, value, _ in BAD_ROWS:
        _corrupt(lines, line, column, value)
    lines.append(lines[1])  # an exact duplicate row
    lines.insert(30, "")  # a blank line is not a row
    path = tmp_path / "bad.export.CSV"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_file(store, "gdelt", path)
    assert report.adds_up()
    assert (report.read, report.rejected, report.duplicates) == (41, len(BAD_ROWS), 1)
    assert report.stored == 41 - len(BAD_ROWS) - 1 == store.count("events")
    found = {r.line: r.reason for r in report.rejects}
    for line, _column, _value, words in BAD_ROWS:
        assert words in found[line], (line, found)
    assert all(r.raw for r in report.rejects)


def test_gdelt_stray_carriage_returns_and_bad_utf8(store, shared_data, tmp_path):
    raw = (shared_data / V2).read_bytes().splitlines()[:20]
    raw[4] = raw[4] + b"\r"  # one CRLF line in an LF file
    fields = raw[7].split(b"\t")
    fields[6] = b"CAF\xe9"  # Latin-1 in a UTF-8 file
    raw[7] = b"\t".join(fields)
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\n".join(raw) + b"\n")
    report = import_file(store, "gdelt", path)
    assert (report.read, report.stored, report.rejected) == (20, 19, 1)
    assert report.rejects[0].line == 8 and "UTF-8" in report.rejects[0].reason


def test_gdelt_goldstein_from_profile_when_the_file_has_none(store, shared_data, tmp_path):
    lines = (shared_data / V2).read_text(encoding="utf-8").splitlines()[:30]
    blanked = []
    for i in range(0, 30, 3):
        fields = lines[i].split("\t")
        fields[30] = ""
        blanked.append((fields[0], fields[26]))
        lines[i] = "\t".join(fields)
    path = tmp_path / "nogoldstein.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert import_file(store, "gdelt", path).stored == 30
    for gid, code in blanked:
        value, quad = stored(store, "SELECT goldstein, quad_class FROM events WHERE dataset_id = ?", [gid])[0]
        assert value == goldstein(code, "gdelt") and quad == quad_class(code)


def test_gdelt_zip_and_corrupt_zip(store, shared_data, tmp_path):
    good = tmp_path / "20191024143000.export.CSV.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(shared_data / V2, "20191024143000.export.CSV")
    assert import_file(store, "gdelt", good).stored == 2111
    broken = tmp_path / "broken.export.CSV.zip"
    data = bytearray(good.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = b"\0" * 64
    broken.write_bytes(bytes(data))
    report = import_file(store, "gdelt", broken)
    assert report.error and "corrupt" in report.error and report.stored == 0
    assert store.count("events") == 2111


def test_gdelt_wrong_file_is_rejected_whole(store, shared_data):
    report = import_file(store, "gdelt", shared_data / "formats/icews/events.2018.sample.tab")
    assert report.read == report.rejected == 3706 and report.stored == 0
    assert "not a gdelt file" in report.rejects[0].reason


def test_gdelt_mentions_go_to_their_own_table(store, shared_data):
    path = shared_data / MENTIONS
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    report = import_file(store, "gdelt", path)
    assert report.reader == "gdelt2-mentions.v1"
    assert report.read == len(rows) and report.adds_up()
    distinct = {(r["globaleventid"], r["mentiontimedate"], r["mentionidentifier"], r["sentenceid"],
                 r["actor1charoffset"], r["actor2charoffset"], r["actioncharoffset"]) for r in rows}
    assert report.stored == len(distinct) == store.count("mentions")
    assert stored(store, "SELECT count(DISTINCT event_id) FROM mentions")[0][0] == len({r["globaleventid"] for r in rows})


def test_gdelt_cli_import_then_dyad_table(cli, shared_data, tmp_path):
    db = tmp_path / "gdelt.duckdb"
    result = cli("import", "gdelt", shared_data / V2, shared_data / V1_MIXED, "--db", db)
    assert result.returncode == 0, result.stderr
    assert "read 2,111, stored 2,111, duplicates 0, rejected 0" in result.stdout
    assert "read 710, stored 710, duplicates 0, rejected 0" in result.stdout
    dyad = cli("dyad", "USA", "CHN", "--db", db, "--out", tmp_path / "dyad.csv")
    assert dyad.returncode == 0, dyad.stderr
    with open(tmp_path / "dyad.csv", newline="") as fh:
        table = list(csv.DictReader(fh))
    rows = rows_of(shared_data / V2) + rows_of(shared_data / V1_MIXED)
    pair = [r for r in rows if {r[7], r[17]} == {"USA", "CHN"}]
    assert sum(int(t["events"]) for t in table) == len(pair) > 0
    assert sum(float(t["goldstein_sum"]) for t in table) == pytest.approx(sum(float(r[30]) for r in pair), abs=0.05)


def test_gdelt_cli_exit_code_and_rejects_file(cli, shared_data, tmp_path):
    lines = (shared_data / V2).read_text(encoding="utf-8").splitlines()[:10]
    _corrupt(lines, 4, 1, "20191399")
    path = tmp_path / "one-bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    result = cli("import", "gdelt", path, "--db", tmp_path / "s.duckdb", "--rejects", rejects)
    assert result.returncode == 2
    assert "read 10, stored 9, duplicates 0, rejected 1" in result.stderr
    import json

    entries = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [(e["line"], "SQLDATE" in e["reason"], e["raw"] == lines[3]) for e in entries] == [(4, True, True)]


def test_gdelt_cli_folder_input_out_parquet_and_window_dedup(cli, shared_data, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    rows = (shared_data / V2).read_text(encoding="utf-8").splitlines()
    (folder / "a.export.CSV").write_text("\n".join(rows[:1200]) + "\n", encoding="utf-8")
    (folder / "b.export.CSV").write_text("\n".join(rows[1000:]) + "\n", encoding="utf-8")
    out = tmp_path / "new.parquet"
    result = cli("import", "gdelt", folder, "--db", tmp_path / "w.duckdb", "--out", out, "--dedup", "window", "--window-days", "1")
    assert result.returncode == 0, result.stderr
    assert "read 1,200," in result.stdout and "read 1,111," in result.stdout
    import pandas as pd

    written = pd.read_parquet(out)
    groups = {(r[1], r[5], r[15], r[26]) for r in rows_of(shared_data / V2)}
    assert len(written) == len(groups) and written["event_id"].is_unique
    assert int(written["num_sources"].sum()) == sum(int(r[32]) for r in rows_of(shared_data / V2))


def _hostile(real: list[bytes], kind: str) -> tuple[bytes, int, int, int | None]:
    """A hostile variant of real rows: (file bytes, rows read, rows rejected, line of the first reject)."""
    if kind == "empty":
        return b"", 0, 0, None
    if kind == "blank lines only":
        return b"\n\n\r\n\n", 0, 0, None
    if kind == "50 MB line":
        return b"\n".join(real[:3] + [b"x" * (50 << 20)] + real[3:]) + b"\n", 11, 1, 4
    if kind == "NUL byte":
        return b"\n".join(real[:5] + [real[5].replace(b"\t", b"\t\x00", 1)] + real[6:]) + b"\n", 10, 1, 6
    if kind == "CRLF throughout":
        return b"\r\n".join(real) + b"\r\n", 10, 0, None
    if kind == "no final newline":
        return b"\n".join(real), 10, 0, None
    raise ValueError(kind)


@pytest.mark.parametrize("kind", ["empty", "blank lines only", "50 MB line", "NUL byte", "CRLF throughout", "no final newline"])
def test_gdelt_hostile_files_never_crash_and_counts_add_up(store, shared_data, tmp_path, kind):
    real = (shared_data / V2).read_bytes().splitlines()[:10]
    data, read, rejected, line = _hostile(real, kind)
    path = tmp_path / "hostile.csv"
    path.write_bytes(data)
    report = import_file(store, "gdelt", path)
    assert report.error is None and report.adds_up()
    assert (report.read, report.rejected, report.stored) == (read, rejected, read - rejected)
    assert [r.line for r in report.rejects][:1] == ([line] if line else [])


def test_gdelt_v1_rows_shorter_than_57_columns_are_rejected(store, shared_data, tmp_path):
    """Null padding reads 57- and 58-column rows; a row cut shorter is a bad row, not a padded one (issue 7)."""
    rows = [r.split("\t") for r in (shared_data / V1_MIXED).read_text(encoding="utf-8").splitlines()]
    full = next(r for r in rows if len(r) == 58)
    back = next(r for r in rows if len(r) == 57)
    lines = [full[:30], full, back, full[:56], full[:56] + ["", "http://example.org/"]]
    path = tmp_path / "short.tsv"
    path.write_text("\n".join("\t".join(r) for r in lines) + "\n", encoding="utf-8")
    report = import_file(store, "gdelt", path)
    assert (report.read, report.stored, report.rejected) == (5, 2, 3)
    reasons = {r.line: r.reason for r in report.rejects}
    assert "found 30" in reasons[1] and "found 56" in reasons[4] and "DATEADDED" in reasons[5]
