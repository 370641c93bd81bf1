"""bilateral: code news text into political events and follow how two countries' relations evolve."""
from __future__ import annotations

_LAZY = {"code_texts": "bilateral.coding.api", "Coder": "bilateral.coding.coder"}


def __getattr__(name: str):
    """Import heavy entry points (spaCy, pandas) only when first used."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'bilateral' has no attribute {name!r}")
