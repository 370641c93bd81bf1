"""Fixtures for the report tests: a synthetic IRN-RUS store whose structure is known.

2019-2020: a tense phase (criticism, accusations, threats, the odd visit); from 2021: a
cooperative phase (trade, military drills, agreements) with two criticisms inside it.
Both sides accuse the USA from 2021 (a shared adversary) and court China throughout (a
shared partner). Some events carry a location. Every event has a document with sentences,
and its char offsets point at the verb phrase in the document.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from bilateral.model import Article, Event, Sentence, event_id_for
from bilateral.ontology import lookup
import pytest

from bilateral.store import Store

NAMES = {"IRN": "Iran", "RUS": "Russia", "USA": "the United States", "CHN": "China"}
VERBS = {
    "036": "offered to negotiate with", "042": "sent a delegation to", "057": "signed a formal agreement with",
    "061": "agreed to expand trade with", "062": "held joint naval drills with", "111": "criticised",
    "112": "accused", "130": "threatened",
}
PLACES = {"Moscow": (55.76, 37.62), "Bandar Abbas": (27.18, 56.27), "Tehran": (35.69, 51.39)}
TENSION_MONTHS = {(2022, 3), (2023, 5)}


def months():
    for year in range(2019, 2024):
        for month in range(1, 13):
            yield year, month


def planned_events() -> list[tuple]:
    """(date, source, target, cameo, location) for every synthetic event (seeded, so always the same)."""
    rng = random.Random(5)
    plan = []
    for k, (year, month) in enumerate(months()):
        day = lambda i: dt.date(year, month, 1 + (k * 5 + i * 3) % 27)  # noqa: E731
        if year < 2021:
            for i in range(rng.randint(3, 6)):
                src, tgt = rng.choice([("IRN", "RUS"), ("RUS", "IRN")])
                plan.append((day(i), src, tgt, rng.choice(["111", "112", "130", "130", "042"]), None))
        else:
            plan += [(day(0), "IRN", "RUS", "061", "Moscow"), (day(1), "RUS", "IRN", "061", None),
                     (day(2), "RUS", "IRN", "062", "Bandar Abbas"), (day(3), "IRN", "RUS", "036", None),
                     (day(4), "RUS", "IRN", "042", None)]
            if k % 3 == 0:
                plan.append((day(5), "IRN", "RUS", "057", "Tehran"))
            if (year, month) in TENSION_MONTHS or rng.random() < 0.3:
                plan.append((day(6), "RUS", "IRN", "111", None))
            if rng.random() < 0.3:
                plan.append((day(11), "IRN", "RUS", "036", None))
            plan += [(day(7), "IRN", "USA", "112", None), (day(8), "RUS", "USA", "112", None)]
        plan += [(day(9), "IRN", "CHN", "036", None), (day(10), "RUS", "CHN", "061", None)]
    return plan


def build_document(i: int, date: dt.date, src: str, tgt: str, cameo: str, place: str | None):
    """One article with four sentences; the third holds the event, its verb phrase is the span."""
    title = f"{NAMES[src]} & {NAMES[tgt]}: <talks> report {i}"
    verb = VERBS[cameo]
    where = f" in {place}" if place else ""
    sentence = f"{NAMES[src][0].upper() + NAMES[src][1:]} {verb} {NAMES[tgt]}{where} on {date:%d %B %Y}."
    parts = [title, f"This is dispatch number {i} from the region.", sentence, "Observers expect more contacts."]
    text = "\n\n".join(parts[:1]) + "\n\n" + " ".join(parts[1:])
    article = Article(text=text, date=date.isoformat(), url=f"https://news.example.org/{i}", title=title, source_id=str(i))
    sentences, pos = [], 0
    for index, part in enumerate(parts):
        start = text.index(part, pos)
        sentences.append(Sentence(article.doc_id, index, start, start + len(part), part))
        pos = start + len(part)
    span_start = sentences[2].char_start + len(NAMES[src]) + 1
    code = lookup(cameo)
    lat, lon = PLACES.get(place, (None, None))
    event = Event(
        event_id=event_id_for(article.doc_id, src, tgt, cameo), doc_id=article.doc_id, date=date.isoformat(),
        source=f"{src}GOV", target=f"{tgt}GOV", source_country=src, target_country=tgt, cameo=cameo,
        root=code.root, quad_class=code.quad_class, penta_class=code.penta_class, goldstein=code.goldstein_gdelt,
        plover=code.plover, sentence=sentence, char_start=span_start, char_end=span_start + len(verb),
        url=article.url, title=title, location=place, lat=lat, lon=lon,
    )
    return article, sentences, event


def write_synthetic(path: Path) -> Path:
    """Write the synthetic store to ``path`` (a DuckDB file) and return the path."""
    articles, sentences, events = [], [], []
    for i, (date, src, tgt, cameo, place) in enumerate(planned_events()):
        article, sents, event = build_document(i, date, src, tgt, cameo, place)
        articles.append(article)
        sentences += sents
        events.append(event)
    with Store(path) as store:
        store.write_batch(articles, sentences, events)
    return path


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory) -> Path:
    """A store file with the synthetic events (built once; tests open it read-only)."""
    return write_synthetic(tmp_path_factory.mktemp("report") / "synthetic.duckdb")


@pytest.fixture
def synthetic_con(synthetic_db):
    with Store(synthetic_db, read_only=True) as store:
        yield store.con


@pytest.fixture(scope="session")
def synthetic_report(synthetic_db) -> dict:
    """The IRN-RUS report dict of the synthetic store (built once)."""
    from bilateral.report import build_report

    with Store(synthetic_db, read_only=True) as store:
        return build_report(store.con, "IRN", "RUS")


@pytest.fixture(scope="session")
def written_reports(synthetic_report, tmp_path_factory) -> dict[str, Path]:
    """The synthetic report written once as .html, .md and .json."""
    from bilateral.report import write_report

    folder = tmp_path_factory.mktemp("written")
    return {kind: write_report(synthetic_report, folder / f"report-IRN-RUS.{kind}") for kind in ("html", "md", "json")}


@pytest.fixture(scope="session")
def plan() -> dict:
    """What the synthetic store was built from: the verb phrase of each code and the places."""
    return {"verbs": VERBS, "places": PLACES}
