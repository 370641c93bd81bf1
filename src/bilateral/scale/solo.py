"""When can a sentence with a single named actor still give an event?

Without a target the coder keeps an event only if its code's root is not one of
``SOLO_EXCLUDED`` (statements and appeals to no one). A predicate reaches a code through its
default (possibly bound to a particle: "pull out") or an object pattern, whose items each
need one of their words in the clause ("say ... aid" is 07x, "say" alone is 010). Codes a
governor gives its complement come from the complement's own patterns, so checking every
token is enough. Words are matched on every surface form of their lemma, so the rule can
only keep too much.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

Requirement = tuple[frozenset[int], ...]  # each item: hashed forms, one of which must occur
UNCONDITIONAL: Requirement = ()


def solo_requirements(book, excluded: Iterable[str], forms: Callable[[frozenset[str]], frozenset[int]]) -> dict[str, list[Requirement]]:
    """Lemma -> the word requirements under which it can carry a code a lone source may have.

    Args:
        book: the coder's ``PatternBook``.
        excluded: code roots never kept without a target.
        forms: the hashed surface forms of a set of words (cached by the caller).
    Returns:
        only lemmas with at least one such code; ``[()]`` when one needs no particular word.
    """
    excluded = set(excluded)
    needs: dict[str, set[Requirement]] = {}

    def allow(lemma: str, requirement: Requirement) -> None:
        needs.setdefault(lemma, set()).add(requirement)

    for (verb, particle), (code, _layer) in book.defaults.items():
        if code[:2] not in excluded:
            allow(verb, (forms(frozenset([particle])),) if particle else UNCONDITIONAL)
    for verb, blocks in book.blocks.items():
        for pattern in (p for block in blocks for p in book.patterns.get(block, ())):
            if pattern.code[:2] not in excluded:
                allow(verb, tuple(forms(item) for item in pattern.items + pattern.before))
    for noun, patterns in book.nouns.items():
        for pattern in patterns:
            if pattern.code[:2] not in excluded:
                allow(noun, tuple(forms(item) for item in pattern.items))
    return {lemma: [UNCONDITIONAL] if UNCONDITIONAL in found else sorted(found, key=len) for lemma, found in needs.items()}


def met(requirements: list[Requirement], present: set[int]) -> bool:
    """True when one requirement has every item among the sentence's words."""
    return any(all(item & present for item in requirement) for requirement in requirements)
