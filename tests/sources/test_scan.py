"""The independent line count an import checks the CSV reader against (sources/scan.py)."""
from __future__ import annotations

import pytest

from bilateral.sources import scan
from bilateral.sources.scan import count_lines, count_records

V2 = "formats/gdelt-v2/20191024143000.export.CSV"


def test_count_lines_of_the_real_gdelt_file(shared_data):
    path = shared_data / V2
    assert count_lines(path) == count_records(path, header=False) == 2111


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_count_lines_across_chunk_boundaries(shared_data, tmp_path, monkeypatch, chunk):
    """A small read buffer splits lines everywhere; the count must not change."""
    real = (shared_data / V2).read_bytes().splitlines()[:40]
    path = tmp_path / "part.csv"
    path.write_bytes(b"\n".join(real) + b"\n")
    monkeypatch.setattr(scan, "_CHUNK", chunk)
    assert count_lines(path) == 40


@pytest.mark.parametrize("data, lines, records", [
    (b"", 0, 0),
    (b"a\tb", 1, 1),  # no final newline
    (b"a\tb\n", 1, 1),
    (b"a\n\nb\n", 3, 2),  # a blank line is a line, not a record
    (b"a\r\n\r\nb\r\n", 3, 2),
    (b"\n\n\n", 3, 0),
])
def test_count_lines_is_an_upper_bound_on_records(tmp_path, data, lines, records):
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    assert (count_lines(path), count_records(path, header=False)) == (lines, records)
