"""Checks on the embedded demo corpus (src/bilateral/data/demo)."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

import bilateral

DEMO = Path(bilateral.__file__).resolve().parent / "data" / "demo"
FILES = ("iran_russia.jsonl", "other_pairs.jsonl")
FIELDS = {"id", "date", "title", "url", "text"}
FIRST_DAY, LAST_DAY = dt.date(1991, 1, 1), dt.date(2025, 12, 31)
ID_PATTERN = re.compile(r"^[a-z]{3}-[a-z]{3}-\d{4}$")
# A sentence ends at . ! or ? followed by whitespace and a capital, or the end of the line.
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z]|$)")


def _load(name: str) -> list[dict]:
    """Parse one JSON Lines file, failing on the first line that is not a JSON object."""
    docs = []
    for number, line in enumerate((DEMO / name).read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{name}:{number} is blank"
        doc = json.loads(line)
        assert isinstance(doc, dict), f"{name}:{number} is not an object"
        docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[dict]]:
    return {name: _load(name) for name in FILES}


@pytest.fixture(scope="module")
def all_docs(corpus) -> list[dict]:
    return [doc for docs in corpus.values() for doc in docs]


def test_every_document_has_the_expected_fields(all_docs):
    for doc in all_docs:
        assert set(doc) == FIELDS, doc.get("id")
        assert all(isinstance(doc[key], str) and doc[key].strip() for key in FIELDS), doc["id"]


def test_ids_are_unique_and_well_formed(all_docs):
    ids = [doc["id"] for doc in all_docs]
    assert len(ids) == len(set(ids))
    assert all(ID_PATTERN.match(ident) for ident in ids)


def test_urls_use_the_invalid_demo_domain(all_docs):
    for doc in all_docs:
        assert doc["url"] == f"https://demo.bilateral.invalid/{doc['id']}"


def test_dates_are_iso_and_in_range(all_docs):
    for doc in all_docs:
        day = dt.date.fromisoformat(doc["date"])
        assert day.isoformat() == doc["date"], doc["id"]
        assert FIRST_DAY <= day <= LAST_DAY, doc["id"]


def test_iran_russia_file_spans_many_years(corpus):
    docs = corpus["iran_russia.jsonl"]
    assert all(doc["id"].startswith("irn-rus-") for doc in docs)
    years = {doc["date"][:4] for doc in docs}
    assert len(years) >= 25


def test_other_pairs_file_holds_several_dyads(corpus):
    prefixes = {doc["id"][:7] for doc in corpus["other_pairs.jsonl"]}
    assert len(prefixes) >= 3
    assert "irn-rus" not in prefixes


def test_corpus_is_large_enough(all_docs):
    assert len(all_docs) >= 300


def test_no_duplicate_texts_or_titles(all_docs):
    texts = [doc["text"] for doc in all_docs]
    assert len(texts) == len(set(texts))
    titles = [doc["title"] for doc in all_docs]
    assert len(titles) == len(set(titles))


def test_main_paragraph_is_one_to_three_sentences(all_docs):
    for doc in all_docs:
        paragraph = max(doc["text"].split("\n"), key=len)
        assert 1 <= len(SENTENCE_END.findall(paragraph)) <= 3, doc["id"]


def test_some_documents_carry_noise_lines_for_the_cleaner(all_docs):
    noisy = sum("\n" in doc["text"] for doc in all_docs)
    assert 0.05 <= noisy / len(all_docs) <= 0.20


def test_readme_states_origin_and_licence():
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    assert "MIT" in readme
    for name in FILES:
        assert name in readme
