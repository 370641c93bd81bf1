"""An actor found in a parsed text: its span, code and how it was found (made by ``resolve``)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor in a Doc: token span, character span, code and what the code is made of."""

    start: int  # first token (Doc index)
    end: int  # one past the last token
    char_start: int
    char_end: int
    text: str
    code: str  # CAMEO-style: country + sector ("IRNGOV"), IGO code, or "---" + sector ("---MIL")
    country: str | None
    sector: str | None
    head: int = -1  # token the mention hangs on in the parse
    certainty: float = 1.0  # 1.0 dictionary phrase, lower for NER guesses and bare agents
    kind: str = "dictionary"  # dictionary | ner | place | agent (bare agent word) | combined (country + noun)
    entry_kind: str = ""  # the dictionary's kind of actor: country, person, institution, igo, group
