"""Convert Phoenix office holders and armed groups into people_phoenix.csv and groups_phoenix.csv.

The Phoenix country dictionary (openeventdata/petrarch2, MIT licence) lists about 18,000
politicians from CountryInfo (January 2014), each with dated CAMEO codes. This module turns
those facts into the people.csv layout so that the resolver knows office holders of every
country, not only the most-covered ones. Run it again when the reference file changes:

    .venv/bin/python -m bilateral.actors.phoenix_import ../shared/data/reference/petrarch-dictionaries

The non-state groups of Phoenix.MilNonState.actors.txt (START TOPS list, 2013) become
groups_phoenix.csv, keeping the groups whose code has a state or IMG root (regional roots such
as MEA or INT and the unfinished KKL rows are left out) and dropping one-word names unless they
carry a hyphen or digit ("MS-13").

Choices: people already named in the hand-kept files (people.csv, institutions ...) are left to
those files; one-word names and aliases are dropped (too ambiguous alone); a term Phoenix leaves
open ('>date') ends on the day the source was compiled, since later changes are unknown to it, and
the person's undated row (usually ...ELI) applies after that; two-digit years 00-30 are 20xx.
"""
from __future__ import annotations

import csv
import io
import re
import sys
from datetime import date
from pathlib import Path

from bilateral.actors.dictionary import ACTORS_DIR, SECTORS, normalize, read_rows

SOURCE_NAME = "Phoenix.Countries.actors.txt"
GROUPS_SOURCE = "Phoenix.MilNonState.actors.txt"
OUTPUT = ACTORS_DIR / "people_phoenix.csv"
GROUPS_OUTPUT = ACTORS_DIR / "groups_phoenix.csv"
COMPILED = date(2014, 1, 30)  # "Generated at: Thu Jan 30 2014" in the source header
HAND_FILES = ("countries.csv", "regions.csv", "people.csv", "institutions.csv", "state_bodies.csv", "groups.csv",
              "igos.csv")
_CODE = re.compile(r"\[([^\]]*)\]")
HEADER = """\
# people_phoenix.csv: office holders of every country from CountryInfo, with dated CAMEO codes.
# Source: Phoenix.Countries.actors.txt (openeventdata/petrarch2, built from CountryInfo.140130.txt,
# January 2014), MIT licence. Facts only (names, codes, dates), converted by
# bilateral/actors/phoenix_import.py; edit that module, not this file.
# Terms the source leaves open end on 2014-01-30, the day it was compiled (note '~open in source'):
# later changes are not recorded here. Hand-kept rows in people.csv take precedence over these.
"""
GROUPS_HEADER = """\
# groups_phoenix.csv: non-state armed groups with CAMEO codes (state or IMG roots only).
# Source: Phoenix.MilNonState.actors.txt (openeventdata/petrarch2, from the START TOPS list, 2013),
# MIT licence. Facts only (names, codes, dates), converted by bilateral/actors/phoenix_import.py;
# edit that module, not this file. Hand-kept rows in groups.csv take precedence over these.
"""


def _date(text: str) -> date | None:
    """A Phoenix date: yymmdd (00-30 are 20xx) or yyyymmdd; None when unreadable."""
    text = text.strip()
    try:
        if len(text) == 8:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) == 6:
            year = int(text[:2])
            return date(year + (2000 if year <= 30 else 1900), int(text[2:4]), int(text[4:]))
    except ValueError:
        return None
    return None


def parse_restriction(body: str) -> tuple[str, date | None, date | None, bool] | None:
    """(code, start, end, left open) of one '[CODE 990427-040101]' restriction, or None if unreadable."""
    parts = body.split()
    if not parts:
        return None
    code = parts[0].upper()
    if len(parts) == 1:
        return code, None, None, False
    span = parts[1]
    if span.startswith(">"):
        start = _date(span[1:])
        return (code, start, COMPILED, True) if start else None
    if span.startswith("<"):
        end = _date(span[1:])
        return (code, None, end, False) if end else None
    if "-" in span:
        start, end = (_date(x) for x in span.split("-", 1))
        if start and end and start < end:
            return code, start, end, False
    return None


def _name(raw: str) -> str:
    """'HOSNI_MUBARAK_' -> 'Hosni Mubarak' (spaces, capitalised words)."""
    words = re.sub(r"[_\s]+", " ", raw).strip().split()
    return " ".join(w.capitalize() if w.isupper() else w for w in words)


def read_people(text: str) -> list[dict]:
    """People of the CountryInfo part: name, aliases and restrictions, in file order."""
    people, current = [], None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("+"):
            if current is not None:
                current["aliases"].append(_name(line[1:].split("#")[0]))
        elif line[0].isspace():
            if current is not None:
                current["terms"] += [r for r in map(parse_restriction, _CODE.findall(line)) if r]
        else:
            current = None
            if "CountryInfo" in line and "[" not in line.split("#")[0]:
                current = {"name": _name(line.split("#")[0]), "aliases": [], "terms": []}
                people.append(current)
    return people


def _known_phrases(folder: Path) -> set[str]:
    """Normalised names and aliases of the hand-kept files."""
    known = set()
    for name in HAND_FILES:
        for _, row in read_rows(folder / name):
            known.update(normalize(s) for s in [row.get("name", ""), *row.get("aliases", "").split("|")] if s)
    return known


def _usable(code: str, countries: set[str]) -> bool:
    sector = code[3:6]
    return bool(re.fullmatch(r"(?:[A-Z]{3})+", code)) and code[:3] in countries and (not sector or sector in SECTORS)


def rows_for(people: list[dict], known: set[str], countries: set[str]) -> list[list[str]]:
    """CSV rows (name, aliases, code, role, start, end, note) for people not named elsewhere."""
    rows, seen = [], set(known)
    for person in people:
        forms = [f for f in [person["name"], *person["aliases"]] if len(normalize(f).split()) > 1]
        if not forms or any(normalize(f) in seen for f in forms):
            continue
        # Offices first: where an ELI span overlaps a term, and for undated look-ups, the office wins.
        terms = sorted((t for t in person["terms"] if _usable(t[0], countries)), key=lambda t: t[0][3:6] == "ELI")
        if not terms:
            continue
        seen.update(normalize(f) for f in forms)
        rows.extend(row[:3] + [""] + row[3:] for row in _term_rows(forms, terms))  # role left empty
    return rows


def build(reference: Path, folder: Path = ACTORS_DIR) -> str:
    """The text of people_phoenix.csv from the reference folder holding the Phoenix dictionaries."""
    text = (reference / SOURCE_NAME).read_text(encoding="utf-8", errors="replace")
    countries = {row["code"] for _, row in read_rows(folder / "countries.csv")}
    rows = rows_for(read_people(text), _known_phrases(folder), countries)
    return _csv_text(HEADER, ["name", "aliases", "code", "role", "start", "end", "note"], rows)


def read_groups(text: str) -> list[dict]:
    """Groups of the MilNonState file: name, aliases and codes (inline or on indented lines)."""
    groups, current = [], None
    for line in text.splitlines():
        body = line.split("#")[0]
        if not body.strip():
            continue
        if line.startswith("+"):
            if current is not None:
                current["aliases"].append(_name(body[1:]))
        elif line[0].isspace():
            if current is not None:
                current["terms"] += [r for r in map(parse_restriction, _CODE.findall(body)) if r]
        else:
            current = {"name": _name(body.split("[")[0]), "aliases": [],
                       "terms": [r for r in map(parse_restriction, _CODE.findall(body)) if r]}
            groups.append(current)
    return groups


def _group_form(form: str) -> bool:
    """Several words, or one with a hyphen or digit ("MS-13"); other single words are too ambiguous."""
    return len(form.split()) > 1 or bool(re.search(r"[-\d]", form))


def group_rows(groups: list[dict], known: set[str], countries: set[str]) -> list[list[str]]:
    """CSV rows (name, aliases, code, start, end, note) for groups not named in the hand-kept files."""
    rows, seen = [], set(known)
    for group in groups:
        # "Basque Fatherland And Freedom (eta)": the bracketed acronym is no part of the name as written.
        forms = [re.sub(r"\s*\([^)]*\)", "", f).strip() for f in [group["name"], *group["aliases"]]]
        forms = list(dict.fromkeys(f for f in forms if f and _group_form(f)))
        terms = [t for t in group["terms"] if t[0].startswith("IMG") or _usable(t[0], countries)]
        if not forms or not terms or any(normalize(f) in seen for f in forms):
            continue
        seen.update(normalize(f) for f in forms)
        rows.extend(_term_rows(forms, terms))
    return rows


def _term_rows(forms: list[str], terms: list) -> list[list[str]]:
    """(name, aliases, code, start, end, note) per term; the aliases only on the first row."""
    aliases = "|".join(dict.fromkeys(f for f in forms[1:] if normalize(f) != normalize(forms[0])))
    return [[forms[0], aliases if i == 0 else "", code, start.isoformat() if start else "",
             end.isoformat() if end else "", "~open in source" if left_open else ""]
            for i, (code, start, end, left_open) in enumerate(terms)]


def _csv_text(header: str, columns: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return header + out.getvalue()


def build_groups(reference: Path, folder: Path = ACTORS_DIR) -> str:
    """The text of groups_phoenix.csv from the reference folder holding the Phoenix dictionaries."""
    text = (reference / GROUPS_SOURCE).read_text(encoding="utf-8", errors="replace")
    countries = {row["code"] for _, row in read_rows(folder / "countries.csv")}
    rows = group_rows(read_groups(text), _known_phrases(folder), countries)
    return _csv_text(GROUPS_HEADER, ["name", "aliases", "code", "start", "end", "note"], rows)


if __name__ == "__main__":
    OUTPUT.write_text(build(Path(sys.argv[1])), encoding="utf-8")
    GROUPS_OUTPUT.write_text(build_groups(Path(sys.argv[1])), encoding="utf-8")
    print(f"wrote {OUTPUT} and {GROUPS_OUTPUT}")
