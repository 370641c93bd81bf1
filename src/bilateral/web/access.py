"""Read-only access to the store for the web app: one shared connection, a cursor per request.

DuckDB lets one process open a file for writing, or any number for reading, never both;
a writer that meets a reader's lock simply retries (bilateral's writers every 0.2 s for
30 s) and nobody queues it. Opening the file costs tens of milliseconds, so requests
share one read-only connection and each takes its own ``cursor()``; to let a writer in:

- the connection is closed a moment (``linger``) after the last request ends;
- a busy server never holds it longer than ``max_hold``: the connection then takes no
  new requests, closes when its current ones end, and stays closed for ``gap`` seconds
  (several of a writer's retries) while new requests wait; if the current ones do not end
  within ``drain`` seconds (a long download), it serves on and tries again later;
- while a writer holds the file, opening fails after ``wait`` seconds and the app answers
  503; requests that waited for that same try get the 503 with it, not one wait each.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from bilateral.errors import StoreBusyError, StoreError
from bilateral.store import Store

LINGER_SECONDS = 0.5  # keep the file open this long after the last request
OPEN_WAIT_SECONDS = 1.0  # wait this long for a writer's lock before answering 503
MAX_HOLD_SECONDS = 5.0  # a busy server closes the file this often ...
GAP_SECONDS = 0.6  # ... for this long: three of a waiting writer's 0.2 s retries
DRAIN_SECONDS = 2.0  # new requests wait at most this long for the running ones to end


class StoreAccess:
    """Hands out read-only cursors on the store at ``path``; thread-safe.

    Args:
        path: the DuckDB file; it must exist.
        linger: seconds to keep the connection open after the last cursor is returned.
        wait: seconds to wait for another process's write lock before raising StoreBusyError.
        max_hold: longest time one connection stays open while requests keep coming.
        gap: seconds the file stays closed after a connection has been held ``max_hold``.
        drain: seconds to wait for running requests before giving up on closing.
    """

    def __init__(self, path: str | Path, linger: float = LINGER_SECONDS, wait: float = OPEN_WAIT_SECONDS,
                 max_hold: float = MAX_HOLD_SECONDS, gap: float = GAP_SECONDS, drain: float = DRAIN_SECONDS):
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError(f"{self.path}: no such store; create it with `bilateral code` or `bilateral import`")
        self.linger, self.wait, self.max_hold, self.gap, self.drain = linger, wait, max_hold, gap, drain
        self._lock = threading.Condition()
        self._store: Store | None = None
        self._users = 0
        self._timer: threading.Timer | None = None
        self._opened_at = 0.0
        self._retiring = False  # the connection has been held max_hold: no new cursors on it
        self._retired_at = 0.0
        self._reopen_at = 0.0  # no new connection before this time (the writer's turn)
        self._opening = False
        self._tries = 0  # opens started; a request waiting on one shares its outcome
        self._busy_try = -1  # the last try that found a writer holding the file

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one request; raises StoreBusyError while a writer holds the file."""
        store = self._acquire()
        try:
            cur = store.con.cursor()
        except BaseException:
            self._release()
            raise
        try:
            yield cur
        finally:
            cur.close()
            self._release()

    def stamp(self) -> tuple[int, int]:
        """Size and modification time of the file: a cache key that changes when the store does."""
        stat = self.path.stat()
        return stat.st_size, stat.st_mtime_ns

    def close(self) -> None:
        """Close the shared connection now (at shutdown)."""
        with self._lock:
            self._cancel_timer()
            if self._store is not None:
                self._store.close()
                self._store = None
            self._lock.notify_all()

    def _acquire(self) -> Store:
        with self._lock:
            self._cancel_timer()
            awaited = None  # the open another thread was trying when this one started waiting
            while True:
                now = time.monotonic()
                if self._store is not None and not self._retiring and now - self._opened_at >= self.max_hold:
                    self._retire()
                if self._retiring and now - self._retired_at >= self.drain:
                    self._retiring, self._opened_at = False, now  # a long request: serve on, retry later
                if self._store is not None and not self._retiring:
                    self._users += 1
                    return self._store
                if awaited is not None and awaited == self._busy_try:
                    raise StoreBusyError(self.path, "a writer holds the store")
                if self._store is None and not self._opening and now >= self._reopen_at:
                    self._open()
                    continue
                if self._opening:
                    awaited = self._tries
                # Retiring (waiting for its requests), the writer's turn, or another thread opening:
                # woken by notify_all, or when the writer's turn ends.
                turn_left = self._reopen_at - now if self._store is None else 0.0
                self._lock.wait(min(turn_left, 0.5) if turn_left > 0 else 0.5)

    def _open(self) -> None:
        """Open the connection without holding the lock (a busy open waits ``wait`` seconds)."""
        self._opening = True
        self._tries += 1
        self._lock.release()
        try:
            store = Store(self.path, read_only=True, wait=self.wait)
        except StoreBusyError:
            self._lock.acquire()
            self._busy_try = self._tries
            raise
        except BaseException:
            self._lock.acquire()
            raise
        else:
            self._lock.acquire()
            self._store, self._opened_at, self._retiring = store, time.monotonic(), False
        finally:
            self._opening = False
            self._lock.notify_all()

    def _retire(self) -> None:
        """Take no new cursors on the connection; close it as soon as its requests end."""
        self._retiring, self._retired_at = True, time.monotonic()
        if self._users == 0:
            self._close_for_writer()

    def _close_for_writer(self) -> None:
        self._store.close()
        self._store, self._retiring = None, False
        self._reopen_at = time.monotonic() + self.gap
        self._lock.notify_all()

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users == 0 and self._store is not None:
                if self._retiring or time.monotonic() - self._opened_at >= self.max_hold:
                    self._close_for_writer()
                else:
                    self._timer = threading.Timer(self.linger, self._close_if_idle)
                    self._timer.daemon = True
                    self._timer.start()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._users == 0 and self._store is not None:
                self._store.close()
                self._store = None
            self._timer = None

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
