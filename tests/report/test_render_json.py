"""The JSON report: the report dict itself, charts as Vega-Lite specs with their data."""
import json

from bilateral.report.writers import report_format

import pytest

from bilateral.errors import BilateralError


def test_render_json_is_the_report_dict(written_reports, synthetic_report):
    data = json.loads(written_reports["json"].read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(synthetic_report))
    charts = [b for s in data["sections"] for b in s["blocks"] if b["kind"] == "chart"]
    assert charts and all(c["spec"]["$schema"].startswith("https://vega.github.io/schema/vega-lite/") for c in charts)
    assert all(c["spec"]["datasets"] for c in charts)


@pytest.mark.parametrize("name, kind", [("r.html", "html"), ("R.HTM", "html"), ("r.md", "md"), ("r.json", "json")])
def test_report_format_by_suffix(name, kind):
    assert report_format(name) == kind


def test_report_format_rejects_other_suffixes():
    with pytest.raises(BilateralError, match=r"r\.pdf: unsupported report type \.pdf"):
        report_format("r.pdf")
