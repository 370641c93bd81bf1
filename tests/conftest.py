"""Shared fixtures: the ../shared data folder (skip when absent), a fresh store, the CLI."""
from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = (REPO / ".." / "shared" / "data").resolve()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The third-party data beside the repository; tests that need it skip when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside this clone")
    return SHARED_DATA


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


@pytest.fixture
def store(db_path: Path):
    from bilateral.store import Store

    with Store(db_path) as s:
        yield s


NETGUARD = Path(__file__).resolve().parent / "netguard"


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 600, env: dict | None = None,
            network: bool = False) -> subprocess.CompletedProcess:
    """Run `bilateral ARGS` as a real process, as a user would.

    Unless ``network`` is set (only `fetch` and `serve` need it), the process cannot create an
    internet socket: tests/netguard/sitecustomize.py blocks it, so a command that reaches for the
    network fails its test.
    """
    full_env = {**os.environ, **(env or {})}
    if not network:
        full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NETGUARD), full_env.get("PYTHONPATH")]))
        full_env["BILATERAL_BLOCK_SOCKETS"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "bilateral", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, timeout=timeout, env=full_env,
    )


@pytest.fixture
def cli():
    return run_cli


_connect = socket.socket.connect


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and not _is_loopback(host):
        raise PermissionError(f"test guard: connection to {host} refused; tests reach only 127.0.0.1")
    return _connect(self, address)


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """In-process tests may talk to servers on 127.0.0.1 only (issue 7: no surprise network)."""
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)
