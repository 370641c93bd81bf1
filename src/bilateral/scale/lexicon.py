"""The word lists the pre-scan matches, derived once from the coder's own data.

Lemmas are not known before the parse, so predicates and agent nouns are matched on every
surface form spaCy's rule lemmatizer could map to them: the lemma itself, the inverse of each
suffix rule and of each exception, whatever the part of speech, and the forms the attribute
ruler gives a lemma ("'d" -> "would"). The sets are supersets of what the coder can see.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bilateral.actors.phrases import PhraseIndex
from bilateral.coding.modality import governor_words
from bilateral.scale.solo import UNCONDITIONAL, Requirement, solo_requirements

# Kinds of dictionary rows the resolver refuses in all-lower-case text ("who", "chad").
try:
    from bilateral.actors.resolve import _CASE_SENSITIVE_KINDS as CASE_SENSITIVE_KINDS
except ImportError:  # the resolver dropped the rule: every match counts, which is only slower
    CASE_SENSITIVE_KINDS = frozenset()

ANY_CASE, NOT_ALL_LOWER = 1, 2  # how a phrase may be written to count: any case / not all lower case


class Inflector:
    """Surface forms from lemmas: spaCy's rule lemmatizer tables read backwards, once.

    Args:
        lemmatizer: spaCy's ``Lemmatizer`` component (rule mode).
    """

    def __init__(self, lemmatizer):
        self.rules = sorted({(old, new) for pos_rules in lemmatizer.lookups.get_table("lemma_rules").values()
                             for old, new in pos_rules})
        self.exceptions: dict[str, set[str]] = {}  # lemma -> exceptional forms ("go" -> "went")
        for pos_exceptions in lemmatizer.lookups.get_table("lemma_exc").values():
            for form, targets in pos_exceptions.items():
                for target in targets:
                    self.exceptions.setdefault(target.lower(), set()).add(form.lower())

    def __call__(self, lemmas: Iterable[str]) -> set[str]:
        """Every lower-case form the rule lemmatizer could reduce to one of ``lemmas``.

        The lemmas, every suffix-rule inverse (for every part of speech) and every exception form.
        """
        forms: set[str] = set()
        for lemma in {lemma.lower() for lemma in lemmas if lemma}:
            forms.add(lemma)
            forms.update(lemma[:len(lemma) - len(new)] + old for old, new in self.rules if lemma.endswith(new))
            forms.update(self.exceptions.get(lemma, ()))
        return forms


def attribute_ruler_lemmas(nlp) -> dict[str, set[str]]:
    """Lemma -> the lower-case token forms the attribute ruler gives that lemma ("would" <- "'d")."""
    if "attribute_ruler" not in nlp.component_names:
        return {}
    found: dict[str, set[str]] = {}
    for pattern in nlp.get_pipe("attribute_ruler").patterns:
        lemma = str(pattern["attrs"].get("LEMMA", "")).lower()
        for token in (t for alternative in pattern["patterns"] for t in alternative):
            value = token.get("LOWER") or token.get("ORTH")
            if lemma and isinstance(value, str):
                found.setdefault(lemma, set()).add(value.lower())
    return found


@dataclass
class ScanLexicon:
    """Hashed word sets and the phrase index the pre-scan runs, built once per process."""

    phrases: PhraseIndex
    names: dict[int, bool] = field(default_factory=dict)  # one-token name -> needs a capital
    agents: set[int] = field(default_factory=set)
    compounds: dict[int, list[frozenset[int]]] = field(default_factory=dict)  # head word -> other words
    predicates: set[int] = field(default_factory=set)
    solo: dict[int, list[Requirement]] = field(default_factory=dict)  # form -> when a lone source may use it


def build_lexicon(nlp, actors, book, solo_excluded: Iterable[str] = ()) -> ScanLexicon:
    """The pre-scan's lexicon for one pipeline, actor dictionary and pattern book."""
    add = nlp.vocab.strings.add
    places = place_names()
    cased = {p for p in actors.phrases() if p not in places and _case_sensitive(actors, p)}
    lexicon = ScanLexicon(_name_index(nlp, actors, places, cased))
    lexicon.names = {add(p): p in cased for p in set(actors.phrases()) | places}
    inflections = Inflector(nlp.get_pipe("lemmatizer"))
    lexicon.agents = {add(f) for f in inflections(w for w in actors.agents if " " not in w)}
    for word in actors.agents:
        words = word.split()
        if len(words) > 1:  # the resolver keys a compound by its exact words ("defence minister")
            lexicon.compounds.setdefault(add(words[-1]), []).append(frozenset(add(w) for w in words[:-1]))
    ruler = attribute_ruler_lemmas(nlp)
    cache: dict[frozenset[str], frozenset[int]] = {}

    def forms(words: frozenset[str]) -> frozenset[int]:
        """Hashed surface forms of some lemmas (inflections and attribute-ruler forms)."""
        if words not in cache:
            found = inflections(words) | {f for w in words for f in ruler.get(w.lower(), ())}
            cache[words] = frozenset(add(f) for f in found)
        return cache[words]

    lexicon.predicates = set(forms(frozenset(book.blocks) | frozenset(book.nouns)))
    for lemma, requirements in solo_requirements(book, solo_excluded, forms).items():
        for form in forms(frozenset([lemma])):
            lexicon.solo.setdefault(form, []).extend(requirements)
    # Governing words code a clause by their class even over a verb with no pattern ("is willing
    # to <any verb>" is an intent, 03): predicates, and enough for a lone source.
    for form in forms(governor_words()):
        lexicon.predicates.add(form)
        lexicon.solo.setdefault(form, []).append(UNCONDITIONAL)
    return lexicon


def place_names() -> set[str]:
    """Normalised names of gazetteer places in one country: the resolver codes them as that country."""
    try:
        from bilateral.actors.dictionary import load_gazetteer, normalize
    except ImportError:
        return set()
    frame = load_gazetteer()
    names: set[str] = set()
    for name, aliases, country in zip(frame["name"], frame["aliases"], frame["country"]):
        if len(str(country)) == 3:
            names.update(normalize(s) for s in [name, *str(aliases).split("|")] if s.strip())
    return names - {""}


def _case_sensitive(actors, phrase: str) -> bool:
    """True when every row of a phrase is of a kind the resolver ignores in lower-case text."""
    entries = actors.lookup(phrase)
    return bool(entries) and all((e.kind or "") in CASE_SENSITIVE_KINDS for e in entries)


def _name_index(nlp, actors, places: set[str], cased: set[str]) -> PhraseIndex:
    """Dictionary phrases and places as the resolver tokenises them, plus each row's surface form as written."""
    groups: dict[int, set[str]] = {ANY_CASE: set(), NOT_ALL_LOWER: set()}
    for phrase in set(actors.phrases()) | places:
        if phrase.strip():
            groups[NOT_ALL_LOWER if phrase in cased else ANY_CASE].add(phrase)
    for entry in actors.entries:
        if entry.surface.strip():
            groups[NOT_ALL_LOWER if entry.phrase in cased else ANY_CASE].add(entry.surface)
    index = PhraseIndex()
    for flag, texts in groups.items():
        index.add_texts(nlp.tokenizer, sorted(texts), flag)
    return index
