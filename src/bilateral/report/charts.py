"""Vega-Lite chart specs for the report (built with altair), rendered offline by vl-convert.

Each builder takes plain records (the report dict's own data) and returns a Vega-Lite spec
as a dict with its data inline, so the JSON report carries charts a page can draw and the
HTML report embeds them as SVG. Rendering never reaches another host: vl-convert runs the
Vega JavaScript in-process and is told to allow no external URL.
"""
from __future__ import annotations

import re

import altair as alt
import vl_convert as vlc

FONT = "Helvetica Neue, Helvetica, Arial, sans-serif"
WIDTH = 680
PHASE_COLOURS = {
    "hostile": "#d6604d", "tense": "#f4a582", "cool": "#d9d9d9", "neutral": "#e0e0e0",
    "cordial": "#a6dba0", "aligned": "#5aae61",
}
OTHER_PHASE = "#cccccc"
# Schema validation costs a second per report; the specs are fixed by this module and validated in its tests.
VALIDATE = False
COOP, CONFLICT, INK, MUTED = "#1b7837", "#b2182b", "#222222", "#888888"
_CONFIG = {
    "view": {"stroke": None},
    "axis": {"labelColor": "#444", "titleColor": "#444", "gridColor": "#ececec", "domainColor": "#999",
             "labelFontSize": 11, "titleFontSize": 11, "titleFontWeight": "normal"},
    "legend": {"labelFontSize": 11, "titleFontSize": 11, "titleFontWeight": "normal", "orient": "bottom"},
    "title": {"fontSize": 13, "anchor": "start", "fontWeight": "normal", "color": INK},
}


class Datasets:
    """The data of one chart, referenced by name and attached as the spec's top-level ``datasets``.

    Keeping records out of the altair objects spares altair walking (and copying) every
    value; Vega-Lite resolves ``{"name": ...}`` from ``datasets`` the same way.
    """

    def __init__(self) -> None:
        self.values: dict[str, list[dict]] = {}

    def __call__(self, records: list[dict]) -> alt.NamedData:
        name = f"data-{len(self.values)}"
        self.values[name] = records
        return alt.NamedData(name=name)


def _finish(chart: alt.TopLevelMixin, data: Datasets, **view: object) -> dict:
    """The spec as a dict with its data, the report's typography and a frameless view."""
    spec = (
        chart.configure(font=FONT)
        .configure_axis(**_CONFIG["axis"]).configure_legend(**_CONFIG["legend"])
        .configure_title(**_CONFIG["title"]).configure_view(**{**_CONFIG["view"], **view})
        .to_dict(validate=VALIDATE)
    )
    spec["datasets"] = data.values
    return spec


def phase_colour(label: str) -> str:
    """The shading of a phase label (unknown labels grey)."""
    return PHASE_COLOURS.get(str(label).lower(), OTHER_PHASE)


def index_chart(points: list[dict], phases: list[dict], turns: list[dict], title: str = "") -> dict:
    """The cooperation index over time, phases shaded, turning points marked.

    Args:
        points: {period, index, smooth} per period (index/smooth may be None in gaps).
        phases: {start, end, label} per phase (ISO dates).
        turns: {date, number, direction} per turning point.
    """
    data = Datasets()
    x = alt.X("period:T", title=None)
    y_scale = alt.Scale(domain=[-1, 1])
    labels = sorted({p["label"] for p in phases})
    colour = alt.Color("label:N", title="phase", scale=alt.Scale(domain=labels, range=[phase_colour(lb) for lb in labels]))
    layers = [
        alt.Chart(data(phases)).mark_rect(opacity=0.45).encode(x="start:T", x2="end:T", color=colour,
                                                                tooltip=["label:N", "start:T", "end:T"]),
        alt.Chart(data([{"zero": 0}])).mark_rule(color="#999", strokeDash=[2, 2]).encode(y="zero:Q"),
        alt.Chart(data(points)).mark_circle(size=14, color=MUTED, opacity=0.6).encode(
            x=x, y=alt.Y("index:Q", scale=y_scale, title="cooperation index"), tooltip=["period:T", "index:Q"]),
        alt.Chart(data(points)).mark_line(color=INK, strokeWidth=2, interpolate="monotone").encode(
            x=x, y=alt.Y("smooth:Q", scale=y_scale)),
    ]
    if turns:
        rule = alt.Chart(data(turns)).mark_rule(color="#333", strokeDash=[4, 3]).encode(x="date:T")
        text = alt.Chart(data(turns)).mark_text(dy=-6, fontSize=10, color="#333", align="left", dx=3).encode(
            x="date:T", y=alt.value(8), text="number:N")
        layers += [rule, text]
    return _finish(alt.layer(*layers).properties(width=WIDTH, height=260, title=title), data)


def lines_chart(records: list[dict], y_title: str, title: str = "", colours: dict[str, str] | None = None) -> dict:
    """Several series over time: records {period, series, value}, one line per ``series``."""
    data = Datasets()
    names = sorted({r["series"] for r in records})
    points = alt.OverlayMarkDef(size=12) if len({r["period"] for r in records}) <= 60 else False
    scale = alt.Scale(domain=names, range=[colours[n] for n in names]) if colours else alt.Scale(scheme="tableau10")
    chart = alt.Chart(data(records)).mark_line(point=points, strokeWidth=1.6).encode(
        x=alt.X("period:T", title=None), y=alt.Y("value:Q", title=y_title),
        color=alt.Color("series:N", title=None, scale=scale, legend=alt.Legend(columns=4, symbolType="stroke")),
        tooltip=["period:T", "series:N", "value:Q"])
    return _finish(chart.properties(width=WIDTH, height=200, title=title), data)


def context_chart(records: list[dict], title: str = "") -> dict:
    """Third parties' cooperation index with each side: records {period, third, side, value}, one row per third."""
    data = Datasets()
    chart = alt.Chart(data(records)).mark_line(point=alt.OverlayMarkDef(size=10), strokeWidth=1.5).encode(
        x=alt.X("period:T", title=None),
        y=alt.Y("value:Q", title="index", scale=alt.Scale(domain=[-1, 1])),
        color=alt.Color("side:N", title=None, scale=alt.Scale(scheme="dark2")),
        tooltip=["period:T", "third:N", "side:N", "value:Q"],
    ).properties(width=WIDTH, height=90)
    return _finish(chart.facet(row=alt.Row("third:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left"))).properties(title=title), data)


def outlook_chart(history: list[dict], forecast: list[dict], title: str = "") -> dict:
    """Recent index and its forecast: history {period, value}; forecast {period, mean, lower, upper}."""
    data = Datasets()
    y = alt.Scale(domain=[-1, 1])
    band = alt.Chart(data(forecast)).mark_area(opacity=0.25, color="#4575b4").encode(
        x=alt.X("period:T", title=None), y=alt.Y("lower:Q", scale=y, title="cooperation index"), y2="upper:Q")
    past = alt.Chart(data(history)).mark_line(color=INK, point=alt.OverlayMarkDef(size=14)).encode(
        x="period:T", y=alt.Y("value:Q", scale=y))
    ahead = alt.Chart(data(forecast)).mark_line(color="#4575b4", strokeDash=[5, 3], point=alt.OverlayMarkDef(size=14)).encode(
        x="period:T", y=alt.Y("mean:Q", scale=y), tooltip=["period:T", "mean:Q", "lower:Q", "upper:Q"])
    return _finish(alt.layer(band, past, ahead).properties(width=WIDTH, height=220, title=title), data)


def bars_chart(records: list[dict], title: str = "") -> dict:
    """Grouped horizontal bars: records {group, kind, value} (e.g. side and phase, verbal vs material)."""
    data = Datasets()
    chart = alt.Chart(data(records)).mark_bar().encode(
        y=alt.Y("group:N", title=None, sort=None), x=alt.X("value:Q", title="events"),
        yOffset="kind:N", color=alt.Color("kind:N", title=None, scale=alt.Scale(scheme="set2")),
        tooltip=["group:N", "kind:N", "value:Q"])
    return _finish(chart.properties(width=WIDTH - 160, title=title), data)


def map_chart(features: list[dict], box: dict, points: list[dict], title: str = "") -> dict:
    """Country outlines fitted to ``box`` with a circle per place: points {place, lat, lon, events, goldstein_mean}."""
    data = Datasets()
    land = alt.Chart(data(features)).mark_geoshape(stroke="white", strokeWidth=0.6, clip=True).encode(
        color=alt.condition("datum.properties.highlight", alt.value("#c9d3df"), alt.value("#e6e6e6")))
    dots = alt.Chart(data(points)).mark_circle(opacity=0.8, stroke="white", strokeWidth=0.8, clip=True).encode(
        latitude="lat:Q", longitude="lon:Q",
        size=alt.Size("events:Q", title="events", scale=alt.Scale(range=[40, 900])),
        color=alt.Color("goldstein_mean:Q", title="mean Goldstein", scale=alt.Scale(domain=[-10, 10], scheme="redyellowgreen")),
        tooltip=["place:N", "events:Q", "goldstein_mean:Q"])
    labels = alt.Chart(data(points[:8])).mark_text(align="left", dx=8, dy=-6, fontSize=11, color=INK, clip=True).encode(
        latitude="lat:Q", longitude="lon:Q", text="place:N")
    chart = alt.layer(land, dots, labels).project(type="mercator", fit=box).properties(width=WIDTH, height=400, title=title)
    return _finish(chart, data, fill="#f5f8fb")


def _version(spec: dict) -> str | None:
    found = re.search(r"/v(\d+\.\d+)", spec.get("$schema", ""))
    available = vlc.get_vegalite_versions()
    return found.group(1) if found and found.group(1) in available else None


def to_svg(spec: dict, scope: str) -> str:
    """The chart as an SVG string; element ids are prefixed with ``scope`` so several can share a page."""
    svg = vlc.vegalite_to_svg(spec, vl_version=_version(spec), allowed_base_urls=[])
    return scope_ids(svg, scope)


def to_png(spec: dict, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes (for Markdown)."""
    return vlc.vegalite_to_png(spec, vl_version=_version(spec), scale=scale, allowed_base_urls=[])


def scope_ids(svg: str, scope: str) -> str:
    """Prefix every id and every local reference to it (clip paths, gradients) with ``scope``."""
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{scope}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{scope}-{m.group(1)})", svg)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{scope}-{m.group(1)}"', svg)
