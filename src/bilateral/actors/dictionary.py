"""Actor dictionary and gazetteer: surface forms -> CAMEO actor codes and places.

The data are CSV files under ``bilateral/data/actors/`` (countries, regions, institutions, IGOs, armed
groups, office holders, agent nouns) and ``bilateral/data/gazetteer.csv``. Hand-kept files come
first; ``people_phoenix.csv`` and ``groups_phoenix.csv`` (converted from the Phoenix dictionaries
by ``bilateral.actors.phoenix_import``) add the office holders and groups of every country up to
2014, and ``agents_added.csv`` corrects and extends the generated ``agents.csv``. Users add actors in a
CSV of the same layout as people.csv/institutions.csv, passed as ``extra`` or named by the
environment variable ``BILATERAL_ACTORS``; their rows come first in every lookup.

Dates: a row applies from ``start`` (inclusive) to ``end`` (exclusive). ``lookup(phrase, date)``
returns, for each actor named by the phrase, its rows valid on that date; failing those, its
undated rows; failing those, for a person whose terms have ended, one ``<country>ELI`` entry
(CAMEO's code for former officials); otherwise nothing (e.g. before a first term). Without a
date, all rows are returned, a person's current (else latest) office first.
"""
from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd

from bilateral.errors import ActorFileError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
ACTORS_DIR = DATA_DIR / "actors"
GAZETTEER = DATA_DIR / "gazetteer.csv"
ENV_VAR = "BILATERAL_ACTORS"
ROLES = {"HOS", "HOG", "FM", "DM"}
# Roots of codes that name an organisation rather than a state (IGO + org blocks, IMG + group ...).
TRANSNATIONAL = ("IGO", "IMG", "NGO", "NGM", "MNC")
SECTORS = {
    "GOV", "MIL", "LEG", "JUD", "OPP", "PTY", "REB", "INS", "SEP", "UAF", "SPY", "COP", "PRE", "ELI",
    "BUS", "MED", "CVL", "REF", "HLH", "HRI", "LAB", "EDU", "ENV", "DEV", "AGR", "CRM", "REL", "MOD",
    "RAD", "MUS", "CHR", "JEW", "BUD", "HIN", "IGO", "NGO", "NGM", "MNC", "IMG", "UNK",
}
# Quotes and dashes unified; letters NFKD does not decompose spelled out (Đ, ł, ø, ı, ß).
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'",
                         "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2010": "-",
                         "\u2011": "-", "\u0110": "D", "\u0111": "d", "\u0141": "L", "\u0142": "l",
                         "\u00d8": "O", "\u00f8": "o", "\u0131": "i", "\u00df": "ss"})


@dataclass(frozen=True)
class ActorEntry:
    """One surface form of one actor row, valid from ``start`` to ``end`` (None = open)."""

    phrase: str
    code: str
    country: str
    sector: str
    role: str
    start: date | None
    end: date | None
    kind: str
    name: str = ""
    surface: str = ""

    @property
    def dated(self) -> bool:
        """True when the row carries a start or an end date."""
        return self.start is not None or self.end is not None

    def covers(self, when: date) -> bool:
        """True when ``when`` falls in [start, end); an end date is the first day out of office."""
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True)
class Place:
    """A gazetteer hit."""

    name: str
    kind: str
    country: str
    lat: float
    lon: float
    geonameid: str


def normalize(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of a phrase without a leading 'the'."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def as_date(value: date | datetime | str | None) -> date | None:
    """A date from a date, datetime or ISO string (None stays None)."""
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value).strip()[:10])


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a CSV with '#' comment lines; raises ActorFileError."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ActorFileError(path, f"cannot read actor file: {exc}") from exc
    header: list[str] | None = None
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        values = next(csv.reader([line]))
        if header is None:
            header = [v.strip().lower() for v in values]
            continue
        if len(values) != len(header):
            raise ActorFileError(path, f"expected {len(header)} fields ({','.join(header)}), "
                                       f"found {len(values)}", number)
        rows.append((number, {k: v.strip() for k, v in zip(header, values)}))
    if header is None:
        raise ActorFileError(path, "no header line")
    return rows


class ActorDictionary:
    """Surface forms of actors with their CAMEO codes and validity dates."""

    def __init__(self, countries: dict[str, str], roots: dict[str, str], agents: dict[str, str]):
        self.countries = countries
        self.roots = roots
        self.agents = agents
        self.entries: list[ActorEntry] = []
        self._index: dict[str, list[ActorEntry]] = defaultdict(list)

    # -- codes -------------------------------------------------------------------------------
    def country_of(self, code: str) -> str | None:
        """The state or organisation part of a code (RUSGOV -> RUS, IGOWSTNATMIL -> IGOWSTNAT)."""
        code = code.strip().upper()
        if code[:3] in TRANSNATIONAL:
            for size in range(len(code) - len(code) % 3, 2, -3):
                if code[:size] in self.roots:
                    return code[:size]
            return None
        return code[:3] if code[:3] in self.countries else None

    def country_name(self, code: str) -> str | None:
        """English name of the state or organisation a code belongs to."""
        root = self.country_of(code)
        return None if root is None else self.countries.get(root) or self.roots.get(root)

    def sector_of(self, code: str) -> str:
        """The first sector block after the country part ('' when there is none)."""
        root = self.country_of(code) or code[:3]
        return code[len(root):len(root) + 3]

    # -- building ----------------------------------------------------------------------------
    def add(self, surface: str, code: str, kind: str, name: str, role: str = "",
            start: date | None = None, end: date | None = None, first: bool = False) -> None:
        """Index one surface form; ``first`` puts it ahead of existing entries (user files)."""
        phrase = normalize(surface)
        if not phrase:
            return
        entry = ActorEntry(phrase, code, self.country_of(code) or "", self.sector_of(code), role,
                           start, end, kind, name, surface)
        bucket = self._index[phrase]
        if any(e.code == code and e.name == name and e.role == role and e.start == start for e in bucket):
            return  # the same alias twice after normalisation
        bucket.insert(0, entry) if first else bucket.append(entry)
        self.entries.append(entry)

    def check_code(self, path: Path, line: int, code: str) -> None:
        """Raise ActorFileError unless the code's country part and first sector are known."""
        if not re.fullmatch(r"(?:[A-Z]{3})+", code):
            raise ActorFileError(path, f"code {code!r} is not a CAMEO code (blocks of 3 capitals)", line)
        if self.country_of(code) is None:
            raise ActorFileError(path, f"code {code!r}: unknown country or organisation {code[:3]!r}", line)
        sector = self.sector_of(code)
        if sector and sector not in SECTORS and not code.startswith(TRANSNATIONAL):
            raise ActorFileError(path, f"code {code!r}: unknown sector {sector!r}", line)

    # -- queries -----------------------------------------------------------------------------
    def lookup(self, phrase: str, date: date | datetime | str | None = None) -> list[ActorEntry]:
        """Entries for a phrase; with a date, only the rows valid then (see the module docstring)."""
        hits = self._index.get(normalize(phrase), [])
        when = as_date(date)
        if when is None:  # undated text: a person's latest office first ("Putin" is not the FSB director of 1998)
            order: dict[tuple[str, str], int] = {}
            for entry in hits:
                order.setdefault((entry.kind, entry.name), len(order))
            return sorted(hits, key=lambda e: (order[(e.kind, e.name)],) + _latest_office(e))
        groups: dict[tuple[str, str], list[ActorEntry]] = defaultdict(list)
        for entry in hits:
            groups[(entry.kind, entry.name)].append(entry)
        # An actor in office that day comes before one whose rows are undated or ended: "George Bush"
        # in 2005 is the son, in office, not the father, a former president.
        ranked = sorted(groups.values(), key=lambda g: 0 if any(e.dated and e.covers(when) for e in g) else 1)
        return [e for group in ranked for e in _valid(group, when)]

    def agent_sector(self, word: str) -> str | None:
        """CAMEO sector code(s) of an agent noun ('troops' -> 'MIL'), or None."""
        return self.agents.get(normalize(word))

    def phrases(self) -> list[str]:
        """Every normalised actor surface form, sorted (for a phrase-matcher pre-scan)."""
        return sorted(self._index)


def _latest_office(entry: ActorEntry) -> tuple[bool, bool, int]:
    """Sort key putting a person's current, else latest, office first; a former-official row (ELI) last."""
    if entry.kind != "person":
        return (False, False, 0)
    return (entry.sector == "ELI", entry.end is not None, -(entry.start or date.min).toordinal())


def _valid(group: list[ActorEntry], when: date) -> list[ActorEntry]:
    """Rows of one actor valid on ``when``: dated rows, else undated rows, else former (ELI)."""
    covering = [e for e in group if e.dated and e.covers(when)]
    if covering:
        return covering
    undated = [e for e in group if not e.dated]
    if undated:
        return undated
    ended = [e for e in group if e.end is not None and e.end <= when]
    if group[0].kind == "person" and ended:
        last = max(ended, key=lambda e: e.end)
        return [replace(last, code=last.country + "ELI", sector="ELI", role="", start=last.end, end=None)]
    return []


# The Arabic article before a capitalised name part, however transliterated ("al-Bashir", "El Bashir").
_ARTICLE = re.compile(r"\b[AaEe]l[- ](?=[A-Z])")


def article_variants(surface: str) -> list[str]:
    """A name and its other spellings of the Arabic article: al-/el-/al /el, one choice for the whole name."""
    if not _ARTICLE.search(surface):
        return [surface]
    return [surface] + [_ARTICLE.sub(form, surface) for form in ("al-", "el-", "al ", "el ")]


# The Prophet's name, the commonest given name in the Arab world, in each usual romanisation.
_MOHAMMED = re.compile(r"\b(?:Mohammed|Mohammad|Muhammad|Mohamed|Mohamad|Muhammed)\b")
_MOHAMMED_FORMS = ("Mohammed", "Mohammad", "Muhammad", "Mohamed")


# A hyphen joining two capitalised parts of a name, often written as a space ("Mohammad-Reza", "Amir-Abdollahian").
_NAME_HYPHEN = re.compile(r"(?<=[a-z])-(?=[A-Z])")


def name_variants(surface: str, person: bool = False) -> list[str]:
    """Other spellings of a name: the Arabic article (see ``article_variants``), Mohammed/Muhammad/...,
    and for a person a hyphen between capitalised parts as a space (not for bodies: "Self-Defense Forces")."""
    forms = article_variants(surface)
    if _MOHAMMED.search(surface):
        forms += [_MOHAMMED.sub(given, f) for f in list(forms) for given in _MOHAMMED_FORMS]
    if person:
        forms += [_NAME_HYPHEN.sub(" ", f) for f in list(forms) if _NAME_HYPHEN.search(f)]
    return list(dict.fromkeys(forms))


def _parse_dates(path: Path, line: int, row: dict[str, str]) -> tuple[date | None, date | None]:
    """Start and end dates of a row; raises ActorFileError naming the line."""
    try:
        start, end = as_date(row.get("start") or None), as_date(row.get("end") or None)
    except ValueError as exc:
        raise ActorFileError(path, f"bad date (want YYYY-MM-DD): {exc}", line) from exc
    if start and end and end < start:
        raise ActorFileError(path, f"end {end} is before start {start}", line)
    return start, end


def _load_actor_file(book: ActorDictionary, path: Path, kind: str | None, first: bool = False) -> None:
    """Add the rows of a people/institutions-style file to ``book``."""
    rows = read_rows(path)
    aliases: dict[str, list[str]] = defaultdict(list)  # a person's aliases are shared by all their rows
    holds_office: set[str] = set()  # user rows: a name with any role is a person in all its rows
    for _, row in rows:
        aliases[row.get("name", "")] += row.get("aliases", "").split("|")
        if row.get("role"):
            holds_office.add(row.get("name", ""))
    for line, row in rows:
        name, code = row.get("name", ""), row.get("code", "").upper()
        if not name or not code:
            raise ActorFileError(path, "every row needs a name and a code", line)
        book.check_code(path, line, code)
        roles = [r for r in row.get("role", "").upper().split(";") if r]
        if any(r not in ROLES for r in roles):
            raise ActorFileError(path, f"role must be empty or one of {sorted(ROLES)}, joined by ';'", line)
        start, end = _parse_dates(path, line, row)
        row_kind = kind or row.get("kind") or ("person" if name in holds_office else "institution")
        person = row_kind == "person"
        for surface in dict.fromkeys(v for s in [name, *aliases[name]] if s.strip() for v in name_variants(s, person)):
            book.add(surface, code, row_kind, name, ";".join(roles), start, end, first)


def _read_countries() -> dict[str, str]:
    """code -> name for every state and territory, and the CAMEO regions used as actors ("the West")."""
    return {row["code"]: row["name"] for name in ("countries.csv", "regions.csv")
            for _, row in read_rows(ACTORS_DIR / name)}


def _read_roots() -> dict[str, str]:
    """code -> name for every organisation root (IGO..., IMG...) plus the bare roots."""
    roots = {r: r for r in TRANSNATIONAL}
    for name in ("igos.csv", "groups.csv"):
        for _, row in read_rows(ACTORS_DIR / name):
            code = row["code"].upper()
            if code.startswith(TRANSNATIONAL) and code not in roots:
                roots[code] = row["name"]
    return roots


def _build(extra: Path | None) -> ActorDictionary:
    """Read every shipped file and the optional user file."""
    if extra is not None and not Path(extra).is_file():
        raise ActorFileError(extra, "user actor file not found")
    countries = _read_countries()
    agents = {row["word"]: row["sector"] for name in ("agents.csv", "agents_added.csv")
              for _, row in read_rows(ACTORS_DIR / name)}  # hand-kept rows replace generated ones
    book = ActorDictionary(countries, _read_roots(), agents)
    for name, kind in (("countries.csv", "country"), ("regions.csv", "region")):
        for _, row in read_rows(ACTORS_DIR / name):
            for surface in [row["name"], *row["aliases"].split("|")]:
                book.add(surface, row["code"], kind, row["name"])
    for name, kind in (("igos.csv", "igo"), ("groups.csv", "group"), ("groups_phoenix.csv", "group"),
                       ("institutions.csv", "institution"), ("state_bodies.csv", "institution"),
                       ("people.csv", "person"), ("people_phoenix.csv", "person")):
        if (ACTORS_DIR / name).is_file():  # the *_phoenix.csv files are generated and may be absent
            _load_actor_file(book, ACTORS_DIR / name, kind)
    if extra is not None:
        _load_actor_file(book, Path(extra), None, first=True)
    return book


@lru_cache(maxsize=1)
def _default() -> ActorDictionary:
    return _build(None)


def load_dictionary(extra: Path | str | None = None) -> ActorDictionary:
    """The actor dictionary, plus ``extra`` or $BILATERAL_ACTORS (the default one is cached)."""
    extra = extra or os.environ.get(ENV_VAR) or None
    return _build(Path(extra)) if extra else _default()


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[pd.DataFrame, dict[str, int]]:
    frame = pd.read_csv(GAZETTEER, comment="#", dtype=str, keep_default_na=False)
    frame["lat"], frame["lon"] = frame["lat"].astype(float), frame["lon"].astype(float)
    index: dict[str, int] = {}
    for i, (name, aliases) in enumerate(zip(frame["name"], frame["aliases"])):
        for surface in [name, *aliases.split("|")]:
            index.setdefault(normalize(surface), i)  # file order is priority order
    return frame, index


def load_gazetteer() -> pd.DataFrame:
    """The gazetteer as a DataFrame (name, aliases, kind, country, lat, lon, geonameid)."""
    return _gazetteer()[0].copy()


def find_place(phrase: str) -> Place | None:
    """The highest-priority place named ``phrase`` (country > capital > feature > city)."""
    frame, index = _gazetteer()
    i = index.get(normalize(phrase))
    if i is None:
        return None
    row = frame.iloc[i]
    return Place(row["name"], row["kind"], row["country"], float(row["lat"]), float(row["lon"]),
                 row["geonameid"])
