"""The relationship report: one dict built from the store and the dynamics engine, rendered as HTML, Markdown or JSON.

Names are imported on first use (PEP 562), so commands that only mention the report do not
pay for loading altair, vl-convert and the dynamics engine.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "build": ("build_report",),
    "writers": ("report_format", "write_report"),
    "render_html": ("render_html",),
    "render_md": ("render_md",),
    "render_json": ("render_json",),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module 'bilateral.report' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"bilateral.report.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
