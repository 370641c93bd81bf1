"""``bilateral dyad A B --engine spark --events GLOB``: the dyad table as Spark SQL over Parquet events.

The query is ``bilateral.dynamics.dyad_table``'s, in Spark's dialect: same filter (both
directions, dated, not negated, within [start, end]), same periods (``date_trunc``, weeks
from Monday), same columns and rounding, and a pandas frame of the same dtypes.
"""
from __future__ import annotations

import pandas as pd

from bilateral.dynamics.dyad import QUAD_NAMES, check_freq

COLUMNS = ["period", "direction", "events", *QUAD_NAMES.values(), "goldstein_mean", "goldstein_sum"]


def dyad_sql(freq: str) -> str:
    """The Spark SQL of the dyad table over a view named ``events`` (named parameters :a :b :start :end)."""
    check_freq(freq)
    counts = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS {name}" for q, name in QUAD_NAMES.items())
    return (
        "WITH dyad AS (SELECT *, to_date(date) AS day, "
        "CASE WHEN source_country = :a THEN concat(:a, '->', :b) ELSE concat(:b, '->', :a) END AS direction "
        "FROM events WHERE ((source_country = :a AND target_country = :b) OR (source_country = :b AND target_country = :a)) "
        "AND date IS NOT NULL AND NOT coalesce(negated, false) "
        "AND (:start IS NULL OR to_date(date) >= to_date(:start)) AND (:end IS NULL OR to_date(date) <= to_date(:end))) "
        f"SELECT CAST(date_trunc('{freq}', day) AS DATE) AS period, direction, count(*) AS events, {counts}, "
        "round(avg(goldstein), 3) AS goldstein_mean, round(sum(goldstein), 2) AS goldstein_sum "
        "FROM dyad GROUP BY 1, 2 ORDER BY period, direction"
    )


def spark_dyad_table(events_glob: str, a: str, b: str, freq: str = "month", start: str | None = None,
                     end: str | None = None, spark=None) -> pd.DataFrame:
    """The dyad table of Parquet events (a path, directory or glob Spark reads), as pandas.

    Args:
        events_glob: Parquet events with ``EVENT_COLUMNS`` (``bilateral code --engine spark`` output,
            or ``bilateral`` exports); ``date`` as a date or an ISO string.
        a, b, freq, start, end: as ``bilateral.dynamics.dyad_table``.
        spark: a SparkSession (default: ``spark_session()``).
    Returns:
        the columns and dtypes of ``dyad_table``: period, direction, events, four quad-class
        counts, goldstein_mean, goldstein_sum; sorted by period and direction.
    """
    from bilateral.spark.session import spark_session

    spark = spark or spark_session()
    spark.read.parquet(events_glob).createOrReplaceTempView("events")
    args = {"a": a.upper(), "b": b.upper(), "start": start, "end": end}
    frame = spark.sql(dyad_sql(freq), args=args).toPandas()
    return _as_embedded(frame)


def _as_embedded(frame: pd.DataFrame) -> pd.DataFrame:
    """Dtypes as DuckDB's ``.df()`` gives them: datetime64[us] periods, int64 counts, float64 means."""
    frame = frame.reindex(columns=COLUMNS)
    frame["period"] = pd.to_datetime(frame["period"]).astype("datetime64[us]")
    for column in ["events", *QUAD_NAMES.values()]:
        frame[column] = frame[column].astype("int64")
    for column in ("goldstein_mean", "goldstein_sum"):
        frame[column] = frame[column].astype("float64")
    return frame.reset_index(drop=True)
