"""clean_text: page furniture and SEO link lists out, article text and headlines kept (issue 8, item 1)."""
from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.text.clean import clean_text, is_noise_line

NOISE_LINES = [
    "Skip to main content",
    "Home › World › Middle East",
    "News | World | Politics | Business",
    "Facebook Twitter WhatsApp Email",
    "We use cookies to give you a better experience. By browsing on you agree to our cookie policy.",
    "Accept all cookies",
    "Share this article",
    "Share on Facebook",
    "Subscribe to our morning briefing for the day's top stories",
    "Sign up for the newsletter",
    "Read more: Oil tankers turn back from the Gulf",
    "Related: What the sanctions mean for shipping",
    "Advertisement",
    "By Jane Example",
    "By Jane Example and Omar Sample, Middle East correspondent",
    "BY SAM ROE",
    "Staff and agencies",
    "Reuters",
    "(Reporting by Jane Example; Editing by Sam Roe)",
    "Additional reporting by Omar Sample in Beirut",
    "© 2024 Example Media Group. All rights reserved.",
    "Copyright 2023 The Daily Example",
    "Photograph: Sam Roe/Example Pictures",
    "Tanker crews wait at anchor off the coast. Photograph: Sam Roe/AFP/Getty Images",
    "Published: Tue 24 Feb 2022 10.31 GMT",
    "Last modified on Wednesday 25 February 2022 08.00 GMT",
    "24 February 2022 10:31",
    "— — —",
    "Comments (14)",
    "Listen to this article",
    "Popular searches",
    "The post Envoys meet in Muscat appeared first on Gulf Example Wire.",
]

REAL_LINES = [
    "Share prices of the two oil firms fell sharply in Tehran on Monday.",
    "Follow the money, the prosecutor told the court.",
    "By Tuesday the two delegations had agreed to extend the ceasefire.",
    "Updated figures show the agency counted more centrifuges than last year.",
    "Copyright law was tightened by parliament in 2019.",
    "Print media in the country face new licensing rules.",
    "Reporting restrictions were imposed by the court on Friday.",
    "More than 100 people were killed in the attack, officials said.",
    "Related talks between the two navies are due next month.",
    "Russia and Iran sign a gas deal",
    # A long paragraph is never noise because of a phrase it contains.
    "Ministers said on Friday they would read more of the leaked cables before deciding, and a spokesman added "
    "that anyone who wanted to share the documents should first sign up to the confidentiality rules the "
    "committee adopted after the last breach, which had exposed the names of several informants.",
]


@pytest.mark.parametrize("line", NOISE_LINES)
def test_clean_is_noise_line_drops_furniture(line):
    assert is_noise_line(line)


@pytest.mark.parametrize("line", REAL_LINES)
def test_clean_is_noise_line_keeps_news_text(line):
    assert not is_noise_line(line)


BODY = (
    "The navies of Iran and Russia held a joint exercise in the Caspian Sea on Tuesday, the defence "
    "ministries of both countries said, days after officials in Tehran announced new drills.\n\n"
    "The drill involved a dozen ships and was watched by observers from China, according to a statement "
    "that Moscow released in the evening."
)
SEO_RUN = ["Jennifer Aniston", "Grand Hyatt Dubai", "Best Running Shoes 2024", "Brad Pitt Net Worth", "Cheap Flights to Bali"]


def test_clean_drops_seo_link_list():
    page = "\n".join(["Iran and Russia Hold Naval Drill", "", BODY, "", "Trending now", *SEO_RUN])
    cleaned = clean_text(page)
    assert BODY in cleaned
    assert cleaned.startswith("Iran and Russia Hold Naval Drill")
    for item in SEO_RUN:
        assert item not in cleaned


def test_clean_keeps_headline_with_a_verb_inside_a_link_list():
    lines = [*SEO_RUN[:2], "Rebels Seize Border Town After Week of Shelling", *SEO_RUN[2:], "", BODY]
    cleaned = clean_text("\n".join(lines))
    assert "Rebels Seize Border Town After Week of Shelling" in cleaned
    assert "Grand Hyatt Dubai" not in cleaned


def test_clean_keeps_verbless_headline_about_the_article_actors():
    # "Iran-Russia Naval Drill" has no verb but names the actors the body is about.
    lines = [*SEO_RUN[:3], "Iran-Russia Naval Drill", "", BODY]
    cleaned = clean_text("\n".join(lines))
    assert "Iran-Russia Naval Drill" in cleaned
    assert "Jennifer Aniston" not in cleaned


@pytest.mark.parametrize("headline", [
    "Three Killed in Blast Near Border",
    "Iran to Hold Talks With Gulf States",
    "Russia and Turkey Sign Grain Accord",
    "Israeli Strikes on Iran",
    "Minister Says Talks Will Resume",
])
def test_clean_headline_forms_read_as_clauses(headline):
    cleaned = clean_text("\n".join([*SEO_RUN[:3], headline]))
    assert headline in cleaned and "Grand Hyatt Dubai" not in cleaned


def test_clean_two_short_title_lines_are_not_a_list():
    text = "Grand Hyatt Dubai\nBrad Pitt Net Worth\n\n" + BODY
    assert clean_text(text).startswith("Grand Hyatt Dubai\nBrad Pitt Net Worth")


def test_clean_normalises_characters():
    raw = "Cafe\u0301 talks\r\nin\u00a0Tehran \u201cended\u201d\x07 late\u200b.\r\n\r\n\r\n\r\nNext &amp; last\tline."
    assert clean_text(raw) == "Caf\u00e9 talks\nin Tehran \u201cended\u201d late.\n\nNext & last line."


def test_clean_keeps_tail_of_hard_wrapped_sentence():
    # Wire copy wraps at ~70 columns: "share." ends a sentence, it is not a share button.
    text = (
        "The company said its first-quarter profits rose to four dlrs a\nshare.\n"
        "It also said its sales had climbed steadily in the four weeks to\nMarch 17.\n"
    )
    assert clean_text(text) == text.strip()


def test_clean_empty_and_noise_only():
    assert clean_text("") == ""
    assert clean_text("Share this article\nAdvertisement\n\u00a9 2024 Example") == ""


def test_clean_guardian_paragraphs_survive(shared_data):
    """Real articles cut into paragraphs, with noise between: no paragraph over 200 chars is lost."""
    import pandas as pd

    articles = pd.read_csv(shared_data / "corpora" / "guardian-syria-articles-2017-2019.csv")["text"].dropna()
    noise = ["Share this article", "Advertisement", "By Jane Example", "\n".join(SEO_RUN), "Read more"]
    checked = 0
    for text in articles.iloc[::3]:
        sentences = re.split(r"(?<=[.!?\u201d])\s+(?=[A-Z\u201c])", text)
        paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
        page = "\n\n".join(p + "\n\n" + noise[i % len(noise)] for i, p in enumerate(paragraphs))
        cleaned = clean_text(page)
        for paragraph in paragraphs:
            if len(paragraph) > 200:
                assert clean_text(paragraph) in cleaned
                checked += 1
        assert "Share this article" not in cleaned and "Grand Hyatt Dubai" not in cleaned
    assert checked > 500


def test_clean_is_fast_on_real_articles(shared_data):
    import pandas as pd

    texts = pd.read_csv(shared_data / "corpora" / "guardian-syria-articles-2017-2019.csv")["text"].dropna().tolist()
    size = sum(map(len, texts))
    start = time.perf_counter()
    for text in texts:
        clean_text(text)
    assert size / (time.perf_counter() - start) > 1_000_000  # chars a second; measured ~7 M


LINE_POOL = NOISE_LINES + REAL_LINES + SEO_RUN + ["", "Rebels Seize Border Town", BODY]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LINE_POOL), max_size=25))
def test_clean_is_idempotent(lines):
    once = clean_text("\n".join(lines))
    assert clean_text(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_clean_never_fails_and_leaves_no_control_characters(text):
    cleaned = clean_text(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", cleaned)
    assert cleaned == cleaned.strip()


def _mojibake(text: str) -> str:
    """UTF-8 bytes read as Latin-1: what news dumps do to curly quotes and accents."""
    return text.encode("utf-8").decode("latin-1")


@pytest.mark.parametrize("text", [
    "Iran\u2019s foreign minister met his Russian counterpart in Moscow.",
    "\u201cWe will respond,\u201d the C\u00f4te d\u2019Ivoire army said \u2014 on Tuesday.",
    "Erdo\u011fan and Pezeshkian spoke by phone\u00a0on Monday.",
])
def test_clean_text_repairs_mojibake(text):
    damaged = _mojibake(text)
    assert damaged != text
    assert clean_text(damaged) == clean_text(text)


def test_clean_text_leaves_text_that_is_not_mojibake_alone():
    text = "Caf\u00e9 owners in Mos\u00fal said the na\u00efve plan \u2014 \u201cbold\u201d \u2014 cost \u00a35m."
    assert clean_text(text) == text


@pytest.mark.shared
def test_clean_text_repairs_the_mojibake_of_real_headlines(shared_data):
    """Guardian headlines 2020-2024 stored with double-encoded quotes: 'Iran\u00e2\x80\x99s attack on Israel'."""
    import pandas as pd

    path = shared_data / "corpora/headlines-bbc-guardian-2020-2024/guardian_ip_models_merged_http_filtered_cleaned.csv"
    titles = pd.read_csv(path)["title"].astype(str).tolist()
    damaged = [t for t in titles if "\u00e2\x80" in t]
    assert len(damaged) > 1000
    repaired = [clean_text(t) for t in damaged]
    assert not [t for t in repaired if "\u00e2\x80" in t or re.search("[\x80-\x9f]", t)]
    assert sum("\u2019" in t for t in repaired) > len(damaged) / 2
