r"""Words versus deeds: how much of each side's cooperation (and conflict) is talk.

Classes
    Words of cooperation are quad class 1 events other than neutral public statements
    (CAMEO root 01, penta class 0, which promise nothing): appeals, intentions,
    consultations, diplomatic support. Deeds of cooperation are quad class 2 (material
    cooperation, aid, concessions). Words of conflict are quad class 3 (demands,
    disapproval, rejections, threats, protests), deeds of conflict quad class 4.

Gaps
    Per side (direction) and phase, with :math:`w` and :math:`d` the counts of words and
    deeds,

    .. math:: \mathrm{gap} = \frac{w - d}{w + d} \in [-1, 1],

    computed separately for cooperation (``coop_gap``) and conflict (``conflict_gap``).
    A coop_gap near 1 is a partner that says far more than it does; near -1 one that acts
    without announcing. NaN when the side has neither words nor deeds of that kind.

Evidence
    For each row the highest-Goldstein words and deeds of cooperation (``words_event_ids``,
    ``deeds_event_ids``), so the claim "says more than it does" can be read in sentences.
"""
from __future__ import annotations

import pandas as pd

from bilateral.dynamics.phases import Phase, phases
from bilateral.dynamics.series import directed, dyad_series
from bilateral.dynamics.source import Dyad, Source, as_dyad

COLUMNS = [
    "phase", "start", "end", "label", "direction", "coop_words", "coop_deeds", "conflict_words",
    "conflict_deeds", "coop_gap", "conflict_gap", "words_event_ids", "deeds_event_ids",
]
def gap(words: float, deeds: float) -> float:
    """(w - d) / (w + d); NaN when both are zero."""
    total = words + deeds
    return float((words - deeds) / total) if total else float("nan")


def words_deeds(
    source: Source | Dyad,
    a: str | None = None,
    b: str | None = None,
    freq: str = "month",
    start: str | None = None,
    end: str | None = None,
    *,
    phase_list: list[Phase] | None = None,
    evidence: int = 3,
) -> pd.DataFrame:
    """Words and deeds per side and phase, plus one row per side for the whole period.

    Args:
        source, a, b, freq, start, end: as for :func:`~.series.dyad_series`.
        phase_list: the phases to split by (default :func:`~.phases.phases` of the dyad).
        evidence: event ids cited for words and for deeds in each row.
    Returns:
        Columns ``COLUMNS``; ``phase`` is the 0-based phase number, or -1 (label ``all``)
        for the whole period.
    """
    dyad = as_dyad(source, a, b, freq, start, end)
    if dyad.start is None:
        return pd.DataFrame(columns=COLUMNS)
    phase_list = phases(dyad) if phase_list is None else phase_list
    spans = [(-1, dyad.start, dyad.end, "all")] + [(i, p.start, p.end, p.label) for i, p in enumerate(phase_list)]
    series = dyad_series(dyad)
    cited = _evidence(dyad, spans, evidence)
    rows = []
    for phase, lo, hi, label in spans:
        for direction in (dyad.ab, dyad.ba):
            c = _counts(directed(series, direction).loc[lo:hi])
            picked = cited[(cited["window_id"] == phase) & (cited["direction"] == direction)]
            rows.append({
                "phase": phase, "start": str(lo), "end": str(hi), "label": label, "direction": direction, **c,
                "coop_gap": gap(c["coop_words"], c["coop_deeds"]),
                "conflict_gap": gap(c["conflict_words"], c["conflict_deeds"]),
                "words_event_ids": list(picked[picked["group"] == "coop_words"]["event_id"]),
                "deeds_event_ids": list(picked[picked["group"] == "coop_deeds"]["event_id"]),
            })
    return pd.DataFrame(rows, columns=COLUMNS)


def _counts(rows: pd.DataFrame) -> dict[str, int]:
    """Words and deeds from a direction's period rows (statements are quad 1, penta 0)."""
    total = {col: int(rows[col].fillna(0).sum()) for col in ("verbal_coop", "penta_statement", "material_coop", "verbal_conflict", "material_conflict")}
    return {
        "coop_words": total["verbal_coop"] - total["penta_statement"],
        "coop_deeds": total["material_coop"],
        "conflict_words": total["verbal_conflict"],
        "conflict_deeds": total["material_conflict"],
    }


def _evidence(dyad: Dyad, spans: list[tuple], k: int) -> pd.DataFrame:
    """The k highest-Goldstein words and deeds of cooperation per span and direction (one query)."""
    windows = pd.DataFrame({"id": [s[0] for s in spans], "lo": [s[1] for s in spans], "hi": [s[2] for s in spans], "sign": 1.0})
    kind = "CASE WHEN quad_class = 2 THEN 'coop_deeds' ELSE 'coop_words' END"
    top = dyad.top_events(windows, k, where="(quad_class = 1 AND penta_class <> 0) OR quad_class = 2", by=f"direction || '|' || {kind}")
    if top.empty:
        return top.assign(group=pd.Series(dtype=str))
    return top.assign(group=top["group"].str.split("|").str[1])
