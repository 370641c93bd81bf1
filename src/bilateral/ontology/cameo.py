"""The CAMEO event ontology: codes, classes, Goldstein weights and PLOVER types.

Everything is read once from the shipped table ``bilateral/data/cameo.csv`` (built by
``tools/build_ontology.py``). Codes are zero-padded text ("010", "0211", "18"); use
:func:`normalise_code` on codes from files or numeric columns before comparing them.
"""
from __future__ import annotations

import io
import math
import numbers
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from bilateral.errors import UnknownCodeError

PROFILES = ("gdelt", "icews")
TABLE_PATH = Path(__file__).resolve().parents[1] / "data" / "cameo.csv"
_TEXT_COLUMNS = ["code", "name", "root", "plover", "plover_mode", "plover_context"]
_OPTIONAL_COLUMNS = ["plover", "plover_mode", "plover_context"]  # empty means "no mapping"
_DIGITS = re.compile(r"\d{1,4}")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code and everything the table knows about it."""

    code: str
    name: str
    root: str
    quad_class: int
    penta_class: int
    goldstein_gdelt: float
    goldstein_icews: float
    plover: str | None
    plover_mode: str | None
    plover_context: str | None

    def goldstein(self, profile: str = "gdelt") -> float:
        """The Goldstein weight under a profile ("gdelt" or "icews")."""
        return getattr(self, f"goldstein_{_check_profile(profile)}")


def _read_csv_text() -> str:
    """The table's CSV text without its '#' comment header."""
    text = TABLE_PATH.read_text(encoding="utf-8")
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    """The shipped table, parsed once; callers get copies."""
    dtypes = {col: str for col in _TEXT_COLUMNS}
    dtypes |= {"quad_class": "int64", "penta_class": "int64"}
    dtypes |= {"goldstein_gdelt": "float64", "goldstein_icews": "float64"}
    table = pd.read_csv(io.StringIO(_read_csv_text()), dtype=dtypes, keep_default_na=False)
    for col in _OPTIONAL_COLUMNS:
        table[col] = table[col].where(table[col] != "", None)
    return table


@lru_cache(maxsize=1)
def _by_code() -> dict[str, CameoCode]:
    """Code -> record, built once from the table."""
    records = _table().astype(object).where(_table().notna(), None).to_dict("records")
    return {row["code"]: CameoCode(**row) for row in records}


def cameo_table() -> pd.DataFrame:
    """All CAMEO codes as a DataFrame (a copy; codes are zero-padded strings)."""
    return _table().copy()


def _check_profile(profile: str) -> str:
    """Return the profile if known, else raise ValueError naming the choices."""
    if profile not in PROFILES:
        raise ValueError(f"unknown Goldstein profile {profile!r}; choose one of {', '.join(PROFILES)}")
    return profile


def _as_digits(code: object) -> str | None:
    """The digit string of a code given as text, int or integral float; None if not code-like."""
    if isinstance(code, bool) or code is None:
        return None
    if isinstance(code, numbers.Integral):
        return str(int(code)) if code >= 0 else None
    if isinstance(code, numbers.Real):
        ok = math.isfinite(code) and float(code).is_integer() and code >= 0
        return str(int(code)) if ok else None
    if isinstance(code, str):
        text = code.strip()
        text = text[:-2] if text.endswith(".0") else text  # "40.0": a code read as a float
        return text if _DIGITS.fullmatch(text) else None
    return None


def normalise_code(code: object) -> str:
    """The canonical zero-padded CAMEO code for text, int or float input.

    A spelling that is already a code is kept ("10" is root DEMAND, "010" is Make
    statement); otherwise one lost leading zero is restored ("42" -> "042",
    211 -> "0211", "1" -> "01"). GDELT and ICEWS files carry padded text, so read
    their code columns as strings: an integer 10 can only mean root "10".
    Raises UnknownCodeError (a KeyError) for anything that is not a CAMEO code.
    """
    digits = _as_digits(code)
    known = _by_code()
    if digits is not None:
        for candidate in (digits, "0" + digits):
            if candidate in known:
                return candidate
    raise UnknownCodeError(
        f"unknown CAMEO event code {code!r}: expected a code from the CAMEO table "
        "such as '01', '042', '0211' or '1823'"
    )


def is_known(code: object) -> bool:
    """True if the value names a CAMEO event code (after normalisation)."""
    try:
        normalise_code(code)
    except UnknownCodeError:
        return False
    return True


def lookup(code: object) -> CameoCode:
    """The record for a CAMEO code; raises UnknownCodeError (a KeyError) if unknown."""
    return _by_code()[normalise_code(code)]


def goldstein(code: object, profile: str = "gdelt") -> float:
    """The Goldstein weight of a code under a profile ("gdelt" or "icews")."""
    return lookup(code).goldstein(profile)


def quad_class(code: object) -> int:
    """GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    return lookup(code).quad_class


def penta_class(code: object) -> int:
    """Five-way class: 0 statement, 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict."""
    return lookup(code).penta_class


def root(code: object) -> str:
    """The two-digit root code ("0211" -> "02")."""
    return lookup(code).root


def plover(code: object) -> tuple[str | None, str | None]:
    """The PLOVER (event type, mode); None where PLOVER has none (roots 01 and 02 have no type)."""
    record = lookup(code)
    return record.plover, record.plover_mode


def ontology_frame(profile: str = "gdelt") -> pd.DataFrame:
    """A join table for DuckDB/pandas: code, root, quad_class, penta_class, goldstein, plover, plover_mode."""
    column = f"goldstein_{_check_profile(profile)}"
    frame = _table()[["code", "root", "quad_class", "penta_class", column, "plover", "plover_mode"]]
    return frame.rename(columns={column: "goldstein"}).copy()
