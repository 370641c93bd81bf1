"""The pre-scan drops sentences that cannot hold an event, and never one that can."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.shared


def _rows(coded):
    return [e.as_row() for c in coded for e in c.events]


@pytest.fixture(scope="module")
def both_ways(scanning, parsing_all, newswire):
    """The sample coded with the pre-scan and with every sentence parsed."""
    return scanning.code_batch(newswire), parsing_all.code_batch(newswire)


def test_prescan_loses_no_event_on_real_newswire(both_ways, scanning):
    scanned, everything = both_ways
    assert _rows(everything), "the sample should hold events"
    assert _rows(scanned) == _rows(everything)
    assert [c.sentences for c in scanned] == [c.sentences for c in everything]


def test_prescan_skips_sentences_on_real_newswire(scanning, parsing_all, newswire):
    from bilateral.scale.sentences import SentenceCoder

    fresh = SentenceCoder(scanning.coder)
    fresh.code_batch(newswire[:40])
    counts = fresh.prescan.counts
    assert 0 < counts.kept < 0.7 * counts.sentences  # Reuters: trade and markets, few actors


def test_prescan_sentence_offsets_are_exact(both_ways, newswire):
    scanned, _ = both_ways
    for coded in scanned:
        text = coded.article.text
        for sentence in coded.sentences:
            assert text[sentence.char_start:sentence.char_end] == sentence.text
        for event in coded.events:
            assert event.sentence.strip() in text
            assert 0 <= event.char_start < event.char_end <= len(text)


def test_prescan_predicate_forms_cover_every_lemma_the_parser_gives(coder, scanning, newswire):
    """Every token whose lemma is a pattern verb or noun has a surface form the scan knows."""
    lexicon = scanning.prescan.lexicon
    strings = coder.nlp.vocab.strings
    predicates = set(coder.book.blocks) | set(coder.book.nouns)
    missed = {(t.text, t.lemma_) for doc in coder.nlp.pipe(a.text for a in newswire[:40]) for t in doc
              if t.lemma_.lower() in predicates and strings.add(t.lower_) not in lexicon.predicates}
    assert not missed


@pytest.mark.parametrize("text, decision", [
    ("Iran condemned Israel on Tuesday.", True),
    ("Russian troops shelled the town.", True),
    ("Officials in Tehran met the protesters.", True),  # a name places the agent noun
    ("Officials met the protesters in the square.", False),  # two agent nouns, but neither in a country
    ("The weather was fine and the markets were calm.", False),  # no actor, no event noun
    ("Profits rose five pct in the first quarter.", False),  # a predicate but no actor
    ("The company said it expected higher sales.", False),  # one bare agent cannot be a lone source
    ("He said the who knows.", False),  # lower-case 'who' is not the World Health Organization
    ("The WHO said the outbreak was over.", False),  # one name, and a statement needs a target
    ("The WHO sent doctors.", True),
])
def test_prescan_decisions_on_single_sentences(scanning, text, decision):
    doc = scanning.split([text])[0]
    assert scanning.prescan.select(doc, [doc[:]]) == [decision]


def test_prescan_folds_accents_and_curly_quotes(scanning):
    from bilateral.scale.prescan import fold

    assert fold("Côte d’Ivoire’s  army") == "Cote d'Ivoire's army"
    doc = scanning.split(["Soldiers from Côte d’Ivoire attacked the rebels."])[0]
    assert scanning.prescan.select(doc, [doc[:]]) == [True]


def test_prescan_loses_no_event_on_hard_wrapped_text(scanning, parsing_all, newswire):
    """Wire copy wrapped at 70 columns: the line-break rule splits lines, never differently per path."""
    import dataclasses
    import textwrap

    wrapped = [dataclasses.replace(a, text="\n".join(textwrap.wrap(a.text, 70)), doc_id="") for a in newswire[:30]]
    scanned, everything = scanning.code_batch(wrapped), parsing_all.code_batch(wrapped)
    assert _rows(everything) and _rows(scanned) == _rows(everything)
    assert [c.sentences for c in scanned] == [c.sentences for c in everything]


@pytest.mark.parametrize("text", [
    "Peru is willing to refurbish the stadium.",  # an intent adjective over a verb with no pattern
    "The Chilean president said he is ready to paint the fence.",
    "Chile threatened to repaint the embassy.",
    "Bolivia decided to refurbish its stadiums.",
])
def test_prescan_keeps_clauses_coded_by_their_governing_word(scanning, parsing_all, text):
    """A governing word gives a code of its own class, whatever verb it governs; the scan must see it."""
    from bilateral.model import Article

    article = [Article(text=text, date="2024-03-01")]
    everything = _rows(parsing_all.code_batch(article))
    assert everything, "the coder should code this sentence"
    assert _rows(scanning.code_batch(article)) == everything
