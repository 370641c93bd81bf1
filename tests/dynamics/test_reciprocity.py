"""Reciprocity: a lagged response recovered, initiators of exchanges, asymmetry, the cross-correlation."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bilateral.dynamics.reciprocity import cross_correlation, reciprocity
from tests.dynamics.conftest import make_events


def lagged_response(lag: int, months: int = 60, seed: int = 1) -> pd.DataFrame:
    """AAA acts at random each month; BBB answers in kind ``lag`` months later."""
    rng = np.random.default_rng(seed)
    rows = []
    for m in range(months):
        day = pd.Timestamp("2010-01-01") + pd.DateOffset(months=m)
        for code in rng.choice(["042", "061", "112", "190"], size=rng.integers(1, 6)):
            rows.append((day + pd.Timedelta(days=2), "AAA", "BBB", code))
            answer = day + pd.DateOffset(months=lag) + pd.Timedelta(days=20)
            if m + lag < months:
                rows.append((answer, "BBB", "AAA", code))
    return make_events([(d.date().isoformat(), *rest) for d, *rest in rows])


@pytest.mark.parametrize("lag", [1, 2, 3])
def test_reciprocity_recovers_the_response_lag(lag):
    result = reciprocity(lagged_response(lag), "AAA", "BBB", max_lag=5)
    assert result.b_response_lag == lag
    assert result.b_response_corr > 0.95
    assert result.ccf.set_index("lag").loc[lag, "significant"]


def test_reciprocity_cross_correlation_matches_numpy():
    rng = np.random.default_rng(2)
    x, y = pd.Series(rng.normal(size=40)), pd.Series(rng.normal(size=40))
    ccf = cross_correlation(x, y, 2).set_index("lag")
    assert ccf.loc[0, "corr"] == pytest.approx(np.corrcoef(x, y)[0, 1])
    assert ccf.loc[1, "corr"] == pytest.approx(np.corrcoef(x[:-1], y[1:])[0, 1])
    assert ccf.loc[-2, "corr"] == pytest.approx(np.corrcoef(x[2:], y[:-2])[0, 1])
    assert ccf.loc[1, "n"] == 39 and ccf.loc[1, "bound"] == pytest.approx(1.96 / np.sqrt(39))


def test_reciprocity_initiators_and_asymmetry():
    frame = make_events([
        ("2020-01-01", "AAA", "BBB", "042"), ("2020-01-03", "BBB", "AAA", "042"),   # AAA opens
        ("2020-03-01", "BBB", "AAA", "112"), ("2020-03-02", "AAA", "BBB", "111"),   # BBB opens
        ("2020-05-01", "BBB", "AAA", "190"),                                        # BBB opens
        ("2020-07-01", "AAA", "BBB", "036"), ("2020-07-01", "BBB", "AAA", "036"),   # joint
    ])
    result = reciprocity(frame, "AAA", "BBB", quiet_days=14)
    assert (result.a_initiations, result.b_initiations, result.joint_initiations) == (1, 2, 1)
    assert (result.a_events, result.b_events) == (3, 4) and result.a_share == pytest.approx(3 / 7)
    a_index = (1.9 + 4.0 - 2.0) / (1.9 + 4.0 + 2.0 + 10)
    b_index = (1.9 + 4.0 - 2.0 - 10.0) / (1.9 + 4.0 + 2.0 + 10.0 + 10)
    assert result.asymmetry == pytest.approx(a_index - b_index, abs=1e-4)
    assert len(result.evidence_event_ids) == 4
