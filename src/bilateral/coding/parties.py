"""Who the parties of an event are when the parse alone does not say.

- Two countries' forces holding drills together cooperate militarily (062), both directions.
- A compound subject of different parties acting on its mutual relation ("renewed ties",
  "postponed their talks", "vowed to boost trade", "agreed to a ceasefire") acts on each other;
  so do countries cooperating together whose only object is a bare agent ("reopen embassies").
- A hostile act with an object of its own is against that object, not mutual ("pledged to
  fight terrorism"); "exchanged fire", whose pattern names the object, stays mutual.
- "sought asylum in X": the country of the haven is the party asked.
- The place several parties travel to together to negotiate is a venue, not a party.
- A country's society acting on a bare state agent ("protested against the government") acts
  on its own state; protesters without a country take that of the place they protest in.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from bilateral.actors.resolve import ActorMention
from bilateral.coding import arguments as args
from bilateral.coding import modality
from bilateral.coding.patterns import PatternMatch


def haven_preps(verb: Token) -> tuple[str, ...]:
    """ "sought asylum in X", "found refuge in X": the country of the haven is the party asked."""
    havens = modality.lexicon().get("haven", frozenset())
    return ("in",) if any(c.dep_ == "dobj" and c.lemma_.lower() in havens for c in verb.children) else ()


# Society acting on "the government", "the police": its own state's, when the sentence names no other.
SOCIETY_SECTORS = {"OPP", "CVL", "LAB", "EDU", "HRI", "REL", "BUS", "MED", "REB", "ETH", "AGR", "REF"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"}


def own_state(targets: list[ActorMention], sources: list[ActorMention], protest: bool) -> list[ActorMention]:
    """Bare state agents targeted by a country's society belong to that country ("Iranian protesters
    marched against the government" is IRNOPP -> IRNGOV)."""
    countries = {m.country for m in sources}
    if len(countries) != 1 or None in countries or not all(
            _sector(m) in SOCIETY_SECTORS or (protest and not _sector(m)) for m in sources):
        return targets  # a country alone is its people only when it protests ("Armenians rallied")
    country = countries.pop()
    if len(country) != 3 or country.startswith(("IGO", "NGO", "IMG", "---")):
        return targets
    return [replace(m, code=country + m.code[3:], country=country) if m.code.startswith("---")
            and m.country is None and m.code[3:6] in STATE_SECTORS else m for m in targets]


def _sector(mention: ActorMention) -> str:
    return mention.code[3:6]


JOINT_CODE = "062"  # military cooperation


def joint(verb: Token, sources: list[ActorMention], targets: list[ActorMention]) -> bool:
    """True for a drill or exercise held by two countries' forces: the subject's, or "joint ... with X"."""
    nouns = modality.lexicon().get("joint", frozenset())
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    objects = [o for o in objects + [p for o in objects for p in args.prep_objects(o, ("of",))]  # "ten days of drills"
               if o.lemma_.lower() in nouns]
    if not objects:
        return False
    countries = {m.country for m in sources + targets if m.country}
    stated = any(w in {"joint", "combined"} for o in objects for w in args.noun_modifiers(o))
    return len({m.country for m in sources if m.country}) >= 2 or (stated and len(countries) >= 2)


def several(sources: list[ActorMention]) -> bool:
    """True for a compound subject of different parties: two countries, or a state's army and its rebels."""
    return len({m.code[:6] for m in sources}) > 1 and any(m.country for m in sources)


def mutual(verbs: list[Token | None], sources: list[ActorMention]) -> bool:
    """True if a compound subject of different parties acts on its mutual relation ("renewed ties",
    "vowed to boost trade", "agreed to a ceasefire")."""
    if not several(sources):
        return False
    mutual = modality.lexicon().get("mutual", frozenset())
    objects = [c for verb in verbs if verb is not None for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    objects += [p for verb in verbs if verb is not None for p in args.prep_objects(verb, ("to", "on"))]
    return any(o.lemma_.lower() in mutual for o in objects)


def each_other(code: str, sources: list[ActorMention], targets: list[ActorMention]) -> bool:
    """True if countries cooperating together found only bare agents, or agents of their own, as targets:
    "Iran, Saudi Arabia agree to reopen embassies" and "Iran and Iraq held talks on border security in
    Tehran" are acts of each on the other, not on the embassies or on Iran's security forces."""
    countries = {m.country for m in sources if m.country}
    return ("03" <= code[:2] <= "08" and several(sources) and len(countries) > 1 and bool(targets)
            and all(m.country is None or (m.country in countries and m.code != m.country) for m in targets))


def without_venue(verb: Token, code: str, sources: list[ActorMention],
                  targets: list[ActorMention]) -> list[ActorMention]:
    """Targets less the place several parties travel to together to negotiate: in "US and Russian
    negotiators return to Geneva for talks" Switzerland is the venue, not a party (a visit, 042,
    is to the place: there it stays the target)."""
    travel = modality.lexicon()["travel"] | {"return"}
    if verb.lemma_.lower() not in travel or code[:2] != "04" or code[:3] in {"042", "043"} or not several(sources):
        return targets
    places = {p.i for p in args.prep_objects(verb, ("to", "in", "at", "for"))}
    return [m for m in targets if m.head not in places]


def against_object(match: PatternMatch, code: str, verb: Token, inner: Token | None) -> bool:
    """True for a hostile verb whose object is its opponent, not part of its pattern ("fight terrorism",
    unlike "exchanged fire")."""
    act = inner if inner is not None else verb
    return code[:2] >= "09" and match.specificity == 0 and any(c.dep_ == "dobj" for c in act.children)


def reciprocal(own: PatternMatch | None, match: PatternMatch, code: str, verb: Token, inner: Token | None) -> bool:
    """Whether a compound subject's act is mutual. A hostile act with an object of its own is against
    that object ("pledged to fight terrorism" is no fight between the two), and a reciprocal governor
    ("agree", "pledge") does not make the hostile act it governs mutual."""
    if against_object(match, code, verb, inner):
        return False
    if own is None or not own.reciprocal:
        return match.reciprocal
    return inner is None or code[:2] < "09" or match.reciprocal


def placed_society(verb: Token, code: str, sources: list[ActorMention],
                   index: args.MentionIndex) -> list[ActorMention]:
    """Protesters without a country take that of the place they protest in ("prisoners rioted at a
    jail in Dili": East Timor's prisoners), as arrests take the state they happen in."""
    if code[:2] != "14" or not sources or any(m.country or _sector(m) not in SOCIETY_SECTORS | {"CRM"} for m in sources):
        return sources
    places = args.prep_objects(verb, ("in", "at", "across", "outside"))
    places += [p for place in places for p in args.prep_objects(place, ("in",))]  # "at a jail in Dili"
    for place in places:
        for mention in index.by_head.get(place.i, []):
            country = mention.country  # a place name codes as its bare country ("Dili"), an embassy does not
            if country and mention.code == country and len(country) == 3 and not country.startswith(("IGO", "NGO", "IMG")):
                return [replace(m, code=country + m.code[3:], country=country, certainty=min(m.certainty, 0.6))
                        for m in sources]
    return sources
