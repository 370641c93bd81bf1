"""The report download: the report builder's self-contained HTML for the current selection."""
from __future__ import annotations

import logging

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse

from bilateral.web.deps import access, cached

log = logging.getLogger("bilateral.web")
# The report carries its own inline styles and charts; it may load nothing from anywhere.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"


def report_response(request: Request, a: str, b: str, start: str | None, end: str | None, freq: str, download: bool) -> HTMLResponse:
    """The HTML report for the pair, cached until the store changes."""
    store = access(request)

    def compute() -> str:
        render = _builder()
        with store.cursor() as con:
            return render(con, a, b, start, end, freq)

    html = cached(request, ("report", a, b, start, end, freq), compute)
    headers = {"Content-Security-Policy": REPORT_CSP}
    if download:
        headers["Content-Disposition"] = f'attachment; filename="report-{a}-{b}.html"'
    return HTMLResponse(html, headers=headers)


def _builder():
    """A function (con, a, b, start, end, freq) -> HTML text, from the report builder."""
    try:
        from bilateral.report import build_report
        from bilateral.report.render_html import render_html
    except ImportError as exc:
        log.error("the report builder is not importable: %s", exc)
        raise HTTPException(status_code=501, detail="the report builder (bilateral.report) is not available") from exc

    def render(con, a: str, b: str, start: str | None, end: str | None, freq: str) -> str:
        return render_html(build_report(con, a, b, start, end, freq))

    return render
