"""Fixtures for the text stage: a small gazetteer written for the tests."""
from __future__ import annotations

from pathlib import Path

import pytest

# Facts (names, country codes, rounded coordinates) as GeoNames records them; layout of
# bilateral/data/gazetteer.csv. Order is priority: countries first.
GAZETTEER_ROWS = """\
# Test gazetteer for bilateral.text.places (coordinates: GeoNames, CC BY 4.0)
name,aliases,kind,country,lat,lon,geonameid
Iran,Islamic Republic of Iran|Persia,country,IRN,32.0,53.0,130758
Syria,Syrian Arab Republic,country,SYR,35.0,38.0,163843
Oman,Sultanate of Oman,country,OMN,21.0,57.0,286963
Russia,Russian Federation,country,RUS,60.0,100.0,2017370
Tehran,Teheran,capital,IRN,35.69,51.42,112931
Damascus,Dimashq,capital,SYR,33.51,36.29,170654
Sanaa,Sana'a,capital,YEM,15.35,44.21,71137
The Hague,Den Haag,city,NLD,52.08,4.3,2747373
Caspian Sea,Caspian,sea,,42.0,50.5,630673
Strait of Hormuz,Hormuz Strait,strait,,26.57,56.25,292218
Gulf of Oman,,gulf,,24.5,58.5,290269
Persian Gulf,Arabian Gulf,gulf,,27.0,51.0,290265
Rasht,,city,IRN,37.28,49.58,118743
Aleppo,Ḩalab|Halab,city,SYR,36.2,37.16,170063
Homs,Ḩimş,city,SYR,34.73,36.72,169577
Tartus,Tartous,city,SYR,34.89,35.89,163345
al-Bab,Al Bab,city,SYR,36.37,37.52,170017
Vienna,Wien,capital,AUT,48.21,16.37,2761369
"""


@pytest.fixture(scope="session")
def gazetteer_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.csv"
    path.write_text(GAZETTEER_ROWS, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def gazetteer(gazetteer_csv):
    from bilateral.text.places import Gazetteer

    return Gazetteer.from_csv(gazetteer_csv)
