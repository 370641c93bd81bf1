"""Events whose doer the sentence does not name: agentless passives and attacks told by their weapon.

"Three civilians were killed in Baghdad", "a roadside bomb killed two soldiers": the victims
are named, the attacker is not. For force and repression (CAMEO roots 17-20) such a sentence
still reports an event against the victims, so the source becomes an unnamed actor ("---",
CAMEO's mark for an unknown actor). An agentless passive of repression that names the country
it happened in ("was arrested in Lebanon") takes that country as the source, since arrests,
bans and expulsions are acts of the state whose territory they are in; so is an agentless
"expelled from X" or "deported from X" (X's act on those sent out).
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from bilateral.actors.resolve import ActorMention
from bilateral.coding import arguments as args
from bilateral.coding import modality
from bilateral.coding.patterns import PatternBook

UNKNOWN = "---"
AGENTLESS_ROOTS = {"17", "18", "19", "20"}
STATE_ROOTS = {"17"}  # acts only a state's authorities carry out on its territory
UNNAMED_CERTAINTY = 0.5
# Sending people out of a country ("expelled from", "deported from") is that country's act.
EXPULSION_ROOTS = {"16", "17"}


def _instrument(subject: Token, book: PatternBook) -> bool:
    """True for a subject that is a weapon or an attack rather than an actor ("a car bomb", "the blast")."""
    lemma, lex = subject.lemma_.lower(), modality.lexicon()
    if lemma in lex.get("instrument", frozenset()):
        return True
    if lemma in lex.get("blast", frozenset()) and any(  # "a mine explosion", "a bomb blast"
            c.dep_ in {"compound", "nmod"} and c.lemma_.lower() in lex.get("instrument", frozenset()) for c in subject.children):
        return True
    if lemma in lex.get("mishap", frozenset()):
        return False
    match = book.match_noun(lemma, args.noun_modifiers(subject))
    return match is not None and match.code[:2] in {"18", "19", "20"}


def _mishap(verb: Token) -> bool:
    """True if the verb names an accident or disaster as the cause ("were killed in a crash")."""
    mishaps = modality.lexicon().get("mishap", frozenset())
    return any(pobj.lemma_.lower() in mishaps for pobj in args.prep_objects(verb, ("in", "by", "during", "after")))


def _undone(verb: Token, book: PatternBook) -> bool:
    """True if the verb's doer is left out (agentless passive) or is a weapon or attack."""
    if _mishap(verb):
        return False
    if args.is_passive(verb):
        return not any(c.dep_ == "agent" for c in verb.children)
    subjects = [c for c in verb.children if c.dep_ in args.SUBJECT_DEPS]
    if not subjects and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        return _undone(verb.head, book)  # "a bomb killed two and wounded five"
    return bool(subjects) and all(_instrument(s, book) for s in subjects)


def _place_state(verb: Token, index: args.MentionIndex, preps: tuple[str, ...] = ("in", "inside")) -> ActorMention | None:
    """The country named by "in X" (or the given prepositions) under the verb, as the acting state."""
    for pobj in args.prep_objects(verb, preps):
        for mention in index.by_head.get(pobj.i, []):
            if mention.country and len(mention.country) == 3 and not mention.country.startswith(UNKNOWN):
                return replace(mention, code=mention.country, sector=None, certainty=min(mention.certainty, 0.6))
    return None


def _attack_owners(verb: Token, index: args.MentionIndex, sentence: Span, book: PatternBook) -> list[ActorMention]:
    """The doer named on the attack a passive happened in: "were killed in an Israeli strike" is Israel's act."""
    if not args.is_passive(verb):
        return []
    for pobj in args.prep_objects(verb, ("in", "during")):
        match = book.match_noun(pobj.lemma_.lower(), args.noun_modifiers(pobj))
        if match is None or match.code[:2] not in {"18", "19", "20"}:
            continue
        owners = [m for c in pobj.children if c.dep_ in args.NOUN_MODIFIER_DEPS and c.i < pobj.i
                  for m in args.actors([c], index, sentence) if m.country]
        owners = owners or [m for m in index.by_head.get(pobj.i, []) if m.country and m.kind == "combined"]
        if owners:
            return [replace(m, certainty=min(m.certainty, 0.7)) for m in owners]
    return []


def unnamed_source(verb: Token, code: str, index: args.MentionIndex, sentence: Span,
                   book: PatternBook) -> list[ActorMention]:
    """The source of a force or repression event whose doer is not named; [] where that does not apply."""
    if code[:2] in EXPULSION_ROOTS and args.is_passive(verb) and _undone(verb, book):
        state = _place_state(verb, index, ("from",))  # "diplomats were expelled from Bahrain"
        if state is not None:
            return [state]
    if code[:2] not in AGENTLESS_ROOTS or not _undone(verb, book):
        return []
    if code[:2] in STATE_ROOTS and args.is_passive(verb):
        state = _place_state(verb, index)
        if state is not None:
            return [state]
    attackers = _attack_owners(verb, index, sentence, book)
    if attackers:
        return attackers
    return [ActorMention(start=verb.i, end=verb.i + 1, char_start=verb.idx, char_end=verb.idx + len(verb),
                         text="", code=UNKNOWN, country=None, sector=None, head=verb.i,
                         certainty=UNNAMED_CERTAINTY, kind="agent")]
