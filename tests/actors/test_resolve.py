"""Actor mentions found in real parses: dictionary phrases, agent words, NER fallback."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def nlp():
    from bilateral.coding.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="module")
def resolver(nlp):
    from bilateral.actors.dictionary import load_dictionary
    from bilateral.actors.resolve import ActorResolver

    return ActorResolver(nlp, load_dictionary())


@pytest.fixture(scope="module")
def find(nlp, resolver):
    def run(text: str, date: str | None = "2024-01-01"):
        return {m.text: m for m in resolver.find(nlp(text), date=date)}

    return run


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        ("Iranian officials met on Monday.", "Iranian officials", "IRNGOV"),
        ("Russian troops crossed the border.", "Russian troops", "RUSMIL"),
        ("Israel's defence minister spoke.", "Israel's defence minister", "ISRGOV"),
        ("Opposition groups in Zimbabwe protested.", "Opposition groups in Zimbabwe", "ZWEOPP"),
        ("The Kremlin denied it.", "Kremlin", "RUSGOV"),
        ("Tehran responded quickly.", "Tehran", "IRN"),  # a capital alone: the bare country (CAMEO, PETRARCH)
    ],
)
def test_resolve_country_and_agent_words_make_sector_codes(find, text, phrase, code):
    mentions = find(text)
    assert phrase in mentions, sorted(mentions)
    assert mentions[phrase].code == code
    assert mentions[phrase].country == code[:3]


def test_resolve_mentions_carry_offsets_into_the_text(nlp, resolver):
    text = "Yesterday Russian troops shelled Kharkiv."
    for mention in resolver.find(nlp(text)):
        assert text[mention.char_start:mention.char_end] == mention.text
        assert mention.start <= mention.head < mention.end


def test_resolve_lower_case_pronoun_is_not_the_united_states(find):
    assert all(m.country != "USA" for m in find("They told us the talks would go on.").values())
    assert find("The US sent aid.")["US"].country == "USA"


def test_resolve_bare_agent_words_have_a_sector_but_no_country(find):
    police = find("Police arrested three protesters.")["Police"]
    assert (police.code, police.country, police.sector) == ("---COP", None, "COP")
    assert police.certainty < 1.0


def test_resolve_collective_nouns_take_their_members_sector(find):
    assert find("A group of tourists arrived.")["group"].code == "---CVL"


def test_resolve_country_goes_to_the_head_of_the_noun_phrase(find):
    mentions = find("The Georgian Farmers' Association won the vote.")
    [body] = [m for m in mentions.values() if m.country == "GEO"]
    assert body.text.endswith("Association")
    assert body.sector != "AGR"  # the association, not the farmers inside its name


def test_resolve_dates_are_not_agents(find):
    assert all(m.sector != "NON" for m in find("Police fired on Monday night.").values())


def test_resolve_coordinated_country_words_share_a_state_body(find):
    codes = {m.code for m in find("French and Egyptian warships began exercises.").values()}
    assert {"FRAMIL", "EGYMIL"} <= codes


def test_resolve_title_before_an_unknown_name_gives_the_sector(find):
    mentions = find("Vanuatu's Foreign Minister Jotham Napat arrived.")
    assert any(m.code == "VUTGOV" and m.text.endswith("Napat") for m in mentions.values()), mentions


def test_resolve_former_office_holders_are_elites(find):
    assert find("A former Iranian official criticised the deal.")["A former Iranian official"].code == "IRNELI"
    assert find("Iranian officials criticised the deal.")["Iranian officials"].code == "IRNGOV"


def test_resolve_adjective_and_noun_make_one_agent_word(find):
    bank = find("Norway's central bank raised rates.")["Norway's central bank"]
    assert bank.country == "NOR" and bank.sector is not None


def test_resolve_party_and_people_are_cameo_sectors(find):
    assert find("The party rejected the deal.")["party"].sector == "PTY"
    assert find("Angry people gathered.")["people"].sector == "CVL"


def test_resolve_capitalised_title_alone_is_an_agent(find):
    assert find("The Defense Minister denied the report.")["Minister"].code == "---GOV"


def test_resolve_people_of_one_land_living_in_another_take_the_land(find):
    codes = {m.code for m in find("Iranian Azeris protested in Tabriz.").values()}
    assert "IRN" in codes and "AZE" not in codes


@pytest.mark.parametrize("text", ["Egypt imposed a state of emergency in Sinai.", "Honduras declared a state of siege."])
def test_resolve_a_state_of_emergency_is_no_government(find, text):
    assert all(m.sector != "GOV" for m in find(text).values())


def test_resolve_the_state_of_a_named_country_is_its_government(find):
    assert [m.code for m in find("The State of Qatar condemned the attack.").values()] == ["QATGOV"]
