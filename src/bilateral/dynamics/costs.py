r"""CostWeightedL2 (``wl2``): the quadratic cost for a mean shift in heteroscedastic data.

Model
    Observations :math:`y_t` with known relative precisions :math:`w_t > 0`:
    :math:`y_t = \mu_{seg(t)} + \varepsilon_t`, :math:`\varepsilon_t \sim N(0, \sigma^2 / w_t)`.
    The cost of a segment is its weighted residual sum of squares around the weighted mean,

    .. math:: c(y_{s..e}) = \sum_{t=s}^{e-1} w_t (y_t - \bar y^{w}_{s..e})^2
                         = \sum w_t y_t^2 - \frac{(\sum w_t y_t)^2}{\sum w_t},

    i.e. twice the negative Gaussian log-likelihood up to constants and :math:`\sigma^2`.
    With :math:`w_t = 1` it is ruptures' ``l2``. Cumulative sums make each evaluation
    :math:`O(1)`. A period's cooperation index rests on more or fewer events, so its
    variance differs from period to period; weighting by its Goldstein mass keeps a month
    with one mild event from cutting a segment that a month with a hundred would not.

This is a cost for ruptures' own search methods (Pelt, Binseg, BottomUp), written to the
``ruptures.base.BaseCost`` interface as ruptures documents for custom costs; the signal
passed to ``fit`` has two columns, the values and their weights.

Reference
    Truong, C., Oudre, L., Vayatis, N. (2020). Selective review of offline change point
    detection methods. Signal Processing 167, 107299 (section on parametric costs).
"""
from __future__ import annotations

import numpy as np
from ruptures.base import BaseCost


class CostWeightedL2(BaseCost):
    """Weighted quadratic cost; ``fit`` takes an (n, 2) array of values and weights."""

    model = "wl2"
    min_size = 1

    def fit(self, signal: np.ndarray) -> "CostWeightedL2":
        signal = np.asarray(signal, dtype=float)
        if signal.ndim != 2 or signal.shape[1] != 2:
            raise ValueError("CostWeightedL2 needs an (n, 2) signal: values in column 0, weights in column 1")
        if np.any(signal[:, 1] <= 0):
            raise ValueError("CostWeightedL2 weights must be positive")
        self.signal = signal
        y, w = signal[:, 0], signal[:, 1]
        zero = np.zeros(1)
        self._w = np.concatenate([zero, np.cumsum(w)])
        self._wy = np.concatenate([zero, np.cumsum(w * y)])
        self._wyy = np.concatenate([zero, np.cumsum(w * y * y)])
        return self

    def error(self, start: int, end: int) -> float:
        """Weighted residual sum of squares of ``signal[start:end]``."""
        weight = self._w[end] - self._w[start]
        total = self._wy[end] - self._wy[start]
        return float(self._wyy[end] - self._wyy[start] - total * total / weight)

