"""dates_in_text: explicit and relative dates, resolved against the publication date (issue 8, item 3)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.text.event_dates import TextDate, dates_in_text

PUBLISHED = "2022-03-03"  # a Thursday


@pytest.mark.parametrize("sentence, words, date, precision", [
    ("Troops crossed the border on 24 February 2022, officials said.", "24 February 2022", "2022-02-24", "day"),
    ("Troops crossed the border on 24th of February 2022.", "24th of February 2022", "2022-02-24", "day"),
    ("The convoy left on February 24, 2022 at dawn.", "February 24, 2022", "2022-02-24", "day"),
    ("Envoys met on Dec. 7, 2021 in Vienna.", "Dec. 7, 2021", "2021-12-07", "day"),
    ("Shelling hit the city on Friday, 25 February 2022.", "Friday, 25 February 2022", "2022-02-25", "day"),
    ("The report, dated 2022-02-24, was leaked.", "2022-02-24", "2022-02-24", "day"),
    ("The sanctions were imposed in February 2022.", "February 2022", "2022-02-01", "month"),
    ("Talks stalled in early February 2022.", "early February 2022", "2022-02-01", "month"),
    ("The two sides signed a deal in 2015.", "2015", "2015-01-01", "year"),
    ("Relations have soured since mid-2014.", "mid-2014", "2014-01-01", "year"),
    ("Talks resumed on February 24 in Geneva.", "February 24", "2022-02-24", "day"),
    ("Talks resumed on 24 February in Geneva.", "24 February", "2022-02-24", "day"),
    ("A new round is due on March 5.", "March 5", "2022-03-05", "day"),
    ("The embargo was lifted in February.", "February", "2022-02-01", "month"),
    ("He was detained in May last year.", "May last year", "2021-05-01", "month"),
    ("The minister said on Tuesday that talks would go on.", "Tuesday", "2022-03-01", "day"),
    ("The minister said Thursday that talks would go on.", "Thursday", "2022-03-03", "day"),
    ("Officials met last Thursday in Ankara.", "last Thursday", "2022-02-24", "day"),
    ("Talks will resume next Monday.", "next Monday", "2022-03-07", "day"),
    ("Rockets hit the base yesterday.", "yesterday", "2022-03-02", "day"),
    ("Rockets hit the base last night.", "last night", "2022-03-02", "day"),
    ("Three days ago, a drone struck the depot.", "Three days ago", "2022-02-28", "day"),
    ("Exports fell last month.", "last month", "2022-02-01", "month"),
    ("Trade grew sharply last year.", "last year", "2021-01-01", "year"),
])
def test_event_dates_resolves(sentence, words, date, precision):
    found = dates_in_text(sentence, PUBLISHED)
    assert [(d.text, d.date, d.precision) for d in found] == [(words, date, precision)]
    assert sentence[found[0].char_start:found[0].char_end] == words


@pytest.mark.parametrize("sentence", [
    "Theresa May said the plan was backed by May voters.",
    "Protesters march on the capital.",
    "Some 2015 people were displaced and 1,500 homes destroyed.",
    "He told the Today programme he disagreed.",
    "Sales rose 2,020 units in the quarter.",
])
def test_event_dates_ignores_lookalikes(sentence):
    assert dates_in_text(sentence, PUBLISHED) == []


def test_event_dates_year_nearest_the_publication():
    # Published in January, "December 28" is last December, not eleven months ahead.
    assert dates_in_text("The ship was seized on December 28.", "2022-01-10")[0].date == "2021-12-28"


def test_event_dates_impossible_day_keeps_month():
    found = dates_in_text("Nothing happened on 31 February 2022.", PUBLISHED)
    assert [(d.text, d.precision) for d in found] == [("February 2022", "month")]


def test_event_dates_weekday_on_publication_day_is_that_day():
    assert dates_in_text("Iran said on Thursday it would retaliate.", PUBLISHED)[0].date == PUBLISHED


def test_event_dates_without_publication_keeps_only_absolute():
    text = "Envoys met on Tuesday and on 3 March 2021, and again on March 3."
    assert [d.text for d in dates_in_text(text, None)] == ["3 March 2021"]
    assert [d.text for d in dates_in_text(text, "not a date")] == ["3 March 2021"]
    assert [d.text for d in dates_in_text(text, "0001-01-01")] == ["3 March 2021"]


def test_event_dates_several_in_order():
    text = "After the 2015 accord was signed in July 2015, inspectors returned on Monday."
    found = dates_in_text(text, PUBLISHED)
    assert [d.text for d in found] == ["July 2015", "Monday"]
    assert all(isinstance(d, TextDate) for d in found)


def test_event_dates_on_real_articles(shared_data):
    """Every date found in real Guardian articles slices back to its text and lies within 1900-2100."""
    import pandas as pd

    frame = pd.read_csv(shared_data / "corpora" / "guardian-syria-articles-2017-2019.csv").dropna(subset=["text"])
    found = 0
    for text, published in zip(frame["text"], frame["date"]):
        for date in dates_in_text(text, published):
            assert text[date.char_start:date.char_end] == date.text
            assert 1900 <= dt.date.fromisoformat(date.date).year <= 2100
            found += 1
    assert found > 1000


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_event_dates_never_fail(text, published):
    for date in dates_in_text(text, published.isoformat()):
        assert text[date.char_start:date.char_end] == date.text
        dt.date.fromisoformat(date.date)
