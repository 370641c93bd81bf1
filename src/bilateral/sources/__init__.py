"""Readers: every input format bilateral takes, registered by name.

Document readers (text to code) are chosen by file suffix; dataset readers (GDELT, ICEWS,
Phoenix) are chosen by name in `bilateral import`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from bilateral.errors import InputError
from bilateral.model import Article
from bilateral.sources.documents import read_csv, read_jsonl, read_text
from bilateral.sources.feeds import read_feed
from bilateral.sources.html import read_html
from bilateral.sources.rejects import Reject, Rejects

DocumentReader = Callable[..., Iterator[Article]]

# The English pipeline refuses longer texts (spaCy's max_length); no news article is that long,
# so a longer one is an input error (a whole dump in one file or field), reported, not coded.
MAX_ARTICLE_CHARS = 1_000_000

# Registered document readers by suffix; a plugin adds its own the same way.
DOCUMENT_READERS: dict[str, DocumentReader] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}


def register_document_reader(suffix: str, reader: DocumentReader) -> None:
    """Make `bilateral code` read files ending in ``suffix`` with ``reader``."""
    DOCUMENT_READERS[suffix.lower()] = reader


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus the readable files inside named directories (sorted)."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_READERS))
        elif path.is_file():
            if path.suffix.lower() not in DOCUMENT_READERS:
                raise InputError(path, f"unknown input type {path.suffix or '(none)'}; expected one of {', '.join(sorted(DOCUMENT_READERS))}")
            files.append(path)
        else:
            raise InputError(path, "no such file or directory")
    return files


def read_documents(inputs: Iterable[str | Path], rejects: Rejects, **options: object) -> Iterator[Article]:
    """Stream the articles of every input; bad rows and files go to ``rejects``."""
    for path in expand_inputs(inputs):
        reader = DOCUMENT_READERS[path.suffix.lower()]
        try:
            for article in reader(path, rejects, **options):
                if len(article.text) > MAX_ARTICLE_CHARS:
                    rejects.add(path, article.line, f"text is {len(article.text):,} characters, over the "
                                f"{MAX_ARTICLE_CHARS:,}-character limit for one article; split it into articles")
                    continue
                yield article
        except (OSError, UnicodeError, ValueError) as exc:
            rejects.add(path, None, f"cannot read: {exc}")


__all__ = ["DOCUMENT_READERS", "MAX_ARTICLE_CHARS", "Reject", "Rejects", "expand_inputs", "read_documents", "register_document_reader"]
