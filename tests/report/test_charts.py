"""Chart specs: valid Vega-Lite, rendered offline to SVG and PNG, ids scoped per chart, text escaped."""
import re

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema import load_schema

from bilateral.report import charts, geo

POINTS = [{"period": f"2020-{m:02d}-01", "index": 0.1 * m - 0.6, "smooth": 0.1 * m - 0.6} for m in range(1, 13)]
PHASES = [{"start": "2020-01-01", "end": "2020-06-30", "label": "tense"}, {"start": "2020-07-01", "end": "2020-12-31", "label": "cordial"}]


def _specs() -> dict:
    places = [{"place": "<script>alert(1)</script>", "lat": 35.7, "lon": 51.4, "events": 3, "goldstein_mean": 2.0}]
    box = geo.view_box([35.7], [51.4])
    return {
        "index": charts.index_chart(POINTS, PHASES, [{"date": "2020-07-01", "number": "1"}]),
        "lines": charts.lines_chart([{"period": "2020-01-01", "series": "economic cooperation", "value": 2}], "events"),
        "context": charts.context_chart([{"period": "2020-01-01", "third": "China", "side": "with Iran", "value": 0.5}]),
        "outlook": charts.outlook_chart([{"period": "2020-01-01", "value": 0.2}],
                                        [{"period": "2020-02-01", "mean": 0.2, "lower": -0.1, "upper": 0.5}]),
        "bars": charts.bars_chart([{"group": "IRN -> RUS", "kind": "coop words", "value": 3}]),
        "map": charts.map_chart(geo.features_in(box), geo.box_feature(box), places),
    }


@pytest.fixture(scope="module")
def specs() -> dict:
    return _specs()


def test_charts_specs_are_valid_vega_lite(specs):
    schema = load_schema()
    for name, spec in specs.items():
        validate_jsonschema(spec, schema)  # raises, naming the bad property, when a spec is invalid
        assert spec["datasets"] and all(spec["datasets"].values()), name


def test_charts_render_svg_without_external_references(specs):
    for name, spec in specs.items():
        svg = charts.to_svg(spec, f"c-{name}")
        assert svg.lstrip().startswith("<svg"), name
        urls = set(re.findall(r"(?:href|src)=\"([^\"]+)\"", svg))
        assert all(u.startswith("#") for u in urls), (name, urls)


def test_charts_scope_ids_keeps_references_consistent(specs):
    svg = charts.to_svg(specs["map"], "chart-x")  # clip paths and a gradient legend
    ids = re.findall(r'\bid="([^"]+)"', svg)
    refs = re.findall(r"url\(#([^)]+)\)", svg)
    assert ids and all(i.startswith("chart-x-") for i in ids)
    assert set(refs) <= set(ids)


def test_charts_escape_text_from_the_store(specs):
    svg = charts.to_svg(specs["map"], "m")
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg


def test_charts_png_is_an_image(specs):
    png = charts.to_png(specs["outlook"], scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 1000


def test_charts_phase_colours_follow_the_label_scale():
    assert charts.phase_colour("hostile") != charts.phase_colour("aligned")
    assert charts.phase_colour("unheard-of") == charts.OTHER_PHASE


def test_charts_declare_a_vega_lite_version_vl_convert_renders(specs):
    assert all(spec["$schema"] == charts.SCHEMA for spec in specs.values())
    assert charts._version(specs["index"]) is not None


def test_charts_png_is_vl_convert_own_png_of_the_chart(specs):
    import vl_convert as vlc

    for name in ("map", "bars"):
        own = vlc.vegalite_to_png(specs[name], vl_version=charts._version(specs[name]), scale=1, allowed_base_urls=[])
        assert charts.to_png(specs[name], scale=1) == own, name


def test_charts_are_rendered_once_for_html_and_markdown(specs, monkeypatch):
    import vl_convert as vlc

    calls = []
    render = vlc.vegalite_to_svg
    monkeypatch.setattr(vlc, "vegalite_to_svg", lambda spec, **kw: calls.append(1) or render(spec, **kw))
    spec = charts.lines_chart([{"period": "2021-03-01", "series": "economic conflict", "value": 7}], "events per month")
    first = charts.to_svg(spec, "a")
    assert charts.to_svg(spec, "b") == first.replace('id="a-', 'id="b-').replace("url(#a-", "url(#b-").replace('href="#a-', 'href="#b-')
    assert charts.to_png(spec)[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(calls) == 1
    other = charts.lines_chart([{"period": "2021-03-01", "series": "economic conflict", "value": 8}], "events per month")
    charts.to_svg(other, "c")
    assert len(calls) == 2
