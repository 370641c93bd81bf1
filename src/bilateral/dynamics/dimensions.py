r"""Dimensions: cooperation and conflict split into diplomatic, economic, military, legal, humanitarian.

Assignment
    Each event gets one dimension (and, where finer, a topic) from its CAMEO code, in
    this order (rules in ``bilateral/data/dimensions.csv``): the longest CAMEO prefix
    rule of three or more digits; else the code's first PLOVER context with a rule; else
    its two-digit root's rule; else its PLOVER type's rule; else diplomatic. Codes say
    what was done, not about what: a signed agreement (057) or a visit (042) is
    diplomatic by code. So a *generic* event (diplomatic without a topic) whose sentence
    or title matches a keyword rule takes that rule's dimension and topic ("signs a gas
    deal" -> economic/energy), and an event of the same dimension without a topic takes
    the rule's topic. Keyword rules are tried in file order; the first match decides.

Series and shares
    Per period and dimension the counts of cooperative (:math:`g > 0`) and conflictual
    (:math:`g < 0`) events, the weights :math:`C` and :math:`K` and the index
    :math:`(C - K)/(C + K)` of :mod:`.index`. Per phase, each dimension's share of the
    phase's events, of its cooperative events and of its conflictual events (each set of
    shares sums to 1 over dimensions).
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import pandas as pd

from bilateral.dynamics.index import coop_index
from bilateral.dynamics.phases import Phase, phases
from bilateral.dynamics.series import BOTH
from bilateral.dynamics.source import EVIDENCE_COLUMNS, Dyad, Source, as_dyad
from bilateral.ontology.cameo import cameo_table

DIMENSIONS = ("diplomatic", "economic", "military", "legal", "humanitarian")
RULES_PATH = Path(__file__).resolve().parents[1] / "data" / "dimensions.csv"


@lru_cache(maxsize=1)
def rules() -> pd.DataFrame:
    """The shipped rule table (kind, key, dimension, topic), in file order."""
    text = "".join(line for line in RULES_PATH.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("#"))
    table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    bad = sorted(set(table["dimension"]) - set(DIMENSIONS))
    if bad:
        raise ValueError(f"{RULES_PATH}: unknown dimension(s) {bad}; use one of {', '.join(DIMENSIONS)}")
    return table


@lru_cache(maxsize=1)
def _contexts() -> dict[str, list[str]]:
    table = cameo_table()
    return {row.code: (row.plover_context or "").split(";") for row in table.itertuples() if row.plover_context}


@lru_cache(maxsize=None)
def _rule_map(kind: str) -> dict[str, tuple[str, str]]:
    table = rules()
    sel = table[table["kind"] == kind]
    return {key: (dim, topic) for key, dim, topic in zip(sel["key"], sel["dimension"], sel["topic"])}


def code_dimension(cameo: str | None, plover: str | None = None) -> tuple[str, str]:
    """(dimension, topic) of a CAMEO code by the code rules alone (no keywords); topic may be ''."""
    code = (cameo or "").strip()
    specific, roots = _rule_map("cameo"), _rule_map("cameo_root")
    hits = [code[:n] for n in range(len(code), 2, -1) if code[:n] in specific]
    context_rules = _rule_map("plover_context")
    contexts = [c for c in _contexts().get(code, []) if c in context_rules]
    if hits:
        dim, topic = specific[hits[0]]
    elif contexts:
        dim, topic = context_rules[contexts[0]]
    elif code[:2] in roots:
        dim, topic = roots[code[:2]]
    else:
        dim, topic = _rule_map("plover").get((plover or "").upper(), ("diplomatic", ""))
    root_dim, root_topic = roots.get(code[:2], ("", ""))
    return dim, topic or (root_topic if root_dim == dim else "")


def _tagged_sql(dyad: Dyad) -> tuple[str, dict]:
    """SQL (a CTE chain ending in ``tagged``) adding dimension and topic to the dyad's events (once per Dyad)."""
    return dyad.cached("tagged_sql", lambda: _build_tagged_sql(dyad))


def _build_tagged_sql(dyad: Dyad) -> tuple[str, dict]:
    """The SQL and parameters of :func:`_tagged_sql`, from the codes present in the dyad.

    Keywords can only change an event that is generic or has no topic, and only when one
    of them matches; one regular expression joining them all tests that first, so the
    rules one by one run on the few events that match any (most sentences match none).
    """
    codes = dyad.query("SELECT DISTINCT cameo, plover FROM dyad")
    dims = [code_dimension(c, p) for c, p in zip(codes["cameo"], codes["plover"])]
    keywords = rules()[rules()["kind"] == "keyword"].reset_index(drop=True)
    params = {
        "m_codes": list(codes["cameo"].astype(str)), "m_plover": [p or "" for p in codes["plover"]],
        "m_dims": [d for d, _ in dims], "m_topics": [t for _, t in dims],
    }
    dim_cases, topic_cases = [], []
    for i, rule in keywords.iterrows():
        params[f"kw{i}"] = rule["key"]
        match = f"regexp_matches(txt, $kw{i})"
        dim_cases.append(f"WHEN generic AND {match} THEN '{rule['dimension']}'")
        same = f"(generic OR (m_dimension = '{rule['dimension']}' AND m_topic = ''))"
        topic_cases.append(f"WHEN {same} AND {match} THEN '{rule['topic']}'")
    params["kw_any"] = "|".join(f"(?:{key})" for key in keywords["key"]) or "$^"
    keyworded = "(generic OR m_topic = '') AND regexp_matches(txt, $kw_any)"
    dimension = f"CASE {' '.join(dim_cases)} ELSE m_dimension END" if dim_cases else "m_dimension"
    topic = f"CASE {' '.join(topic_cases)} ELSE m_topic END" if topic_cases else "m_topic"
    sql = (
        ", m AS (SELECT *, dimension = 'diplomatic' AND topic = '' AS generic FROM (SELECT unnest($m_codes) AS cameo, "
        "unnest($m_plover) AS plover, unnest($m_dims) AS dimension, unnest($m_topics) AS topic)), "
        "coded AS (SELECT dyad.*, m.dimension AS m_dimension, m.topic AS m_topic, m.generic, "
        "lower(coalesce(sentence, title, '')) AS txt "
        "FROM dyad JOIN m ON dyad.cameo = m.cameo AND coalesce(dyad.plover, '') = m.plover), "
        f"tagged AS (SELECT * EXCLUDE (m_dimension, m_topic, generic, txt), "
        f"CASE WHEN {keyworded} THEN {dimension} ELSE m_dimension END AS dimension, "
        f"CASE WHEN {keyworded} THEN {topic} ELSE m_topic END AS topic FROM coded)"
    )
    return sql, params


def event_dimensions(source: Source | Dyad, a: str | None = None, b: str | None = None, freq: str = "month", start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Every dyad event with its dimension and topic ('' when none): event_id, date, direction, cameo, goldstein, dimension, topic."""
    dyad = as_dyad(source, a, b, freq, start, end)
    sql, params = _tagged_sql(dyad)
    return dyad.query(f"{sql} SELECT event_id, date, direction, cameo, goldstein, dimension, topic FROM tagged ORDER BY date, event_id", **params)


def dimension_series(source: Source | Dyad, a: str | None = None, b: str | None = None, freq: str = "month", start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Per period, direction (and ``both``) and dimension: events, coop/conflict counts and weights, index.

    Returns:
        Columns period, direction, dimension, events, coop_events, conflict_events,
        coop_weight, conflict_weight, coop_index; only (period, dimension) pairs with events.
    """
    dyad = as_dyad(source, a, b, freq, start, end)
    return dyad.cached("dimension_series", lambda: _series(dyad))


def _series(dyad: Dyad) -> pd.DataFrame:
    sql, params = _tagged_sql(dyad)
    body = (
        f"{sql} SELECT {dyad.trunc()} AS period, direction, dimension, count(*) AS events, "
        "count(*) FILTER (WHERE goldstein > 0) AS coop_events, count(*) FILTER (WHERE goldstein < 0) AS conflict_events, "
        "coalesce(sum(goldstein) FILTER (WHERE goldstein > 0), 0) AS coop_weight, "
        "coalesce(-sum(goldstein) FILTER (WHERE goldstein < 0), 0) AS conflict_weight "
        "FROM tagged GROUP BY GROUPING SETS ((period, direction, dimension), (period, dimension)) "
        "ORDER BY period, direction, dimension"
    )
    frame = dyad.query(body, **params)
    frame["direction"] = frame["direction"].fillna(BOTH)
    frame["period"] = pd.to_datetime(frame["period"]).astype("datetime64[ns]")
    frame["coop_index"] = coop_index(frame["coop_weight"], frame["conflict_weight"])
    return frame


def dimension_shares(source: Source | Dyad, a: str | None = None, b: str | None = None, freq: str = "month", start: str | None = None, end: str | None = None, phase_list: list[Phase] | None = None) -> pd.DataFrame:
    """Each dimension's share of every phase's events, cooperative events and conflictual events.

    Returns:
        One row per phase and dimension (all five, zeros included): phase (0-based),
        start, end, label, dimension, events, share, coop_share, conflict_share, coop_index.
    """
    dyad = as_dyad(source, a, b, freq, start, end)
    phase_list = phases(dyad) if phase_list is None else phase_list
    series = dimension_series(dyad)
    series = series[series["direction"] == BOTH]
    rows = []
    for i, ph in enumerate(phase_list):
        inside = series[(series["period"] >= ph.start) & (series["period"] <= ph.end)]
        sums = inside.groupby("dimension")[["events", "coop_events", "conflict_events", "coop_weight", "conflict_weight"]].sum()
        sums = sums.reindex(list(DIMENSIONS), fill_value=0)
        for dim, row in sums.iterrows():
            rows.append({
                "phase": i, "start": ph.start, "end": ph.end, "label": ph.label, "dimension": dim,
                "events": int(row["events"]),
                "share": _share(row["events"], sums["events"].sum()),
                "coop_share": _share(row["coop_events"], sums["coop_events"].sum()),
                "conflict_share": _share(row["conflict_events"], sums["conflict_events"].sum()),
                "coop_index": coop_index(row["coop_weight"], row["conflict_weight"]),
            })
    return pd.DataFrame(rows, columns=["phase", "start", "end", "label", "dimension", "events", "share", "coop_share", "conflict_share", "coop_index"])


def _share(part: float, total: float) -> float:
    return float(part) / float(total) if total else 0.0


def key_events(source: Source | Dyad, a: str | None = None, b: str | None = None, freq: str = "month", start: str | None = None, end: str | None = None, k: int = 5) -> pd.DataFrame:
    """The k most telling events of each dimension: largest |Goldstein|, then most sources.

    Returns:
        Columns dimension, topic and the evidence columns (event_id, date, direction,
        source, target, cameo, goldstein, sources, sentence, title, url), by dimension and rank.
    """
    dyad = as_dyad(source, a, b, freq, start, end)
    sql, params = _tagged_sql(dyad)
    rank = ("(CAST(round(abs(coalesce(goldstein, 0)) * 10) AS BIGINT) * 100000 + least(sources, 99999)) * 1000"
            " + CAST(hash(event_id) % 1000 AS BIGINT)")  # max_by picks the top k without sorting the dyad
    picked = dyad.query(f"{sql} SELECT dimension, max_by(struct_pack(event_id, topic), {rank}, $k) AS top FROM tagged GROUP BY dimension", k=k, **params)
    ranked = picked.explode("top").dropna(subset=["top"])
    columns = ["dimension", "topic", *EVIDENCE_COLUMNS.split(", ")]
    if ranked.empty:
        return pd.DataFrame(columns=columns)
    ranked = ranked.assign(event_id=ranked["top"].map(lambda t: t["event_id"]), topic=ranked["top"].map(lambda t: t["topic"]))
    ranked["rank"] = ranked.groupby("dimension").cumcount()
    merged = ranked.merge(dyad.events_by_id(list(ranked["event_id"])), on="event_id")
    return merged.sort_values(["dimension", "rank"], ignore_index=True)[columns]
