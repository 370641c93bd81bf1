"""Plain, careful prose from the numbers: jinja2 templates in ``report/templates/*.txt.j2``.

Prose templates receive numbers, dates, labels and trusted names only; they return plain
text with citation markers such as ``[3, 5]``. Escaping happens where the text is put into
a page (the HTML and Markdown templates escape everything they are given).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import jinja2

from bilateral.report.citations import marker

# A phase, period or place with fewer events than this is called thin in the text.
THIN_EVENTS = 10
_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:)])")
CITATION = re.compile(r"\[(\d+(?:, \d+)*)\]")


def fmt_index(value: float | None) -> str:
    """An index value as text: ``+0.42``, ``-0.10``; ``n/a`` when undefined."""
    return "n/a" if value is None else f"{value:+.2f}"


def fmt_number(value: float | int | None, digits: int = 0) -> str:
    """A count or measure with thousands separators."""
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}"


def fmt_percent(value: float | None) -> str:
    """A share in [0, 1] as a whole percentage."""
    return "n/a" if value is None else f"{100 * value:.0f}%"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 event``, ``3 events``: the count with the word agreeing."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{fmt_number(count)} {word}"


def fmt_date(value: str | None, freq: str = "day") -> str:
    """An ISO date as readable text at the precision of the frequency: ``March 2022``, ``2022``."""
    if not value:
        return "n/a"
    day = dt.date.fromisoformat(str(value)[:10])
    if freq == "year":
        return f"{day.year}"
    if freq == "quarter":
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    if freq == "month":
        return day.strftime("%B %Y")
    return f"{day.day} {day:%B %Y}"


def join_words(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The template environment: HTML templates autoescaped, prose and Markdown templates not."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("bilateral.report", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(index=fmt_index, number=fmt_number, percent=fmt_percent, date=fmt_date, cite=marker)
    env.globals.update(plural=plural, join_words=join_words, THIN_EVENTS=THIN_EVENTS)
    return env


def say(template: str, **values: object) -> str:
    """Render prose template ``templates/{template}.txt.j2`` to one paragraph of plain text."""
    text = environment().get_template(f"{template}.txt.j2").render(**values)
    return _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACE.sub(" ", text)).strip()


def cited_numbers(text: str) -> list[int]:
    """The citation numbers a text's ``[n, m]`` markers use, in order of first use."""
    numbers: list[int] = []
    for group in CITATION.findall(text):
        numbers += [int(n) for n in group.split(", ") if int(n) not in numbers]
    return numbers


def paragraph(template: str, **values: object) -> dict:
    """A paragraph block: the rendered text and the citation numbers its markers use."""
    text = say(template, **values)
    return {"kind": "paragraph", "text": text, "cites": cited_numbers(text)}
