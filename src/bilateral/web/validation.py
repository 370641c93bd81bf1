"""Checks for every request parameter: each bad value becomes a 400 that says what is wrong.

Values reach SQL only as bound parameters; the few that shape the SQL text itself
(sort column, order) are taken from fixed whitelists here.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from fastapi import HTTPException

from bilateral.actors.dictionary import ACTORS_DIR, read_rows
from bilateral.dynamics import FREQUENCIES
from bilateral.ontology import cameo_table

MAX_PAGE_SIZE = 200  # rows per page of the evidence table
MAX_ROW_OFFSET = 1_000_000  # deepest row a page may start at
MAX_QUERY_CHARS = 200
MAX_CODES = 20
MAX_PERIODS = 4000  # periods in one series or analysis: about ten years of days, seventy-six of weeks
_PANDAS_FREQ = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
SORT_COLUMNS = ("date", "goldstein", "cameo", "quad_class", "direction", "source", "target", "sources", "title")
ORDERS = ("asc", "desc")
QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}
_COUNTRY = re.compile(r"[A-Za-z]{3}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CODE = re.compile(r"\d{2,4}")


def bad(message: str, status: int = 400) -> HTTPException:
    """The exception for a rejected parameter (FastAPI turns it into a JSON 4xx)."""
    return HTTPException(status_code=status, detail=message)


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Code -> name for every state and territory in the shipped country table."""
    return {row["code"]: row["name"] for _, row in read_rows(ACTORS_DIR / "countries.csv")}


@lru_cache(maxsize=1)
def cameo_codes() -> frozenset[str]:
    """Every CAMEO code the ontology knows ("01" .. "204")."""
    return frozenset(cameo_table()["code"])


def country(value: str, present: frozenset[str] = frozenset()) -> str:
    """A 3-letter code known to the country table or present in the store, upper-cased."""
    if not isinstance(value, str) or not _COUNTRY.fullmatch(value):
        raise bad(f"country code {_shown(value)} must be 3 letters (ISO alpha-3, e.g. IRN)")
    code = value.upper()
    if code not in country_names() and code not in present:
        raise bad(f"unknown country code {code!r}; GET /api/countries lists the codes in this store", 404)
    return code


def pair(a: str, b: str, present: frozenset[str] = frozenset()) -> tuple[str, str]:
    """Two different known country codes."""
    a, b = country(a, present), country(b, present)
    if a == b:
        raise bad(f"a pair needs two different countries, got {a} twice")
    return a, b


def date(value: str | None, name: str) -> str | None:
    """An ISO date (YYYY-MM-DD) between years 1000 and 2999, or None when empty."""
    if value is None or value == "":
        return None
    if not _ISO_DATE.fullmatch(value):
        raise bad(f"{name}={_shown(value)} is not an ISO date (use YYYY-MM-DD)")
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise bad(f"{name}={_shown(value)} is not a calendar date") from None
    if not 1000 <= parsed.year <= 2999:
        raise bad(f"{name}={value} is out of range (years 1000-2999)")
    return parsed.isoformat()


def period(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """``from`` and ``to`` as ISO dates with from <= to."""
    start, end = date(start, "from"), date(end, "to")
    if start and end and start > end:
        raise bad(f"from={start} is after to={end}")
    return start, end


def freq(value: str) -> str:
    """One of the dynamics frequencies."""
    if value not in FREQUENCIES:
        raise bad(f"freq={_shown(value)} is not one of {', '.join(FREQUENCIES)}")
    return value


def period_count(first: str | None, last: str | None, freq: str) -> int:
    """How many periods of ``freq`` from ``first`` to ``last`` (both counted); refused beyond MAX_PERIODS."""
    if not first or not last:
        return 0
    code = _PANDAS_FREQ[freq]
    count = (pd.Period(last[:10], code) - pd.Period(first[:10], code)).n + 1
    if count <= MAX_PERIODS:
        return count
    raise bad(f"{first} to {last} is {count:,} {freq}s; the limit is {MAX_PERIODS:,} periods: "
              f"narrow the period (from, to) or use a coarser freq")


@dataclass(frozen=True)
class EventFilters:
    """What the evidence table shows: text, codes, quad classes, direction and dates."""

    q: str | None = None
    codes: tuple[str, ...] = ()
    quads: tuple[int, ...] = ()
    direction: str | None = None
    start: str | None = None
    end: str | None = None


def event_filters(a: str, b: str, q: str | None, code: str | None, quad: str | None, direction: str | None,
                  start: str | None, end: str | None) -> EventFilters:
    """Checked filters for the events of pair (a, b)."""
    start, end = period(start, end)
    return EventFilters(_text(q), _codes(code), _quads(quad), _direction(direction, a, b), start, end)


def _text(q: str | None) -> str | None:
    if q is None or not q.strip():
        return None
    if len(q) > MAX_QUERY_CHARS:
        raise bad(f"q is {len(q)} characters long; the limit is {MAX_QUERY_CHARS}")
    if "\x00" in q:
        raise bad("q contains a NUL character")
    return q.strip()


def _codes(code: str | None) -> tuple[str, ...]:
    """Comma-separated CAMEO codes; each matches itself and its sub-codes ("19" matches "190".."196")."""
    if not code:
        return ()
    parts = [p.strip() for p in code.split(",") if p.strip()]
    if len(parts) > MAX_CODES:
        raise bad(f"code lists {len(parts)} codes; the limit is {MAX_CODES}")
    for part in parts:
        if not _CODE.fullmatch(part) or part not in cameo_codes():
            raise bad(f"code={_shown(part)} is not a CAMEO code (two to four digits, e.g. 04 or 0311)")
    return tuple(parts)


def _quads(quad: str | None) -> tuple[int, ...]:
    if not quad:
        return ()
    parts = [p.strip() for p in quad.split(",") if p.strip()]
    if not parts or any(p not in {"1", "2", "3", "4"} for p in parts):
        raise bad(f"quad={_shown(quad)} must be quad classes 1-4, comma-separated (1 verbal coop .. 4 material conflict)")
    return tuple(sorted({int(p) for p in parts}))


def _direction(direction: str | None, a: str, b: str) -> str | None:
    if not direction or direction == "both":
        return None
    allowed = (f"{a}->{b}", f"{b}->{a}")
    if direction.upper() not in allowed:
        raise bad(f"direction={_shown(direction)} must be {allowed[0]}, {allowed[1]} or both")
    return direction.upper()


def paging(page: int, size: int) -> tuple[int, int]:
    """Page (from 1) and size within bounds; the offset is capped at MAX_ROW_OFFSET."""
    if size < 1 or size > MAX_PAGE_SIZE:
        raise bad(f"size={size} must be between 1 and {MAX_PAGE_SIZE}")
    if page < 1:
        raise bad(f"page={page} must be 1 or more")
    if (page - 1) * size > MAX_ROW_OFFSET:
        raise bad(f"page={page} starts beyond row {MAX_ROW_OFFSET}; narrow the filters instead")
    return page, size


def sorting(sort: str, order: str) -> tuple[str, str]:
    """A sort column from SORT_COLUMNS and asc/desc."""
    if sort not in SORT_COLUMNS:
        raise bad(f"sort={_shown(sort)} must be one of {', '.join(SORT_COLUMNS)}")
    if order.lower() not in ORDERS:
        raise bad(f"order={_shown(order)} must be asc or desc")
    return sort, order.lower()


def _shown(value: object) -> str:
    """A rejected value, quoted and shortened for the message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
