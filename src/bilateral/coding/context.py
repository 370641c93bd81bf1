"""When and where an event happened: dates and places named in its own clause.

Dates come from ``bilateral.text.event_dates.dates_in_text`` and places from
``bilateral.text.places.find_places`` (the text stage); where a stage is not installed the
coder falls back to the publication date and to gazetteer lookups of named entities. A date
or place belongs to an event only if the parse links it to the event's predicate without
passing through another verb ("in February 2022" under "signed", not under "said").
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

LOCATIVE_PREPS = {"in", "near", "over", "at", "off", "across", "outside", "inside", "around", "along",
                  "through", "into", "within", "from", "on"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


class DocContext:
    """Dates and places of a document, found per sentence on first request (most sentences code nothing)."""

    def __init__(self, doc: Doc, publication_date: str | None):
        self.doc, self.publication_date = doc, publication_date
        self._dates: dict[int, list] = {}
        self._places: dict[int, list] = {}

    def dates(self, sentence: Span) -> list:
        """TextDate(char_start, char_end, date, precision) in the sentence, offsets into the document."""
        if sentence.start not in self._dates:
            self._dates[sentence.start] = _shifted(_dates(sentence.text, self.publication_date), sentence.start_char)
        return self._dates[sentence.start]

    def places(self, sentence: Span) -> list:
        """PlaceMention(char_start, char_end, name, country, lat, lon, kind) in the sentence, document offsets."""
        if sentence.start not in self._places:
            self._places[sentence.start] = _shifted(_places(sentence), sentence.start_char)
        return self._places[sentence.start]


def doc_context(doc: Doc, publication_date: str | None) -> DocContext:
    """The lazy date-and-place finder of a parsed document."""
    return DocContext(doc, publication_date)


def _shifted(mentions: list, offset: int) -> list:
    """Mentions with character offsets moved from sentence to document coordinates."""
    return [replace(m, char_start=m.char_start + offset, char_end=m.char_end + offset) for m in mentions]


def _dates(text: str, publication_date: str | None) -> list:
    try:
        from bilateral.text.event_dates import dates_in_text
    except ImportError:
        return []
    try:
        return list(dates_in_text(text, publication_date))
    except Exception:  # noqa: BLE001 - a date parser failure must not lose the document's events
        return []


def _places(sentence: Span) -> list:
    try:
        from bilateral.text.places import find_places
    except ImportError:
        return _places_from_entities(sentence)
    try:
        return list(find_places(sentence.text))
    except Exception:  # noqa: BLE001
        return []


@dataclass(frozen=True)
class _Place:
    char_start: int
    char_end: int
    name: str
    country: str
    lat: float
    lon: float
    kind: str


def _places_from_entities(sentence: Span) -> list:
    """Fallback: named places that the shipped gazetteer knows (offsets relative to the sentence)."""
    try:
        from bilateral.actors.dictionary import find_place
    except ImportError:
        return []
    found = []
    base = sentence.start_char
    for ent in sentence.ents:
        if ent.label_ not in _PLACE_LABELS:
            continue
        try:
            place = find_place(ent.text)
        except (OSError, KeyError, ValueError):
            return []
        if place is not None:
            found.append(_Place(ent.start_char - base, ent.end_char - base, place.name, place.country, place.lat,
                                place.lon, place.kind))
    return found


def _token_at(sentence: Span, char: int) -> Token | None:
    for token in sentence:
        if token.idx <= char < token.idx + len(token) or token.idx >= char:
            return token
    return None


def _governed_by(token: Token, predicate: Token) -> bool:
    """True if the token hangs on the predicate without another verb in between."""
    current = token
    for _ in range(12):
        if current.i == predicate.i:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
        if current.pos_ in {"VERB", "AUX"} and current.i != predicate.i:
            return current.dep_ in {"xcomp"} and current.head.i == predicate.i
    return False


def event_date(context: DocContext, predicate: Token, sentence: Span, publication_date: str | None) -> tuple[str | None, str | None, str | None]:
    """(ISO date, precision, source) for an event: a date in its clause, else the publication date."""
    for mention in context.dates(sentence):
        token = _token_at(sentence, mention.char_start)
        if token is not None and _governed_by(token, predicate):
            date = mention.date.isoformat() if hasattr(mention.date, "isoformat") else str(mention.date)
            return date[:10], mention.precision, "text"
    if publication_date:
        return publication_date[:10], "day", "publication"
    return None, None, None


def event_place(context: DocContext, predicate: Token, sentence: Span, actor_spans: list[tuple[int, int]]):
    """The place an event's clause names after a locative preposition, or None."""
    for mention in context.places(sentence):
        if any(s < mention.char_end and mention.char_start < e for s, e in actor_spans):
            continue
        token = _token_at(sentence, mention.char_start)
        if token is None:
            continue
        root = token
        while root.head.i != root.i and root.head.idx < mention.char_end and root.head.idx >= mention.char_start:
            root = root.head
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS and _governed_by(root, predicate):
            return mention
    return None
