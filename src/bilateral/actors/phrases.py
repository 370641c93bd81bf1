"""A phrase index over token lower-case forms: what the resolver and the pre-scan match names with."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.attrs import LOWER


class PhraseIndex:
    """Token sequences (lower-case hashes) looked up by their first token: a small PhraseMatcher.

    spaCy's ``PhraseMatcher`` keeps about 4 KB per phrase, some 200 MB for the dictionary's
    names in every process that codes; plain tuples keyed by first token and length hold the
    same and find the same matches.
    """

    def __init__(self):
        self.by_first: dict[int, dict[int, dict[tuple[int, ...], int]]] = {}

    def __len__(self) -> int:
        return sum(len(seqs) for lengths in self.by_first.values() for seqs in lengths.values())

    def add(self, lowers: tuple[int, ...], flag: int = 1) -> None:
        """Add one phrase (its tokens' lower-case hashes) with a flag (a phrase's flags accumulate)."""
        if lowers:
            seqs = self.by_first.setdefault(lowers[0], {}).setdefault(len(lowers), {})
            seqs[lowers] = seqs.get(lowers, 0) | flag

    def matches(self, lowers: list[int]) -> Iterator[tuple[int, int, int]]:
        """(start, end, flags) of every phrase occurrence, overlaps included."""
        by_first = self.by_first
        for start, first in enumerate(lowers):
            lengths = by_first.get(first)
            if lengths:
                for length, seqs in lengths.items():
                    flags = seqs.get(tuple(lowers[start:start + length]))
                    if flags:
                        yield start, start + length, flags

    def add_texts(self, tokenizer, texts: Iterable[str], flag: int = 1) -> None:
        """Add phrases as ``tokenizer`` splits them (as spaCy's PhraseMatcher would)."""
        rest = []
        for text in texts:
            lowers = plain_lowers(tokenizer, text)
            if lowers is None:
                rest.append(text)
            else:
                self.add(lowers, flag)
        for doc in tokenizer.pipe(rest):
            self.add(tuple(doc.to_array(LOWER).tolist()), flag)


def plain_lowers(tokenizer, text: str) -> tuple[int, ...] | None:
    """Token lower-case hashes of a phrase of plain ASCII words and single spaces; None for any other.

    spaCy's tokenizer splits such a phrase at its spaces only (its affix and infix rules need
    punctuation or digits), unless a word is one of its special cases ("cannot"). Going around
    it matters: tokenising a name puts each new word in the vocabulary as a lexeme, which
    took most of the seconds a coding process spends indexing the dictionary's 120,000 names.
    """
    words = text.split(" ")
    rules = tokenizer.rules
    if not all(word.isascii() and word.isalpha() and word not in rules for word in words):
        return None
    add = tokenizer.vocab.strings.add
    return tuple(add(word.lower()) for word in words)
