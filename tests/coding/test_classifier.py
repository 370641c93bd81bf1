"""The shipped five-class sentence model: loads, predicts sensibly, moves confidence."""
from __future__ import annotations

import pytest

from bilateral.coding import classifier


@pytest.fixture(scope="module")
def model():
    loaded = classifier.load_model()
    assert loaded is not None, "run tools/train_penta.py"
    return loaded


def test_classifier_model_file_is_small_and_has_metrics():
    assert classifier.MODEL_PATH.stat().st_size < 5_000_000
    metrics = classifier.MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8")
    assert "cv5_macro_f1" in metrics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Government troops shelled rebel positions, killing twelve fighters.", 4),
        ("The government delivered food aid and medicine to the refugees.", 2),
        ("The opposition leader sharply criticised the president over the election delay.", 3),
    ],
)
def test_classifier_predicts_the_obvious_class(coder, model, text, expected):
    rules = classifier.sentence_rules([text], coder)
    probabilities = model.probabilities([text], rules)[0]
    assert probabilities.argmax() == expected
    assert abs(probabilities.sum() - 1.0) < 1e-6


def test_classifier_fit_learns_from_a_few_sentences():
    texts = ["troops attacked the town", "rebels bombed the base", "leaders signed a trade deal",
             "ministers agreed a trade pact"] * 3
    labels = [4, 4, 2, 2] * 3
    rules = [["root=19"], ["root=19"], ["root=05"], ["root=05"]] * 3
    model = classifier.fit(texts, rules, labels, c=10.0)
    probabilities = model.probabilities(["soldiers attacked the village"], [["root=19"]])[0]
    assert probabilities.argmax() == 4 and probabilities[[0, 1, 3]].sum() == 0.0
