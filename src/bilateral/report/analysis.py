"""The dynamics results a report needs, as plain data, plus the pair's basic counts.

All analysis is the dynamics engine's: one call to :func:`bilateral.dynamics.analyse`,
whose ``to_dict()`` is taken as it is, with a few keys renamed for the report's sections.
"""
from __future__ import annotations

import duckdb

# The pair's events as the dynamics engine selects them: both directions, dated, not negated.
PAIR_FILTER = """
((source_country = $a AND target_country = $b) OR (source_country = $b AND target_country = $a))
AND date IS NOT NULL AND NOT coalesce(negated, false)
AND ($start IS NULL OR date >= CAST($start AS DATE)) AND ($end IS NULL OR date <= CAST($end AS DATE))
"""

_FACTS_SQL = f"""
SELECT count(*) AS events,
       count(*) FILTER (WHERE source_country = $a) AS events_ab,
       count(*) FILTER (WHERE source_country = $b) AS events_ba,
       count(DISTINCT doc_id) AS documents,
       count(*) FILTER (WHERE doc_id IS NULL) AS undocumented,
       CAST(min(date) AS VARCHAR) AS first, CAST(max(date) AS VARCHAR) AS last
FROM events WHERE {PAIR_FILTER}
"""


def pair_facts(con: duckdb.DuckDBPyConnection, a: str, b: str, start: str | None, end: str | None) -> dict:
    """Counts of the pair's events (as the dynamics engine selects them) and of their documents.

    ``documents`` counts distinct source documents; imported events without a document
    each count as one source.
    """
    row = con.execute(_FACTS_SQL, {"a": a, "b": b, "start": start, "end": end}).fetchone()
    events, ab, ba, docs, undocumented, first, last = row
    return {
        "events": int(events), "events_ab": int(ab), "events_ba": int(ba),
        "documents": int(docs) + int(undocumented),
        "start": start or first, "end": end or last,
    }


def analyse_pair(con: duckdb.DuckDBPyConnection, a: str, b: str, start: str | None, end: str | None, freq: str) -> dict:
    """Everything the report sections read, as plain data (lists of dicts, dicts, None).

    Keys: facts (see :func:`pair_facts`), notes, series, turning_points, phases,
    dimension_series (combined direction only), dimension_shares, dimension_key_events,
    reciprocity, words_deeds, context, context_series, outlook.
    """
    from bilateral.dynamics.analysis import analyse  # ruptures and statsmodels load only when a report is built

    facts = pair_facts(con, a, b, start, end)
    result = analyse(con, a, b, start, end, freq).to_dict()
    return {
        "facts": facts,
        "notes": result["notes"],
        "series": result["series"],
        "turning_points": result["turning_points"],
        "phases": result["phases"],
        "dimension_series": [r for r in result["dimensions"] if r["direction"] == "both"],
        "dimension_shares": result["dimension_shares"],
        "dimension_key_events": result["dimension_events"],
        "reciprocity": result["reciprocity"],
        "words_deeds": result["words_deeds"],
        "context": result["context"],
        "context_series": result["context_series"],
        "outlook": result["outlook"],
    }
