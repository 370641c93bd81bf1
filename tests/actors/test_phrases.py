"""The phrase index: every occurrence of every phrase, with the flags it was added with."""
from __future__ import annotations

from bilateral.actors.phrases import PhraseIndex

ANY_CASE, NOT_ALL_LOWER = 1, 2


def test_phrase_index_finds_overlapping_phrases_of_any_length():
    index = PhraseIndex()
    index.add((1, 2), ANY_CASE)  # "united states"
    index.add((1, 2, 3), ANY_CASE)  # "united states navy"
    index.add((2,), NOT_ALL_LOWER)  # "states"
    found = sorted(index.matches([9, 1, 2, 3, 1, 2]))
    assert found == [(1, 3, ANY_CASE), (1, 4, ANY_CASE), (2, 3, NOT_ALL_LOWER), (4, 6, ANY_CASE), (5, 6, NOT_ALL_LOWER)]
    assert len(index) == 3


def test_phrase_index_accumulates_case_flags_and_ignores_empty_phrases():
    index = PhraseIndex()
    index.add((5,), NOT_ALL_LOWER)
    index.add((5,), ANY_CASE)
    index.add((), ANY_CASE)
    assert list(index.matches([5])) == [(0, 1, ANY_CASE | NOT_ALL_LOWER)]
    assert list(index.matches([])) == [] and len(index) == 1


def test_phrase_index_stops_at_the_end_of_the_tokens():
    index = PhraseIndex()
    index.add((1, 2), ANY_CASE)
    assert list(index.matches([3, 1])) == []


def test_plain_phrases_are_split_exactly_as_the_tokenizer_splits_them():
    """The shortcut around the tokenizer gives the same tokens for every name of the dictionary."""
    from spacy.attrs import LOWER

    from bilateral.actors.dictionary import load_dictionary
    from bilateral.actors.phrases import plain_lowers
    from bilateral.coding.nlp import load_pipeline

    tokenizer = load_pipeline().tokenizer
    dictionary = load_dictionary()
    texts = sorted(set(dictionary.phrases()) | {e.surface for e in dictionary.entries})
    shortcut = {text: plain_lowers(tokenizer, text) for text in texts}
    taken = [text for text, lowers in shortcut.items() if lowers is not None]
    assert len(taken) > len(texts) / 2  # most names are plain words
    assert [text for text in taken if shortcut[text] != tuple(tokenizer(text).to_array(LOWER).tolist())] == []
    # Special cases, punctuation, digits, double spaces and non-ASCII letters go through the tokenizer.
    for text in ["cannot", "Gonna go", "u.s.", "al-Assad", "g20", "two  spaces", "Erdoğan", ""]:
        assert plain_lowers(tokenizer, text) is None, text
