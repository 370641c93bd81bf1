"""Capitalised headlines are parsed in sentence case and coded as their sentence-case versions."""
from __future__ import annotations

import pytest

from bilateral.model import Article

# Written for these tests: (capitalised headline, the same in sentence case).
PAIRS = [
    ("Iran Leader Criticizes Russia's Response to Flood Crisis", "Iran leader criticizes Russia's response to flood crisis"),
    ("Turkey Accuses Greece of Violating Its Airspace", "Turkey accuses Greece of violating its airspace"),
    ("Japan Pledges New Aid to Philippines After Typhoon", "Japan pledges new aid to Philippines after typhoon"),
    ("EGYPT CONDEMNS ISRAELI AIR STRIKES ON SYRIA", "Egypt condemns Israeli air strikes on Syria"),
]


def _triples(coder, text: str) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.cameo) for e in coder.code_sentence(text, "2024-03-01")}


@pytest.mark.parametrize(("capitalised", "plain"), PAIRS)
def test_capitalised_headline_codes_like_sentence_case(coder, capitalised, plain):
    expected = _triples(coder, plain)
    assert expected, f"the sentence-case headline should code: {plain!r}"
    assert _triples(coder, capitalised) == expected


def test_sentence_case_words_keep_names_and_lower_common_words(coder):
    words = coder.headline_case.words(coder.nlp("Putin Will Visit Tehran Next Month, Kremlin Says"))
    assert words is not None
    text = " ".join(words)
    for name in ("Putin", "Tehran", "Kremlin"):
        assert name in words
    assert "will visit" in text and "next month" in text and "says" in text


def test_all_caps_names_become_title_case_and_short_codes_stay(coder):
    words = coder.headline_case.words(coder.nlp("US AND CHINA RESUME TRADE TALKS IN GENEVA"))
    assert words is not None
    assert words[:3] == ["US", "and", "China"]
    assert "Geneva" in words and "trade" in words


@pytest.mark.parametrize("text", [
    "Chancellor Olaf Scholz will meet President Emmanuel Macron and Prime Minister Giorgia Meloni in Rome.",
    "Iran's foreign minister met his Russian counterpart in Moscow on Monday.",
    "Iran Says",  # too short to tell a headline style from names
])
def test_ordinary_sentences_are_not_recased(coder, text):
    assert coder.headline_case.words(coder.nlp(text)) is None


def test_events_keep_the_source_text_and_offsets(coder):
    text = "Turkey Accuses Greece of Violating Its Airspace"
    coded = coder.code_doc(coder.parse_headlines(coder.nlp(text)), Article(text=text, date="2024-03-01"))
    assert coded.events
    assert coded.sentences[0].text == text
    for event in coded.events:
        assert event.sentence == text
        assert event.source_text in text and event.target_text in text  # the source's case, not the parse's


def test_sentence_path_recases_like_the_whole_document_path(coder):
    from bilateral.scale.sentences import SentenceCoder

    text = "Japan Pledges New Aid to Philippines After Typhoon\n\nThe pledge came on Monday."
    article = Article(text=text, date="2024-03-01")
    whole = {(e.source, e.target, e.cameo) for c in coder.code([article]) for e in c.events}
    by_sentence = {(e.source, e.target, e.cameo) for c in SentenceCoder(coder).code([article]) for e in c.events}
    assert whole and whole == by_sentence


@pytest.mark.parametrize(("text", "first", "second"), [
    ("UAE and Iran sign deal to boost trade", "ARE", "IRN"),
    ("Iraq and Kuwait sign deal to end border row", "IRQ", "KWT"),
])
def test_headline_verb_read_as_a_noun_gets_its_subject_back(coder, text, first, second):
    root = next(coder.nlp(text).sents).root
    assert root.lower_ == "sign" and root.tag_ == "NN"  # the small model's misparse this repair is for
    codes = _triples(coder, text)
    assert {(first, second, "057"), (second, first, "057")} <= codes


def test_noun_phrase_headline_keeps_its_parse(coder):
    doc = coder.parse_headlines(coder.nlp("Two precision missile strikes on Kherson since morning"))
    assert not any(t.dep_ == "nsubj" for t in doc)


@pytest.mark.parametrize(("lemma", "past"), [("sign", "signed"), ("strike", "struck"), ("hold", "held"),
                                             ("hit", "hit"), ("ban", "banned"), ("deny", "denied"), ("seize", "seized")])
def test_past_tense_of_headline_verbs(nlp, lemma, past):
    from bilateral.coding.headline_case import past_tense

    assert past_tense(nlp, lemma) == past


@pytest.mark.parametrize(("text", "expected"), [
    # The small model reads each as one noun phrase ("... fire missile", "... sign deal") with no verb.
    ("Houthi rebels fire missile at Saudi Arabia", {("YEMREB", "SAU", "195")}),
    ("Oman and Qatar sign deal to boost trade", {("OMN", "QAT", "057"), ("QAT", "OMN", "057")}),
])
def test_verbless_headline_is_parsed_with_its_verb_in_the_past(coder, text, expected):
    assert not any(t.pos_ == "VERB" and t.dep_ == "ROOT" for t in coder.nlp(text))  # the misparse
    assert expected <= _triples(coder, text)


def test_prose_with_a_full_stop_keeps_its_parse(coder):
    assert not _triples(coder, "The rebels fire missile at Israel was condemned.")


def test_title_case_headline_without_a_verb_is_recased_then_retried(coder):
    assert ("YEMREB", "SAU", "195") in _triples(coder, "Houthi Rebels Fire Missile at Saudi Arabia")
