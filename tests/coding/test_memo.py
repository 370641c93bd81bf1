"""The memoised attribute ruler and lemmatizer annotate exactly as spaCy's stock components."""
from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from bilateral.coding.memo import CompiledRules, MemoAttributeRuler, MemoLemmatizer
from bilateral.coding.nlp import MODEL_NAMES, use_numpy_matmul
from bilateral.scale.samples import guardian_articles, reuters_articles

ANNOTATIONS = [POS, TAG, DEP, HEAD, LEMMA, MORPH]
# The English rules' rarer cases: two-token patterns, expletives, space tokens, pronoun morphology.
ODD_CASES = [
    "There is a problem, and there were two. Y'all ain't gonna believe it; let's go. C'mon, we gotta win.",
    "I said you would, but she didn't.\n\n   Spaces  here \t and\nthere. Ya'll got ta see.",
    "", " ", "\n",
]


@pytest.fixture(scope="module")
def stock():
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        use_numpy_matmul(nlp)
        return nlp
    pytest.skip("no English pipeline installed")


@pytest.fixture(scope="module")
def newswire(shared_data):
    corpora = shared_data / "corpora"
    articles = list(reuters_articles(corpora / "reuters21578", limit=250))
    articles += list(guardian_articles(corpora / "guardian-syria-articles-2017-2019.csv", limit=25))
    return [a.text for a in articles]


def _differences(ours, theirs) -> list[tuple]:
    return [(i, a.text, (a.pos_, a.tag_, a.dep_, a.lemma_, str(a.morph)), (b.pos_, b.tag_, b.dep_, b.lemma_, str(b.morph)))
            for x, y in zip(ours, theirs) for i, (a, b) in enumerate(zip(x, y))
            if (a.pos, a.tag, a.dep, a.head.i, a.lemma, a.morph.key) != (b.pos, b.tag, b.dep, b.head.i, b.lemma, b.morph.key)]


def test_memo_components_replace_the_stock_ones(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), MemoAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), MemoLemmatizer)
    assert CompiledRules.build(nlp.get_pipe("attribute_ruler")) is not None  # the English rules compile


def test_memo_annotations_equal_spacy_on_newswire(nlp, stock, newswire):
    texts = newswire + ODD_CASES
    ours = list(nlp.pipe(texts, disable=["ner", "bilateral_line_breaks"]))
    theirs = list(stock.pipe(texts, disable=["ner"]))
    assert sum(len(d) for d in ours) > 50_000
    assert _differences(ours, theirs) == []


def test_memo_ruler_applies_two_token_rules(nlp, stock):
    text = "Y'all ain't gonna stop. There is hope, let's see."
    ours, theirs = nlp(text), stock(text)
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
    assert "go" in [t.lemma_ for t in ours] and "us" in [t.lemma_ for t in ours]


def test_memo_ruler_falls_back_for_patterns_it_does_not_compile(nlp):
    ruler = MemoAttributeRuler(nlp.vocab, "rules")
    ruler.add([[{"LOWER": "iran"}, {"OP": "?"}]], {"TAG": "NNP"})  # an operator it does not handle
    assert CompiledRules.build(ruler) is None
    doc = ruler(nlp.make_doc("Iran speaks"))
    assert doc[0].tag_ == "NNP"  # the stock matcher ran


def test_memo_ruler_recompiles_after_new_rules(nlp):
    ruler = MemoAttributeRuler(nlp.vocab, "rules")
    ruler.add([[{"LOWER": "tehran"}]], {"TAG": "NNP"})
    assert ruler(nlp.make_doc("Tehran said"))[0].tag_ == "NNP"
    ruler.add([[{"LOWER": "said"}]], {"TAG": "VBD"})
    doc = ruler(nlp.make_doc("Tehran said"))
    assert (doc[0].tag_, doc[1].tag_) == ("NNP", "VBD")


def test_numpy_matmul_keeps_the_annotations(newswire):
    for name in MODEL_NAMES:
        try:
            blis, numpy_ops = spacy.load(name), spacy.load(name)
            break
        except OSError:
            continue
    else:
        pytest.skip("no English pipeline installed")
    use_numpy_matmul(numpy_ops)
    texts = newswire[:120]
    ours, theirs = list(numpy_ops.pipe(texts)), list(blis.pipe(texts))
    assert _differences(ours, theirs) == []
    assert [[(e.start, e.end, e.label_) for e in d.ents] for d in ours] == [[(e.start, e.end, e.label_) for e in d.ents] for d in theirs]


def test_memo_ruler_treats_unnamed_forms_like_their_text(nlp):
    # A regex that an arbitrary placeholder could match but no real lower-case word here does.
    ruler = MemoAttributeRuler(nlp.vocab, "rules")
    ruler.add([[{"LOWER": {"REGEX": "^[^a-z]*$"}}]], {"TAG": "SYM"})
    ruler.add([[{"LOWER": {"NOT_IN": ["iran"]}}]], {"POS": "X"})
    doc = ruler(nlp.make_doc("Iran said 42"))
    assert [t.tag_ for t in doc] == ["", "", "SYM"]
    assert [t.pos_ for t in doc] == ["", "X", "X"]
