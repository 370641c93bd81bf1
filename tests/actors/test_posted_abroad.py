"""People posted abroad: "in X" after a diplomat names the posting, not the diplomat's country (issue 8)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, phrase", [
    ("Washington restricted travel for diplomats in Lebanon.", "diplomats"),
    ("The ambassador in Baku was summoned on Tuesday.", "ambassador"),
])
def test_a_diplomat_in_a_country_is_not_that_country_s(resolve_codes, text, phrase):
    codes = resolve_codes(text, "2024-01-01")
    assert not any(code.startswith(("LBN", "AZE")) and phrase in name for name, code in codes.items())


@pytest.mark.parametrize("text, phrase, code", [
    ("Officials in Baku denied the report.", "Officials in Baku", "AZEGOV"),
    ("Iranian diplomats in Beirut met the minister.", "Iranian diplomats", "IRNGOV"),
])
def test_officials_in_a_capital_and_named_diplomats_keep_their_country(resolve_codes, text, phrase, code):
    assert resolve_codes(text, "2024-01-01").get(phrase) == code
