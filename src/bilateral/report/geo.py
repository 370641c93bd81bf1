"""The geography section's data: where a pair's events happen, and an offline map of it.

Locations come from the event columns ``location``, ``lat`` and ``lon``: the coder fills
them from places named in the sentence, imported GDELT rows from their ActionGeo fields.
Events are grouped by place name (or by coordinates rounded to 0.01 degree when unnamed).
The map is drawn from Natural Earth 110m outlines shipped in ``bilateral/data/geo``;
nothing is fetched when it is rendered.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

import duckdb
import pandas as pd

from bilateral.report.analysis import PAIR_FILTER

_PLACES_SQL = f"""
WITH dyad AS (SELECT * FROM events WHERE {PAIR_FILTER}), placed AS (
  SELECT *, coalesce(nullif(trim(location), ''), printf('%.2f, %.2f', lat, lon)) AS place
  FROM dyad WHERE nullif(trim(location), '') IS NOT NULL OR (lat IS NOT NULL AND lon IS NOT NULL)
)
SELECT place, avg(lat) AS lat, avg(lon) AS lon, count(*) AS events,
       count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
       count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
       avg(goldstein) AS goldstein_mean,
       CAST(min(date) AS VARCHAR) AS first, CAST(max(date) AS VARCHAR) AS last,
       first(event_id ORDER BY coalesce(num_sources, num_articles, 1) DESC, abs(coalesce(goldstein, 0)) DESC, date DESC, event_id)
         AS top_event_id,
       (SELECT count(*) FROM dyad) AS dyad_events
FROM placed GROUP BY place ORDER BY events DESC, place
"""


def places(con: duckdb.DuckDBPyConnection, a: str, b: str, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """One row per place where the pair's events happen, most events first.

    Returns:
        Columns place, lat, lon (None when only a name is known), events, cooperation,
        conflict, goldstein_mean, first, last (ISO dates), top_event_id (the event with the
        most sources, then the largest |Goldstein|), dyad_events (all events of the pair).
    """
    return con.execute(_PLACES_SQL, {"a": a, "b": b, "start": start, "end": end}).df()


@lru_cache(maxsize=1)
def world_features() -> tuple[dict, ...]:
    """The shipped country outlines (GeoJSON features with name, iso_a3, continent)."""
    text = resources.files("bilateral").joinpath("data/geo/world-110m.geojson").read_text(encoding="utf-8")
    return tuple(json.loads(text)["features"])


def _bbox(feature: dict) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for polygon in feature["geometry"]["coordinates"]:
        for x, y in polygon[0]:
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


@lru_cache(maxsize=1)
def _bboxes() -> tuple[tuple[float, float, float, float], ...]:
    return tuple(_bbox(f) for f in world_features())


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _latitude(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def view_box(lats: list[float], lons: list[float], margin: float = 8.0, aspect: float = 1.7) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the points with a margin in degrees, at least 30 x 20 degrees,
    widened to ``aspect`` (width / height) on a Mercator map, so the map fills its frame."""
    west, east = min(lons) - margin, max(lons) + margin
    south, north = max(min(lats) - margin, -80.0), min(max(lats) + margin, 80.0)
    if east - west < 30:
        west, east = (east + west) / 2 - 15, (east + west) / 2 + 15
    if north - south < 20:
        south, north = (north + south) / 2 - 10, (north + south) / 2 + 10
    width, height = math.radians(east - west), _mercator_y(north) - _mercator_y(south)
    if width / height < aspect:  # too tall: widen
        extra = math.degrees(aspect * height - width) / 2
        west, east = west - extra, east + extra
    else:  # too wide: heighten around the middle
        mid, half = (_mercator_y(north) + _mercator_y(south)) / 2, width / aspect / 2
        south, north = _latitude(mid - half), _latitude(mid + half)
    return max(west, -180.0), max(south, -85.0), min(east, 180.0), min(north, 85.0)


def features_in(box: tuple[float, float, float, float], highlight: tuple[str, ...] = (), pad: float = 15.0) -> list[dict]:
    """Outlines whose bounding box meets ``box`` widened by ``pad`` degrees (the map clips them at
    its frame), with ``highlight`` True for the named countries."""
    west, south, east, north = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    chosen = []
    for feature, (x0, y0, x1, y1) in zip(world_features(), _bboxes()):
        if x1 >= west and x0 <= east and y1 >= south and y0 <= north:
            props = feature["properties"]
            chosen.append({**feature, "properties": {**props, "highlight": props["iso_a3"] in highlight}})
    return chosen


def box_feature(box: tuple[float, float, float, float], step: float = 5.0) -> dict:
    """The view box for the projection to fit: points along its edges (a polygon's edges would be
    great-circle arcs and bulge toward the pole, so the map would show more than the box)."""
    west, south, east, north = box
    n = max(2, int((east - west) / step) + 1)
    lons = [west + (east - west) * i / (n - 1) for i in range(n)]
    points = [[lon, lat] for lon in lons for lat in (south, north)]
    return {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": points}}
