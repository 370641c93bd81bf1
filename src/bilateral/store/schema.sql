-- bilateral event store, schema version 2. Applied once to a new store; recorded in schema_migrations.
-- A version-1 store is brought to version 2 by migrate_v2.sql (see db.py).
CREATE TABLE IF NOT EXISTS documents (
    doc_id      VARCHAR PRIMARY KEY,  -- sha256 of the normalised text (first 32 hex)
    source_id   VARCHAR,              -- the id the input gave
    date        DATE,
    url         VARCHAR,
    title       VARCHAR,
    origin      VARCHAR,              -- file or feed it was read from
    text        VARCHAR NOT NULL,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id     VARCHAR NOT NULL,
    sent_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       VARCHAR NOT NULL
);
-- Events coded from text by `bilateral code`: every column of the event record.
CREATE TABLE IF NOT EXISTS coded_events (
    event_id        VARCHAR NOT NULL,
    doc_id          VARCHAR,
    date            DATE,
    source          VARCHAR,
    target          VARCHAR,
    source_country  VARCHAR,
    target_country  VARCHAR,
    cameo           VARCHAR NOT NULL,
    root            VARCHAR NOT NULL,
    quad_class      TINYINT NOT NULL,
    penta_class     TINYINT NOT NULL,
    goldstein       DOUBLE,
    plover          VARCHAR,
    plover_mode     VARCHAR,
    sentence        VARCHAR,
    char_start      INTEGER,
    char_end        INTEGER,
    url             VARCHAR,
    title           VARCHAR,
    confidence      DOUBLE,
    date_precision  VARCHAR,
    date_source     VARCHAR,
    source_text     VARCHAR,
    target_text     VARCHAR,
    attribution     VARCHAR,
    negated         BOOLEAN,
    location        VARCHAR,
    lat             DOUBLE,
    lon             DOUBLE,
    origin          VARCHAR,
    dataset_id      VARCHAR,
    num_mentions    INTEGER,
    num_sources     INTEGER,
    num_articles    INTEGER,
    avg_tone        DOUBLE,
    story_id        VARCHAR,
    sentence_number INTEGER,
    publisher       VARCHAR
);
-- Events imported from GDELT, ICEWS, Phoenix: only what a dataset row carries. The rest of
-- the record is the same for every imported event or follows from the CAMEO code (see the
-- `events` view); every column written costs import time, so none is stored twice.
CREATE TABLE IF NOT EXISTS dataset_events (
    event_id        VARCHAR NOT NULL,  -- "<dataset>:<the dataset's own id>"
    date            DATE,
    source          VARCHAR,
    target          VARCHAR,
    source_country  VARCHAR,
    target_country  VARCHAR,
    cameo           VARCHAR NOT NULL,  -- canonical code, always in cameo_codes
    goldstein       DOUBLE,
    url             VARCHAR,
    source_text     VARCHAR,
    target_text     VARCHAR,
    location        VARCHAR,
    lat             DOUBLE,
    lon             DOUBLE,
    origin          VARCHAR,           -- the reader, e.g. gdelt2.v1
    num_mentions    INTEGER,
    num_sources     INTEGER,
    num_articles    INTEGER,
    avg_tone        DOUBLE,
    story_id        VARCHAR,
    sentence_number INTEGER,
    publisher       VARCHAR
);
-- What a CAMEO code implies (from bilateral's ontology; refreshed by every import).
CREATE TABLE IF NOT EXISTS cameo_codes (
    code        VARCHAR PRIMARY KEY,
    root        VARCHAR NOT NULL,
    quad_class  TINYINT NOT NULL,
    penta_class TINYINT NOT NULL,
    plover      VARCHAR,
    plover_mode VARCHAR
);
CREATE TABLE IF NOT EXISTS ingest_log (
    run_id      VARCHAR,
    kind        VARCHAR,   -- code | import:gdelt2 | fetch ...
    path        VARCHAR,
    fingerprint VARCHAR,   -- size+mtime or md5 of the input, for resume
    read        BIGINT,
    stored      BIGINT,
    duplicates  BIGINT,
    rejected    BIGINT,
    finished_at TIMESTAMP DEFAULT current_timestamp
);
