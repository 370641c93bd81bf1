r"""Outlook: a short-horizon forecast of the cooperation index with a back-tested error.

Models (chosen by name, fitted by maximum likelihood with statsmodels' state-space code)
    ``local_level`` (default; Durbin & Koopman 2012, ch. 2): the index is a random-walk
    level observed with noise,

    .. math:: y_t = \mu_t + \varepsilon_t,\quad \mu_{t+1} = \mu_t + \eta_t,\quad
              \varepsilon_t \sim N(0, \sigma^2_\varepsilon),\ \eta_t \sim N(0, \sigma^2_\eta).

    Its forecast is the filtered level, flat over the horizon, with a variance growing by
    :math:`\sigma^2_\eta` per step. ``arima``: ARIMA(1, 0, 0) with a constant, a series
    that reverts to its mean at rate :math:`\phi`. Both are fitted on the combined period
    index :math:`I_t` (:mod:`.index`) with undefined periods as missing observations,
    which the Kalman filter skips (no imputation). The interval is the Gaussian
    prediction interval at ``level`` (default 90%), clipped to the index's range [-1, 1].

Back-test (rolling origin; Tashman 2000)
    For every origin :math:`t` from ``min_train`` to :math:`n - h` (the last ``max_origins``
    of them), the model forecasts :math:`h` steps from :math:`y_{1..t}`; the error is
    :math:`|\hat y_{t+j} - y_{t+j}|` for :math:`j = 1..h` where :math:`y_{t+j}` is observed.
    ``backtest_mae`` averages all these errors; ``backtest_naive_mae`` does the same for
    the naive forecast :math:`\hat y_{t+j} = y_{t'}`, the last observed value at or before
    :math:`t`. A model worth its name beats the naive MAE.

    :func:`outlook` departs from a strict rolling origin, for speed: the parameters (the
    two variances of the local level; :math:`\phi`, the constant and the variance of the
    ARIMA) are estimated once, on the whole series, and kept fixed; at each origin the
    Kalman filter runs over :math:`y_{1..t}` only, so the level a forecast starts from
    never sees a later observation. The parameters do see them, which makes the error
    slightly optimistic; with a few hundred periods the refitted forecasts differ from
    these by about 0.001 on the index. Refitting at every origin took ~25 maximum-likelihood
    fits, most of a report's analysis time. :func:`backtest` without ``params`` still
    refits at every origin.

References
    Durbin, J., Koopman, S. J. (2012). Time Series Analysis by State Space Methods, 2nd ed.
    Tashman, L. J. (2000). Out-of-sample tests of forecasting accuracy. IJF 16(4), 437-450.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bilateral.dynamics.results import Result
from bilateral.dynamics.series import combined, dyad_series
from bilateral.dynamics.source import Dyad, Source, as_dyad

def _local_level(y: np.ndarray):
    from statsmodels.tsa.statespace.structural import UnobservedComponents  # imported on use: slow to load

    return UnobservedComponents(y, level="local level")


def _arima(y: np.ndarray):
    from statsmodels.tsa.arima.model import ARIMA

    return ARIMA(y, order=(1, 0, 0), trend="c")


MODELS = {"local_level": _local_level, "arima": _arima}


@dataclass(frozen=True, eq=False)
class Outlook(Result):
    """Forecast of the next periods, its model, and how that model did on the pair's own past."""

    forecast: pd.DataFrame  # period, mean, lower, upper
    model: str
    backtest_mae: float | None
    backtest_naive_mae: float | None
    horizon: int
    level: float = 0.9
    series: str = "coop_index"
    last_period: str | None = None
    last_value: float | None = None
    backtest_origins: int = 0
    backtest: pd.DataFrame = field(default_factory=pd.DataFrame)  # origin, step, actual, forecast, naive
    evidence_event_ids: list[str] = field(default_factory=list)  # best-sourced events of the latest period with events


def fit(y: np.ndarray, model: str = "local_level", start_params: np.ndarray | None = None):
    """The fitted statsmodels results of ``model`` on ``y`` (NaN = missing)."""
    if model not in MODELS:
        raise ValueError(f"unknown outlook model {model!r}; use one of {', '.join(MODELS)}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter on short series; the back-test judges the fit
        options = {"disp": False} if model == "local_level" else {}  # ARIMA.fit takes no disp
        return MODELS[model](np.asarray(y, dtype=float)).fit(start_params=start_params, cov_type="none", **options)


def fit_forecast(y: np.ndarray, horizon: int, model: str = "local_level", level: float = 0.9) -> pd.DataFrame:
    """Fit ``model`` to ``y`` (NaN = missing) and forecast ``horizon`` steps.

    Returns:
        Columns step (1..horizon), mean, lower, upper; unclipped.
    """
    return _forecast(fit(y, model), horizon, level)


def _forecast(result, horizon: int, level: float) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pred = result.get_forecast(horizon)
        interval = np.asarray(pred.conf_int(alpha=1 - level))
    return pd.DataFrame({
        "step": np.arange(1, horizon + 1),
        "mean": np.asarray(pred.predicted_mean, dtype=float),
        "lower": interval[:, 0],
        "upper": interval[:, 1],
    })


def backtest(y: np.ndarray, horizon: int, model: str = "local_level", min_train: int = 12, max_origins: int = 24,
             start_params: np.ndarray | None = None, params: np.ndarray | None = None) -> pd.DataFrame:
    """Rolling-origin forecasts and naive forecasts against what happened (module docstring).

    Without ``params`` each origin's model is refitted on its own past only; the optimiser
    merely starts from ``start_params`` (e.g. the full-series estimates) or the previous
    origin's estimates, which finds the same maximum faster. With ``params`` nothing is
    refitted: one Kalman filter over ``y`` with those parameters, and from each origin a
    dynamic prediction that uses no observation after it.

    Returns:
        Columns origin (index of the last training point), step, actual, forecast, naive;
        only steps with an observed actual.
    """
    y = np.asarray(y, dtype=float)
    origins = list(range(min_train, len(y) - horizon + 1))[-max_origins:] if max_origins else []
    origins = [t for t in origins if np.count_nonzero(~np.isnan(y[:t])) >= 3]
    if params is None:
        forecasts = _refitted_forecasts(y, origins, horizon, model, start_params)
    else:
        forecasts = _filtered_forecasts(y, origins, horizon, model, params)
    rows = []
    for t, fc in zip(origins, forecasts):
        seen = y[:t][~np.isnan(y[:t])]
        for j in range(horizon):
            actual = y[t + j]
            if not np.isnan(actual):
                rows.append({"origin": t - 1, "step": j + 1, "actual": actual, "forecast": fc[j], "naive": seen[-1]})
    return pd.DataFrame(rows, columns=["origin", "step", "actual", "forecast", "naive"])


def _refitted_forecasts(y: np.ndarray, origins: list[int], horizon: int, model: str, start_params: np.ndarray | None) -> list[np.ndarray]:
    """Per origin t: the model fitted on y[:t] (warm-started) and its ``horizon`` forecast means."""
    forecasts, params = [], start_params
    for t in origins:
        result = fit(y[:t], model, params)
        params = result.params
        forecasts.append(_forecast(result, horizon, 0.9)["mean"].to_numpy())
    return forecasts


def _filtered_forecasts(y: np.ndarray, origins: list[int], horizon: int, model: str, params: np.ndarray) -> list[np.ndarray]:
    """Per origin t: forecast means from y[:t] with fixed ``params`` (one filter, dynamic predictions)."""
    if not origins:
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        filtered = MODELS[model](y).filter(np.asarray(params, dtype=float))
        return [np.asarray(filtered.get_prediction(start=t, end=t + horizon - 1, dynamic=True).predicted_mean, dtype=float)
                for t in origins]


def mae(frame: pd.DataFrame, column: str) -> float | None:
    """Mean absolute error of a back-test column against ``actual``; None without rows."""
    if frame.empty:
        return None
    return float(np.mean(np.abs(frame[column] - frame["actual"])))


def outlook(
    source: Source | Dyad,
    a: str | None = None,
    b: str | None = None,
    freq: str = "month",
    start: str | None = None,
    end: str | None = None,
    *,
    horizon: int = 3,
    model: str = "local_level",
    level: float = 0.9,
    min_train: int = 12,
    max_origins: int = 24,
) -> Outlook | None:
    """Forecast the combined cooperation index ``horizon`` periods past the end, with a back-test.

    Args:
        source, a, b, freq, start, end: as for :func:`~.series.dyad_series`.
        horizon: periods ahead (3-6 is sensible). model: local_level | arima.
        level: prediction-interval coverage. min_train, max_origins: the back-test's
            shortest training series and number of origins.
    Returns:
        The Outlook, or None when fewer than 4 periods have an index.
    """
    dyad = as_dyad(source, a, b, freq, start, end)
    both = combined(dyad_series(dyad))
    index = both["coop_index"].astype(float)
    observed = index.dropna()
    if len(observed) < 4:
        return None
    y = index.loc[observed.index[0]:]
    full = fit(y.to_numpy(), model)
    fc = _forecast(full, horizon, level)
    future = pd.date_range(y.index[-1], periods=horizon + 1, freq=_offset(dyad.freq))[1:]
    fc.insert(0, "period", future)
    for col in ("mean", "lower", "upper"):
        fc[col] = fc[col].clip(-1.0, 1.0)
    bt = backtest(y.to_numpy(), horizon, model, min_train, max_origins, params=full.params)
    last = observed.index[-1]
    active = both.index[both["events"].fillna(0).to_numpy() > 0][-1]  # the latest period with events
    cited = dyad.top_events(pd.DataFrame({"id": [0], "lo": [active], "hi": [dyad.period_end(active)], "sign": [0.0]}), 5)
    return Outlook(
        forecast=fc.drop(columns="step"), model=model, backtest_mae=mae(bt, "forecast"),
        backtest_naive_mae=mae(bt, "naive"), horizon=horizon, level=level,
        last_period=last.date().isoformat(), last_value=float(observed.iloc[-1]),
        backtest_origins=int(bt["origin"].nunique()) if len(bt) else 0, backtest=bt,
        evidence_event_ids=list(cited["event_id"]),
    )


def _offset(freq: str) -> str:
    return {"day": "D", "week": "W-MON", "month": "MS", "quarter": "QS", "year": "YS"}[freq]
