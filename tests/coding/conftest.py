"""Fixtures for the coder tests: one real English pipeline and one Coder per session."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from bilateral.coding.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def coder(nlp):
    from bilateral.coding import Coder

    return Coder(nlp=nlp)


@pytest.fixture(scope="session")
def code(coder):
    """Code one sentence; returns (source, target, cameo) triples."""

    def run(text: str, date: str | None = "2024-03-01"):
        return {(e.source, e.target, e.cameo) for e in coder.code_sentence(text, date)}

    return run


@pytest.fixture(scope="session")
def events(coder):
    """Code one sentence; returns (source, target, cameo, plover) tuples."""

    def run(text: str):
        return {(e.source, e.target, e.cameo, e.plover) for e in coder.code_sentence(text, "2024-03-01")}

    return run
