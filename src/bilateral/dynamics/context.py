r"""Regional context: third countries that both sides of a dyad deal with in the same period.

Ties
    For every country :math:`C \notin \{A, B\}` with events to or from both A and B in the
    period, the tie A–C pools the events in both directions between A and C (likewise
    B–C). Each tie has an event count :math:`n`, a mean Goldstein weight and the
    cooperation index :math:`I = (C - K)/(C + K)` of :mod:`.index`.

Roles (threshold :math:`\tau = 0.15`, the "cool" band of :mod:`.phases`)
    ``broker``            C mediates (CAMEO 039 intent to mediate, 045 mediate) with A or B
                          and neither tie is conflictual (:math:`I \ge -\tau` for both);
    ``shared_adversary``  :math:`I_{AC} < -\tau` and :math:`I_{BC} < -\tau`;
    ``shared_partner``    :math:`I_{AC} > \tau` and :math:`I_{BC} > \tau`;
    ``divided``           one tie above :math:`\tau`, the other below :math:`-\tau`: C sides
                          with one against the other (how "isolation from the West" shows);
    ``neutral``           anything else.

Ranking
    ``score`` :math:`= \sqrt{n_{AC}\, n_{BC}}`, the geometric mean of C's engagement with each
    side: high only when C deals with both. Ties are broken by country code.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bilateral.dynamics.index import coop_index
from bilateral.dynamics.results import Result
from bilateral.dynamics.source import Dyad, Source, as_dyad

ROLES = ("shared_adversary", "shared_partner", "broker", "divided", "neutral")
TAU = 0.15
MEDIATION_CODES = ("039", "045")

# Events between one side (A or B) and a third country, with the side and C named.
_THIRD_SQL = """
, third AS (
  SELECT *, CASE WHEN source_country IN ($a, $b) THEN source_country ELSE target_country END AS side,
         CASE WHEN source_country IN ($a, $b) THEN target_country ELSE source_country END AS country,
         coalesce(num_sources, num_articles, 1) AS sources
  FROM events
  WHERE ((source_country IN ($a, $b)) <> (target_country IN ($a, $b)))
    AND source_country IS NOT NULL AND target_country IS NOT NULL AND source_country <> target_country
    AND date IS NOT NULL AND NOT coalesce(negated, false)
    AND ($start IS NULL OR date >= CAST($start AS DATE)) AND ($end IS NULL OR date <= CAST($end AS DATE)))
"""


@dataclass(frozen=True, eq=False)
class ContextActor(Result):
    """A third country and its role between A and B, with both ties measured."""

    country: str
    role: str
    score: float
    a_goldstein: float  # mean Goldstein of A–C events
    b_goldstein: float
    events: int  # A–C plus B–C events
    a_events: int = 0
    b_events: int = 0
    a_index: float = float("nan")
    b_index: float = float("nan")
    mediations: int = 0
    evidence_event_ids: list[str] = field(default_factory=list)


def role_for(a_index: float, b_index: float, mediations: int, tau: float = TAU) -> str:
    """The role of C from its two tie indices and its mediation count (module docstring)."""
    if mediations > 0 and a_index >= -tau and b_index >= -tau:
        return "broker"
    if a_index < -tau and b_index < -tau:
        return "shared_adversary"
    if a_index > tau and b_index > tau:
        return "shared_partner"
    if max(a_index, b_index) > tau and min(a_index, b_index) < -tau:
        return "divided"
    return "neutral"


def context(
    source: Source | Dyad,
    a: str | None = None,
    b: str | None = None,
    freq: str = "month",
    start: str | None = None,
    end: str | None = None,
    *,
    min_events: int = 1,
    top: int | None = 20,
    evidence: int = 3,
) -> list[ContextActor]:
    """Third countries dealing with both A and B, ranked by score, with their roles.

    Args:
        source, a, b, freq, start, end: as for :func:`~.series.dyad_series`.
        min_events: the fewest events C needs with each side to be listed.
        top: keep the best ``top`` (None for all). evidence: events cited per tie side.
    """
    dyad = as_dyad(source, a, b, freq, start, end)
    ties = _ties(dyad, min_events)
    if ties.empty:
        return []
    ties = ties.head(top) if top else ties
    cited = _evidence(dyad, list(ties["country"]), evidence)
    return [_actor(row, cited.get(row["country"], [])) for row in ties.to_dict("records")]


def _ties(dyad: Dyad, min_events: int) -> pd.DataFrame:
    med = ", ".join(f"'{c}'" for c in MEDIATION_CODES)
    body = (
        f"{_THIRD_SQL} SELECT country, side, count(*) AS n, avg(goldstein) AS g_mean, "
        "coalesce(sum(goldstein) FILTER (WHERE goldstein > 0), 0) AS cw, "
        "coalesce(-sum(goldstein) FILTER (WHERE goldstein < 0), 0) AS kw, "
        f"count(*) FILTER (WHERE source_country = country AND left(cameo, 3) IN ({med})) AS mediations "
        "FROM third GROUP BY ALL"
    )
    per_side = dyad.query(body)
    wide = per_side.pivot(index="country", columns="side")
    if dyad.a not in per_side["side"].values or dyad.b not in per_side["side"].values:
        return pd.DataFrame()
    wide = wide[(wide[("n", dyad.a)] >= min_events) & (wide[("n", dyad.b)] >= min_events)]
    frame = pd.DataFrame({
        "country": wide.index,
        "a_events": wide[("n", dyad.a)].astype(int).to_numpy(),
        "b_events": wide[("n", dyad.b)].astype(int).to_numpy(),
        "a_goldstein": wide[("g_mean", dyad.a)].to_numpy(dtype=float),
        "b_goldstein": wide[("g_mean", dyad.b)].to_numpy(dtype=float),
        "a_index": coop_index(wide[("cw", dyad.a)].to_numpy(dtype=float), wide[("kw", dyad.a)].to_numpy(dtype=float)),
        "b_index": coop_index(wide[("cw", dyad.b)].to_numpy(dtype=float), wide[("kw", dyad.b)].to_numpy(dtype=float)),
        "mediations": (wide[("mediations", dyad.a)] + wide[("mediations", dyad.b)]).astype(int).to_numpy(),
    })
    frame["score"] = np.sqrt(frame["a_events"] * frame["b_events"])
    return frame.sort_values(["score", "country"], ascending=[False, True], ignore_index=True)


def _actor(row: dict, cited: list[str]) -> ContextActor:
    a_idx = float(row["a_index"]) if not np.isnan(row["a_index"]) else 0.0
    b_idx = float(row["b_index"]) if not np.isnan(row["b_index"]) else 0.0
    return ContextActor(
        country=row["country"], role=role_for(a_idx, b_idx, int(row["mediations"])),
        score=float(row["score"]), a_goldstein=float(row["a_goldstein"]),
        b_goldstein=float(row["b_goldstein"]), events=int(row["a_events"] + row["b_events"]),
        a_events=int(row["a_events"]), b_events=int(row["b_events"]),
        a_index=float(row["a_index"]), b_index=float(row["b_index"]),
        mediations=int(row["mediations"]), evidence_event_ids=cited,
    )


def _evidence(dyad: Dyad, countries: list[str], k: int) -> dict[str, list[str]]:
    """Per country, the k largest-|Goldstein| best-sourced events of each tie (A–C first)."""
    if k <= 0 or not countries:
        return {}
    order = "abs(goldstein) DESC NULLS LAST, sources DESC, event_id"
    body = (
        f"{_THIRD_SQL} SELECT country, side, event_id FROM third WHERE country IN (SELECT unnest($cs)) "
        f"QUALIFY row_number() OVER (PARTITION BY country, side ORDER BY {order}) <= $k "
        f"ORDER BY country, side = $a DESC, {order}"
    )
    top = dyad.query(body, cs=countries, k=k)
    return {c: list(g["event_id"]) for c, g in top.groupby("country", sort=False)}


def context_series(source: Source | Dyad, countries: list[str], a: str | None = None, b: str | None = None, freq: str = "month", start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Per period, third country and side: events, Goldstein sum and the tie's index.

    Returns:
        Columns period, country, side (A's or B's code), events, goldstein_sum, coop_index;
        periods without events between C and that side are absent (not zero).
    """
    dyad = as_dyad(source, a, b, freq, start, end)
    if not countries:
        return pd.DataFrame(columns=["period", "country", "side", "events", "goldstein_sum", "coop_index"])
    body = (
        f"{_THIRD_SQL} SELECT {dyad.trunc()} AS period, country, side, count(*) AS events, sum(goldstein) AS goldstein_sum, "
        "coalesce(sum(goldstein) FILTER (WHERE goldstein > 0), 0) AS cw, coalesce(-sum(goldstein) FILTER (WHERE goldstein < 0), 0) AS kw "
        "FROM third WHERE country IN (SELECT unnest($cs)) GROUP BY ALL ORDER BY country, side, period"
    )
    frame = dyad.query(body, cs=list(countries))
    frame["period"] = pd.to_datetime(frame["period"]).astype("datetime64[ns]")
    frame["coop_index"] = coop_index(frame.pop("cw"), frame.pop("kw"))
    return frame
