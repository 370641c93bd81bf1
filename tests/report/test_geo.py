"""Geography: places counted as the store holds them, and the shipped offline map."""
from bilateral.report import geo


def test_geo_places_count_events_per_location_as_in_the_store(synthetic_con, plan):
    frame = geo.places(synthetic_con, "IRN", "RUS")
    expected = dict(synthetic_con.execute(
        "SELECT location, count(*) FROM events WHERE location IS NOT NULL AND "
        "((source_country = 'IRN' AND target_country = 'RUS') OR (source_country = 'RUS' AND target_country = 'IRN')) "
        "GROUP BY location").fetchall())
    assert dict(zip(frame["place"], frame["events"])) == expected
    assert set(frame["place"]) == set(plan["places"])
    for row in frame.itertuples():
        assert (round(row.lat, 2), round(row.lon, 2)) == plan["places"][row.place]
        assert row.cooperation + row.conflict <= row.events
    assert list(frame["events"]) == sorted(frame["events"], reverse=True)


def test_geo_places_respect_the_period(synthetic_con):
    frame = geo.places(synthetic_con, "IRN", "RUS", "2022-01-01", "2022-12-31")
    assert frame["first"].min() >= "2022-01-01" and frame["last"].max() <= "2022-12-31"
    top = set(frame["top_event_id"])
    dates = dict(synthetic_con.execute("SELECT event_id, CAST(date AS VARCHAR) FROM events WHERE event_id IN (SELECT unnest(?))", [list(top)]).fetchall())
    assert all("2022-01-01" <= d <= "2022-12-31" for d in dates.values())


def test_geo_world_map_ships_natural_earth_countries():
    features = geo.world_features()
    codes = {f["properties"]["iso_a3"] for f in features}
    assert len(features) == 177
    assert {"IRN", "RUS", "USA", "CHN", "FRA", "NOR"} <= codes


def test_geo_view_box_and_features_cover_the_points():
    box = geo.view_box([35.69, 55.76], [51.39, 37.62])
    west, south, east, north = box
    assert west < 37.62 < 51.39 < east and south < 35.69 < 55.76 < north
    chosen = geo.features_in(box, ("IRN", "RUS"))
    names = {f["properties"]["iso_a3"]: f["properties"]["highlight"] for f in chosen}
    assert names["IRN"] and names["RUS"] and not names.get("TUR", False)
    assert "USA" not in names and "AUS" not in names
