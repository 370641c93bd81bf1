"""The report as JSON: the report dict itself (charts as Vega-Lite specs with their data inline)."""
from __future__ import annotations

import json
from pathlib import Path


def render_json(report: dict) -> str:
    """The report dict as indented JSON text (UTF-8 kept, no NaN: missing values are null)."""
    return json.dumps(report, ensure_ascii=False, indent=1, allow_nan=False)


def write_json(report: dict, path: str | Path) -> Path:
    """Write the JSON report to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_json(report) + "\n", encoding="utf-8")
    return path
