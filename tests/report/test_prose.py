"""Prose from templates: numbers formatted plainly, whitespace tidy, thin data called thin."""
import pytest

from bilateral.report.prose import THIN_EVENTS, cited_numbers, fmt_date, fmt_index, join_words, paragraph, plural, say


@pytest.mark.parametrize("value, freq, text", [
    ("2022-03-15", "day", "15 March 2022"), ("2022-03-01", "month", "March 2022"),
    ("2022-04-01", "quarter", "Q2 2022"), ("2022-01-01", "year", "2022"), (None, "month", "n/a"),
])
def test_prose_dates_at_the_report_frequency(value, freq, text):
    assert fmt_date(value, freq) == text


def test_prose_numbers_and_words():
    assert (fmt_index(0.4213), fmt_index(-0.1), fmt_index(None)) == ("+0.42", "-0.10", "n/a")
    assert (plural(1, "event"), plural(1200, "event"), plural(2, "country", "countries")) == ("1 event", "1,200 events", "2 countries")
    assert join_words(["a", "b", "c"]) == "a, b and c" and join_words(["a"]) == "a" and join_words([]) == ""


def test_prose_paragraph_collects_its_citations():
    block = paragraph("fact_turn", t={"date": "2022-02-01", "before_level": 0.2, "after_level": -0.6},
                      freq="month", direction="toward conflict", cites=[4, 7])
    assert block["text"] == ("The largest shift came in February 2022, toward conflict: the cooperation index moved "
                             "from +0.20 to -0.60 [4, 7].")
    assert block["cites"] == [4, 7] == cited_numbers(block["text"])


@pytest.mark.parametrize("events, thin", [(THIN_EVENTS - 1, True), (THIN_EVENTS, False), (250, False)])
def test_prose_phase_says_when_the_evidence_is_thin(events, thin):
    phase = {"start": "2020-01-01", "end": "2020-12-31", "periods": 12, "events": events, "label": "cordial", "level": 0.3}
    text = say("phase", p=phase, freq="month", trend="steady", dims="", defining="", THIN_EVENTS=THIN_EVENTS)
    assert ("thin evidence" in text) is thin
    assert f"({plural(12, 'month')}, {plural(events, 'event')})" in text
    assert "  " not in text and " ." not in text
