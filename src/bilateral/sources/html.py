"""HTML pages: main text, title and publication date through trafilatura."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from bilateral.model import Article
from bilateral.sources.documents import decode
from bilateral.sources.rejects import Rejects
from bilateral.text.dates import to_iso_date


def read_html(path: Path, rejects: Rejects, **_: object) -> Iterator[Article]:
    """One page is one document; navigation and boilerplate are left to trafilatura."""
    import trafilatura

    page = decode(path.read_bytes())
    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, favor_precision=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        rejects.add(path, None, "no article text found in the page")
        return
    yield Article(
        text=text,
        date=to_iso_date(getattr(doc, "date", None)),
        url=getattr(doc, "url", None),
        title=getattr(doc, "title", None),
        source_id=path.stem,
        origin=str(path),
    )
