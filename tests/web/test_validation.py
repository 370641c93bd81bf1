"""Parameter checks: every bad value is refused with a 4xx and a message naming it."""
from __future__ import annotations

import pytest
from fastapi import HTTPException

from bilateral.web import validation as v


def _refused(call, *args) -> HTTPException:
    with pytest.raises(HTTPException) as info:
        call(*args)
    assert 400 <= info.value.status_code < 500
    assert info.value.detail
    return info.value


def test_validation_country_known_codes_upper_cased():
    assert v.country("irn") == "IRN"
    assert v.country("RUS") == "RUS"
    assert v.country_names()["IRN"] == "Iran"


@pytest.mark.parametrize("value", ["IR", "IRNN", "1RN", "", "../", "IR'", "I N", "IRN;", "ИРН", "%00A"])
def test_validation_country_refuses_malformed(value):
    err = _refused(v.country, value)
    assert err.status_code == 400 and "3 letters" in err.detail


def test_validation_country_unknown_is_404_unless_in_store():
    assert _refused(v.country, "QQQ").status_code == 404
    assert v.country("QQQ", frozenset({"QQQ"})) == "QQQ"  # e.g. a regional code from an imported dataset


def test_validation_pair_needs_two_countries():
    assert v.pair("irn", "rus") == ("IRN", "RUS")
    assert "twice" in _refused(v.pair, "IRN", "irn").detail


@pytest.mark.parametrize("value", ["2020-1-1", "20200101", "2020-02-30", "2020-13-01", "0999-01-01", "3000-01-01",
                                   "2020-01-01T00:00", "2020-01-01' OR '1'='1", "yesterday"])
def test_validation_date_refuses_non_iso(value):
    assert "from=" in _refused(v.date, value, "from").detail


def test_validation_period_orders_dates():
    assert v.period("2020-01-01", "2020-12-31") == ("2020-01-01", "2020-12-31")
    assert v.period("", None) == (None, None)
    assert "after" in _refused(v.period, "2021-01-01", "2020-01-01").detail


def test_validation_freq_fixed_set():
    assert v.freq("quarter") == "quarter"
    for bad in ("monthly", "MONTH", "", "month; DROP TABLE events"):
        _refused(v.freq, bad)


def test_validation_event_filters_codes_quads_direction():
    f = v.event_filters("IRN", "RUS", "  sanctions  ", "19, 0311", "4,3,4", "rus->irn", "2019-01-01", None)
    assert f == v.EventFilters("sanctions", ("19", "0311"), (3, 4), "RUS->IRN", "2019-01-01", None)
    assert v.event_filters("IRN", "RUS", "", "", "", "both", None, None) == v.EventFilters()


@pytest.mark.parametrize("code", ["9", "99999", "19%", "1_", "999", "19 OR 1=1", ",".join(["01"] * 21)])
def test_validation_codes_refused(code):
    _refused(v.event_filters, "IRN", "RUS", None, code, None, None, None, None)


@pytest.mark.parametrize("quad", ["0", "5", "1;2", "coop", "1 OR 1"])
def test_validation_quads_refused(quad):
    _refused(v.event_filters, "IRN", "RUS", None, None, quad, None, None, None)


@pytest.mark.parametrize("direction", ["IRN->USA", "IRN-RUS", "RUS<-IRN", "x"])
def test_validation_direction_refused(direction):
    _refused(v.event_filters, "IRN", "RUS", None, None, None, direction, None, None)


def test_validation_text_bounds():
    _refused(v.event_filters, "IRN", "RUS", "x" * (v.MAX_QUERY_CHARS + 1), None, None, None, None, None)
    _refused(v.event_filters, "IRN", "RUS", "a\x00b", None, None, None, None, None)


def test_validation_paging_bounds():
    assert v.paging(1, 1) == (1, 1)
    assert v.paging(3, v.MAX_PAGE_SIZE) == (3, v.MAX_PAGE_SIZE)
    for page, size in [(0, 25), (-1, 25), (1, 0), (1, v.MAX_PAGE_SIZE + 1), (v.MAX_ROW_OFFSET // 25 + 2, 25), (10**12, 25)]:
        _refused(v.paging, page, size)


def test_validation_sorting_whitelist():
    assert v.sorting("goldstein", "ASC") == ("goldstein", "asc")
    for sort, order in [("date; DROP TABLE events", "asc"), ("sentence", "asc"), ("date", "up"), ("1", "desc")]:
        _refused(v.sorting, sort, order)


def test_validation_period_count_cap():
    assert v.period_count("2000-01-01", "2000-12-31", "month") == 12
    assert v.period_count(None, "2000-12-31", "day") == 0
    assert v.period_count("2000-01-01", "2009-12-31", "day") == 3653 <= v.MAX_PERIODS
    assert "coarser freq" in _refused(v.period_count, "1990-01-01", "2020-12-31", "day").detail
