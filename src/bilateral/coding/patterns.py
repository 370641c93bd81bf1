"""Verb and noun patterns -> CAMEO codes, read from the data files in ``bilateral/data/patterns/``.

Two layers, the project's own first:
- ``core_verbs.tsv`` / ``core_nouns.tsv``: hand-written entries for the verbs and event nouns of
  today's news, each with optional object words, PLOVER type and mode.
- ``verbs.tsv`` / ``verb_objects.tsv`` / ``synsets.tsv``: facts carried over from the CAMEO 2.0
  verb dictionary (verb lemma, the words its object must contain, code), grouped in blocks of
  synonymous verbs that share their object patterns (PETRARCH's convention).

A verb is matched against the words in its object region (see ``arguments.object_words``);
the pattern with the most matched words wins, the verb's default code is the fallback.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "patterns"


@dataclass(frozen=True, slots=True)
class PatternMatch:
    """The code a verb or noun gets, and how specific the evidence for it was."""

    code: str
    specificity: int  # object words matched; 0 = the verb's default code
    reverse: bool = False  # the code applies from target to source ("receive a request")
    reciprocal: bool = False  # both directions when there is no target ("sign", "meet")
    plover: str | None = None  # finer PLOVER type/mode than the CAMEO table gives, if any
    plover_mode: str | None = None
    layer: str = "core"  # core | cameo2
    paired: str | None = None  # code of the mirror event target->source ("visit" 042 pairs "host" 043)


@dataclass(frozen=True, slots=True)
class _Pattern:
    items: tuple[frozenset[str], ...]  # each item: the words that satisfy it
    before: tuple[frozenset[str], ...]
    code: str
    reverse: bool
    plover: str | None
    plover_mode: str | None
    layer: str
    owners: frozenset[str] = frozenset()  # verbs of the block the pattern was written for (empty: all)
    content: bool = True  # at least one item is a content word, not just a preposition
    reciprocal: bool = False
    paired: str | None = None


# Items this general do not outweigh a reviewed default code on their own.
FUNCTION_WORDS = frozenset({"with", "to", "for", "on", "at", "in", "by", "from", "of", "against", "over", "into",
                            "between", "about", "up", "out", "off", "down", "back", "as", "after", "before", "if"})


def known_code(code: str) -> str:
    """The code itself if CAMEO has it, else its nearest parent ("1952" -> "195"); CAMEO 2.0 adds a few."""
    from bilateral.ontology import is_known

    for candidate in (code, code[:3], code[:2]):
        if candidate and is_known(candidate):
            return candidate
    return code


def _rows(name: str) -> list[dict]:
    """Rows of a TSV data file, '#' comment lines skipped."""
    with (DATA / name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


class PatternBook:
    """All verb and noun patterns, indexed by lemma."""

    def __init__(self) -> None:
        self.synsets: dict[str, set[str]] = defaultdict(set)
        for row in _rows("synsets.tsv"):
            self.synsets[row["synset"]].add(row["word"].split()[-1])
        self.defaults: dict[tuple[str, str], tuple[str, str]] = {}  # (verb, particle) -> (code, layer)
        self.blocks: dict[str, list[str]] = defaultdict(list)  # verb -> blocks it belongs to
        self.patterns: dict[str, list[_Pattern]] = defaultdict(list)  # block -> patterns
        self.reciprocal: set[str] = set()  # "core:verb:code" entries
        self.paired: dict[tuple[str, str], str] = {}  # (verb, code) -> mirror code
        self.modes: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        self._read_cameo2()
        self._read_core_verbs()
        self.nouns: dict[str, list[_Pattern]] = defaultdict(list)
        self._read_core_nouns()

    def _item(self, word: str) -> frozenset[str]:
        """The words that satisfy one pattern item: a literal, 'a|b', or a &SYNSET."""
        words: set[str] = set()
        for alt in word.split("|"):
            words |= self.synsets.get(alt, set()) if alt.startswith("&") else {alt}
        return frozenset(words)

    def _read_cameo2(self) -> None:
        for row in _rows("verbs.tsv"):
            key = (row["verb"], row["particle"] or "")
            self.blocks[row["verb"]].append(row["block"])
            if row["code"] and key not in self.defaults:
                self.defaults[key] = (known_code(row["code"]), "cameo2")
        members: dict[str, set[str]] = defaultdict(set)
        for verb, blocks in self.blocks.items():
            for block in blocks:
                members[block].add(verb)
        for row in _rows("verb_objects.tsv"):
            row["code"], row["reverse_code"] = known_code(row["code"]), known_code(row["reverse_code"])
            code, reverse = (row["code"], False) if row["code"] else (row["reverse_code"], True)
            both = bool(row["code"] and row["reverse_code"])
            words = row["after"].split() + row["before"].split()
            self.patterns[row["block"]].append(_Pattern(
                items=tuple(self._item(w) for w in row["after"].split()),
                before=tuple(self._item(w) for w in row["before"].split()),
                code=code, reverse=reverse, plover=None, plover_mode=None, layer="cameo2",
                owners=frozenset(set((row.get("verbs") or "").split()) & members[row["block"]]),
                content=any(w not in FUNCTION_WORDS for w in words),
                reciprocal=both and row["code"] == row["reverse_code"],
                paired=row["reverse_code"] if both and row["code"] != row["reverse_code"] else None,
            ))

    def _read_core_verbs(self) -> None:
        for row in _rows("core_verbs.tsv"):
            verb, particle, objects = row["verb"], row["particle"] or "", row["objects"] or ""
            plover, mode = row["plover"] or None, row["mode"] or None
            if row["reciprocal"] == "yes":
                self.reciprocal.add(f"core:{verb}:{row['code']}")
            elif row["reciprocal"]:
                self.paired[(verb, row["code"])] = row["reciprocal"]
            if not objects:
                self.defaults[(verb, particle)] = (row["code"], "core")
                self.blocks.setdefault(verb, [])  # known even without object patterns ("urge", "sanction")
                self.modes[(verb, row["code"])] = (plover, mode)
                continue
            block = f"core:{verb}"
            if block not in self.blocks[verb]:
                self.blocks[verb].insert(0, block)
            self.patterns[block].append(_Pattern(
                items=tuple(self._item(w) for w in objects.split()), before=(), code=row["code"],
                reverse=False, plover=plover, plover_mode=mode, layer="core",
            ))

    def _read_core_nouns(self) -> None:
        for row in _rows("core_nouns.tsv"):
            self.nouns[row["noun"]].append(_Pattern(
                items=tuple(self._item(w) for w in (row["modifiers"] or "").split()), before=(),
                code=row["code"], reverse=False, plover=row["plover"] or None,
                plover_mode=row["mode"] or None, layer="core",
            ))
        for patterns in self.nouns.values():
            patterns.sort(key=lambda p: -len(p.items))

    def known_verb(self, lemma: str) -> bool:
        """True if any pattern or default code exists for this verb lemma."""
        return lemma in self.blocks

    def match_verb(self, lemma: str, particles: set[str], after: set[str], before: set[str] = frozenset(),
                   head: set[str] = frozenset()) -> PatternMatch | None:
        """The best code for a verb given its particles and the words of its object region.

        Args:
            lemma: the verb's lemma, lower case.
            particles: lemmas of its particle and preposition children ("with" in "meet with").
            after: words and lemmas in its object region.
            before: words and lemmas in its subject region.
            head: word and lemma of its direct object; of two equal patterns, one naming it wins
                ("renewed negotiations on ... relations" is negotiation, not renewed ties).
        Returns:
            the most specific match, or None if the verb codes nothing here.
        """
        best: _Pattern | None = None
        reviewed_default = self.defaults.get((lemma, ""), ("", ""))[1] == "core"
        for block in self.blocks.get(lemma, ()):
            for pattern in self.patterns.get(block, ()):
                if best is not None and _rank(pattern, lemma, head) <= _rank(best, lemma, head):
                    continue
                if (pattern.owners and lemma not in pattern.owners) or (reviewed_default and not pattern.content):
                    continue
                if all(item & after for item in pattern.items) and all(item & before for item in pattern.before):
                    best = pattern
        if best is not None:
            if best.code == "-":  # the project's layer says this verb with this object is no event
                return None
            reciprocal = best.reciprocal or self._is_reciprocal(lemma, best.code)
            paired = best.paired or self.paired.get((lemma, best.code))
            plover, mode = (best.plover, best.plover_mode) if best.plover else self._verb_plover(lemma, best.code)
            return PatternMatch(best.code, len(best.items) + len(best.before), best.reverse, reciprocal,
                                plover, mode, best.layer, paired)
        for particle in sorted(particles):
            if (lemma, particle) in self.defaults:
                return self._default(lemma, particle, 1)
        if (lemma, "") in self.defaults:
            return self._default(lemma, "", 0)
        return None

    def _verb_plover(self, lemma: str, code: str) -> tuple[str | None, str | None]:
        """The PLOVER type the project's layer gives the verb itself, if the code is in its CAMEO root.

        "resign" is an official resignation (RETREAT) whichever 08x pattern its object matched.
        """
        default, layer = self.defaults.get((lemma, ""), ("", ""))
        if layer != "core" or default[:2] != code[:2]:
            return None, None
        return self.modes.get((lemma, default), (None, None))

    def _default(self, lemma: str, particle: str, specificity: int) -> PatternMatch | None:
        code, layer = self.defaults[(lemma, particle)]
        if code == "-":  # the project's layer says this verb alone is no event
            return None
        plover, mode = self.modes.get((lemma, code), (None, None))
        return PatternMatch(code, specificity, False, self._is_reciprocal(lemma, code), plover, mode, layer,
                            self.paired.get((lemma, code)))

    def _is_reciprocal(self, lemma: str, code: str) -> bool:
        """Reciprocal acts are declared in the project's own layer only (the CAMEO 2.0 flags are per pattern)."""
        return f"core:{lemma}:{code}" in self.reciprocal

    def match_noun(self, lemma: str, modifiers: set[str]) -> PatternMatch | None:
        """The code of an event noun ("strike", "talks"), refined by its modifiers ("air strike")."""
        for pattern in self.nouns.get(lemma, ()):
            if all(item & modifiers for item in pattern.items):
                return PatternMatch(pattern.code, 1 + len(pattern.items), False,
                                    self._is_reciprocal(lemma, pattern.code), pattern.plover, pattern.plover_mode)
        return None


def _rank(pattern: _Pattern, lemma: str, head: set[str] = frozenset()) -> tuple[int, int, int, int]:
    """Order of preference: more matched words first, then the project's own layer, then a
    pattern written for this very verb over one its synonym block shares ("demand talks" is a
    demand, 106, not the block's appeal, 026), then one that names the direct object."""
    return (len(pattern.items) + len(pattern.before), 1 if pattern.layer == "core" else 0,
            1 if lemma in pattern.owners else 0, 1 if any(item & head for item in pattern.items) else 0)


@lru_cache(maxsize=1)
def pattern_book() -> PatternBook:
    """The shipped patterns, read once."""
    return PatternBook()
