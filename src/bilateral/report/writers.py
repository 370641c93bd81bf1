"""Report writers registered by format name, chosen from the output file's suffix."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from bilateral.errors import BilateralError
from bilateral.report.render_html import write_html
from bilateral.report.render_json import write_json
from bilateral.report.render_md import write_md

Writer = Callable[[dict, Path], Path]
WRITERS: dict[str, Writer] = {"html": write_html, "md": write_md, "json": write_json}
SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}


def report_format(path: str | Path) -> str:
    """The format a report path asks for; a clear error for any other suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise BilateralError(f"{path}: unsupported report type {suffix or '(none)'}; use .html, .md or .json")
    return SUFFIXES[suffix]


def write_report(report: dict, path: str | Path) -> Path:
    """Write the report dict to ``path`` in the format its suffix names (.html, .md, .json)."""
    return WRITERS[report_format(path)](report, Path(path))
