"""Downloading GDELT: read the master file list, fetch the zips of a date range, verify, import, resume.

GDELT 2.0 publishes ``masterfilelist.txt`` ("size md5 url" per line, one export, mentions
and GKG zip per 15 minutes). GDELT 1.0 publishes ``md5sums`` ("md5  name") and
``filesizes`` ("size name") for its yearly (1979-2005, ``YYYY.zip``), monthly (2006 to
March 2013, ``YYYYMM.zip``) and daily (``YYYYMMDD.export.CSV.zip``) files. Every download
is checked against the size and MD5 the list gives before it is imported; a file whose
MD5 is already in the ingest log is skipped, so a stopped fetch resumes where it stopped.
``--base-url`` points at a mirror: files are then fetched from it by name.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from bilateral.errors import DownloadError
from bilateral.sources.importer import ImportReport, IngestTag, import_file

BASE_URLS = {1: "http://data.gdeltproject.org/events", 2: "http://data.gdeltproject.org/gdeltv2"}
TIMEOUT = 60.0
_CHUNK = 1 << 20
_V2_NAME = re.compile(r"^(\d{14})\.(export|mentions)\.CSV\.zip$", re.I)
_V1_NAME = re.compile(r"^(\d{4})(\d{2})?(\d{2})?(\.export\.CSV)?\.zip$", re.I)


@dataclass(frozen=True)
class RemoteFile:
    """One file the master list offers: its name, size, MD5 and the days it covers."""

    name: str
    size: int | None
    md5: str | None
    first: dt.date
    last: dt.date
    table: str  # "export" (events) or "mentions"

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.first <= end and self.last >= start


def parse_master_v2(lines: Iterable[str], mentions: bool = False) -> list[RemoteFile]:
    """Event (and optionally mentions) files of a GDELT 2.0 master file list."""
    files = []
    for line in lines:
        parts = line.split()
        if len(parts) != 3:
            continue
        name = parts[2].rsplit("/", 1)[-1]
        match = _V2_NAME.match(name)
        if not match or (match.group(2).lower() == "mentions" and not mentions):
            continue
        day = dt.datetime.strptime(match.group(1)[:8], "%Y%m%d").date()
        files.append(RemoteFile(name, _int(parts[0]), parts[1].lower(), day, day, match.group(2).lower()))
    return files


def parse_master_v1(md5sums: Iterable[str], filesizes: Iterable[str] = ()) -> list[RemoteFile]:
    """Event files of GDELT 1.0's ``md5sums`` list, with sizes from ``filesizes`` where given."""
    sizes = {}
    for line in filesizes:
        parts = line.split()
        if len(parts) == 2:
            sizes[parts[1]] = _int(parts[0])
    files = []
    for line in md5sums:
        parts = line.split()
        if len(parts) != 2:
            continue
        md5, name = parts
        span = _v1_span(name)
        if span:
            files.append(RemoteFile(name, sizes.get(name), md5.lower(), *span, "export"))
    return files


def _v1_span(name: str) -> tuple[dt.date, dt.date] | None:
    match = _V1_NAME.match(name)
    if not match:
        return None
    year, month, day, daily = match.groups()
    try:
        if day and daily:
            first = dt.date(int(year), int(month), int(day))
            return first, first
        if month and not daily:
            first = dt.date(int(year), int(month), 1)
            return first, (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        if not month and not daily:
            return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    except ValueError:
        return None
    return None


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _open(url: str, timeout: float):
    try:
        return urllib.request.urlopen(url, timeout=timeout)  # noqa: S310 (http(s) URLs of GDELT or a mirror)
    except urllib.error.HTTPError as exc:
        raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise DownloadError(f"{url}: cannot connect ({getattr(exc, 'reason', exc)})") from exc


def _lines(url: str, timeout: float) -> Iterator[str]:
    with _open(url, timeout) as response:
        for raw in response:
            yield raw.decode("utf-8", "replace").strip()


def list_files(version: int, base_url: str, mentions: bool = False, timeout: float = TIMEOUT) -> list[RemoteFile]:
    """The files GDELT (or the mirror at ``base_url``) lists for a version."""
    if version == 2:
        return parse_master_v2(_lines(f"{base_url}/masterfilelist.txt", timeout), mentions)
    if version == 1:
        md5sums = list(_lines(f"{base_url}/md5sums", timeout))
        try:
            sizes = list(_lines(f"{base_url}/filesizes", timeout))
        except DownloadError:
            sizes = []  # older mirrors keep only the checksums
        return parse_master_v1(md5sums, sizes)
    raise DownloadError(f"GDELT version {version}: choose 1 or 2")


def download(url: str, target: Path, size: int | None, md5: str | None, timeout: float = TIMEOUT) -> Path:
    """Download ``url`` to ``target`` and check its size and MD5; a verified file already there is kept."""
    if target.exists() and _verified(target, size, md5) is None:
        return target
    partial = target.with_name(target.name + ".part")
    digest, written = hashlib.md5(), 0  # noqa: S324 (GDELT publishes MD5 checksums)
    with _open(url, timeout) as response, open(partial, "wb") as fh:
        while chunk := response.read(_CHUNK):
            fh.write(chunk)
            digest.update(chunk)
            written += len(chunk)
    problem = _mismatch(url, written, digest.hexdigest(), size, md5)
    if problem:
        partial.unlink(missing_ok=True)
        raise DownloadError(problem)
    partial.replace(target)
    return target


def _verified(path: Path, size: int | None, md5: str | None) -> str | None:
    digest = hashlib.md5()  # noqa: S324
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return _mismatch(str(path), path.stat().st_size, digest.hexdigest(), size, md5)


def _mismatch(where: str, size: int, md5: str, want_size: int | None, want_md5: str | None) -> str | None:
    if want_size is not None and size != want_size:
        return f"{where}: size {size:,} bytes, but the file list says {want_size:,} (incomplete or changed download)"
    if want_md5 and md5 != want_md5:
        return f"{where}: MD5 {md5} does not match the file list's {want_md5} (corrupt or changed download)"
    return None


@dataclass
class FetchPlan:
    """What a fetch is asked to do."""

    start: dt.date
    end: dt.date
    version: int = 2
    base_url: str | None = None
    mentions: bool = False
    window_days: int | None = None
    keep_downloads: bool = False
    timeout: float = TIMEOUT


def fetch_gdelt(store, plan: FetchPlan, download_dir: Path,
                on_report: Callable[[ImportReport], None] | None = None) -> list[ImportReport]:
    """Download, verify and import the GDELT files of ``plan``'s date range; one report per file."""
    if plan.end < plan.start:
        raise DownloadError(f"--to {plan.end} is before --from {plan.start}")
    base = (plan.base_url or BASE_URLS[plan.version]).rstrip("/")
    wanted = [f for f in list_files(plan.version, base, plan.mentions, plan.timeout) if f.overlaps(plan.start, plan.end)]
    download_dir.mkdir(parents=True, exist_ok=True)
    run_id, reports = uuid.uuid4().hex, []
    for remote in sorted(wanted, key=lambda f: (f.first, f.name)):
        report = _fetch_one(store, remote, base, download_dir, plan, run_id)
        reports.append(report)
        if on_report:
            on_report(report)
    return reports


def _reader_for(remote: RemoteFile, version: int) -> str:
    return "gdelt2-mentions.v1" if remote.table == "mentions" else f"gdelt{version}.v1"


def _fetch_one(store, remote: RemoteFile, base: str, folder: Path, plan: FetchPlan, run_id: str) -> ImportReport:
    url = f"{base}/{remote.name}"
    fingerprint = remote.md5 or f"{remote.name}:{remote.size}"
    if store.ingested(f"fetch:{_reader_for(remote, plan.version)}", fingerprint):
        return ImportReport(url, skipped="already imported")
    try:
        path = download(url, folder / remote.name, remote.size, remote.md5, plan.timeout)
    except DownloadError as exc:
        return ImportReport(url, error=str(exc).removeprefix(f"{url}: "))
    report = import_file(store, "gdelt", path, window_days=plan.window_days,
                         tag=IngestTag(run_id, "fetch", fingerprint), shown=url)
    if not report.error and not plan.keep_downloads:
        path.unlink(missing_ok=True)
    return report
