r"""Reciprocity and asymmetry: who initiates, and how quickly and in kind each side answers.

Initiative
    Dyad events are grouped into *exchanges*: runs of activity separated by at least
    ``quiet_days`` days without any event in either direction. The initiator of an
    exchange is the side whose events open it, on its first day; when both sides act on
    that day it counts as joint. ``a_share`` is simply the share of events sent by A.

Response (lagged cross-correlation)
    With :math:`x_t` the A->B series and :math:`y_t` the B->A series (Goldstein sum per
    period by default, so cooperation answered by cooperation correlates positively),

    .. math:: r(k) = \mathrm{corr}(x_t, y_{t+k}), \qquad k = -K..K,

    over the periods where both are observed (gaps excluded pairwise). :math:`k > 0`:
    B follows A by :math:`k` periods; :math:`k < 0`: A follows B. B's response lag is the
    :math:`k \in [0, K]` maximising :math:`r(k)`, A's the :math:`k \in [-K, 0]`; a positive
    :math:`r` is a response in kind. Under independence :math:`|r(k)|` exceeds
    :math:`1.96/\sqrt{n_k}` with probability about 5% (Bartlett's bound for white noise),
    which is reported per lag as ``significant``.

Asymmetry
    The difference of the directed cooperation indices :math:`I_{A\to B} - I_{B\to A}`
    over the whole period (pooled weights, :mod:`.index`): positive when A treats B
    better than B treats A.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bilateral.dynamics.index import coop_index
from bilateral.dynamics.results import Result
from bilateral.dynamics.series import directed, dyad_series
from bilateral.dynamics.source import Dyad, Source, as_dyad


@dataclass(frozen=True, eq=False)
class Reciprocity(Result):
    """Who starts exchanges, who answers whom and how fast, and who gives more."""

    a: str
    b: str
    a_events: int
    b_events: int
    a_share: float  # share of dyad events sent by A
    a_initiations: int
    b_initiations: int
    joint_initiations: int
    asymmetry: float  # I(A->B) - I(B->A)
    b_response_lag: int | None  # periods by which B follows A (best lag >= 0)
    b_response_corr: float | None
    a_response_lag: int | None  # periods by which A follows B (best lag >= 0)
    a_response_corr: float | None
    measure: str = "goldstein_sum"
    ccf: pd.DataFrame = field(default_factory=pd.DataFrame)  # lag, corr, n, bound, significant
    evidence_event_ids: list[str] = field(default_factory=list)  # opening events of recent exchanges


def cross_correlation(x: pd.Series, y: pd.Series, max_lag: int) -> pd.DataFrame:
    """:math:`r(k) = corr(x_t, y_{t+k})` for k in -max_lag..max_lag, pairwise-complete.

    Returns:
        Columns lag, corr (NaN when fewer than 3 pairs or a constant side), n, bound
        (1.96/sqrt(n)), significant (|corr| > bound).
    """
    rows = []
    for k in range(-max_lag, max_lag + 1):
        pair = pd.concat([x.reset_index(drop=True), y.shift(-k).reset_index(drop=True)], axis=1).dropna()
        n = len(pair)
        corr = np.nan
        if n >= 3 and pair.iloc[:, 0].std() > 0 and pair.iloc[:, 1].std() > 0:
            corr = float(np.corrcoef(pair.iloc[:, 0], pair.iloc[:, 1])[0, 1])
        bound = 1.96 / np.sqrt(n) if n else np.nan
        rows.append({"lag": k, "corr": corr, "n": n, "bound": bound, "significant": bool(abs(corr) > bound) if n >= 3 and not np.isnan(corr) else False})
    return pd.DataFrame(rows)


def _best(ccf: pd.DataFrame, lags: pd.Series) -> tuple[int | None, float | None]:
    sel = ccf[lags & ccf["corr"].notna()]
    if sel.empty:
        return None, None
    row = sel.loc[sel["corr"].idxmax()]
    return abs(int(row["lag"])), float(row["corr"])


def exchanges(dyad: Dyad, quiet_days: int) -> pd.DataFrame:
    """The exchanges of a dyad: first day and initiator (A, B or joint) of each."""
    days = dyad.query(
        "SELECT date, count(*) FILTER (WHERE direction = $ab) AS ab, count(*) FILTER (WHERE direction = $ba) AS ba "
        "FROM dyad GROUP BY date ORDER BY date", ab=dyad.ab, ba=dyad.ba,
    )
    if days.empty:
        return pd.DataFrame(columns=["date", "initiator"])
    dates = pd.to_datetime(days["date"])
    opens = dates.diff().dt.days.fillna(np.inf) >= quiet_days
    first = days[opens.to_numpy()]
    initiator = np.where((first["ab"] > 0) & (first["ba"] > 0), "joint", np.where(first["ab"] > 0, dyad.a, dyad.b))
    return pd.DataFrame({"date": pd.to_datetime(first["date"]).to_numpy(), "initiator": initiator})


def reciprocity(
    source: Source | Dyad,
    a: str | None = None,
    b: str | None = None,
    freq: str = "month",
    start: str | None = None,
    end: str | None = None,
    *,
    max_lag: int = 6,
    quiet_days: int = 14,
    measure: str = "goldstein_sum",
    evidence: int = 5,
) -> Reciprocity:
    """Initiative, lagged response and asymmetry of a pair (see module docstring).

    Args:
        source, a, b, freq, start, end: as for :func:`~.series.dyad_series`.
        max_lag: largest lag K in periods. quiet_days: days without events that end an exchange.
        measure: the directed series correlated (a column of the series frame).
        evidence: opening events cited, from the most recent exchanges.
    """
    dyad = as_dyad(source, a, b, freq, start, end)
    series = dyad_series(dyad)
    ab, ba = directed(series, dyad.ab), directed(series, dyad.ba)
    x = ab[measure].astype(float).where(ab["covered"])
    y = ba[measure].astype(float).where(ba["covered"])
    ccf = cross_correlation(x, y, max_lag)
    b_lag, b_corr = _best(ccf, ccf["lag"] >= 0)
    a_lag, a_corr = _best(ccf, ccf["lag"] <= 0)
    ex = exchanges(dyad, quiet_days)
    n_ab, n_ba = int(ab["events"].fillna(0).sum()), int(ba["events"].fillna(0).sum())
    asym = coop_index(ab["coop_weight"].sum(), ab["conflict_weight"].sum()) - coop_index(ba["coop_weight"].sum(), ba["conflict_weight"].sum())
    return Reciprocity(
        a=dyad.a, b=dyad.b, a_events=n_ab, b_events=n_ba,
        a_share=n_ab / (n_ab + n_ba) if n_ab + n_ba else float("nan"),
        a_initiations=int((ex["initiator"] == dyad.a).sum()),
        b_initiations=int((ex["initiator"] == dyad.b).sum()),
        joint_initiations=int((ex["initiator"] == "joint").sum()),
        asymmetry=float(asym), b_response_lag=b_lag, b_response_corr=b_corr,
        a_response_lag=a_lag, a_response_corr=a_corr, measure=measure, ccf=ccf,
        evidence_event_ids=_opening_events(dyad, ex, evidence),
    )


def _opening_events(dyad: Dyad, ex: pd.DataFrame, k: int) -> list[str]:
    """The best-sourced opening event of each of the k most recent exchanges."""
    recent = ex.tail(k).reset_index(drop=True)
    if recent.empty or k <= 0:
        return []
    windows = pd.DataFrame({"id": recent.index, "lo": recent["date"], "hi": recent["date"], "sign": 1.0})
    top = dyad.top_events(windows, 1)
    return [str(e) for e in top.sort_values("window_id")["event_id"]]
