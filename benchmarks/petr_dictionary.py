"""Read the PETRARCH validation dictionaries (fictional actors: Arnor, Gondor, ...) for the unit suites.

They use codes no real dictionary knows, so they are read into a small object with the
same query surface as ``bilateral.actors.dictionary.ActorDictionary`` (``lookup``,
``agent_sector``, ``phrases``). PETRARCH matches a phrase as a word prefix unless it ends in
"_"; that is approximated by indexing a few common suffixes.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

_CODE = re.compile(r"\[\s*([^\]]*?)\s*\]")
_SUFFIXES = ("", "s", "n", "ns", "an", "ans", "ian", "ians", "i", "is", "ese", "a", "e", "es", "ia")


@dataclass(frozen=True)
class ValidationEntry:
    phrase: str
    code: str
    country: str
    sector: str
    role: str = ""
    start: str | None = None
    end: str | None = None
    kind: str = "country"
    surface: str = ""  # written case unknown (PETRARCH writes every name in capitals): never an acronym


def _date(text: str) -> str:
    """PETRARCH dates: yymmdd or yyyymmdd -> ISO."""
    digits = text.strip()
    if len(digits) == 6:
        year = int(digits[:2])
        digits = ("19" if year > 30 else "20") + digits
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"


def _dated_code(text: str) -> tuple[str, str | None, str | None]:
    """'HOB < 950601' -> (HOB, None, 1995-06-01); 'X 19950601 - 19990815' (spaces optional) -> (X, start, end)."""
    text = text.split("#")[0].strip()
    if "<" in text:
        code, date = text.split("<")
        return code.strip(), None, _date(date)
    if ">" in text:
        code, date = text.split(">")
        return code.strip(), _date(date), None
    parts = re.sub(r"(\d)-(\d)", r"\1 - \2", text).split()  # "20121109-20130119" too
    if len(parts) >= 4 and parts[2] == "-":
        return parts[0], _date(parts[1]), _date(parts[3])
    return (parts[0] if parts else ""), None, None


class ValidationDictionary:
    """Actors and agents of a PETR.Validate dictionary pair."""

    def __init__(self) -> None:
        self.index: dict[str, list[ValidationEntry]] = defaultdict(list)
        self.agents: dict[str, str] = {}

    def add(self, names: list[str], codes: list[tuple[str, str | None, str | None]]) -> None:
        for name in names:
            exact = name.endswith("_")
            phrase = name.strip("_").replace("_", " ").lower()
            for suffix in ("",) if exact else _SUFFIXES:
                for code, start, end in codes:
                    if code and code not in {"---", "###", "+++"}:
                        self.index[phrase + suffix].append(
                            ValidationEntry(phrase, code.upper(), code[:3].upper(), code[3:6].upper(), "", start, end))

    def lookup(self, phrase: str, date=None) -> list[ValidationEntry]:
        key = re.sub(r"\s+", " ", phrase.lower()).strip()
        key = key[4:] if key.startswith("the ") else key
        hits = self.index.get(key, [])
        when = str(date) if date else None
        dated = [e for e in hits if when and (e.start or e.end)
                 and (e.start is None or e.start <= when) and (e.end is None or when < e.end)]
        return dated or [e for e in hits if not (e.start or e.end)] or hits

    def agent_sector(self, word: str) -> str | None:
        return self.agents.get(word.lower().strip())

    def phrases(self) -> list[str]:
        return sorted(self.index)


def read_validation_dictionary(actors: Path, agents: Path) -> ValidationDictionary:
    """The actor and agent entries of a PETRARCH validation dictionary pair."""
    book = ValidationDictionary()
    names: list[str] = []
    codes: list[tuple[str, str | None, str | None]] = []
    for raw in actors.read_text(encoding="latin-1").splitlines() + [""]:
        line = raw.split("#")[0].rstrip()
        if line.strip().startswith(("<", "!")) or not line.strip():
            if names and codes:
                book.add(names, codes)
            names, codes = ([], []) if not line.strip() else (names, codes)
            continue
        if line.startswith(("\t", " ")) and _CODE.search(line):
            codes.append(_dated_code(_CODE.search(line).group(1)))
            continue
        if line.startswith("+"):
            names.append(line[1:].split("[")[0].strip())
            continue
        if names and codes:
            book.add(names, codes)
        names = [line.split("[")[0].strip()]
        match = _CODE.search(line)
        codes = [_dated_code(match.group(1))] if match else []
    for raw in agents.read_text(encoding="latin-1").splitlines():
        line = raw.split("#")[0].strip()
        match = _CODE.search(line)
        if not match or line.startswith(("<", "!")):
            continue
        sector = match.group(1).replace("~", "").strip()[:3]
        phrase = line.split("{")[0].split("[")[0].strip().replace("_", " ").lower()
        plural = re.search(r"\{([^}]*)\}", line)
        forms = [phrase, phrase + "s"] + ([plural.group(1).replace("_", " ").lower()] if plural and plural.group(1) else [])
        for form in forms:
            if "!" not in form:
                book.agents.setdefault(form.strip(), sector)
    return book
