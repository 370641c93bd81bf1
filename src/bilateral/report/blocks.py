"""Small constructors for the report's blocks, and short phrases naming events and dimensions."""
from __future__ import annotations

from bilateral.ontology import is_known, lookup
from bilateral.report.prose import cited_numbers, fmt_date


def section(section_id: str, title: str, blocks: list[dict]) -> dict:
    return {"id": section_id, "title": title, "blocks": [b for b in blocks if b]}


def heading(text: str) -> dict:
    return {"kind": "heading", "text": text}


def note(text: str) -> dict:
    """A caveat set apart from the prose (thin data, missing analysis)."""
    return {"kind": "note", "text": text, "cites": cited_numbers(text)}


def items(texts: list[str]) -> dict:
    """A numbered list of short statements, each with its citations."""
    return {"kind": "list", "items": [{"text": t, "cites": cited_numbers(t)} for t in texts]}


def chart(chart_id: str, title: str, caption: str, spec: dict) -> dict:
    return {"kind": "chart", "id": chart_id, "title": title, "caption": caption, "spec": spec}


def column(key: str, label: str, kind: str = "text", digits: int = 0) -> dict:
    """A table column; kind is text, number, index, percent or cites (a list of citation numbers)."""
    return {"key": key, "label": label, "kind": kind, "digits": digits}


def table(table_id: str, title: str, columns: list[dict], rows: list[dict]) -> dict:
    return {"kind": "table", "id": table_id, "title": title, "columns": columns, "rows": rows}


def code_name(cameo: str | None) -> str:
    """The CAMEO name of a code in lower case (``cooperate militarily``), or the code when unknown."""
    if cameo and is_known(cameo):
        name = lookup(cameo).name
        return name[0].lower() + name[1:]
    return f"event {_fragment(cameo)}"


def _fragment(value: object) -> str:
    """Store text placed in prose: brackets removed, so it can never look like a citation marker."""
    return str(value or "?").replace("[", "(").replace("]", ")")


def event_phrase(ref: dict, freq: str = "day") -> str:
    """An event in a few words: ``sign formal agreement (IRNGOV to RUSGOV, 3 May 2021)``."""
    who = f"{_fragment(ref.get('source'))} to {_fragment(ref.get('target'))}"
    return f"{code_name(ref.get('cameo'))} ({who}, {fmt_date(ref.get('date'), freq)})"


DIMENSION_WORDS = {
    "diplomatic": "diplomatic", "economic": "economic", "military": "military",
    "legal": "legal", "humanitarian": "humanitarian",
}
DIRECTION_WORDS = {
    "toward_cooperation": "toward cooperation", "toward_conflict": "toward conflict",
    "rise": "upward", "fall": "downward",
}
def direction_words(direction: str) -> str:
    """A turning point's direction in words (``toward_conflict`` -> ``toward conflict``)."""
    return DIRECTION_WORDS.get(direction, direction.replace("_", " "))


ROLE_WORDS = {  # short labels, for tables and lists
    "shared_adversary": "shared adversary", "shared_partner": "shared partner", "broker": "broker",
    "divided": "divided", "neutral": "neutral",
}
ROLE_PHRASES = {  # what the role means, for sentences
    "shared_adversary": "a shared adversary: both sides are in conflict with it",
    "shared_partner": "a shared partner: both sides cooperate with it",
    "broker": "a broker: it mediates and neither side is in conflict with it",
    "divided": "a divider: it cooperates with one side and is in conflict with the other",
    "neutral": "neutral between them",
}
