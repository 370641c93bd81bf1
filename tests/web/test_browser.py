"""End-to-end: the real app on 127.0.0.1 driven by headless Debian Chromium (issue 5, item 3).

Each test checks what a user sees and saves screenshots under its tmp_path.
"""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium chromium-driver)"),
]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page; afterwards, no script error and no request to any other host."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    errors, requests = [], []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    context.on("request", lambda req: requests.append(req.url))
    yield tab
    context.close()
    assert errors == []
    foreign = [u for u in requests if not u.startswith(live_server.url) and not u.startswith(("data:", "blob:"))]
    assert foreign == []


def _rows(page) -> list[str]:
    return page.locator("#evidence-table tbody tr[data-event-id]").evaluate_all("rows => rows.map(r => r.dataset.eventId)")


def _wait_rows(page, before: list[str]) -> list[str]:
    page.wait_for_function(
        "before => { const ids = [...document.querySelectorAll('#evidence-table tbody tr[data-event-id]')].map(r => r.dataset.eventId);"
        " return ids.length > 0 && ids.join() !== before.join(); }", arg=before)
    return _rows(page)


def test_browser_pick_pair_and_see_the_chart(page, live_server, tmp_path, events_frame):
    page.goto(live_server.url + "/")
    page.wait_for_selector("#pairs tbody a")
    page.wait_for_function("() => document.querySelectorAll('#pick-a option').length >= 5")
    page.select_option("#pick-a", "RUS")
    page.wait_for_function("() => [...document.querySelectorAll('#pick-b option')].some(o => o.value === 'UKR')")
    page.select_option("#pick-b", "IRN")
    page.fill("#pick-from", "2017-01-01")
    page.screenshot(path=tmp_path / "index.png", full_page=True)
    page.click("#picker button[type=submit]")
    page.wait_for_url(re.compile(r"/dyad/RUS/IRN\?from=2017-01-01&freq=month$"))
    line = page.wait_for_selector("#chart-overview svg path.series[data-name='Smoothed index']")
    assert len(line.get_attribute("d")) > 200
    box = page.locator("#chart-overview svg").bounding_box()
    assert box["width"] > 600 and box["height"] > 200
    assert page.locator("#chart-overview svg .band rect").count() >= 2  # phases shaded
    assert page.locator("#chart-overview svg g.turning").count() >= 1  # turning points marked
    assert page.locator("#chart-volume svg path.series").count() == 2
    page.wait_for_selector("#dimension-charts svg")
    page.wait_for_selector("#context-list table")
    pair = events_frame[events_frame.source_country.isin(["RUS", "IRN"]) & events_frame.target_country.isin(["RUS", "IRN"])]
    expected = int((pair["date"].astype(str) >= "2017-01-01").sum())
    assert page.locator("#period-line").inner_text().startswith(f"{expected:,} events from 2017-01-")
    page.screenshot(path=tmp_path / "dyad.png", full_page=True)
    assert (tmp_path / "dyad.png").stat().st_size > 50_000


def test_browser_filter_sort_and_page_the_evidence(page, live_server, tmp_path):
    page.goto(live_server.url + "/dyad/IRN/RUS")
    page.wait_for_selector("#evidence-table tbody tr[data-event-id]")
    first = _rows(page)
    assert len(first) == 25
    page.wait_for_function("() => document.querySelectorAll('#f-quad option').length > 4")
    page.select_option("#f-quad", "4")
    conflict = _wait_rows(page, first)
    assert page.locator("#evidence-table tbody .pill.q4").count() == len(conflict)
    assert page.locator("#evidence-table tbody .pill.q1, #evidence-table tbody .pill.q2").count() == 0
    page.fill("#f-q", "weapons")
    page.click("#filters button[type=submit]")
    found = _wait_rows(page, conflict)
    sentences = page.locator("#evidence-table td.sentence").all_inner_texts()
    assert sentences and all("weapons" in s.lower() for s in sentences) and len(found) < 25
    page.click("#f-reset")
    reset = _wait_rows(page, found)
    assert reset == first
    page.click("th[data-sort=goldstein]")
    by_goldstein = _wait_rows(page, reset)
    values = [float(v) for v in page.locator("#evidence-table tbody td.num:nth-child(4)").all_inner_texts()]
    assert values == sorted(values) and values[0] == -10.0
    page.click("#page-next")
    second = _wait_rows(page, by_goldstein)
    assert not set(second) & set(by_goldstein)
    assert page.locator("#page-info").inner_text().startswith("Page 2 of")
    links = page.locator("#evidence-table td.source a")
    assert links.count() == 25 and links.first.get_attribute("href").startswith("https://news.example.org/")
    assert links.first.get_attribute("rel") == "noopener noreferrer nofollow"
    page.locator("#evidence").screenshot(path=tmp_path / "evidence.png")


def test_browser_turning_point_shows_its_events(page, live_server):
    page.goto(live_server.url + "/dyad/IRN/RUS")
    page.wait_for_selector("#evidence-table tbody tr[data-event-id]")
    before = _rows(page)
    page.locator("#chart-overview g.turning").first.click()
    after = _wait_rows(page, before)
    assert page.input_value("#f-from").startswith("2019-") and page.input_value("#f-to").startswith("2019-")
    dates = page.locator("#evidence-table td.date").all_inner_texts()
    assert after and all(d.startswith("2019-") for d in dates)


def test_browser_downloads_report_and_events(page, live_server, tmp_path):
    page.goto(live_server.url + "/dyad/IRN/RUS?from=2018-01-01&to=2020-12-31")
    page.wait_for_selector("#evidence-table tbody tr[data-event-id]")
    page.select_option("#f-quad", "1,2")
    page.wait_for_function("() => document.querySelector('#evidence-status').textContent.startsWith('Showing 1–25 of')"
                           " && document.querySelector('#dl-csv').href.includes('quad=1%2C2')")
    total = int(re.search(r"of ([\d,]+) events", page.inner_text("#evidence-status")).group(1).replace(",", ""))
    with page.expect_download() as info:
        page.click("#dl-csv")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    rows = list(csv.DictReader(saved.open(encoding="utf-8")))
    assert saved.name == "bilateral-IRN-RUS-events.csv" and len(rows) == total
    assert {r["quad_class"] for r in rows} == {"1", "2"} and min(r["date"] for r in rows) >= "2018-01-01"
    _report_opens(page, tmp_path)


def _report_opens(page, tmp_path):
    try:
        from bilateral.report import build_report  # noqa: F401
        from bilateral.report.render_html import render_html  # noqa: F401
    except ImportError:
        pytest.skip("the report builder (bilateral.report) has not landed")
    with page.context.expect_page(timeout=120_000) as info:
        page.click("#dl-report")
    report = info.value
    report.wait_for_load_state("load", timeout=120_000)
    assert "/dyad/IRN/RUS/report.html?from=2018-01-01&to=2020-12-31" in report.url
    assert "Iran" in report.title() and "Russia" in report.title()
    assert report.locator("svg").count() >= 1
    report.screenshot(path=tmp_path / "report.png")


def test_browser_hostile_text_stays_text(page, live_server, hostile):
    page.goto(live_server.url + "/dyad/IRN/RUS?to=2016-01-31")
    page.wait_for_selector("#evidence-table tbody tr[data-event-id]")
    page.fill("#f-q", "__pwned")
    page.click("#filters button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#evidence-table tbody tr[data-event-id]').length === 1")
    assert page.locator("#evidence-table td.sentence").inner_text() == hostile["sentence"]
    assert page.locator("#evidence-table td.source a").count() == 0  # a javascript: URL is not a link
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#evidence-table b, #evidence-table img").count() == 0


def test_browser_demo_corpus_pair(browser, demo_server, tmp_path):
    """The coded demo corpus: Iran-Russia shows its chart and its real sentences, each linked to its source."""
    import json
    import urllib.request

    summary = json.load(urllib.request.urlopen(demo_server.url + "/api/dyad/IRN/RUS?freq=quarter"))["summary"]
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(demo_server.url + "/dyad/IRN/RUS?freq=quarter")
    line = page.wait_for_selector("#chart-overview svg path.series[data-name='Smoothed index']")
    assert len(line.get_attribute("d")) > 100
    page.wait_for_function("() => document.querySelector('#evidence-status').textContent.startsWith('Showing')")
    assert f"of {summary['events']:,} events" in page.inner_text("#evidence-status")
    first = _rows(page)
    page.fill("#f-q", "treaty")
    page.click("#filters button[type=submit]")
    found = _wait_rows(page, first)
    texts = page.locator("#evidence-table td.sentence").all_inner_texts()
    titles = page.locator("#evidence-table td.source").all_inner_texts()
    assert 0 < len(found) < summary["events"]
    assert all("treaty" in (s + t).lower() for s, t in zip(texts, titles))
    assert page.locator("#evidence-table td.source a").count() == len(found)
    page.screenshot(path=tmp_path / "demo-dyad.png", full_page=True)
    page.close()


def test_browser_waits_while_a_writer_holds_the_store(browser, web_db, server_for, tmp_path):
    """Issue 7, item 3: while `bilateral import` writes, pages say so and retry, then show the data."""
    import shutil

    from bilateral.web import create_app

    db = tmp_path / "busy.duckdb"
    shutil.copy(web_db, db)
    app = create_app(db)
    app.state.access.linger, app.state.access.wait = 0.0, 0.2
    with server_for(app) as server:
        page = browser.new_page()
        with _writer(db):  # nothing cached yet: the page itself is a 503 that reloads itself
            page.goto(server.url + "/dyad/IRN/RUS")
            assert "being written by another bilateral process" in page.inner_text(".error-message")
        page.wait_for_selector("#evidence-table tbody tr[data-event-id]", timeout=30_000)
        with _writer(db):  # the page loads (countries cached); its fetches get 503 and retry
            page.goto(server.url + "/dyad/RUS/UKR")
            page.wait_for_timeout(1500)
            assert page.locator("#evidence-table tbody tr[data-event-id]").count() == 0
            assert page.inner_text("#evidence-status") == "Loading…"
        page.wait_for_selector("#evidence-table tbody tr[data-event-id]", timeout=30_000)
        page.wait_for_selector("#chart-overview svg path.series", timeout=60_000)
        page.screenshot(path=tmp_path / "after-writer.png", full_page=True)
        page.close()


@contextmanager
def _writer(db):
    """Another process holding the store's write lock, as `bilateral import` does while it writes."""
    hold = (
        "import sys, time, duckdb\n"
        "for _ in range(300):  # the server may still hold its read lock for a moment\n"
        "    try:\n"
        "        con = duckdb.connect(sys.argv[1]); break\n"
        "    except duckdb.IOException:\n"
        "        time.sleep(0.1)\n"
        "print('locked', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", hold, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        yield proc
    finally:
        proc.kill()
        proc.wait()
