"""Events that saying and stance make by themselves, and the clauses they take over (issue 8).

- "X said (that) Y must / should / has to / needs to Z" is a demand by X on Y (10x), refined by
  Z; what Y must do is not Y's act.
- "X said Z is out of the question" and "X ruled out Z" refuse Z (12x); "did not / refused to rule
  out" force or sanctions keeps them open: a threat (13x); a cooperative act kept open is no event.
- "X complained / protested / alleged that Y did Z" is X's grievance against Y (114, 112); Z is
  only alleged, as in the that-clause of an accusation.
- A copular stance codes as the verb it stands for: "is against" / "is opposed to" as "oppose",
  "is in favour of" as "favor".
- "X claimed responsibility for the attack on Y" is CAMEO 015 from X to Y, with the attack's
  PLOVER type (PLOVER has none for the claim).
- "X is building weapons to use against Y" threatens Y with force (138).

``SpeechActs`` is a mixin of ``clauses.ClauseCoder``, which supplies ``book`` and ``_event_object``.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from bilateral.coding import arguments as args
from bilateral.coding import modality
from bilateral.coding.patterns import PatternMatch
from bilateral.ontology import lookup

if TYPE_CHECKING:
    from bilateral.coding.clauses import Candidate

ARMED_THREAT = "138"  # threaten with military force
REFUSAL = "120"  # reject, not specified
COMPLAINT_CODE = "114"  # complain officially: a protest lodged against another party
CLAIM_CODE = "015"  # claim responsibility
RESPONSIBILITY_CODES = {CLAIM_CODE, "016"}  # and deny it


def claimed_act(verb: Token) -> Token | None:
    """The act a party claims or denies responsibility for: "attack" in "claimed responsibility for the attack"."""
    nouns = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "responsibility"]
    found = args.prep_objects(verb, ("for",)) + [p for n in nouns for p in args.prep_objects(n, ("for",))]
    return found[0] if nouns and found else None


def kept_open_rule(verb: Token, kind: str | None, inner: Token | None) -> Token | None:
    """The "rule out" of "did not rule out X" or "refused to rule out X" (X is kept open), or None."""
    if modality.rules_out(verb) and modality.is_negated(verb):
        return verb
    return inner if kind == "refuse" and inner is not None and modality.rules_out(inner) else None


def speaker_tokens(verb: Token) -> list[Token]:
    """The subject of a verb of saying; a participle parsed as the subject stands for its own subject
    ("the Red Cross operating in Iraq said": the Red Cross)."""
    found = []
    for child in (c for c in verb.children if c.dep_ in args.SUBJECT_DEPS):
        inner = [g for g in child.children if g.dep_ == "nsubj"] if child.tag_ == "VBG" else []
        found += inner or [child]
    return found


def _candidate(**fields) -> Candidate:
    """A ``clauses.Candidate`` (imported late: the clause coder imports this module)."""
    from bilateral.coding.clauses import Candidate

    return Candidate(**fields)


def _match(verb: Token, book) -> PatternMatch | None:
    """``clauses.match_verb``, imported late for the same reason."""
    from bilateral.coding.clauses import match_verb

    return match_verb(verb, book)


class SpeechActs:
    """Candidates of the constructions above; mixed into ``ClauseCoder``."""

    def claimed_plover(self, verb: Token, match: PatternMatch) -> PatternMatch:
        """A claimed attack takes the attack's PLOVER type: PLOVER has no type for claiming it (CAMEO 015)."""
        act = claimed_act(verb)
        found = self.book.match_noun(act.lemma_.lower(), args.noun_modifiers(act)) if act is not None else None
        if found is None or found.code[:2] < "14":
            return match
        record = lookup(found.code)
        return replace(match, plover=found.plover or record.plover, plover_mode=found.plover_mode or record.plover_mode)

    @staticmethod
    def claimed_targets(verb: Token, index: args.MentionIndex, sentence: Span, sources: list) -> list:
        """Whom a claimed or denied act was aimed at: "the attack on X", "the bombing that killed ... in X"."""
        act = claimed_act(verb)
        if act is None:
            return []
        targets = [m for m in args.actors(args.object_prep_chain(act), index, sentence) if m not in sources]
        for clause in (c for c in act.children if c.dep_ in {"relcl", "acl"} and not targets):
            found = args.first_targets(clause, index, sentence, sources)  # a bare "soldiers" yields to the place
            targets = found if any(m.country for m in found) else args.area_targets(clause, index, sentence, sources)
        return targets

    def stance(self, verb: Token) -> PatternMatch | None:
        """The code of a copular stance, as its verb's: "is against X's plan" as "opposes X's plan"."""
        lemma = modality.stance_verb(verb)
        if lemma is None or verb.pos_ == "ADJ":  # "opposed" is matched as the verb it is
            return None
        return self.book.match_verb(lemma, args.particles(verb), args.region_words(verb, True),
                                    args.region_words(verb, False))

    def speech_acts(self, verb: Token, sentence: Span, index: args.MentionIndex,
                    consumed: set[int]) -> list[Candidate]:
        """What saying does by itself: a demand ("said Y must Z"), a refusal ("said Z is out of the question")."""
        found = []
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            if modality.is_obligation(clause):
                found.append(self.reported_demand(verb, clause, sentence, index, consumed))
            elif modality.out_of_question(clause) is not None:
                found.append(self.reported_refusal(verb, clause, sentence, index, consumed))
        return [c for c in found if c is not None]

    def reported_demand(self, verb: Token, clause: Token, sentence: Span, index: args.MentionIndex,
                        consumed: set[int] | None = None) -> Candidate | None:
        """ "X said Y must do Z": a demand by X on Y (CAMEO 10x), refined by what Z is.

        What Y must do is not something Y did: the clause is consumed whenever it names Y, even if
        the speaker is no known actor.
        """
        sources = args.actors(speaker_tokens(verb), index, sentence)
        targets = [m for m in args.actors([c for c in clause.children if c.dep_ in args.SUBJECT_DEPS], index, sentence)
                   if m not in sources]
        act = modality.obligation_act(clause)
        if targets and consumed is not None:
            consumed.update(t.i for t in {clause, act, *act.conjuncts})
        if not sources or not targets:
            return None
        inner = _match(act, self.book)
        code = (modality.transform("demand", inner.code) if inner else None) or "100"
        if inner is not None and code != inner.code:  # the demand's PLOVER type, not the demanded act's
            inner = replace(inner, plover=None, plover_mode=None)
        return _candidate(predicate=verb, code=code, match=inner or PatternMatch("100", 0), sources=sources,
                          targets=targets, hedged=modality.hedged(verb))

    def complaint(self, verb: Token, clause: Token, sentence: Span, index: args.MentionIndex,
                  consumed: set[int]) -> Candidate | None:
        """ "X complained / protested / alleged that Y did Z": X disapproves of Y (11x), and Z is only
        alleged. The addressee of an official complaint ("complained to the UN") is its target."""
        consumed.update(t.i for t in [clause, *clause.conjuncts])
        own = _match(verb, self.book)
        match = own if own is not None and own.code[:2] == "11" else PatternMatch(COMPLAINT_CODE, 0)
        sources = args.actors(args.subject_tokens(verb), index, sentence, owners=True)
        targets = args.addressees(verb, index, sentence, sources) or [
            m for m in args.actors(args.subject_tokens(clause), index, sentence) if m not in sources]
        if not sources:
            return None
        return _candidate(predicate=verb, code=match.code, match=match, sources=sources, targets=targets,
                          negated=modality.is_negated(verb), hedged=modality.hedged(verb))

    def reported_refusal(self, verb: Token, clause: Token, sentence: Span, index: args.MentionIndex,
                         consumed: set[int]) -> Candidate | None:
        """ "X said removing the sanctions is out of the question": X refuses the act (12x)."""
        act = modality.out_of_question(clause)
        consumed.update({clause.i, act.i})
        sources = args.actors(speaker_tokens(verb), index, sentence)
        if act.pos_ == "NOUN":  # "talks with X were out of the question"
            found = self.book.match_noun(act.lemma_.lower(), args.noun_modifiers(act))
            targets = args.actors(args.object_prep_chain(act), index, sentence)
        else:
            found = _match(act, self.book)
            targets = args.first_targets(act, index, sentence, sources)
        code = (modality.transform("refuse", found.code) if found else None) or REFUSAL
        if not sources:
            return None
        return _candidate(predicate=verb, code=code, match=PatternMatch(code, 1 if found else 0), sources=sources,
                          targets=[m for m in targets if m not in sources], hedged=modality.hedged(verb))

    def kept_open(self, verb: Token, rule: Token, sentence: Span, index: args.MentionIndex,
                  consumed: set[int]) -> Candidate | None:
        """ "did not rule out / refused to rule out X": X is not refused. Force or sanctions kept open
        are a threat (13x); a cooperative act kept open is no event."""
        act = modality.complement(rule)
        consumed.update(t.i for t in (rule, act) if t is not None)
        found = _match(act, self.book) if act is not None else self._event_object(rule)
        code = found.code if found is not None else "190" if modality.force_option(rule) else None
        threat = modality.transform("threat", code) if code is not None and code[:2] >= "14" else None
        sources = args.actors(args.subject_tokens(verb), index, sentence, owners=True)
        if threat is None or not sources:
            return None
        targets = args.first_targets(act if act is not None else rule, index, sentence, sources)
        return _candidate(predicate=verb, code=threat, match=PatternMatch(threat, 1), sources=sources,
                          targets=targets, hedged=modality.hedged(verb))

    def armed_threat(self, verb: Token, sentence: Span, index: args.MentionIndex,
                     consumed: set[int]) -> Candidate | None:
        """ "X is building weapons to use against Y": a threat of military force (138) against Y."""
        aimed = modality.arms_aimed_at(verb)
        consumed.update(t.head.head.i for t in aimed)  # the "use" clause is part of the threat
        sources = args.actors(args.subject_tokens(verb), index, sentence, owners=True)
        targets = [m for m in args.actors(aimed, index, sentence) if m not in sources]
        if not sources or not targets:
            return None
        return _candidate(predicate=verb, code=ARMED_THREAT, match=PatternMatch(ARMED_THREAT, 1), sources=sources,
                          targets=targets, hedged=modality.hedged(verb))
