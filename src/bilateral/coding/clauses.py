"""Verbal event candidates of one sentence: predicate, code, sources, targets and modality.

Verbs are visited from the root down, so a governing verb ("vowed", "urged", "refused",
"said", "accused ... of") is seen before the action it governs and can take it over:
its code is re-mapped by ``modality.transform`` and the complement is not coded again.
Verbs of beginning or resuming pass through to the act they govern ("prepared to resume
shelling" is a threat to shell). Who the parties are where the parse alone does not say (joint,
mutual and venue cases) is left to ``parties``; what saying and stance make by themselves
(reported demands and refusals, complaints, copular stances, claims) to ``speech``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from bilateral.actors.resolve import ActorMention
from bilateral.coding import agentless
from bilateral.coding import arguments as args
from bilateral.coding import modality
from bilateral.coding import parties
from bilateral.coding.patterns import PatternBook, PatternMatch
from bilateral.coding.speech import CLAIM_CODE, RESPONSIBILITY_CODES, SpeechActs, claimed_act, kept_open_rule
from bilateral.ontology import is_known, lookup

# What a governing verb means when the action it governs has no code of its own.
GENERIC_CODES = {"intent": "030", "threat": "130", "warning": "130", "appeal": "020", "demand": "100", "refuse": "120"}


@dataclass
class Candidate:
    """One event before it becomes an ``Event``: evidence tokens, code and actors."""

    predicate: Token
    code: str
    match: PatternMatch
    sources: list[ActorMention]
    targets: list[ActorMention]
    negated: bool = False
    hedged: bool = False
    speaker: str | None = None
    nominal: bool = False
    objects: list[Token] = field(default_factory=list)
    reciprocal: bool = False  # both directions when a compound subject has no target

    def __post_init__(self) -> None:
        self.reciprocal = self.reciprocal or self.match.reciprocal


# Asking or warning others not to act: the request stands; refraining from force is de-escalation.
RESTRAINT_CODES = {"appeal": "0256", "demand": "1056", "warning": "130"}

# Force and its show (posture, blockade, assault, fight, mass violence) land on the area they are aimed at.
AREA_ROOTS = {"15", "18", "19", "20"}

# Curfews, states of emergency and restrictions (and threats of them) bind the place they are imposed in.
RESTRICTION_CODES = {"172", "132"}

# Acts whose to-purpose clause states their grievance or aim and is part of the same event.
PURPOSE_ROOTS = {"14", "18", "19", "20"}
# Material help whose purpose is to help someone (lexicon class "help") helps them ("provided aid to
# support refugees in X").
HELP_ROOTS = {"06", "07"}


def _purpose_clause(verb: Token) -> Token | None:
    """The verb's "to ..." purpose clause ("marched to demand ...", "launched raids to destroy ...")."""
    for child in verb.children:
        if child.dep_ in {"advcl", "xcomp"} and child.pos_ == "VERB" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return child
    return None


def _future_plover(match: PatternMatch, code: str) -> PatternMatch:
    """A future act keeps its CAMEO code but takes PLOVER's type for announced acts (AGREE/THREATEN)."""
    intent = modality.transform("intent", code)
    if intent is None or not is_known(intent):
        return match
    record = lookup(intent)
    return replace(match, plover=record.plover, plover_mode=record.plover_mode)


def verb_lemma(verb: Token, book: PatternBook) -> str:
    """The verb's lemma, repaired from its inflected form when the tagger's lemma is unknown.

    spaCy's lemmatizer now and then strips too much ("staged" -> "stag"); when its lemma is no
    verb of the pattern data but a regular de-inflection of the word is, the latter is used.
    """
    lemma = verb.lemma_.lower()
    if book.known_verb(lemma) or lemma in modality.lexicon()["light"]:
        return lemma
    word = verb.lower_
    for suffix, replacement in (("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("ies", "y"), ("es", "e"), ("s", "")):
        stem = word[: -len(suffix)] + replacement if word.endswith(suffix) else ""
        if stem and (book.known_verb(stem) or stem in modality.lexicon()["light"]):
            return stem
    return lemma


def match_verb(verb: Token, book: PatternBook) -> PatternMatch | None:
    """The pattern match of one verb from its lemma, particles and object/subject words."""
    lemma = verb_lemma(verb, book)
    if not book.known_verb(lemma):
        return None
    head = {w for c in verb.children if c.dep_ in {"dobj", "attr"} for w in (c.lower_, c.lemma_.lower())}
    return book.match_verb(lemma, args.particles(verb), args.region_words(verb, True), args.region_words(verb, False),
                           head)


def predicates(sentence: Span) -> list[Token]:
    """Verbs of the sentence, governors first (fewest ancestors first).

    "is ready to", "is prepared to": the copula carries the intent adjective, so the clause's
    predicate is the copula (it sits where the parse puts the clause: a main or reported verb).
    """
    verbs = [t for t in sentence if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.dep_ == "ROOT")
             or (t.pos_ == "AUX" and t.lemma_ == "be" and modality.governor_class(t) == "intent")
             or (t.pos_ == "ADJ" and modality.governor_class(t) == "intent" and t.dep_ == "acomp"
                 and t.head.lemma_ != "be")
             or (t.pos_ in {"AUX", "ADJ"} and modality.stance_verb(t) is not None)]
    return sorted(verbs, key=lambda t: (sum(1 for _ in t.ancestors), t.i))


def _attribution(sentence: Span) -> str | None:
    """Speaker named by "according to X" anywhere in the sentence."""
    for token in sentence[:-1]:
        if token.lower_ == "according" and token.nbor(1).lower_ == "to":
            objects = [c for c in token.nbor(1).children if c.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    return None


def _phrase(token: Token) -> str:
    """The noun phrase a token heads, as text."""
    return token.doc[token.left_edge.i:token.i + 1].text if token.left_edge.i <= token.i else token.text


def _own_subject(clause: Token) -> bool:
    """True if a governed clause names its own subject ("wants NATO to leave").

    Pronouns and phrases a pronoun possesses ("agreed that their countries should") refer back
    to the governor's own subject and do not count.
    """
    return any(c.dep_ in args.SUBJECT_DEPS and c.pos_ != "PRON"
               and not any(g.dep_ == "poss" and g.pos_ == "PRON" for g in c.children) for c in clause.children)


def _speaker(verb: Token) -> str | None:
    subjects = [c for c in verb.children if c.dep_ in args.SUBJECT_DEPS]
    return _phrase(subjects[0]) if subjects else None


# A verb with these codes of its own may govern a clause through its object noun
# ("reiterated its demand that X ...", "announced a plan to ...").
NOUN_GOVERNED_ROOTS = {"01", "02", "03", "10", "13"}


def _governed(verb: Token, own: PatternMatch | None) -> tuple[str | None, Token | None]:
    """The modality class of a governing verb (or of its object noun) and the action it governs.

    A threat addressed to another party ("warned X to stop", "an ultimatum to X to halt") demands
    the action of them: it stays a threat (class "warning") whatever the action's code.
    """
    kind, governor = modality.governor_class(verb), verb
    if kind == "aspect" and any(c.dep_ == "dobj" for c in verb.children):
        return None, None  # "continued the strike to demand ...": the object is the act, the to-clause its aim
    if kind is None and (own is None or own.code[:2] in NOUN_GOVERNED_ROOTS):
        kind, governor = modality.noun_governor(verb) or (None, verb)
    inner = modality.complement(verb) or (modality.complement(governor) if governor is not verb else None)
    if kind is None or (inner is None and governor is not verb):
        return None, None
    if kind == "threat" and inner is not None and (_own_subject(inner) or _addressee(verb) or _addressee(governor)):
        kind = "warning"
    return kind, _past_aspect(inner)


def _governor_negated(verb: Token) -> bool:
    """True if the verb's governing object noun is negated: "has no plans to attack", "no intention to"."""
    found = modality.noun_governor(verb)
    return found is not None and modality.is_negated(found[1])


def _conditioned(verb: Token, inner: Token | None, index: args.MentionIndex, sentence: Span,
                 sources: list[ActorMention]) -> list[ActorMention]:
    """The party a threat is conditioned on: the subject of its "if"/"unless" clause."""
    for head in (inner, verb):
        for clause in (c for c in head.children if c.dep_ == "advcl") if head is not None else ():
            if modality.is_conditional(clause):
                subjects = [c for c in clause.children if c.dep_ in args.SUBJECT_DEPS | args.PASSIVE_SUBJECT_DEPS]
                found = [m for m in args.actors(subjects, index, sentence) if m not in sources and m.country]
                if found:
                    return found
    return []


def _past_aspect(inner: Token | None) -> Token | None:
    """The act under verbs of beginning or resuming ("prepared to resume shelling": the shelling)."""
    for _ in range(3):
        if inner is None or modality.governor_class(inner) != "aspect":
            return inner
        deeper = modality.complement(inner)
        if deeper is None or any(c.dep_ == "dobj" for c in inner.children):
            return inner
        inner = deeper
    return inner


def _between(verb: Token, inner: Token) -> list[Token]:
    """The verbs on the parse path from a governor down to the act it governs ("resume" in "prepared to resume shelling")."""
    path, token = [], inner.head
    while token.i != verb.i and token.head.i != token.i and len(path) < 4:
        path.append(token)
        token = token.head
    return path


def _stative_subject(verb: Token, kind: str | None) -> list[Token]:
    """The subject of a passive-form intent or stance without agent: "Vietnam is committed to opening up",
    "Peru is opposed to X"."""
    if kind != "intent" and modality.stance_verb(verb) is None:
        return []
    if not args.is_passive(verb) or any(c.dep_ == "agent" for c in verb.children):
        return []
    auxiliaries = [c for c in verb.children if c.dep_ == "auxpass"]  # "Peru is opposed": Peru may hang on "is"
    return [c for t in [verb, *auxiliaries] for c in t.children if c.dep_ in args.PASSIVE_SUBJECT_DEPS | {"nsubj"}]


def _addressee(governor: Token) -> bool:
    """True if a governing verb or noun names whom it addresses ("warned X", "to X").

    A verb's object counts unless it is the governing noun itself ("issued an ultimatum").
    """
    lex = modality.lexicon()
    for child in governor.children:
        if child.dep_ == "dobj" and child.pos_ in {"PROPN", "NOUN", "PRON"}:
            if not any(child.lemma_.lower() in lex[name] for name in ("threat", "demand", "appeal")):
                return True
        elif child.dep_ in {"dative", "prep"} and child.lower_ == "to" and any(g.dep_ == "pobj" for g in child.children):
            return True
        elif child.dep_ == "dative" and child.pos_ in {"PROPN", "NOUN", "PRON"}:
            return True
    return False


def _issuer(verb: Token, index: args.MentionIndex, sentence: Span) -> list[ActorMention]:
    """Who acts through a document: "X issued a statement demanding ...", the statement being no actor."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or noun.dep_ not in {"dobj", "attr"} or noun.head.pos_ != "VERB":
        return []
    return args.actors(args.subject_tokens(noun.head), index, sentence)


class ClauseCoder(SpeechActs):
    """Turns one parsed sentence and its actor mentions into candidates."""

    def __init__(self, book: PatternBook):
        self.book = book

    def candidates(self, sentence: Span, index: args.MentionIndex) -> list[Candidate]:
        """All verbal candidates of a sentence (negated ones included, flagged)."""
        consumed: set[int] = set()
        speakers: dict[int, str] = {}
        default_speaker = _attribution(sentence)
        found = []
        for verb in predicates(sentence):
            if verb.i in consumed or modality.is_conditional(verb) or modality.is_alleged(verb):
                continue
            if modality.is_speculative(verb):  # "may consider recognizing X": neither is an event
                consumed.update(t.i for t in verb.subtree)
                continue
            if modality.is_speech(verb) and self._report(verb, speakers):
                found += self.speech_acts(verb, sentence, index, consumed)
                continue
            complaint = modality.complaint_clause(verb)
            candidate = (self.complaint(verb, complaint, sentence, index, consumed) if complaint is not None
                         else self._code(verb, sentence, index, consumed))
            if candidate is None:
                continue
            candidate.speaker = self._speaker_of(verb, speakers) or default_speaker
            found.append(candidate)
        return found

    def _report(self, verb: Token, speakers: dict[int, str]) -> bool:
        """Record the speaker of a reported clause; True if the verb only reports."""
        reported = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}]
        if verb.dep_ in {"parataxis", "advcl"} and verb.head.pos_ in {"VERB", "AUX"} and verb.i > verb.head.i:
            reported.append(verb.head)  # "Russia attacked Kyiv, the ministry said"
        speaker = _speaker(verb)
        for clause in reported:
            for part in [clause, *clause.conjuncts]:
                speakers.setdefault(part.i, speaker or "")
        return bool(reported)

    @staticmethod
    def _speaker_of(verb: Token, speakers: dict[int, str]) -> str | None:
        for token in [verb, *verb.ancestors]:
            if token.i in speakers:
                return speakers[token.i] or None
        return None

    def _code(self, verb: Token, sentence: Span, index: args.MentionIndex, consumed: set[int]) -> Candidate | None:
        """One candidate for a verb, taking over its complement when it governs one."""
        own = match_verb(verb, self.book) or self.stance(verb)
        if verb_lemma(verb, self.book) in modality.lexicon()["light"] and (own is None or own.specificity == 0):
            own = self._event_object(verb) or own
        kind, inner_verb = _governed(verb, own)
        if modality.arms_aimed_at(verb) and not modality.is_negated(verb):
            return self.armed_threat(verb, sentence, index, consumed)
        kept_open = kept_open_rule(verb, kind, inner_verb)
        if kept_open is not None:
            return self.kept_open(verb, kept_open, sentence, index, consumed)
        if kind == "intent" and inner_verb is not None and _own_subject(inner_verb):
            kind, own = "appeal", None  # "Russia wants NATO forces to leave": a request to others, not an intent
        match, code = own, own.code if own else None
        if inner_verb is not None:
            for part in [inner_verb, *inner_verb.conjuncts, *_between(verb, inner_verb)]:
                consumed.add(part.i)
            inner = match_verb(inner_verb, self.book)
            mapped = modality.transform(kind, inner.code) if inner is not None and kind != "nonfactual" else None
            if mapped is not None:  # the inner pattern's PLOVER type names the inner act, not the governed one
                match, code = (inner if mapped == inner.code else replace(inner, plover=None, plover_mode=None)), mapped
                if kind in GENERIC_CODES or kind == "warning":  # the governing word is the project's own evidence
                    match = replace(match, layer="core")
            elif own is None and kind in GENERIC_CODES:
                match, code = PatternMatch(GENERIC_CODES[kind], 0), GENERIC_CODES[kind]
            elif kind in GENERIC_CODES and own.code[:2] == GENERIC_CODES[kind][:2]:
                match = replace(own, layer="core")  # "ordered X to appear": the lexicon confirms the verb's own code
        noun = self._event_object(verb) if kind == "refuse" and inner_verb is None else None
        if inner_verb is None and (noun is not None or modality.rules_out(verb)) and (
                own is None or own.code[:2] not in {"01", "12"}):
            # "ruled out a ceasefire": refusing the act the noun names
            code = (modality.transform("refuse", noun.code) if noun else None) or GENERIC_CODES["refuse"]
            match = PatternMatch(code, 1 if noun else 0)
        if match is None or code is None:
            return None
        if code == CLAIM_CODE:
            match = self.claimed_plover(verb, match)
        future = inner_verb is None and modality.is_future(verb)  # CAMEO: the act itself (see modality)
        if future:
            match = _future_plover(match, code)
        negated = (modality.is_negated(verb) or (inner_verb is not None and modality.is_negated(inner_verb))
                   or _governor_negated(verb))
        if negated and not modality.is_negated(verb) and kind in RESTRAINT_CODES:
            # "urged X not to fill the dam": still an appeal, to refrain (de-escalate if the act is force)
            inner = match_verb(inner_verb, self.book)
            forceful = inner is not None and inner.code[:2] >= "14"
            code = RESTRAINT_CODES[kind] if forceful else GENERIC_CODES.get(kind, "130")
            match, negated = PatternMatch(code, 0), False
        if negated and (future or kind == "intent") and "03" <= match.code[:2] <= "08":
            # "will not accept", "did not agree to meet": a refusal (12x), not a non-event; the act's
            # PLOVER type (AGREE for a future act) no longer applies
            code, negated = modality.transform("refuse", match.code) or "120", False
            match = replace(match, plover=None, plover_mode=None)
        if future and not negated and code[:2] >= "14" and modality.conditioned(verb):
            code = modality.transform("threat", code) or code  # "will strike unless Y halts": a threat (13x)
        sources = (args.actors(args.subject_tokens(verb) or _stative_subject(verb, kind), index, sentence, owners=True)
                   or _issuer(verb, index, sentence) or agentless.unnamed_source(verb, code, index, sentence, self.book))
        if not sources:
            return None
        sources = parties.placed_society(verb, code, sources, index)
        targets = self._targets(verb, code, own, (kind, inner_verb), sentence, index, sources, consumed)
        if code[:2] == "15" and parties.joint(verb, sources, targets):  # "French and Egyptian warships began war games"
            match, code = replace(match, plover=None, plover_mode=None), parties.JOINT_CODE
        targets = parties.own_state(parties.without_venue(verb, code, sources, targets), sources, code[:2] == "14")
        each_other = parties.each_other(code, sources, targets)
        targets = [] if each_other else targets
        if match.reverse:
            sources, targets = targets, sources
        objects = [c for v in (verb, inner_verb) if v is not None for c in v.children
                   if c.dep_ in {"dobj", "nsubjpass", "attr"}]
        if parties.against_object(match, code, verb, inner_verb):
            match = replace(match, reciprocal=False)
        mutual = not targets and (parties.mutual([verb, inner_verb], sources) or code == parties.JOINT_CODE or each_other)
        return Candidate(
            predicate=verb, code=code, match=match, sources=sources, targets=targets,
            negated=negated, hedged=modality.hedged(verb), objects=objects,
            reciprocal=parties.reciprocal(own, match, code, verb, inner_verb) or mutual,
        )

    def _targets(self, verb: Token, code: str, own: PatternMatch | None, governed: tuple[str | None, Token | None],
                 sentence: Span, index: args.MentionIndex, sources: list[ActorMention],
                 consumed: set[int]) -> list[ActorMention]:
        """The recipients of a verb's act: addressees of a statement, else the first actor slot, else
        the governed act's or the purpose clause's ("staged a rally to protest X's decision")."""
        kind, inner_verb = governed
        extra = ("in", "at", "for") if verb.lemma_.lower() in modality.lexicon()["travel"] else parties.haven_preps(verb)
        extra += ("between",) if "03" <= code[:2] <= "05" else ()  # "mediating between X and Y", not "sailed between"
        if modality.is_speech(verb) and code[:2] == "01":
            targets = args.addressees(verb, index, sentence, sources)  # a statement needs an addressee
        else:
            # two countries signing or meeting "in X": X is the venue, they are each other's party
            together = bool(own and own.reciprocal) and len({m.country for m in sources if m.country}) > 1
            targets = args.first_targets(verb, index, sentence, sources, extra, own_forces_ok=code[:2] >= "09"
                                         and code[:2] != "15", places=not together)
        if not targets and modality.stance_verb(verb) is not None:  # "is in favour of X's plan"
            targets = [m for m in args.actors(modality.stance_objects(verb), index, sentence) if m not in sources]
        if not targets and code in RESPONSIBILITY_CODES:  # "claimed responsibility for the attack on X"
            targets = self.claimed_targets(verb, index, sentence, sources)
        # force lands on the area it is aimed at ("struck targets in Gaza", "near the border with X"), a curfew
        # or restriction on the place it is imposed in ("threatened to impose a curfew in X")
        if not targets and (code[:2] in AREA_ROOTS or code[:3] in RESTRICTION_CODES):
            targets = args.area_targets(inner_verb if inner_verb is not None else verb, index, sentence, sources)
        if not targets and modality.governor_class(verb) == "threat":  # "warned about X", "warned of X"
            targets = [m for m in args.actors(args.prep_objects(verb, ("about", "of")), index, sentence)
                       if m not in sources]
        if not targets and inner_verb is not None and kind != "nonfactual":
            targets = self._complement_targets(inner_verb, index, sentence, sources, kind, extra)
        if code[:2] == "13" and not any(m.country for m in targets):  # "threatened to X if the US goes ahead"
            targets = _conditioned(verb, inner_verb, index, sentence, sources) or targets
        purpose = _purpose_clause(verb) if inner_verb is None and code[:2] in PURPOSE_ROOTS | HELP_ROOTS else None
        if purpose is not None and (code[:2] in PURPOSE_ROOTS or purpose.lemma_.lower() in modality.lexicon()["help"]):
            consumed.update(part.i for part in [purpose, *purpose.conjuncts])
            targets = targets or self._complement_targets(purpose, index, sentence, sources, None)
        return targets

    def _event_object(self, verb: Token) -> PatternMatch | None:
        """The code of a light verb's event-noun object: "staged a protest", "launched an offensive"."""
        objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        for noun in objects + [p for o in objects for p in args.prep_objects(o, ("of",))]:  # "a wave of strikes"
            match = self.book.match_noun(noun.lemma_.lower(), args.noun_modifiers(noun))
            if match is not None:
                return replace(match, specificity=match.specificity + 1)
        return None

    @staticmethod
    def _complement_targets(inner: Token, index: args.MentionIndex, sentence: Span, sources: list[ActorMention],
                            kind: str | None, extra: tuple[str, ...] = ()) -> list[ActorMention]:
        """Targets of a governed action: the subject of "demanded that the US cancel", else its objects."""
        if kind in {"appeal", "demand", "refuse", "warning"}:
            subjects = [m for m in args.actors([c for c in inner.children if c.dep_ in args.SUBJECT_DEPS], index, sentence)
                        if m not in sources]
            if subjects:
                return subjects
        for _ in range(3):  # "willing to send material to help defend Saudi Arabia"
            targets = args.first_targets(inner, index, sentence, sources, extra)  # "offered to mediate between X and Y"
            if targets:
                return targets
            inner = next((c for c in inner.children if c.dep_ in {"xcomp", "ccomp", "advcl"} and c.pos_ == "VERB"), None)
            if inner is None:
                break
        return []
