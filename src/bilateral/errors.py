"""Every exception bilateral raises, in one catalogue.

Messages name the file, the line where there is one, and the fix.
"""
from __future__ import annotations

from pathlib import Path


class BilateralError(Exception):
    """Base class: the CLI turns these into a one-line message and a non-zero exit."""


class InputError(BilateralError):
    """Input that cannot be read: names the file and, where known, the line."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None):
        self.path, self.reason, self.line = str(path), reason, line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class ActorFileError(InputError):
    """A malformed actor dictionary file (the user's own or the shipped one)."""


class StoreError(BilateralError):
    """The event store cannot be opened or written."""


class StoreBusyError(StoreError):
    """Another process holds the store's write lock."""

    def __init__(self, path: str | Path, detail: str = ""):
        super().__init__(
            f"{path}: the store is in use by another bilateral process (it holds the write lock); "
            "wait for it to finish or use another --db" + (f" [{detail}]" if detail else "")
        )


class ModelMissingError(BilateralError):
    """No English spaCy pipeline is installed."""


class UnknownCodeError(BilateralError, KeyError):
    """A CAMEO code or country code bilateral does not know."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class DownloadError(BilateralError):
    """A download failed or did not verify."""
