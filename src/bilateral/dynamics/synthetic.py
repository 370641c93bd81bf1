"""Seeded synthetic dyad events with known levels and breaks, for tests, benchmarks and demos.

Each segment has a target cooperation index :math:`L` and an event rate. An event
cooperates with probability

.. math:: p = \\frac{\\mu_-(1 + L)}{\\mu_+(1 - L) + \\mu_-(1 + L)},

where :math:`\\mu_+` and :math:`\\mu_-` are the mean absolute Goldstein weights of the
cooperative and conflictual code pools; then :math:`E[C]/(E[C] + E[K]) = (1 + L)/2`,
so the expected index of every period in the segment is :math:`L`.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from bilateral.ontology.cameo import lookup

# Code pools spanning the dimensions (diplomatic, economic, military, legal, humanitarian).
COOP_CODES = ("036", "042", "057", "061", "062", "063", "071", "073", "0311", "051")
CONFLICT_CODES = ("111", "130", "138", "163", "173", "190", "195", "1621")
_FREQ = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}


def coop_probability(level: float, coop_codes: Sequence[str] = COOP_CODES, conflict_codes: Sequence[str] = CONFLICT_CODES) -> float:
    """The probability of a cooperative event that gives expected index ``level``."""
    mu_pos = np.mean([lookup(c).goldstein_gdelt for c in coop_codes])
    mu_neg = -np.mean([lookup(c).goldstein_gdelt for c in conflict_codes])
    return float(mu_neg * (1 + level) / (mu_pos * (1 - level) + mu_neg * (1 + level)))


def simulate_dyad(
    a: str,
    b: str,
    levels: Sequence[float],
    lengths: Sequence[int],
    rates: Sequence[float] | float = 40.0,
    freq: str = "month",
    start: str = "2000-01-01",
    seed: int = 0,
    a_share: float = 0.5,
) -> pd.DataFrame:
    """Events between ``a`` and ``b`` in segments of known index level and event rate.

    Args:
        a, b: country codes. levels: target index per segment, in (-1, 1).
        lengths: periods per segment. rates: mean events per period (Poisson), one per
            segment or one for all. freq: the period unit. start: first day.
        seed: the random seed. a_share: probability an event goes from a to b.
    Returns:
        A DataFrame with the store's event columns (event_id, date, source/target
        country and actor, cameo, root, quad and penta class, goldstein, num_sources).
    """
    rng = np.random.default_rng(seed)
    rates = np.broadcast_to(np.asarray(rates, dtype=float), (len(levels),))
    periods = pd.period_range(start, periods=int(sum(lengths)), freq=_FREQ[freq])
    per_period_level = np.repeat(np.asarray(levels, dtype=float), lengths)
    counts = rng.poisson(np.repeat(rates, lengths))
    first = periods.start_time.to_numpy().astype("datetime64[D]")
    days = (periods.end_time.normalize().to_numpy().astype("datetime64[D]") - first).astype(int) + 1
    idx = np.repeat(np.arange(len(periods)), counts)
    dates = first[idx] + (rng.random(idx.size) * days[idx]).astype(int)
    coop = rng.random(idx.size) < np.vectorize(coop_probability)(per_period_level)[idx]
    codes = np.where(coop, rng.choice(COOP_CODES, idx.size), rng.choice(CONFLICT_CODES, idx.size))
    forward = rng.random(idx.size) < a_share
    return _frame(a, b, dates, codes, forward, rng, seed)


def _frame(a: str, b: str, dates: np.ndarray, codes: np.ndarray, forward: np.ndarray, rng: np.random.Generator, seed: int) -> pd.DataFrame:
    table = {c: lookup(c) for c in set(codes.tolist())}
    src = np.where(forward, a, b)
    tgt = np.where(forward, b, a)
    frame = pd.DataFrame({
        "event_id": [f"syn{seed}-{i}" for i in range(codes.size)],
        "date": dates,
        "source": np.char.add(src.astype(str), "GOV"),
        "target": np.char.add(tgt.astype(str), "GOV"),
        "source_country": src,
        "target_country": tgt,
        "cameo": codes,
        "root": [table[c].root for c in codes],
        "quad_class": [table[c].quad_class for c in codes],
        "penta_class": [table[c].penta_class for c in codes],
        "goldstein": [table[c].goldstein_gdelt for c in codes],
        "num_sources": rng.integers(1, 20, codes.size),
        "origin": "synthetic.v1",
    })
    return frame.sort_values(["date", "event_id"], ignore_index=True)
