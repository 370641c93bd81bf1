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
from bilateral.dynamics.source import Dyad, Source, as_dyad

COLUMNS = [
    "phase", "start", "end", "label", "direction", "coop_words", "coop_deeds", "conflict_words",
    "conflict_deeds", "coop_gap", "conflict_gap", "words_event_ids", "deeds_event_ids",
]
_CLASS_SQL = (
    "CASE WHEN quad_class = 1 AND penta_class <> 0 THEN 'coop_words' WHEN quad_class = 2 THEN 'coop_deeds' "
    "WHEN quad_class = 3 THEN 'conflict_words' WHEN quad_class = 4 THEN 'conflict_deeds' END"
)


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
    phase_list = phases(dyad) if phase_list is None else phase_list
    spans = [(-1, dyad.start, dyad.end, "all")] + [(i, p.start, p.end, p.label) for i, p in enumerate(phase_list)]
    if dyad.start is None:
        return pd.DataFrame(columns=COLUMNS)
    counts, top = _query(dyad, spans, evidence)
    rows = []
    for phase, lo, hi, label in spans:
        for direction in (dyad.ab, dyad.ba):
            c = counts.get((phase, direction), {})
            w = top[(top["window_id"] == phase) & (top["direction"] == direction)]
            rows.append({
                "phase": phase, "start": str(lo), "end": str(hi), "label": label, "direction": direction,
                **{k: int(c.get(k, 0)) for k in ("coop_words", "coop_deeds", "conflict_words", "conflict_deeds")},
                "coop_gap": gap(c.get("coop_words", 0), c.get("coop_deeds", 0)),
                "conflict_gap": gap(c.get("conflict_words", 0), c.get("conflict_deeds", 0)),
                "words_event_ids": list(w[w["kind"] == "coop_words"]["event_id"]),
                "deeds_event_ids": list(w[w["kind"] == "coop_deeds"]["event_id"]),
            })
    return pd.DataFrame(rows, columns=COLUMNS)


def _query(dyad: Dyad, spans: list[tuple], k: int) -> tuple[dict, pd.DataFrame]:
    """Counts per (span, direction, class) and the top-k cooperation events of each, in two scans."""
    params = {
        "ids": [s[0] for s in spans], "los": [str(s[1]) for s in spans], "his": [str(s[2]) for s in spans],
    }
    joined = (
        f", tagged AS (SELECT dyad.*, {_CLASS_SQL} AS kind, w.id AS window_id FROM dyad JOIN "
        "(SELECT unnest($ids) AS id, unnest($los) AS lo, unnest($his) AS hi) AS w "
        "ON dyad.date BETWEEN CAST(w.lo AS DATE) AND CAST(w.hi AS DATE)) "
    )
    counts = dyad.query(f"{joined} SELECT window_id, direction, kind, count(*) AS n FROM tagged WHERE kind IS NOT NULL GROUP BY ALL", **params)
    table: dict = {}
    for row in counts.itertuples(index=False):
        table.setdefault((int(row.window_id), row.direction), {})[row.kind] = int(row.n)
    order = "goldstein DESC NULLS LAST, sources DESC, event_id"
    top = dyad.query(
        f"{joined} SELECT window_id, direction, kind, event_id FROM tagged WHERE kind IN ('coop_words', 'coop_deeds') "
        f"QUALIFY row_number() OVER (PARTITION BY window_id, direction, kind ORDER BY {order}) <= $k ORDER BY window_id, direction, kind, {order}",
        k=max(k, 0), **params,
    )
    top["window_id"] = top["window_id"].astype(int) if len(top) else top["window_id"]
    return table, top if k > 0 else top.iloc[0:0]

