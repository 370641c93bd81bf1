"""The HTML pages and their JSON twins; the pages fetch their data from /api/ in the browser.

``/`` picks a pair, ``/dyad/{a}/{b}`` shows it, ``/dyad/{a}/{b}/report.html`` is the
report builder's self-contained report. ``/index.json`` and ``/dyad/{a}/{b}.json`` give
the same content as data (Datasette's rule: every page has a JSON twin).
"""
from __future__ import annotations

from importlib import metadata
from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from bilateral.web import api, validation
from bilateral.web.deps import access, present_codes
from bilateral.web.report import report_response

router = APIRouter(tags=["pages"])
TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
FROM = Query(None, alias="from", description="First day, ISO date (YYYY-MM-DD).")
TO = Query(None, alias="to", description="Last day, ISO date (YYYY-MM-DD).")
FREQ = Query("month", description="day, week, month, quarter or year.")


def _version() -> str:
    try:
        return metadata.version("bilateral")
    except metadata.PackageNotFoundError:
        return "0"


VERSION = _version()
TEMPLATES.env.globals["version"] = VERSION


@router.get("/", response_class=HTMLResponse, summary="Pick a pair of countries")
def index(request: Request) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, "index.html", {"store_name": access(request).path.name})


@router.get("/go", response_class=RedirectResponse, status_code=303, summary="The picker form's target: redirects to the pair page")
def go(request: Request, a: str, b: str, start: str | None = FROM, end: str | None = TO, freq: str = FREQ) -> RedirectResponse:
    start, end = validation.period(start, end)
    freq = validation.freq(freq)
    a, b = validation.pair(a, b, present_codes(request))
    query = urlencode({k: v for k, v in {"from": start, "to": end, "freq": freq}.items() if v})
    return RedirectResponse(f"/dyad/{a}/{b}?{query}", status_code=303)


@router.get("/index.json", summary="The start page as data: countries and top pairs")
def index_json(request: Request) -> dict:
    return {"countries": api.countries(request, None)["countries"], "pairs": api.pairs(request, 20)["pairs"]}


@router.get("/dyad/{a}/{b}.json", summary="The pair page as data: summary, series, analysis and first evidence page")
def dyad_json(request: Request, a: str, b: str, start: str | None = FROM, end: str | None = TO, freq: str = FREQ) -> dict:
    page = api.dyad(request, a, b, start, end, freq)
    a, b = page["a"]["code"], page["b"]["code"]
    start, end = page["period"]["from"], page["period"]["to"]
    page["analysis"] = api.analysis(request, a, b, start, end, freq)
    page["evidence"] = api.events(request, a, b, None, None, None, None, start, end, "date", "desc", 1, 25)
    return page


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse, summary="The pair page: overview, dimensions, context, evidence")
def dyad_page(request: Request, a: str, b: str, start: str | None = FROM, end: str | None = TO, freq: str = FREQ) -> HTMLResponse:
    start, end = validation.period(start, end)
    freq = validation.freq(freq)
    a, b = validation.pair(a, b, present_codes(request))
    names = validation.country_names()
    context = {"a": a, "b": b, "a_name": names.get(a, a), "b_name": names.get(b, b),
               "start": start or "", "end": end or "", "freq": freq}
    return TEMPLATES.TemplateResponse(request, "dyad.html", context)


@router.get("/dyad/{a}/{b}/report.html", response_class=HTMLResponse, summary="The relationship report (self-contained HTML)")
def report(request: Request, a: str, b: str, start: str | None = FROM, end: str | None = TO, freq: str = FREQ,
           download: bool = Query(False, description="Ask the browser to save the file instead of showing it.")) -> HTMLResponse:
    start, end = validation.period(start, end)
    freq = validation.freq(freq)
    a, b = validation.pair(a, b, present_codes(request))
    api.checked_span(request, a, b, start, end, freq)
    return report_response(request, a, b, start, end, freq, download)


def error_page(request: Request, status: int, message: str) -> str:
    """A small HTML page for errors on the HTML routes."""
    return TEMPLATES.get_template("error.html").render(status=status, message=message)
