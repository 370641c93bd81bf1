"""A five-class sentence classifier (statement, verbal/material cooperation, verbal/material conflict).

Model: multinomial logistic regression over (a) hashed TF-IDF word 1-2-grams and character
2-5-grams of the sentence and (b) the coder's own evidence: the CAMEO roots and classes of
every verb and event noun the pattern data know, the roots of the events coded, and the
modality of the main verb. Trained by ``tools/train_penta.py`` on the ConfliBERT CAMEO
five-class training sentences (eventdata/ConfliBERT, data from Multi-CoPED, Parolin et al.,
AIES 2022); the shipped weights are a small .npz of numbers (no text), built reproducibly.

The coder uses the class probabilities to adjust each event's confidence: an event whose
class the sentence model also finds likely gains, one it finds unlikely loses.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse
from spacy.tokens import Span

from bilateral.coding import modality
from bilateral.coding.clauses import predicates, match_verb
from bilateral.coding.patterns import DATA, PatternBook
from bilateral.ontology import lookup

MODEL_PATH = DATA / "penta_classifier.npz"
N_WORD, N_CHAR, N_RULE = 2**16, 2**16, 2**10
CLASSES = (0, 1, 2, 3, 4)
CONFIDENCE_WEIGHT = 0.3  # how far the sentence model moves an event's confidence


def _penta(code: str) -> int | None:
    try:
        return lookup(code).penta_class
    except KeyError:
        return None


def rule_features(sentence: Span, book: PatternBook, event_codes: list[str]) -> list[str]:
    """The coder's evidence for a sentence as feature names ("root=19", "main_gov=intent", ...)."""
    features = [f"event_root={c[:2]}" for c in event_codes] + [f"event_penta={_penta(c)}" for c in event_codes]
    for verb in predicates(sentence):
        match = match_verb(verb, book)
        main = "main_" if verb.dep_ == "ROOT" else ""
        if match is not None:
            features += [f"{main}root={match.code[:2]}", f"{main}penta={_penta(match.code)}"]
        kind = modality.governor_class(verb)
        if kind:
            features.append(f"{main}gov={kind}")
        if modality.is_negated(verb):
            features.append(f"{main}negated")
        if modality.is_future(verb):
            features.append(f"{main}future")
    for token in sentence:
        if token.pos_ == "NOUN":
            noun = book.match_noun(token.lemma_.lower(), set())
            if noun is not None:
                features += [f"noun_root={noun.code[:2]}", f"noun_penta={_penta(noun.code)}"]
    return features or ["no_evidence"]


def _vectorizers():
    from sklearn.feature_extraction.text import HashingVectorizer

    word = HashingVectorizer(n_features=N_WORD, ngram_range=(1, 2), alternate_sign=False, norm=None)
    char = HashingVectorizer(n_features=N_CHAR, analyzer="char_wb", ngram_range=(2, 5), alternate_sign=False, norm=None)
    rule = HashingVectorizer(n_features=N_RULE, analyzer=lambda feats: feats, alternate_sign=False, norm=None)
    return word, char, rule


def _l2(matrix):
    from sklearn.preprocessing import normalize

    return normalize(matrix)


@dataclass
class PentaModel:
    """Fitted weights: IDF per hashed text feature, logistic-regression coefficients and intercepts."""

    idf_word: np.ndarray
    idf_char: np.ndarray
    coef: np.ndarray  # (classes, features); one row for a two-class fit
    intercept: np.ndarray
    classes: np.ndarray  # the labels the rows stand for

    def matrix(self, texts: list[str], rules: list[list[str]]):
        word, char, rule = _vectorizers()
        tf_word = word.transform(texts)
        tf_char = char.transform(texts)
        tf_word.data = 1 + np.log(tf_word.data)  # sublinear tf, as TfidfTransformer(sublinear_tf=True)
        tf_char.data = 1 + np.log(tf_char.data)
        blocks = [_l2(tf_word.multiply(self.idf_word).tocsr()), _l2(tf_char.multiply(self.idf_char).tocsr()),
                  _l2(rule.transform(rules))]
        return sparse.hstack(blocks).tocsr()

    def probabilities(self, texts: list[str], rules: list[list[str]]) -> np.ndarray:
        """Class probabilities, one row per sentence, columns in CLASSES order."""
        scores = np.asarray(self.matrix(texts, rules) @ self.coef.T) + self.intercept
        if scores.shape[1] == 1:  # binary logistic regression: one score for the second class
            scores = np.hstack([np.zeros_like(scores), scores])
        exp = np.exp(scores - scores.max(axis=1, keepdims=True))
        fitted = exp / exp.sum(axis=1, keepdims=True)
        out = np.zeros((len(texts), len(CLASSES)))
        for column, label in enumerate(self.classes):
            out[:, CLASSES.index(int(label))] = fitted[:, column]
        return out

    def save(self, path: Path = MODEL_PATH, metrics: dict | None = None) -> None:
        np.savez_compressed(path, idf_word=self.idf_word.astype(np.float16), idf_char=self.idf_char.astype(np.float16),
                            coef=self.coef.astype(np.float16), intercept=self.intercept.astype(np.float32),
                            classes=self.classes.astype(np.int8))
        if metrics is not None:
            path.with_suffix(".json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")


def _idf(tf) -> np.ndarray:
    """Smoothed IDF per hashed column, as scikit-learn's TfidfTransformer computes it."""
    n = tf.shape[0]
    df = np.bincount(tf.nonzero()[1], minlength=tf.shape[1])
    return np.log((1 + n) / (1 + df)) + 1


def fit(texts: list[str], rules: list[list[str]], labels: list[int], c: float = 10.0) -> PentaModel:
    """Fit the model on sentences, their rule features and five-class labels."""
    from sklearn.linear_model import LogisticRegression

    word, char, _ = _vectorizers()
    model = PentaModel(_idf(word.transform(texts)), _idf(char.transform(texts)), np.zeros(0), np.zeros(0), np.zeros(0))
    classifier = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    classifier.fit(model.matrix(texts, rules), labels)
    model.coef, model.intercept, model.classes = classifier.coef_, classifier.intercept_, classifier.classes_
    return model


@lru_cache(maxsize=1)
def load_model() -> PentaModel | None:
    """The shipped model, or None when it has not been built."""
    if not MODEL_PATH.is_file():
        return None
    with np.load(MODEL_PATH, allow_pickle=False) as data:
        return PentaModel(*(data[k].astype(np.float64) for k in ("idf_word", "idf_char", "coef", "intercept")),
                          classes=data["classes"].astype(int) if "classes" in data else np.array(CLASSES))


def cross_validate(texts: list[str], labels: list[int], coder, folds: int = 5, seed: int = 0) -> float:
    """Macro-F1 of the model by stratified k-fold cross-validation (features from ``coder``)."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    rules = sentence_rules(texts, coder)
    predicted = np.zeros(len(labels), dtype=int)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(texts, labels):
        model = fit([texts[i] for i in train], [rules[i] for i in train], [labels[i] for i in train])
        probs = model.probabilities([texts[i] for i in test], [rules[i] for i in test])
        predicted[test] = probs.argmax(axis=1)
    return float(f1_score(labels, predicted, average="macro"))


def sentence_rules(texts: list[str], coder) -> list[list[str]]:
    """Rule features of single sentences, coded by ``coder`` (for training and evaluation)."""
    from bilateral.model import Article

    out = []
    for doc in coder.nlp.pipe(texts, batch_size=64):
        coded = coder.code_doc(doc, Article(text=doc.text), classify=False)
        sentence = doc[:]
        out.append(rule_features(sentence, coder.book, [e.cameo for e in coded.events]))
    return out
