"""Issue 5, done-when: `bilateral report IRN RUS` on the coded demo corpus, in all three formats.

Codes the shipped demo corpus with `bilateral code` as a user would, then writes the report as
.html, .md and .json with the CLI and checks each: every section present, every citation
resolving to an evidence row, nothing loaded from any host.
"""
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bilateral.report.sections import SECTION_IDS

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids, self.hrefs, self.loads = set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a":
            self.hrefs.append(attrs.get("href", ""))
        elif tag in ("script", "img", "link", "iframe", "embed", "object", "source", "video", "audio"):
            self.loads.append(tag)
        for name in ("src", "srcset", "data", "poster"):
            if name in attrs:
                self.loads.append(f"{tag}[{name}]")


def bilateral(*args: object) -> subprocess.CompletedProcess:
    """Run the command in a new process that cannot open internet sockets (tests/netguard)."""
    env = {**os.environ, "BILATERAL_BLOCK_SOCKETS": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "tests/netguard"), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "bilateral", *map(str, args)], capture_output=True, text=True,
                          timeout=600, env=env)


@pytest.fixture(scope="module")
def demo_reports(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("demo-report")
    db = folder / "demo.duckdb"
    coded = bilateral("code", REPO / "src/bilateral/data/demo", "--db", db)
    assert coded.returncode == 0, coded.stderr
    paths = {}
    for kind in ("html", "md", "json"):
        out = folder / f"report-IRN-RUS.{kind}"
        result = bilateral("report", "IRN", "RUS", "--db", db, "--out", out)
        assert result.returncode == 0, result.stderr
        paths[kind] = out
    return paths


def test_demo_report_html_is_complete_and_offline(demo_reports):
    text = demo_reports["html"].read_text(encoding="utf-8")
    page = _Page()
    page.feed(text)
    assert set(SECTION_IDS) | {"evidence"} <= page.ids
    cited = [h for h in page.hrefs if h.startswith("#ev-")]
    assert cited and all(h[1:] in page.ids for h in cited)
    assert all(h[1:] in page.ids for h in page.hrefs if h.startswith("#"))
    assert page.loads == []
    assert "<svg" in text and "<mark>" in text


def test_demo_report_json_cites_only_evidence_rows(demo_reports):
    data = json.loads(demo_reports["json"].read_text(encoding="utf-8"))
    assert [s["id"] for s in data["sections"]] == list(SECTION_IDS)
    numbers = {e["n"] for e in data["evidence"]}
    assert data["meta"]["events"] > 50 and numbers == set(range(1, len(numbers) + 1))
    blocks = [b for s in data["sections"] for b in s["blocks"]]
    texts = [b["text"] for b in blocks if b["kind"] in ("paragraph", "note")]
    texts += [i["text"] for b in blocks if b["kind"] == "list" for i in b["items"]]
    used = {int(n) for t in texts for g in re.findall(r"\[(\d+(?:, \d+)*)\]", t) for n in g.split(", ")}
    for table in (b for b in blocks if b["kind"] == "table"):
        keys = [c["key"] for c in table["columns"] if c["kind"] == "cites"]
        used |= {n for row in table["rows"] for k in keys for n in row[k]}
    assert used == numbers


def test_demo_report_md_links_resolve_and_images_exist(demo_reports):
    path = demo_reports["md"]
    text = path.read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    assert set(SECTION_IDS) | {"evidence"} <= anchors
    assert set(re.findall(r"\]\(#([^)]+)\)", text)) <= anchors
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert images and all((path.parent / i).is_file() and not i.startswith("http") for i in images)
