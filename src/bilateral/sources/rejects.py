"""Rejected input: each bad file or row is kept with where it was and why.

Every document reader follows one rule so that read = stored + duplicates + rejected
holds per file: a file with no content (no bytes, or only whitespace, NULs and a byte
order mark) is one reject, reason ``EMPTY_FILE``, with no line.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


EMPTY_FILE = "empty file"
_BOM = b"\xef\xbb\xbf"
_BLANK_BYTES = b" \t\r\n\f\v\x00"


def is_blank(raw: bytes) -> bool:
    """Whether a file's bytes hold nothing: whitespace, NULs and UTF-8 byte order marks only."""
    return not raw.replace(_BOM, b"").strip(_BLANK_BYTES)


@dataclass(frozen=True)
class Reject:
    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass
class Rejects:
    """A collector the readers report to; the caller decides to print, write or fail."""

    items: list[Reject] = field(default_factory=list)

    def add(self, path: str | Path, line: int | None, reason: str) -> None:
        self.items.append(Reject(str(path), line, reason))

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def write(self, path: str | Path) -> Path:
        """Write the rejects as JSON Lines (path, line, reason)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as fh:
            for item in self.items:
                fh.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
        return path
