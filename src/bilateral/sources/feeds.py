"""RSS and Atom files through feedparser: each entry is one article.

An entry gives its headline (``title``), its text (the longest of its content and summary,
HTML stripped and cleaned; the headline itself when the entry has nothing else), its
publication date (``published``, else ``updated``), its link and its id.

A malformed feed is reported once, with feedparser's reason and the line it stopped at,
and the entries feedparser could still read are kept. An empty file, or a feed without
entries, is rejected.
An entry with neither headline nor text, or with a date that cannot be read, is rejected
with its line; the other entries are read.
"""
from __future__ import annotations

import email.utils
import io
import re
from pathlib import Path
from typing import Iterator

from bilateral.model import Article
from bilateral.sources.html import fragment_text, without_headline
from bilateral.sources.rejects import EMPTY_FILE, Rejects, is_blank
from bilateral.text.dates import to_iso_date

MAX_FEED_BYTES = 100_000_000
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ENTRY_TAG = re.compile(rb"<(?:[\w-]+:)?(?:item|entry)[\s>/]")


def read_feed(path: Path, rejects: Rejects, max_bytes: int = MAX_FEED_BYTES, **_: object) -> Iterator[Article]:
    """The entries of an RSS or Atom file as articles; problems go to ``rejects``."""
    import feedparser  # only feeds need it

    size = path.stat().st_size
    if size > max_bytes:
        rejects.add(path, None, f"feed is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit")
        return
    raw = path.read_bytes()
    if is_blank(raw):
        rejects.add(path, None, EMPTY_FILE)
        return
    try:
        # A file object, never the bytes: feedparser opens a str or bytes argument as a path or URL.
        parsed = feedparser.parse(io.BytesIO(raw), resolve_relative_uris=False)
    except Exception as exc:  # third-party parser on untrusted input: report it, keep reading the rest
        rejects.add(path, None, f"feed could not be parsed ({type(exc).__name__}: {str(exc)[:120]})")
        return
    entries = list(parsed.get("entries") or [])
    _report_malformed(path, parsed, len(entries), rejects)
    lines = _entry_lines(raw, len(entries))
    for index, entry in enumerate(entries):
        article = _entry_article(entry, path, lines[index], index + 1, rejects)
        if article is not None:
            yield article


def _report_malformed(path: Path, parsed: dict, count: int, rejects: Rejects) -> None:
    import feedparser

    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, feedparser.CharacterEncodingOverride):
        problem = None  # declared one encoding, read as another: every entry is still intact
    if problem is not None:
        line = problem.getLineNumber() if hasattr(problem, "getLineNumber") else None
        kept = f"{count} entries could still be read" if count else "no entry could be read"
        rejects.add(path, line, f"malformed feed ({type(problem).__name__}: {str(problem)[:120]}); {kept}")
    elif not count:
        rejects.add(path, None, "no entries: not an RSS or Atom feed, or an empty one")


def _entry_lines(raw: bytes, count: int) -> list[int | None]:
    """The line each entry starts on, when the entry tags can be matched one to one."""
    starts = [m.start() for m in _ENTRY_TAG.finditer(raw)]
    if len(starts) != count:
        return [None] * count
    return [raw.count(b"\n", 0, start) + 1 for start in starts]


def _entry_article(entry: dict, path: Path, line: int | None, number: int, rejects: Rejects) -> Article | None:
    where = f"entry {number}"
    title = " ".join(fragment_text(entry.get("title") or "").split()) or None
    bodies = [fragment_text(part.get("value") or "") for part in entry.get("content") or []]
    bodies.append(fragment_text(entry.get("summary") or ""))
    text = without_headline(max(bodies, key=len), title) or title
    if not text:
        rejects.add(path, line, f"{where} has neither a title nor any text")
        return None
    date, raw_date = _entry_date(entry)
    if raw_date and date is None:
        rejects.add(path, line, f"{where}: unreadable date {raw_date[:40]!r}")
        return None
    link = entry.get("link") or None
    return Article(
        text=text, date=date, url=link, title=title, source_id=entry.get("id") or link,
        origin=str(path), line=line,
    )


def _entry_date(entry: dict) -> tuple[str | None, str | None]:
    """(ISO date, the date as written) from ``published``, else ``updated``.

    The publisher's local date comes first ("Sun, 05 Mar 2023 23:10 -0500" is 5 March, the
    day "on Sunday" refers to); feedparser's UTC reading is the fallback.
    """
    for key in ("published", "updated"):
        parsed, written = entry.get(f"{key}_parsed"), entry.get(key)
        if not written and not parsed:
            continue
        local = _local_date(written or "")
        if local is None and parsed:
            local = f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
        return to_iso_date(local or written), written or local
    return None, None


def _local_date(written: str) -> str | None:
    """The calendar date as written in an RFC 822 or ISO 8601 stamp, else None."""
    fields = email.utils.parsedate_tz(written)
    if fields:
        return f"{fields[0]:04d}-{fields[1]:02d}-{fields[2]:02d}"
    match = _ISO_DAY.match(written.strip())
    return match.group(0) if match else None
