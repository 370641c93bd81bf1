"""Nominal events: an event noun with an actor modifier and an actor after a preposition.

"Israeli strikes on Iran", "Russian drone attack on Kyiv", "US sanctions against Iran",
"Putin's visit to Tehran". Used where a sentence yields no verbal event (headlines, and
sentences whose verb has no actor), so a noun phrase is never counted twice.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from bilateral.coding import arguments as args
from bilateral.coding.clauses import Candidate
from bilateral.coding.patterns import PatternBook

NOUN_TARGET_PREPS = ("on", "against", "in", "with", "to", "over", "at", "into", "upon", "toward", "towards", "between")


def _source(noun: Token, index: args.MentionIndex, sentence: Span):
    """The actor that carries out the nominal event: the noun's own mention or a modifier's."""
    if noun.i in index.by_head:
        return index.by_head[noun.i]
    for child in noun.children:
        if child.dep_ in args.NOUN_MODIFIER_DEPS and child.i < noun.i:
            found = args.actors([child], index, sentence)
            if found:
                return found
    return []


def nominal_candidates(sentence: Span, index: args.MentionIndex, book: PatternBook) -> list[Candidate]:
    """Candidates from event nouns with both a source modifier and a target preposition."""
    found = []
    for noun in sentence:
        if noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        match = book.match_noun(noun.lemma_.lower(), args.noun_modifiers(noun))
        if match is None:
            continue
        sources = _source(noun, index, sentence)
        if not sources:
            continue
        codes = {m.code for m in sources}
        targets = []
        for pobj in args.prep_objects(noun, NOUN_TARGET_PREPS):
            targets = [m for m in args.actors([pobj], index, sentence) if m.code not in codes]
            if targets:
                break
        if not targets and not match.reciprocal:
            continue
        found.append(Candidate(predicate=noun, code=match.code, match=match, sources=sources,
                               targets=targets, nominal=True))
    return found
