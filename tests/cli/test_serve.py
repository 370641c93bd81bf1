"""`bilateral serve`: binds to 127.0.0.1 by default, says so, serves the store read-only."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pandas as pd
import pytest

from bilateral.cli.serve import allowed_hosts, is_loopback
from bilateral.model import EVENT_COLUMNS, event_id_for
from bilateral.store import Store


@pytest.mark.parametrize("host, local", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
                                         ("127.0.0.2", True), ("0.0.0.0", False), ("::", False), ("192.168.1.5", False),
                                         ("example.org", False)])
def test_serve_is_loopback(host, local):
    assert is_loopback(host) is local
    assert (allowed_hosts(host) is not None) is local


@pytest.fixture
def small_db(db_path):
    rows = []
    for i, (src, tgt, code, quad) in enumerate([("IRN", "RUS", "057", 2), ("RUS", "IRN", "112", 3), ("IRN", "RUS", "040", 1)]):
        row = dict.fromkeys(EVENT_COLUMNS)
        row.update(event_id=event_id_for(i), date=f"2020-0{i + 1}-15", source=src, target=tgt, source_country=src,
                   target_country=tgt, cameo=code, root=code[:2], quad_class=quad, penta_class=quad, goldstein=1.0,
                   sentence=f"sentence {i}", negated=False)
        rows.append(row)
    with Store(db_path) as store:
        store.write_events(pd.DataFrame(rows))
    return db_path


def test_serve_starts_on_loopback_and_says_so(small_db):
    proc = subprocess.Popen([sys.executable, "-m", "bilateral", "serve", "--port", "0", "--db", str(small_db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stdout.readline()
        assert "read-only" in line and "bound to 127.0.0.1: this machine only" in line, line + proc.stderr.read()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        body = _get(url + "api/countries", timeout=20)
        assert {c["code"]: c["events"] for c in body["countries"]} == {"IRN": 3, "RUS": 3}
        request = urllib.request.Request(url + "api/countries", headers={"Host": "attacker.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 400  # DNS rebinding: a foreign Host header is refused
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _get(url: str, timeout: float) -> dict:
    import time

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.load(response)
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_missing_store_is_a_clear_error(tmp_path, cli):
    done = cli("serve", "--port", "0", "--db", tmp_path / "absent.duckdb", timeout=60)
    assert done.returncode == 1
    assert "no such store" in done.stderr and "Traceback" not in done.stderr
