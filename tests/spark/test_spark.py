"""The Spark engine gives the embedded engine's events and dyad tables, row for row."""
from __future__ import annotations

import math

import duckdb
import pandas as pd
import pytest

from bilateral.model import EVENT_COLUMNS

pytestmark = pytest.mark.spark


def _plain(value):
    """Comparable Python values: ISO dates, None for missing, built-in numbers."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return value.item() if hasattr(value, "item") else value


def _records(frame: pd.DataFrame) -> list[tuple]:
    frame = frame[list(EVENT_COLUMNS)].sort_values("event_id")
    return [tuple(_plain(v) for v in row) for row in frame.astype(object).itertuples(index=False)]


def _store_events(db) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql("SELECT * FROM events").df()
    finally:
        con.close()


def test_spark_code_gives_the_embedded_events(spark_events, embedded):
    spark_rows = _records(pd.read_parquet(spark_events))
    embedded_rows = _records(_store_events(embedded))
    assert len(embedded_rows) > 20
    assert spark_rows == embedded_rows


@pytest.mark.parametrize("freq, start, end", [("month", None, None), ("year", None, None), ("week", "1995-01-01", "2005-12-31")])
def test_spark_dyad_table_equals_the_embedded_one(spark, spark_events, embedded, freq, start, end):
    from bilateral.dynamics import dyad_table
    from bilateral.spark.dyad import spark_dyad_table

    con = duckdb.connect(str(embedded), read_only=True)
    try:
        expected = dyad_table(con, "IRN", "RUS", freq=freq, start=start, end=end)
    finally:
        con.close()
    found = spark_dyad_table(str(spark_events / "*.parquet"), "irn", "rus", freq=freq, start=start, end=end, spark=spark)
    assert not expected.empty
    pd.testing.assert_frame_equal(found, expected, check_exact=True)


def test_spark_dyad_command_prints_the_table(cli, spark_events, embedded):
    from bilateral.store import Store

    with Store(embedded, read_only=True) as store:
        total = store.run("SELECT count(*) FROM events WHERE NOT coalesce(negated, false) AND date IS NOT NULL AND "
                          "((source_country = 'IRN' AND target_country = 'RUS') OR (source_country = 'RUS' AND target_country = 'IRN'))")[0][0]
    # Spark's driver talks to its JVM over loopback sockets, which the CLI guard would refuse.
    result = cli("dyad", "IRN", "RUS", "--freq", "year", "--engine", "spark", "--events", spark_events,
                 network=True, env={"SPARK_LOCAL_IP": "127.0.0.1"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"IRN - RUS by year ({total} events)" in result.stdout
