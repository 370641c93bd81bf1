"""The Markdown report: charts as PNG files beside it, citations as links to anchors, store text escaped."""
import re

from bilateral.report.render_md import md_cites, md_escape
from bilateral.report.sections import SECTION_IDS


def test_render_md_writes_charts_beside_the_report(written_reports, synthetic_report):
    path = written_reports["md"]
    text = path.read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    charts = [b["id"] for s in synthetic_report["sections"] for b in s["blocks"] if b["kind"] == "chart"]
    assert len(images) == len(charts)
    for image in images:
        assert image.startswith("report-IRN-RUS_files/") and (path.parent / image).read_bytes()[:4] == b"\x89PNG"


def test_render_md_citations_resolve_to_anchors(written_reports, synthetic_report):
    text = written_reports["md"].read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    assert set(SECTION_IDS) | {"evidence"} <= anchors
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert any(link.startswith("ev-") for link in links)
    assert set(links) <= anchors
    assert {f"ev-{e['n']}" for e in synthetic_report["evidence"]} <= anchors


def test_render_md_escapes_store_text_and_links_only_sources(written_reports):
    text = written_reports["md"].read_text(encoding="utf-8")
    assert "<talks>" not in text and "&lt;talks&gt;" in text
    remote = re.findall(r"\]\(<?(https?://[^)>]+)", text)
    assert remote and all(u.startswith("https://news.example.org/") for u in remote)
    assert not re.search(r"!\[[^\]]*\]\(<?https?:", text)


def test_md_escape_neutralises_markup():
    assert md_escape("a|b *c* [d](e) <x>") == r"a\|b \*c\* \[d\](e) &lt;x&gt;"
    assert md_escape("# not a heading") == r"\# not a heading"
    assert md_escape("1. not a list") == r"1\. not a list"
    assert md_cites("two [1, 2] and *three* [3]") == r"two [[1](#ev-1), [2](#ev-2)] and \*three\* [[3](#ev-3)]"
