"""Title Case and ALL CAPS headlines, parsed as if written in sentence case.

Many outlets (and most feeds) capitalise every word of a headline: "Iran Leader Criticizes
Russia's Response". spaCy's small English model reads each capitalised word as part of a
name, so the verb becomes a compound noun and no event is found. Here such a sentence is
parsed from a copy in which every capitalised common word is lower-cased while names (actor
dictionary phrases, gazetteer places, words no English word list knows) keep their case. The
parse is then written back onto the original tokens (``merge_parses``), so every text and
offset the coder reports is the source's. Lower-casing keeps each word's length.
"""
from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import (DEP, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_STOP, IS_TITLE,
                         IS_UPPER, LEMMA, LOWER, MORPH, POS, SENT_START, TAG)
from spacy.tokens import Doc, Span

from bilateral.actors.phrases import PhraseIndex

# What the parse of a sentence adds; copied into the article's Doc.
PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE, ENT_KB_ID]
MIN_CONTENT_WORDS = 3  # "Iran Says" is too short to tell a headline style from two names
CAPITALISED_SHARE = 0.8  # of content words; headline styles leave short function words lower case
HEADLINE_TOKENS = 20  # a longer sentence, or one ending in a full stop, is prose: its parse stands
_TERMINAL = {".", "!", "?", ";"}
# Acts that always have an undergoer: without an object, a headline's "X killed" means X was killed.
UNDERGONE = frozenset({"kill", "arrest", "detain", "jail", "imprison", "wound", "injure", "abduct", "kidnap",
                       "execute", "expel", "deport", "behead", "assassinate", "torture", "indict", "convict",
                       "capture", "invite", "summon", "sanction"})
_ACTIVE_DEPS = {"dobj", "aux", "auxpass", "nsubjpass", "ccomp", "xcomp", "dative", "attr", "oprd", "prt"}
# English suffixes from an inflected form back to a word-list entry ("criticizes" -> "criticize").
_SUFFIXES = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ied", "y"), ("d", ""),
             ("ing", ""), ("ing", "e"))


@lru_cache(maxsize=4)
def _common_words(nlp) -> frozenset[str]:
    """Lower-case English words: the lemmatizer's WordNet index and exceptions, and stop words."""
    lookups = nlp.get_pipe("lemmatizer").lookups
    words: set[str] = set(nlp.Defaults.stop_words)
    for table in ("lemma_index", "lemma_exc"):
        if lookups.has_table(table):
            for part in lookups.get_table(table).values():
                words.update(w for w in part if "_" not in w)
    return frozenset(words)


class HeadlineCase:
    """Finds Title Case / ALL CAPS sentences and gives their words in sentence case.

    Args:
        nlp: the coder's spaCy pipeline (tokenizer, lemmatizer tables, stop words).
        names: a ``PhraseIndex`` of the actor dictionary's phrases (they keep their case).
        is_place: True for a phrase the gazetteer names (a place keeps its case too).
        is_verb: True for a lemma the pattern data codes as a verb (for ``repair_subject``).
    """

    def __init__(self, nlp, names: PhraseIndex, is_place=None, is_verb=None):
        self.names = names
        self.is_place = is_place or (lambda phrase: False)
        self.is_verb = is_verb or (lambda lemma: False)
        self._flags: tuple = (None, None)  # (Doc, its flags): sentences of one Doc come together
        self.common = _common_words(nlp)
        self.stop = nlp.Defaults.stop_words

    def words(self, sent: Span | Doc) -> list[str] | None:
        """The sentence's words in sentence case, or None when it is not a capitalised headline."""
        style = self._style(sent)
        if style is None:
            return None
        keep = self._names(numpy.asarray(sent.to_array([LOWER])).reshape(-1).tolist(), sent, style)
        stems = _contraction_stems(sent)
        words = [self._recased(i, token, style, i in keep, i in stems) for i, token in enumerate(sent)]
        changed = sum(word != token.text for word, token in zip(words, sent))
        return words if changed >= 2 else None

    def _recased(self, i: int, token, style: str, name: bool, stem: bool = False) -> str:
        """One word in sentence case: common words lower, names as they are ("TEHRAN" -> "Tehran").

        ``stem`` marks the first half of a contraction ("Wo" of "Won't"), a common word no word list holds.
        """
        word = token.text
        if not token.is_alpha:  # a curly "n’t" or "’s" as the model knows them (its features read the form)
            return word.replace("\u2019", "'") if word[:1] in {"n", "N", "\u2019"} and len(word) <= 3 else word
        name = not stem and (name or not self._is_common(token.lower_))
        if style == "title":
            new = word.lower() if i > 0 and not name and token.is_title else word
        elif name:
            new = word if len(word) <= 4 else word[0] + word[1:].lower()  # "UN", "IRAN" stay
        else:
            new = word[0] + word[1:].lower() if i == 0 else word.lower()
        return new if len(new) == len(word) else word

    def repair_subject(self, sent: Span) -> bool:
        """Mend a headline parse whose verb was read as a noun: "UAE and Iran sign deal".

        The small model often makes such a verb the root noun, its subject a name modifying it
        and its object a dobj. A root noun that the pattern data knows as a verb, with a proper
        name on its left (nmod/compound) and no subject, becomes the verb of that name. Only
        proper names qualify: "missile strikes on Kherson" stays a noun phrase.
        """
        root = sent.root
        if not _headline_like(sent) or root.tag_ not in {"NN", "NNS"} or not self.is_verb(root.lemma_.lower()):
            return False
        if any(c.dep_ in {"nsubj", "nsubjpass", "det"} for c in root.children):
            return False
        names = [c for c in root.lefts if c.dep_ in {"nmod", "compound", "npadvmod"} and c.pos_ == "PROPN"]
        if not names or not any(c.dep_ in {"dobj", "prep", "xcomp", "ccomp", "dative"} for c in root.rights):
            return False
        names[-1].dep_ = "nsubj"
        root.pos_, root.tag_ = "VERB", ("VBZ" if root.tag_ == "NNS" else "VBP")
        return True

    @staticmethod
    def repair_passive(sent: Span) -> bool:
        """Mend a headline passive read as an active past: "Journalist detained in X" (no auxiliary).

        Headlines drop "was"; the small model then often reads the participle as a past tense whose
        subject is the doer. A verb of an act that always has an undergoer (``UNDERGONE``), in the
        past with a subject and no object, complement or auxiliary, is passive: its subject underwent it.
        """
        if not _headline_like(sent):
            return False
        changed = False
        for verb in sent:
            if verb.tag_ not in {"VBD", "VBN"} or verb.dep_ == "acl" or verb.lemma_.lower() not in UNDERGONE:
                continue
            deps = {c.dep_ for c in verb.children}
            if "nsubj" not in deps or deps & _ACTIVE_DEPS:
                continue
            for child in verb.children:
                if child.dep_ == "nsubj":
                    child.dep_ = "nsubjpass"
            verb.tag_ = "VBN"
            changed = True
        return changed

    def _style(self, sent) -> str | None:
        """'title' or 'upper' for a capitalised headline, None for ordinary text.

        Title Case leaves no content word in lower case (but for the part after a hyphen,
        "Pro-vaccine"); a sentence dense with names and titles still has its verb in lower case.
        That test is a difference of two running counts, so ordinary sentences cost almost nothing.
        """
        start, end = (sent.start, sent.end) if isinstance(sent, Span) else (0, len(sent))
        if end - start < MIN_CONTENT_WORDS + 1:
            return None
        flags, lower_words = self._doc_flags(sent.doc if isinstance(sent, Span) else sent)
        if lower_words[end] - lower_words[start + 1]:
            return None
        alpha, stop, title, upper, lower = flags[start:end].T
        content = (alpha & ~stop)[1:]
        count = int(content.sum())
        if count < MIN_CONTENT_WORDS:
            return None
        if not (alpha & lower).any() and int((upper[1:] & content).sum()) >= CAPITALISED_SHARE * count:
            return "upper"
        return "title" if int(((title | upper)[1:] & content).sum()) >= CAPITALISED_SHARE * count else None

    def _doc_flags(self, doc: Doc) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The Doc's word-shape flags and a running count of its lower-case content words, read once per Doc."""
        cached = self._flags  # read once: another thread may replace it meanwhile
        if cached[0] is not doc:
            flags = doc.to_array([IS_ALPHA, IS_STOP, IS_TITLE, IS_UPPER, IS_LOWER, IS_PUNCT]).astype(bool)
            alpha, stop, _, _, lower, punct = flags.T
            after_hyphen = numpy.concatenate([[False], punct[:-1]])
            lower_words = numpy.concatenate([[0], numpy.cumsum(alpha & lower & ~stop & ~after_hyphen)])
            cached = self._flags = (doc, (flags[:, :5], lower_words))
        return cached[1]

    def _names(self, lowers: list[int], sent, style: str) -> set[int]:
        """Positions inside a dictionary phrase or place; a lone function word ("May", "Will") is no name.

        In capitals "US" is the country, not the pronoun.
        """
        keep: set[int] = set()
        for start, end, _ in self.names.matches(lowers):
            lone_word = end - start == 1 and sent[start].lower_ in self.stop
            if lone_word and not (style == "upper" and len(sent[start]) == 2):
                continue
            keep.update(range(start, end))
        for start in range(len(sent)):  # places: up to four words, longest first
            for end in range(min(len(sent), start + 4), start, -1):
                if sent[start].is_alpha and sent[end - 1].is_alpha and self.is_place(sent[start:end].text):
                    keep.update(range(start, end))
                    break
        return keep

    def _is_common(self, lower: str) -> bool:
        if lower in self.common:
            return True
        return any(lower.endswith(suffix) and len(lower) > len(suffix) + 2
                   and lower[:-len(suffix)] + stem in self.common for suffix, stem in _SUFFIXES)


_NEGATIONS = {"n't", "n’t"}


def _contraction_stems(sent) -> set[int]:
    """Positions of the words a negation is split from ("Wo", "Ca", "Does" in "Won't", "Can't", "Doesn't")."""
    return {i for i, token in enumerate(sent) if i + 1 < len(sent) and sent[i + 1].lower_ in _NEGATIONS}


@lru_cache(maxsize=4)
def _irregular_pasts(nlp) -> dict[str, list[str]]:
    """Verb lemma -> its irregular inflected forms, from the lemmatizer's exception table."""
    lookups = nlp.get_pipe("lemmatizer").lookups
    forms: dict[str, list[str]] = {}
    if lookups.has_table("lemma_exc"):
        for form, lemmas in lookups.get_table("lemma_exc").get("verb", {}).items():
            for lemma in lemmas:
                forms.setdefault(lemma, []).append(form)
    return forms


def past_tense(nlp, lemma: str) -> str:
    """A verb's past tense ("sign" -> "signed", "strike" -> "struck", "hit" -> "hit")."""
    forms = _irregular_pasts(nlp).get(lemma, [])
    pasts = sorted((f for f in forms if not f.endswith("ing")), key=lambda f: (f.endswith("en"), len(f)))
    if pasts:
        return pasts[0]
    if any(f.endswith("ing") and f[:-3] == lemma + lemma[-1] for f in forms):
        return lemma  # "hitting", "cutting": the past is the lemma itself
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def retry_verbless(nlp, recase: "HeadlineCase", sent: Span, words: list[str], disable: list[str] = ()) -> Doc | None:
    """Re-parse a headline without an event verb, a verb-like noun in the past tense: "rebels fire missile".

    The small model reads a present-tense headline verb as a noun in a compound chain ("Houthi
    rebels fire missile at Israel" is one noun phrase) but parses "rebels fired missile" right.
    Only a headline-like sentence (short, no full stop) where no known verb has a subject is tried.
    A candidate is a base-form word the pattern data codes as a verb, after a noun or name and
    before more words; the new parse is kept only if that word is then the root verb with a
    subject and an object ("Russian drone attack on Kyiv" stays a noun phrase: a nominal event).
    The Doc returned has the candidate word changed; only its annotations are used.
    """
    if not _headline_like(sent) or _has_clause(sent, recase):
        return None
    for i, token in enumerate(sent):
        if not (0 < i < len(sent) - 1 and token.tag_ in {"NN", "NNP", "VBP"} and recase.is_verb(token.lower_)
                and sent[i - 1].pos_ in {"NOUN", "PROPN"}):
            continue
        trial = list(words)
        trial[i] = past_tense(nlp, token.lower_)
        doc = next(nlp.pipe([_sentence_doc(nlp, sent, trial)], disable=list(disable)))
        verb = doc[i]
        deps = {c.dep_ for c in verb.children}
        if verb.dep_ == "ROOT" and verb.tag_ in {"VBD", "VBN"} and "nsubj" in deps \
                and deps & {"dobj", "ccomp", "xcomp"}:
            return doc
    return None


LABEL_TOKENS = 6  # "Middle East crisis live", "Ukraine war": a topic label is a short noun phrase
LABEL_VERBS = {"live", "watch", "explained", "updates", "analysis"}  # words of labels the tagger may call verbs


def label_end(sent: Span) -> int | None:
    """Position (in the sentence) of the colon after a headline's topic label, None if there is none.

    "Ukraine war: X says Y": a short verbless phrase, a colon, then the story. Parsed together, the
    label often becomes the story verb's reported clause or subject; parsed apart, each stands.
    """
    if len(sent) > 2 * HEADLINE_TOKENS or (sent[-1].is_punct and sent[-1].text == "."):
        return None
    colon = next((t.i - sent.start for t in sent if t.text == ":"), None)
    if colon is None or not 0 < colon <= LABEL_TOKENS or len(sent) - colon < 4:
        return None
    if any(t.pos_ in {"VERB", "AUX"} and t.lower_ not in LABEL_VERBS for t in sent[:colon]):
        return None  # "Hawks in both capitals agree: ..." is a clause, not a label
    if not any(t.pos_ in {"NOUN", "VERB"} for t in sent[:colon]):
        return None  # a name ("Kataib Hezbollah: ...") may be the story's own actor; its parse stands
    return colon


def split_label(nlp, sent: Span, words: list[str], colon: int, disable: list[str] = ()) -> Doc:
    """A parse of a labelled headline: label and story parsed apart, the label hung on the story's root."""
    label, story = nlp.pipe([_sentence_doc(nlp, sent[:colon], words[:colon]),
                             _sentence_doc(nlp, sent[colon + 1:], words[colon + 1:])], disable=list(disable))
    story_root = colon + 1 + next(t.i for t in story if t.dep_ == "ROOT")
    heads = [t.head.i if t.dep_ != "ROOT" else story_root for t in label] + [story_root]
    heads += [colon + 1 + t.head.i for t in story]
    deps = [t.dep_ if t.dep_ != "ROOT" else "dep" for t in label] + ["punct"] + [t.dep_ for t in story]
    parts = [*label, None, *story]
    return Doc(nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in sent], heads=heads, deps=deps,
               tags=[t.tag_ if t else ":" for t in parts], pos=[t.pos_ if t else "PUNCT" for t in parts],
               lemmas=[t.lemma_ if t else ":" for t in parts], morphs=[str(t.morph) if t else "" for t in parts],
               ents=[_iob(t) for t in parts])


def _iob(token) -> str:
    """A token's entity tag as the Doc constructor takes it ("B-GPE", "I-GPE", "O")."""
    return f"{token.ent_iob_}-{token.ent_type_}" if token is not None and token.ent_iob_ in {"B", "I"} else "O"


def _headline_like(sent: Span) -> bool:
    """Short and without a full stop: a headline or title, whose parse the small model often gets wrong."""
    return len(sent) <= HEADLINE_TOKENS and not (sent[-1].is_punct and sent[-1].text in _TERMINAL)


def _has_clause(sent: Span, recase: "HeadlineCase") -> bool:
    """True when a verb the pattern data knows already has a subject: the parse found the event."""
    return any(t.pos_ == "VERB" and recase.is_verb(t.lemma_.lower())
               and any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children) for t in sent)


def reparse_headlines(nlp, doc: Doc, recase: HeadlineCase, disable: list[str] = ()) -> Doc:
    """Re-parse a parsed Doc's capitalised headlines in sentence case and mend headline subjects (``doc`` itself)."""
    sents = list(doc.sents)
    todo = [(sent, words) for sent in sents if (words := recase.words(sent))]
    if todo:
        docs = [_sentence_doc(nlp, sent, words) for sent, words in todo]
        parsed = list(nlp.pipe(docs, disable=list(disable)))
        doc = merge_parses(doc, sents, [(sent, sent_doc) for (sent, _), sent_doc in zip(todo, parsed)])
    recased = {sent.start: words for sent, words in todo}  # a retry starts from the sentence-case words
    sents = list(doc.sents)
    labelled = [(sent, split_label(nlp, sent, recased.get(sent.start) or [t.text for t in sent], colon, disable))
                for sent in sents if (colon := label_end(sent)) is not None]
    if labelled:
        doc = merge_parses(doc, sents, labelled)
        sents = list(doc.sents)
    split = {sent.start for sent, _ in labelled}
    retried = [(sent, new) for sent in sents if sent.start not in split and (new := retry_verbless(
        nlp, recase, sent, recased.get(sent.start) or [t.text for t in sent], disable))]
    if retried:
        doc = merge_parses(doc, sents, retried)
    for sent in doc.sents:
        recase.repair_subject(sent)
        recase.repair_passive(sent)
    return doc


def _sentence_doc(nlp, sent: Span, words: list[str]) -> Doc:
    return Doc(nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in sent],
               sent_starts=[True] + [False] * (len(sent) - 1))


def parse_as_sentences(nlp, sents: list[Span], recase: HeadlineCase | None = None, batch_size: int = 256,
                       disable: list[str] = ()) -> list[Doc]:
    """Parse sentences as Docs of their own (one sentence each), capitalised headlines in sentence case."""
    docs = [_sentence_doc(nlp, sent, (recase.words(sent) if recase is not None else None) or [t.text for t in sent])
            for sent in sents]
    parsed = list(nlp.pipe(docs, batch_size=batch_size, disable=list(disable)))
    if recase is not None:
        for k, sent_doc in enumerate(parsed):
            retried = retry_verbless(nlp, recase, sent_doc[:], [t.text for t in sent_doc], disable)
            if retried is not None:
                parsed[k] = retried
            recase.repair_subject(parsed[k][:])
            recase.repair_passive(parsed[k][:])
    return parsed


def merge_parses(doc: Doc, sents: list[Span], parsed: list[tuple[Span, Doc]]) -> Doc:
    """Write each sentence's parse into the article's Doc; unparsed sentences stay as split.

    Args:
        doc: the tokenised, split article.
        sents: its sentences, in order, covering every token.
        parsed: (sentence, its parsed Doc) for the sentences that were parsed.
    Returns:
        ``doc`` itself, annotated: tags, lemmas, dependencies and entities where parsed, and
        every split sentence still starting a sentence.
    """
    if not parsed:
        return doc
    if doc.has_annotation("DEP"):  # a parsed article: only the re-parsed sentences change
        array = doc.to_array(PARSE_ATTRS)
    else:
        array = numpy.zeros((len(doc), len(PARSE_ATTRS)), dtype="uint64")
    for sent, sent_doc in parsed:
        array[sent.start:sent.end] = sent_doc.to_array(PARSE_ATTRS)
    doc.from_array(PARSE_ATTRS, array)  # recomputes sentence starts from the heads
    starts = doc.to_array([SENT_START])
    for sent in sents:  # unparsed tokens have no head, so their sentences must be restored
        starts[sent.start] = 1
    doc.from_array([SENT_START], starts)
    return doc
