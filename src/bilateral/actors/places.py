"""Places and regions as actors: gazetteer lookups for names the tagger tags, and "the West".

Used by ``bilateral.actors.resolve``: a city or region stands for its country ("Kharkiv" -> UKR),
also when spaCy tags it PERSON ("Rakhine", "Khan Younis"); the CAMEO region code WST stands for
"the West" as a noun and for "Western" before an agent noun only (see data/actors/regions.csv).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from bilateral.actors.mention import ActorMention

# Kinds of place that may open an organisation's name ("Kano State", "Madras High Court").
PREFIX_PLACE_KINDS = frozenset({"city", "capital", "region"})
REGION_KINDS = frozenset({"region"})
# Prepositions of place before a name: "in Rakhine", "near Khan Younis" (the tagger may call these PERSON).
_PLACE_PREPS = {"in", "near", "at", "from", "into", "across", "outside", "inside", "around", "throughout", "toward",
                "towards", "to", "over", "through", "within"}
# Places that win over a PERSON tag anywhere; a one-word city name may be a given name ("Florence").
_PLACE_OVER_PERSON_KINDS = frozenset({"region", "capital", "country"})
# Courtesy titles: a name after one is a person's ("Mr Charlotte").
TITLES = {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "dame", "madame", "monsieur", "herr", "mr.", "mrs.",
          "ms.", "dr.", "st", "st."}


def region_word_stands(mention: ActorMention, doc: Doc) -> bool:
    """False for a region word that names a direction or part of a place ("western Iraq", "West Bank").

    "the West" stands as a noun (capitalised, after the article, not before another capitalised word:
    "the West African bloc"); "Western" waits for an agent noun.
    """
    if mention.entry_kind != "region":
        return True
    word = doc[mention.head]
    if word.dep_ == "compound":
        return False
    if word.lower_ == "west":
        after = doc[word.i + 1] if word.i + 1 < len(doc) else None
        named_on = after is not None and after.is_title and after.ent_type_ not in {"DATE", "TIME"}
        return word.text == "West" and word.i > 0 and doc[word.i - 1].lower_ == "the" and not named_on
    return True


def region_actor_holds(mention: ActorMention, doc: Doc) -> bool:
    """False for "Western" left without an agent noun ("Western sanctions", "western Iraq")."""
    if mention.entry_kind != "region":
        return True
    adjective = any(t.lower_ == "western" for t in doc[mention.start:mention.end])
    return not adjective or mention.sector is not None


def place_mention(ent: Span, kinds: frozenset[str] | None = None) -> ActorMention | None:
    """A city or region the gazetteer knows, as a mention of its country ("Kharkiv" -> UKR)."""
    try:
        from bilateral.actors.dictionary import find_place

        place = find_place(ent.text)
    except (ImportError, OSError, ValueError):
        return None
    if place is None or not place.country or len(place.country) != 3 or kinds and place.kind not in kinds:
        return None
    return ActorMention(
        start=ent.start, end=ent.end, char_start=ent.start_char, char_end=ent.end_char, text=ent.text,
        code=place.country, country=place.country, sector=None, head=ent.root.i, certainty=0.8, kind="place",
    )


def place_for_name(ent: Span) -> ActorMention | None:
    """A place the tagger called a person ("Rakhine", "Khan Younis"), when nobody of that name is known.

    A one-word city name is often a given name ("Florence", "Victoria"): it counts only after a
    preposition of place or before the noun it describes ("Rakhine Buddhists"); a region, capital or
    country, or a name of several words, counts anywhere.
    """
    if any(t.lower_ in TITLES for t in ent.doc[max(ent.start - 1, 0):ent.start]):
        return None
    root = ent.root
    placed = ((root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS)
              or (root.dep_ in {"compound", "nmod"} and root.head.pos_ in {"NOUN", "PROPN"} and root.head.i >= ent.end))
    mention = place_mention(ent)
    if mention is None or placed or len(ent) > 1:
        return mention
    return place_mention(ent, kinds=_PLACE_OVER_PERSON_KINDS)


def place_prefix(ent: Span) -> ActorMention | None:
    """The leading city or region of an organisation's name ("Kano State" -> Kano), as a place mention.

    Countries are left to the dictionary; only a city, capital or region the gazetteer knows counts.
    """
    for size in range(len(ent) - 1, 0, -1):
        mention = place_mention(ent[:size], kinds=PREFIX_PLACE_KINDS)
        if mention is not None:
            return mention
    return None
