"""Line numbers and counts of rejected rows in awkward files (sources/importer.py, sources/scan.py)."""
from __future__ import annotations

import pytest

from bilateral.sources.importer import import_file

V2 = "formats/gdelt-v2/20191024143000.export.CSV"
ICEWS = "formats/icews/events.2018.sample.tab"


@pytest.mark.parametrize("blank", [b"\n", b"\r\n"])
@pytest.mark.parametrize("run", [1, 2, 3])
def test_a_bad_row_after_blank_lines_keeps_its_own_line_number(store, shared_data, tmp_path, blank, run):
    """After two or more blank lines the CSV reader points at the last blank one; the reject must not."""
    header, first, second, third = (shared_data / ICEWS).read_bytes().splitlines()[:4]
    data = header + b"\n" + first + b"\n" + blank * run + second + b"\tsurplus\n" + third + b"\n"
    path = tmp_path / "blanks.tab"
    path.write_bytes(data)
    report = import_file(store, "icews", path)
    assert (report.read, report.stored, report.rejected) == (3, 2, 1)
    [reject] = report.rejects
    assert reject.line == 3 + run and "wrong column count" in reject.reason
    assert reject.raw.endswith("\tsurplus")


def test_gdelt_bad_row_after_blank_lines(store, shared_data, tmp_path):
    rows = (shared_data / V2).read_bytes().splitlines()[:4]
    path = tmp_path / "blanks.csv"
    path.write_bytes(rows[0] + b"\n\n\n\n" + rows[1] + b"\tsurplus\n" + b"\n".join(rows[2:]) + b"\n")
    report = import_file(store, "gdelt", path)
    assert (report.read, report.stored, report.rejected) == (4, 3, 1)
    assert [r.line for r in report.rejects] == [5]


def test_a_file_no_layout_fits_has_every_line_rejected_with_its_number(store, shared_data, tmp_path):
    """Rows one column too wide throughout: no layout fits, and each line is named, not just the first."""
    rows = (shared_data / V2).read_bytes().splitlines()[:5]
    path = tmp_path / "wide.csv"
    wide = [r + b"\textra" for r in rows]
    path.write_bytes(b"\n" + b"\n".join(wide[:2]) + b"\n\n" + b"\n".join(wide[2:]))  # no final newline
    report = import_file(store, "gdelt", path)
    assert (report.read, report.stored, report.rejected) == (5, 0, 5)
    assert [r.line for r in report.rejects] == [2, 3, 5, 6, 7]
    assert all("not a gdelt file" in r.reason and "62 column(s)" in r.reason for r in report.rejects)
    assert report.rejects[0].raw == rows[0].decode() + "\textra"


def test_nul_bytes_in_dataset_text_are_dropped_as_the_document_readers_drop_them(store, shared_data, tmp_path):
    """A NUL inside a field is removed from the stored text; the row itself is kept and counted once."""
    lines = (shared_data / V2).read_bytes().splitlines()
    named = next(i for i, line in enumerate(lines) if len(line.split(b"\t")[6]) > 2)  # Actor1Name
    rows = lines[named:named + 5]
    fields = rows[0].split(b"\t")
    name = fields[6]
    fields[6] = name[:2] + b"\x00" + name[2:] + b"\x00"
    path = tmp_path / "nul.csv"
    path.write_bytes(b"\n".join([b"\t".join(fields), *rows[1:]]) + b"\n")
    report = import_file(store, "gdelt", path)
    assert (report.read, report.stored, report.rejected) == (5, 5, 0)
    [(stored_name,)] = store.query("SELECT source_text FROM events WHERE dataset_id = ?", [fields[0].decode()]).fetchall()
    assert stored_name == name.decode()
    assert store.query("SELECT count(*) FROM events WHERE contains(source_text, chr(0))").fetchall() == [(0,)]
    assert import_file(store, "gdelt", path).duplicates == 5  # the stripped rows keep their ids
