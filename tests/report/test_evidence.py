"""The evidence rows: the event span is marked inside its sentence, links are only http(s)."""
import pytest

from bilateral.report.evidence import evidence_rows, safe_link, span_in_sentence


def test_evidence_marks_the_verb_phrase_of_every_event(synthetic_con, plan):
    ids = [r[0] for r in synthetic_con.execute("SELECT event_id FROM events ORDER BY date, event_id").fetchall()]
    rows = evidence_rows(synthetic_con, ids)
    assert [r["n"] for r in rows] == list(range(1, len(ids) + 1))
    assert [r["event_id"] for r in rows] == ids
    for row in rows:
        before, span, after = row["sentence_parts"]
        assert span == plan["verbs"][row["cameo"]]
        assert before + span + after == row["sentence"]
        assert row["link"].startswith("https://news.example.org/")


def test_evidence_keeps_citation_order_not_store_order(synthetic_con):
    ids = [r[0] for r in synthetic_con.execute("SELECT event_id FROM events ORDER BY event_id DESC LIMIT 5").fetchall()]
    assert [r["event_id"] for r in evidence_rows(synthetic_con, ids)] == ids


def test_span_in_sentence_uses_the_sentence_offset_not_the_document_offset():
    doc = "Title line.\n\nFirst sentence. Iran signed a deal with Russia."
    sentence = "Iran signed a deal with Russia."
    start = doc.index("signed")
    offset = doc.index(sentence)
    assert span_in_sentence(sentence, start, start + 6, offset, sentence, None) == [5, 11]
    # no sentence row: the sentence is found in the document text
    assert span_in_sentence(sentence, start, start + 6, None, None, doc) == [5, 11]
    # nothing to anchor it, or a span outside the sentence: no mark rather than a wrong one
    assert span_in_sentence(sentence, start, start + 6, None, None, None) is None
    assert span_in_sentence(sentence, 0, 4, offset, sentence, None) is None


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None),
    ("data:text/html,<b>x</b>", None),
    ("//example.org/x", None),
    ("", None),
    (None, None),
])
def test_safe_link_allows_only_absolute_http_urls(url, expected):
    assert safe_link(url) == expected
