"""Issue 4's real-data checks: events coded from dated BBC and Guardian headlines, through a store.

Russia-Ukraine must turn toward conflict within a month of February 2022, and Iran-Israel
must show a turning point within a month of April 2024 (in these headlines the index
already turns toward conflict in November 2023; April 2024 is where the volume of
Iran-Israel events jumps, with Iran's direct attack). Only the headlines about each pair are coded (a few
thousand), into a store under the test's temporary folder.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from bilateral.dynamics import turning_points
from bilateral.store import Store

HEADLINES = "corpora/headlines-bbc-guardian-2020-2024"
pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def coder():
    from bilateral.coding import Coder

    return Coder()


def coded_store(coder, path, frame: pd.DataFrame):
    """Code ``frame`` (title, published_date) into a fresh store at ``path``; returns the open Store."""
    from bilateral.coding import code_texts

    titles = frame["title"].str.replace(r"\s*-\s*BBC (News|Sport)$", "", regex=True)
    events = code_texts(titles.tolist(), dates=frame["published_date"].tolist(), coder=coder)
    store = Store(path)
    store.write_events(events.assign(date=pd.to_datetime(events["date"]).dt.date))
    return store


def headlines(shared_data, name: str, pattern: str, since: str, until: str) -> pd.DataFrame:
    frame = pd.read_csv(shared_data / HEADLINES / name, encoding="utf-8-sig").dropna(subset=["title", "published_date"])
    dates = pd.to_datetime(frame["published_date"].str.replace("/", "-"), errors="coerce")
    keep = frame["title"].str.contains(re.compile(pattern, re.I)) & dates.between(since, until)
    return frame[keep]




def test_real_headlines_russia_ukraine_turns_toward_conflict_in_february_2022(shared_data, coder, tmp_path):
    frame = headlines(shared_data, "bbc_ru_bias_merge_result_filtered_with_time.csv",
                      r"russia|ukrain|kyiv|kiev|moscow|putin|zelensky|kremlin|crimea|donbas", "2020-01-01", "2022-12-31")
    with coded_store(coder, tmp_path / "ru.duckdb", frame) as store:
        found = turning_points(store.con, "RUS", "UKR", "month", "2020-01-01", "2022-12-31", series=("coop_index",))
    turns = [tp for tp in found if tp.direction == "toward_conflict" and "2022-01-01" <= tp.date <= "2022-03-31"]
    assert turns, [(tp.date, tp.direction) for tp in found]
    assert min(e.goldstein for e in turns[0].evidence) <= -7  # the cited events are acts of conflict


def test_real_headlines_iran_israel_turns_in_april_2024(shared_data, coder, tmp_path):
    frame = headlines(shared_data, "guardian_ip_models_merged_http_filtered_cleaned.csv",
                      r"\biran|tehran|khamenei|raisi", "2020-01-01", "2024-12-31")
    with coded_store(coder, tmp_path / "ir.duckdb", frame) as store:
        found = turning_points(store.con, "IRN", "ISR", "month", "2020-01-01", "2024-12-31")
    turns = [tp for tp in found if "2024-03-01" <= tp.date <= "2024-05-31"]
    assert turns, [(tp.date, tp.series, tp.direction) for tp in found]
    assert turns[0].direction in ("toward_conflict", "rise")
    assert all("2024-03-01" <= e.date <= "2024-05-31" for e in turns[0].evidence) and turns[0].evidence
