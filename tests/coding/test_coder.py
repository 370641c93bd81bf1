"""The event coder on sentences written for these tests, one construction each (issue 8, item 3)."""
from __future__ import annotations

import pytest

from bilateral.model import EVENT_COLUMNS, Article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey attacked Syria on Monday.", ("TUR", "SYR", "190")),  # subject / object
        ("Japan provided Ukraine with humanitarian aid.", ("JPN", "UKR", "073")),  # provide X with Y
        ("China supplied missiles to Pakistan last year.", ("CHN", "PAK", "072")),  # supply Y to X
        ("The Egyptian foreign minister met with Jordanian officials in Amman.", ("EGYGOV", "JORGOV", "040")),
        ("Iraq held talks with Kuwait over the border.", ("IRQ", "KWT", "046")),  # prepositional target
        ("Syria was bombed by Turkey overnight.", ("TUR", "SYR", "195")),  # passive by-agent
        ("Brazil imposed sanctions on Venezuela.", ("BRA", "VEN", "163")),  # verb + object pattern
        ("Russian troops shelled Ukrainian positions.", ("RUSMIL", "UKR", "194")),
        ("Norway expelled two Russian diplomats.", ("NOR", "RUSGOV", "161")),
    ],
)
def test_coder_predicates_with_agents_and_recipients(code, text, expected):
    assert expected in code(text)


def test_coder_negated_action_is_not_that_action(code):
    assert code("Pakistan did not attack India.") == set()
    assert code("Pakistan never attacked India.") == set()
    assert ("PAK", "IND", "190") in code("Pakistan attacked India.")


def test_coder_keeps_negated_actions_flagged_when_asked(nlp):
    from bilateral.coding import Coder

    events = Coder(nlp=nlp, keep_negated=True).code_sentence("Pakistan did not attack India.")
    assert [(e.source, e.target, e.cameo, e.negated) for e in events] == [("PAK", "IND", "190", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany plans to send weapons to Ukraine.", ("DEU", "UKR", "0332")),  # plans to -> intent 03x
        ("Egypt vowed to meet Sudan next month.", ("EGY", "SDN", "036")),
        ("Iran vowed to attack Israel.", ("IRN", "ISR", "1384")),  # hostile intent -> threat 13x
        ("North Korea threatened to strike South Korea.", ("PRK", "KOR", "1384")),
        ("Israel refused to meet Lebanon.", ("ISR", "LBN", "125")),  # refuse -> reject 12x
        ("France urged Mali to release the hostages.", ("FRA", "MLI", "0253")),  # appeal -> 02x
    ],
)
def test_coder_intent_threat_appeal_refusal(code, text, expected):
    coded = code(text)
    assert expected in coded
    assert all(cameo[:2] not in {"07", "19", "04", "08"} for _, _, cameo in coded)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany will send weapons to Ukraine.", ("DEU", "UKR", "072")),  # plain future: the act itself
        ("Iran will free the British sailors.", ("IRN", "GBR", "0841")),
    ],
)
def test_coder_plain_future_is_the_act(code, text, expected):
    coded = code(text)
    assert expected in coded
    assert all(cameo[:2] not in {"03", "13"} for _, _, cameo in coded)


def test_coder_reported_speech_codes_the_reported_event_with_attribution(coder):
    events = coder.code_sentence("Lebanese officials said Israel attacked Syria on Tuesday.", "2024-05-02")
    assert [(e.source, e.target, e.cameo) for e in events] == [("ISR", "SYR", "190")]
    assert events[0].attribution == "Lebanese officials"
    events = coder.code_sentence("Israel attacked Syria, according to Lebanese officials.")
    assert events[0].attribution == "Lebanese officials"


def test_coder_accusation_does_not_code_the_alleged_act(code):
    coded = code("Ukraine accused Russia of attacking Poland.")
    assert ("UKR", "RUS", "1123") in coded  # accuse of aggression
    assert not any(cameo.startswith("19") for _, _, cameo in coded)


def test_coder_compound_actors_give_both_directions_for_reciprocal_acts(code):
    assert code("Iran and Russia signed a strategic partnership treaty.") == {
        ("IRN", "RUS", "057"), ("RUS", "IRN", "057"),
    }
    coded = code("France and Germany attacked Libya.")  # compound subject, not reciprocal
    assert coded == {("FRA", "LBY", "190"), ("DEU", "LBY", "190")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israeli strikes on Iran", ("ISR", "IRN", "190")),
        ("Israeli air strikes on Iran", ("ISR", "IRN", "195")),
        ("Russian drone attack on Kyiv", ("RUS", "UKR", "195")),
        ("US sanctions against Iran", ("USA", "IRN", "163")),
    ],
)
def test_coder_nominal_events_in_headlines(code, text, expected):
    # countries only: whether a capital stands for the state or its government is the dictionary's call
    assert expected in {(s[:3], t[:3], c) for s, t, c in code(text)}


def test_coder_link_list_lines_without_verbs_give_no_events(coder):
    page = ("Iran and Russia agree to deepen cooperation on energy projects.\n\n"
            "Read more\nTurkey Iraq Hotels\nIsraeli Singers Awards\nRussian Brides Ukraine Dating\n"
            "Best Syria Tours\n")
    coded = next(coder.code([Article(text=page, date="2024-01-10")]))
    assert coded.events, "the headline sentence itself is coded"
    assert all(e.char_end <= page.index("Read more") for e in coded.events)


def test_coder_event_record_fields(coder):
    text = "Headline words.\n\nJapan provided Ukraine with humanitarian aid near Kyiv."
    article = Article(text=text, date="2023-04-05", url="https://example.org/a", title="Headline words.")
    coded = next(coder.code([article]))
    assert [s.text for s in coded.sentences] == ["Headline words.", "Japan provided Ukraine with humanitarian aid near Kyiv."]
    for sentence in coded.sentences:
        assert text[sentence.char_start:sentence.char_end] == sentence.text
    [event] = coded.events
    row = event.as_row()
    assert set(row) == set(EVENT_COLUMNS)
    assert text[event.char_start:event.char_end].startswith("Japan")
    assert (event.root, event.quad_class, event.penta_class, event.goldstein) == ("07", 2, 2, 7.4)
    assert (event.plover, event.date, event.date_source) == ("AID", "2023-04-05", "publication")
    assert event.source_country == "JPN" and event.target_country == "UKR"
    assert event.url == "https://example.org/a" and event.origin == "coder.v1"
    assert 0.0 < event.confidence <= 1.0
    again = next(coder.code([Article(text=text, date="2023-04-05")])).events[0]
    assert again.event_id == event.event_id


def test_coder_icews_profile_changes_goldstein(nlp):
    from bilateral.coding import Coder

    text = "Russia denied the charges from Ukraine."
    gdelt = Coder(nlp=nlp).code_sentence(text)
    icews = Coder(nlp=nlp, profile="icews").code_sentence(text)
    assert [e.cameo for e in gdelt] == ["016"]
    assert (gdelt[0].goldstein, icews[0].goldstein) == (-2.0, -5.0)


def test_coder_hedges_lower_confidence(coder):
    plain = coder.code_sentence("Turkey attacked Syria.")[0].confidence
    hedged = coder.code_sentence("Turkey reportedly attacked Syria.")[0].confidence
    assert hedged < plain


def test_code_texts_returns_a_frame_of_events():
    import bilateral

    frame = bilateral.code_texts(["Turkey attacked Syria.", "Nothing happened here."],
                                 dates=["2020-02-03", None], ids=["a", "b"])
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert frame[["source", "target", "cameo", "date", "doc_id"]].values.tolist() == [
        ["TUR", "SYR", "190", "2020-02-03", "a"]
    ]
    with pytest.raises(ValueError, match="dates"):
        bilateral.code_texts(["one"], dates=["2020-01-01", "2020-01-02"])


def test_coder_event_dates_named_in_the_clause(coder):
    [a, b] = coder.code_sentence("Iran and Russia signed a treaty in February 2022.", "2024-05-01")
    assert (a.date, a.date_precision, a.date_source) == ("2022-02-01", "month", "text")
    events = coder.code_sentence("Turkish officials said in 2023 that Greece attacked Cyprus.", "2024-05-01")
    assert [(e.source, e.target, e.date, e.date_source) for e in events] == [("GRC", "CYP", "2024-05-01", "publication")]


def test_coder_event_place_with_coordinates(coder):
    [event] = coder.code_sentence("Russian troops shelled Ukrainian positions near Kharkiv.", "2024-05-01")
    assert event.location == "Kharkiv"
    assert 49 < event.lat < 51 and 35 < event.lon < 37
    [event] = coder.code_sentence("Turkey attacked Syria.", "2024-05-01")
    assert event.location is None and event.lat is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Syria said it will not accept Lebanese proposals.", ("SYR", "LBN", "12")),  # refusal, not a non-event
        ("Russia wants NATO forces to leave Romania.", ("RUS", "IGO", "02")),  # a request to others
        ("France condemned the attack by Mali on Niger.", ("FRA", "MLI", "11")),  # the attacker is condemned
    ],
)
def test_coder_refusals_requests_and_criticised_agents(code, text, expected):
    assert any((s, t[:3], c[:2]) == expected for s, t, c in code(text)), code(text)


def test_coder_hypothetical_and_unaddressed_statements_give_no_events(code):
    assert ("ISR", "SYR", "190") in code("Israel attacks Syria.")
    assert not any(c.startswith("19") for _, _, c in code("Iran warned of consequences if Israel attacks Syria."))
    assert code("Moscow says Russian diplomats are due to leave Poland.") == set()


def test_future_act_takes_plover_intent_type(coder):
    """CAMEO codes the announced act; PLOVER codes an announced act as the intent (AGREE / THREATEN)."""
    future = {(e.cameo, e.plover) for e in coder.code_sentence("Germany will send weapons to Ukraine.", "2024-03-01")}
    past = {(e.cameo, e.plover) for e in coder.code_sentence("Germany sent weapons to Ukraine.", "2024-03-01")}
    assert ("072", "AGREE") in future
    assert ("072", "AID") in past


def test_appeal_takes_plover_request(coder):
    events = coder.code_sentence("France urged Mali to release the hostages.", "2024-03-01")
    assert any(e.cameo.startswith("02") and e.plover == "REQUEST" for e in events)


def test_misread_lemma_is_repaired(code):
    """spaCy reads "staged" as "stag"; the coder still finds the protest."""
    assert any(cameo.startswith("14") for _, _, cameo in code("Thousands of Iranians staged a protest against France."))


@pytest.mark.parametrize(
    ("text", "cameo", "plover"),
    [
        ("Russia invaded Ukraine.", "192", "ASSAULT"),  # the table says COERCE seize (confiscation)
        ("The United States imposed sanctions on Iran.", "163", "SANCTION"),  # the table says COERCE
        ("The Prime Minister of Pakistan resigned.", "083", "RETREAT"),  # the table says CONCEDE
    ],
)
def test_pattern_plover_type_where_cameo_is_coarser(coder, text, cameo, plover):
    events = coder.code_sentence(text, "2024-03-01")
    assert any(e.cameo.startswith(cameo) and e.plover == plover for e in events)


def test_coder_code_docs_equals_coding_each_article_alone(coder):
    """Batching the sentence model over articles changes no event and no confidence."""
    texts = ["Iran condemned Israel over the strike. Russia offered aid to Syria.",
             "The talks ended. China accused Japan of provoking a crisis in the East China Sea.",
             "Markets were calm on Monday."]
    articles = [Article(text=t, date="2024-03-01") for t in texts]
    docs = list(coder.nlp.pipe(texts))
    together = coder.code_docs([(doc, article, None) for doc, article in zip(docs, articles)])
    alone = [coder.code_doc(doc, article) for doc, article in zip(docs, articles)]
    assert [e.as_row() for c in together for e in c.events] == [e.as_row() for c in alone for e in c.events]
    assert sum(len(c.events) for c in together) >= 3
    assert [c.sentences for c in together] == [c.sentences for c in alone]


def test_coder_code_doc_searches_only_the_sentences_it_is_told_were_parsed(coder):
    doc = coder.nlp("Iran condemned Israel over the strike. Russia offered aid to Syria.")
    article = Article(text=doc.text, date="2024-03-01")
    everything = coder.code_doc(doc, article)
    second_only = coder.code_doc(doc, article, parsed={1})
    assert {e.source for e in everything.events} == {"IRN", "RUS"}
    assert {e.source for e in second_only.events} == {"RUS"}
    assert second_only.sentences == everything.sentences


def test_code_texts_repairs_mojibake_before_coding(coder):
    import bilateral

    clean = "Iran\u2019s Revolutionary Guards seized Israel\u2019s ship."
    damaged = clean.encode("utf-8").decode("latin-1")  # how news dumps mangle curly quotes
    frames = [bilateral.code_texts([text], coder=coder) for text in (clean, damaged)]
    assert frames[0][["source", "target", "cameo"]].values.tolist()
    assert frames[1][["source", "target", "cameo", "sentence"]].values.tolist() == \
        frames[0][["source", "target", "cameo", "sentence"]].values.tolist()
