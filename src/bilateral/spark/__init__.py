"""Apache Spark engine (optional extra ``bilateral[spark]``): the same coder and dyad table at cluster scale.

``code_to_parquet`` codes documents with ``coder.v1`` over a Spark DataFrame (``mapInPandas``,
model loaded once per Python worker) and writes events as Parquet; ``spark_dyad_table`` runs
``bilateral.dynamics.dyad_table``'s aggregation as Spark SQL over Parquet events.
"""
from __future__ import annotations

from bilateral.spark.session import spark_session

__all__ = ["spark_session"]
