"""One local[2] SparkSession for the Spark tests; skipped with the reason when Java or pyspark is missing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[2] / "src" / "bilateral" / "data" / "demo" / "iran_russia.jsonl"
DOCUMENTS = 30  # a few dozen: Spark starts in seconds, the coder loads once per Python worker


@pytest.fixture(scope="session")
def spark():
    from bilateral.spark.session import spark_available, spark_session

    missing = spark_available()
    if missing:
        pytest.skip(f"Spark tests need pyspark and Java: {missing}")
    session = spark_session(app="bilateral-tests", master="local[2]")
    session.conf.set("spark.sql.shuffle.partitions", "2")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def documents(tmp_path_factory) -> Path:
    """A few dozen demo documents (written for this project) as a JSONL input."""
    path = tmp_path_factory.mktemp("docs") / "docs.jsonl"
    lines = DEMO.read_text(encoding="utf-8").splitlines()[:DOCUMENTS]
    assert all(json.loads(line)["text"] for line in lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def embedded(tmp_path_factory, documents) -> Path:
    """The same documents coded by the embedded engine into a store."""
    from bilateral.pipeline import code_inputs

    db = tmp_path_factory.mktemp("embedded") / "s.duckdb"
    code_inputs([documents], db, workers=1)
    return db


@pytest.fixture(scope="session")
def spark_events(tmp_path_factory, documents, spark) -> Path:
    """The same documents coded by Spark into a Parquet directory."""
    from bilateral.spark.code import code_to_parquet

    out = tmp_path_factory.mktemp("spark") / "events.parquet"
    summary = code_to_parquet([documents], out, spark=spark, partitions=2)
    assert summary.documents == DOCUMENTS
    return out
