"""Phoenix reader: the Open Event Data Alliance's daily event files (26 tab-separated columns).

Phoenix already speaks CAMEO: actor codes (``SourceActorFull``, e.g. "RUSGOV") are kept,
and the country is the actor's entity code when that is a country (not "IGO" or "IMG").
GoldsteinScore comes from the file (the ``gdelt`` profile where it is empty). The event
id ("phoenix:<EventID>") keeps Phoenix's own id; ``SentenceID`` ("<story>_<n>") gives the
story id and sentence number, ``NewsSources`` the publisher and ``URLs`` the url.
"""
from __future__ import annotations

from functools import lru_cache

import duckdb
import pandas as pd

from bilateral.sources.datasets import DatasetReader, register_reader
from bilateral.sources.icews import CAMEO_FOR_ISO

PHOENIX = "phoenix.v1"


@lru_cache(maxsize=1)
def country_code_set() -> frozenset[str]:
    """Every CAMEO country code (ISO 3166 alpha-3 as CAMEO uses it)."""
    import country_converter as coco  # slow to import; only needed here

    codes = {c for c in coco.CountryConverter().data["ISO3"] if isinstance(c, str) and len(c) == 3}
    return frozenset({CAMEO_FOR_ISO.get(c, c) for c in codes})


def prepare_countries(con: duckdb.DuckDBPyConnection, _scan: str) -> None:
    frame = pd.DataFrame({"code": sorted(country_code_set())})
    con.register("_phoenix_country_frame", frame)
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _phoenix_country AS SELECT * FROM _phoenix_country_frame").fetchall()
    finally:
        con.unregister("_phoenix_country_frame")


def _fallback_id() -> str:
    # Phoenix rows always carry an EventID; a row without one gets a content hash, so it is still stable.
    return "'~' || md5(concat_ws('|', r.Date, r.SourceActorFull, r.TargetActorFull, r.EventCode, r.SentenceID, r.URLs))"


_COLUMNS = {
    "event_id": f"'phoenix:' || coalesce(r.EventID, {_fallback_id()})",
    "date": "r.Date",
    "source": "r.SourceActorFull",
    "target": "r.TargetActorFull",
    "source_country": "sc.code",
    "target_country": "tc.code",
    "cameo": "o.code",
    "goldstein": "coalesce(r.GoldsteinScore, o.goldstein)",
    "url": "r.URLs",
    "location": "nullif(concat_ws(', ', r.LocationName, r.StateName, r.CountryCode), '')",
    "lat": "r.Lat",
    "lon": "r.Lon",
    "origin": f"'{PHOENIX}'",
    "story_id": "nullif(split_part(r.SentenceID, '_', 1), '')",
    "sentence_number": "try_cast(nullif(split_part(r.SentenceID, '_', 2), '') AS INTEGER)",
    "publisher": "r.NewsSources",
}

_JOINS = (
    "LEFT JOIN _phoenix_country AS sc ON sc.code = r.SourceActorEntity "
    "LEFT JOIN _phoenix_country AS tc ON tc.code = r.TargetActorEntity"
)

register_reader(DatasetReader(
    name=PHOENIX, dataset="phoenix", layout="phoenix", widths=frozenset({26}), columns=_COLUMNS,
    code_column="EventCode", joins=_JOINS, prepare=prepare_countries,
))
