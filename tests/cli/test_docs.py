"""Every command and every option is documented (Datasette's rule: an undocumented feature is a bug)."""
from __future__ import annotations

import re
from pathlib import Path

import typer.main

from bilateral.cli.main import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def _commands():
    group = typer.main.get_command(app)
    return group.commands


def test_docs_every_command_is_in_the_readme():
    missing = [name for name in _commands() if not re.search(rf"`bilateral {re.escape(name)}\b", README)]
    assert not missing, f"commands missing from README.md: {missing}"


def test_docs_every_option_has_help_text():
    undocumented = [
        f"{name} {param.opts[0]}"
        for name, command in _commands().items()
        for param in command.params
        if getattr(param, "param_type_name", "") == "option" and not (param.help or "").strip()
    ]
    assert not undocumented, f"options without --help text: {undocumented}"
