"""`bilateral`: the console entry point. Each command lives in its own module with a `register(app)`."""
from __future__ import annotations

import importlib
import sys

import click
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
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    """Run the app, turning bilateral's own errors into one line and exit code 1."""
    try:
        result = app(standalone_mode=False)
    except BilateralError as exc:
        typer.secho(f"error: {exc}", err=True, fg="red")
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else 0)
