"""A five-class sentence classifier (statement, verbal/material cooperation, verbal/material conflict).

Model: multinomial logistic regression over (a) TF-IDF word 1-2-grams and character 2-5-grams
of the sentence, hashed into fixed columns with CRC-32 (no vocabulary to ship, no scikit-learn
needed to predict) and (b) the coder's own evidence: the CAMEO roots and classes of
every verb and event noun the pattern data know, the roots of the events coded, and the
modality of the main verb. Trained by ``tools/train_penta.py`` on the ConfliBERT CAMEO
five-class training sentences (eventdata/ConfliBERT, data from Multi-CoPED, Parolin et al.,
AIES 2022); the shipped weights are a small .npz of numbers (no text), built reproducibly.

The coder uses the class probabilities to adjust each event's confidence: an event whose
class the sentence model also finds likely gains, one it finds unlikely loses.
"""
from __future__ import annotations

import json
import re
import zlib
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


_WORD = re.compile(r"(?u)\b\w\w+\b")


def word_grams(text: str) -> list[str]:
    """Lower-case words of two or more characters and their bigrams."""
    words = _WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


_PRIME, _MASK = 1_000_003, 0xFFFFFFFF


def char_columns(text: str, n_features: int) -> np.ndarray:
    """Hashed columns of the character 2- to 5-grams of the lower-cased, space-padded text.

    A polynomial rolling hash over the code points, vectorised with numpy: each n-gram length
    gets its own salt so "ab" and "ab " never share a column by construction.
    """
    padded = " " + " ".join(text.lower().split()) + " "
    points = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    rolling, columns = points.copy(), []
    for n in range(2, 6):
        if len(points) < n:
            break
        rolling = (rolling[: len(points) - n + 1] * _PRIME + points[n - 1:]) & _MASK
        columns.append(((rolling ^ np.uint64(n * 0x9E3779B1)) % np.uint64(n_features)).astype(np.int64))
    return np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)


def hashed_counts(rows: list[list[str]], n_features: int) -> sparse.csr_matrix:
    """Term counts per row in ``n_features`` columns by CRC-32 (stable across runs and machines)."""
    return _csr([np.fromiter((zlib.crc32(f.encode("utf-8")) % n_features for f in row), dtype=np.int64)
                 for row in rows], n_features)


def char_counts(texts: list[str], n_features: int) -> sparse.csr_matrix:
    """Character n-gram counts per text (see ``char_columns``)."""
    return _csr([char_columns(t, n_features) for t in texts], n_features)


def _csr(columns: list[np.ndarray], n_features: int) -> sparse.csr_matrix:
    indptr = np.cumsum([0] + [len(c) for c in columns])
    indices = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
    matrix = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(columns), n_features))
    matrix.sum_duplicates()
    return matrix


def _l2(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows scaled to unit Euclidean length (empty rows stay empty)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix


@dataclass
class PentaModel:
    """Fitted weights: IDF per hashed text feature, logistic-regression coefficients and intercepts."""

    idf_word: np.ndarray
    idf_char: np.ndarray
    coef: np.ndarray  # (classes, features); one row for a two-class fit
    intercept: np.ndarray
    classes: np.ndarray  # the labels the rows stand for

    def matrix(self, texts: list[str], rules: list[list[str]]) -> sparse.csr_matrix:
        """The feature matrix: sublinear TF-IDF words and characters, binary-ish rule counts, each L2-normed."""
        tf_word = hashed_counts([word_grams(t) for t in texts], N_WORD)
        tf_char = char_counts(texts, N_CHAR)
        tf_word.data = 1 + np.log(tf_word.data)
        tf_char.data = 1 + np.log(tf_char.data)
        blocks = [_l2(tf_word.multiply(self.idf_word).tocsr()), _l2(tf_char.multiply(self.idf_char).tocsr()),
                  _l2(hashed_counts(rules, N_RULE))]
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

    idf_word = _idf(hashed_counts([word_grams(t) for t in texts], N_WORD))
    idf_char = _idf(char_counts(texts, N_CHAR))
    model = PentaModel(idf_word, idf_char, np.zeros(0), np.zeros(0), np.zeros(0))
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
