"""Dates named in news text, resolved against the publication date.

``dates_in_text`` finds explicit dates ("24 February 2022", "February 24", "in February
2022", "in 2015", "2022-02-24") and relative ones ("yesterday", "on Friday", "last
Tuesday", "three days ago", "last month"), each with its character offsets and a precision.

Resolution rules (news conventions, documented so they can be argued with):
- A date without a year takes the year that puts it nearest the publication date.
- A weekday alone or after "on" is the most recent such day on or before publication;
  "last Tuesday" is strictly before it; "next"/"this" Tuesday is on or after it.
- Month-only dates get the 1st day and precision "month"; years get 1 January and "year".
- Relative dates need the publication date; without it they are not returned.
- An impossible day ("31 February 2022") is not a day; its month and year still count.

Compiled regular expressions do all the work: every match is fully structured (day, month
name, year), so dateparser would add cost and no information here. Month names must be
capitalised, so "march" (the verb) and "May" (the name, without a day, year or
preposition) are not dates.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",), ("June", "Jun"),
         ("July", "Jul"), ("August", "Aug"), ("September", "Sep", "Sept"), ("October", "Oct"),
         ("November", "Nov"), ("December", "Dec")],
        start=1,
    )
    for name in names
}
_WEEKDAYS = {name: i for i, name in enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])}
_NUMBERS = {w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), start=1)}
_NUMBERS["a"] = _NUMBERS["an"] = 1

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_LEAD = rf"(?:{_WEEKDAY},?\s+(?:the\s+)?)?"  # "Friday, 24 February" is one date
_NOT_NUMBER = r"(?![\d,.]\d|\s*%)"

# Each pattern yields groups day/month/year or rel/wd/n/unit; "span" marks the date itself.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b(?P<span>{_YEAR}-(?P<mm>[01]\d)-(?P<dd>[0-3]\d))(?!\d)")),
    ("dmy", re.compile(rf"\b(?P<span>{_LEAD}{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)\b{_NOT_NUMBER}")),
    ("mdy", re.compile(rf"\b(?P<span>{_LEAD}{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)\b{_NOT_NUMBER}")),
    ("my", re.compile(rf"\b(?P<span>(?:(?:early|late|mid)-?\s*)?{_MONTH}\s+(?:of\s+)?{_YEAR})\b{_NOT_NUMBER}")),
    ("month", re.compile(
        rf"\b(?P<lead>[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Tt]hrough)\s+"
        rf"(?P<span>(?:(?:last|next|this|early|late|mid-?)\s*)?{_MONTH}\b(?:\s+(?P<yrel>last|this|next)\s+year\b)?)"
        r"(?!\s+[0-3]?\d\b|\s+(?:of\s+)?(?:19|20)\d\d)")),
    ("year", re.compile(
        rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Tt]hrough|[Tt]hroughout|[Bb]efore|[Aa]fter)\s+"
        rf"(?P<span>(?:(?:early|late|mid)-?\s*)?{_YEAR})\b{_NOT_NUMBER}")),
    ("deictic", re.compile(r"\b(?P<span>(?P<rel>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|[Ll]ast\s+night))\b")),
    ("weekday", re.compile(rf"\b(?P<span>(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wd>{_WEEKDAY}))\b")),
    ("ago", re.compile(
        r"\b(?P<span>(?P<n>\d{1,2}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+"
        r"(?P<unit>day|week|month|year)s?\s+ago)\b")),
    ("period", re.compile(
        r"\b(?P<span>(?:(?:earlier|later)\s+)?(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<unit>month|year))\b")),
]
_PREFILTER = re.compile(
    r"\d|" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r"|day\b|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow"
    r"|[Ll]ast\s+(?:night|month|year)|[Tt]his\s+(?:month|year)|[Nn]ext\s+(?:month|year)|\bago\b"
)
_ABSOLUTE = {"iso", "dmy", "mdy", "my"}


@dataclass(frozen=True, slots=True)
class TextDate:
    """A date named in text: offsets into the text, ISO date, precision and the words used."""

    char_start: int
    char_end: int
    date: str  # ISO YYYY-MM-DD (1st of the month / 1 January for coarser precisions)
    precision: str  # day | month | year
    text: str


def dates_in_text(text: str, publication_date: str | None = None) -> list[TextDate]:
    """Every date the text names, in order of appearance, overlapping mentions resolved.

    Args:
        text: a sentence or a whole article.
        publication_date: ISO date the text was published; anchors relative dates and
            dates written without a year.
    Returns:
        ``TextDate`` records sorted by ``char_start``; longer explicit mentions win overlaps.
    """
    if not text or not _PREFILTER.search(text):
        return []
    published = _parse_iso(publication_date)
    found: list[tuple[int, int, int, TextDate]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            resolved = _resolve(kind, match, published)
            if resolved is not None:
                start, end = match.span("span")
                rank = 0 if kind in _ABSOLUTE else 1
                found.append((start, -(end - start), rank, TextDate(start, end, resolved[0], resolved[1], text[start:end])))
    chosen: list[TextDate] = []
    for _, _, _, date in sorted(found, key=lambda item: (item[2], item[1], item[0])):
        if all(date.char_end <= c.char_start or date.char_start >= c.char_end for c in chosen):
            chosen.append(date)
    return sorted(chosen, key=lambda d: d.char_start)


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        date = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return date if 1900 <= date.year <= 2100 else None  # keeps date arithmetic in range


def _resolve(kind: str, match: re.Match[str], published: dt.date | None) -> tuple[str, str] | None:
    """(ISO date, precision) for one match, or None when it names no real date."""
    groups = match.groupdict()
    if kind == "iso":
        return _day(int(groups["year"]), int(groups["mm"]), int(groups["dd"]))
    if kind in ("dmy", "mdy"):
        month, day = _MONTHS[groups["month"]], int(groups["day"])
        if groups["year"]:
            return _day(int(groups["year"]), month, day)
        return None if published is None else _nearest_day(month, day, published)
    if kind == "my":
        return f"{int(groups['year']):04d}-{_MONTHS[groups['month']]:02d}-01", "month"
    if kind == "year":
        return f"{groups['year']}-01-01", "year"
    if published is None:
        return None
    if kind == "month":
        if groups["month"] == "May" and groups["lead"].lower() in ("by", "from"):
            return None  # "backed by May", "a letter from May": the name, not the month
        if groups["yrel"]:  # "in May last year"
            year = published.year + {"last": -1, "this": 0, "next": 1}[groups["yrel"]]
            return f"{year:04d}-{_MONTHS[groups['month']]:02d}-01", "month"
        return _month_near(_MONTHS[groups["month"]], match.group("span"), published)
    if kind == "deictic":
        if groups["rel"][0].isupper() and not _opens_sentence(match.string, match.start()):
            return None  # "the Today programme", "USA Today": a name
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}.get(groups["rel"].lower(), -1)
        return (published + dt.timedelta(days=shift)).isoformat(), "day"
    if kind == "weekday":
        return _weekday(_WEEKDAYS[groups["wd"]], (groups["rel"] or "").lower(), published), "day"
    if kind == "ago":
        return _ago(_NUMBERS.get(groups["n"].lower()) or int(groups["n"]), groups["unit"], published)
    return _period(groups["rel"].lower(), groups["unit"], published)


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:;\"“‘'(\n"


def _day(year: int, month: int, day: int) -> tuple[str, str] | None:
    try:
        return dt.date(year, month, day).isoformat(), "day"
    except ValueError:
        return None


def _nearest_day(month: int, day: int, published: dt.date) -> tuple[str, str] | None:
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    return min(options, key=lambda d: abs((d - published).days)).isoformat(), "day"


def _month_near(month: int, words: str, published: dt.date) -> tuple[str, str]:
    """"in February": the nearest February; "last February" before, "next February" after."""
    starts = [dt.date(y, month, 1) for y in (published.year - 1, published.year, published.year + 1)]
    this_month = dt.date(published.year, published.month, 1)
    if words.lower().startswith("last"):
        starts = [d for d in starts if d < this_month]
    elif words.lower().startswith("next"):
        starts = [d for d in starts if d > this_month]
    best = min(starts, key=lambda d: abs((d - this_month).days))
    return best.isoformat(), "month"


def _weekday(weekday: int, relation: str, published: dt.date) -> str:
    back = (published.weekday() - weekday) % 7
    if relation == "last":
        back = back or 7
    elif relation in ("next", "this"):
        ahead = (weekday - published.weekday()) % 7
        if relation == "next":
            ahead = ahead or 7
        return (published + dt.timedelta(days=ahead)).isoformat()
    return (published - dt.timedelta(days=back)).isoformat()


def _ago(count: int, unit: str, published: dt.date) -> tuple[str, str]:
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1)
        return (published - dt.timedelta(days=days)).isoformat(), "day"
    if unit == "month":
        return _shift_month(published, -count), "month"
    return f"{published.year - count:04d}-01-01", "year"


def _period(relation: str, unit: str, published: dt.date) -> tuple[str, str]:
    step = {"last": -1, "this": 0, "next": 1}[relation]
    if unit == "month":
        return _shift_month(published, step), "month"
    return f"{published.year + step:04d}-01-01", "year"


def _shift_month(published: dt.date, step: int) -> str:
    index = published.year * 12 + published.month - 1 + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}-01"
