"""Memoised drop-ins for spaCy's attribute ruler and rule lemmatizer: the same output, faster.

Both components are pure functions of a few token attributes: the ruler of a token's tag,
lower-case form, dependency label and space flag (and its neighbour's, for two-token
patterns), the lemmatizer of form, part of speech and morphology. News repeats those
combinations, so each is worked out once per process and then looked up; on this machine
the stock pair costs as much as the parser. spaCy's own code still decides every new case of
the lemmatizer; the ruler's patterns are compiled here only when they use the few operators
below, otherwise the stock component runs. ``tests/coding/test_memo.py`` checks that the
annotations equal spaCy's on real newswire.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler

ATTRIBUTE_RULER, LEMMATIZER = "bilateral_attribute_ruler", "bilateral_lemmatizer"
# Loading the model with this config swaps the stock components for these (same names, data).
FACTORY_OVERRIDES = {"attribute_ruler": {"factory": ATTRIBUTE_RULER}, "lemmatizer": {"factory": LEMMATIZER}}

_READ = [TAG, DEP, LOWER, IS_SPACE]  # what the ruler's patterns may test
_WRITE = [POS, TAG, DEP, LEMMA, MORPH]  # what its rules may set
_NAMES = {"TAG": 0, "DEP": 1, "LOWER": 2}


class MemoAttributeRuler(AttributeRuler):
    """spaCy's ``AttributeRuler`` with its matches looked up per token kind instead of matched."""

    def __call__(self, doc):
        rules = self.__dict__.get("_rules")
        if rules is None:
            rules = self.__dict__["_rules"] = CompiledRules.build(self) or False
        if not rules or not len(doc):
            return super().__call__(doc)
        return rules.apply(doc)

    def add(self, patterns, attrs, index=0):
        self.__dict__.pop("_rules", None)  # recompiled on next use
        super().add(patterns, attrs, index)

    def clear(self):
        self.__dict__.pop("_rules", None)
        super().clear()


@dataclass
class _Kind:
    """What the rules do to a token of one kind: attributes set, and the two-token steps it meets."""

    rules: tuple[int, ...]  # one-token rules it matches, in order
    sets: dict[int, int]  # column of ``_WRITE`` -> value, after those rules
    steps: frozenset[tuple[int, int, int]]  # (rule, alternative, position) of two-token rules it meets


@dataclass
class CompiledRules:
    """The ruler's rules as per-token predicates (rule order = precedence, as spaCy applies them)."""

    ruler: AttributeRuler
    single: list[tuple[int, object]]  # (rule, predicate over a token's strings)
    double: list[tuple[int, int, tuple[object, object]]]  # (rule, alternative, predicates)
    literals: frozenset[str]  # lower-case forms the rules name; others are all alike to them
    regexes: list[re.Pattern]
    kinds: dict[tuple, _Kind] = field(default_factory=dict)
    lowers: dict[int, int] = field(default_factory=dict)

    @classmethod
    def build(cls, ruler: AttributeRuler) -> "CompiledRules | None":
        """The compiled rules, or None when a pattern uses something not handled here."""
        single, double, literals, regexes = [], [], set(), []
        if any(attr not in _WRITE for attrs in ruler.attrs for attr in attrs):
            return None
        for rule, entry in enumerate(ruler.patterns):
            for alternative, pattern in enumerate(entry["patterns"]):
                predicates = [_token_predicate(spec, literals, regexes) for spec in pattern]
                if None in predicates or not 1 <= len(pattern) <= 2 or entry["index"] not in range(-len(pattern), len(pattern)):
                    return None
                if len(pattern) == 1:
                    single.append((rule, predicates[0]))
                else:
                    double.append((rule, alternative, tuple(predicates)))
        return cls(ruler, single, double, frozenset(literals), regexes)

    def apply(self, doc):
        strings = doc.vocab.strings
        keys = [(tag, dep, space, self._lower_key(lower, strings)) for tag, dep, lower, space in doc.to_array(_READ).tolist()]
        kinds = [self.kinds.get(key) or self._kind(key, strings) for key in keys]
        extra = self._double_matches(kinds) if self.double else {}
        values = doc.to_array(_WRITE)
        changed = False
        for i, kind in enumerate(kinds):
            sets = kind.sets if i not in extra else self._merged(kind, extra[i])
            for column, value in sets.items():
                values[i, column] = value
                changed = True
        if changed:
            doc.from_array(_WRITE, values)
        return doc

    def _lower_key(self, lower: int, strings) -> int:
        key = self.lowers.get(lower)
        if key is None:
            text = strings[lower]
            named = text in self.literals or any(r.search(text) for r in self.regexes)
            key = self.lowers[lower] = lower if named else 0
        return key

    def _kind(self, key: tuple, strings) -> _Kind:
        tag, dep, space, lower = key
        # A form the rules never name stands for all such forms: None fails every literal and regex.
        token = (strings[tag] if tag else "", strings[dep] if dep else "", strings[lower] if lower else None, bool(space))
        rules = tuple(sorted({rule for rule, predicate in self.single if predicate(token)}))
        steps = frozenset((rule, alt, pos) for rule, alt, predicates in self.double
                          for pos, predicate in enumerate(predicates) if predicate(token))
        kind = self.kinds[key] = _Kind(rules, self._sets(rules), steps)
        return kind

    def _double_matches(self, kinds: list[_Kind]) -> dict[int, list[int]]:
        """Token index -> rules of two-token patterns that set its attributes."""
        found: dict[int, set[int]] = {}
        for i in range(len(kinds) - 1):
            for rule, alternative, position in kinds[i].steps:
                if position == 0 and (rule, alternative, 1) in kinds[i + 1].steps:
                    index = self.ruler.indices[rule]
                    found.setdefault(i + (index if index >= 0 else 2 + index), set()).add(rule)
        return {i: sorted(rules) for i, rules in found.items()}

    def _merged(self, kind: _Kind, doubles: list[int]) -> dict[int, int]:
        return self._sets(sorted(set(kind.rules) | set(doubles)))

    def _sets(self, rules) -> dict[int, int]:
        """Column -> value after applying these rules' attributes in order (later rules win)."""
        out: dict[int, int] = {}
        for rule in rules:
            for attr, value in self.ruler.attrs[rule].items():
                out[_WRITE.index(attr)] = value
        return out


def _token_predicate(spec: dict, literals: set, regexes: list):
    """A test over (tag, dep, lower, is_space) strings for one token pattern, or None if unsupported."""
    tests = []
    for name, value in spec.items():
        if name == "IS_SPACE" and isinstance(value, bool):
            tests.append(lambda t, v=value: t[3] == v)
            continue
        if name not in _NAMES:
            return None
        column = _NAMES[name]
        if isinstance(value, str):
            literals.add(value) if column == 2 else None
            tests.append(lambda t, c=column, v=value: t[c] == v)
        elif isinstance(value, dict) and len(value) == 1:
            (op, arg), = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
                literals.update(arg) if column == 2 else None
                tests.append(lambda t, c=column, v=frozenset(arg), keep=op == "IN": (t[c] in v) == keep)
            elif op == "REGEX" and isinstance(arg, str):
                pattern = re.compile(arg)
                regexes.append(pattern) if column == 2 else None
                tests.append(lambda t, c=column, p=pattern: t[c] is not None and p.search(t[c]) is not None)
            else:
                return None
        else:
            return None
    return lambda token: all(test(token) for test in tests)


class MemoLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer, each (form, part of speech, morphology) lemmatised once."""

    def __call__(self, doc):
        if self.mode != "rule" or not len(doc):
            return super().__call__(doc)
        memo = self.__dict__.setdefault("_memo", {})
        strings, values = doc.vocab.strings, doc.to_array([ORTH, POS, MORPH, LEMMA])
        for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
            if self.overwrite or lemma == 0:
                found = memo.get((orth, pos, morph))
                if found is None:  # spaCy decides; its own cache has the same key
                    found = memo[orth, pos, morph] = strings.add(self.lemmatize(doc[i])[0])
                values[i, 3] = found
        doc.from_array([LEMMA], values[:, 3:])
        return doc


@Language.factory(ATTRIBUTE_RULER, default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_attribute_ruler(nlp, name: str, validate: bool, scorer):
    return MemoAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


@Language.factory(LEMMATIZER, assigns=["token.lemma"], default_config={
    "model": None, "mode": "rule", "overwrite": False, "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}})
def make_lemmatizer(nlp, model, name: str, mode: str, overwrite: bool, scorer):
    return MemoLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)
