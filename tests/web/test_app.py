"""The app's security (issue 7, item 4): hostile parameters, read-only routes, errors, headers, OpenAPI."""
from __future__ import annotations

import logging
import re
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from bilateral.web import api, create_app, pages

HOSTILE = [
    "' OR '1'='1", "IRN'; DROP TABLE events; --", "1 UNION SELECT * FROM documents", "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd", "/etc/passwd", "%00", "\x00", "<script>alert(1)</script>", "$(touch /tmp/x)",
    "IRN\nRUS", "🙂", "x" * 5000, "-1", "1e309", "NaN", "date; --", "COPY events TO '/tmp/x.csv'",
]
# A value that passes each parameter's checks, so each hostile value is tried alone.
VALID = {"a": "IRN", "b": "RUS", "partner": "IRN", "limit": "5", "from": "2017-01-01", "to": "2020-12-31",
         "freq": "month", "q": "officials", "code": "04", "quad": "1", "direction": "IRN->RUS", "sort": "date",
         "order": "asc", "page": "1", "size": "5", "download": "false"}


def _routes(app) -> list[APIRoute]:
    """Every route the app declares (its two routers; FastAPI nests included routers)."""
    return [r for r in api.router.routes + pages.router.routes if isinstance(r, APIRoute)]


def _url(path: str, values: dict) -> str:
    return re.sub(r"{(\w+)}", lambda m: values[m.group(1)], path)


def _cases(client) -> list[tuple[str, dict]]:
    """(url, query) pairs: every parameter of every GET route with each hostile value in turn."""
    spec = client.get("/openapi.json").json()
    cases = []
    for path, item in spec["paths"].items():
        params = item["get"].get("parameters", [])
        for param in params:
            for bad in HOSTILE:
                values = {p["name"]: VALID[p["name"]] for p in params}
                values[param["name"]] = bad
                path_values = {k: quote(v, safe="") for k, v in values.items()}
                query = {p["name"]: values[p["name"]] for p in params if p["in"] == "query"}
                cases.append((_url(path, path_values), query))
    return cases


def test_app_hostile_values_in_every_parameter_give_4xx_or_safe_answers(client, events_frame):
    cases = _cases(client)
    assert len(cases) > 30 * len(HOSTILE) // 2
    for url, query in cases:
        response = client.get(url, params=query)
        assert response.status_code < 500, (url, query, response.text[:200])
        if response.status_code >= 400:
            assert "Traceback" not in response.text and response.text
        assert "root:x:0" not in response.text
    assert client.get("/api/countries").json()["countries"][0]["events"] == max(
        events_frame.source_country.value_counts().add(events_frame.target_country.value_counts(), fill_value=0))


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e%2f%2e%2e%2fweb%2fapp.py", "/dyad/..%2F..%2Fetc/passwd", "/api/dyad/IRN/..%2f..%2fetc%2fpasswd/events",
])
def test_app_path_traversal_is_refused(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500
    assert "root:" not in response.text and "create_app" not in response.text


def test_app_static_files_are_served(client):
    for name, kind in [("app.css", "text/css"), ("dyad.js", "javascript"), ("chart.js", "javascript"), ("favicon.svg", "svg")]:
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and kind in response.headers["content-type"]


def test_app_openapi_lists_every_route(app, client):
    paths = client.get("/openapi.json").json()["paths"]
    routes = _routes(app)
    assert len(routes) >= 14
    for route in routes:
        assert route.path in paths, route.path
        assert set(paths[route.path]) == {"get"}
    for expected in ["/api/countries", "/api/dyad/{a}/{b}", "/api/dyad/{a}/{b}/events", "/api/dyad/{a}/{b}/analysis",
                     "/api/dyad/{a}/{b}/events.csv", "/api/dyad/{a}/{b}/events.json", "/api/dyad/{a}/{b}/events.parquet",
                     "/dyad/{a}/{b}/report.html", "/dyad/{a}/{b}", "/dyad/{a}/{b}.json", "/index.json"]:
        assert expected in paths


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_app_no_route_accepts_writes(app, client, method):
    urls = [_url(r.path, {"a": "IRN", "b": "RUS"}) for r in _routes(app)] + ["/static/app.css", "/openapi.json"]
    for url in urls:
        response = client.request(method, url)
        assert response.status_code == 405, (method, url)


def test_app_store_connection_is_read_only(app):
    with app.state.access.cursor() as con:
        with pytest.raises(Exception, match="(?i)read.only"):
            con.execute("CREATE TABLE intruder (i INTEGER)")


def test_app_unexpected_error_is_500_without_details(web_db, monkeypatch, caplog):
    from bilateral.web import queries

    def explode(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(queries, "summary", explode)
    with TestClient(create_app(web_db), raise_server_exceptions=False) as client, caplog.at_level(logging.ERROR, "bilateral.web"):
        response = client.get("/api/dyad/IRN/RUS")
        page = client.get("/dyad/IRN/RUS.json")
    assert response.status_code == 500 and page.status_code == 500
    assert "secret" not in response.text and "Traceback" not in response.text
    assert response.json() == {"detail": "internal error; the server log has the details"}
    assert "secret internal detail" in caplog.text


def test_app_security_headers(client):
    response = client.get("/dyad/IRN/RUS")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert client.get("/api/countries").headers["referrer-policy"] == "no-referrer"


def test_app_pages_load_nothing_from_other_hosts(client):
    for url in ["/", "/dyad/IRN/RUS", "/dyad/IRN/QQQ"]:
        html = client.get(url).text
        refs = re.findall(r'(?:src|href)="([^"]*)"', html)
        assert refs and all(r.startswith(("/", "#")) for r in refs), refs
        assert "<script>" not in html and " style=" not in html  # nothing the CSP would block


def test_app_trusted_hosts_refuse_rebinding(web_db):
    with TestClient(create_app(web_db, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1") as client:
        assert client.get("/api/countries").status_code == 200
        assert client.get("/api/countries", headers={"Host": "evil.example"}).status_code == 400


def test_app_missing_store_fails_at_start(tmp_path):
    from bilateral.errors import StoreError

    with pytest.raises(StoreError, match="no such store"):
        create_app(tmp_path / "absent.duckdb")


def test_app_errors_on_pages_are_html(client):
    response = client.get("/dyad/IRN/QQQ")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "unknown country code" in response.text
    api = client.get("/api/dyad/IRN/QQQ")
    assert api.status_code == 404 and "unknown country code" in api.json()["detail"]
