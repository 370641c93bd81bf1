"""Vega-Lite chart specs for the report, rendered offline by vl-convert.

Each builder takes plain records (the report dict's own data) and returns a Vega-Lite spec
as a dict with its data inline, so the JSON report carries charts a page can draw and the
HTML report embeds them as SVG. Rendering never reaches another host: vl-convert runs the
Vega JavaScript in-process and is told to allow no external URL.

The specs are written as dicts, in the form (and key order) altair's ``to_dict`` gives
for the same charts: importing altair and building its objects took about half a second
of every report. Their validity against the Vega-Lite schema is checked in the tests.
"""
from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict

import vl_convert as vlc

FONT = "Helvetica Neue, Helvetica, Arial, sans-serif"
WIDTH = 680
PHASE_COLOURS = {
    "hostile": "#d6604d", "tense": "#f4a582", "cool": "#d9d9d9", "neutral": "#e0e0e0",
    "cordial": "#a6dba0", "aligned": "#5aae61",
}
OTHER_PHASE = "#cccccc"
RENDERED = 32  # SVGs kept, so a report written as HTML and as Markdown draws each chart once
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
COOP, CONFLICT, INK, MUTED = "#1b7837", "#b2182b", "#222222", "#888888"
_CONFIG = {
    "axis": {"domainColor": "#999", "gridColor": "#ececec", "labelColor": "#444", "labelFontSize": 11,
             "titleColor": "#444", "titleFontSize": 11, "titleFontWeight": "normal"},
    "font": FONT,
    "legend": {"labelFontSize": 11, "orient": "bottom", "titleFontSize": 11, "titleFontWeight": "normal"},
    "title": {"anchor": "start", "color": INK, "fontSize": 13, "fontWeight": "normal"},
}
_TYPES = {"T": "temporal", "Q": "quantitative", "N": "nominal", "O": "ordinal"}
_Y_INDEX = {"domain": [-1, 1]}


class Datasets:
    """The data of one chart, referenced by name and attached as the spec's top-level ``datasets``."""

    def __init__(self) -> None:
        self.values: dict[str, list[dict]] = {}

    def __call__(self, records: list[dict]) -> dict:
        name = f"data-{len(self.values)}"
        self.values[name] = records
        return {"name": name}


def field(shorthand: str, typed: bool = True, **extra: object) -> dict:
    """A channel on a field, ``"period:T"`` -> ``{"field": "period", "type": "temporal"}``, properties sorted."""
    name, _, kind = shorthand.partition(":")
    channel = {"field": name, **extra}
    if typed and kind:
        channel["type"] = _TYPES[kind]
    return dict(sorted(channel.items()))


def mark(kind: str, **props: object) -> dict:
    """A mark definition: its type, then its properties in name order."""
    return {"type": kind, **dict(sorted(props.items()))}


def tooltip(*shorthands: str) -> list[dict]:
    return [field(s) for s in shorthands]


def _view(**view: object) -> dict:
    return {"view": {"continuousWidth": 300, "continuousHeight": 300, **dict(sorted({"stroke": None, **view}.items()))}, **_CONFIG}


def _finish(body: dict, data: Datasets, **view: object) -> dict:
    """The spec: configuration first, the chart, the schema, then its data."""
    return {"config": _view(**view), **body, "$schema": SCHEMA, "datasets": data.values}


def layer(data: Datasets, *layers: tuple[list[dict], dict, dict]) -> list[dict]:
    """Layers from (records, mark, encoding) triples."""
    return [{"data": data(records), "mark": m, "encoding": dict(sorted(enc.items()))} for records, m, enc in layers]


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
    labels = sorted({p["label"] for p in phases})
    colour = field("label:N", title="phase", scale={"domain": labels, "range": [phase_colour(lb) for lb in labels]})
    x = field("period:T", title=None)
    layers = [
        (phases, mark("rect", opacity=0.45),
         {"x": field("start:T"), "x2": field("end:T", typed=False), "color": colour, "tooltip": tooltip("label:N", "start:T", "end:T")}),
        ([{"zero": 0}], mark("rule", color="#999", strokeDash=[2, 2]), {"y": field("zero:Q")}),
        (points, mark("circle", size=14, color=MUTED, opacity=0.6),
         {"x": x, "y": field("index:Q", scale=_Y_INDEX, title="cooperation index"), "tooltip": tooltip("period:T", "index:Q")}),
        (points, mark("line", color=INK, strokeWidth=2, interpolate="monotone"), {"x": x, "y": field("smooth:Q", scale=_Y_INDEX)}),
    ]
    if turns:
        layers += [
            (turns, mark("rule", color="#333", strokeDash=[4, 3]), {"x": field("date:T")}),
            (turns, mark("text", dy=-6, fontSize=10, color="#333", align="left", dx=3),
             {"x": field("date:T"), "y": {"value": 8}, "text": field("number:N")}),
        ]
    return _finish({"layer": layer(data, *layers), "height": 260, "title": title, "width": WIDTH}, data)


def lines_chart(records: list[dict], y_title: str, title: str = "", colours: dict[str, str] | None = None) -> dict:
    """Several series over time: records {period, series, value}, one line per ``series``."""
    data = Datasets()
    names = sorted({r["series"] for r in records})
    points = {"size": 12} if len({r["period"] for r in records}) <= 60 else False
    scale = {"domain": names, "range": [colours[n] for n in names]} if colours else {"scheme": "tableau10"}
    encoding = {
        "color": field("series:N", legend={"columns": 4, "symbolType": "stroke"}, scale=scale, title=None),
        "tooltip": tooltip("period:T", "series:N", "value:Q"),
        "x": field("period:T", title=None), "y": field("value:Q", title=y_title),
    }
    body = {"data": data(records), "mark": mark("line", point=points, strokeWidth=1.6), "encoding": encoding,
            "height": 200, "title": title, "width": WIDTH}
    return _finish(body, data)


def context_chart(records: list[dict], title: str = "") -> dict:
    """Third parties' cooperation index with each side: records {period, third, side, value}, one row per third."""
    data = Datasets()
    encoding = {
        "color": field("side:N", scale={"scheme": "dark2"}, title=None),
        "tooltip": tooltip("period:T", "third:N", "side:N", "value:Q"),
        "x": field("period:T", title=None), "y": field("value:Q", scale=_Y_INDEX, title="index"),
    }
    body = {
        "data": data(records),
        "facet": {"row": field("third:N", header={"labelAlign": "left", "labelAngle": 0}, title=None)},
        "spec": {"mark": mark("line", point={"size": 10}, strokeWidth=1.5), "encoding": encoding, "height": 90, "width": WIDTH},
        "title": title,
    }
    return _finish(body, data)


def outlook_chart(history: list[dict], forecast: list[dict], title: str = "") -> dict:
    """Recent index and its forecast: history {period, value}; forecast {period, mean, lower, upper}."""
    data = Datasets()
    layers = layer(
        data,
        (forecast, mark("area", opacity=0.25, color="#4575b4"),
         {"x": field("period:T", title=None), "y": field("lower:Q", scale=_Y_INDEX, title="cooperation index"),
          "y2": field("upper:Q", typed=False)}),
        (history, mark("line", color=INK, point={"size": 14}), {"x": field("period:T"), "y": field("value:Q", scale=_Y_INDEX)}),
        (forecast, mark("line", color="#4575b4", strokeDash=[5, 3], point={"size": 14}),
         {"x": field("period:T"), "y": field("mean:Q", scale=_Y_INDEX), "tooltip": tooltip("period:T", "mean:Q", "lower:Q", "upper:Q")}),
    )
    return _finish({"layer": layers, "height": 220, "title": title, "width": WIDTH}, data)


def bars_chart(records: list[dict], title: str = "") -> dict:
    """Grouped horizontal bars: records {group, kind, value} (e.g. side and phase, verbal vs material)."""
    data = Datasets()
    encoding = {
        "color": field("kind:N", scale={"scheme": "set2"}, title=None),
        "tooltip": tooltip("group:N", "kind:N", "value:Q"),
        "x": field("value:Q", title="events"), "y": field("group:N", sort=None, title=None), "yOffset": field("kind:N"),
    }
    return _finish({"data": data(records), "mark": mark("bar"), "encoding": encoding, "title": title, "width": WIDTH - 160}, data)


def map_chart(features: list[dict], box: dict, points: list[dict], title: str = "") -> dict:
    """Country outlines fitted to ``box`` with a circle per place: points {place, lat, lon, events, goldstein_mean}."""
    data = Datasets()
    where = {"latitude": field("lat:Q"), "longitude": field("lon:Q")}
    layers = layer(
        data,
        (features, mark("geoshape", stroke="white", strokeWidth=0.6, clip=True),
         {"color": {"condition": {"test": "datum.properties.highlight", "value": "#c9d3df"}, "value": "#e6e6e6"}}),
        (points, mark("circle", opacity=0.8, stroke="white", strokeWidth=0.8, clip=True),
         {**where, "size": field("events:Q", scale={"range": [40, 900]}, title="events"),
          "color": field("goldstein_mean:Q", scale={"domain": [-10, 10], "scheme": "redyellowgreen"}, title="mean Goldstein"),
          "tooltip": tooltip("place:N", "events:Q", "goldstein_mean:Q")}),
        (points[:8], mark("text", align="left", dx=8, dy=-6, fontSize=11, color=INK, clip=True), {**where, "text": field("place:N")}),
    )
    body = {"layer": layers, "height": 400, "projection": {"fit": box, "type": "mercator"}, "title": title, "width": WIDTH}
    return _finish(body, data, fill="#f5f8fb")


def _version(spec: dict) -> str | None:
    found = re.search(r"/v(\d+\.\d+)", spec.get("$schema", ""))
    available = vlc.get_vegalite_versions()
    return found.group(1) if found and found.group(1) in available else None


def to_svg(spec: dict, scope: str) -> str:
    """The chart as an SVG string; element ids are prefixed with ``scope`` so several can share a page."""
    return scope_ids(_svg(spec), scope)


def to_png(spec: dict, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes (for Markdown): its SVG rasterised, as vl-convert's own PNG export does."""
    return vlc.svg_to_png(_svg(spec), scale=scale)


_svgs: OrderedDict[str, str] = OrderedDict()
_svgs_lock = threading.Lock()


def _svg(spec: dict) -> str:
    """The chart's SVG from vl-convert, remembered by the spec's content (the last ``RENDERED`` charts)."""
    key = hashlib.sha1(json.dumps(spec, sort_keys=True).encode("utf-8")).hexdigest()
    with _svgs_lock:
        if key in _svgs:
            _svgs.move_to_end(key)
            return _svgs[key]
    svg = vlc.vegalite_to_svg(spec, vl_version=_version(spec), allowed_base_urls=[])
    with _svgs_lock:
        _svgs[key] = svg
        while len(_svgs) > RENDERED:
            _svgs.popitem(last=False)
    return svg


def scope_ids(svg: str, scope: str) -> str:
    """Prefix every id and every local reference to it (clip paths, gradients) with ``scope``."""
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{scope}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{scope}-{m.group(1)})", svg)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{scope}-{m.group(1)}"', svg)
