"""``bilateral code --engine spark``: the same coder over a Spark DataFrame of documents, events to Parquet.

Documents are read and cleaned by bilateral's own readers on the driver (the same ids and
texts as the embedded path), then coded on the executors with ``mapInPandas``: each Python
worker builds one ``SentenceCoder`` (model, dictionary, pre-scan) on its first partition and
keeps it for the next ones. The events are those of the embedded run, row for row.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from bilateral.model import EVENT_COLUMNS, Article

DOC_FIELDS = ("doc_id", "text", "date", "url", "title", "source_id", "origin")
DOCS_SCHEMA = ", ".join(f"{name} string" for name in DOC_FIELDS)
_SPARK_TYPES = {
    "quad_class": "tinyint", "penta_class": "tinyint", "goldstein": "double", "confidence": "double",
    "char_start": "int", "char_end": "int", "lat": "double", "lon": "double", "negated": "boolean",
    "num_mentions": "int", "num_sources": "int", "num_articles": "int", "avg_tone": "double",
    "sentence_number": "int",
}
EVENTS_SCHEMA = ", ".join(f"{c} {_SPARK_TYPES.get(c, 'string')}" for c in EVENT_COLUMNS)
_PANDAS_TYPES = {"tinyint": "Int8", "int": "Int32", "double": "float64", "boolean": "boolean", "string": "object"}
BATCH = 64  # documents per coder batch inside a partition


@dataclass
class SparkCodeSummary:
    """What a Spark coding run read and wrote."""

    documents: int
    rejected: int
    events: int


def code_to_parquet(inputs: Iterable[str | Path], out: str | Path, prescan: bool = True, spark=None,
                    partitions: int | None = None, **reader_options: object) -> SparkCodeSummary:
    """Code every document of ``inputs`` on Spark and write the events to the Parquet directory ``out``.

    Args:
        inputs: files or directories, read by bilateral's readers (``text_col``/``date_col`` apply).
        out: a directory (local path or any URI Spark writes to); replaced if present.
        prescan: as in ``bilateral code``.
        spark: a SparkSession (default: ``spark_session()``).
        partitions: Spark partitions to code in (default: the session's default parallelism).
    Returns:
        counts of documents coded, inputs rejected and events written.
    """
    from bilateral.pipeline import CodeReport, fresh_articles
    from bilateral.sources import read_documents
    from bilateral.spark.session import spark_session

    spark = spark or spark_session()
    report = CodeReport()
    articles = list(fresh_articles(read_documents(inputs, report.rejects, **reader_options), report))
    documents = documents_frame(spark, articles, partitions)
    events = code_frame(documents, prescan)
    events.write.mode("overwrite").parquet(str(out))
    written = spark.read.parquet(str(out)).count()
    return SparkCodeSummary(len(articles), report.documents_rejected, written)


def documents_frame(spark, articles: list[Article], partitions: int | None = None):
    """A Spark DataFrame of documents (``DOC_FIELDS``), spread over ``partitions``."""
    rows = pd.DataFrame([{name: getattr(a, name) for name in DOC_FIELDS} for a in articles], columns=list(DOC_FIELDS))
    frame = spark.createDataFrame(rows.astype(object).where(rows.notna(), None), schema=DOCS_SCHEMA)
    count = partitions or spark.sparkContext.defaultParallelism
    return frame.repartition(max(1, min(count, len(articles))))


def code_frame(documents, prescan: bool = True):
    """Events (``EVENTS_SCHEMA``) of a DataFrame of documents, coded on the executors."""
    return documents.mapInPandas(lambda frames: code_partition(frames, prescan), schema=EVENTS_SCHEMA)


_CODERS: dict[bool, object] = {}


def code_partition(frames: Iterator[pd.DataFrame], prescan: bool = True) -> Iterator[pd.DataFrame]:
    """Code the document frames of one partition (runs in a Spark Python worker)."""
    if prescan not in _CODERS:  # once per Python worker: Spark reuses workers across tasks
        from bilateral.scale.workers import CoderOptions, build_worker_coder

        _CODERS[prescan] = build_worker_coder(CoderOptions(prescan=prescan))
    coder = _CODERS[prescan]
    for frame in frames:
        articles = [Article(**{k: (None if pd.isna(v) else v) for k, v in row.items()}) for row in frame.to_dict("records")]
        for start in range(0, len(articles), BATCH):
            coded = coder.code_batch(articles[start:start + BATCH])
            yield events_pandas([e.as_row() for c in coded for e in c.events])


def events_pandas(rows: list[dict]) -> pd.DataFrame:
    """Event rows as a frame whose dtypes Arrow maps onto ``EVENTS_SCHEMA`` (nullable ints)."""
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for column in EVENT_COLUMNS:
        kind = _SPARK_TYPES.get(column, "string")
        frame[column] = frame[column].astype(_PANDAS_TYPES[kind])
    return frame
