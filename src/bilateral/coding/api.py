"""``code_texts``: the notebook entry point, texts in, a DataFrame of events out."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from bilateral.model import EVENT_COLUMNS, Article


def code_texts(texts: Iterable[str], dates: Sequence[str | None] | None = None,
               ids: Sequence[str] | None = None, coder=None):
    """Code plain texts into a pandas DataFrame of events (columns: ``bilateral.model.EVENT_COLUMNS``).

    Args:
        texts: the documents.
        dates: publication dates, one per text (ISO or anything ``to_iso_date`` reads; None allowed).
        ids: your own document ids, one per text; they become ``doc_id`` (default: the content hash).
        coder: a ``Coder`` to reuse (default: a new one; loading the model takes a few seconds).
    Returns:
        one row per event, in text order. Characters are normalised first as ``bilateral code``
        normalises them (mojibake repaired, NFC, no control characters), so offsets count in the
        normalised text, which each row's ``sentence`` quotes.
    Raises:
        ValueError: ``dates`` or ``ids`` do not have one entry per text.
    """
    import pandas as pd

    from bilateral.coding.coder import Coder
    from bilateral.text.clean import normalise_characters
    from bilateral.text.dates import to_iso_date

    texts = list(texts)
    for name, values in (("dates", dates), ("ids", ids)):
        if values is not None and len(values) != len(texts):
            raise ValueError(f"code_texts: {len(values)} {name} for {len(texts)} texts; give one per text")
    articles = [
        Article(text=normalise_characters(text), date=to_iso_date(dates[i]) if dates is not None else None,
                source_id=str(ids[i]) if ids is not None else None,
                doc_id=str(ids[i]) if ids is not None else "")
        for i, text in enumerate(texts)
    ]
    coder = coder or Coder()
    rows = [event.as_row() for coded in coder.code(articles) for event in coded.events]
    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
