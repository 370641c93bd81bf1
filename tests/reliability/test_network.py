"""Issue 7: nothing reaches the network except `bilateral fetch` (and `serve` listening on loopback)."""
from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

NETGUARD = Path(__file__).resolve().parents[1] / "netguard"


def test_network_guard_blocks_sockets_in_commands(tmp_path, cli):
    """The guard is real: under it, a process that opens a socket fails (so passing CLI tests prove no network)."""
    import os

    env = {**os.environ, "PYTHONPATH": str(NETGUARD), "BILATERAL_BLOCK_SOCKETS": "1"}
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.socket()"], env=env, capture_output=True, text=True)
    assert probe.returncode != 0 and "may not open a network socket" in probe.stderr
    unix = subprocess.run([sys.executable, "-c", "import socket; socket.socket(socket.AF_UNIX).close()"], env=env)
    assert unix.returncode == 0  # local IPC stays allowed


def test_network_commands_run_offline(tmp_path, cli):
    """`--help` of every command loads every module offline: no import opens a socket."""
    result = cli("--help")
    assert result.returncode == 0, result.stderr
    for command in ("code", "dyad", "demo"):
        assert command in result.stdout


def test_network_in_process_tests_reach_loopback_only():
    with socket.socket() as sock:
        with pytest.raises(PermissionError, match="tests reach only 127.0.0.1"):
            sock.connect(("93.184.216.34", 80))


def test_network_guard_reaches_the_bilateral_command(tmp_path, cli):
    """Under the guard even `fetch` cannot open a socket, so the other commands' passing runs prove they need none."""
    done = cli("fetch", "gdelt", "--from", "2020-01-01", "--to", "2020-01-01",
               "--base-url", "http://127.0.0.1:9/", "--db", tmp_path / "f.duckdb")
    assert done.returncode != 0 and "may not open a network socket" in done.stderr


@pytest.mark.shared
def test_network_data_commands_run_offline(tmp_path, cli, shared_data):
    """import, dyad, report, export and code finish with sockets blocked."""
    db = tmp_path / "s.duckdb"
    icews = shared_data / "formats" / "icews" / "events.2018.sample.tab"
    story = tmp_path / "story.txt"
    story.write_text("Russian and Iranian officials signed a trade agreement in Moscow on Monday.")
    outputs = {}
    for args in [
        ("import", "icews", icews),
        ("dyad", "USA", "PRK", "--freq", "day"),
        ("report", "USA", "PRK", "--out", tmp_path / "r.html"),
        ("export", "--format", "gdelt2", "--out", tmp_path / "e.tsv"),
        ("code", story),
    ]:
        done = cli(*args, "--db", db)
        assert done.returncode == 0, (args[0], done.stderr[-1500:])
        outputs[args[0]] = done.stdout
    assert "USA->PRK" in outputs["dyad"] and "1 file(s): read 3,705" in outputs["import"]
    assert len((tmp_path / "e.tsv").read_text().splitlines()) >= 3705
    html = (tmp_path / "r.html").read_text()
    assert re.findall(r"""(?:src|href)=["']https?://""", html) == []  # opens offline: nothing fetched from elsewhere
