"""Where a dyad's events come from: a store connection or an events DataFrame, as one object.

Every dynamics method reads through :class:`Dyad`, so a store of a million events is
aggregated inside DuckDB (only per-period totals and cited events reach pandas) and a
small hand-built frame in a test follows exactly the same SQL.
"""
from __future__ import annotations

from typing import Callable

import duckdb
import pandas as pd

from bilateral.dynamics.dyad import check_freq
from bilateral.model import EVENT_COLUMNS

# Periods per year, for trends stated per year and default windows.
PERIODS_PER_YEAR = {"day": 365.25, "week": 365.25 / 7, "month": 12.0, "quarter": 4.0, "year": 1.0}
_PANDAS_FREQ = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}

# Negated events ("did not attack") are stored to keep the record but are not interactions.
_DYAD_SQL = """
SELECT event_id, date, source_country, target_country, source, target, cameo, root,
       quad_class, penta_class, goldstein, plover, sentence, title, url,
       coalesce(num_sources, num_articles, 1) AS sources,
       CASE WHEN source_country = $a THEN $a || '->' || $b ELSE $b || '->' || $a END AS direction
FROM events
WHERE ((source_country = $a AND target_country = $b) OR (source_country = $b AND target_country = $a))
  AND date IS NOT NULL AND NOT coalesce(negated, false)
  AND ($start IS NULL OR date >= CAST($start AS DATE)) AND ($end IS NULL OR date <= CAST($end AS DATE))
"""

EVIDENCE_COLUMNS = "event_id, date, direction, source, target, cameo, goldstein, sources, sentence, title, url"

Source = duckdb.DuckDBPyConnection | pd.DataFrame


def frame_connection(events: pd.DataFrame) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB holding ``events`` as table ``events`` (missing columns as NULL)."""
    frame = events.copy()
    for column in EVENT_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    con = duckdb.connect()
    con.register("_frame", frame[list(EVENT_COLUMNS)])
    con.execute(
        "CREATE TABLE events AS SELECT * REPLACE (CAST(date AS DATE) AS date, CAST(goldstein AS DOUBLE) AS goldstein, "
        "CAST(negated AS BOOLEAN) AS negated, CAST(num_sources AS INTEGER) AS num_sources, "
        "CAST(num_articles AS INTEGER) AS num_articles) FROM _frame"
    )
    con.unregister("_frame")
    return con


class Dyad:
    """A country pair over a period at one frequency, with its events' source.

    Args:
        source: an open store connection (``Store.con``), or a DataFrame of events with
            the store's columns (at least event_id, date, source_country, target_country,
            cameo, root, quad_class, penta_class, goldstein).
        a, b: ISO alpha-3 country codes; ``a`` is the first side in directed labels.
        freq: day | week | month | quarter | year.
        start, end: ISO dates bounding the period (inclusive); default: the first day of
            the period of the dyad's first event, and the last day of its last event's.
    """

    def __init__(self, source: Source, a: str, b: str, freq: str = "month", start: str | None = None, end: str | None = None):
        self.a, self.b = a.strip().upper(), b.strip().upper()
        if self.a == self.b:
            raise ValueError(f"a dyad needs two different countries, got {a!r} twice")
        self.freq = check_freq(freq)
        self.con = frame_connection(source) if isinstance(source, pd.DataFrame) else source.cursor()
        self._cache: dict[str, object] = {}
        first, last = self.bounds() if start is None or end is None else (start, end)
        # by default whole periods, so the first and last periods' coverage is complete
        self.start = start or (self.period_start(first) if first else None)
        self.end = end or (self.period_end(pd.Timestamp(last)).date().isoformat() if last else None)

    @property
    def ab(self) -> str:
        return f"{self.a}->{self.b}"

    @property
    def ba(self) -> str:
        return f"{self.b}->{self.a}"

    @property
    def periods_per_year(self) -> float:
        return PERIODS_PER_YEAR[self.freq]

    def cached(self, key: str, compute: Callable[[], object]) -> object:
        """A value computed once per Dyad (series are read by several methods)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def params(self, **extra: object) -> dict:
        return {"a": self.a, "b": self.b, "start": getattr(self, "start", None), "end": getattr(self, "end", None), **extra}

    def query(self, body: str, **extra: object) -> pd.DataFrame:
        """Run ``body`` with the dyad's events available as ``dyad``; returns a DataFrame."""
        sql = f"WITH dyad AS ({_DYAD_SQL}) {body}"
        return self.con.execute(sql, self.params(**extra)).df()

    def bounds(self) -> tuple[str | None, str | None]:
        """First and last date of the dyad's events (None when there are none)."""
        row = self.query("SELECT CAST(min(date) AS VARCHAR) AS lo, CAST(max(date) AS VARCHAR) AS hi FROM dyad")
        return row["lo"].iloc[0], row["hi"].iloc[0]

    def trunc(self, column: str = "date") -> str:
        """SQL for the first day of the period containing ``column``."""
        return f"CAST(date_trunc('{self.freq}', {column}) AS TIMESTAMP)"

    def grid(self) -> pd.DatetimeIndex:
        """Every period from start to end, as the first day of each (empty without events)."""
        if self.start is None or self.end is None:
            return pd.DatetimeIndex([], name="period")
        periods = pd.period_range(self.start, self.end, freq=_PANDAS_FREQ[self.freq])
        return pd.DatetimeIndex(periods.start_time, name="period").as_unit("ns")

    def period_start(self, day: str) -> str:
        """The first day (ISO) of the period containing ``day``."""
        return pd.Period(day, freq=_PANDAS_FREQ[self.freq]).start_time.date().isoformat()

    def period_end(self, period: pd.Timestamp) -> pd.Timestamp:
        """The last day of the period that starts on ``period``."""
        return pd.Period(period, freq=_PANDAS_FREQ[self.freq]).end_time.normalize()

    def coverage(self) -> pd.DataFrame:
        """Events per period involving A, B, or either, with anyone (the news volume about each side)."""
        def compute() -> pd.DataFrame:
            sql = (
                f"SELECT {self.trunc()} AS period, "
                "count(*) FILTER (WHERE source_country = $a OR target_country = $a) AS coverage_a, "
                "count(*) FILTER (WHERE source_country = $b OR target_country = $b) AS coverage_b, "
                "count(*) AS coverage FROM events "
                "WHERE (source_country IN ($a, $b) OR target_country IN ($a, $b)) AND date IS NOT NULL "
                "AND ($start IS NULL OR date >= CAST($start AS DATE)) AND ($end IS NULL OR date <= CAST($end AS DATE)) "
                "AND NOT coalesce(negated, false) GROUP BY ALL"
            )
            frame = self.con.execute(sql, self.params()).df()
            frame["period"] = pd.to_datetime(frame["period"]).astype("datetime64[ns]")
            return frame.set_index("period").reindex(self.grid(), fill_value=0)
        return self.cached("coverage", compute)

    def top_events(self, windows: pd.DataFrame, order: str, k: int = 5) -> pd.DataFrame:
        """The ``k`` first events by ``order`` inside each window, in one scan.

        Args:
            windows: columns ``id``, ``lo``, ``hi`` (dates, inclusive) and ``sign`` (+1/-1),
                usable in ``order`` as ``w.sign``.
            order: an SQL ORDER BY list over dyad columns, e.g. ``w.sign * goldstein DESC``.
        Returns:
            The evidence columns plus ``window_id`` (the id), ranked within each window.
        """
        if windows.empty:
            return pd.DataFrame(columns=["window_id", *EVIDENCE_COLUMNS.split(", ")])
        body = (
            f"SELECT w.id AS window_id, {EVIDENCE_COLUMNS} FROM dyad JOIN "
            "(SELECT unnest($ids) AS id, unnest($los) AS lo, unnest($his) AS hi, unnest($signs) AS sign) AS w "
            "ON dyad.date BETWEEN CAST(w.lo AS DATE) AND CAST(w.hi AS DATE) "
            f"QUALIFY row_number() OVER (PARTITION BY w.id ORDER BY {order}, event_id) <= $k "
            f"ORDER BY w.id, {order}, event_id"
        )
        return self.query(
            body,
            ids=[int(i) for i in windows["id"]],
            los=[_iso(d) for d in windows["lo"]],
            his=[_iso(d) for d in windows["hi"]],
            signs=[float(s) for s in windows["sign"]],
            k=k,
        )


def _iso(value: object) -> str:
    return pd.Timestamp(value).date().isoformat()


def as_dyad(source: Source | Dyad, a: str | None, b: str | None, freq: str, start: str | None, end: str | None) -> Dyad:
    """The Dyad for a method call: passed through when given, else built from the arguments."""
    if isinstance(source, Dyad):
        return source
    if a is None or b is None:
        raise ValueError("give the two country codes a and b (or pass a Dyad)")
    return Dyad(source, a, b, freq, start, end)

