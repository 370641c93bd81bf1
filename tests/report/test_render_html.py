"""The HTML report: one self-contained file, every citation a working link, nothing loaded from a host."""
from html.parser import HTMLParser

from bilateral.report.render_html import cite_links
from bilateral.report.sections import SECTION_IDS

LOADING_TAGS = {"script", "img", "link", "iframe", "frame", "embed", "object", "audio", "video", "source", "track", "image", "use"}


class Page(HTMLParser):
    """Collects ids, links, loading tags and attributes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids, self.links, self.loads, self.tags = set(), [], [], []
        self._in_a = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append((attrs["href"], attrs.get("class", "")))
        for name in ("src", "srcset", "data", "poster", "xlink:href", "href"):
            if name in attrs and tag != "a":
                self.loads.append((tag, name, attrs[name]))


def parse(path) -> tuple[Page, str]:
    text = path.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    return page, text


def test_render_html_has_every_section_and_the_evidence(written_reports, synthetic_report):
    page, _ = parse(written_reports["html"])
    assert set(SECTION_IDS) | {"evidence"} <= page.ids
    assert {f"ev-{e['n']}" for e in synthetic_report["evidence"]} <= page.ids


def test_render_html_every_citation_link_resolves(written_reports, synthetic_report):
    page, _ = parse(written_reports["html"])
    local = [href for href, _ in page.links if href.startswith("#")]
    citations = [href for href in local if href.startswith("#ev-")]
    assert len(citations) >= len(synthetic_report["evidence"])
    assert all(href[1:] in page.ids for href in local)


def test_render_html_loads_nothing_from_any_host(written_reports):
    page, text = parse(written_reports["html"])
    assert not LOADING_TAGS & set(page.tags) - {"use"}
    assert all(not value.lower().startswith(("http:", "https:", "//")) for _, _, value in page.loads), page.loads
    remote = [href for href, cls in page.links if href.lower().startswith(("http:", "https:", "//"))]
    assert remote and all(href.startswith("https://news.example.org/") for href in remote)
    assert all(cls == "src-link" for href, cls in page.links if href in remote)
    assert "@import" not in text and "url(http" not in text.replace(" ", "")


def test_render_html_escapes_text_from_the_store(written_reports):
    _, text = parse(written_reports["html"])
    assert "<talks>" not in text  # every synthetic title says "<talks>"
    assert "&lt;talks&gt;" in text and "Iran &amp; Russia" in text


def test_render_html_marks_event_spans(written_reports, synthetic_report):
    _, text = parse(written_reports["html"])
    marked = [e for e in synthetic_report["evidence"] if e["sentence_parts"]]
    assert marked and text.count("<mark>") == len(marked)
    assert f"<mark>{marked[0]['sentence_parts'][1]}</mark>" in text


def test_render_html_embeds_every_chart_as_svg(written_reports, synthetic_report):
    _, text = parse(written_reports["html"])
    charts = [b["id"] for s in synthetic_report["sections"] for b in s["blocks"] if b["kind"] == "chart"]
    assert text.count("<svg") == len(charts) >= 6


def test_cite_links_escapes_then_links_markers():
    html = str(cite_links("A <b>bold</b> claim [3, 12] and [x]"))
    assert html.startswith("A &lt;b&gt;bold&lt;/b&gt; claim [")
    assert '<a class="cite" href="#ev-3">3</a>, <a class="cite" href="#ev-12">12</a>]' in html
    assert "[x]" in html
