"""Hand-kept agent words (agents_added.csv) replace and extend the generated agents.csv."""
from __future__ import annotations

import pytest

from bilateral.actors.dictionary import ACTORS_DIR, SECTORS, load_dictionary, read_rows


@pytest.fixture(scope="module")
def book():
    return load_dictionary()


def test_hand_rows_replace_plover_vocabulary(book):
    # PLOVER writes medical staff MED; in CAMEO MED is the media and health is HLH.
    assert book.agent_sector("paramedics") == "HLH"
    assert book.agent_sector("public radios") == "MED"
    assert book.agent_sector("self-proclaimed state") == "SEP"


def test_hand_rows_use_cameo_sectors_only():
    for line, row in read_rows(ACTORS_DIR / "agents_added.csv"):
        blocks = [row["sector"][i:i + 3] for i in range(0, len(row["sector"]), 3)]
        assert blocks and all(b in SECTORS for b in blocks), (line, row)


@pytest.mark.parametrize(("word", "sector"), [("tanks", "MIL"), ("deputies", "LEG"), ("ombudsman", "GOV"),
                                              ("provincial government", "GOV"), ("hostages", "CVL")])
def test_added_words(book, word, sector):
    assert book.agent_sector(word) == sector


def test_agent_words_combine_with_a_country_in_a_parse():
    from bilateral.actors.resolve import ActorResolver
    from bilateral.coding.nlp import load_pipeline

    nlp = load_pipeline()
    resolver = ActorResolver(nlp, load_dictionary())
    codes = {m.text: m.code for m in resolver.find(nlp("Israeli tanks shelled the town as Duma deputies met."))}
    assert codes.get("Israeli tanks") == "ISRMIL", codes
