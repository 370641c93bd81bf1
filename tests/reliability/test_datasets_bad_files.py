"""Issue 7 item 1: bad dataset files through the real `bilateral import` command, one run per dataset.

Each run imports a folder holding real rows (``../shared/data/formats``; Phoenix: the
project's fixture) next to broken files: rows with a field too many or too few, dates
00000000 and 99999999, an unknown CAMEO code, a single 5 MB line (50 MB under
--robustness-full), a truncated zip, an empty file, and a file of binary junk. The run must
finish, report each file (read = stored + duplicates + rejected, and the totals too), store
every good row, write each rejected row with its line and reason, and exit with 2.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import duckdb
import pytest

from reliability_helpers import REPO

pytestmark = pytest.mark.slow

PHOENIX_FIXTURE = REPO / "tests" / "fixtures" / "phoenix" / "events.full.20240317.txt"
_FILE_LINE = re.compile(r"^(\S.*?): read ([\d,]+), stored ([\d,]+), duplicates ([\d,]+), rejected ([\d,]+)", re.M)
_TOTAL = re.compile(r"(\d+) file\(s\): read ([\d,]+), stored ([\d,]+), duplicates ([\d,]+), rejected ([\d,]+)")

# name -> (dataset, file under formats/ or None for the Phoenix fixture, has header, date column, code column)
DATASETS = {
    "gdelt2": ("gdelt", "gdelt-v2/20191024143000.export.CSV", False, 1, 26),
    "gdelt1": ("gdelt", "gdelt-v1/events-mixed-57-58.tsv", False, 1, 26),
    "icews": ("icews", "icews/events.2018.sample.tab", True, 1, 6),
    "icews_normalised": ("icews", "icews/icews_sample_normalised.tsv", True, 1, 6),
    "phoenix": ("phoenix", None, False, 1, 13),
}


def _numbers(match: re.Match) -> tuple[int, ...]:
    return tuple(int(g.replace(",", "")) for g in match.groups()[1:])


def _broken(fields: list[bytes], kind: str, date: int, code: int) -> bytes:
    fields = list(fields)
    if kind == "extra":
        fields += [b"surplus"] * (59 - len(fields) if len(fields) in (57, 58) else 1)
    elif kind == "zeros":
        fields[date] = b"00000000"
    elif kind == "nines":
        fields[date] = b"99999999"
    elif kind == "code":
        fields[code] = b"999"
    return b"\t".join(fields)


@pytest.mark.parametrize("name", list(DATASETS))
def test_datasets_bad_files_through_the_cli(name, shared_data, tmp_path, cli, scale):
    dataset, rel, has_header, date, code = DATASETS[name]
    source = PHOENIX_FIXTURE if rel is None else shared_data / "formats" / rel
    lines = source.read_bytes().splitlines()
    header, rows = (lines[0], lines[1:]) if has_header else (None, lines)
    rows = [r for r in rows if r.strip()][:60]
    folder = tmp_path / "in"
    folder.mkdir()
    prefix = header + b"\n" if header else b""
    (folder / "a_good.tsv").write_bytes(prefix + b"\n".join(rows[:-4]) + b"\n")
    # mixed: good rows, then four broken ones, then a repeat of a good row
    broken = [_broken(rows[i].split(b"\t"), kind, date, code) for i, kind in zip(range(-4, 0), ("extra", "zeros", "nines", "code"))]
    mixed = [rows[-4], *broken, rows[0]]
    (folder / "b_mixed.tsv").write_bytes(prefix + b"\n".join(mixed) + b"\n")
    first = 2 if header else 1
    bad_lines = [first + 1, first + 2, first + 3, first + 4]
    (folder / "c_long.tsv").write_bytes(prefix + rows[1] + b"\n" + b"x" * scale.long_line_bytes + b"\n")
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("events.tsv", prefix + b"\n".join(rows) + b"\n")
    (folder / "d_truncated.zip").write_bytes(packed.getvalue()[: len(packed.getvalue()) * 2 // 3])
    (folder / "e_empty.tsv").write_bytes(b"")
    (folder / "f_junk.tsv").write_bytes(bytes(range(256)) * 40)

    db = tmp_path / "store.duckdb"
    done = cli("import", dataset, folder, "--db", db, "--rejects", tmp_path / "rejects.jsonl")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    output = done.stdout + done.stderr
    per_file = {Path(m.group(1)).name: _numbers(m) for m in _FILE_LINE.finditer(output) if "file(s)" not in m.group(1)}
    for counts in per_file.values():
        read, stored, duplicates, rejected = counts
        assert read == stored + duplicates + rejected
    assert per_file["a_good.tsv"] == (len(rows) - 4, len(rows) - 4, 0, 0)
    assert per_file["b_mixed.tsv"] == (6, 1, 1, 4)  # one new good row, the repeat, four broken
    assert per_file["c_long.tsv"][2:] == (1, 1)  # its good row was already stored; the long line rejected
    assert per_file["f_junk.tsv"][3] == per_file["f_junk.tsv"][0] > 0
    assert "d_truncated.zip: not imported: corrupt or truncated zip archive" in output.replace("\n", "")
    totals = _numbers(_TOTAL.search(done.stdout))
    assert totals == tuple(sum(c[i] for c in per_file.values()) for i in range(4))

    written = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    mixed_lines = sorted(r["line"] for r in written if r["path"].endswith("b_mixed.tsv"))
    assert mixed_lines == bad_lines
    assert all(r["reason"] for r in written)
    assert any(r["path"].endswith("d_truncated.zip") for r in written)
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone()
    assert stored == (totals[1], totals[1])
