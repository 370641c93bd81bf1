"""`bilateral serve`: the read-only web app over the store, on 127.0.0.1 unless told otherwise."""
from __future__ import annotations

import ipaddress
import socket

import typer

from bilateral.cli.options import DB_OPTION, console, err_console

LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str) -> list[str] | None:
    """Host headers a loopback server accepts (blocks DNS rebinding); None (any) when shared."""
    if not is_loopback(host):
        return None
    return ["127.0.0.1", "localhost", "[::1]", "::1"]


def free_port(host: str) -> int:
    """A port nobody listens on now (for --port 0, so the address printed is the real one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; 127.0.0.1 serves this machine only, 0.0.0.0 shares it."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port (0 picks a free one)."),
    db: str = DB_OPTION,
) -> None:
    """Serve the store read-only: pick two countries and see their relationship, evidence and report."""
    import uvicorn

    from bilateral.web import create_app

    app = create_app(db, allowed_hosts=allowed_hosts(host))
    port = port or free_port(host)
    where = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    if is_loopback(host):
        console.print(f"bilateral serve: {db} read-only at {where} (bound to {host}: this machine only; --host 0.0.0.0 to share)",
                      soft_wrap=True, highlight=False, markup=False)
    else:
        err_console.print(f"[yellow]warning[/yellow]: bound to {host}: anyone who can reach this machine can read the store", soft_wrap=True)
        console.print(f"bilateral serve: {db} read-only at {where}", soft_wrap=True, highlight=False, markup=False)
    console.print("Press Ctrl+C to stop.")
    # A longer keep-alive than uvicorn's 5 s, so a busy server does not drop a client's next request.
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, access_log=False, timeout_keep_alive=30)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
