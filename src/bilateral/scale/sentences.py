"""Sentence-wise coding: split cheaply, pre-scan, parse only the sentences that can hold an event.

The article is tokenised once and split by spaCy's small ``senter`` model plus the coder's
line-break rule. Each kept sentence is parsed as its own Doc (tagger, parser, lemmatizer,
NER); the annotations are then written back into the article's Doc, whose text is the
article's text, so the coder's ``code_doc`` sees exact character offsets and sentence
numbers. A sentence's parse does not depend on which other sentences are parsed, so the
events with the pre-scan equal those of parsing every sentence whenever the pre-scan keeps
every sentence the coder can code (see ``prescan``).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from bilateral.coding.coder import CodedDocument
from bilateral.coding.headline_case import merge_parses, parse_as_sentences
from bilateral.coding.nlp import LINE_BREAKS
from bilateral.model import Article
from bilateral.scale.prescan import Prescan


@dataclass
class SentenceCounts:
    """Work done: documents, sentences split, sentences parsed, events found."""

    documents: int = 0
    sentences: int = 0
    parsed: int = 0
    events: int = 0

    def add(self, other: "SentenceCounts") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


class SentenceCoder:
    """Runs a ``Coder`` sentence by sentence, parsing only what the pre-scan keeps.

    Args:
        coder: the ``Coder`` (default: a new one, which loads the model).
        prescan: False parses every sentence (the reference the pre-scan is checked against).
        parse_batch: sentences per ``nlp.pipe`` batch.
    """

    def __init__(self, coder=None, prescan: bool = True, parse_batch: int = 256):
        if coder is None:
            from bilateral.coding import Coder

            coder = Coder()
        self.coder, self.nlp = coder, coder.nlp
        self.senter = self.nlp.get_pipe("senter")  # shipped disabled; we call it directly
        self.line_breaks = self.nlp.get_pipe(LINE_BREAKS)
        self.prescan = Prescan.for_coder(coder) if prescan else None
        self.parse_batch = parse_batch
        self.counts = SentenceCounts()

    def code(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[CodedDocument]:
        """Code articles lazily in batches; yields one CodedDocument per article, in input order."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self.code_batch(batch)
                batch = []
        if batch:
            yield from self.code_batch(batch)

    def code_batch(self, articles: list[Article]) -> list[CodedDocument]:
        """Code one batch: split all, parse the kept sentences of all together, then code each."""
        docs = self.split([a.text for a in articles])
        chunks = [list(doc.sents) for doc in docs]
        decisions = [self._decide(doc, sents) for doc, sents in zip(docs, chunks)]
        todo = [sent for sents, ds in zip(chunks, decisions) for sent, d in zip(sents, ds) if d]
        parsed = self._parse(todo)
        merged, done = [], 0
        for article, doc, sents, ds in zip(articles, docs, chunks, decisions):
            own = [(sent, parsed[done + k]) for k, sent in enumerate(s for s, d in zip(sents, ds) if d)]
            done += len(own)
            merged.append((merge_parses(doc, sents, own), article, {k for k, d in enumerate(ds) if d}))
        coded = self.coder.code_docs(merged)
        counts = SentenceCounts(len(articles), sum(map(len, chunks)), len(todo), sum(len(c.events) for c in coded))
        self.counts.add(counts)
        return coded

    def _parse(self, sents: list[Span]) -> list[Doc]:
        """Parse sentences as Docs of their own (one sentence each)."""
        # Each split sentence stays one sentence (so numbering does not depend on what is parsed).
        # The line-break rule already ran on the whole article, with each line's true start; run
        # again on a sentence alone it could split it, and numbering would depend on the scan.
        skip = [LINE_BREAKS] if LINE_BREAKS in self.nlp.pipe_names else []
        return parse_as_sentences(self.nlp, sents, self.coder.headline_case, self.parse_batch, skip)

    def split(self, texts: list[str]) -> list[Doc]:
        """Tokenise and split into sentences without parsing (senter, then the line-break rule)."""
        docs = list(self.senter.pipe(self.nlp.tokenizer.pipe(texts), batch_size=self.parse_batch))
        return [self.line_breaks(doc) for doc in docs]

    def _decide(self, doc: Doc, sents: list[Span]) -> list[bool]:
        """Which sentences to parse: those the pre-scan keeps (every one without it), never a blank one."""
        whole = doc.text  # Span.text joins token objects on every call: slice the doc's text once
        blank = [not whole[sent.start_char:sent.end_char].strip() for sent in sents]
        decisions = self.prescan.select(doc, sents) if self.prescan is not None else [True] * len(sents)
        return [d and not empty for empty, d in zip(blank, decisions)]
