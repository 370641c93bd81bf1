"""Real newswire for benchmarks and tests: Reuters-21578 SGML and the Guardian sample CSV.

Both corpora sit in ``../shared/data/corpora`` (research use); they are read in place and
never copied into the repository.
"""
from __future__ import annotations

import csv
import html
import re
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from bilateral.model import Article

_STORY = re.compile(r"<REUTERS\b[^>]*\bNEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_DATE = re.compile(r"<DATE>\s*([^<]+?)\s*</DATE>")
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
# This copy of the corpus marks a paragraph's first line with "&\t" (originally an indent).
_PARAGRAPH = re.compile(r"\n(?:&\\t|\s{3,})")
_SIGN_OFF = re.compile(r"\s*\bReuter\s*(?:&#3;)?\s*$")


def reuters_articles(folder: str | Path, limit: int | None = None) -> Iterator[Article]:
    """Stories of Reuters-21578 that have a body, in file and story order.

    Hard-wrapped lines are joined into paragraphs (blank line between paragraphs), entities
    decoded and the "Reuter" sign-off dropped, so the text reads as a wire story would.
    """
    count = 0
    for path in sorted(Path(folder).glob("reut2-*.sgm")):
        raw = path.read_text(encoding="latin-1")
        for match in _STORY.finditer(raw):
            article = _reuters_story(match.group(2), path, match.group(1))
            if article is None:
                continue
            yield article
            count += 1
            if limit is not None and count >= limit:
                return


def _reuters_story(story: str, path: Path, new_id: str) -> Article | None:
    body = _BODY.search(story)
    if body is None:
        return None
    paragraphs = _PARAGRAPH.split(_SIGN_OFF.sub("", body.group(1)))
    text = "\n\n".join(" ".join(p.split()) for p in paragraphs)
    text = html.unescape(text).strip()
    if not text:
        return None
    date = _DATE.search(story)
    title = _TITLE.search(story)
    return Article(
        text=text, date=_reuters_date(date.group(1)) if date else None,
        title=html.unescape(" ".join(title.group(1).split())) if title else None,
        source_id=f"reuters-{new_id}", origin=str(path),
    )


def _reuters_date(value: str) -> str | None:
    """'26-FEB-1987 15:01:01.79' -> '1987-02-26'."""
    try:
        return datetime.strptime(value.split()[0], "%d-%b-%Y").date().isoformat()
    except ValueError:
        return None


def guardian_articles(path: str | Path, limit: int | None = None) -> Iterator[Article]:
    """Articles of the Guardian sample CSV (columns: id, date, text, source)."""
    csv.field_size_limit(sys.maxsize)
    with Path(path).open(encoding="utf-8", newline="") as fh:
        for number, row in enumerate(csv.DictReader(fh)):
            if limit is not None and number >= limit:
                return
            text = (row.get("text") or "").strip()
            if text:
                yield Article(text=text, date=(row.get("date") or None), source_id=f"guardian-{row.get('') or number}",
                              origin=str(path))
