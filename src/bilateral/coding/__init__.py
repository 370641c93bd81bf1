"""Event coding: who did what to whom, from spaCy's dependency parse (registered as ``coder.v1``)."""
from __future__ import annotations

from bilateral.coding.coder import CodedDocument, Coder
from bilateral.coding.nlp import load_pipeline
from bilateral.coding.api import code_texts

__all__ = ["CodedDocument", "Coder", "code_texts", "load_pipeline"]
