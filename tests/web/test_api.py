"""The JSON API, in process: numbers checked against the synthetic events computed with pandas."""
from __future__ import annotations

import pandas as pd
import pytest


def _pair(frame: pd.DataFrame, a: str, b: str, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    rows = frame[((frame.source_country == a) & (frame.target_country == b)) | ((frame.source_country == b) & (frame.target_country == a))]
    dates = pd.to_datetime(rows["date"])
    if start:
        rows = rows[dates >= pd.Timestamp(start)]
        dates = pd.to_datetime(rows["date"])
    if end:
        rows = rows[dates <= pd.Timestamp(end)]
    return rows


def test_api_countries_counts_interstate_events(client, events_frame):
    body = client.get("/api/countries").json()
    got = {c["code"]: c["events"] for c in body["countries"]}
    expected = pd.concat([events_frame.source_country, events_frame.target_country]).value_counts().to_dict()
    assert got == expected
    assert [c["events"] for c in body["countries"]] == sorted(got.values(), reverse=True)
    assert {c["code"]: c["name"] for c in body["countries"]}["UKR"] == "Ukraine"


def test_api_countries_partners_of_one(client, events_frame):
    body = client.get("/api/countries", params={"partner": "irn"}).json()
    assert body["partner"] == "IRN"
    got = {c["code"]: c["events"] for c in body["countries"]}
    assert got == {b: len(_pair(events_frame, "IRN", b)) for b in ("RUS", "USA", "CHN")}


def test_api_pairs_ranked_by_events(client, events_frame):
    pairs = client.get("/api/pairs", params={"limit": 2}).json()["pairs"]
    assert [(p["a"], p["b"]) for p in pairs] == [("IRN", "RUS"), ("RUS", "UKR")]
    assert pairs[0]["events"] == len(_pair(events_frame, "IRN", "RUS"))
    assert pairs[0]["first"] == str(min(_pair(events_frame, "IRN", "RUS")["date"]))
    assert client.get("/api/pairs", params={"limit": 101}).status_code == 400


def test_api_dyad_summary_and_series(client, events_frame):
    body = client.get("/api/dyad/rus/irn", params={"from": "2018-01-01", "to": "2020-12-31", "freq": "quarter"}).json()
    expected = _pair(events_frame, "RUS", "IRN", "2018-01-01", "2020-12-31")
    s = body["summary"]
    assert (body["a"]["code"], body["b"]["name"]) == ("RUS", "Iran")
    assert s["events"] == len(expected)
    assert s["by_direction"] == {"RUS->IRN": int((expected.source_country == "RUS").sum()), "IRN->RUS": int((expected.source_country == "IRN").sum())}
    assert {q["quad_class"]: q["events"] for q in s["by_quad"]} == {q: int((expected.quad_class == q).sum()) for q in (1, 2, 3, 4)}
    assert s["goldstein_mean"] == pytest.approx(expected.goldstein.mean(), abs=1e-3)
    assert sum(r["events"] for r in body["series"]) == len(expected)
    assert {r["period"] for r in body["series"]} == {f"{y}-{m:02d}-01" for y in (2018, 2019, 2020) for m in (1, 4, 7, 10)}


def test_api_dyad_without_events_is_empty_not_error(client):
    body = client.get("/api/dyad/UKR/CHN").json()
    assert body["summary"]["events"] == 0 and body["series"] == []


def test_api_events_page_matches_pandas(client, events_frame, hostile):
    body = client.get("/api/dyad/IRN/RUS/events", params={"size": 10, "sort": "date", "order": "asc"}).json()
    expected = _pair(events_frame, "IRN", "RUS").sort_values(["date", "event_id"])
    assert body["total"] == len(expected) and body["pages"] == -(-len(expected) // 10)
    assert [r["event_id"] for r in body["rows"]] == list(expected.event_id[:10])
    row = body["rows"][0]
    assert row["url"].startswith("https://") or row["sentence"] == hostile["sentence"]
    assert row["event"] and row["direction"] in ("IRN->RUS", "RUS->IRN")


@pytest.mark.parametrize("params, keep", [
    ({"q": "AGREEMENT"}, lambda r: "agreement" in (r.sentence + " " + r.title).lower()),
    ({"code": "19"}, lambda r: r.cameo.startswith("19")),
    ({"code": "04,0311"}, lambda r: r.cameo.startswith("04") or r.cameo == "0311"),
    ({"quad": "4"}, lambda r: r.quad_class == 4),
    ({"quad": "1,2"}, lambda r: r.quad_class in (1, 2)),
    ({"direction": "RUS->IRN"}, lambda r: r.source_country == "RUS"),
    ({"from": "2020-03-01", "to": "2020-05-31"}, lambda r: "2020-03-01" <= str(r.date) <= "2020-05-31"),
])
def test_api_events_filters(client, events_frame, params, keep):
    everything = _pair(events_frame, "IRN", "RUS")
    expected = everything[[keep(r) for r in everything.itertuples()]]
    body = client.get("/api/dyad/IRN/RUS/events", params={**params, "size": 200}).json()
    assert 0 < body["total"] < len(everything)
    assert body["total"] == len(expected)
    assert {r["event_id"] for r in body["rows"]} <= set(expected.event_id)


def test_api_events_search_is_literal(client, events_frame):
    """% and _ are searched as characters, not LIKE wildcards."""
    rows = _pair(events_frame, "IRN", "RUS")
    text = (rows.sentence.fillna("") + " " + rows.title.fillna("")).str.lower()
    for q in ("%", "_", "%%%", "officials%", "(non"):
        expected = int(text.str.contains(q.lower(), regex=False).sum())
        assert client.get("/api/dyad/IRN/RUS/events", params={"q": q}).json()["total"] == expected
        assert expected < len(rows)


@pytest.mark.parametrize("sort", ["goldstein", "cameo", "sources", "direction", "title"])
def test_api_events_sorting(client, sort):
    for order in ("asc", "desc"):
        rows = client.get("/api/dyad/IRN/RUS/events", params={"sort": sort, "order": order, "size": 200}).json()["rows"]
        values = [r[sort] for r in rows]
        assert values == sorted(values, reverse=order == "desc")


def test_api_events_paging_covers_every_row_once(client):
    seen, page, total = [], 1, None
    while True:
        body = client.get("/api/dyad/RUS/CHN/events", params={"size": 200, "page": page, "sort": "goldstein"}).json()
        total = body["total"]
        if not body["rows"]:
            break
        seen += [r["event_id"] for r in body["rows"]]
        page += 1
    assert len(seen) == len(set(seen)) == total
    assert page == body["pages"] + 1


@pytest.mark.parametrize("params", [{"page": 0}, {"size": 0}, {"size": 201}, {"page": 10**9}, {"page": "x"}, {"size": "1e3"}])
def test_api_events_paging_bounds(client, params):
    response = client.get("/api/dyad/IRN/RUS/events", params=params)
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_api_codes_lists_roots_and_leaves(client):
    codes = {c["code"]: c for c in client.get("/api/codes").json()["codes"]}
    assert codes["19"]["quad_class"] == 4 and codes["0311"]["root"] == "03"


def test_api_analysis_follows_the_engine(client):
    body = client.get("/api/dyad/IRN/RUS/analysis").json()
    assert (body["a"], body["b"], body["freq"]) == ("IRN", "RUS", "month")
    assert body["country_names"]["RUS"] == "Russia"
    coop_turns = [t for t in body["turning_points"] if t["series"] == "coop_index"]
    assert any(t["date"][:7] in ("2019-06", "2019-07", "2019-08") and t["direction"] == "toward_conflict" for t in coop_turns)
    assert body["phases"][0]["level"] > body["phases"][-1]["level"]
    assert client.get("/api/dyad/IRN/RUS/analysis", params={"freq": "decade"}).status_code == 400


def test_api_series_length_is_bounded(client):
    """Seven years by day is 2,557 periods (allowed); forty years by day is not, whatever the events."""
    assert client.get("/api/dyad/IRN/RUS", params={"freq": "day"}).status_code == 200
    for path in ("/api/dyad/IRN/RUS", "/api/dyad/IRN/RUS/analysis", "/dyad/IRN/RUS/report.html"):
        response = client.get(path, params={"freq": "day", "from": "1980-01-01", "to": "2019-12-31"})
        assert response.status_code == 400 and "coarser freq" in response.text
    assert client.get("/api/dyad/IRN/RUS", params={"freq": "week", "from": "1980-01-01", "to": "2019-12-31"}).status_code == 200


def test_api_empty_store(tmp_path):
    from fastapi.testclient import TestClient

    from bilateral.store import Store
    from bilateral.web import create_app

    with Store(tmp_path / "empty.duckdb"):
        pass
    with TestClient(create_app(tmp_path / "empty.duckdb")) as client:
        assert client.get("/api/countries").json()["countries"] == []
        assert client.get("/api/pairs").json()["pairs"] == []
        assert client.get("/").status_code == 200
        assert client.get("/api/dyad/IRN/RUS").json()["summary"]["events"] == 0  # known codes, nothing stored
        assert client.get("/api/dyad/IRN/RUS/events").json()["total"] == 0


def test_api_events_mark_the_event_span_on_the_coded_demo(demo_db):
    """Coded events point into their document; the page marks those words inside the sentence."""
    from fastapi.testclient import TestClient

    from bilateral.web import create_app

    with TestClient(create_app(demo_db)) as client:
        rows = client.get("/api/dyad/IRN/RUS/events", params={"size": 100}).json()["rows"]
    marked = [r for r in rows if r["mark"]]
    assert len(marked) > len(rows) // 2
    for r in marked:
        lo, hi = r["mark"]
        assert 0 <= lo < hi <= len(r["sentence"])
        assert r["sentence"][lo:hi].strip()


def test_api_events_without_documents_have_no_mark(client):
    rows = client.get("/api/dyad/IRN/RUS/events", params={"size": 5}).json()["rows"]
    assert [r["mark"] for r in rows] == [None] * 5
