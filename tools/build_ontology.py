"""Build src/bilateral/data/cameo.csv from the third-party CAMEO and PLOVER tables.

Reads ../shared/data/reference (relative to the repository root) and writes one row per
CAMEO event code: names, root, quad and penta class, Goldstein weights under the GDELT
and ICEWS profiles, and the CAMEO->PLOVER mapping. Only facts (codes, short names,
numbers, labels) are carried over; descriptions and examples are left behind.
The output is deterministic: run it twice and the file is byte-identical.

Usage: python tools/build_ontology.py [--reference DIR] [--out FILE]
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = REPO / ".." / "shared" / "data" / "reference"
DEFAULT_OUT = REPO / "src" / "bilateral" / "data" / "cameo.csv"

COLUMNS = [
    "code", "name", "root", "quad_class", "penta_class",
    "goldstein_gdelt", "goldstein_icews", "plover", "plover_mode", "plover_context",
]
CODE = re.compile(r"\d{2,4}")
# One line of the GDELT name table lost its line break: "1056<TAB>name106:[-5.0] name".
GLUED_ENTRY = re.compile(r"(?P<code>\d{2,4}):\[(?P<goldstein>-?\d+(?:\.\d+)?)\]\s*(?P<name>.+)$")
GDELT_RESIDUAL = re.compile(r",?\s*not spec(ified)? below\s*$", re.IGNORECASE)


def clean(text: str) -> str:
    """Collapse runs of whitespace and trim."""
    return " ".join(text.split())


def clean_name(text: str) -> str:
    """A code name with whitespace collapsed and a capital first letter (two ICEWS names lack it)."""
    text = clean(text)
    return text[:1].upper() + text[1:]


def read_gdelt_names(path: Path) -> dict[str, str]:
    """CAMEO code -> name from GDELT's CAMEO.eventcodes.txt, repairing the glued line.

    The one-digit rows "1".."4" are quad-class headings, not CAMEO codes: skipped.
    """
    names: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            code, name = row["CAMEOEVENTCODE"].strip(), row["EVENTDESCRIPTION"]
            if not CODE.fullmatch(code):
                continue
            glued = GLUED_ENTRY.search(name)
            if glued:
                names[glued["code"]] = clean_name(glued["name"])
                name = name[: glued.start()]
            names[code] = clean_name(name)
    return names


def read_gdelt_goldstein(path: Path) -> dict[str, float]:
    """CAMEO code -> Goldstein weight from GDELT's CAMEO.goldsteinscale.txt."""
    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    table = table[table["CAMEOEVENTCODE"].str.fullmatch(CODE.pattern)]
    return dict(zip(table["CAMEOEVENTCODE"], table["GOLDSTEINSCALE"].astype(float)))


def read_icews(path: Path) -> pd.DataFrame:
    """The ICEWS CAMEO table (latin-1): code, name, Goldstein weight, root code."""
    table = pd.read_csv(path, encoding="latin-1", dtype=str, keep_default_na=False)
    table = table[["code", "name", "goldstein", "root_code"]].copy()
    table["goldstein"] = table["goldstein"].astype(float)
    table["name"] = table["name"].map(clean_name)
    if table["code"].duplicated().any():
        raise SystemExit(f"{path}: duplicated codes {sorted(table.code[table.code.duplicated()])}")
    return table.set_index("code")


@dataclass
class PloverTable:
    """The parsed CAMEO->PLOVER table plus what the parser had to decide."""

    entries: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)  # "code: kept X over Y"
    moved_modes: list[str] = field(default_factory=list)  # codes whose mode was a context


def parse_plover_line(line: str) -> tuple[str, list[str]] | None:
    """Split "0311: AGREE,  ,   economic # comment" into ("0311", [type, mode, context])."""
    body = line.split("#", 1)[0].strip()
    if not body:
        return None
    code, sep, rest = body.partition(":")
    if not sep or not CODE.fullmatch(code.strip()):
        raise SystemExit(f"CAMEO2PLOVER: cannot read line {line!r}")
    fields_ = [clean(part) for part in next(csv.reader([rest], skipinitialspace=True))]
    fields_ += [""] * (3 - len(fields_))
    context = ";".join(clean(part) for part in fields_[2].split(";") if part.strip())
    return code.strip(), [fields_[0].upper(), fields_[1], context]


def read_plover(path: Path) -> PloverTable:
    """Parse CAMEO2PLOVER-2021.txt: "code: TYPE, mode, context # CAMEO name" per line.

    Root lines ("03: AGREE") carry only the type. The table ends at a "~~~~~" line.
    When a code is listed twice with different values the first listing is kept.
    """
    result = PloverTable()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("~"):
            break
        if line.lstrip().startswith("#"):
            continue
        parsed = parse_plover_line(line)
        if parsed is None:
            continue
        code, values = parsed
        kept = result.entries.setdefault(code, tuple(values))
        if kept != tuple(values):
            result.conflicts.append(f"{code} ({describe(kept)} kept over {describe(values)})")
    move_contexts_out_of_mode(result)
    return result


def describe(values) -> str:
    """TYPE/mode/context with blanks dropped, for the header notes."""
    return "/".join(v for v in values if v)


def move_contexts_out_of_mode(table: PloverTable) -> None:
    """A mode that is a context name elsewhere in the table is a misplaced context: move it."""
    contexts = {c for _, _, ctx in table.entries.values() for c in ctx.split(";") if c}
    for code, (type_, mode, context) in sorted(table.entries.items()):
        if mode in contexts:
            merged = ";".join(dict.fromkeys([mode, *filter(None, context.split(";"))]))
            table.entries[code] = (type_, "", merged)
            table.moved_modes.append(code)


def code_sort_key(code: str) -> tuple[str, ...]:
    """Order codes as in the CAMEO codebook: root, then base code, then sub-code."""
    return (code[:2], code[:3], code)


# Where the PLOVER manual's own text is explicit and the 2021 table disagrees, the manual wins:
# its CONCEDE section names lifting curfews (easing legal restrictions) and declarations, not
# implementations, of ceasefires as verbal concessions.
MANUAL_OVERRIDES = {
    "0813": ("CONCEDE", "", "legal"),
    "0814": ("CONCEDE", "", "legal"),
    "0871": ("CONCEDE", "", "military"),
}


def plover_for(code: str, entries: dict[str, tuple[str, str, str]]) -> tuple[tuple[str, str, str], str]:
    """The PLOVER values for a code, inheriting from the nearest listed parent.

    Returns the values and the code they came from ("" if even the root is unmapped).
    """
    for ancestor in (code, code[:3], code[:2]):
        if ancestor in entries:
            return entries[ancestor], ancestor
    return ("", "", ""), ""


def quad_class(root: str) -> int:
    """GDELT QuadClass: 1 verbal coop 01-05, 2 material coop 06-09, 3 verbal conflict 10-14, 4 rest."""
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


def penta_class(root: str) -> int:
    """Five-way class: 0 statement 01, 1 verbal coop 02-05, 2 material coop 06-08, 3 verbal conflict 09-13, 4 material conflict 14-20."""
    r = int(root)
    return 0 if r == 1 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


@dataclass
class Build:
    """The rows of the table and the decisions made while building them."""

    rows: list[dict[str, object]]
    notes: list[str]


def name_for(code: str, icews: pd.DataFrame, gdelt_names: dict[str, str]) -> str:
    """ICEWS's short name (it follows the CAMEO codebook labels); GDELT's name as fallback."""
    if code in icews.index:
        return icews.at[code, "name"]
    return GDELT_RESIDUAL.sub("", gdelt_names[code])


def goldstein_pair(code: str, gdelt: dict[str, float], icews: pd.DataFrame) -> tuple[float, float]:
    """(GDELT, ICEWS) weights; a profile missing the code borrows the other's value."""
    g = gdelt.get(code)
    i = icews.at[code, "goldstein"] if code in icews.index else None
    if g is None and i is None:
        raise SystemExit(f"no Goldstein weight for CAMEO code {code} in either source")
    return (i if g is None else g), (g if i is None else i)


def build(reference: Path) -> Build:
    """Merge the four reference tables into rows, collecting the decisions made."""
    gdelt_dir = reference / "cameo" / "gdelt"
    gdelt_names = read_gdelt_names(gdelt_dir / "CAMEO.eventcodes.txt")
    gdelt_gold = read_gdelt_goldstein(gdelt_dir / "CAMEO.goldsteinscale.txt")
    icews = read_icews(reference / "cameo" / "cameo-codes.icews.csv")
    plover = read_plover(reference / "plover" / "CAMEO2PLOVER-2021.txt")

    codes = sorted(set(gdelt_names) | set(gdelt_gold) | set(icews.index), key=code_sort_key)
    rows, inherited, unmapped = [], [], []
    for code in codes:
        root = code[:2]
        if code in icews.index and icews.at[code, "root_code"] != root:
            raise SystemExit(f"ICEWS gives root {icews.at[code, 'root_code']} for {code}")
        g, i = goldstein_pair(code, gdelt_gold, icews)
        if code in MANUAL_OVERRIDES:
            (ptype, mode, context), origin = MANUAL_OVERRIDES[code], code
        else:
            (ptype, mode, context), origin = plover_for(code, plover.entries)
        if not origin:
            unmapped.append(code)
        elif origin != code:
            inherited.append(code)
        rows.append({
            "code": code, "name": name_for(code, icews, gdelt_names), "root": root,
            "quad_class": quad_class(root), "penta_class": penta_class(root),
            "goldstein_gdelt": g, "goldstein_icews": i,
            "plover": ptype, "plover_mode": mode, "plover_context": context,
        })
    notes = decision_notes(codes, gdelt_gold, icews, plover, inherited, unmapped)
    plover_only = sorted(set(plover.entries) - set(codes), key=code_sort_key)
    notes.append(f"Listed in CAMEO2PLOVER but in neither Goldstein table, so left out: {short_list(plover_only)}.")
    return Build(rows, notes)


def short_list(codes: list[str]) -> str:
    """A compact, comma-separated list of codes (or "none")."""
    return ", ".join(codes) if codes else "none"


def decision_notes(codes, gdelt_gold, icews, plover, inherited, unmapped) -> list[str]:
    """The header lines that record how gaps and conflicts between the sources were filled."""
    no_gdelt = [c for c in codes if c not in gdelt_gold]
    no_icews = [c for c in codes if c not in icews.index]
    differ = [c for c in codes if c in gdelt_gold and c in icews.index
              and gdelt_gold[c] != icews.at[c, "goldstein"]]
    roots_unmapped = sorted({c[:2] for c in unmapped})
    return [
        f"{len(codes)} codes: the union of the GDELT and ICEWS tables.",
        "name: the ICEWS short name (it matches the CAMEO codebook labels); GDELT's name only where ICEWS lacks the code.",
        f"goldstein_gdelt missing from the GDELT table, copied from ICEWS: {short_list(no_gdelt)}.",
        f"goldstein_icews missing from the ICEWS table, copied from GDELT: {short_list(no_icews)}.",
        f"The two profiles differ on: {short_list(differ)} (each column keeps its own source's value).",
        "plover*: the CAMEO2PLOVER-2021 row for the code; a code without a row takes its nearest listed parent's "
        f"(4-digit -> 3-digit -> root): {len(inherited)} codes inherited.",
        f"plover* left empty because even the root has no PLOVER mapping (PLOVER drops them): roots {short_list(roots_unmapped)}.",
        "Blank modes and contexts in a listed row stay blank (PLOVER leaves them unspecified; no inheritance).",
        "Codes listed twice in CAMEO2PLOVER keep the first listing: " + short_list(plover.conflicts) + ".",
        f"A mode that names a PLOVER context was moved to plover_context: {short_list(plover.moved_modes)}.",
        "Where the PLOVER manual's text is explicit and the table differs, the manual wins: "
        + short_list([f"{c} {describe(v)}" for c, v in MANUAL_OVERRIDES.items()])
        + " (lifted curfews and declared ceasefires are verbal concessions).",
    ]


HEADER = [
    "CAMEO event codes with Goldstein weights and PLOVER mapping for bilateral.",
    "Generated by tools/build_ontology.py from the sources below; do not edit by hand.",
    "Source: GDELT CAMEO lookup tables CAMEO.eventcodes.txt and CAMEO.goldsteinscale.txt (The GDELT Project; open use with attribution).",
    "Source: andybega/icews data-raw/cameo-codes.csv (code names, ICEWS Goldstein weights), licence MIT.",
    "Source: openeventdata/PLOVER CAMEO2PLOVER-2021.txt (PLOVER event type, mode, context), licence CC BY-SA 4.0.",
    "Columns: code = CAMEO event code, zero-padded text (01, 010, 0211); name = short CAMEO name;",
    "  root = two-digit root code; quad_class = GDELT QuadClass (1 verbal coop 01-05, 2 material coop 06-09,",
    "  3 verbal conflict 10-14, 4 material conflict 15-20); penta_class = 0 statement 01, 1 verbal coop 02-05,",
    "  2 material coop 06-08, 3 verbal conflict 09-13, 4 material conflict 14-20;",
    "  goldstein_gdelt / goldstein_icews = Goldstein weight (-10..10) as used by GDELT / ICEWS;",
    "  plover, plover_mode = PLOVER event type and mode; plover_context = PLOVER contexts, ';'-separated.",
]


def write(result: Build, out: Path) -> None:
    """Write the header comments and the rows as CSV with '\\n' line ends."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        for line in HEADER + ["Decisions:"] + [f"  {note}" for note in result.notes]:
            handle.write(f"# {line}\n")
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(result.rows)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.reference.is_dir():
        print(f"{args.reference}: reference data not found", file=sys.stderr)
        return 1
    result = build(args.reference)
    write(result, args.out)
    print(f"wrote {len(result.rows)} codes to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
