"""The HTML pages and their JSON twins."""
from __future__ import annotations

import pytest


def test_pages_index_has_picker_and_twin(client, events_frame):
    html = client.get("/").text
    assert 'id="picker"' in html and 'src="/static/index.js' in html and "events.duckdb" in html
    twin = client.get("/index.json").json()
    assert twin["pairs"][0]["a"] == "IRN" and len(twin["countries"]) == 5


def test_pages_dyad_page_carries_the_selection(client):
    response = client.get("/dyad/rus/irn", params={"from": "2018-01-01", "freq": "quarter"})
    assert response.status_code == 200
    html = response.text
    assert 'data-a="RUS" data-b="IRN" data-from="2018-01-01" data-to="" data-freq="quarter"' in html
    assert "<title>Russia – Iran · bilateral</title>" in html
    for section in ("overview", "turning-points", "dimensions", "context", "outlook", "evidence"):
        assert f'id="{section}"' in html


def test_pages_dyad_twin_holds_summary_analysis_and_evidence(client):
    twin = client.get("/dyad/IRN/RUS.json", params={"to": "2020-12-31"}).json()
    api = client.get("/api/dyad/IRN/RUS", params={"to": "2020-12-31"}).json()
    assert twin["summary"] == api["summary"] and twin["series"] == api["series"]
    assert twin["evidence"]["total"] == api["summary"]["events"] and len(twin["evidence"]["rows"]) == 25
    assert twin["analysis"]["events"] == api["summary"]["events"]
    assert twin["analysis"]["end"] == "2020-12-31"


@pytest.mark.parametrize("query, status", [
    ({"a": "irn", "b": "rus", "from": "2018-01-01", "freq": "year"}, 303),
    ({"a": "IRN", "b": "IRN"}, 400),
    ({"a": "IRN", "b": "RUS", "from": "2020-01-01", "to": "2019-01-01"}, 400),
])
def test_pages_go_redirects_the_picker_form(client, query, status):
    response = client.get("/go", params=query, follow_redirects=False)
    assert response.status_code == status
    if status == 303:
        assert response.headers["location"] == "/dyad/IRN/RUS?from=2018-01-01&freq=year"


def _report_builder() -> bool:
    try:
        from bilateral.report import build_report  # noqa: F401
        from bilateral.report.render_html import render_html  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _report_builder(), reason="the report builder (bilateral.report) has not landed")
def test_pages_report_is_self_contained_html(client):
    response = client.get("/dyad/IRN/RUS/report.html", params={"from": "2018-01-01"})
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert "Iran" in response.text and "Russia" in response.text
    saved = client.get("/dyad/IRN/RUS/report.html", params={"download": "true"})
    assert saved.headers["content-disposition"] == 'attachment; filename="report-IRN-RUS.html"'
