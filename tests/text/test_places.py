"""find_places: places named as the location of an event, with coordinates (issue 8, item 4)."""
from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.errors import InputError
from bilateral.text.places import Gazetteer, find_places


@pytest.mark.parametrize("sentence, words, name, kind", [
    ("Iran and Russia held naval drills in the Caspian Sea.", "Caspian Sea", "Caspian Sea", "sea"),
    ("Missiles struck a depot near Rasht on Monday.", "Rasht", "Rasht", "city"),
    ("A drone was shot down over the Strait of Hormuz.", "Strait of Hormuz", "Strait of Hormuz", "strait"),
    ("Protesters gathered in Damascus after the vote.", "Damascus", "Damascus", "capital"),
    ("A tanker was seized off the coast of Oman.", "Oman", "Oman", "country"),
    ("Fighting raged in the northern city of Aleppo.", "Aleppo", "Aleppo", "city"),
    ("Warships docked at the Syrian port of Tartus.", "Tartus", "Tartus", "city"),
    ("Crowds gathered in Iran's capital, Tehran.", "Tehran", "Tehran", "capital"),
    ("Shells landed 20 km north of Damascus.", "Damascus", "Damascus", "capital"),
    ("A cargo ship sank in the Gulf of Oman.", "Gulf of Oman", "Gulf of Oman", "gulf"),
    ("Rebels regrouped outside al-Bab.", "al-Bab", "al-Bab", "city"),
    ("Aid reached families in \u1e28alab.", "\u1e28alab", "Aleppo", "city"),
    ("Airstrikes hit targets in Sana'a overnight.", "Sana'a", "Sanaa", "capital"),
    ("Judges in The Hague ruled on the case.", "The Hague", "The Hague", "city"),
    ("TANKER SEIZED IN STRAIT OF HORMUZ", "STRAIT OF HORMUZ", "Strait of Hormuz", "strait"),
])
def test_places_finds_location(gazetteer, sentence, words, name, kind):
    found = find_places(sentence, gazetteer)
    assert [(sentence[p.char_start:p.char_end], p.name, p.kind) for p in found] == [(words, name, kind)]


def test_places_carries_country_and_coordinates(gazetteer):
    (place,) = find_places("Clashes were reported near Rasht.", gazetteer)
    assert (place.country, place.lat, place.lon) == ("IRN", 37.28, 49.58)


@pytest.mark.parametrize("sentence", [
    "Iran said it would retaliate against Russia.",
    "The EU imposed sanctions on Syria.",
    "In Iran's view, the talks have failed.",
    "Officials held talks with Russia in private.",
    "The Persian poet was born long ago.",  # "Persian" is not "Persian Gulf"
])
def test_places_ignores_actors_and_non_locative_names(gazetteer, sentence):
    assert find_places(sentence, gazetteer) == []


def test_places_all_mentions_when_not_locative_only(gazetteer):
    found = find_places("Iran and Russia met in Vienna.", gazetteer, locative_only=False)
    assert [p.name for p in found] == ["Iran", "Russia", "Vienna"]


def test_places_several_in_one_sentence(gazetteer):
    text = "Ships sailed from Tartus through the Strait of Hormuz and anchored off Oman."
    assert [p.name for p in find_places(text, gazetteer)] == ["Strait of Hormuz", "Oman"]


def test_places_bad_gazetteer_row_names_file_and_line(tmp_path):
    path = tmp_path / "gazetteer.csv"
    path.write_text("# comment\nname,aliases,kind,country,lat,lon,geonameid\nRasht,,city,IRN,north,49.58,1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Gazetteer.from_csv(path)
    assert caught.value.line == 3 and str(path) in str(caught.value)


def test_places_lookup_cost_does_not_grow_with_names(gazetteer_csv, tmp_path, shared_data):
    """5,000 extra names must not slow the scan: lookups are per token, not per name."""
    import pandas as pd

    rows = gazetteer_csv.read_text(encoding="utf-8")
    extra = "".join(f"Placeholder Town {n},,city,XXX,0,0,{n}\n" for n in range(5000))
    big_csv = tmp_path / "big.csv"
    big_csv.write_text(rows + extra, encoding="utf-8")
    small, big = Gazetteer.from_csv(gazetteer_csv), Gazetteer.from_csv(big_csv)
    texts = pd.read_csv(shared_data / "corpora" / "guardian-syria-articles-2017-2019.csv")["text"].dropna().tolist()[:60]

    def seconds(gaz):
        start = time.perf_counter()
        found = sum(len(find_places(t, gaz)) for t in texts)
        return time.perf_counter() - start, found

    (t_small, n_small), (t_big, n_big) = seconds(small), seconds(big)
    assert n_small == n_big > 20
    assert t_big < 3 * t_small + 0.05
    assert sum(map(len, texts)) / t_big > 300_000  # chars a second


def test_places_shipped_gazetteer_when_present():
    from bilateral.text.places import GAZETTEER_CSV, default_gazetteer

    if not GAZETTEER_CSV.is_file():
        pytest.skip("bilateral/data/gazetteer.csv is not built yet")
    found = find_places("Naval drills were held in the Caspian Sea and near Rasht.", default_gazetteer())
    assert [p.country for p in found][-1] == "IRN"
    assert all(-90 <= p.lat <= 90 and -180 <= p.lon <= 180 for p in found)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_places_never_fail(gazetteer, text):
    for place in find_places(text, gazetteer):
        assert 0 <= place.char_start < place.char_end <= len(text)
