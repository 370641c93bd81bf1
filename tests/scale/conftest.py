"""Fixtures for the scale tests: one coder per session and small real newswire samples."""
from __future__ import annotations

import pytest

REUTERS_SAMPLE = 80  # stories: about 500 sentences, parsed twice (with and without the pre-scan)
GUARDIAN_SAMPLE = 8  # long articles, with accents and curly quotes


@pytest.fixture(scope="session")
def coder():
    from bilateral.coding import Coder

    return Coder()


@pytest.fixture(scope="session")
def scanning(coder):
    from bilateral.scale.sentences import SentenceCoder

    return SentenceCoder(coder)


@pytest.fixture(scope="session")
def parsing_all(coder):
    from bilateral.scale.sentences import SentenceCoder

    return SentenceCoder(coder, prescan=False)


@pytest.fixture(scope="session")
def newswire(shared_data):
    """Cleaned Reuters-21578 stories and Guardian articles, as `bilateral code` would see them."""
    from bilateral.pipeline import clean_article
    from bilateral.scale.samples import guardian_articles, reuters_articles

    corpora = shared_data / "corpora"
    raw = list(reuters_articles(corpora / "reuters21578", limit=REUTERS_SAMPLE))
    raw += list(guardian_articles(corpora / "guardian-syria-articles-2017-2019.csv", limit=GUARDIAN_SAMPLE))
    return [a for a in map(clean_article, raw) if a is not None]
