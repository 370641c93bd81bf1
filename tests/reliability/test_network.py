"""Issue 7: nothing reaches the network except `bilateral fetch` (and `serve` listening on loopback)."""
from __future__ import annotations

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
