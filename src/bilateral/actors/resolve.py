"""Find actor mentions in a parsed spaCy Doc: dictionary phrases, agent words, NER fallback.

One pass per sentence batch: a phrase index over every dictionary phrase (longest match
wins), agent nouns ("officials", "troops") combined with the country that modifies them
("Iranian officials" -> IRNGOV, "Israel's defence minister" -> ISRGOV, "rebels in Mali" ->
MLIREB), then named entities the matcher missed, looked up in the same dictionary. Each
mention is keyed by its syntactic head token, so the coder can attach it to a verb argument.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token
from spacy.attrs import LOWER
from spacy.util import filter_spans

from bilateral.actors.dictionary import normalize
from bilateral.actors.mention import ActorMention  # noqa: F401  (re-exported: the coder imports it from here)
from bilateral.actors.phrases import PhraseIndex
from bilateral.actors.places import (PREFIX_PLACE_KINDS, REGION_KINDS, TITLES, place_for_name, place_mention,
                                     place_prefix, region_actor_holds, region_word_stands)

# Dependents through which a country word colours the noun it modifies.
_MODIFIER_DEPS = {"amod", "compound", "poss", "nmod", "nummod", "appos"}
# Prepositions after an agent noun that name its country ("officials in Tehran", "army of Iran").
_LOCATIVE_PREPS = {"in", "of", "from", "throughout", "across"}
# People posted abroad: "diplomats in Israel" are some other country's, so "in X" names no country.
_POSTED = {"diplomat", "diplomats", "envoy", "envoys", "ambassador", "ambassadors", "consul", "consuls",
           "correspondent", "correspondents"}
UNKNOWN_COUNTRY = "---"  # CAMEO's (and PETRARCH's) mark for an actor whose country the text does not give
_COLLECTIVES = {"group", "band", "number", "team", "crowd", "gang", "delegation", "member", "dozen", "hundred",
                "thousand", "million", "handful", "couple", "majority", "minority", "unit", "contingent"}
# Words that make an office holder a former one (CAMEO's ELI sector).
_FORMER = {"former", "retired", "ex", "ex-", "erstwhile"}
# Sectors of office whose former holders are elites (not "former rebels").
_OFFICE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "SPY", "COP", "PTY"}
_TIME_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_FALLBACK_LABELS = {"GPE", "NORP", "ORG", "LOC", "FAC"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}  # a named city or region stands for its country
_DETERMINERS = ("the ", "The ")
# Nouns of a place: "X province" is a place still, whose country goes on to the noun it modifies.
_PLACE_NOUNS = {"province", "city", "town", "village", "region", "district", "state", "county", "governorate",
                "oblast", "municipality", "prefecture"}
# Titles of a country's envoy to an organisation ("UN ambassador"): the person stays their country's.
_NATIONAL_ENVOYS = {"ambassador", "ambassadors", "representative", "representatives", "delegate", "delegates",
                    "delegation", "mission", "permanent"}
# Faiths NER tags as NORP: no country.
_FAITHS = {"christian", "christians", "muslim", "muslims", "islamic", "jewish", "buddhist", "hindu", "catholic",
           "protestant", "orthodox", "sunni", "shia", "shiite", "shi'ite", "sikh", "evangelical", "coptic"}
_TITLES = TITLES  # courtesy titles before a name that are no agent words
# "Vietnamese-led forces", "Saudi-led coalition": the country word hangs on the participle.
_LED = {"led", "run", "commanded", "controlled", "owned"}
# Words the matcher must not take as a country when written in lower case ("us", "chad").
_CASE_SENSITIVE_KINDS = {"country", "person", "org", "igo", "group", "place", "capital"}


class ActorResolver:
    """Actor finder for one dictionary; build once (the phrase index takes a second), call per Doc."""

    def __init__(self, nlp, dictionary):
        self.dictionary = dictionary
        self.phrases = PhraseIndex()
        self.phrases.add_texts(nlp.tokenizer, sorted({p for p in dictionary.phrases() if p and p.strip()}))
        self._agent_cache: dict[str, str | None] = {}

    def find(self, doc: Doc | Span, date: str | None = None) -> list[ActorMention]:
        """All actor mentions in a Doc or sentence, one per head token, in text order."""
        doc_span = doc if isinstance(doc, Span) else doc[:]
        # A region word that is no actor here ("West" of "West Bank") leaves its tokens to the tagger's entities.
        mentions = [m for m in self._dictionary_mentions(doc_span, date) if region_word_stands(m, doc_span.doc)]
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += [m for m in self._ner_mentions(doc_span, date, taken) if region_word_stands(m, doc_span.doc)]
        mentions = [m for m in self._attach_to_agents(mentions, doc_span.doc) if region_actor_holds(m, doc_span.doc)]
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self._bare_agents(doc_span, taken)
        # One mention per head token and country: "Hungarian and Romanian officials" keeps two.
        by_head: dict[tuple[int, str | None], ActorMention] = {}
        for mention in mentions:
            key = (mention.head, mention.country if mention.kind == "combined" else None)
            kept = by_head.get(key)
            if kept is None or _better(mention, kept):
                by_head[key] = mention
        # A capital alone stays the bare country ("Pyongyang fired shells" is PRK, not PRKGOV): the text
        # does not say which part of the state acted. That is CAMEO's and PETRARCH-2's convention, which
        # the project's reference scoring follows; NGEC and ICEWS code a capital as the government.
        return sorted((_as_former(self._as_titled(m, doc_span.doc), doc_span.doc) for m in by_head.values()),
                      key=lambda m: (m.start, m.head))

    def agent_sector(self, token: Token) -> str | None:
        """The primary CAMEO sector of an agent noun ("troops" -> MIL).

        Tries the whole compound first ("defence minister"), then the head noun and its
        compound words ("opposition groups" -> OPP); an unknown-sector (UNK) word yields
        to a known one.
        """
        if token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_ in _TIME_LABELS or _state_of_affairs(token):
            return None
        compounds = [c for c in token.lefts if c.dep_ == "compound" and c.ent_type_ not in _TIME_LABELS]
        # Adjectives too ("central bank", "agricultural workers"), but not a country or "former".
        modifiers = [c for c in token.lefts if c.dep_ in {"compound", "amod"} and c.ent_type_ not in
                     _TIME_LABELS | {"GPE", "NORP"} and c.lower_ not in _FORMER]
        keys = ([" ".join([c.lower_ for c in modifiers] + [token.lower_])] if len(modifiers) > len(compounds) else [])
        keys += ([" ".join([c.lower_ for c in compounds] + [token.lower_])] if compounds else [])
        keys += [token.lower_, token.lemma_.lower()]
        found = [s for s in (self._agent(key) for key in keys) if s]
        if token.lemma_.lower() in _COLLECTIVES:  # "a group of tourists" is tourists
            for member in (g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj"):
                inner = self.agent_sector(member)
                if inner:
                    return inner
        if found:  # a compound word refines a vague agent ("opposition groups"), never makes one
            found += [s for s in (self._agent(c.lower_) for c in compounds) if s]
        known = [s for s in found if s != "UNK"]
        return (known or found or [None])[0]

    def _as_titled(self, mention: ActorMention, doc: Doc) -> ActorMention:
        """A person out of office that day but named with an office title ("Foreign Minister Park Jin") holds it.

        The text's own title outranks the dictionary's dates (a story dated late, or a term not yet
        recorded); "former" anywhere in the title keeps the former elite.
        """
        if mention.entry_kind != "person" or mention.sector != "ELI" or not mention.country:
            return mention
        person = doc[mention.head]
        sector = self._title_sector(person)
        if not sector or sector == "ELI" or any(t.lower_ in _FORMER for t in doc[person.left_edge.i:person.i]):
            return mention
        return replace(mention, code=mention.country + sector, sector=sector)

    def _title_sector(self, person: Token) -> str | None:
        """The sector of an office title before a name ("Defence Secretary Ben Wallace" -> GOV)."""
        if person.pos_ != "PROPN":
            return None
        words = [c.lower_ for c in person.lefts if c.dep_ == "compound"]
        # A title word's own compounds first, longest ending first: "Secretary-General" is no general.
        keys = [" ".join(title[i:]) for c in person.lefts if c.dep_ == "compound"
                for title in [[t.lower_ for t in c.subtree if not t.is_punct]] for i in range(len(title) - 1)]
        keys += [" ".join(words[i:i + 2]) for i in range(len(words) - 1)] + words
        known = [s for s in (self._agent(k) for k in keys) if s and s != "UNK"]
        return known[0] if known else None

    def _agent(self, key: str) -> str | None:
        if key not in self._agent_cache:
            sector = self.dictionary.agent_sector(key)
            self._agent_cache[key] = sector[:3] if sector else None
        return self._agent_cache[key]

    def _dictionary_mentions(self, span: Span, date: str | None) -> list[ActorMention]:
        doc = span.doc
        lowers = span.to_array([LOWER])[:, 0].tolist()
        strings = doc.vocab.strings
        for i, token in enumerate(span):
            if not token.is_ascii:  # the dictionary's phrases are folded: "Erdoğan" is matched as "erdogan"
                lowers[i] = strings.add(normalize(token.text) or token.lower_)
        found = [doc[span.start + s:span.start + e] for s, e, _ in self.phrases.matches(lowers)]
        mentions = []
        for match in filter_spans(found):
            mention = self._lookup(match, date, kind="dictionary")
            if mention is not None:
                mentions.append(mention)
        return mentions

    def _lookup(self, match: Span, date: str | None, kind: str) -> ActorMention | None:
        """Resolve one matched span through the dictionary, skipping lower-case false friends."""
        entries = self.dictionary.lookup(match.text, date=date)
        if not entries and match.text.startswith(_DETERMINERS):
            entries = self.dictionary.lookup(match.text[4:], date=date)
        if not entries:
            return None
        entry = entries[0]
        if match.text.islower() and (entry.kind or "") in _CASE_SENSITIVE_KINDS:
            return None
        if _acronym_miscased(match.text, entry):
            return None
        if len(match) == 1 and match[0].pos_ in {"PRON", "ADP", "DET", "AUX", "VERB"}:
            if not _acronym_as_verb(match, entry):
                return None
        if entry.kind == "person" and self._name_goes_on(match, entry.name):
            return None
        sector = (entry.sector or "")[:3] or None
        certainty = 1.0 if kind == "dictionary" else 0.8
        return ActorMention(
            start=match.start, end=match.end, char_start=match.start_char, char_end=match.end_char,
            text=match.text, code=entry.code, country=entry.country or None, sector=sector,
            head=match.root.i, certainty=certainty, kind=kind, entry_kind=entry.kind or "",
        )

    def _name_goes_on(self, match: Span, name: str) -> bool:
        """True when a person's name is part of a longer one: "Jeb Bush", "Juan Carlos Jobet" are others.

        A neighbouring capitalised name word (not a title such as "President" or "Mr", nor a word
        of the person's own full name) continues the name into someone else's.
        """
        doc = match.doc
        own = set(name.lower().split())
        neighbours = [doc[i] for i in (match.start - 1, match.end) if 0 <= i < len(doc)]
        return any(t.pos_ == "PROPN" and t.is_title and t.ent_type_ in {"PERSON", ""} and t.lower_ not in _TITLES | own
                   and not self.agent_sector(t) and (t.head.i in range(match.start, match.end) or
                                                     any(m.head.i == t.i for m in match)) for t in neighbours)

    def _ner_mentions(self, span: Span, date: str | None, taken: set[int]) -> list[ActorMention]:
        mentions = []
        for ent in span.ents:
            if ent.label_ not in _FALLBACK_LABELS | {"PERSON"} or any(i in taken for i in range(ent.start, ent.end)):
                continue
            mention = self._lookup(ent, date, kind="ner") if ent.label_ != "PERSON" else None
            if mention is None and ent.label_ in _PLACE_LABELS | {"ORG"}:
                mention = place_mention(ent) or place_prefix(ent)  # "Kano State", "Madras High Court"
            elif mention is None and ent.label_ == "NORP":  # a town the parser took for a people ("Samarra")
                mention = place_mention(ent, kinds=PREFIX_PLACE_KINDS)
            if mention is None and ent.label_ == "PERSON" and not self.dictionary.lookup(ent.text):
                mention = place_for_name(ent)
            if mention is not None:
                mentions.append(mention)
        # A city the parser left untagged but that names a body's seat ("the Madras High Court"); a
        # capitalised region it took for a common noun ("Rakhine Buddhists").
        for token in span:
            if (token.pos_ in {"PROPN", "NOUN"} and not token.ent_type_ and token.dep_ == "compound"
                    and token.i not in taken and token.head.pos_ in {"NOUN", "PROPN"}):
                kinds = PREFIX_PLACE_KINDS if token.pos_ == "PROPN" else REGION_KINDS if token.is_title else None
                mention = place_mention(token.doc[token.i:token.i + 1], kinds=kinds) if kinds else None
                mentions += [mention] if mention else []
        return mentions

    def _attach_to_agents(self, mentions: list[ActorMention], doc: Doc) -> list[ActorMention]:
        """Move a country onto the noun it modifies: "Russian troops" is one RUSMIL mention."""
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        out = []
        recoded: dict[int, ActorMention] = {}
        for mention in mentions:
            holder = _modified_noun(doc[mention.head], self.agent_sector)
            if holder is not None and holder.i not in by_token and _phrase_top(holder).i in by_token:
                holder = _phrase_top(holder)  # "UK Defence Secretary Ben Wallace": the person is the actor
            if holder is not None and holder.i in by_token and mention.country:
                owner = by_token[holder.i]
                if _shares_noun(owner, mention, doc) and owner.sector:  # "French and Egyptian warships"
                    out.append(replace(mention, code=mention.country + owner.sector, sector=owner.sector,
                                       head=owner.head, kind="combined"))
                    continue
                if _is_people_of_another_land(owner, mention):  # "Bosnian Serbs", "Iraqi Kurds": where they live
                    recoded[id(owner)] = replace(owner, code=mention.code, country=mention.country)
                    continue
                if _is_foreign_institution(owner, mention):  # "Chile's Defense Department" is Chile's
                    sector = owner.sector or ""
                    recoded[id(owner)] = replace(owner, code=mention.country + sector, country=mention.country)
                if _is_igo_office(owner, mention, doc):  # "UN mediator Diego Cordovez" acts for the UN
                    recoded[id(owner)] = replace(owner, code=mention.code, country=mention.country, sector=mention.sector)
            if holder is None or holder.i in by_token or mention.kind == "agent":
                out.append(mention)
                continue
            out.append(self._combine(mention, holder))
        return [recoded.get(id(m), m) for m in out]

    def _combine(self, mention: ActorMention, holder: Token) -> ActorMention:
        """The mention widened to the noun it modifies, with that noun's sector if it is an agent.

        The noun phrase's own head wins over a noun inside it: in "Mongolian People's Party" the
        country modifies "People", but the actor is the party.
        """
        top = _phrase_top(holder)
        # not the inner noun's: "People's Party" is no civilian; a title names an unknown person's office
        sector = self.agent_sector(top) or self._title_sector(top)
        holder = top
        start = min(mention.start, holder.left_edge.i)
        end = max(mention.end, holder.i + 1)
        span = holder.doc[start:end]
        code = mention.code
        if sector and mention.country and (mention.sector is None or len(mention.code) <= 3):
            code, sector_out = mention.country + sector, sector
        else:
            sector_out = mention.sector
        return replace(mention, start=start, end=end, char_start=span.start_char, char_end=span.end_char,
                       text=span.text, code=code, sector=sector_out, head=holder.i, kind="combined")

    def _bare_agents(self, span: Span, taken: set[int]) -> list[ActorMention]:
        """Agent nouns with no country ("police", "rebels"): "---COP", "---REB" mentions of lower certainty."""
        mentions = []
        for token in span:
            # A capitalised title stands alone too ("the Defense Minister said"), unless it names someone.
            proper_title = token.pos_ == "PROPN" and token.ent_type_ in {"", "ORG"}
            if token.i in taken or not (token.pos_ == "NOUN" or proper_title) or token.dep_ == "compound":
                continue
            if token.lower_ in _PLACE_NOUNS and any(c.i in taken for c in token.children):
                continue  # "Sindh province" in "the government of Sindh province" is no actor of its own
            sector = self.agent_sector(token)
            if sector:
                mentions.append(ActorMention(
                    start=token.i, end=token.i + 1, char_start=token.idx, char_end=token.idx + len(token),
                    text=token.text, code=UNKNOWN_COUNTRY + sector, country=None, sector=sector, head=token.i,
                    certainty=0.5, kind="agent",
                ))
        return mentions


def _acronym_miscased(text: str, entry) -> bool:
    """True when an acronym is matched by a word in other case: "pan" or "Pan" is not Mexico's PAN.

    Acronyms of four letters or more may be written as words ("Nato"); shorter ones only in capitals.
    """
    surface = entry.surface
    if not (surface.isupper() and surface.isalpha()) or text.isupper():
        return False
    return text.islower() or len(surface) < 4


def _acronym_as_verb(match: Span, entry) -> bool:
    """True for a capitalised acronym of three letters or more the tagger took for a verb ("FDLR")."""
    text = match.text
    return match[0].pos_ == "VERB" and len(text) >= 3 and text.isupper() and entry.surface == text


def _state_of_affairs(token: Token) -> bool:
    """"state" of a common noun is a condition, not a government: "a state of emergency", "of war"."""
    return token.lower_ == "state" and any(c.dep_ == "prep" and c.lower_ == "of" and any(
        g.dep_ == "pobj" and g.pos_ == "NOUN" for g in c.children) for c in token.children)


def _modified_noun(token: Token, agent_sector) -> Token | None:
    """The noun a country word describes: its head via amod/compound/poss, or an agent via "in"/"of".

    A coordinated modifier shares the noun of its first conjunct ("Hungarian and Romanian officials").
    """
    if token.dep_ == "conj" and token.head.i < token.i and token.head.pos_ in {"ADJ", "PROPN", "NOUN"}:
        return _modified_noun(token.head, agent_sector)
    head = token.head
    if token.dep_ in _MODIFIER_DEPS and head.pos_ in {"NOUN", "PROPN"} and head.i != token.i:
        # "the government of Sindh province": a place noun passes the place on to the body it names
        return (_modified_noun(head, agent_sector) or head) if head.lower_ in _PLACE_NOUNS else head
    if token.dep_ in {"npadvmod", "compound"} and head.lower_ in _LED and head.dep_ == "amod":
        return head.head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _LOCATIVE_PREPS:
        noun = head.head  # only people and bodies take the country of a place: not "voting in Jerusalem"
        if head.lower_ in {"in", "across", "throughout"} and noun.lower_ in _POSTED:
            return None
        if noun.pos_ in {"NOUN", "PROPN"} and noun.i < token.i and not _has_country_modifier(noun) and agent_sector(noun):
            return noun
    return None


def _as_former(mention: ActorMention, doc: Doc) -> ActorMention:
    """An office-holding agent marked "former"/"retired" becomes a former elite ("a former CIA official")."""
    if mention.kind not in {"agent", "combined"} or mention.sector not in _OFFICE_SECTORS:
        return mention
    if not any(c.lower_ in _FORMER for c in doc[mention.head].lefts if c.dep_ in {"amod", "advmod", "compound"}):
        return mention
    return replace(mention, code=(mention.country or UNKNOWN_COUNTRY) + "ELI", sector="ELI")


def _phrase_top(token: Token) -> Token:
    """The head of the noun phrase a compound or possessor noun sits in."""
    top = token
    while top.dep_ in {"compound", "poss"} and top.head.pos_ in {"NOUN", "PROPN"} and top.head.i > top.i:
        top = top.head
    return top


def _shares_noun(owner: ActorMention, mention: ActorMention, doc: Doc) -> bool:
    """True when the mention's word is coordinated with a country word inside the owner phrase."""
    word = doc[mention.head]
    return any(doc[i].dep_ == "conj" and doc[i].head.i == word.i for i in range(owner.start, owner.end))


def _is_people_of_another_land(owner: ActorMention, place: ActorMention) -> bool:
    """True when a country word precedes a bare demonym of another country ("Bosnian Serbs")."""
    return (owner.entry_kind == "country" and len(owner.code) == 3 and len(place.code) == 3
            and place.entry_kind == "country" and place.country != owner.country and owner.start > place.start)


def _is_foreign_institution(owner: ActorMention, possessor: ActorMention) -> bool:
    """True when a country word modifies a state body the dictionary gives to another country."""
    return (owner.kind in {"dictionary", "ner"} and owner.entry_kind != "person" and owner.sector is not None and owner.country is not None
            and len(owner.country) == 3 and possessor.country != owner.country and len(possessor.code) == 3
            and owner.start > possessor.start)


def _is_igo_office(owner: ActorMention, igo: ActorMention, doc: Doc) -> bool:
    """True when an organisation names a person's office before the name ("UN mediator X", "EU envoy X").

    The person then acts for the organisation, whatever country the dictionary gives them; an
    ambassador or representative to the organisation ("UN ambassador X") stays their country's.
    """
    if owner.entry_kind != "person" or igo.entry_kind != "igo" or igo.start > owner.start or igo.country == owner.country:
        return False
    title = {t.lower_ for t in doc[igo.end:owner.start]}
    return not title & _NATIONAL_ENVOYS


def _has_country_modifier(noun: Token) -> bool:
    """True when a country word (not a faith: "a Christian missionary from Calgary") modifies the noun."""
    return any(c.dep_ in {"amod", "poss", "compound"} and c.ent_type_ in {"GPE", "NORP"} and c.lower_ not in _FAITHS
               for c in noun.children)


def _better(a: ActorMention, b: ActorMention) -> bool:
    """Prefer the more certain, then the one with a country, then the longer code."""
    return (a.certainty, a.country is not None, len(a.code)) > (b.certainty, b.country is not None, len(b.code))
