"""HTML pages: main text, headline, publication date and canonical URL, then ``clean_text``.

trafilatura finds the main text and the metadata (date from the page's meta tags and
markup, URL from its canonical link); ``clean_text`` then drops the furniture it let
through (share prompts, bylines, SEO link lists).

The headline: ``Article.title`` holds it and ``Article.text`` holds the body. When a
page repeats its headline as the first line of the body, that line is removed, so an
HTML page has the same shape as a JSONL record (``title`` and ``text`` apart), and the
same article hashes to one document whether or not its template repeats the ``<h1>``.
Whether to code the headline as well is the coding stage's decision.

A page is rejected, with the reason, when it is empty, larger than ``max_bytes`` (10 MB: no
article is that long, and trafilatura needs about a second per MB), when the parser fails
(deep nesting, broken markup), or when no article text is left after cleaning.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Iterator

from bilateral.model import Article
from bilateral.sources.documents import decode
from bilateral.sources.rejects import EMPTY_FILE, Rejects, is_blank
from bilateral.text.clean import clean_text, normalise_characters
from bilateral.text.dates import to_iso_date

MAX_PAGE_BYTES = 10_000_000
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_BLOCKS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article header footer pre figure figcaption dd dt".split())
_TAG = re.compile(r"<[^>]{0,2000}>")
# Scripts and styles carry no article text but make trafilatura's date search crawl (5 s for
# a 9 MB inline script); JSON-LD stays, it holds the headline and date.
_CODE = re.compile(r"<(script|style|noscript)\b(?![^>]*ld\+json)[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def read_html(path: Path, rejects: Rejects, max_bytes: int = MAX_PAGE_BYTES, **_: object) -> Iterator[Article]:
    """One page is one document: its main text, headline, date and canonical URL."""
    size = path.stat().st_size
    if size > max_bytes:
        rejects.add(path, None, f"page is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one article")
        return
    raw = path.read_bytes()
    if is_blank(raw):
        rejects.add(path, None, EMPTY_FILE)
        return
    page = decode_page(raw)
    try:
        article = extract_article(page)
    except Exception as exc:  # a third-party parser on untrusted markup: report it, keep reading the rest
        rejects.add(path, None, f"HTML could not be parsed ({type(exc).__name__}: {str(exc)[:120]})")
        return
    if isinstance(article, str):
        rejects.add(path, None, article)
        return
    article.source_id, article.origin = path.stem, str(path)
    yield article


def decode_page(raw: bytes) -> str:
    """Text of a page: the charset its ``<meta>`` declares when Python knows it, else UTF-8/cp1252."""
    declared = _CHARSET.search(raw[:4096])
    if declared:
        try:
            encoding = codecs.lookup(declared.group(1).decode("ascii")).name
            if encoding not in ("utf-8", "ascii"):  # utf-8 and ascii go through decode() with its fallbacks
                return raw.decode(encoding).replace("\x00", "")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(raw)


def extract_article(page: str) -> Article | str:
    """An ``Article`` from a page's HTML, or the reason there is none.

    Raises whatever trafilatura or lxml raise on markup they cannot parse.
    """
    import trafilatura  # slow to import; only HTML input needs it

    page = normalise_characters(_CODE.sub(" ", page))
    if not page.strip():
        return "empty page"
    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, favor_precision=True)
    raw_text = getattr(doc, "text", None) if doc is not None else None
    if not raw_text or not raw_text.strip():
        return "no article text found in the page (only scripts, navigation or markup)"
    title = _one_line(getattr(doc, "title", None))
    text = without_headline(clean_text(raw_text), title)
    if not text:
        return "only page furniture left after cleaning (navigation, cookie notices, link lists)"
    return Article(text=text, date=to_iso_date(getattr(doc, "date", None)), url=getattr(doc, "url", None) or None, title=title)


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary), one line per block element."""
    fragment = normalise_characters(fragment)
    if "<" not in fragment:
        return clean_text(fragment)
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (ParserError, ValueError):
        return clean_text(_TAG.sub(" ", fragment))
    for element in root.xpath("//script|//style|//noscript"):
        element.drop_tree()
    for element in root.iter():
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in _BLOCKS:
            if tag != "br":
                element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return clean_text(root.text_content())


def _one_line(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    line = " ".join(normalise_characters(value).split())
    return line or None


def without_headline(text: str, title: str | None) -> str:
    """The body without a first line that repeats the headline (see the module docstring)."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if " ".join(first.split()).casefold() == title.casefold():
        return rest.strip()
    return text
