"""The report as one self-contained HTML file: styles and charts inline, nothing loaded from any host.

Every string from the report dict passes through jinja2's autoescape; citation markers in
prose become links to the evidence rows (``#ev-N``), and only http(s) source URLs become
links (``Evidence.link``). Charts are rendered to SVG in-process by vl-convert.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from markupsafe import Markup, escape

from bilateral.report.charts import to_svg
from bilateral.report.prose import CITATION, environment


def cite_links(text: str) -> Markup:
    """Escape ``text`` and turn its ``[n, m]`` markers into links to evidence rows."""
    def link(match) -> str:
        numbers = match.group(1).split(", ")
        return "[" + ", ".join(f'<a class="cite" href="#ev-{n}">{n}</a>' for n in numbers) + "]"

    return Markup(CITATION.sub(link, str(escape(text))))


def chart_svgs(report: dict, workers: int = 2) -> dict[str, str]:
    """SVG text of every chart block, by chart id (rendered in parallel; vl-convert releases the GIL)."""
    charts = [block for section in report["sections"] for block in section["blocks"] if block["kind"] == "chart"]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        svgs = list(pool.map(lambda block: to_svg(block["spec"], block["id"]), charts))
    return {block["id"]: svg for block, svg in zip(charts, svgs)}


def render_html(report: dict) -> str:
    """The report dict as an HTML document (a string)."""
    env = environment()
    env.filters.setdefault("cite_links", cite_links)
    svgs = chart_svgs(report)
    return env.get_template("report.html.j2").render(report=report, svg=lambda cid: Markup(svgs[cid]))


def write_html(report: dict, path: str | Path) -> Path:
    """Write the HTML report to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")
    return path
