"""Report writers registered by format name, chosen from the output file's suffix.

Each writer is named by module and function and imported when used, so naming the
report in a command costs nothing until a report is written.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from bilateral.errors import BilateralError

WRITERS: dict[str, tuple[str, str]] = {
    "html": ("bilateral.report.render_html", "write_html"),
    "md": ("bilateral.report.render_md", "write_md"),
    "json": ("bilateral.report.render_json", "write_json"),
}
SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}


def report_format(path: str | Path) -> str:
    """The format a report path asks for; a clear error for any other suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise BilateralError(f"{path}: unsupported report type {suffix or '(none)'}; use .html, .md or .json")
    return SUFFIXES[suffix]


def write_report(report: dict, path: str | Path) -> Path:
    """Write the report dict to ``path`` in the format its suffix names (.html, .md, .json)."""
    module, function = WRITERS[report_format(path)]
    return getattr(importlib.import_module(module), function)(report, Path(path))
