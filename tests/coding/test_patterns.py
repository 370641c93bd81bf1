"""The pattern data: verb + object words -> CAMEO codes, event nouns, data-file hygiene."""
from __future__ import annotations

import pytest

from bilateral.coding.patterns import DATA, pattern_book
from bilateral.ontology import is_known


@pytest.fixture(scope="module")
def book():
    return pattern_book()


@pytest.mark.parametrize(
    ("verb", "particles", "after", "code"),
    [
        ("attack", set(), {"positions"}, "190"),
        ("impose", set(), {"sanctions", "sanction"}, "163"),
        ("provide", {"with"}, {"humanitarian", "aid", "with"}, "073"),
        ("provide", {"with"}, {"aid", "with"}, "070"),
        ("supply", {"to"}, {"drones", "to"}, "072"),
        ("meet", {"with"}, {"with"}, "040"),
        ("hold", set(), {"talks", "talk"}, "046"),
        ("expel", set(), {"diplomats", "diplomat"}, "161"),
        ("hit", {"out"}, {"on", "ukraine"}, "111"),  # "hits out on/at X" is criticism, not a strike
        ("hit", set(), {"targets", "target"}, "190"),
    ],
)
def test_patterns_verb_and_object_words_give_the_code(book, verb, particles, after, code):
    assert book.match_verb(verb, particles, after).code == code


def test_patterns_more_object_words_are_more_specific(book):
    plain = book.match_verb("provide", set(), {"aid"})
    specific = book.match_verb("provide", set(), {"humanitarian", "aid"})
    assert specific.specificity > plain.specificity


def test_patterns_reciprocal_and_mirror_codes(book):
    assert book.match_verb("sign", set(), {"treaty"}).reciprocal
    assert not book.match_verb("attack", set(), set()).reciprocal
    assert book.match_verb("visit", set(), set()).paired == "043"


def test_patterns_event_nouns_refined_by_modifiers(book):
    assert book.match_noun("strike", set()).code == "190"
    assert book.match_noun("strike", {"air"}).code == "195"
    assert book.match_noun("strike", {"hunger"}).code == "142"
    assert book.match_noun("weather", set()) is None


def test_patterns_every_code_in_the_data_files_is_a_cameo_code(book):
    codes = {code for code, _ in book.defaults.values()} - {"-"}
    codes |= {p.code for patterns in book.patterns.values() for p in patterns} - {"-"}
    codes |= {p.code for patterns in book.nouns.values() for p in patterns}
    codes |= set(book.paired.values())
    unknown = sorted(c for c in codes if not is_known(c))
    assert unknown == []


def test_patterns_data_files_carry_a_header():
    for path in DATA.glob("*.tsv"):
        assert path.read_text(encoding="utf-8").startswith("#"), path.name
    for generated in ("verbs.tsv", "verb_objects.tsv", "synsets.tsv"):
        assert "# Source: openeventdata/petrarch2" in (DATA / generated).read_text(encoding="utf-8")


def test_patterns_every_core_verb_with_a_default_is_a_known_verb(book):
    # a verb listed only in core_verbs.tsv, without object patterns, must still code
    core_defaults = {verb for (verb, _), (code, layer) in book.defaults.items() if layer == "core" and code != "-"}
    assert {"urge", "sanction"} <= core_defaults
    assert all(book.known_verb(verb) for verb in core_defaults)
    assert book.match_verb("sanction", set(), set()).code == "163"


def test_patterns_core_only_verb_codes_in_a_sentence(code):
    assert ("USA", "VEN", "163") in code("The United States sanctioned Venezuela.")


@pytest.mark.parametrize(("text", "expected"), [
    # A pledge of aid is the intent to give it (033 and its kinds), not general cooperation (030).
    ("Norway pledged new aid to Somalia after the floods.", ("NOR", "SOM", "033")),
    ("Poland pledged military aid to Georgia.", ("POL", "GEO", "0332")),
    # Announcing a stop to aid is the stop itself; the aid word alone would read as a pledge.
    ("Canada announced a suspension of aid to Haiti.", ("CAN", "HTI", "162")),
    # Light verbs: the noun carries the event.
    ("Serbia made concessions to Kosovo on licence plates.", ("SRB", "KSV", "080")),
    ("Ukraine brought a lawsuit against Russia at the court.", ("UKR", "RUS", "115")),
    ("Greece imposed a naval blockade on Albania.", ("GRC", "ALB", "191")),
])
def test_patterns_pledges_stops_and_light_verbs_in_a_sentence(code, text, expected):
    assert expected in code(text)


@pytest.mark.parametrize(("text", "source", "cameo"), [
    # Receiving observers or inspectors is allowing international involvement (0862).
    ("Armenia received a mission of monitors from the European Union.", "ARM", "0862"),
    # Light verbs of completing or hastening: the event noun is the act ("completed its withdrawal").
    ("Chad completed the withdrawal of its troops from Niger.", "TCD", "0874"),
])
def test_patterns_received_monitors_and_completed_withdrawals(code, text, source, cameo):
    assert any(s == source and c == cameo for s, _, c in code(text))


@pytest.mark.parametrize(("text", "source", "cameo"), [
    ("Azerbaijan offered concessions to Armenia on the corridor.", "AZE", "035"),  # intent to yield
    ("Serbia and Kosovo renewed negotiations on Monday.", "SRB", "046"),  # negotiations, both ways
    ("Japan handed over medicines to Nepal.", "JPN", "073"),  # relief goods are aid, not a return
    ("Peru eased the state of emergency in Lima.", "PER", "0814"),
    ("Sweden reduced food supplies to Somalia.", "SWE", "162"),  # reducing material aid
])
def test_patterns_concessions_negotiations_relief_and_easing(code, text, source, cameo):
    assert any(s == source and c == cameo for s, _, c in code(text))


@pytest.mark.parametrize(("text", "expected"), [
    # Boosting military cooperation is cooperation, not a build-up of forces (154, a threat as intent).
    ("Spain and Italy pledged to boost military cooperation.", ("ESP", "ITA", "0312")),
    ("The United States pulled out of its treaty with Russia.", ("USA", "RUS", "160")),  # not a military retreat
])
def test_patterns_cooperation_boosts_and_treaty_exits(code, text, expected):
    assert expected in code(text)


def test_patterns_troops_sent_to_a_border_are_a_build_up(code):
    assert {c for _, _, c in code("India deployed troops to the border with China.")} == {"154"}


def test_patterns_of_equal_rank_the_one_naming_the_direct_object_wins(book):
    words = {"negotiations", "negotiation", "on", "relations", "relation", "pullback"}
    assert book.match_verb("renew", set(), words, head={"negotiations", "negotiation"}).code == "046"
    assert book.match_verb("renew", set(), words, head={"relations", "relation"}).code == "050"


@pytest.mark.parametrize(("text", "expected"), [
    # Putting someone under investigation investigates them; under house arrest arrests them.
    ("Police in Tehran placed a French tourist under investigation.", ("IRNCOP", "FRACVL", "090")),
    ("Egyptian police placed the Iranian diplomat under house arrest.", ("EGYCOP", "IRNGOV", "173")),
])
def test_patterns_put_under_investigation_or_arrest(code, text, expected):
    assert expected in code(text)


def test_patterns_allowing_a_rally_eases_dissent_not_international_involvement(book):
    assert book.match_verb("allow", set(), {"the", "opposition", "rally"}).code == "082"
    assert book.match_verb("allow", set(), {"the", "inspectors", "inspector"}).code == "0862"


def test_patterns_an_eased_curfew_is_a_concession_as_the_plover_manual_says(coder):
    events = coder.code_sentence("Sudan's president shortened the curfew in Khartoum.")
    assert [(e.source, e.cameo, e.plover) for e in events] == [("SDNGOV", "0813", "CONCEDE")]


@pytest.mark.parametrize(("text", "cameo"), [
    ("Algerian Islamists went on hunger strike against the Algerian government.", "142"),
    ("Iranian oil workers went on strike against the government in Tehran.", "143"),
])
def test_patterns_going_on_strike_is_a_strike_not_a_meeting(code, text, cameo):
    assert {c for _, _, c in code(text)} == {cameo}


@pytest.mark.parametrize(("text", "expected"), [
    # Defending a stance in words endorses it; defending a place is military protection.
    ("Kenya's foreign minister defended Uganda's policy on refugees.", ("KENGOV", "UGA", "051")),
    ("Chadian soldiers defended the border town with Sudan.", ("TCDMIL", "SDN", "074")),
    # An agreement on cooperation is the agreement (057) both ways, not the cooperation it names.
    ("Ghana and Togo signed an agreement on trade and security cooperation.", ("TGO", "GHA", "057")),
    ("Canada removed the sanctions on Belarus.", ("CAN", "BLR", "085")),  # as lifting them
    ("The Sudanese army announced a ceasefire with the rebels.", ("SDNMIL", "---REB", "0871")),
    ("Norway flew medicine into Haiti.", ("NOR", "HTI", "073")),  # relief goods flown in are aid
])
def test_patterns_defending_signing_removing_announcing_and_flying_in(code, text, expected):
    assert expected in code(text)


def test_patterns_a_considered_act_is_not_coded_as_done(code):
    assert not any(c.startswith("07") for _, _, c in code("Japan is considering sending aid to North Korea."))


@pytest.mark.parametrize(("text", "expected"), [
    ("Australian federal police have launched an investigation into an Iranian diplomat.", {("AUSCOP", "IRNGOV", "090")}),
    ("Baghdad fired Kirkuk's Kurdish governor.", set()),  # a dismissal, not shooting
    ("Iraqi troops fired on Turkish soldiers.", {("IRQMIL", "TURMIL", "193")}),
])
def test_patterns_launching_an_investigation_and_firing_an_official(code, text, expected):
    assert set(code(text)) == expected


@pytest.mark.parametrize(("text", "source", "cameo"), [
    ("Yemen let free 30 activists.", "YEM", "0841"),  # releasing them (when "free" parses as the verb, not yet)
    ("Ethiopia set free 74 political leaders.", "ETH", "0841"),
    ("Colombian rebels laid down their arms.", "COLREB", "0873"),  # demobilizing
    ("The United States rolled back tariffs on Chinese goods.", "USA", "085"),  # easing sanctions
    ("Honduras declared a state of siege.", "HND", "1724"),  # martial law, not a blockade
])
def test_patterns_releases_demobilizing_easing_and_states_of_siege(code, text, source, cameo):
    assert any(s == source and c == cameo for s, _, c in code(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Pakistan launched a mediation effort between Qatar and Saudi Arabia.", ("PAK", "045")),  # mediating
    ("Turkey offered mediation between Russia and Ukraine.", ("TUR", "039")),  # intent to mediate
])
def test_patterns_launched_and_offered_mediation(code, text, expected):
    assert expected in {(s, c) for s, _, c in code(text)}


@pytest.mark.parametrize("text", ["South Sudan's president pardoned 30 prisoners.",
                                  "Iran granted amnesty to Kurdish rebels."])
def test_patterns_pardons_and_amnesties_ease_a_legal_sanction_a_concession(coder, text):
    # PLOVER codes pardons and amnesties CONCEDE and the release itself RETREAT.
    assert [(e.cameo, e.plover) for e in coder.code_sentence(text)][:1] == [("081", "CONCEDE")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Iran and the United States returned to the negotiating table.", ("USA", "IRN", "046")),  # negotiating
    ("Iran returned the seized tanker to Britain.", ("IRN", "GBR", "0842")),  # a return of property
])
def test_patterns_returning_to_talks_is_negotiating_not_a_release(code, text, expected):
    assert expected in code(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Qatar withdrew peacekeepers from the Eritrea-Djibouti border.", ("QAT", "DJI", "1661")),  # not a retreat
    ("France suspended tariffs on US goods.", ("FRA", "USA", "085")),  # easing economic pressure
])
def test_patterns_withdrawn_peacekeepers_and_suspended_tariffs(code, text, expected):
    assert expected in code(text)


def test_patterns_a_suspended_protest_is_a_concession_and_going_somewhere_no_event(coder):
    postponed = coder.code_sentence("The opposition in Georgia agreed to postpone the demonstration.")
    assert [e.cameo for e in postponed] == ["0352"]  # intent to ease dissent
    moving = coder.code_sentence("The Syrian army seized the pipeline, which goes from Iraq to the coast.")
    assert not any(e.cameo == "040" for e in moving)


@pytest.mark.parametrize(("text", "expected"), [
    # Material help whose purpose is to help someone is help to them; the purpose is no second event.
    ("Germany sent money to help Iraqi families.", {("DEU", "IRQCVL", "071")}),
    # Mobilising funds is aid, not a mobilisation of forces (the purpose clause parsed as the verb's).
    ("The European Union is mobilising additional funds to support peace building in Colombia.",
     {("IGOEUREEC", "COL", "070")}),
])
def test_patterns_help_with_a_helping_purpose_and_mobilised_funds(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Biden vows support for Ukraine", ("USAGOV", "UKR", "032")),  # intent to support, not a threat
    ("The EU kept sanctions on Russia.", ("IGOEUREEC", "RUS", "163")),  # keeping sanctions imposes them
    ("Iran and Russia presidents speak by phone", ("RUSGOV", "IRNGOV", "040")),  # both ways
])
def test_patterns_vowed_support_kept_sanctions_and_phone_calls(code, text, expected):
    assert expected in code(text)
