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


# Verbs by which a party owns up to an act it names as a noun: "X confirms strikes on Y" is X's strike.
CLAIM_VERBS = {"announce", "confirm", "claim", "admit", "acknowledge"}


def _source(noun: Token, index: args.MentionIndex, sentence: Span):
    """The actor that carries out the nominal event: the noun's own mention, a modifier's, the
    subject of a verb that claims it ("X announces strikes in Y"), or the party a verbless
    headline puts in it ("X and Y in talks")."""
    if noun.i in index.by_head:
        return index.by_head[noun.i]
    for child in noun.children:
        if child.dep_ in args.NOUN_MODIFIER_DEPS and child.i < noun.i:
            found = args.actors([child], index, sentence)
            if found:
                return found
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in CLAIM_VERBS:
        return args.actors(args.subject_tokens(noun.head), index, sentence)
    party = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else None
    if party is not None and party.dep_ == "ROOT" and party.pos_ in {"NOUN", "PROPN"}:
        return args.actors([party], index, sentence)  # verbless "X and Y in talks": the parties are in it
    return []


def _across_colon(noun: Token, other: Token) -> bool:
    """True if a colon separates the two words: a headline's label ("Ukraine war: ...") is not its story."""
    low, high = sorted((noun.i, other.i))
    return any(t.text == ":" for t in noun.doc[low + 1:high])


def _mutual(code: str, sources) -> bool:
    """True for cooperation two countries' parties hold together ("Armenian-Azerbaijani talks", "X and Y
    in talks"): each is the other's party."""
    return "03" <= code[:2] <= "08" and len({m.country for m in sources if m.country}) > 1


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
            if _across_colon(noun, pobj):
                continue
            targets = [m for m in args.actors([pobj], index, sentence) if m.code not in codes]
            if targets:
                break
        mutual = not targets and _mutual(match.code, sources)
        if not targets and not match.reciprocal and not mutual:
            continue
        found.append(Candidate(predicate=noun, code=match.code, match=match, sources=sources,
                               targets=targets, nominal=True, reciprocal=mutual))
    return found
