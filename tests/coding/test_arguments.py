"""Argument finding on hand-built parses (words, heads, deps), so the logic is tested apart from the model."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc
import spacy

from bilateral.actors.resolve import ActorMention
from bilateral.coding import arguments as args


VOCAB = spacy.blank("en").vocab


def parse(words, heads, deps, pos=None):
    """A Doc with the given parse (heads are absolute indices)."""
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos or ["NOUN"] * len(words))


def mention(doc, i, code):
    token = doc[i]
    return ActorMention(i, i + 1, token.idx, token.idx + len(token), token.text, code, code[:3], None, head=i)


def index_of(doc, codes):
    return args.MentionIndex([mention(doc, i, code) for i, code in codes.items()])


def test_arguments_passive_by_agent_is_the_source_and_subject_the_target():
    doc = parse(["Kyiv", "was", "attacked", "by", "Russia"], [2, 2, 2, 2, 3],
                ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"], ["PROPN", "AUX", "VERB", "ADP", "PROPN"])
    index = index_of(doc, {0: "UKR", 4: "RUS"})
    verb = doc[2]
    assert [m.code for m in args.actors(args.subject_tokens(verb), index, doc[:])] == ["RUS"]
    assert [m.code for m in args.first_targets(verb, index, doc[:], [])] == ["UKR"]


def test_arguments_supply_y_to_x_takes_the_to_object_over_the_thing_supplied():
    doc = parse(["China", "supplied", "drones", "to", "Iran"], [1, 1, 1, 1, 3],
                ["nsubj", "ROOT", "dobj", "prep", "pobj"], ["PROPN", "VERB", "NOUN", "ADP", "PROPN"])
    index = index_of(doc, {0: "CHN", 4: "IRN"})
    assert [m.code for m in args.first_targets(doc[1], index, doc[:], [])] == ["IRN"]


def test_arguments_provide_x_with_y_takes_the_direct_object():
    doc = parse(["Japan", "provided", "Ukraine", "with", "aid"], [1, 1, 1, 1, 3],
                ["nsubj", "ROOT", "dobj", "prep", "pobj"], ["PROPN", "VERB", "PROPN", "ADP", "NOUN"])
    index = index_of(doc, {0: "JPN", 2: "UKR"})
    assert [m.code for m in args.first_targets(doc[1], index, doc[:], [])] == ["UKR"]


def test_arguments_conjoined_subjects_expand():
    doc = parse(["Iran", "and", "Russia", "signed", "deal"], [3, 0, 0, 3, 3],
                ["nsubj", "cc", "conj", "ROOT", "dobj"], ["PROPN", "CCONJ", "PROPN", "VERB", "NOUN"])
    index = index_of(doc, {0: "IRN", 2: "RUS"})
    assert [m.code for m in args.actors(args.subject_tokens(doc[3]), index, doc[:])] == ["IRN", "RUS"]


def test_arguments_pronoun_takes_the_earlier_subject_with_lower_certainty():
    doc = parse(["Syria", "said", "it", "would", "withdraw"], [1, 1, 4, 4, 1],
                ["nsubj", "ROOT", "nsubj", "aux", "ccomp"], ["PROPN", "VERB", "PRON", "AUX", "VERB"])
    index = index_of(doc, {0: "SYR"})
    [found] = args.actors(args.subject_tokens(doc[4]), index, doc[:])
    assert found.code == "SYR" and found.certainty < 1.0


def test_arguments_target_reached_through_an_of_chain():
    words = ["Arnor", "welcomed", "resumption", "of", "ties", "with", "Gondor"]
    doc = parse(words, [1, 1, 1, 2, 3, 4, 5], ["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj"],
                ["PROPN", "VERB", "NOUN", "ADP", "NOUN", "ADP", "PROPN"])
    index = index_of(doc, {0: "ARN", 6: "GON"})
    assert [m.code for m in args.first_targets(doc[1], index, doc[:], [])] == ["GON"]


@pytest.mark.parametrize("after", [True, False])
def test_arguments_region_words_stay_inside_the_clause(after):
    words = ["Iran", "said", "Israel", "attacked", "Syria"]
    doc = parse(words, [1, 1, 3, 1, 3], ["nsubj", "ROOT", "nsubj", "ccomp", "dobj"],
                ["PROPN", "VERB", "PROPN", "VERB", "PROPN"])
    region = args.region_words(doc[1], after)
    assert ("syria" in region) is False
    assert ("iran" in region) is (not after)
