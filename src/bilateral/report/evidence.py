"""The evidence section: every cited event with its sentence, the event span marked, and its source.

An event's ``char_start``/``char_end`` are offsets into its *document*; the sentence it
cites is a slice of that document. The span inside the sentence is found from the
sentence's own offset in the ``sentences`` table (or, for a store without sentence rows,
from where the sentence sits in the document text).
"""
from __future__ import annotations

from urllib.parse import urlparse

import duckdb

from bilateral.ontology import is_known, lookup

QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

_EVIDENCE_SQL = """
WITH cited AS (SELECT unnest($ids) AS event_id, unnest($ns) AS n)
SELECT c.n, e.event_id, CAST(e.date AS VARCHAR) AS date, e.source, e.target, e.source_country, e.target_country,
       e.cameo, e.quad_class, e.goldstein, e.sentence, e.char_start, e.char_end, e.origin, e.location,
       coalesce(e.num_sources, e.num_articles) AS sources, e.publisher,
       coalesce(e.title, d.title) AS title, coalesce(e.url, d.url) AS url,
       s.char_start AS sentence_start, s.text AS sentence_text,
       CASE WHEN s.char_start IS NULL THEN d.text END AS doc_text
FROM cited c JOIN events e USING (event_id)
LEFT JOIN documents d ON d.doc_id = e.doc_id
LEFT JOIN sentences s ON s.doc_id = e.doc_id AND e.char_start >= s.char_start AND e.char_start < s.char_end
QUALIFY row_number() OVER (PARTITION BY c.n ORDER BY s.char_start DESC NULLS LAST) = 1
ORDER BY c.n
"""


def evidence_rows(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> list[dict]:
    """One display row per cited event, numbered 1.. in the order of ``event_ids``.

    Args:
        con: an open store connection.
        event_ids: cited events in citation order (``Citations.event_ids``).
    Returns:
        Dicts with n, event_id, date, source, target, actors, cameo, cameo_name, quad_class,
        quad_label, goldstein, sentence, mark ([start, end] in the sentence, or None),
        sentence_parts ([before, span, after], or None), title, url, link (url when it is
        http(s), else None), origin, location, sources.
    """
    if not event_ids:
        return []
    numbers = list(range(1, len(event_ids) + 1))
    frame = con.execute(_EVIDENCE_SQL, {"ids": list(event_ids), "ns": numbers}).df()
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [_display_row(r) for r in records]


def _display_row(r: dict) -> dict:
    sentence = r["sentence"] or r["sentence_text"]
    mark = span_in_sentence(sentence, r["char_start"], r["char_end"], r["sentence_start"], r["sentence_text"], r["doc_text"])
    parts = [sentence[: mark[0]], sentence[mark[0]: mark[1]], sentence[mark[1]:]] if mark else None
    cameo = r["cameo"]
    return {
        "n": int(r["n"]),
        "event_id": r["event_id"],
        "date": r["date"],
        "source": r["source"],
        "target": r["target"],
        "actors": f"{r['source'] or '?'} \u2192 {r['target'] or '?'}",
        "cameo": cameo,
        "cameo_name": lookup(cameo).name if cameo and is_known(cameo) else None,
        "quad_class": int(r["quad_class"]) if r["quad_class"] is not None else None,
        "quad_label": QUAD_LABELS.get(int(r["quad_class"])) if r["quad_class"] is not None else None,
        "goldstein": float(r["goldstein"]) if r["goldstein"] is not None else None,
        "sentence": sentence,
        "mark": mark,
        "sentence_parts": parts,
        "title": r["title"],
        "url": r["url"],
        "link": safe_link(r["url"]),
        "origin": r["origin"],
        "location": r["location"],
        "sources": int(r["sources"]) if r["sources"] is not None else None,
    }


def span_in_sentence(sentence: str | None, start: int | None, end: int | None, sentence_start: int | None,
                     sentence_text: str | None, doc_text: str | None) -> list[int] | None:
    """The event span as [start, end] offsets into ``sentence``, or None when it cannot be placed.

    Args:
        sentence: the sentence shown (the event's own copy).
        start, end: the event span as offsets into the document.
        sentence_start: the sentence's offset in the document (from ``sentences``), if known.
        sentence_text: the sentence as the ``sentences`` table holds it, if known.
        doc_text: the document text, used to find the sentence when no sentence row exists.
    """
    if not sentence or start is None or end is None:
        return None
    start, end = int(start), int(end)
    if sentence_start is not None:
        offset = int(sentence_start)
        if sentence_text is not None and sentence_text != sentence:
            inner = sentence_text.find(sentence)  # the event's copy may be trimmed
            if inner < 0:
                return None
            offset += inner
    elif doc_text:
        offset = doc_text.find(sentence)
        if offset < 0:
            return None
    else:
        return None
    lo, hi = start - offset, min(end - offset, len(sentence))
    return [lo, hi] if 0 <= lo < hi else None


def safe_link(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) link, else None (never a javascript: or data: href)."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else None
