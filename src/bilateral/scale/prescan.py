"""Pre-scan: which sentences can hold an event, decided from tokens alone, before any parse.

What ``coder.v1`` needs for an event in a sentence, and how the scan sees it:

- a predicate: a token whose lemma is a verb or event noun of the pattern data;
- a mention with a country: every event has one (``events._dyad``), and only a name gives one
  (a dictionary phrase or a place, alone or on an agent noun: "Iranian officials"). A dyadic
  event (or a reciprocal one) needs a second mention with another code, which may be a bare
  agent noun; an event without a target needs a code outside the coder's ``SOLO_EXCLUDED`` roots.

Mentions are disjoint and each starts at an *actor token* of its own:

- a dictionary phrase or a gazetteer place (the resolver codes a named city as its country),
  matched on lower-case tokens as the resolver matches, or a row's surface form as written
  (the tokeniser keeps "U.S." whole but splits the phrase "u.s.");
- a one-token name ("U.S.") the resolver may get from a named entity;
- an agent noun ("officials") or the head of a compound agent ("defence minister").

Names the resolver refuses in all-lower-case text ("who", "chad") do not count there.
Sentences with accents, curly quotes or odd spacing are folded first, as the dictionary
folds its phrases. Every set is a superset (see ``lexicon``), so the scan can keep too much
but never drops a sentence the coder would code; ``tests/scale/test_prescan.py`` and the
benchmark check that on real newswire. A change to what the coder accepts must be mirrored
here: the test compares events with and without the scan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import IS_SPACE, LOWER
from spacy.tokens import Doc, Span

from bilateral.actors.dictionary import normalize
from bilateral.scale.lexicon import ANY_CASE, ScanLexicon, build_lexicon
from bilateral.scale.solo import met

_SPACES = re.compile(r"\s+")


@dataclass
class ScanCounts:
    """Sentences seen and kept."""

    sentences: int = 0
    kept: int = 0


class Prescan:
    """Decides, per sentence span, whether the coder could find an event in it.

    Args:
        nlp: the coder's spaCy pipeline (vocabulary, tokenizer and lemmatizer tables).
        actors: the ``ActorDictionary`` the coder resolves actors with.
        book: the coder's ``PatternBook`` (verb and event-noun lemmas and their codes).
        solo_excluded: code roots the coder never gives a target-less event.
    """

    def __init__(self, nlp, actors, book, solo_excluded=()):
        self.vocab, self.tokenizer = nlp.vocab, nlp.tokenizer
        self.lexicon: ScanLexicon = build_lexicon(nlp, actors, book, solo_excluded)
        self.counts = ScanCounts()

    @classmethod
    def for_coder(cls, coder) -> "Prescan":
        """The pre-scan for a ``Coder``: its pipeline, dictionary, patterns and solo rule."""
        from bilateral.coding import coder as coder_module

        excluded = getattr(coder_module, "SOLO_EXCLUDED", ())
        return cls(coder.nlp, coder.actors, coder.book, excluded)

    def select(self, doc: Doc, sentences: list[Span]) -> list[bool]:
        """For each sentence of a tokenised doc: could the coder find an event in it (parse it)?"""
        lowers = doc.to_array(LOWER).tolist() if len(doc) else []
        spaces = doc.to_array(IS_SPACE).tolist() if len(doc) else []
        whole = doc.text  # built token by token on each access (as is Span.text): once per doc
        names, agents = self._actor_tokens(doc, lowers)
        decisions = []
        for sent in sentences:
            text = whole[sent.start_char:sent.end_char]
            if _needs_folding(text, spaces[sent.start:sent.end - 1]):
                decisions.append(self._decide_folded(text, lowers[sent.start:sent.end]))
            else:
                span = slice(sent.start, sent.end)
                decisions.append(self._keep(names[span], agents[span], lowers[span]))
        self.counts.sentences += len(sentences)
        self.counts.kept += sum(decisions)
        return decisions

    def _actor_tokens(self, doc: Doc, lowers: list[int]) -> tuple[list[bool], list[bool]]:
        """Per token: does a name start there (in a case the resolver accepts)? Is it an agent noun?"""
        lex = self.lexicon
        names = [False] * len(lowers)
        for i, x in enumerate(lowers):
            if x in lex.names:
                names[i] = not (lex.names[x] and doc[i].text.islower())
        for start, end, flags in lex.phrases.matches(lowers):
            if flags & ANY_CASE or not doc[start:end].text.islower():
                names[start] = True
        agents = [x in lex.agents for x in lowers]
        return names, agents

    def _keep(self, names: list[bool], agents: list[bool], lowers: list[int], original: list[int] = ()) -> bool:
        """A predicate, and two actors or one name with a predicate a lone source may carry."""
        lex = self.lexicon
        words = lowers + list(original)  # the coder lemmatises the original (unfolded) tokens
        if not any(x in lex.predicates for x in words) or not any(names):
            return False  # no event without an actor placed in a country, and only a name places one
        found = sum(n or a for n, a in zip(names, agents))
        if found < 2:
            found += self._compound_agents(names, agents, lowers)
        if found >= 2:
            return True
        present = set(words)
        return any(met(lex.solo[x], present) for x in present if x in lex.solo)

    def _compound_agents(self, names: list[bool], agents: list[bool], lowers: list[int]) -> int:
        """Heads of compound agents whose other words all occur in the sentence."""
        present = set(lowers)
        return sum(1 for i, x in enumerate(lowers) if x in self.lexicon.compounds and not (names[i] or agents[i])
                   and any(words <= present for words in self.lexicon.compounds[x]))

    def _decide_folded(self, text: str, original: list[int]) -> bool:
        """The same decision on a sentence's text re-tokenised after folding accents, quotes and spacing."""
        folded = self.tokenizer(fold(text))
        lowers = folded.to_array(LOWER).tolist() if len(folded) else []
        names, agents = self._actor_tokens(folded, lowers)
        return self._keep(names, agents, lowers, original)


def fold(text: str) -> str:
    """The text with accents, curly quotes and dashes folded as the dictionary folds phrases.

    Unlike ``normalize`` it keeps case (the resolver's lower-case rule reads it) and length
    is not kept: only the scan sees the folded text.
    """
    out = []
    for char in text:
        if char.isascii() and char != "`":
            out.append(char)
        elif char.isspace():
            out.append(" ")
        else:
            folded = normalize(char) or char
            out.append(folded.upper() if char.isupper() else folded)
    return _SPACES.sub(" ", "".join(out)).strip()


def _needs_folding(text: str, inner_spaces: list[int]) -> bool:
    """True when lower-casing alone would not give the dictionary's normal form.

    Args:
        text: the sentence's text.
        inner_spaces: IS_SPACE of each of its tokens but the last.
    """
    if not text.isascii() or "`" in text:
        return True
    return "  " in text.strip() or any(inner_spaces)
