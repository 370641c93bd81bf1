"""Issue 7 item 3: readers while an import writes, and two writers on one store, all through the CLI.

DuckDB lets one process hold a store file for writing (or several for reading), so
bilateral's rule is: a reader (`dyad`, `report`) waits up to 10 s for a writer and then
says clearly that the store is in use; a writer (`import`, `code`) waits up to 30 s; the
web app answers 503 with Retry-After while a writer holds the file and serves again after.
The store is checked sound after every contest.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bilateral.sources.importer import import_file
from bilateral.store import Store

from reliability_helpers import command_env, gdelt_copies, store_problems, store_size, table_rows

BUSY = "in use by another bilateral process"
HOLD_LOCK = (
    "import sys, time\n"
    "from bilateral.store import Store\n"
    "with Store(sys.argv[1]) as store:\n"
    "    print('locked', flush=True)\n"
    "    time.sleep(float(sys.argv[2]))\n"
)


@pytest.fixture(scope="module")
def icews_store(shared_data, tmp_path_factory) -> Path:
    """A store holding the real ICEWS sample (USA-PRK is its busiest pair)."""
    path = tmp_path_factory.mktemp("concurrency") / "icews.duckdb"
    with Store(path) as store:
        report = import_file(store, "icews", shared_data / "formats" / "icews" / "events.2018.sample.tab")
    assert report.stored == 3705
    return path


@pytest.fixture
def db(icews_store, tmp_path) -> Path:
    path = tmp_path / "store.duckdb"
    shutil.copy(icews_store, path)
    return path


def _bilateral(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bilateral", *map(str, args)], env=command_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _hold_lock(db: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the store's write lock, as a long import would."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def _wait_for_commit(proc: subprocess.Popen, db: Path, timeout: float = 120) -> None:
    """Return once ``proc`` has written to the store (so it holds the lock), or has ended."""
    before, deadline = store_size(db), time.monotonic() + timeout
    while proc.poll() is None and store_size(db) == before and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.parametrize("command", ["dyad", "report"])
def test_concurrency_reader_waits_for_a_short_write(db, tmp_path, cli, command):
    """A reader that meets a writer waits for it, then answers (the writer holds the lock 3 s)."""
    writer = _hold_lock(db, 3)
    started = time.monotonic()
    extra = ["--out", tmp_path / "r.json"] if command == "report" else ["--freq", "day"]
    done = cli(command, "USA", "PRK", "--db", db, *extra)
    waited = time.monotonic() - started
    writer.wait()
    assert done.returncode == 0, done.stderr
    assert waited >= 2.0, "it should have waited for the writer"
    if command == "report":
        assert json.loads((tmp_path / "r.json").read_text())["evidence"]
    else:
        assert "USA->PRK" in done.stdout


@pytest.mark.parametrize("command", ["dyad", "report"])
def test_concurrency_reader_refused_clearly_by_a_long_write(db, tmp_path, cli, command, scale):
    if command == "report" and not scale.full:
        pytest.skip("the same wait as dyad (10 s); runs under --robustness-full")
    writer = _hold_lock(db, 60)
    try:
        started = time.monotonic()
        extra = ["--out", tmp_path / "r.json"] if command == "report" else []
        done = cli(command, "USA", "PRK", "--db", db, *extra)
        waited = time.monotonic() - started
    finally:
        writer.kill()
        writer.wait()
    assert done.returncode == 1
    assert BUSY in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 3, done.stderr  # one clear message, not a dump
    assert 8 <= waited < 40


def test_concurrency_dyad_during_a_real_import(db, tmp_path, cli, shared_data):
    """`dyad` started while `import` writes either answers (after waiting) or says the store is busy."""
    folder = tmp_path / "gdelt"
    gdelt_copies(shared_data / "formats" / "gdelt-v2" / "20191024143000.export.CSV", folder, 6)
    importer = _bilateral("import", "gdelt", folder, "--db", db)
    _wait_for_commit(importer, db)
    running = importer.poll() is None
    done = cli("dyad", "USA", "PRK", "--db", db, "--freq", "day")
    out, err = importer.communicate(timeout=600)
    assert importer.returncode == 0, err
    assert running, "the import ended before dyad started; make it longer"
    assert "Traceback" not in done.stderr
    assert (done.returncode == 0 and "USA->PRK" in done.stdout) or (done.returncode == 1 and BUSY in done.stderr)
    assert not store_problems(db)
    assert len(table_rows(db, "events")) == 3705 + 6 * 2111


def test_concurrency_two_imports_second_waits(db, tmp_path, shared_data):
    """Two writers at once: the second waits for the first; both finish and nothing is lost or doubled."""
    source = shared_data / "formats" / "gdelt-v2" / "20191024143000.export.CSV"
    first, second = tmp_path / "first", tmp_path / "second"
    gdelt_copies(source, first, 4)
    copies = gdelt_copies(source, second, 8)[4:]  # ids of copies 4..7: disjoint from the first folder
    for path in second.iterdir():
        if path not in copies:
            path.unlink()
    a = _bilateral("import", "gdelt", first, "--db", db)
    _wait_for_commit(a, db)
    b = _bilateral("import", "gdelt", second, "--db", db)
    out_a, err_a = a.communicate(timeout=600)
    out_b, err_b = b.communicate(timeout=600)
    assert a.returncode == 0, err_a
    if b.returncode == 1:  # the first took longer than the second's 30 s wait: refused, clearly
        assert BUSY in err_b and "Traceback" not in err_b
        expected = 3705 + 4 * 2111
    else:
        assert b.returncode == 0, err_b
        expected = 3705 + 8 * 2111
    assert not store_problems(db)
    events = table_rows(db, "events")
    assert len(events) == expected and events["event_id"].is_unique


@pytest.mark.slow
def test_concurrency_second_writer_refused_clearly(db, tmp_path, cli, shared_data, scale):
    """A writer that waits 30 s in vain gives up with one clear line and leaves the store as it was."""
    if not scale.full:
        pytest.skip("takes over 30 s: runs under --robustness-full")
    before = table_rows(db, "events")
    writer = _hold_lock(db, 90)
    try:
        started = time.monotonic()
        done = cli("import", "gdelt", shared_data / "formats" / "gdelt-v2" / "20191024143000.export.CSV", "--db", db)
        waited = time.monotonic() - started
    finally:
        writer.kill()
        writer.wait()
    assert done.returncode == 1 and BUSY in done.stderr and "Traceback" not in done.stderr
    assert waited >= 29
    assert table_rows(db, "events").equals(before)


@pytest.mark.network
def test_concurrency_serve_answers_503_while_an_import_writes(db, tmp_path, shared_data):
    """The server keeps answering: 503 with Retry-After while the import holds the store, fresh data after."""
    server = subprocess.Popen([sys.executable, "-m", "bilateral", "serve", "--port", "0", "--db", str(db)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**command_env(), "BILATERAL_BLOCK_SOCKETS": "0", "PYTHONUNBUFFERED": "1"})
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+", server.stdout.readline()).group(0)
        with httpx.Client(base_url=url, timeout=30) as client:
            _wait_until_up(client)
            before = _events_of(client, "USA")
            folder = tmp_path / "gdelt"
            gdelt_copies(shared_data / "formats" / "gdelt-v2" / "20191024143000.export.CSV", folder, 6)
            importer = _bilateral("import", "gdelt", folder, "--db", db)  # waits for the server's linger to end
            _wait_for_commit(importer, db)
            busy = client.get("/api/countries")
            importer.communicate(timeout=600)
            assert importer.returncode == 0
            after = _events_of(client, "USA")
    finally:
        server.terminate()
        server.wait(timeout=30)
    if busy.status_code == 503:
        assert busy.headers["retry-after"] and "being written" in busy.json()["detail"]
    else:
        assert busy.status_code == 200  # the import had already finished
    assert after > before  # the server sees the imported events


def _wait_until_up(client: httpx.Client) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if client.get("/api/countries").status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    pytest.fail("bilateral serve did not answer within 60 s")


def _events_of(client: httpx.Client, code: str) -> int:
    rows = client.get("/api/countries").json()["countries"]
    return next(r["events"] for r in rows if r["code"] == code)


@pytest.mark.slow
@pytest.mark.network
def test_concurrency_busy_server_lets_an_import_in(db, shared_data, scale):
    """A server never idle for long (a new uncached page every 0.1 s) still lets `bilateral import` write.

    It closes its connection every few seconds for a moment (web/access.py), the import gets
    in on one of its retries, the server answers 503 while the import writes and 200 after.
    """
    if not scale.full:
        pytest.skip("takes up to 30 s: runs under --robustness-full")
    before = len(table_rows(db, "events"))
    server = subprocess.Popen([sys.executable, "-m", "bilateral", "serve", "--port", "0", "--db", str(db)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**command_env(), "BILATERAL_BLOCK_SOCKETS": "0", "PYTHONUNBUFFERED": "1"})
    statuses = []
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+", server.stdout.readline()).group(0)
        with httpx.Client(base_url=url, timeout=30) as client:
            _wait_until_up(client)
            started = time.monotonic()
            importer = _bilateral("import", "gdelt", shared_data / "formats" / "gdelt-v2" / "20191024143000.export.CSV", "--db", db)
            while importer.poll() is None:  # an analyst paging through the evidence, a new page every 0.1 s
                page = client.get("/api/dyad/USA/PRK/events", params={"page": 1 + len(statuses) % 40, "size": 5, "q": f"x{len(statuses)}"})
                statuses.append((page.status_code, page.json()["detail"] if page.status_code == 503 else ""))
                time.sleep(0.1)
            _, err = importer.communicate()
            took = time.monotonic() - started
            after = client.get("/api/dyad/USA/PRK/events", params={"size": 5, "q": "after"})
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert importer.returncode == 0, err[-500:]
    assert took < 60, "the import should not have waited anywhere near its 30 s limit"
    assert {code for code, _ in statuses} <= {200, 503}
    assert statuses and statuses[0][0] == 200
    assert all("being written" in detail for code, detail in statuses if code == 503)
    assert after.status_code == 200
    assert len(table_rows(db, "events")) == before + 2111
