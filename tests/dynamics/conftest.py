"""Fixtures for the dynamics tests: seeded synthetic dyads and hand-built event frames."""
from __future__ import annotations

import pandas as pd
import pytest

from bilateral.dynamics.synthetic import simulate_dyad
from bilateral.ontology.cameo import lookup


def make_events(rows: list[tuple]) -> pd.DataFrame:
    """Events from (date, source_country, target_country, cameo[, num_sources[, sentence]]) tuples.

    Classes and Goldstein weights come from the shipped CAMEO table, as the coder sets them.
    """
    records = []
    for i, row in enumerate(rows):
        date, src, tgt, code, *rest = row
        info = lookup(code)
        records.append({
            "event_id": f"e{i:04d}", "date": date, "source_country": src, "target_country": tgt,
            "source": f"{src}GOV", "target": f"{tgt}GOV", "cameo": info.code, "root": info.root,
            "quad_class": info.quad_class, "penta_class": info.penta_class, "goldstein": info.goldstein_gdelt,
            "num_sources": rest[0] if rest else 1, "sentence": rest[1] if len(rest) > 1 else None,
        })
    return pd.DataFrame(records)


@pytest.fixture
def three_phase_events() -> pd.DataFrame:
    """72 months of AAA-BBB: aligned (0.6), hostile (-0.7), cordial (0.3); breaks at months 24 and 48."""
    return simulate_dyad("AAA", "BBB", levels=[0.6, -0.7, 0.3], lengths=[24, 24, 24], rates=[40, 90, 40], seed=7)
