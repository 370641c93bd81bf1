"""Actors: the dictionary of countries, organisations and office holders, and the gazetteer."""
from __future__ import annotations

from bilateral.actors.dictionary import (
    ActorDictionary,
    ActorEntry,
    Place,
    find_place,
    load_dictionary,
    load_gazetteer,
)

__all__ = ["ActorDictionary", "ActorEntry", "Place", "find_place", "load_dictionary", "load_gazetteer"]
