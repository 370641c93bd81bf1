"""Negation, intent, threats, appeals, demands, refusals, reported speech and hedges.

The word classes live in ``data/patterns/lexicon.tsv``. Design decisions:
- A negated action is not that action: the coder drops it (``Coder(keep_negated=True)`` keeps it
  with ``negated=True`` for inspection). "Refuse to meet" is not negation but REJECT (12x).
- A governing verb turns its complement's code into the CAMEO family of the governor:
  intent -> 03x for cooperation and 13x for hostility; threat -> 13x; appeal -> 02x;
  demand -> 10x; refuse -> 12x. The complement is then not coded on its own. Attempting,
  beginning, resuming or continuing an act is the act itself.
- Asking or warning others not to act ("urged X not to attack") stays an appeal or threat;
  refraining from force is de-escalation (0256, 1056). A negated governor ("did not urge") is
  no event.
- Reported speech ("X says Y attacked Z") codes the complement Y->Z with X as attribution.
- A plain future ("Iran will host talks", "is set to sign", "is due to visit") is coded as the act
  itself, as PETRARCH and TABARI code it and as CAMEO-coded reference data (AFP gold) expects:
  news reports a scheduled or announced act, and CAMEO has no tense. The 03x/13x codes are kept for
  what the codebook names: expressed intent through a governing verb ("plans to", "vows to",
  "agreed to", "is ready to", "threatened to"). A negated future of cooperation ("will not accept")
  is a refusal (12x), not a non-event. PLOVER, unlike CAMEO, codes an announced future act as the
  intent ("would withdraw troops" is CONCEDE/AGREE, "will impose a curfew" THREATEN), so the future
  act's PLOVER type and mode are those of the 03x/13x code while its CAMEO code is the act's.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Token

from bilateral.coding.patterns import DATA

COMPLEMENT_DEPS = ("xcomp", "ccomp", "pcomp", "advcl")
INTENT_ADJECTIVES = frozenset({"willing", "ready", "prepared", "determined", "keen", "eager", "poised", "set"})
# Classes of words that govern a complement and give the clause a code of their own.
GOVERNOR_CLASSES = ("threat", "refuse", "demand", "appeal", "nonfactual", "intent", "attempt", "aspect")
_ADJ_FUTURE = {"due", "about", "expected", "scheduled", "likely", "set", "poised", "going"}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """Word class -> words, read once from lexicon.tsv."""
    classes: dict[str, set[str]] = defaultdict(set)
    with (DATA / "lexicon.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader([line for line in fh if line.strip() and not line.startswith("#")], delimiter="\t")
        for row in rows:
            classes[row["class"]].add(row["word"])
    return {name: frozenset(words) for name, words in classes.items()}


def is_negated(verb: Token) -> bool:
    """True if the verb carries a negation ("did not attack", "never met")."""
    negators = lexicon()["negator"]
    return any(c.dep_ == "neg" or (c.dep_ in {"advmod", "det", "preconj"} and c.lower_ in negators)
               for c in verb.children)


def is_future(verb: Token) -> bool:
    """True for "will attack", "is to meet", "is set to sign", "is about to visit"."""
    future = lexicon()["modal_future"]
    if any(c.dep_ == "aux" and c.lower_ in future for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in _ADJ_FUTURE | {"go"} and head.lower_ != "went"


# "Y has to / needs to / ought to Z" (present tense: "had to flee" reports what happened).
OBLIGATION_VERBS = frozenset({"have", "need", "ought"})


def is_obligation(verb: Token) -> bool:
    """True for "must cancel", "should withdraw", "has to leave", "needs to respect", and the subjunctive
    "insisted that Iran release them" (a bare verb after its own subject): what a speaker demands."""
    if any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in verb.children):
        return True
    if obligation_act(verb) is not verb:
        return True
    if verb.dep_ == "ccomp" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        singular = {"NN", "NNP"}  # "Britain release": a present tense would be "releases"
        if any(c.dep_ == "nsubj" and c.i < verb.i and (verb.tag_ == "VB" or (verb.tag_ == "VBP" and c.tag_ in singular
                                                                              and not c.conjuncts))  # "X and Y welcome"
               for c in verb.children):
            return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ == "have" and any(c.lower_ == "to" for c in verb.children)


def obligation_act(clause: Token) -> Token:
    """The act an obligation demands: "stop" in "China has to stop", else the clause's own verb."""
    if clause.lemma_.lower() in OBLIGATION_VERBS and clause.tag_ in {"VBZ", "VBP", "VB", "MD"}:
        for child in clause.children:
            if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"} and any(
                    g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
                return child
    return clause


def rules_out(verb: Token) -> bool:
    """True for "rule out" ("ruled out talks", "ruled out releasing them"): a refusal."""
    return verb.lemma_.lower() == "rule" and any(c.dep_ in {"prt", "prep"} and c.lower_ == "out" for c in verb.children)


# Force named without an event noun: "military action", "a military option", "the use of force".
FORCE_NOUNS = frozenset({"action", "option", "intervention", "response", "operation", "force", "use"})


def force_option(verb: Token) -> bool:
    """True if the verb's object names the use of force ("ruled out military action")."""
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in FORCE_NOUNS):
        words = {t.lower_ for t in obj.subtree}
        if words & {"military", "armed"} or (obj.lemma_.lower() in {"force", "use"} and "force" in words):
            return True
    return False


def out_of_question(clause: Token) -> Token | None:
    """What a clause declares "out of the question" (its gerund or noun subject, or its to-clause), or None."""
    if clause.lemma_ != "be":
        return None
    outs = [c for c in clause.children if c.dep_ in {"prep", "advmod"} and c.lower_ == "out"]
    questions = [q for o in outs for g in o.children if g.lower_ == "of" for q in g.children if q.lower_ == "question"]
    if not questions:
        return None
    for child in clause.children:
        if child.dep_ == "csubj" or (child.dep_ == "nsubj" and child.pos_ == "NOUN"):
            return child
    return next((c for t in (clause, questions[0]) for c in t.children  # "it is out of the question to ..."
                 if c.dep_ in {"xcomp", "ccomp", "advcl", "acl"} and c.pos_ == "VERB" and _to_clause(c)), None)


# Arms a party builds or holds "to use against" another: a threat of force against it.
ARMS = frozenset({"weapon", "arm", "missile", "rocket", "bomb", "warhead", "drone"})


def arms_aimed_at(verb: Token) -> list[Token]:
    """Whom the arms a verb builds or holds are meant for: X in "building weapons to use against X"."""
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ARMS):
        for use in (c for t in (obj, verb) for c in t.children if c.dep_ in {"relcl", "acl", "advcl"}):
            if use.lemma_.lower() == "use" and _to_clause(use):
                return [g for p in use.children if p.dep_ == "prep" and p.lower_ == "against"
                        for g in p.children if g.dep_ == "pobj"]
    return []


def governor_class(verb: Token) -> str | None:
    """The modality class of a verb that governs a complement: intent, threat, appeal, demand, refuse, nonfactual."""
    lemma = verb.lemma_.lower()
    if rules_out(verb):
        return "refuse"
    lex = lexicon()
    for name in GOVERNOR_CLASSES:
        if lemma in lex.get(name, ()):
            return name
    if verb.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in INTENT_ADJECTIVES for c in verb.children):
        return "intent"
    if verb.pos_ == "ADJ" and verb.lower_ in INTENT_ADJECTIVES:
        return "intent"
    return None


# Copular stances and the verbs they stand for: "is against X", "is opposed to X", "is in favour of X".
STANCE_PREPS = {"against": "oppose"}
STANCE_NOUNS = {"favour": "favor", "favor": "favor", "support": "support"}  # "in favour of", "in support of"
STANCE_ADJECTIVES = {"opposed": "oppose"}


def stance_verb(token: Token) -> str | None:
    """The verb lemma a copular stance stands for ("is against" oppose, "is in favour of" favor), or None."""
    if token.pos_ == "ADJ" and token.dep_ == "acomp":
        return STANCE_ADJECTIVES.get(token.lower_)
    if token.lower_ in STANCE_ADJECTIVES and any(c.dep_ == "auxpass" for c in token.children) \
            and not any(c.dep_ == "agent" for c in token.children):  # "X is opposed to", parsed as a passive
        return STANCE_ADJECTIVES[token.lower_]
    if token.lemma_ != "be":
        return None
    for child in (c for c in token.children if c.dep_ == "prep"):
        if child.lower_ in STANCE_PREPS:
            return STANCE_PREPS[child.lower_]
        for noun in (g for g in child.children if g.dep_ == "pobj" and child.lower_ == "in"):
            if noun.lower_ in STANCE_NOUNS and any(p.lower_ == "of" for p in noun.children):
                return STANCE_NOUNS[noun.lower_]
    return None


def stance_objects(token: Token) -> list[Token]:
    """What a copular stance is about: the object of "against", "opposed to" or "in favour of"."""
    preps = [c for c in token.children if c.dep_ == "prep"]
    preps += [p for c in preps if c.lower_ == "in" for n in c.children if n.lower_ in STANCE_NOUNS
              for p in n.children if p.dep_ == "prep" and p.lower_ == "of"]
    return [g for p in preps if p.lower_ in {"against", "to", "of"} for g in p.children if g.dep_ == "pobj"]


def governor_words() -> frozenset[str]:
    """Every word that can govern a clause and carry a code of its own class ("threaten", "willing").

    The pre-scan keeps a sentence with one of them and a name, as it does for pattern verbs.
    """
    lex = lexicon()
    return frozenset().union(*(lex.get(name, ()) for name in GOVERNOR_CLASSES)) | INTENT_ADJECTIVES


def noun_governor(verb: Token) -> tuple[str, Token] | None:
    """The modality class and noun of a verb's governing object: "reiterated its demand that X ...",
    "insisted on its demand that X ...".

    The noun must be the subject's own (no possessor or modifier other than a pronoun: in "rejected
    the US call for X to" the call is someone else's).
    """
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"on", "upon"}  # "insisted on its demand"
                for g in c.children if g.dep_ == "pobj"]
    for child in objects:
        if child.pos_ != "NOUN":
            continue
        if any(g.dep_ in {"poss", "compound", "nmod"} and g.pos_ != "PRON" for g in child.children):
            continue
        lemma, lex = child.lemma_.lower(), lexicon()
        for name in ("threat", "refuse", "demand", "appeal", "intent"):
            if lemma in lex[name]:
                return name, child
    return None


def _to_clause(token: Token) -> bool:
    """True for a verb with "to" or "that" marking it as a governed clause."""
    return token.pos_ in {"VERB", "AUX"} and any(
        c.dep_ in {"aux", "mark"} and c.lower_ in {"to", "that"} and c.i < token.i for c in token.children)


def complement(verb: Token) -> Token | None:
    """The action a governing verb (or noun) governs: its to-infinitive, that-clause or gerund.

    A to-clause the parser attached as adverbial ("swore to fight") or, under a noun, as a
    clausal modifier ("its demand that X leave") counts too.
    """
    for child in verb.children:
        if child.dep_ in {"xcomp", "ccomp"} and child.pos_ in {"VERB", "AUX"}:
            return child
        if child.dep_ in {"advcl", "acl"} and child.i > verb.i and _to_clause(child):
            return child
        if child.dep_ == "advcl" and child.tag_ == "VBG" and child.i > verb.i and rules_out(verb):
            return child  # "ruled out releasing them", the gerund parsed as adverbial
        if child.dep_ == "acomp":  # "is willing to withdraw"
            inner = complement(child)
            if inner is not None:
                return inner
        if child.dep_ == "prep" and child.lower_ in {"of", "for", "to", "from"}:  # "accused X of attacking"
            for grand in child.children:
                if grand.dep_ == "pcomp" and grand.pos_ == "VERB":
                    return grand
    return None


def is_conditional(verb: Token) -> bool:
    """True for a hypothetical clause: "if Russia invades", "should Russia invade", "unless it agrees"."""
    markers = lexicon()["conditional"]
    for child in verb.children:
        if child.dep_ == "mark" and child.lower_ in markers:
            return True
        if child.dep_ == "aux" and child.lower_ == "should" and child.i < verb.i and any(
                c.dep_ in {"nsubj", "nsubjpass"} and child.i < c.i < verb.i for c in verb.children):
            return True  # inverted "should Russia invade"
    return False


def is_speculative(verb: Token) -> bool:
    """True for a possibility, not an event: "Iran may strike", "the EU could impose sanctions"."""
    modals = lexicon()["speculative"]
    return any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)


def is_question(sentence) -> bool:
    """True for a sentence that asks rather than reports ("Will Iran strike back?")."""
    words = [t for t in sentence if not (t.is_punct and t.text != "?") and not t.is_space]
    return bool(words) and words[-1].text == "?"


def conditioned(verb: Token) -> bool:
    """True if an "if" or "unless" clause hangs on the verb: "will cut supplies unless Y pays"."""
    return any(c.dep_ == "advcl" and is_conditional(c) for c in verb.children)


# Verbs whose that-clause is a grievance against its subject: "complained that Y violated the truce".
COMPLAINT_VERBS = frozenset({"complain", "protest", "allege", "charge"})


def complaint_clause(verb: Token) -> Token | None:
    """The that-clause a verb of complaint or allegation states ("protested that Y had sent ships")."""
    if verb.lemma_.lower() not in COMPLAINT_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}), None)


CONFIRMING = frozenset({"confirm", "acknowledge", "admit", "verify", "corroborate"})


def is_alleged(verb: Token) -> bool:
    """True for the content of a claim: "rejected accusations that it supplied drones" reports no supply."""
    claim = verb.head
    return verb.dep_ in {"acl", "ccomp"} and claim.pos_ == "NOUN" and claim.lemma_.lower() in lexicon()["allegation"] \
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children) \
        and claim.head.lemma_.lower() not in CONFIRMING  # "confirmed reports that it struck": a fact


def is_speech(verb: Token) -> bool:
    """True for verbs of saying whose clause reports an event."""
    return verb.lemma_.lower() in lexicon()["speech"]


def hedged(verb: Token) -> bool:
    """True if the clause hedges ("reportedly", "may have", "allegedly")."""
    hedges = lexicon()["hedge"]
    return any(c.lower_ in hedges for c in verb.children) or any(
        c.lower_ in hedges for c in verb.head.children if verb.dep_ in COMPLEMENT_DEPS
    )


# Embedded action root -> the code of intending / appealing / demanding / refusing it.
_INTENT = {"04": "036", "045": "039", "046": "036", "05": "032", "057": "030", "06": "031", "061": "0311",
           "062": "0312", "063": "0313", "064": "0314", "07": "033", "071": "0331", "072": "0332",
           "073": "0333", "074": "0334", "08": "035", "081": "0351", "082": "0352", "083": "034",
           "084": "0353", "0841": "0353", "0842": "0353", "085": "0354", "086": "0355", "087": "0356",
           "0871": "0356", "0872": "0356", "0873": "0356", "0874": "0356", "03": None, "02": None, "01": None}
_THREAT = {"10": None, "11": None, "12": None, "13": None, "14": "133", "15": "138", "16": "131", "161": "1313",
           "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136", "17": "137", "170": "130",
           "172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324", "18": "1383",
           "19": "1384", "191": "1381", "192": "1382", "20": "1385", "204": "1385"}
_APPEAL = {"04": "026", "045": "028", "046": "026", "05": "022", "06": "021", "061": "0211", "062": "0212",
           "063": "0213", "064": "0214", "07": "023", "071": "0231", "072": "0232", "073": "0233", "074": "0234",
           "08": "025", "081": "0251", "082": "0252", "083": "024", "084": "0253", "0841": "0253",
           "085": "0254", "086": "0255", "087": "0256", "0871": "0256", "0872": "0256"}
_DEMAND = {"04": "106", "045": "108", "046": "106", "05": "102", "06": "101", "061": "1011", "062": "1012",
           "063": "1013", "064": "1014", "07": "103", "071": "1031", "072": "1032", "073": "1033",
           "074": "1034", "08": "105", "081": "1051", "082": "1052", "083": "104", "084": "1053",
           "0841": "1053", "085": "1054", "086": "1055", "087": "1056", "0871": "1056", "0872": "1056"}
_REFUSE = {"04": "125", "045": "126", "046": "125", "05": "127", "057": "127", "06": "121", "061": "1211",
           "062": "1212", "063": "1213", "07": "122", "071": "1221", "072": "1222",
           "073": "1223", "074": "1224", "08": "124", "081": "1241", "082": "1242", "083": "123",
           "084": "1243", "0841": "1243", "085": "1244", "086": "1245", "087": "1246", "0871": "1246"}
_ATTEMPT = {"186": "185"}  # an attempt at anything else is coded as the act (PETRARCH's convention)
_TABLES = {"attempt": _ATTEMPT, "intent": _INTENT, "threat": _THREAT, "appeal": _APPEAL, "demand": _DEMAND, "refuse": _REFUSE,
           "aspect": {}}


def transform(kind: str, code: str | None) -> str | None:
    """The code for intending/threatening/appealing/demanding/refusing an action with ``code``.

    Attempting an act, or beginning, resuming or continuing it (class "aspect"), is the act.
    Returns None when the family has no code for it (the governor's own code applies then).
    A hostile action under an intent or future verb is a threat (13x), a cooperative one an
    intent (03x); the most specific key (full code, then 3 digits, then root) wins.
    """
    if code is None:
        return None
    if kind == "warning":  # a threat addressed to others: only a hostile action makes it a specific threat
        kind = "threat" if code[:2] >= "09" else ""
    if kind == "intent" and code[:2] >= "09":  # hostile intent is a threat, cooperative "threat" an intent
        kind = "threat"
    if kind == "threat" and code[:2] < "09":
        kind = "intent"
    table = _TABLES.get(kind, {})
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return code if kind in {"attempt", "aspect"} else None
