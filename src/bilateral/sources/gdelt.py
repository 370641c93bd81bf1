"""GDELT readers: 1.0 events (57- and 58-column rows, even mixed), 2.0 events and 2.0 mentions.

Each GDELT event keeps its GLOBALEVENTID (``event_id`` "gdelt:<id>", so 1.0 and 2.0 files
of the same event are one event), NumMentions, NumSources, NumArticles, AvgTone, the
action location (ActionGeo full name, latitude, longitude) and SOURCEURL. Actor codes and
the CAMEO country codes are kept as GDELT gives them; GoldsteinScale comes from the file,
or from the ``gdelt`` profile where the file leaves it empty.

Mentions go to their own ``mentions`` table (created here, keyed by event, time, document
and position), so they join the events on ``event_id``.
"""
from __future__ import annotations

import duckdb

from bilateral.sources.datasets import DatasetReader, register_reader

GDELT1 = "gdelt1.v1"
GDELT2 = "gdelt2.v1"
GDELT2_MENTIONS = "gdelt2-mentions.v1"


def _event_columns(origin: str) -> dict[str, str]:
    """GDELT event fields -> the common event record (shared by 1.0 and 2.0)."""
    return {
        "event_id": "'gdelt:' || r.GLOBALEVENTID",
        "date": "r.SQLDATE",
        "source": "r.Actor1Code",
        "target": "r.Actor2Code",
        "source_country": "r.Actor1CountryCode",
        "target_country": "r.Actor2CountryCode",
        "cameo": "o.code",
        "goldstein": "coalesce(r.GoldsteinScale, o.goldstein)",
        "url": "r.SOURCEURL",
        "source_text": "r.Actor1Name",
        "target_text": "r.Actor2Name",
        "location": "r.ActionGeo_FullName",
        "lat": "r.ActionGeo_Lat",
        "lon": "r.ActionGeo_Long",
        "origin": f"'{origin}'",
        "num_mentions": "r.NumMentions",
        "num_sources": "r.NumSources",
        "num_articles": "r.NumArticles",
        "avg_tone": "r.AvgTone",
    }


MENTIONS_SCHEMA = """
CREATE TABLE IF NOT EXISTS mentions (
    mention_id       VARCHAR NOT NULL,  -- gdelt:<GLOBALEVENTID>:<hash of time, document, offsets>
    event_id         VARCHAR NOT NULL,  -- joins events.event_id
    event_time       TIMESTAMP,
    mention_time     TIMESTAMP,
    mention_type     INTEGER,
    source_name      VARCHAR,
    identifier       VARCHAR,           -- URL or citation of the mentioning document
    sentence_id      INTEGER,
    actor1_offset    INTEGER,
    actor2_offset    INTEGER,
    action_offset    INTEGER,
    in_raw_text      INTEGER,
    confidence       INTEGER,
    doc_length       INTEGER,
    doc_tone         DOUBLE,
    translation_info VARCHAR,
    origin           VARCHAR
)
"""


def ensure_mentions_table(con: duckdb.DuckDBPyConnection, _scan: str | None = None) -> None:
    """Create the ``mentions`` table when missing (this reader's own migration)."""
    con.execute(MENTIONS_SCHEMA).fetchall()


_MENTION_COLUMNS = {
    "mention_id": (
        "'gdelt:' || r.GLOBALEVENTID || ':' || md5(concat_ws('|', r.MentionTimeDate, r.MentionIdentifier, "
        "r.SentenceID, r.Actor1CharOffset, r.Actor2CharOffset, r.ActionCharOffset))[:16]"
    ),
    "event_id": "'gdelt:' || r.GLOBALEVENTID",
    "event_time": "r.EventTimeDate",
    "mention_time": "r.MentionTimeDate",
    "mention_type": "r.MentionType",
    "source_name": "r.MentionSourceName",
    "identifier": "r.MentionIdentifier",
    "sentence_id": "r.SentenceID",
    "actor1_offset": "r.Actor1CharOffset",
    "actor2_offset": "r.Actor2CharOffset",
    "action_offset": "r.ActionCharOffset",
    "in_raw_text": "r.InRawText",
    "confidence": "r.Confidence",
    "doc_length": "r.MentionDocLen",
    "doc_tone": "r.MentionDocTone",
    "translation_info": "r.MentionDocTranslationInfo",
    "origin": f"'{GDELT2_MENTIONS}'",
}

register_reader(DatasetReader(
    name=GDELT2, dataset="gdelt", layout="gdelt2", widths=frozenset({61}),
    columns=_event_columns(GDELT2), code_column="EventCode", timestampformat="%Y%m%d%H%M%S",
))
register_reader(DatasetReader(
    # Back files (1979-2013) have 57 columns, daily files 58 (SOURCEURL); null padding reads both.
    name=GDELT1, dataset="gdelt", layout="gdelt1", widths=frozenset({57, 58}),
    columns=_event_columns(GDELT1), code_column="EventCode", null_padding=True, present=("DATEADDED",),
))
register_reader(DatasetReader(
    name=GDELT2_MENTIONS, dataset="gdelt", layout="gdelt2_mentions", widths=frozenset({16}),
    columns=_MENTION_COLUMNS, table="mentions", key="mention_id", prepare=ensure_mentions_table,
    timestampformat="%Y%m%d%H%M%S",
))
