"""Build agents.csv (from the Phoenix and PLOVER agent dictionaries) and state_bodies.csv.

Usage: .venv/bin/python tools/build_actors.py [--shared ../shared/data]

Only facts are carried over (agent word -> CAMEO sector code). The dictionaries' own
substitution sets (!PERSON!, !MINIST!), explicit plural braces and the regular plurals that
PETRARCH generates automatically are expanded here, so the CSV lists every surface form.
A short block of words the dictionaries lack is added by hand (``EXTRA``) and marked so.
"""
from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ROOT / "src/bilateral/data/actors"
OUT = ACTORS / "agents.csv"
BODIES_OUT = ACTORS / "state_bodies.csv"
SOURCES = {
    "phoenix": "reference/petrarch-dictionaries/Phoenix.agents.txt",
    "plover": "reference/plover/PLOVER_agents.txt",
}
# The stem PETRARCH matches as a prefix; spelled out here.
STEMS = {"MINIST": ["MINISTER", "MINISTERS", "MINISTRY", "MINISTRIES"]}
ENTRY = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[~(?P<code>[A-Z]+)[\]}]")
SUBST = re.compile(r"^!(?P<name>[A-Z]+)!\s*=\s*(?P<items>.+)$")
SECTOR = re.compile(r"^(?:[A-Z]{3})+$")

# Common news words missing from both dictionaries; sector per the CAMEO actor codebook.
EXTRA = [
    ("official", "GOV"), ("officials", "GOV"), ("authorities", "GOV"), ("minister", "GOV"),
    ("ministers", "GOV"), ("foreign minister", "GOV"), ("foreign ministry", "GOV"),
    ("spokesman", "GOV"), ("spokeswoman", "GOV"), ("spokesperson", "GOV"),
    ("forces", "MIL"), ("armed forces", "MIL"), ("troops", "MIL"), ("drone", "MIL"), ("drones", "MIL"),
    ("military", "MIL"), ("militant", "REB"), ("militants", "REB"), ("insurgent", "INS"),
    ("insurgents", "INS"), ("rebel", "REB"), ("rebels", "REB"), ("protester", "OPP"),
    ("protesters", "OPP"), ("protestor", "OPP"), ("protestors", "OPP"), ("opposition", "OPP"),
    ("refugee", "REF"), ("refugees", "REF"), ("intelligence", "SPY"), ("spy", "SPY"), ("spies", "SPY"),
    ("intelligence agency", "SPY"), ("intelligence service", "SPY"), ("firm", "BUS"), ("firms", "BUS"),
    ("companies", "BUS"), ("businessman", "BUS"), ("businessmen", "BUS"), ("businesswoman", "BUS"),
    ("journalists", "MED"), ("civilians", "CVL"), ("residents", "CVL"), ("lawmakers", "LEG"),
    ("parliament", "LEG"), ("judges", "JUD"), ("police", "COP"), ("party", "PTY"), ("parties", "PTY"),
]
# Codes the dictionaries use for words that name no actor (weekdays, filler): such rows are dropped.
NOT_ACTORS = {"NON", "JNK"}
# Phoenix's PPL (people, men, persons) is no CAMEO sector; CAMEO's code for ordinary people is CVL.
RENAMED = {"PPL": "CVL"}
EXTRA_NOTE = {
    "drone": "hand decision: armed drones are state military hardware in news usage",
    "drones": "hand decision: armed drones are state military hardware in news usage",
    "militant": "hand decision: CAMEO REB (violent opposition) when no religion is named",
    "militants": "hand decision: CAMEO REB (violent opposition) when no religion is named",
    "protester": "follows Phoenix DEMONSTRATOR -> OPP",
    "protesters": "follows Phoenix DEMONSTRATOR -> OPP",
    "spokesman": "Phoenix codes SPOKESPERSON as MED; a bare spokesman in political news speaks for a government",
    "spokeswoman": "Phoenix codes SPOKESPERSON as MED; a bare spokeswoman in political news speaks for a government",
    "spokesperson": "Phoenix codes SPOKESPERSON as MED; a bare spokesperson in political news speaks for a government",
}


INVARIANT = ("MEN", "PEOPLE", "POLICE", "PERSONNEL", "STAFF", "CORPS")
PREPOSITIONS = {"OF", "FOR", "IN", "TO", "WITH", "ON", "AT", "FROM", "AGAINST", "DE"}


def plural_word(word: str) -> str:
    """Regular English plural of one word, as PETRARCH generates it."""
    if word.endswith(INVARIANT) or word.endswith("S"):
        return word
    if word.endswith("MAN"):
        return word[:-3] + "MEN"
    if re.search(r"[^AEIOU]Y$", word):
        return word[:-1] + "IES"
    if re.search(r"(S|SH|CH|X|Z)$", word):
        return word + "ES"
    return word + "S"


def plural(phrase: str) -> str:
    """Plural of a phrase: the head noun before the first preposition, else the last word."""
    words = phrase.split("_")
    head = next((i - 1 for i, w in enumerate(words) if w in PREPOSITIONS and i > 0), len(words) - 1)
    words[head] = plural_word(words[head])
    return "_".join(words)


def expand(phrase: str, subs: dict[str, list[str]]) -> list[str]:
    """All spellings of a phrase after substitution sets and stems."""
    forms = [phrase]
    for name, items in subs.items():
        token = f"!{name}!"
        # A token glued to a following letter is part of a word (AD!MINIST!RATIVE): keep the letters.
        forms = [re.sub(re.escape(token) + r"(?=[A-Z])", name, f) for f in forms]
        if any(token in f for f in forms):
            forms = [f.replace(token, item) for f in forms for item in items]
    out = []
    for form in forms:
        last = form.rstrip("_").split("_")[-1]
        if last in STEMS and not form.endswith("_"):
            out += [form[: -len(last)] + s for s in STEMS[last]]
        else:
            out.append(form)
    return out


def surface_forms(phrase: str, braces: str | None, subs: dict[str, list[str]]) -> list[str]:
    """Singular and plural surface forms, lower-case with spaces."""
    forms: list[str] = []
    for form in expand(phrase.strip(), subs):
        base = form.strip().rstrip("_")
        forms.append(base)
        if braces is None and base.split("_")[-1] not in STEMS and plural(base) != base:
            forms.append(plural(base))
    if braces:
        forms += [b.strip().rstrip("_") for b in braces.split(",") if b.strip()]
    return [re.sub(r"[_\s]+", " ", f).strip().lower() for f in forms if f.strip()]


def parse(path: Path) -> dict[str, str]:
    """Map surface form -> sector code for one agents file."""
    subs: dict[str, list[str]] = {}
    table: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if m := SUBST.match(line):
            subs[m["name"]] = [s.strip() for s in m["items"].split(",")]
            continue
        m = ENTRY.match(line)
        # Non-ASCII lines are mis-encoded Spanish/French ministry names in the source.
        if not m or not SECTOR.match(m["code"]) or not line.isascii():
            continue
        for form in surface_forms(m["phrase"], m["plural"], subs):
            table.setdefault(form, m["code"])
    return table


def build(shared: Path) -> list[tuple[str, str, str]]:
    """Rows (word, sector, note): Phoenix first, then PLOVER-only words, then hand additions."""
    phoenix = parse(shared / SOURCES["phoenix"])
    plover = parse(shared / SOURCES["plover"])
    rows = {w: (w, s, "") for w, s in phoenix.items()}
    for w, s in plover.items():
        rows.setdefault(w, (w, s, "PLOVER agents only"))
    rows = {w: (w, RENAMED.get(s, s), n if s not in RENAMED else f"hand decision: {s} read as {RENAMED[s]}")
            for w, (_, s, n) in rows.items() if s[:3] not in NOT_ACTORS}
    for w, s in EXTRA:
        if w not in rows:
            rows[w] = (w, s, EXTRA_NOTE.get(w, "added: missing from Phoenix and PLOVER agents"))
        elif w in EXTRA_NOTE:
            rows[w] = (w, s, EXTRA_NOTE[w])
    return sorted(rows.values())


HEADER = """# agents.csv: agent nouns (singular and plural) -> CAMEO sector code(s) appended to a country code.
# Source: Phoenix.agents.txt (openeventdata/petrarch2, MIT licence) and PLOVER_agents.txt
# (ahalterman/NGEC-2025 / openeventdata PLOVER, MIT licence); substitution sets and regular plurals expanded.
# A sector may hold more than one code (GOVMIL = government, military). Rows whose note starts with
# 'hand decision' or 'added' are this project's choices where the dictionaries are silent or too narrow.
# Generated by tools/build_actors.py; edit that script, not this file.
"""


# Adjective of each country whose generic state bodies get their own rows in state_bodies.csv.
ADJECTIVES = {
    "USA": "American|US|U.S.", "RUS": "Russian", "CHN": "Chinese", "GBR": "British|UK", "FRA": "French",
    "DEU": "German", "IRN": "Iranian", "ISR": "Israeli", "UKR": "Ukrainian", "TUR": "Turkish",
    "SAU": "Saudi", "IND": "Indian", "PAK": "Pakistani", "JPN": "Japanese", "KOR": "South Korean",
    "PRK": "North Korean", "SYR": "Syrian", "IRQ": "Iraqi", "EGY": "Egyptian", "AFG": "Afghan",
    "ITA": "Italian", "ESP": "Spanish", "CAN": "Canadian", "AUS": "Australian", "BRA": "Brazilian",
    "MEX": "Mexican", "POL": "Polish", "QAT": "Qatari", "ARE": "Emirati|UAE", "LBN": "Lebanese",
    "JOR": "Jordanian", "BLR": "Belarusian", "KAZ": "Kazakh", "AZE": "Azerbaijani", "ARM": "Armenian",
    "GEO": "Georgian", "VEN": "Venezuelan", "CUB": "Cuban", "NGA": "Nigerian", "ZAF": "South African",
    "ETH": "Ethiopian", "YEM": "Yemeni", "LBY": "Libyan", "VNM": "Vietnamese", "IDN": "Indonesian",
    "TWN": "Taiwanese", "PSE": "Palestinian", "KWT": "Kuwaiti", "OMN": "Omani", "BHR": "Bahraini",
    "SDN": "Sudanese", "SOM": "Somali", "KEN": "Kenyan", "PHL": "Philippine|Filipino", "THA": "Thai",
    "MYS": "Malaysian", "BGD": "Bangladeshi", "LKA": "Sri Lankan", "MMR": "Myanmar|Burmese",
    "NLD": "Dutch", "BEL": "Belgian", "SWE": "Swedish", "NOR": "Norwegian", "FIN": "Finnish",
    "DNK": "Danish", "GRC": "Greek", "HUN": "Hungarian", "ROU": "Romanian", "CZE": "Czech",
    "SRB": "Serbian", "LTU": "Lithuanian", "LVA": "Latvian", "EST": "Estonian", "MDA": "Moldovan",
    "ARG": "Argentine", "COL": "Colombian", "CHL": "Chilean", "PER": "Peruvian", "DZA": "Algerian",
    "MAR": "Moroccan", "TUN": "Tunisian", "MLI": "Malian", "NER": "Nigerien", "COD": "Congolese",
    "UZB": "Uzbek", "TKM": "Turkmen", "KGZ": "Kyrgyz", "TJK": "Tajik", "MNG": "Mongolian",
}
BODIES = {
    "GOV": ["government", "officials", "authorities", "foreign ministry", "ministry of foreign affairs",
            "foreign minister", "president", "prime minister", "leader", "diplomats", "embassy", "ambassador"],
    "MIL": ["military", "armed forces", "army", "troops", "soldiers", "forces", "navy", "air force",
            "defence ministry", "defense ministry", "ministry of defence", "ministry of defense",
            "warplanes", "warships", "drones", "general staff"],
    "LEG": ["parliament", "lawmakers", "legislators", "legislature"],
    "COP": ["police", "security forces"],
    "SPY": ["intelligence", "intelligence services", "spies", "intelligence agency"],
    "JUD": ["courts", "judiciary", "supreme court"],
    "MED": ["media", "state media", "journalists"],
    "OPP": ["opposition", "protesters", "dissidents"],
    "REB": ["rebels", "militants", "insurgents"],
    "CVL": ["civilians", "people", "citizens", "residents"],
    "BUS": ["companies", "firms", "businesses"],
}


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a data CSV with '#' comment lines."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def build_bodies() -> list[list[str]]:
    """Rows of state_bodies.csv: '<adjective> <body>' and "<country>'s <body>" per country and sector."""
    names = {r["code"]: r["name"] for r in read_csv(ACTORS / "countries.csv")}
    taken = {a.lower() for r in read_csv(ACTORS / "institutions.csv") for a in [r["name"], *r["aliases"].split("|")]}
    rows = []
    for code, adjectives in ADJECTIVES.items():
        for sector, bodies in BODIES.items():
            forms = [f"{adj} {body}" for adj in adjectives.split("|") for body in bodies]
            forms += [f"{names[code]}'s {body}" for body in bodies]
            forms = [f for f in forms if f.lower() not in taken]
            label = f"{names[code]} {bodies[0]}"
            rows.append([label, "|".join(forms), code + sector, "", "", "generated"])
    return rows


BODIES_HEADER = """# state_bodies.csv: generic '<adjective> <body>' and "<country>'s <body>" forms (Russian army,
# Iran's foreign ministry ...) -> country + sector, for the most-covered countries.
# Sectors follow the CAMEO actor codebook and the Phoenix agents dictionary (openeventdata/petrarch2,
# MIT licence); country adjectives as in countries.csv. Forms already in institutions.csv are left out.
# Generated by tools/build_actors.py; edit that script, not this file.
"""


def write(path: Path, header: str, columns: list[str], rows: list) -> None:
    """Write one generated CSV with its comment header."""
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(header)
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        w.writerows(rows)
    print(f"{path}: {len(rows)} rows")


def main() -> None:
    """Write agents.csv and state_bodies.csv."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT / "../shared/data")
    args = ap.parse_args()
    write(OUT, HEADER, ["word", "sector", "note"], build(args.shared))
    write(BODIES_OUT, BODIES_HEADER, ["name", "aliases", "code", "start", "end", "note"], build_bodies())


if __name__ == "__main__":
    main()
