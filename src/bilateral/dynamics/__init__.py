"""Relationship dynamics of a country pair: series, turning points, phases and more.

Every function takes an open store connection (``Store.con``), an events DataFrame, or a
:class:`Dyad` built from one, and returns DataFrames or frozen result records whose
``to_dict()`` is plain JSON data. Claims carry the ids of the events behind them.
:func:`analyse` runs everything at once.

Names are imported on first use (PEP 562), so ``bilateral dyad`` without analysis
options does not pay for loading ruptures and statsmodels.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "analysis": ("DyadAnalysis", "analyse"),
    "context": ("ContextActor", "context", "context_series"),
    "dimensions": ("DIMENSIONS", "code_dimension", "dimension_series", "dimension_shares", "event_dimensions", "key_events"),
    "dyad": ("FREQUENCIES", "dyad_events", "dyad_table"),
    "index": ("coop_index", "index_of_goldstein", "smoothed_index"),
    "outlook": ("Outlook", "outlook"),
    "phases": ("LABELS", "PHASE_SCALE", "Phase", "phase_label", "phases"),
    "reciprocity": ("Reciprocity", "reciprocity"),
    "results": ("EventRef",),
    "series": ("SERIES_COLUMNS", "combined", "directed", "dyad_series"),
    "source": ("Dyad",),
    "turning_points": ("TurningPoint", "breakpoints", "turning_points"),
    "words_deeds": ("words_deeds",),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module 'bilateral.dynamics' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"bilateral.dynamics.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
