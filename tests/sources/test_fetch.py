"""`bilateral fetch gdelt` against a local mirror of real GDELT files on 127.0.0.1 (issue 3)."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import http.server
import threading
import zipfile
from pathlib import Path

import pytest

from bilateral.errors import DownloadError
from bilateral.sources.fetch import FetchPlan, download, fetch_gdelt, parse_master_v1, parse_master_v2

V2 = "formats/gdelt-v2/20191024143000.export.CSV"
V1_MIXED = "formats/gdelt-v1/events-mixed-57-58.tsv"
MENTIONS = "formats/gdelt-samples/mentionssamp.csv"
REMOTE = "http://data.gdeltproject.org/gdeltv2/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output quiet; requests are recorded instead
        self.server.requests.append(self.path)


@pytest.fixture
def mirror(tmp_path):
    """A threaded HTTP server on 127.0.0.1 serving ``tmp_path/mirror``; yields (folder, base URL, requests)."""
    folder = tmp_path / "mirror"
    folder.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder)))
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}", server.requests
    server.shutdown()
    server.server_close()


def _zip(source: Path, target: Path, member: str) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(source, member)
    return target


def _entry(path: Path, md5: str | None = None) -> str:
    digest = md5 or hashlib.md5(path.read_bytes()).hexdigest()
    return f"{path.stat().st_size} {digest} {REMOTE}{path.name}"


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 200] = bytes(200)  # the zip's CRC no longer matches
    path.write_bytes(bytes(data))


def _v2_mirror(folder: Path, shared: Path) -> dict[str, Path]:
    """Real 2.0 files zipped as GDELT names them: a good one, a corrupt one, one with a wrong MD5."""
    good = _zip(shared / V2, folder / "20191024143000.export.CSV.zip", "20191024143000.export.CSV")
    subset = folder / "subset.tmp"
    subset.write_text("".join((shared / V2).read_text(encoding="utf-8").splitlines(True)[:300]), encoding="utf-8")
    corrupt = _zip(subset, folder / "20191024144500.export.CSV.zip", "20191024144500.export.CSV")
    _corrupt(corrupt)
    wrong = _zip(subset, folder / "20191024150000.export.CSV.zip", "20191024150000.export.CSV")
    later = _zip(subset, folder / "20191026000000.export.CSV.zip", "20191026000000.export.CSV")
    mentions = _zip(shared / MENTIONS, folder / "20191024143000.mentions.CSV.zip", "20191024143000.mentions.CSV")
    subset.unlink()
    lines = [_entry(good), _entry(mentions), _entry(corrupt), _entry(wrong, "0" * 32), _entry(later)]
    (folder / "masterfilelist.txt").write_text("\n".join(lines) + "\n")
    return {"good": good, "corrupt": corrupt, "wrong": wrong, "later": later, "mentions": mentions}


def _plan(base: str, **kw) -> FetchPlan:
    return FetchPlan(dt.date(2019, 10, 24), dt.date(2019, 10, 24), base_url=base, **kw)


def test_fetch_imports_good_files_and_reports_bad_ones(store, shared_data, mirror, tmp_path):
    folder, base, requests = mirror
    _v2_mirror(folder, shared_data)
    reports = fetch_gdelt(store, _plan(base), tmp_path / "downloads")
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in reports}
    assert set(by_name) == {"20191024143000.export.CSV.zip", "20191024144500.export.CSV.zip", "20191024150000.export.CSV.zip"}
    good = by_name["20191024143000.export.CSV.zip"]
    assert (good.read, good.stored, good.rejected, good.error) == (2111, 2111, 0, None)
    assert "corrupt" in by_name["20191024144500.export.CSV.zip"].error
    assert "MD5" in by_name["20191024150000.export.CSV.zip"].error
    assert store.count("events") == 2111
    assert "/20191026000000.export.CSV.zip" not in requests  # outside the range: never downloaded
    assert not list((tmp_path / "downloads").glob("*.part"))


def test_fetch_resumes_and_skips_what_it_imported(store, shared_data, mirror, tmp_path):
    folder, base, requests = mirror
    files = _v2_mirror(folder, shared_data)
    fetch_gdelt(store, _plan(base), tmp_path / "downloads")
    # The mirror repairs the corrupt file; the rerun fetches only what is not in yet.
    _zip(shared_data / V2, files["corrupt"], "20191024144500.export.CSV")
    listing = (folder / "masterfilelist.txt").read_text().splitlines()
    listing[2] = _entry(files["corrupt"])
    (folder / "masterfilelist.txt").write_text("\n".join(listing) + "\n")
    requests.clear()
    reports = fetch_gdelt(store, _plan(base), tmp_path / "downloads")
    assert [r.skipped for r in reports if r.path.endswith("143000.export.CSV.zip")] == ["already imported"]
    assert "/20191024143000.export.CSV.zip" not in requests
    repaired = next(r for r in reports if r.path.endswith("144500.export.CSV.zip"))
    assert (repaired.read, repaired.stored, repaired.duplicates) == (2111, 0, 2111)  # same events, other file
    assert "MD5" in next(r for r in reports if r.path.endswith("150000.export.CSV.zip")).error


def test_fetch_mentions_when_asked(store, shared_data, mirror, tmp_path):
    folder, base, _ = mirror
    _v2_mirror(folder, shared_data)
    reports = fetch_gdelt(store, _plan(base, mentions=True), tmp_path / "downloads")
    mention = next(r for r in reports if "mentions" in r.path)
    assert mention.reader == "gdelt2-mentions.v1" and mention.stored == store.count("mentions") > 0


def test_fetch_gdelt1_daily_file_from_md5sums(store, shared_data, mirror, tmp_path):
    folder, base, _ = mirror
    daily = _zip(shared_data / V1_MIXED, folder / "20160728.export.CSV.zip", "20160728.export.CSV")
    yearly = _zip(shared_data / V1_MIXED, folder / "1982.zip", "1982.csv")
    (folder / "md5sums").write_text("".join(f"{hashlib.md5(p.read_bytes()).hexdigest()}  {p.name}\n" for p in (yearly, daily)))
    (folder / "filesizes").write_text("".join(f"{p.stat().st_size} {p.name}\n" for p in (yearly, daily)))
    plan = FetchPlan(dt.date(2016, 7, 28), dt.date(2016, 7, 28), version=1, base_url=base)
    reports = fetch_gdelt(store, plan, tmp_path / "downloads")
    assert [(r.path.rsplit("/", 1)[-1], r.stored, r.reader) for r in reports] == [("20160728.export.CSV.zip", 710, "gdelt1.v1")]


def test_fetch_master_list_parsers():
    v2 = parse_master_v2([
        f"150383 297a16b493de7cf6ca809a7cc31d0b93 {REMOTE}20150218230000.export.CSV.zip",
        f"318084 bb27f78ba45f69a17ea6ed7755e9f8ff {REMOTE}20150218230000.mentions.CSV.zip",
        f"10768507 ea8dde0beb0ba98810a92db068c0ce99 {REMOTE}20150218230000.gkg.csv.zip",
        "",
    ])
    assert [(f.name, f.size, f.first) for f in v2] == [("20150218230000.export.CSV.zip", 150383, dt.date(2015, 2, 18))]
    v1 = parse_master_v1(
        ["a" * 32 + "  GDELT.MASTERREDUCEDV2.1979-2013.zip", "b" * 32 + "  1979.zip", "c" * 32 + "  200602.zip",
         "d" * 32 + "  20130401.export.CSV.zip"],
        ["1000 1979.zip"],
    )
    spans = [(f.name, f.first, f.last, f.size) for f in v1]
    assert spans == [
        ("1979.zip", dt.date(1979, 1, 1), dt.date(1979, 12, 31), 1000),
        ("200602.zip", dt.date(2006, 2, 1), dt.date(2006, 2, 28), None),
        ("20130401.export.CSV.zip", dt.date(2013, 4, 1), dt.date(2013, 4, 1), None),
    ]


def test_fetch_download_checks_size_and_keeps_no_partial_file(mirror, tmp_path):
    folder, base, _ = mirror
    (folder / "a.zip").write_bytes(b"x" * 1000)
    with pytest.raises(DownloadError, match="size 1,000 bytes"):
        download(f"{base}/a.zip", tmp_path / "a.zip", 999, None)
    assert not (tmp_path / "a.zip").exists() and not (tmp_path / "a.zip.part").exists()
    with pytest.raises(DownloadError, match="HTTP 404"):
        download(f"{base}/missing.zip", tmp_path / "m.zip", None, None)


def test_fetch_cli_exit_code_and_summary(cli, shared_data, mirror, tmp_path):
    folder, base, _ = mirror
    _v2_mirror(folder, shared_data)
    db = tmp_path / "fetch.duckdb"
    args = ("fetch", "gdelt", "--from", "2019-10-24", "--to", "2019-10-24", "--base-url", base, "--db", db)
    result = cli(*args, network=True)
    assert result.returncode == 2, result.stderr
    assert "read 2,111, stored 2,111, duplicates 0, rejected 0" in result.stdout
    assert "20191024150000.export.CSV.zip: not imported:" in result.stderr and "MD5" in result.stderr
    assert "20191024144500.export.CSV.zip: not imported: corrupt" in result.stderr
    again = cli(*args, network=True)
    assert "20191024143000.export.CSV.zip: skipped (already imported)" in again.stdout
