"""Event downloads: CSV, JSON and Parquet hold exactly the selected events, every column, up to the cap."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from bilateral.model import EVENT_COLUMNS
from bilateral.web import downloads

SELECTION = {"quad": "3,4", "from": "2019-07-01", "to": "2021-06-30", "direction": "RUS->IRN"}


def _expected(frame):
    rows = frame[(frame.source_country == "RUS") & (frame.target_country == "IRN") & frame.quad_class.isin([3, 4])]
    dates = rows["date"].astype(str)
    return set(rows[(dates >= "2019-07-01") & (dates <= "2021-06-30")].event_id)


def _ids(fmt: str, body: bytes) -> list[str]:
    if fmt == "csv":
        return [r["event_id"] for r in csv.DictReader(io.StringIO(body.decode("utf-8")))]
    if fmt == "json":
        return [r["event_id"] for r in json.loads(body)]
    return pq.read_table(io.BytesIO(body)).column("event_id").to_pylist()


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_downloads_hold_the_selection(client, events_frame, fmt):
    response = client.get(f"/api/dyad/IRN/RUS/events.{fmt}", params=SELECTION)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="bilateral-IRN-RUS-events.{fmt}"'
    ids = _ids(fmt, response.content)
    expected = _expected(events_frame)
    assert len(ids) == len(set(ids)) == len(expected) == int(response.headers["x-total-rows"]) > 10
    assert set(ids) == expected
    assert response.headers["x-rows-capped"] == "false"


def test_downloads_carry_every_store_column_and_direction(client):
    table = pq.read_table(io.BytesIO(client.get("/api/dyad/IRN/RUS/events.parquet", params=SELECTION).content))
    assert set(EVENT_COLUMNS) | {"direction"} == set(table.column_names)
    assert set(table.column("direction").to_pylist()) == {"RUS->IRN"}
    rows = json.loads(client.get("/api/dyad/IRN/RUS/events.json", params={**SELECTION, "sort": "goldstein"}).content)
    assert [r["goldstein"] for r in rows] == sorted(r["goldstein"] for r in rows)
    assert all(len(r["date"]) == 10 for r in rows)


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_downloads_empty_selection_is_a_valid_file(client, fmt):
    response = client.get(f"/api/dyad/IRN/RUS/events.{fmt}", params={"q": "no such words anywhere"})
    assert response.status_code == 200 and _ids(fmt, response.content) == []
    if fmt == "csv":
        assert response.text.splitlines()[0].startswith('"event_id"')


def test_downloads_are_capped(client, monkeypatch):
    monkeypatch.setattr(downloads, "ROW_CAP", 7)
    response = client.get("/api/dyad/IRN/RUS/events.csv")
    assert response.headers["x-rows-capped"] == "true" and int(response.headers["x-total-rows"]) > 7
    assert len(_ids("csv", response.content)) == 7


def test_downloads_release_the_store(app, client):
    """A finished download returns its cursor, so the store can be closed for writers."""
    for fmt in ("csv", "json", "parquet"):
        client.get(f"/api/dyad/IRN/RUS/events.{fmt}")
    assert app.state.access._users == 0
