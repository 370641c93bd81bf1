"""ICEWS reader: coded-event TSV in the Dataverse layout or the normalised (snake_case) one.

ICEWS names countries ("Russian Federation") where CAMEO uses ISO 3166 alpha-3 codes, and
describes actors by name and a list of sectors. The reader maps each distinct country
name once (country_converter, with CAMEO's own codes where they differ from ISO) and each
distinct sector list once (``data/layouts/icews_sectors.csv``), then builds CAMEO-style
actor codes from them (Ministry of Foreign Affairs of Bangladesh -> "BGDGOV"). The raw
name and sector text stay in ``source_text``/``target_text`` as "name | sectors".

Kept per event: Event ID (``event_id`` "icews:<id>"), Story ID, Sentence Number,
Publisher, and Intensity as the Goldstein score (the ``icews`` profile where it is empty).
"""
from __future__ import annotations

import logging
from functools import lru_cache

import duckdb
import pandas as pd

from bilateral.sources.datasets import DatasetReader, register_reader
from bilateral.sources.layouts import LAYOUT_DIR, read_data_csv

ICEWS = "icews.v1"
SECTOR_SEPARATOR = " | "  # between an actor's name and its sectors in source_text/target_text

# CAMEO codes that differ from ISO 3166 alpha-3, and names country_converter does not know.
CAMEO_FOR_ISO = {"XKX": "KSV", "TLS": "TMP"}
HISTORICAL_NAMES = {"serbia and montenegro": "SCG", "yugoslavia": "YUG", "kosovo": "KSV"}

_cache: dict[str, str | None] = {}


def country_codes(names: list[str]) -> dict[str, str | None]:
    """ICEWS country names -> CAMEO country codes (ISO alpha-3 as CAMEO uses it); None if unknown."""
    todo = [n for n in dict.fromkeys(names) if n not in _cache]
    if todo:
        _cache.update(_convert(todo))
    return {n: _cache[n] for n in names}


def _convert(names: list[str]) -> dict[str, str | None]:
    import country_converter as coco  # slow to import; only ICEWS needs it

    logging.getLogger("country_converter").setLevel(logging.ERROR)  # unknown names are expected
    found = coco.CountryConverter().convert(names, to="ISO3", not_found=None)
    found = found if isinstance(found, list) else [found]
    out = {}
    for name, code in zip(names, found):
        code = code if isinstance(code, str) and len(code) == 3 and code.isupper() else None
        code = HISTORICAL_NAMES.get(name.strip().lower(), code)
        out[name] = CAMEO_FOR_ISO.get(code, code)
    return out


@lru_cache(maxsize=1)
def _sector_rules() -> list[tuple[str, str, int]]:
    rows = read_data_csv(LAYOUT_DIR / "icews_sectors.csv")
    return sorted(((r["keyword"].lower(), r["agent"], int(r["rank"])) for r in rows), key=lambda r: r[2])


def agent_code(sectors: str | None) -> str | None:
    """The CAMEO agent code for an ICEWS sector list ("Government,Police" -> "COP"); None if none fits."""
    if not sectors:
        return None
    names = [s.strip().lower() for s in sectors.split(",") if s.strip()]
    for keyword, agent, _rank in _sector_rules():
        if any(n.startswith(keyword) or n.endswith(keyword) for n in names):
            return agent
    return None


def prepare_lookups(con: duckdb.DuckDBPyConnection, scan: str) -> None:
    """Temp tables mapping this file's distinct country names and sector lists to CAMEO codes."""
    countries, sectors = con.execute(
        "SELECT list(DISTINCT c) FILTER (WHERE c IS NOT NULL), list(DISTINCT s) FILTER (WHERE s IS NOT NULL) "
        'FROM (SELECT unnest([r."Source Country", r."Target Country"]) AS c, '
        f'unnest([r."Source Sectors", r."Target Sectors"]) AS s FROM {scan} AS r)'
    ).fetchall()[0]
    codes = country_codes(countries or [])
    country_frame = pd.DataFrame({"name": list(codes), "code": list(codes.values())}, dtype=object)
    sector_frame = pd.DataFrame({"sectors": sectors or [], "agent": [agent_code(s) for s in sectors or []]}, dtype=object)
    for table, frame in (("_icews_country", country_frame), ("_icews_sector", sector_frame)):
        con.register(f"{table}_frame", frame)
        try:
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {table}_frame"
            ).fetchall()
        finally:
            con.unregister(f"{table}_frame")


def _actor(side: str, alias: str) -> str:
    return f"nullif(concat(coalesce({alias}c.code, ''), coalesce({alias}s.agent, '')), '')"


def _text(side: str) -> str:
    return f"concat_ws('{SECTOR_SEPARATOR}', r.\"{side} Name\", r.\"{side} Sectors\")"


_JOINS = " ".join(
    f'LEFT JOIN _icews_country AS {a}c ON {a}c.name = r."{side} Country" '
    f'LEFT JOIN _icews_sector AS {a}s ON {a}s.sectors = r."{side} Sectors"'
    for side, a in (("Source", "s"), ("Target", "t"))
)

_COLUMNS = {
    "event_id": "'icews:' || r.\"Event ID\"",
    "date": 'r."Event Date"',
    "source": _actor("Source", "s"),
    "target": _actor("Target", "t"),
    "source_country": "sc.code",
    "target_country": "tc.code",
    "cameo": "o.code",
    "goldstein": "coalesce(r.Intensity, o.goldstein)",
    "source_text": _text("Source"),
    "target_text": _text("Target"),
    "location": "nullif(concat_ws(', ', r.City, r.District, r.Province, r.Country), '')",
    "lat": "r.Latitude",
    "lon": "r.Longitude",
    "origin": f"'{ICEWS}'",
    "story_id": 'r."Story ID"',
    "sentence_number": 'r."Sentence Number"',
    "publisher": "r.Publisher",
}

for _name, _layout, _widths in ((ICEWS, "icews", {20}), ("icews-normalised.v1", "icews_normalised", {22})):
    register_reader(DatasetReader(  # both layouts store origin "icews.v1"
        name=_name, dataset="icews", layout=_layout,
        widths=frozenset(_widths), columns=_COLUMNS, code_column="CAMEO Code", profile="icews",
        joins=_JOINS, prepare=prepare_lookups, dateformat="%Y-%m-%d", nullstr=("", "NA"),
    ))
