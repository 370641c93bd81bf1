"""What every route needs: the store access, a cache keyed by the store's state, and JSON rows."""
from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Callable

import duckdb
import pandas as pd
from fastapi import Request

from bilateral.web.access import StoreAccess
from bilateral.web.queries import countries_present


class ResultCache:
    """A small thread-safe LRU cache; keys include the store's stamp, so a changed store misses."""

    def __init__(self, size: int = 64):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, compute: Callable[[], object]) -> object:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()  # outside the lock: two threads may compute once each, harmlessly
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def access(request: Request) -> StoreAccess:
    return request.app.state.access


def cache(request: Request) -> ResultCache:
    return request.app.state.cache


def present_codes(request: Request, con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """Country codes with events in the store (cached until the store changes)."""
    frame = cached_countries(request, con)
    return frozenset(frame["code"])


def cached_countries(request: Request, con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    key = ("countries", access(request).stamp())
    return cache(request).get(key, lambda: countries_present(con))


def records(frame: pd.DataFrame) -> list[dict]:
    """DataFrame rows as JSON-ready dicts (NaN and NaT become null, dates ISO text)."""
    if frame.empty:
        return []
    return json.loads(frame.to_json(orient="records", date_format="iso", date_unit="s"))
