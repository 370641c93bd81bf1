"""The JSON API under /api/: countries, pairs, a pair's summary, evidence, analysis and downloads.

Every handler checks its parameters (``validation``), reads through a read-only cursor
and returns plain JSON; the pages fetch the same routes.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from bilateral.ontology import cameo_table
from bilateral.web import downloads, queries, validation
from bilateral.web.analysis import analysis_for
from bilateral.web.deps import access, cached, cached_countries, present_codes, records
from bilateral.web.validation import QUAD_NAMES

router = APIRouter(prefix="/api", tags=["api"])
FROM = Query(None, alias="from", description="First day, ISO date (YYYY-MM-DD).")
TO = Query(None, alias="to", description="Last day, ISO date (YYYY-MM-DD).")
FREQ = Query("month", description="day, week, month, quarter or year.")
TEXT = Query(None, description="Text to find in the sentence, title or actor names.")
CODE = Query(None, description="CAMEO codes, comma-separated; 19 matches 190-196.")
QUAD = Query(None, description="Quad classes 1-4, comma-separated.")
DIRECTION = Query(None, description="A->B, B->A or both.")
SORT = Query("date", description=f"One of {', '.join(validation.SORT_COLUMNS)}.")


@router.get("/countries", summary="Countries with events in the store")
def countries(request: Request, partner: str | None = Query(None, description="Only countries with events with this one.")) -> dict:
    """Each country's code, name and number of interstate events (or of events with ``partner``)."""
    frame = cached_countries(request)
    if partner is not None:
        partner = validation.country(partner, frozenset(frame["code"]))
        frame = cached(request, ("partners", partner), lambda: _read(request, queries.partners, partner))
    names = validation.country_names()
    rows = [{"code": r["code"], "name": names.get(r["code"], r["code"]), "events": r["events"]} for r in records(frame)]
    return {"partner": partner, "countries": rows}


@router.get("/pairs", summary="The pairs with most events")
def pairs(request: Request, limit: int = Query(20, description="How many pairs (1-100).")) -> dict:
    if not 1 <= limit <= 100:
        raise validation.bad(f"limit={limit} must be between 1 and 100")
    names = validation.country_names()
    rows = records(cached(request, ("pairs", limit), lambda: _read(request, queries.top_pairs, limit)))
    for row in rows:
        row["a_name"], row["b_name"] = names.get(row["a"], row["a"]), names.get(row["b"], row["b"])
    return {"pairs": rows}


@router.get("/codes", summary="CAMEO event codes for the evidence filter")
def codes() -> dict:
    return _codes_payload()


@router.get("/dyad/{a}/{b}", summary="A pair's summary and its series per period")
def dyad(request: Request, a: str, b: str, start: str | None = FROM, end: str | None = TO, freq: str = FREQ) -> dict:
    """Counts for the pair over the period, and events per period and direction."""
    start, end = validation.period(start, end)
    freq = validation.freq(freq)
    a, b = validation.pair(a, b, present_codes(request))
    summary = checked_span(request, a, b, start, end, freq)

    def compute() -> dict:
        table = _read(request, queries.series, a, b, freq, start, end)
        table["period"] = table["period"].astype(str).str[:10]
        names = validation.country_names()
        return {
            "a": {"code": a, "name": names.get(a, a)},
            "b": {"code": b, "name": names.get(b, b)},
            "period": {"from": start, "to": end, "freq": freq},
            "summary": summary,
            "series": records(table),
        }

    return cached(request, ("dyad", a, b, start, end, freq), compute)


@router.get("/dyad/{a}/{b}/events", summary="The evidence: a pair's events, filtered, sorted and paged")
def events(
    request: Request, a: str, b: str,
    q: str | None = TEXT, code: str | None = CODE, quad: str | None = QUAD, direction: str | None = DIRECTION,
    start: str | None = FROM, end: str | None = TO, sort: str = SORT,
    order: str = Query("desc", description="asc or desc."),
    page: int = Query(1, description="Page number, from 1."),
    size: int = Query(25, description=f"Rows per page (1-{validation.MAX_PAGE_SIZE})."),
) -> dict:
    page, size = validation.paging(page, size)
    sort, order = validation.sorting(sort, order)
    a, b = validation.pair(a, b, present_codes(request))
    filters = validation.event_filters(a, b, q, code, quad, direction, start, end)

    def compute() -> dict:
        with access(request).cursor() as con:
            total, frame = queries.evidence_page(con, a, b, filters, sort, order, page, size)
            rows = records(frame)
            queries.span_marks(con, rows)
        names = _code_names()
        for row in rows:
            row["event"] = names.get(row["cameo"])
        return {
            "total": total, "page": page, "size": size, "pages": max(1, -(-total // size)),
            "sort": sort, "order": order, "filters": _shown_filters(filters), "rows": rows,
        }

    return cached(request, ("events", a, b, filters, sort, order, page, size), compute)


@router.get("/dyad/{a}/{b}/analysis", summary="The dynamics analysis: series, turning points, phases, dimensions, context, outlook")
def analysis(request: Request, a: str, b: str, start: str | None = FROM, end: str | None = TO, freq: str = FREQ) -> dict:
    start, end = validation.period(start, end)
    freq = validation.freq(freq)
    a, b = validation.pair(a, b, present_codes(request))
    checked_span(request, a, b, start, end, freq)
    result = analysis_for(request, a, b, start, end, freq)
    names = validation.country_names()
    codes = {a, b, *(c.get("country") for c in result.get("context") or [])}
    return {**result, "country_names": {c: names.get(c, c) for c in codes if c}}


def checked_span(request: Request, a: str, b: str, start: str | None, end: str | None, freq: str) -> dict:
    """The pair's summary, after checking that its span at ``freq`` is within MAX_PERIODS (a 400 if not)."""
    summary = cached(request, ("summary", a, b, start, end), lambda: _read(request, queries.summary, a, b, start, end))
    validation.period_count(start or summary["first"], end or summary["last"], freq)
    return summary


def _read(request: Request, query, *args):
    """Run one store query with a fresh cursor."""
    with access(request).cursor() as con:
        return query(con, *args)


def _download(fmt: Literal["csv", "json", "parquet"]):
    def handler(
        request: Request, a: str, b: str,
        q: str | None = TEXT, code: str | None = CODE, quad: str | None = QUAD, direction: str | None = DIRECTION,
        start: str | None = FROM, end: str | None = TO, sort: str = SORT, order: str = Query("asc", description="asc or desc."),
    ) -> StreamingResponse:
        sort, order = validation.sorting(sort, order)
        a2, b2 = validation.pair(a, b, present_codes(request))
        filters = validation.event_filters(a2, b2, q, code, quad, direction, start, end)
        return downloads.respond(access(request), fmt, a2, b2, filters, sort, order)

    handler.__name__ = f"events_{fmt}"
    handler.__doc__ = f"Every event of the current selection (same filters as /events, no paging) as {fmt.upper()}, up to {downloads.ROW_CAP:,} rows."
    return handler


for _fmt in ("csv", "json", "parquet"):
    router.add_api_route(f"/dyad/{{a}}/{{b}}/events.{_fmt}", _download(_fmt), methods=["GET"],
                         summary=f"Download the selected events as {_fmt.upper()}", response_class=StreamingResponse)


@lru_cache(maxsize=1)
def _codes_payload() -> dict:
    table = cameo_table()[["code", "name", "root", "quad_class"]]
    return {"codes": records(table), "quad_classes": [{"quad_class": q, "name": n} for q, n in QUAD_NAMES.items()]}


@lru_cache(maxsize=1)
def _code_names() -> dict[str, str]:
    table = cameo_table()
    return dict(zip(table["code"], table["name"]))


def _shown_filters(f: validation.EventFilters) -> dict:
    return {"q": f.q, "code": list(f.codes), "quad": list(f.quads), "direction": f.direction, "from": f.start, "to": f.end}
