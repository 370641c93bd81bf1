"""The event coder ``coder.v1``: articles in, sentences and events out, model loaded once."""
from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from bilateral.actors.dictionary import find_place
from bilateral.actors.resolve import ActorMention, ActorResolver
from bilateral.coding import arguments as args
from bilateral.coding import modality
from bilateral.coding.classifier import CONFIDENCE_WEIGHT, load_model, rule_features
from bilateral.coding.clauses import Candidate, ClauseCoder
from bilateral.coding.context import doc_context
from bilateral.coding.events import build_events
from bilateral.coding.headline_case import HeadlineCase, reparse_headlines
from bilateral.coding.nlp import LINE_BREAKS, ensure_line_breaks, load_pipeline
from bilateral.coding.nominal import nominal_candidates
from bilateral.coding.patterns import pattern_book
from bilateral.model import Article, Event, Sentence

# The coder reads tags, lemmas, the parse and entities; nothing else runs.
# Roots too vague to keep without a target (statements and appeals to no one).
SOLO_EXCLUDED = {"01", "02"}
USED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@dataclass
class CodedDocument:
    """One article with its sentences (offsets into its text) and the events coded from them."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


class Coder:
    """Codes articles into events with spaCy's parse, the actor dictionary and the pattern data.

    Args:
        nlp: a loaded spaCy English pipeline (default: ``load_pipeline()``).
        actors: an ``ActorDictionary`` (default: ``load_dictionary()``).
        profile: Goldstein profile, "gdelt" or "icews".
        batch_size: documents per ``nlp.pipe`` batch.
        keep_negated: keep negated actions as events flagged ``negated=True`` (default: drop them).
    """

    def __init__(self, nlp=None, actors=None, profile: str = "gdelt", batch_size: int = 32, keep_negated: bool = False):
        if nlp is None:
            nlp = load_pipeline()
        ensure_line_breaks(nlp)
        if actors is None:
            from bilateral.actors.dictionary import load_dictionary

            actors = load_dictionary()
        self.nlp, self.actors, self.profile = nlp, actors, profile
        self.batch_size, self.keep_negated = batch_size, keep_negated
        self.resolver = ActorResolver(nlp, actors)
        self.book = pattern_book()
        self.headline_case = HeadlineCase(nlp, self.resolver.phrases, _is_place, self.book.known_verb)
        self.clauses = ClauseCoder(self.book)
        self.sentence_model = load_model()

    def code(self, articles: Iterable[Article]) -> Iterator[CodedDocument]:
        """Code articles lazily, parsing them in batches; yields one CodedDocument per article."""
        stream = ((article.text, article) for article in articles)
        for doc, article in self.nlp.pipe(stream, as_tuples=True, batch_size=self.batch_size):
            yield self.code_doc(self.parse_headlines(doc), article)

    def code_sentence(self, text: str, date: str | None = None) -> list[Event]:
        """The events of one sentence or headline (for tests and quick looks)."""
        article = Article(text=text, date=date)
        return self.code_doc(self.parse_headlines(self.nlp(text)), article).events

    def parse_headlines(self, doc: Doc) -> Doc:
        """Re-parse the Doc's Title Case or ALL CAPS headlines in sentence case (see ``headline_case``)."""
        return reparse_headlines(self.nlp, doc, self.headline_case, disable=[LINE_BREAKS])

    def code_doc(self, doc: Doc, article: Article, classify: bool = True,
                 parsed: Container[int] | None = None) -> CodedDocument:
        """Sentences and events of an already parsed article.

        With ``classify`` (and the shipped sentence model present), each event's confidence is
        moved towards the sentence model's probability of the event's five-way class. With
        ``parsed`` (sentence indices) only those sentences are searched for actors and events;
        the others are recorded as sentences (a pre-scan found nothing in them to parse).
        """
        return self.code_docs([(doc, article, parsed)], classify)[0]

    def code_docs(self, docs: list[tuple[Doc, Article, Container[int] | None]],
                  classify: bool = True) -> list[CodedDocument]:
        """``code_doc`` for several (doc, article, parsed) at once: one sentence-model call for all.

        The model scores each sentence on its own, so batching changes no number; it saves the
        model's fixed cost per call, which per article was larger than the scoring itself.
        """
        results = [self._code(doc, article, parsed) for doc, article, parsed in docs]
        scored = [pair for _, pairs in results for pair in pairs]
        if classify and scored and self.sentence_model is not None:
            self._adjust_confidence(scored)
        for coded, _ in results:
            coded.events = _dedupe(coded.events)
        return [coded for coded, _ in results]

    def _code(self, doc: Doc, article: Article, parsed: Container[int] | None
              ) -> tuple[CodedDocument, list[tuple[Span, list[Event]]]]:
        """Sentences and events before confidence adjustment and dedup, with each event sentence's events."""
        coded = CodedDocument(article)
        scored: list[tuple[Span, list[Event]]] = []
        context = doc_context(doc, article.date)
        mentions = self.resolver.find(doc, date=article.date) if parsed is None else []
        whole = doc.text  # Span.text joins token objects on every call; slicing this is far cheaper
        for index, sent in enumerate(doc.sents):
            raw = whole[sent.start_char:sent.end_char]
            text = raw.strip()
            if not text:
                continue
            start = sent.start_char + (len(raw) - len(raw.lstrip()))
            coded.sentences.append(Sentence(article.doc_id, len(coded.sentences), start, start + len(text), text))
            if parsed is None:
                in_sentence = [m for m in mentions if sent.start <= m.head < sent.end]
            elif index in parsed:
                in_sentence = self.resolver.find(sent, date=article.date)
            else:
                continue
            if not in_sentence:
                continue
            headline = index == 0 or (article.title is not None and text == article.title.strip())
            number = len(coded.sentences) - 1
            candidates = self.candidates(sent, in_sentence, headline)
            events = [e for c in candidates for e in build_events(c, sent, number, article, context, self.profile)]
            if not events:  # no dyad in the sentence: keep its main action with the source alone
                solo = [c for c in candidates if _solo_worthy(c)]
                events = build_events(solo[0], sent, number, article, context, self.profile, single=True) if solo else []
            coded.events.extend(events)
            if events:
                scored.append((sent, events))
        return coded, scored

    def _adjust_confidence(self, scored: list[tuple[Span, list[Event]]]) -> None:
        """Shift confidences by CONFIDENCE_WEIGHT * (p(event class) - 0.5) from the sentence model."""
        rules = [rule_features(sent, self.book, [e.cameo for e in events]) for sent, events in scored]
        probabilities = self.sentence_model.probabilities([sent.text for sent, _ in scored], rules)
        for (_, events), row in zip(scored, probabilities):
            for event in events:
                shifted = event.confidence + CONFIDENCE_WEIGHT * (float(row[event.penta_class]) - 0.5)
                event.confidence = round(min(0.99, max(0.05, shifted)), 3)

    def candidates(self, sentence: Span, mentions: list[ActorMention], headline: bool = False) -> list[Candidate]:
        """Kept candidates of one sentence: verbal ones, else nominal ones where allowed."""
        if modality.is_question(sentence):  # a question reports no event, verbal or nominal
            return []
        index = args.MentionIndex(mentions)
        found = self.clauses.candidates(sentence, index)
        found = [c for c in found if self.keep_negated or not c.negated]
        if any(c.targets or c.reciprocal for c in found):
            return found
        has_verb = any(t.pos_ in {"VERB", "AUX"} for t in sentence)
        if has_verb or headline:
            found += nominal_candidates(sentence, index, self.book)
        return found


def _is_place(phrase: str) -> bool:
    """True for a gazetteer place: a capitalised headline keeps its case."""
    return find_place(phrase) is not None


def _solo_worthy(candidate: Candidate) -> bool:
    """A target-less candidate worth keeping: a clear act of the sentence's main clause by a state actor."""
    match, predicate = candidate.match, candidate.predicate
    main = predicate.dep_ == "ROOT" or (predicate.head.dep_ == "ROOT" and predicate.dep_ in {"xcomp", "ccomp", "conj"})
    clear = match.layer == "core" or match.specificity > 0
    return (main and clear and candidate.code[:2] not in SOLO_EXCLUDED and not candidate.nominal
            and any(m.country for m in candidate.sources))


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (sentence, source, target, code): the most confident."""
    best: dict[tuple, Event] = {}
    for event in events:
        key = (event.sentence_number, event.source, event.target, event.cameo)
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    return sorted(best.values(), key=lambda e: (e.char_start or 0, e.source, e.target))
