"""`bilateral`: the console entry point. Each command lives in its own module with a `register(app)`."""
from __future__ import annotations

import importlib
import sys

import typer

from bilateral.errors import BilateralError

app = typer.Typer(
    name="bilateral",
    help="Code news into political events and explain how the relationship between two countries evolves.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# One module per command (spaCy's CLI layout); each adds its commands to `app`.
COMMAND_MODULES = (
    "bilateral.cli.code",
    "bilateral.cli.dyad",
    "bilateral.cli.demo",
    "bilateral.cli.serve",
    "bilateral.cli.report",
    "bilateral.cli.importing",
    "bilateral.cli.fetch",
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    """Run the app; bilateral's own errors become one line on stderr and exit code 1.

    Usage errors are click's (exit 2); everything else is a bug and keeps its traceback.
    """
    try:
        app()
    except BilateralError as exc:
        typer.secho(f"error: {exc}", err=True, fg="red")
        sys.exit(1)
