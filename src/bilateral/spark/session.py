"""The Spark session bilateral runs on: the one spark-submit configured, else a local one."""
from __future__ import annotations

import os
import shutil
import sys

from bilateral.errors import BilateralError

INSTALL_HINT = "the Spark engine needs pyspark and Java 17+: pip install 'bilateral[spark]' and install a JDK"


class SparkUnavailableError(BilateralError):
    """pyspark is not installed or no Java runtime can start Spark."""


def spark_available() -> str | None:
    """None when pyspark and a Java runtime are both present, else what is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'bilateral[spark]')"
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        return "no Java runtime: install a JDK 17+ or set JAVA_HOME"
    return None


def spark_session(app: str = "bilateral", master: str | None = None):
    """The active SparkSession, or a new one.

    Under spark-submit the master and resources come from its configuration; run as a plain
    Python program, bilateral starts ``local[*]`` (or ``master``). Python workers run this
    interpreter unless PYSPARK_PYTHON says otherwise, so they find bilateral and the model.

    Raises:
        SparkUnavailableError: pyspark or Java is missing, or the JVM does not start.
    """
    missing = spark_available()
    if missing:
        raise SparkUnavailableError(f"{missing}; {INSTALL_HINT}")
    from pyspark import SparkConf, SparkContext
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName(app)
    try:
        SparkContext._ensure_initialized()  # joins spark-submit's JVM, or starts one, so its conf is read
        if master or not SparkConf().contains("spark.master"):
            builder = builder.master(master or "local[*]").config("spark.ui.enabled", "false")
        return builder.getOrCreate()
    except Exception as exc:  # py4j: the JVM did not start (no or wrong Java)
        raise SparkUnavailableError(f"Spark did not start: {str(exc).splitlines()[0]}; {INSTALL_HINT}") from exc
