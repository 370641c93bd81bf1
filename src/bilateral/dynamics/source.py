"""Where a dyad's events come from: a store connection or an events DataFrame, as one object.

Every dynamics method reads through :class:`Dyad`, so a store of a million events is
aggregated inside DuckDB (only per-period totals and cited events reach pandas) and a
small hand-built frame in a test follows exactly the same SQL.
"""
from __future__ import annotations

from typing import Callable

import duckdb
import pandas as pd

from bilateral.dynamics.dyad import PENTA_NAMES, QUAD_NAMES, check_freq
from bilateral.model import EVENT_COLUMNS

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

# One scan for the series, the coverage and the default bounds: per period, the dyad's two
# directions and everything else involving A or B ("other"), with who is involved.
_TOTALS_SQL = """
SELECT {period} AS period,
       CASE WHEN source_country = $a AND target_country = $b THEN 'ab'
            WHEN source_country = $b AND target_country = $a THEN 'ba' ELSE 'other' END AS kind,
       coalesce(source_country = $a OR target_country = $a, false) AS involves_a,
       coalesce(source_country = $b OR target_country = $b, false) AS involves_b,
       count(*) AS events, {classes},
       count(goldstein) AS goldstein_n, coalesce(sum(goldstein), 0) AS goldstein_sum,
       coalesce(sum(goldstein) FILTER (WHERE goldstein > 0), 0) AS coop_weight,
       coalesce(-sum(goldstein) FILTER (WHERE goldstein < 0), 0) AS conflict_weight,
       CAST(min(date) AS VARCHAR) AS first_date, CAST(max(date) AS VARCHAR) AS last_date
FROM events
WHERE (source_country IN ($a, $b) OR target_country IN ($a, $b)) AND date IS NOT NULL AND NOT coalesce(negated, false)
  AND ($start IS NULL OR date >= CAST($start AS DATE)) AND ($end IS NULL OR date <= CAST($end AS DATE))
GROUP BY ALL
"""
_CLASS_COUNTS = ", ".join(
    [f"count(*) FILTER (WHERE quad_class = {q}) AS {n}" for q, n in QUAD_NAMES.items()]
    + [f"count(*) FILTER (WHERE penta_class = {p}) AS {n}" for p, n in PENTA_NAMES.items()]
)

EVIDENCE_COLUMNS = "event_id, date, direction, source, target, cameo, goldstein, sources, sentence, title, url"
# The evidence ranking as one integer (larger first), so DuckDB's max_by can pick the top k
# without sorting: Goldstein times the window's sign (to 0.1), then number of sources, then
# |Goldstein|, then a hash of the id so that ties resolve the same way every time.
EVIDENCE_RANK = (
    "((CAST(round((coalesce(w.sign * goldstein, -100) + 100) * 10) AS BIGINT) * 100000 + least(sources, 99999)) * 1000"
    " + CAST(round(abs(coalesce(goldstein, 0)) * 10) AS BIGINT)) * 1000 + CAST(hash(event_id) % 1000 AS BIGINT)"
)

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
        self.start, self.end = start, end
        totals = self.totals()
        dyadic = totals[totals["kind"] != "other"]
        first = dyadic["first_date"].min() if len(dyadic) else None
        last = dyadic["last_date"].max() if len(dyadic) else None
        # by default whole periods, so the first and last periods' coverage is complete
        self.start = start or (self.period_start(first) if first else None)
        self.end = end or (self.period_end(pd.Timestamp(last)).date().isoformat() if last else None)

    @property
    def ab(self) -> str:
        return f"{self.a}->{self.b}"

    @property
    def ba(self) -> str:
        return f"{self.b}->{self.a}"

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

    def totals(self) -> pd.DataFrame:
        """Per period and kind (ab, ba, other) and involvement of A and B: counts and weights (one scan).

        Computed once, with the bounds given to the constructor; later readers keep only
        the periods of the grid.
        """
        def compute() -> pd.DataFrame:
            sql = _TOTALS_SQL.format(period=self.trunc(), classes=_CLASS_COUNTS)
            frame = self.con.execute(sql, self.params()).df()
            frame["period"] = pd.to_datetime(frame["period"]).astype("datetime64[ns]")
            return frame
        return self.cached("totals", compute)

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
            totals = self.totals()
            grouped = pd.DataFrame({
                "coverage_a": totals["events"].where(totals["involves_a"], 0),
                "coverage_b": totals["events"].where(totals["involves_b"], 0),
                "coverage": totals["events"],
                "period": totals["period"],
            }).groupby("period").sum()
            return grouped.reindex(self.grid(), fill_value=0).astype("int64")
        return self.cached("coverage", compute)

    def top_events(self, windows: pd.DataFrame, k: int = 5, where: str = "TRUE", by: str | None = None) -> pd.DataFrame:
        """The ``k`` most telling events inside each window, ranked by ``EVIDENCE_RANK``.

        One aggregation (DuckDB's ``max_by`` with a count, no sort of the whole dyad)
        picks the ids; a second query reads their evidence columns.

        Args:
            windows: columns ``id``, ``lo``, ``hi`` (dates, inclusive) and ``sign``: +1 ranks
                the most cooperative first, -1 the most conflictual, 0 ignores the sign.
            k: events per window (and per group of ``by``).
            where: an SQL condition on the dyad's columns restricting the candidates.
            by: an SQL expression over the dyad's columns splitting each window into groups,
                returned as column ``group``.
        Returns:
            ``window_id``, ``group`` (None without ``by``), ``rank`` (1 = first) and the
            evidence columns, sorted by window, group and rank.
        """
        columns = ["window_id", "group", "rank", *EVIDENCE_COLUMNS.split(", ")]
        if windows.empty or k <= 0:
            return pd.DataFrame(columns=columns)
        group = by or "NULL"
        picked = self.query(
            f"SELECT w.id AS window_id, {group} AS grp, max_by(event_id, {EVIDENCE_RANK}, $k) AS ids FROM dyad JOIN "
            "(SELECT unnest($ids) AS id, unnest($los) AS lo, unnest($his) AS hi, unnest($signs) AS sign) AS w "
            f"ON dyad.date BETWEEN CAST(w.lo AS DATE) AND CAST(w.hi AS DATE) WHERE {where} GROUP BY ALL",
            ids=[int(i) for i in windows["id"]],
            los=[_iso(d) for d in windows["lo"]],
            his=[_iso(d) for d in windows["hi"]],
            signs=[float(s) for s in windows["sign"]],
            k=k,
        )
        ranked = picked.rename(columns={"grp": "group"}).explode("ids").dropna(subset=["ids"]).rename(columns={"ids": "event_id"})
        if ranked.empty:
            return pd.DataFrame(columns=columns)
        ranked["rank"] = ranked.groupby(["window_id", "group"], dropna=False).cumcount() + 1
        rows = self.events_by_id(list(ranked["event_id"].unique()))
        merged = ranked.merge(rows, on="event_id", how="inner")
        return merged.sort_values(["window_id", "group", "rank"], ignore_index=True)[columns]

    def events_by_id(self, ids: list[str]) -> pd.DataFrame:
        """The evidence columns of the dyad's events with these ids (one row per id)."""
        # straight from the table: the dyad's filter over every row costs more than the lookup
        sql = (
            "SELECT event_id, date, CASE WHEN source_country = $a THEN $a || '->' || $b ELSE $b || '->' || $a END AS direction, "
            "source, target, cameo, goldstein, coalesce(num_sources, num_articles, 1) AS sources, sentence, title, url "
            "FROM events WHERE event_id IN (SELECT unnest($chosen))"
        )
        rows = self.con.execute(sql, {"a": self.a, "b": self.b, "chosen": list(ids)}).df()
        return rows.drop_duplicates("event_id")


def _iso(value: object) -> str:
    return pd.Timestamp(value).date().isoformat()


def as_dyad(source: Source | Dyad, a: str | None, b: str | None, freq: str, start: str | None, end: str | None) -> Dyad:
    """The Dyad for a method call: passed through when given, else built from the arguments."""
    if isinstance(source, Dyad):
        return source
    if a is None or b is None:
        raise ValueError("give the two country codes a and b (or pass a Dyad)")
    return Dyad(source, a, b, freq, start, end)

