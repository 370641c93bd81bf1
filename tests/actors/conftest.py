"""Fixtures for the actor tests: the shipped dictionary resolved on a real parse."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def resolve_codes():
    """(text, date) -> {mention text: actor code}, with the shipped dictionary and pipeline."""
    from bilateral.actors.dictionary import load_dictionary
    from bilateral.actors.resolve import ActorResolver
    from bilateral.coding.nlp import load_pipeline

    nlp = load_pipeline()
    resolver = ActorResolver(nlp, load_dictionary())
    return lambda text, date: {m.text: m.code for m in resolver.find(nlp(text), date=date)}
