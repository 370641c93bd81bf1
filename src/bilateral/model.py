"""The records every stage passes along: Article -> Sentence -> Event.

Sentences and events hold character offsets into their article's text, so each event
can cite the exact evidence it came from (spaCy's idea of views into one Doc).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The text a document's identity is computed from: NFC, whitespace folded, case kept."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def doc_id_for(text: str) -> str:
    """Content hash of the normalised text: the same text from two feeds is one document."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:32]


@dataclass(slots=True)
class Article:
    """One document: its text and what is known about where and when it came from."""

    text: str
    date: str | None = None  # ISO date of publication
    url: str | None = None
    title: str | None = None
    source_id: str | None = None  # the id the input gave (JSONL `id`, CSV row, file name)
    origin: str | None = None  # file path or feed the article was read from
    line: int | None = None  # line in that file (JSONL/CSV)
    doc_id: str = ""

    def __post_init__(self) -> None:
        if not self.doc_id:
            self.doc_id = doc_id_for(self.text)


@dataclass(slots=True, frozen=True)
class Sentence:
    """A sentence as a view into its article: offsets, not a copy of meaning."""

    doc_id: str
    index: int
    char_start: int
    char_end: int
    text: str


@dataclass(slots=True)
class Event:
    """One coded event: who did what to whom, when, with the sentence it came from.

    Imported datasets fill the same record; dataset-specific fields stay None elsewhere.
    """

    event_id: str
    doc_id: str | None
    date: str | None  # ISO YYYY-MM-DD
    source: str  # CAMEO-style actor code, e.g. IRNGOV
    target: str
    source_country: str | None
    target_country: str | None
    cameo: str
    root: str
    quad_class: int
    penta_class: int
    goldstein: float
    plover: str | None = None
    plover_mode: str | None = None
    sentence: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    url: str | None = None
    title: str | None = None
    confidence: float = 1.0
    date_precision: str | None = "day"  # day | month | year
    date_source: str | None = "publication"  # text | publication | dataset
    source_text: str | None = None
    target_text: str | None = None
    attribution: str | None = None  # who said it, for reported speech
    negated: bool = False
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    origin: str = "coder.v1"  # registered name of what produced the event
    dataset_id: str | None = None  # GLOBALEVENTID, ICEWS Event ID, Phoenix id
    num_mentions: int | None = None
    num_sources: int | None = None
    num_articles: int | None = None
    avg_tone: float | None = None
    story_id: str | None = None
    sentence_number: int | None = None
    publisher: str | None = None
    extra: dict = field(default_factory=dict)

    def as_row(self) -> dict:
        """A flat dict in store column order (``extra`` dropped)."""
        row = asdict(self)
        row.pop("extra")
        return row


EVENT_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Event) if f.name != "extra")


def event_id_for(*parts: object) -> str:
    """A stable id from the parts that make an event itself (re-coding gives the same id)."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
