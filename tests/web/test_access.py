"""Store access: read-only cursors, the file released for writers, and a clear 503 while one writes."""
from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time

import pytest
from fastapi.testclient import TestClient

from bilateral.errors import StoreBusyError
from bilateral.web import create_app
from bilateral.web.access import StoreAccess

HOLD_WRITE_LOCK = (
    "import sys, time, duckdb\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "print('locked', flush=True)\n"
    "time.sleep(60)\n"
)
# Another process writing, as `bilateral code` would: it waits for the reader's lock to go.
WRITE_AFTER_WAIT = (
    "import sys\n"
    "from bilateral.store import Store\n"
    "with Store(sys.argv[1], wait=10) as store:\n"
    "    store.run('CREATE TABLE written_by_test AS SELECT 42 AS answer')\n"
)
WRITTEN = "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'written_by_test'"


@pytest.fixture
def own_db(web_db, tmp_path):
    """A private copy of the synthetic store, for tests that lock or write it."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(web_db, path)
    return path


@pytest.fixture
def writer(own_db):
    """Another process holding the store's write lock, as `bilateral import` would."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD_WRITE_LOCK, str(own_db)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    proc.kill()
    proc.wait()


def test_access_cursor_reads_and_counts_users(own_db):
    access = StoreAccess(own_db, linger=60)
    with access.cursor() as a, access.cursor() as b:
        assert a.execute("SELECT count(*) FROM events").fetchall() == b.execute("SELECT count(*) FROM events").fetchall()
        assert access._users == 2
    assert access._users == 0 and access._store is not None  # lingering
    access.close()
    assert access._store is None


def test_access_releases_the_file_for_a_writer(own_db):
    access = StoreAccess(own_db, linger=0.2)
    with access.cursor() as con:
        assert con.execute(WRITTEN).fetchall()[0][0] == 0
    before = access.stamp()
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", WRITE_AFTER_WAIT, str(own_db)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 30
    assert access.stamp() != before
    with access.cursor() as con:
        assert con.execute(WRITTEN).fetchall()[0][0] == 1
    access.close()


def test_access_busy_reader_still_lets_a_writer_in(own_db):
    """Requests every 20 ms never leave the connection idle, yet a waiting writer gets its turn."""
    access = StoreAccess(own_db, max_hold=1.0, gap=0.6, wait=0.2)
    stop, outcomes = threading.Event(), []

    def keep_reading():
        while not stop.is_set():
            try:
                with access.cursor() as con:
                    outcomes.append(con.execute(WRITTEN).fetchall()[0][0])
            except StoreBusyError:
                outcomes.append("busy")
            time.sleep(0.02)

    reader = threading.Thread(target=keep_reading)
    reader.start()
    try:
        time.sleep(0.3)
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-c", WRITE_AFTER_WAIT, str(own_db)], capture_output=True, text=True, timeout=60)
        waited = time.monotonic() - started
        time.sleep(1.0)  # the reader opens the changed store again
    finally:
        stop.set()
        reader.join()
        access.close()
    assert done.returncode == 0, done.stderr
    assert waited < 10
    seen = [n for n in outcomes if n != "busy"]
    assert seen[0] == 0 and seen[-1] == 1  # the reader saw the write, and kept working after it


def test_access_long_request_does_not_stall_the_others(own_db):
    """A download still streaming when the connection is due to close: new requests wait ``drain`` s, not for it."""
    access = StoreAccess(own_db, max_hold=0.2, drain=0.5, linger=0.1)
    answered = []

    def ask():
        started = time.monotonic()
        with access.cursor() as con:
            answered.append((con.execute("SELECT count(*) FROM events").fetchall()[0][0], time.monotonic() - started))

    def ask_in_thread():
        other = threading.Thread(target=ask, daemon=True)
        other.start()
        other.join(timeout=10)

    with access.cursor():  # the long request
        time.sleep(0.3)  # past max_hold
        ask_in_thread()
    time.sleep(0.3)  # the connection closes after the linger
    ask_in_thread()  # and opens again for the next request
    access.close()
    assert len(answered) == 2 and answered[0][0] == answered[1][0] > 0
    assert 0.4 <= answered[0][1] < 5  # it waited for the drain, then was served on the same connection
    assert answered[1][1] < 5


def test_access_requests_waiting_on_one_busy_open_share_its_503(own_db, writer):
    """Eight requests meeting a writer get their 503 after about one wait, not eight waits in a row."""
    access = StoreAccess(own_db, wait=1.0)
    errors = []

    def ask():
        try:
            with access.cursor():
                pass
        except StoreBusyError as exc:
            errors.append(exc)

    started = time.monotonic()
    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(errors) == 8
    assert time.monotonic() - started < 4  # one after another would take 8 s
    assert access._users == 0


def test_access_busy_store_is_a_clear_error(own_db, writer):
    access = StoreAccess(own_db, wait=0.3)
    started = time.monotonic()
    with pytest.raises(StoreBusyError, match="in use by another bilateral process"):
        with access.cursor():
            pass
    assert time.monotonic() - started < 5
    assert access._users == 0


def test_access_busy_store_answers_503_with_retry_after(own_db):
    app = create_app(own_db)
    app.state.access.linger, app.state.access.wait = 0.0, 0.3
    with TestClient(app) as client:
        assert client.get("/api/countries").status_code == 200
        time.sleep(0.2)  # the connection closes after the (zero) linger
        proc = subprocess.Popen([sys.executable, "-c", HOLD_WRITE_LOCK, str(own_db)], stdout=subprocess.PIPE, text=True)
        try:
            assert proc.stdout.readline().strip() == "locked"
            api = client.get("/api/dyad/IRN/RUS")
            twin = client.get("/dyad/IRN/RUS.json")
            shell = client.get("/dyad/IRN/RUS")  # the page shell needs no store read; its fetches get the 503
        finally:
            proc.kill()
            proc.wait()
        assert api.status_code == 503 and api.headers["retry-after"] == "5"
        assert "being written by another bilateral process" in api.json()["detail"]
        assert twin.status_code == 503 and twin.headers["retry-after"] == "5"
        assert shell.status_code == 200
        assert client.get("/api/dyad/IRN/RUS").status_code == 200  # the writer is gone
