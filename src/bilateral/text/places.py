"""Places named in text as where something happened, with coordinates from the gazetteer.

``find_places`` looks gazetteer names up by token n-grams (one dict lookup per token and
length, never a loop over the names) and keeps those that stand as a location: after a
locative preposition ("in", "near", "over", "off", "at", "across", "outside", ...), possibly
with a short filler between ("in the northern city of Aleppo", "near the Syrian port of
Tartus", "in Iran's capital, Tehran", "20 km north of Damascus"). The longest name wins
("Gulf of Oman" over "Oman"); a name followed by "'s" is an owner, not a location.

The gazetteer is ``bilateral/data/gazetteer.csv`` (``name,aliases,kind,country,lat,lon,
geonameid``; aliases split on "|"; "#" lines are comments). File order is priority order:
the first place holding a name wins it, as in ``bilateral.actors.dictionary``.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from bilateral.errors import InputError

GAZETTEER_CSV = Path(__file__).resolve().parents[1] / "data" / "gazetteer.csv"

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-"})
_LOCATIVE = frozenset("in near over off at across outside inside into within around along throughout toward towards through beyond nearby".split())
# "<head> of X" is locative by itself: "north of Damascus", "on the outskirts of Homs".
_LOCATIVE_HEADS = frozenset(
    "north south east west northeast northwest southeast southwest north-east north-west south-east south-west "
    "outskirts coast shores suburbs edge heart centre center".split()
)
_FILLER = frozenset(
    "the a an of northern southern eastern western central north south east west north-eastern north-western "
    "south-eastern south-western northeastern northwestern southeastern southwestern far city town village port "
    "capital province region district area county state governorate border coast waters outskirts suburb suburbs "
    "centre center heart island islands besieged rebel-held occupied disputed coastal key strategic embattled "
    "war-torn frontline neighbouring neighboring nearby restive oil-rich".split()
)
_STOP = re.compile(r"[.;:!?()\[\]\"“”«»]")
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:an|ese|i|ish)$")
_MAX_FILLER = 6


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in text: offsets, the gazetteer's name, country code, coordinates, kind.

    ``country`` is as the gazetteer holds it: one code, several "|"-joined for a shared sea
    or strait ("IRN|OMN"), or empty for open sea.
    """

    char_start: int
    char_end: int
    name: str
    country: str
    lat: float
    lon: float
    kind: str


@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    country: str
    lat: float
    lon: float
    kind: str


def fold(word: str) -> str:
    """The lookup form of a word or name: lower case, no accents, plain quotes and dashes."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _name_key(name: str) -> tuple[str, ...]:
    words = [fold(w) for w in _TOKEN.findall(name)]
    return tuple(words[1:] if len(words) > 1 and words[0] == "the" else words)


class Gazetteer:
    """Place names (and aliases) indexed by their folded token sequence."""

    def __init__(self, rows: Iterable[dict]):
        self._index: dict[tuple[str, ...], _Place] = {}
        self._lower_first: set[tuple[str, ...]] = set()  # names written lower-case first ("al-Bab")
        for row in rows:
            place = _Place(row["name"], row.get("country") or "", float(row["lat"]), float(row["lon"]), row.get("kind") or "")
            for surface in [row["name"], *(row.get("aliases") or "").split("|")]:
                key = _name_key(surface)
                if key and key not in self._index:
                    self._index[key] = place
                    if surface.strip()[:1].islower():
                        self._lower_first.add(key)
        self._first = {key[0] for key in self._index}
        self._longest = max((len(key) for key in self._index), default=0)

    def __len__(self) -> int:
        return len(self._index)

    @classmethod
    def from_csv(cls, path: str | Path) -> "Gazetteer":
        """Read a gazetteer CSV; a malformed row raises ``InputError`` naming file and line."""
        path = Path(path)
        with path.open(encoding="utf-8", newline="") as fh:
            numbered = [(n, line) for n, line in enumerate(fh, start=1) if line.strip() and not line.startswith("#")]
        reader = csv.DictReader(line for _, line in numbered)
        rows = []
        for (number, _), row in zip(numbered[1:], reader):
            try:
                float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError, KeyError):
                raise InputError(path, "a place needs numeric lat and lon columns; fix or drop the row", number) from None
            if not (row.get("name") or "").strip():
                raise InputError(path, "a place needs a name", number)
            rows.append(row)
        return cls(rows)

    def longest_at(self, words: list[str], starts_lower: list[bool], i: int) -> tuple[_Place, int] | None:
        """The longest name starting at token ``i`` (folded ``words``), with its length in tokens."""
        if words[i] not in self._first:
            return None
        for size in range(min(self._longest, len(words) - i), 0, -1):
            key = tuple(words[i:i + size])
            place = self._index.get(key)
            if place is not None and (not starts_lower[i] or key in self._lower_first):
                return place, size
        return None

    def has_single(self, word: str) -> bool:
        return (word,) in self._index


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> Gazetteer:
    return Gazetteer.from_csv(path)


def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer (re-read when the file changes); empty until the file exists."""
    if not GAZETTEER_CSV.is_file():
        return Gazetteer([])
    return _load(str(GAZETTEER_CSV), GAZETTEER_CSV.stat().st_mtime)


def find_places(text: str, gazetteer: Gazetteer | None = None, locative_only: bool = True) -> list[PlaceMention]:
    """Places the text names, in order; by default only those named as a location.

    Args:
        text: a sentence or an article.
        gazetteer: names to look for; the shipped gazetteer when None.
        locative_only: keep only names after a locative preposition (see module docstring);
            False returns every gazetteer name found.
    Returns:
        ``PlaceMention`` records with offsets into ``text``.
    """
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    tokens = list(_TOKEN.finditer(text))
    if not tokens or not len(gazetteer):
        return []
    words = [fold(t.group()) for t in tokens]
    starts_lower = [not t.group()[0].isupper() for t in tokens]
    found: list[PlaceMention] = []
    i = 0
    while i < len(tokens):
        hit = gazetteer.longest_at(words, starts_lower, i)
        if hit is None:
            i += 1
            continue
        place, size = hit
        start, end = tokens[i].start(), tokens[i + size - 1].end()
        if i and words[i - 1] == "the" and place.name.startswith("The "):
            start = tokens[i - 1].start()  # "The Hague": the article is part of the name
        if not _possessive(text, end) and (not locative_only or _locative_before(text, tokens, words, i, gazetteer)):
            found.append(PlaceMention(start, end, place.name, place.country, place.lat, place.lon, place.kind))
        i += size
    return found


def _possessive(text: str, end: int) -> bool:
    return text[end:end + 2] in ("'s", "’s")


def _locative_before(text: str, tokens: list[re.Match[str]], words: list[str], i: int, gazetteer: Gazetteer) -> bool:
    """True when a locative preposition (and only filler) comes before token ``i``."""
    j = i - 1
    while j >= 0 and i - j <= _MAX_FILLER + 1:
        between = text[tokens[j].end():tokens[j + 1].start()]
        if _STOP.search(between):
            return False
        word = words[j]
        if word in _LOCATIVE:
            return True
        if word == "of" and j > 0 and words[j - 1] in _LOCATIVE_HEADS:
            return True
        if not _is_filler(text, tokens, words, j, gazetteer):
            return False
        j -= 1
    return False


def _is_filler(text: str, tokens: list[re.Match[str]], words: list[str], j: int, gazetteer: Gazetteer) -> bool:
    """Words allowed between the preposition and the name: articles, directions, "city of",
    a possessor ("Iran's"), a demonym directly before ("the Syrian port of")."""
    if words[j] in _FILLER:
        return True
    token = tokens[j].group()
    if words[j] == "s" and text[tokens[j].start() - 1:tokens[j].start()] in ("'", "’"):
        return True
    if token[0].isupper() and _possessive(text, tokens[j].end()):
        return True
    directly_before = j + 1 < len(tokens) and text[tokens[j].end():tokens[j + 1].start()] == " "
    return bool(_DEMONYM.match(token)) and directly_before and not gazetteer.has_single(words[j])
