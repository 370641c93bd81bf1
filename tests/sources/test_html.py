"""read_html: main text, headline, date and URL; bad pages rejected, never a crash (issues 7 and 8)."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.sources import read_documents
from bilateral.sources.html import fragment_text, read_html
from bilateral.sources.rejects import Rejects

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
SENTENCE = "Iran and Russia signed an agreement on energy and trade in Moscow on Monday, officials from both sides said."


def _read(path: Path, **options) -> tuple[list, Rejects]:
    rejects = Rejects()
    return list(read_html(path, rejects, **options)), rejects


def test_html_seo_page_gives_article_without_furniture():
    (article,), rejects = _read(PAGES / "seo_page.html")
    assert not rejects
    assert article.title == "Iran and Russia hold joint naval drill in the Caspian"
    assert article.date == "2022-07-19"
    assert article.url == "https://courier.example.org/world/2022/07/19/iran-russia-caspian-drill"
    assert article.text.startswith("Warships from Iran and Russia began")  # the repeated headline is in title only
    assert "neither government stood alone" in article.text
    for furniture in ["Jennifer Aniston", "Kim Kardashian", "Four Seasons", "Share this article", "Popular searches",
                      "Reporting by", "cookies", "Read more", "By Jane Example"]:
        assert furniture not in article.text
    assert len(article.text.splitlines()) == 3


def test_html_same_article_two_templates_is_one_document():
    """Issue 8 item 1: the same story under two sites' boilerplate hashes to one document."""
    (first,), _ = _read(PAGES / "plain_article.html")
    (second,), _ = _read(PAGES / "plain_article_mirror.html")
    assert first.url != second.url
    assert first.text == second.text and first.doc_id == second.doc_id


def test_html_scripts_only_page_is_rejected_with_reason():
    articles, rejects = _read(PAGES / "scripts_only.html")
    assert articles == []
    (reject,) = rejects
    assert reject.path.endswith("scripts_only.html") and "no article text" in reject.reason


def test_html_page_over_size_limit_is_rejected(tmp_path):
    path = tmp_path / "huge.html"
    path.write_text(f"<html><body><p>{SENTENCE}</p>" + "<p>padding</p>" * 200 + "</body></html>")
    articles, rejects = _read(path, max_bytes=1000)
    assert articles == [] and "limit" in rejects.items[0].reason


@pytest.mark.parametrize("name, markup", [
    ("nested", "<div>" * 100_000 + f"<p>{SENTENCE}</p>" + "</div>" * 100_000),
    ("unclosed", "<html><body>" + "<div><span><b>" * 50_000 + SENTENCE),
    ("empty", ""),
    ("binary", "\x00\x01\x02\xff" * 100),
])
def test_html_hostile_markup_is_rejected_not_raised(tmp_path, name, markup):
    path = tmp_path / f"{name}.html"
    path.write_bytes(markup.encode("utf-8", "surrogateescape"))
    articles, rejects = _read(path)
    assert len(articles) + len(rejects) == 1
    assert all(r.path == str(path) and r.reason for r in rejects)


def test_html_parser_failure_is_a_reject(tmp_path, monkeypatch):
    import trafilatura

    def explode(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", explode)
    path = tmp_path / "deep.html"
    path.write_text(f"<p>{SENTENCE}</p>")
    articles, rejects = _read(path)
    assert articles == [] and "RecursionError" in rejects.items[0].reason


@pytest.mark.parametrize("raw, expected", [
    (f"<html><body><p>{SENTENCE[:20]}\x00{SENTENCE[20:]}</p></body></html>".encode(), SENTENCE),
    ("<html><head><meta charset=\"windows-1256\"></head><body><p>"
     "\u0648\u0642\u0639\u062a \u0625\u064a\u0631\u0627\u0646 \u0648\u0631\u0648\u0633\u064a\u0627 "
     "\u0627\u062a\u0641\u0627\u0642\u064a\u0629 \u0644\u0644\u062a\u0639\u0627\u0648\u0646 \u0641\u064a "
     "\u0645\u062c\u0627\u0644 \u0627\u0644\u0637\u0627\u0642\u0629 \u0648\u0627\u0644\u062a\u062c\u0627\u0631\u0629 "
     "\u0641\u064a \u0645\u0648\u0633\u0643\u0648.</p></body></html>".encode("cp1256"),
     "\u0648\u0642\u0639\u062a \u0625\u064a\u0631\u0627\u0646"),
    (f"<html><body><p>Caf\xe9 owners said: {SENTENCE}</p></body></html>".encode("cp1252"), "Caf\u00e9 owners said"),
])
def test_html_decodes_nul_bytes_declared_charsets_and_cp1252(tmp_path, raw, expected):
    path = tmp_path / "page.html"
    path.write_bytes(raw)
    (article,), rejects = _read(path)
    assert expected in article.text and not rejects


def test_html_registered_and_counted_by_read_documents():
    rejects = Rejects()
    articles = list(read_documents([PAGES], rejects))
    assert len(articles) == 3 and len(rejects) == 1  # scripts_only.html
    assert len(articles) + len(rejects) == len(list(PAGES.glob("*.html")))


@pytest.mark.parametrize("fragment, expected", [
    ("<p>First para.</p><p>Second &amp; last.</p>", "First para.\n\nSecond & last."),
    ("One line<br>two lines", "One line\ntwo lines"),
    ("<p>Kept.</p><script>track()</script><style>p{}</style>", "Kept."),
    ("Plain text, no markup.", "Plain text, no markup."),
    ("<p>Unclosed <b>bold", "Unclosed bold"),
    ("", ""),
])
def test_html_fragment_text(fragment, expected):
    assert fragment_text(fragment) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000) | st.text(alphabet="<>/=\"' pdivabscript&;#x0\n", max_size=3000).map(str.encode))
def test_html_never_raises_on_arbitrary_bytes(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_bytes(raw)
        articles, rejects = _read(path)
        assert len(articles) + len(rejects) == 1
