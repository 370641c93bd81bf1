"""Issue 7 item 1: property tests and a fuzz run over the dataset readers (GDELT 1.0/2.0, ICEWS both layouts, Phoenix).

Each example builds a file from real rows of ``../shared/data/formats`` (Phoenix: the
project's fixture) mixed with broken ones: a field too many or too few, dates 00000000 and
99999999, an unknown CAMEO code, an empty id, NUL bytes, invalid UTF-8, CRLF line ends,
blank lines, exact repeats and a last line cut short. The properties: the import never
raises and never fails the whole file; read = stored + duplicates + rejected; read is the
number of data lines; each row built bad is rejected with its line number and a reason;
each good row is stored with its dataset id; each repeat is counted as a duplicate.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import strategies as st

from bilateral.sources.importer import import_file
from bilateral.store import Store

from reliability_helpers import REPO, fuzz

pytestmark = pytest.mark.slow

PHOENIX_FIXTURE = REPO / "tests" / "fixtures" / "phoenix" / "events.full.20240317.txt"


@dataclass(frozen=True)
class Sample:
    """Real rows of one dataset layout and where their key columns are."""

    name: str
    dataset: str
    header: bytes | None
    rows: tuple[tuple[bytes, ...], ...]
    date: int = 1
    code: int = 26
    text: int = 6
    padded: bool = False  # GDELT 1.0: 57 or 58 columns are both valid
    id_required: bool = True  # Phoenix gives a row without EventID a content-hash id


def _rows(path: Path, skip_header: bool, limit: int = 400) -> tuple[bytes | None, tuple[tuple[bytes, ...], ...]]:
    lines = path.read_bytes().splitlines()
    header = lines[0] if skip_header else None
    body = lines[1:] if skip_header else lines
    return header, tuple(tuple(line.split(b"\t")) for line in body[:limit] if line.strip())


@pytest.fixture(scope="module")
def samples(shared_data) -> dict[str, Sample]:
    formats = shared_data / "formats"
    out = {}
    for name, dataset, path, header, extra in [
        ("gdelt2", "gdelt", formats / "gdelt-v2" / "20191024143000.export.CSV", False, {}),
        ("gdelt1", "gdelt", formats / "gdelt-v1" / "events-mixed-57-58.tsv", False, {"padded": True}),
        ("icews", "icews", formats / "icews" / "events.2018.sample.tab", True, {"code": 6, "text": 2}),
        ("icews_normalised", "icews", formats / "icews" / "icews_sample_normalised.tsv", True, {"code": 6, "text": 2}),
        ("phoenix", "phoenix", PHOENIX_FIXTURE, False, {"code": 13, "text": 5, "id_required": False}),
    ]:
        head, rows = _rows(path, header)
        out[name] = Sample(name, dataset, head, rows, **extra)
    return out


BAD_KINDS = ("extra_field", "missing_field", "date_zeros", "date_nines", "unknown_code", "no_id")


@st.composite
def dataset_files(draw, sample: Sample):
    """(bytes, [(line, kind, id)]) with kind good / duplicate / bad / either / blank."""
    picks = draw(st.lists(st.integers(0, len(sample.rows) - 1), min_size=0, max_size=10, unique=True))
    lines, plan, good = [], [], []
    for index in picks:
        kind = draw(st.sampled_from(["good", "good", "duplicate", "crlf", "nul", "latin1", "blank", *BAD_KINDS]))
        if kind == "duplicate" and not good:
            kind = "good"
        fields = list(good[draw(st.integers(0, len(good) - 1))] if kind == "duplicate" else sample.rows[index])
        expect = _corrupt(fields, kind, sample)
        if kind == "blank":
            lines.append(draw(st.sampled_from([b"", b""])))
            plan.append(("blank", None))
            continue
        if expect == "good":
            good.append(tuple(fields))
        lines.append(b"\t".join(fields) + (b"\r" if kind == "crlf" else b""))
        plan.append((expect, fields[0].decode("utf-8", "replace")))
    data = b"".join(line + b"\n" for line in lines)
    if lines and plan[-1][0] != "blank" and draw(st.booleans()):  # the last line cut short, no final newline
        data = data[: len(data) - 1 - draw(st.integers(1, max(1, len(lines[-1]) // 2)))]
        plan[-1] = ("either", plan[-1][1])
    first = 2 if sample.header else 1
    numbered = [(n, kind, key) for n, (kind, key) in enumerate(plan, start=first)]
    return (sample.header + b"\n" if sample.header else b"") + data, numbered


def _corrupt(fields: list[bytes], kind: str, sample: Sample) -> str:
    """Change ``fields`` in place as ``kind`` says; returns what the row must become."""
    if kind in ("good", "crlf"):
        return "good"
    if kind == "duplicate":
        return "duplicate"
    if kind == "nul":
        fields[sample.text] = fields[sample.text][:2] + b"\x00" + fields[sample.text][2:]
        return "either"
    if kind == "latin1":
        fields[sample.text] = fields[sample.text] + b"\xe9\xff"
        return "either"
    if kind == "blank":
        return "blank"
    if kind == "extra_field":
        fields.extend([b"surplus"] * (2 if sample.padded and len(fields) == 57 else 1))
    elif kind == "missing_field":
        del fields[-1]
        if sample.padded and len(fields) == 57:
            return "good"  # a daily row without its SOURCEURL is a valid back-file row
    elif kind == "date_zeros":
        fields[sample.date] = b"00000000"
    elif kind == "date_nines":
        fields[sample.date] = b"99999999"
    elif kind == "unknown_code":
        fields[sample.code] = b"999"
    elif kind == "no_id":
        fields[0] = b""
        if not sample.id_required:
            return "either"
    return "bad"


def _check_import(sample: Sample, data: bytes, plan: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{sample.name}.tsv"
        path.write_bytes(data)
        with Store(Path(folder) / "s.duckdb") as store:
            report = import_file(store, sample.dataset, path)
            stored_ids = {r[0] for r in store.run("SELECT dataset_id FROM events")}
            stored_rows = store.count("events")
    assert report.error is None, report.error
    assert report.adds_up(), report.summary()
    records = [p for p in plan if p[1] != "blank"]
    assert report.read == len(records), report.summary()
    assert report.stored == stored_rows
    rejected = {r.line for r in report.rejects}
    for reject in report.rejects:
        assert reject.path == str(path) and reject.reason
    for line, kind, key in records:
        if kind == "bad":
            assert line in rejected, (line, key, [str(r) for r in report.rejects])
        elif kind in ("good", "duplicate"):
            assert line not in rejected and key in stored_ids, (line, kind, [str(r) for r in report.rejects])
    assert report.duplicates >= sum(1 for _, kind, _ in records if kind == "duplicate")


@pytest.mark.parametrize("name", ["gdelt2", "gdelt1", "icews", "icews_normalised", "phoenix"])
def test_datasets_every_row_stored_duplicate_or_rejected(samples, scale, name):
    sample = samples[name]

    @fuzz(max(20, scale.examples // 3), dataset_files(sample))
    def check(file):
        data, plan = file
        _check_import(sample, data, plan)

    check()


@pytest.mark.parametrize("name", ["gdelt2", "gdelt1", "icews", "phoenix"])
def test_datasets_arbitrary_bytes_never_raise(samples, scale, name, tmp_path):
    """Any bytes at all, after a real first line (so the reader is chosen): counts still add up."""
    sample = samples[name]
    first = (sample.header + b"\n" if sample.header else b"") + b"\t".join(sample.rows[0]) + b"\n"

    @fuzz(max(15, scale.examples // 4), st.binary(max_size=4000))
    def check(tail):
        path = tmp_path / f"{name}.tsv"
        path.write_bytes(first + tail)
        db = tmp_path / "s.duckdb"
        db.unlink(missing_ok=True)
        with Store(db) as store:
            report = import_file(store, sample.dataset, path)
        assert report.error is None or "unreadable" in report.error or "archive" in report.error, report.error
        assert report.adds_up(), report.summary()

    check()


def test_datasets_gdelt1_short_rows_are_rejected(samples, tmp_path):
    """Issue 7 regression: null padding let rows of 30..56 columns in (DuckDB padded DATEADDED with 1970-01-01)."""
    sample = samples["gdelt1"]
    full = next(r for r in sample.rows if len(r) == 58)
    path = tmp_path / "short.tsv"
    path.write_bytes(b"\t".join(full[:30]) + b"\n" + b"\t".join(full) + b"\n")
    with Store(tmp_path / "s.duckdb") as store:
        report = import_file(store, "gdelt", path)
    assert report.adds_up()
    assert [r.line for r in report.rejects] == [1]
