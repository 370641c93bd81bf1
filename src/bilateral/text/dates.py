"""Publication dates from whatever an input carries, as ISO YYYY-MM-DD."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YEAR_RANGE = (1900, 2100)


def to_iso_date(value: object) -> str | None:
    """Parse a date-like value into ISO ``YYYY-MM-DD``; None when it is empty or not a real date.

    ISO strings and compact ``YYYYMMDD`` (GDELT's SQLDATE) take a fast path; anything else
    goes through dateparser with dates read day-first only when unambiguous.
    """
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text or text.lower() in {"nan", "none", "null", "nat"}:
        return None
    match = _ISO.match(text) or _COMPACT.match(text)
    if match:
        return _checked(*(int(g) for g in match.groups()))
    return _parse_free(text[:200])


def _checked(year: int, month: int, day: int) -> str | None:
    if not _YEAR_RANGE[0] <= year <= _YEAR_RANGE[1]:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse_free(text: str) -> str | None:
    import dateparser  # slow to import; only free-form dates need it

    parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
    if parsed is None:
        return None
    return _checked(parsed.year, parsed.month, parsed.day)
