"""Exporting events in the formats other event-data tools read: GDELT 2.0 TSV and ICEWS TSV.

Both are written by DuckDB's COPY straight from the store (no Python loop over rows).
Fields bilateral carries are written back as the dataset had them (for an event imported
from GDELT: GLOBALEVENTID, dates, actor codes, names and countries, event, base and root
codes, QuadClass, GoldsteinScale, NumMentions/NumSources/NumArticles, AvgTone, action
location and SOURCEURL), so GDELT -> bilateral -> GDELT reproduces them. Fields bilateral
does not keep (actor types, geo types and feature ids, IsRootEvent) are left empty;
DATEADDED is the event date at 00:00:00. Events bilateral coded itself get a numeric id
derived from their event id, stable from one export to the next.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from bilateral.errors import BilateralError
from bilateral.sources.layouts import load_layout

def _clean(expr: str) -> str:
    """Tabs and line breaks inside a field would break the TSV; they become spaces."""
    return f"regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g')"


def _plain_number(expr: str) -> str:
    """GDELT writes whole numbers in tone and coordinates without a decimal point ("8", not "8.0")."""
    return f"CASE WHEN {expr} = trunc({expr}) THEN CAST(CAST({expr} AS BIGINT) AS VARCHAR) ELSE CAST({expr} AS VARCHAR) END"


def _numeric_id(prefix: str) -> str:
    """The dataset's own id for its events, else a stable number from the event id."""
    return (
        f"CASE WHEN e.event_id LIKE '{prefix}:%' AND regexp_full_match(e.dataset_id, '[0-9]+') THEN e.dataset_id "
        "ELSE (hash(e.event_id) % 900000000000 + 100000000000)::VARCHAR END"
    )


def _gdelt2_fields() -> dict[str, str]:
    """GDELT 2.0 column -> SQL over the events table ``e``."""
    fields = {name: "NULL" for name in load_layout("gdelt2").names()}
    fields.update({
        "GLOBALEVENTID": _numeric_id("gdelt"),
        "SQLDATE": "strftime(e.date, '%Y%m%d')",
        "MonthYear": "strftime(e.date, '%Y%m')",
        "Year": "strftime(e.date, '%Y')",
        # GDELT's FractionDate: year + ((month - 1) * 30 + day) / 365, four decimals.
        "FractionDate": "printf('%.4f', year(e.date) + ((month(e.date) - 1) * 30 + day(e.date)) / 365)",
        "Actor1Code": "e.source",
        "Actor1Name": _clean("split_part(e.source_text, ' | ', 1)"),
        "Actor1CountryCode": "e.source_country",
        "Actor2Code": "e.target",
        "Actor2Name": _clean("split_part(e.target_text, ' | ', 1)"),
        "Actor2CountryCode": "e.target_country",
        "EventCode": "e.cameo",
        "EventBaseCode": "left(e.cameo, 3)",
        "EventRootCode": "e.root",
        "QuadClass": "e.quad_class",
        "GoldsteinScale": "e.goldstein",
        "NumMentions": "coalesce(e.num_mentions, 1)",
        "NumSources": "coalesce(e.num_sources, 1)",
        "NumArticles": "coalesce(e.num_articles, 1)",
        "AvgTone": _plain_number("e.avg_tone"),
        "ActionGeo_FullName": _clean("e.location"),
        "ActionGeo_Lat": _plain_number("e.lat"),
        "ActionGeo_Long": _plain_number("e.lon"),
        "DATEADDED": "strftime(e.date, '%Y%m%d') || '000000'",
        "SOURCEURL": _clean("e.url"),
    })
    return fields


def _icews_fields() -> dict[str, str]:
    """ICEWS (Dataverse layout) column -> SQL over ``e`` and country/CAMEO name lookups."""
    return {
        "Event ID": _numeric_id("icews"),
        "Event Date": "strftime(e.date, '%Y-%m-%d')",
        "Source Name": _clean("coalesce(split_part(e.source_text, ' | ', 1), e.source)"),
        "Source Sectors": _clean("nullif(split_part(e.source_text, ' | ', 2), '')"),
        "Source Country": "sc.name",
        "Event Text": "n.name",
        "CAMEO Code": "e.cameo",
        "Intensity": _plain_number("e.goldstein"),
        "Target Name": _clean("coalesce(split_part(e.target_text, ' | ', 1), e.target)"),
        "Target Sectors": _clean("nullif(split_part(e.target_text, ' | ', 2), '')"),
        "Target Country": "tc.name",
        "Story ID": "coalesce(e.story_id, e.doc_id)",
        "Sentence Number": "e.sentence_number",
        "Publisher": _clean("e.publisher"),
        "City": "NULL",
        "District": "NULL",
        "Province": "NULL",
        "Country": _clean("nullif(trim(regexp_extract(e.location, '[^,]*$')), '')"),
        "Latitude": _plain_number("e.lat"),
        "Longitude": _plain_number("e.lon"),
    }


def _lookup_frames() -> dict[str, "pd.DataFrame"]:
    """Country code -> short name and CAMEO code -> name, for the ICEWS text columns."""
    import country_converter as coco  # slow to import; only this export needs it
    import pandas as pd

    from bilateral.ontology import cameo_table
    from bilateral.sources.icews import CAMEO_FOR_ISO

    data = coco.CountryConverter().data[["ISO3", "name_short"]].dropna()
    countries = pd.DataFrame({"code": [CAMEO_FOR_ISO.get(c, c) for c in data["ISO3"]], "name": list(data["name_short"])})
    return {"_export_country": countries, "_export_cameo": cameo_table()[["code", "name"]]}


def _copy(con: duckdb.DuckDBPyConnection, select: str, path: Path, header: bool, where: str, params: list,
          nullstr: str = "") -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    sql = (
        f"COPY ({select} {where} ORDER BY e.date, e.event_id) TO ? "
        f"(DELIMITER '\t', QUOTE '', NULLSTR '{nullstr}', HEADER {str(header).lower()})"
    )
    con.execute(sql, [*params, str(path)]).fetchall()
    return con.execute(f"SELECT count(*) FROM events e {where}", params).fetchall()[0][0]


def _where(start: str | None, end: str | None) -> tuple[str, list]:
    clauses, params = [], []
    if start:
        clauses.append("e.date >= CAST(? AS DATE)")
        params.append(start)
    if end:
        clauses.append("e.date <= CAST(? AS DATE)")
        params.append(end)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def export_gdelt2(con: duckdb.DuckDBPyConnection, path: str | Path, start: str | None = None, end: str | None = None) -> int:
    """Write the store's events as a GDELT 2.0 event export (61 columns, no header); returns the rows."""
    select = "SELECT " + ", ".join(f'{expr} AS "{name}"' for name, expr in _gdelt2_fields().items()) + " FROM events e"
    where, params = _where(start, end)
    return _copy(con, select, Path(path), False, where, params)


def export_icews(con: duckdb.DuckDBPyConnection, path: str | Path, start: str | None = None, end: str | None = None) -> int:
    """Write the store's events as ICEWS coded-event TSV (Dataverse layout, header, NA for missing); returns the rows."""
    frames = _lookup_frames()
    select = (
        "SELECT " + ", ".join(f'{expr} AS "{name}"' for name, expr in _icews_fields().items()) + " FROM events e "
        "LEFT JOIN _export_country sc ON sc.code = e.source_country "
        "LEFT JOIN _export_country tc ON tc.code = e.target_country "
        "LEFT JOIN _export_cameo n ON n.code = e.cameo"
    )
    where, params = _where(start, end)
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        return _copy(con, select, Path(path), True, where, params, nullstr="NA")  # ICEWS writes NA for missing
    finally:
        for name in frames:
            con.unregister(name)


EXPORT_FORMATS = {"gdelt2": export_gdelt2, "icews": export_icews}


def export_dataset(con: duckdb.DuckDBPyConnection, fmt: str, path: str | Path, start: str | None = None, end: str | None = None) -> int:
    """Export events in a dataset format by name ("gdelt2" or "icews"); returns the rows written."""
    if fmt not in EXPORT_FORMATS:
        raise BilateralError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    return EXPORT_FORMATS[fmt](con, path, start, end)
