"""'The West' as a region actor, jails that belong to a country, places the tagger calls people."""
from __future__ import annotations

import pytest


@pytest.fixture
def find(resolve_codes):
    return lambda text: resolve_codes(text, "2024-06-01")


def test_the_west_as_a_noun_is_the_cameo_region_code(find):
    assert "WST" in find("The West accused Tehran of stalling the talks.").values()
    assert "WST" in find("Moscow blamed the West for the crisis.").values()
    assert "WST" in find("Tehran accused the West Monday of hypocrisy.").values()  # a day name is no place name


def test_western_before_an_agent_noun_gives_the_agent_the_region(find):
    codes = find("Western diplomats said the offer had been rejected.")
    assert "WSTGOV" in codes.values(), codes
    assert "WSTGOV" in find("Russia warned Western powers against sending troops.").values()


@pytest.mark.parametrize("text", [
    "Heavy fighting was reported in western Iraq on Monday.",
    "Settlers attacked a village in the West Bank.",
    "Western sanctions have hurt the economy.",
    "The convoy turned to the west of the city.",
    "West African leaders met in Abuja.",
    "Leaders of the West African bloc met in Abuja.",
])
def test_western_as_a_direction_or_part_of_a_place_is_no_actor(find, text):
    assert not any(code.startswith("WST") for code in find(text).values()), find(text)


def test_a_country_s_jail_is_its_prison_service(find):
    codes = find("The aid worker was freed from an Iranian jail on Friday.")
    assert "IRNCOP" in codes.values(), codes
    codes = find("Inmates rioted at a jail in northern Israel.")
    assert any(code == "ISRCOP" for code in codes.values()), codes


def test_a_region_tagged_as_a_person_is_placed_by_the_gazetteer(resolve_codes):
    # spaCy's small English model tags both names below PERSON.
    codes = resolve_codes("Clashes erupted in Rakhine on Sunday.", "2024-06-01")
    assert codes.get("Rakhine") == "MMR", codes
    codes = resolve_codes("Israeli tanks shelled Khan Younis overnight.", "2024-06-01")
    assert codes.get("Khan Younis") == "PSE", codes


def test_a_one_word_city_name_used_as_a_given_name_stays_a_person(find):
    # "Madison" is a US city in the gazetteer; as the subject of "thanked her parents" it is a woman.
    codes = find("Madison thanked her parents.")
    assert not any(code.startswith("USA") for code in codes.values()), codes


def test_the_west_bank_stays_palestinian_when_west_is_no_actor(find):
    codes = find("Israel reimposed blockades in the West Bank on Friday.")
    assert "PSE" in codes.values() and not any(code.startswith("WST") for code in codes.values()), codes


def test_a_capitalised_region_before_a_people_noun_places_them(find):
    assert find("Rakhine Buddhists").get("Rakhine Buddhists") == "MMRBUD"


def test_short_acronyms_need_capitals(find):
    assert any(code.startswith("MEX") for code in find("PAN lawmakers walked out of the chamber.").values())
    assert not any(code.startswith("MEX") for code in find("Pan Gongsheng said rates would stay on hold.").values())
    assert not any(code.startswith("MEX") for code in find("She put the pan on the stove.").values())


def test_an_acronym_the_tagger_takes_for_a_verb_is_still_the_group(find):
    assert find("FDLR").get("FDLR") == "RWAREB"


def test_state_news_agencies_are_their_government_s_media(find):
    assert "KWTGOVMED" in find("KUNA reported that the emir had received the envoy.").values()


@pytest.mark.parametrize(("name", "country"), [
    ("Rafah", "PSE"), ("Tyre", "LBN"), ("Fordow", "IRN"), ("Kharg Island", "IRN"), ("Stepanakert", "AZE"),
    ("Nakhchivan", "AZE"), ("Sweida", "SYR"), ("Sulaimaniyah", "IRQ"),
])
def test_towns_in_the_news_that_geonames_spells_otherwise_are_in_the_gazetteer(name, country):
    from bilateral.actors.dictionary import find_place

    assert find_place(name).country == country
