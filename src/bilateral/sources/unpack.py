"""Compressed inputs: a plain copy of a .zip or .gz file to read, checked as it is unpacked."""
from __future__ import annotations

import gzip
import shutil
import tempfile
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bilateral.errors import InputError

_COPY_CHUNK = 1 << 22


@contextmanager
def readable_copy(path: str | Path, workdir: str | Path | None = None) -> Iterator[Path]:
    """Yield a plain file with the contents of ``path`` (itself, unless zipped or gzipped).

    A zip must hold exactly one file; a corrupt archive (bad CRC, truncated) raises
    InputError naming the file. The unpacked copy lives in a temporary folder inside
    ``workdir`` and is removed afterwards.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such file")
    kind = _compression(path)
    if kind is None:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix=".bilateral-unpack-", dir=workdir) as tmp:
        target = Path(tmp) / (path.stem if kind == "gz" else "member")
        try:
            (_unzip if kind == "zip" else _gunzip)(path, target)
        except (zipfile.BadZipFile, zlib.error, EOFError, gzip.BadGzipFile, OSError) as exc:
            raise InputError(path, f"corrupt or truncated {kind} archive ({exc})") from exc
        yield target


def _compression(path: Path) -> str | None:
    with open(path, "rb") as fh:
        magic = fh.read(4)
    if magic.startswith(b"PK\x03\x04") or magic.startswith(b"PK\x05\x06") or path.suffix.lower() == ".zip":
        return "zip"
    if magic.startswith(b"\x1f\x8b"):
        return "gz"
    return None


def _unzip(path: Path, target: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) != 1:
            raise InputError(path, f"expected one file in the zip archive, found {len(members)}")
        with archive.open(members[0]) as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst, _COPY_CHUNK)  # zipfile checks the CRC at the end


def _gunzip(path: Path, target: Path) -> None:
    with gzip.open(path, "rb") as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, _COPY_CHUNK)


@contextmanager
def normalised_line_ends(path: str | Path, workdir: str | Path | None = None) -> Iterator[Path]:
    """Yield a copy of ``path`` with CRLF turned into LF and stray CRs into spaces.

    Line numbers stay those of the original (no line is added or removed).
    """
    with tempfile.TemporaryDirectory(prefix=".bilateral-lines-", dir=workdir) as tmp:
        target = Path(tmp) / Path(path).name
        with open(path, "rb") as src, open(target, "wb") as dst:
            carry = b""
            while chunk := src.read(_COPY_CHUNK):
                data = carry + chunk
                carry = data[-1:] if data.endswith(b"\r") else b""  # a CR may pair with the next chunk's LF
                data = data[: len(data) - len(carry)]
                dst.write(data.replace(b"\r\n", b"\n").replace(b"\r", b" "))
            dst.write(carry.replace(b"\r", b"\n"))
        yield target
