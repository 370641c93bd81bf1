"""Regional context: roles of third countries, ranking by engagement with both sides, their series."""
from __future__ import annotations

import pytest

from bilateral.dynamics.context import context, context_series, role_for
from tests.dynamics.conftest import make_events


def context_events():
    rows = [("2022-01-01", "AAA", "BBB", "042")]
    rows += [("2022-01-05", "AAA", "XXX", "190")] * 4 + [("2022-01-06", "XXX", "BBB", "112")] * 9   # shared adversary: sqrt(36)=6
    rows += [("2022-02-05", "PPP", "AAA", "061")] * 2 + [("2022-02-06", "BBB", "PPP", "057")] * 2   # shared partner: 2
    rows += [("2022-02-07", "WWW", "AAA", "071")] * 3 + [("2022-02-08", "WWW", "BBB", "163")] * 3   # divided: 3
    rows += [("2022-03-01", "MMM", "AAA", "045"), ("2022-03-01", "MMM", "BBB", "045")]                # broker: 1
    rows += [("2022-03-02", "AAA", "ZZZ", "042")] * 5                                                  # only with AAA
    rows += [("2022-03-03", "AAA", "AAA", "042")] * 5                                                  # domestic
    return make_events(rows)


def test_context_roles_and_ranking():
    actors = context(context_events(), "AAA", "BBB", start="2022-01-01", end="2022-03-31")
    assert [(c.country, c.role) for c in actors] == [
        ("XXX", "shared_adversary"), ("WWW", "divided"), ("PPP", "shared_partner"), ("MMM", "broker"),
    ]
    assert [c.score for c in actors] == pytest.approx([6.0, 3.0, 2.0, 1.0])
    xxx = actors[0]
    assert (xxx.a_events, xxx.b_events, xxx.events) == (4, 9, 13)
    assert xxx.a_goldstein == -10.0 and xxx.b_goldstein == -2.0
    assert xxx.a_index == pytest.approx(-40 / 50) and xxx.b_index == pytest.approx(-18 / 28)
    assert actors[3].mediations == 2


def test_context_evidence_cites_both_ties():
    actors = {c.country: c for c in context(context_events(), "AAA", "BBB", start="2022-01-01", end="2022-03-31", evidence=1)}
    events = context_events().set_index("event_id")
    cited = events.loc[actors["WWW"].evidence_event_ids]
    assert set(cited["source_country"] + cited["target_country"]) == {"WWWAAA", "WWWBBB"}


def test_context_min_events_and_top():
    assert [c.country for c in context(context_events(), "AAA", "BBB", start="2022-01-01", end="2022-03-31", min_events=3)] == ["XXX", "WWW"]
    assert [c.country for c in context(context_events(), "AAA", "BBB", start="2022-01-01", end="2022-03-31", top=1)] == ["XXX"]


@pytest.mark.parametrize("a, b, mediations, role", [
    (-0.5, -0.2, 0, "shared_adversary"), (0.2, 0.9, 0, "shared_partner"), (0.8, -0.8, 0, "divided"),
    (0.1, 0.4, 0, "neutral"), (0.5, 0.0, 1, "broker"), (0.5, -0.6, 3, "divided"),
])
def test_context_role_thresholds(a, b, mediations, role):
    assert role_for(a, b, mediations) == role


def test_context_series_per_country_and_side():
    series = context_series(context_events(), ["XXX", "WWW"], "AAA", "BBB", start="2022-01-01", end="2022-03-31")
    xxx_b = series[(series["country"] == "XXX") & (series["side"] == "BBB")]
    assert list(xxx_b["events"]) == [9] and xxx_b["goldstein_sum"].iloc[0] == pytest.approx(-18.0)
    assert set(series["country"]) == {"XXX", "WWW"}
