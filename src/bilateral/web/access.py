"""Read-only access to the store for the web app: one shared connection, a cursor per request.

Opening a DuckDB file costs tens of milliseconds, so requests share one read-only
connection and each takes its own ``cursor()`` (DuckDB connections are not shared
between threads). The connection is closed a moment after the last request ends,
which releases the file so that ``bilateral code`` or ``bilateral import`` can write.
While a writer holds the file, opening fails and the app answers 503.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from bilateral.errors import StoreError
from bilateral.store import Store

LINGER_SECONDS = 0.5  # keep the file open this long after the last request
OPEN_WAIT_SECONDS = 1.0  # wait this long for a writer's lock before answering 503


class StoreAccess:
    """Hands out read-only cursors on the store at ``path``; thread-safe.

    Args:
        path: the DuckDB file; it must exist.
        linger: seconds to keep the connection open after the last cursor is returned.
        wait: seconds to wait for another process's write lock before raising StoreBusyError.
    """

    def __init__(self, path: str | Path, linger: float = LINGER_SECONDS, wait: float = OPEN_WAIT_SECONDS):
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError(f"{self.path}: no such store; create it with `bilateral code` or `bilateral import`")
        self.linger, self.wait = linger, wait
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._users = 0
        self._timer: threading.Timer | None = None

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

    def _acquire(self) -> Store:
        with self._lock:
            self._cancel_timer()
            if self._store is None:
                self._store = Store(self.path, read_only=True, wait=self.wait)
            self._users += 1
            return self._store

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users == 0 and self._store is not None:
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
