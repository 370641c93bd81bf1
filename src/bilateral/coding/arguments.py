"""Who did it and to whom: a predicate's agents and recipients from spaCy's dependency parse.

Sources are subjects (or the by-agent of a passive); targets are, in order of preference, the
passive subject, an indirect object, the object of "to" ("supply Y to X"), a direct object that
is an actor ("provide X with Y", "attacked X"), a preposition after the object ("an attack on
X", "sanctions against X") and a preposition after the verb ("met with X", "fired on X").
Conjuncts expand both sides ("Iran and Russia signed"). Clause boundaries stop the search.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from bilateral.actors.resolve import ActorMention

SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "csubj", "xcomp", "acl", "conj", "csubjpass", "mark"}
# "in" stays out: after a verb it usually names the place, not the recipient ("met in Moscow").
TARGET_PREPS = ("to", "with", "against", "on", "at", "toward", "towards", "into", "onto", "upon",
                "for", "from", "over", "across")
OBJECT_PREPS = ("on", "against", "to", "with", "for", "over", "about", "into", "at", "toward", "towards", "upon",
                "onto", "from", "between", "in", "inside")
_POSSESSORS = {"poss", "amod", "compound", "nmod", "appos", "nummod"}
_PRONOUNS = {"it", "they", "he", "she", "its", "their", "his", "her", "them", "him", "we", "our", "itself"}


@dataclass
class MentionIndex:
    """Actor mentions of one sentence, by head token and by every token they cover."""

    mentions: list[ActorMention]
    by_head: dict[int, list[ActorMention]] = field(default_factory=dict)
    by_token: dict[int, ActorMention] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for mention in self.mentions:
            self.by_head.setdefault(mention.head, []).append(mention)
            for i in range(mention.start, mention.end):
                self.by_token.setdefault(i, mention)


def region_words(verb: Token, after: bool = True) -> set[str]:
    """Words and lemmas in a verb's object region (after=True) or subject region, within its clause."""
    words: set[str] = set()
    stack = [c for c in verb.children if (c.i > verb.i) == after and c.dep_ not in CLAUSE_DEPS]
    while stack:
        token = stack.pop()
        words.add(token.lower_)
        words.add(token.lemma_.lower())
        stack.extend(c for c in token.children if c.dep_ not in CLAUSE_DEPS - {"conj"})
    return words


NOUN_MODIFIER_DEPS = {"amod", "compound", "nmod", "poss"}


def noun_modifiers(noun: Token) -> set[str]:
    """Words and lemmas of a noun's modifiers ("air" and "Israeli" in "Israeli air strikes")."""
    words: set[str] = set()
    for child in noun.children:
        if child.dep_ in NOUN_MODIFIER_DEPS:
            words.update({child.lower_, child.lemma_.lower()})
            words.update(g.lower_ for g in child.children if g.dep_ in NOUN_MODIFIER_DEPS)
    return words


def particles(verb: Token) -> set[str]:
    """Lemmas of a verb's particles and prepositions ("with" in "meet with", "out" in "pull out")."""
    found = {c.lower_ for c in verb.children if c.dep_ in {"prt", "prep", "agent"}}
    # "calls for X to leave": the parse makes "for" the mark of the clause, not the verb's preposition
    return found | {g.lower_ for c in verb.children if c.dep_ in {"advcl", "ccomp", "xcomp"}
                    for g in c.children if g.dep_ == "mark" and g.lower_ == "for" and g.i == c.left_edge.i}


def is_passive(verb: Token) -> bool:
    """True for a passive verb, with its auxiliary or as a headline's bare participle ("X killed in Y")."""
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children) or headline_participle(verb)


def headline_participle(verb: Token) -> bool:
    """True for a past participle hung on a main noun: headlines drop the auxiliary of a passive
    ("Iranian diplomat arrested in Germany"), and the parse makes the participle modify the noun,
    which stands alone or as the subject of an attribution ("..., state media says")."""
    return (verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in {"NOUN", "PROPN"}
            and (verb.head.dep_ == "ROOT" or (verb.head.dep_ == "nsubj" and verb.head.head.dep_ == "ROOT")))


def passive_subjects(verb: Token) -> list[Token]:
    """The undergoers of a passive: its passive subjects, or the noun a headline participle hangs on."""
    found = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    return found or ([verb.head] if headline_participle(verb) else [])


def subject_tokens(verb: Token) -> list[Token]:
    """The tokens that did the action: subject, or the by-agent of a passive; inherited when absent."""
    if is_passive(verb):
        return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        if verb.dep_ == "relcl" and subjects[0].tag_ in {"WDT", "WP"}:
            return [verb.head]
        return _listed_before(verb, subjects[0]) + subjects
    if verb.dep_ == "xcomp" and is_passive(verb.head):  # "X is scheduled to visit", "X was asked to leave"
        return [c for c in verb.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if verb.dep_ in {"xcomp", "conj", "advcl", "acomp"} and verb.head.pos_ in {"VERB", "AUX", "ADJ"}:
        return subject_tokens(verb.head)
    if verb.dep_ == "attr" and verb.pos_ == "VERB" and verb.head.lemma_ == "be":  # "X is mediating", misparsed
        return subject_tokens(verb.head)
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):  # "troops massing near X"
        return [verb.head]
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return [verb.head]  # headline future "Chinese president to visit Russia" (not "X's refusal to talk")
    return []


def _listed_before(verb: Token, subject: Token) -> list[Token]:
    """Names listed with a comma before a headline's subject ("Russia, Iran sign treaty"), misparsed as modifiers."""
    doc = verb.doc
    return [c for c in verb.children if c.dep_ in {"npadvmod", "nmod", "dep"} and c.pos_ == "PROPN"
            and c.i + 2 == subject.left_edge.i and doc[c.i + 1].text == ","]


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the given prepositions under a token, in preference order."""
    found = []
    for prep in preps:
        for child in token.children:  # "agent": the by-phrase of a participle ("memos sent by X")
            if child.dep_ in {"prep", "dative", "agent"} and child.lower_ == prep:
                found.extend(g for g in child.children if g.dep_ == "pobj")
            elif child.dep_ == "prep" and child.lower_ in {"out", "away"} and not any(g.dep_ == "pobj" for g in child.children):
                inner = {prep, "of"} if prep == "from" and child.lower_ == "out" else {prep}  # "out of X" is "from X"
                found.extend(p for g in child.children if g.dep_ == "prep" and g.lower_ in inner
                             for p in g.children if p.dep_ == "pobj")
    return found


ADDRESSING_VERBS = {"tell", "inform", "brief", "assure", "warn", "urge", "remind"}


def addressees(verb: Token, index: MentionIndex, sentence: Span, exclude: list[ActorMention]) -> list[ActorMention]:
    """Whom a statement was made to: "told X", "said to X", never a name inside what was said."""
    slots = [c for c in verb.children if c.dep_ == "dative"] + prep_objects(verb, ("to",))
    if verb.lemma_.lower() in ADDRESSING_VERBS:
        slots += [c for c in verb.children if c.dep_ == "dobj"]
    codes = {m.code for m in exclude}
    return [m for m in actors(slots, index, sentence) if m.code not in codes]


def object_prep_chain(noun: Token, depth: int = 3, preps: tuple[str, ...] = OBJECT_PREPS) -> list[Token]:
    """Prepositional objects after a noun, following "of" chains ("resumption of ties with X").

    The agent of an event noun comes first: in "condemned an attack by X on Y" the party
    condemned is X.
    """
    found = prep_objects(noun, ("by",)) + prep_objects(noun, preps)
    # "an investigation into crimes committed by X": the doer of what the preposition names
    found += [a for p in list(found) for c in p.children if c.dep_ == "acl" for a in prep_objects(c, ("by",))]
    if depth > 1:
        for inner in prep_objects(noun, ("of",)) + [c for c in noun.children if c.dep_ == "acl"]:
            found += object_prep_chain(inner, depth - 1, preps)
    return found


# After an object, "in X" may be the target's place ("struck bases in X") or only the event's
# ("signed a deal in X with Y"); a partner or target named by the verb's own preposition goes first.
PLACE_PREPS = ("in", "inside")


def target_candidates(verb: Token, extra_preps: tuple[str, ...] = (), places: bool = True) -> list[Token]:
    """Possible recipient tokens of a verb, most likely first.

    Args:
        verb: the predicate.
        extra_preps: prepositions that name the recipient for this verb only ("arrived in X").
        places: whether "in X" after the object may name the target ("struck depots in X").
    """
    candidates = passive_subjects(verb)
    candidates += [c for c in verb.children if c.dep_ == "dative" and c.pos_ in {"NOUN", "PROPN", "PRON"}]
    candidates += prep_objects(verb, ("to",) + extra_preps)
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr", "oprd"}]
    candidates += objects
    for obj in objects:
        candidates += object_prep_chain(obj, preps=tuple(p for p in OBJECT_PREPS if p not in PLACE_PREPS))
    candidates += prep_objects(verb, TARGET_PREPS[1:])
    for obj in objects if places else ():
        candidates += object_prep_chain(obj, preps=PLACE_PREPS)
    for pobj in prep_objects(verb, ("for", "in", "on", "about", "over")):  # "talks on the resumption of ties with X"
        candidates += object_prep_chain(pobj, 2)
    for pobj in prep_objects(verb, ("of", "from")):  # "walked out of the talks with X", "withdrew from its deal with X"
        candidates += prep_objects(pobj, ("with", "between"))
    return candidates


def actor_for(token: Token, index: MentionIndex, depth: int = 2) -> list[ActorMention]:
    """The actors a token stands for: its own mentions, or one that modifies it ("Iran's army")."""
    if token.i in index.by_head:
        return index.by_head[token.i]
    if token.i in index.by_token:
        return [index.by_token[token.i]]
    if depth == 0:
        return []
    for child in token.children:
        if child.dep_ in _POSSESSORS:
            found = _with_conjuncts(child, index, depth) if child.dep_ == "poss" else actor_for(child, index, depth - 1)
            if found:
                return found
    for pobj in prep_objects(token, ("of", "from")):  # "the army of X", "a vessel from X"
        found = _with_conjuncts(pobj, index, depth)
        if found:
            return found
    return []


def _with_conjuncts(owner: Token, index: MentionIndex, depth: int) -> list[ActorMention]:
    """The actors of an owner and its conjuncts: "the leaders of Egypt and Jordan" are both countries'."""
    found: list[ActorMention] = []
    for part in [owner, *owner.conjuncts]:
        found.extend(m for m in actor_for(part, index, depth - 1) if m not in found)
    return found


def antecedent(pronoun: Token, index: MentionIndex, sentence: Span) -> ActorMention | None:
    """The actor a pronoun refers to: the nearest earlier subject actor in the sentence."""
    best = None
    for mention in index.mentions:
        if mention.end > pronoun.i or mention.country is None:
            continue
        head = sentence.doc[mention.head]
        if head.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS or best is None:
            best = mention
    return best


def actors(tokens: list[Token], index: MentionIndex, sentence: Span, owners: bool = False) -> list[ActorMention]:
    """The actors for argument tokens, with conjuncts ("Iran and Russia") and pronouns resolved.

    With ``owners`` (for doers), a noun owned by a pronoun acts for the pronoun's referent ("its jets").
    """
    out: list[ActorMention] = []
    for token in tokens:
        for part in [token, *token.conjuncts]:
            found = actor_for(part, index)
            pronoun = part if part.lower_ in _PRONOUNS else _pronoun_owner(part) if owners else None
            if not found and pronoun is not None:
                mention = antecedent(pronoun, index, sentence)
                found = [_as_pronoun(mention)] if mention is not None else []
            elif pronoun is not None and found and all(m.country is None for m in found):
                found = _owned_agents(found, antecedent(pronoun, index, sentence))  # "its jets" -> RUSMIL
            out.extend(m for m in found if m not in out)
    return out


_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}


def _pronoun_owner(noun: Token) -> Token | None:
    """The possessive pronoun of a noun that names no actor itself: "its aircraft" acts for the pronoun's referent."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    return next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS), None)


def _owned_agents(agents: list[ActorMention], owner: ActorMention | None) -> list[ActorMention]:
    """Bare agents owned by a pronoun ("its jets") take the country of the pronoun's referent."""
    from dataclasses import replace

    if owner is None or not owner.country or len(owner.country) != 3:
        return agents
    return [replace(m, code=owner.country + m.code[3:], country=owner.country, certainty=min(m.certainty, 0.7))
            for m in agents]


def _as_pronoun(mention: ActorMention) -> ActorMention:
    """A resolved pronoun keeps the antecedent's code with lower certainty."""
    from dataclasses import replace

    return replace(mention, certainty=min(mention.certainty, 0.7))


# Where a strike or a deployment lands: "struck targets in Gaza", "massed troops near the border with X".
AREA_PREPS = ("in", "inside", "into", "near", "along", "across", "outside", "around")


def area_targets(verb: Token, index: MentionIndex, sentence: Span, exclude: list[ActorMention]) -> list[ActorMention]:
    """The country of the area a use or show of force is aimed at, named after the verb or its object.

    A border or frontier passes on to its other side ("near the border with Ukraine"); only actors
    with a country count (a bare "troops" is the force itself, not its target).
    """
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    aimed = [p for h in [verb, *objects] for p in prep_objects(h, ("at", "on", "against"))]  # "at targets in X"
    places = prep_objects(verb, AREA_PREPS) + [p for o in objects + aimed for p in prep_objects(o, AREA_PREPS)]
    places += [p for c in [*verb.children, *(g for o in objects for g in o.children)]  # "close to the border with X"
               if c.dep_ in {"advmod", "amod"} and c.lower_ in {"close", "near", "next"} for p in prep_objects(c, ("to",))]
    places += [p for place in places for p in prep_objects(place, ("with", "of"))]  # "the border with X"
    codes = {m.code for m in exclude}
    for place in places:
        found = [m for m in actors([place], index, sentence) if m.country and m not in exclude and m.code not in codes]
        if found:
            return found
    return []


# Verbs whose object weapon is the other side's ("shot down Iranian drones"), not the doer's own.
INTERCEPT_VERBS = {"intercept", "down", "destroy", "jam", "neutralize", "neutralise"}


def intercepts(verb: Token) -> bool:
    """True for shooting down or intercepting: the weapon hit is the target's ("downed Russian jets")."""
    lemma = verb.lemma_.lower()
    return lemma in INTERCEPT_VERBS or (lemma == "shoot" and any(c.lower_ == "down" for c in verb.children))


def _weapons() -> frozenset[str]:
    from bilateral.coding.modality import lexicon

    return lexicon().get("instrument", frozenset())


# Verbs of deliberation: what is weighed is a topic ("mulls Iran response"); only "with X" names a party.
DELIBERATION_VERBS = {"mull", "weigh", "consider", "contemplate", "ponder", "debate", "discuss", "deliberate"}


def deliberates(verb: Token) -> bool:
    return verb.lemma_.lower() in DELIBERATION_VERBS


# Things a party puts forward: whoever weighs one answers its author ("considers an EU proposal").
PROPOSALS = {"proposal", "offer", "request", "plan", "bid", "demand", "suggestion", "initiative", "invitation"}


def _partners(verb: Token) -> list[Token]:
    """Who deliberates with the doer ("discussed the border with X", "talks between X and Y"), or the
    author of the proposal weighed."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return (prep_objects(verb, ("with", "between")) + [p for o in objects for p in prep_objects(o, ("with", "between"))]
            + [o for o in objects if o.lemma_.lower() in PROPOSALS])


def _own_thing(mention: ActorMention, sources: list[ActorMention]) -> bool:
    """True for a thing of the source's own country named by its country word ("US commitment" after
    "Biden vows"): no party, unlike an agent of that country ("US troops") or the country itself."""
    return (mention.kind == "combined" and not mention.sector and mention.code == mention.country
            and any(m.country == mention.country for m in sources))


def first_targets(verb: Token, index: MentionIndex, sentence: Span, exclude: list[ActorMention],
                  extra_preps: tuple[str, ...] = (), own_forces_ok: bool = True,
                  places: bool = True) -> list[ActorMention]:
    """The first candidate slot that names an actor other than the sources.

    Args:
        own_forces_ok: whether a bare agent object ("sent troops", "released intelligence") may be
            the target; for cooperation and force posture it is the source's own means, not a party.
        places: see ``target_candidates``.
    """
    codes = {m.code for m in exclude}
    fallback: list[ActorMention] = []
    weapons = _weapons() if not intercepts(verb) else frozenset()
    for candidate in _partners(verb) if deliberates(verb) else target_candidates(verb, extra_preps, places):
        if candidate.lower_ in {"its", "their"} or candidate.lemma_.lower() in weapons:
            continue  # a weapon fired or sent is no party ("fired a missile into the sea")
        found = [m for m in actors([candidate], index, sentence) if m not in exclude and m.code not in codes
                 and not _own_thing(m, exclude)]
        if not own_forces_ok and candidate.dep_ == "dobj" and candidate.head.i == verb.i:
            found = [m for m in found if m.country]
        if any(m.country for m in found):
            return found
        fallback = fallback or found  # a bare agent ("troops") only if no country-bearing actor follows
    return _placed_victims(fallback, verb, index, sentence)


def _placed_victims(agents: list[ActorMention], verb: Token, index: MentionIndex,
                    sentence: Span) -> list[ActorMention]:
    """Bare agents hit where the act is aimed take that country: "strikes on Iran kill two soldiers",
    "launched strikes into X, killing nine people" (the victims are X's)."""
    if not agents or any(m.country for m in agents):
        return agents
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    aimed = [p for s in subjects for p in prep_objects(s, ("on", "against", "into"))]
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":  # "..., killing nine people"
        head = verb.head
        aimed += prep_objects(head, ("into", "on", "against"))
        aimed += [p for o in head.children if o.dep_ == "dobj" for p in prep_objects(o, ("into", "on", "against"))]
    for token in aimed:
        states = [m for m in actors([token], index, sentence) if m.country and m.code == m.country
                  and len(m.country) == 3 and not m.country.startswith(("IGO", "NGO", "IMG", "---"))]
        if states:
            country = states[0].country
            return [replace(m, code=country + m.code[3:], country=country, certainty=min(m.certainty, 0.6))
                    if m.code.startswith("---") else m for m in agents]
    return agents
