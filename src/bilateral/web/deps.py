"""What every route needs: the store access, a cache keyed by the store's state, and JSON rows."""
from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Callable

import pandas as pd
from fastapi import Request

from bilateral.web.access import StoreAccess
from bilateral.web.queries import countries_present


class ResultCache:
    """A small thread-safe LRU cache; keys include the store's stamp, so a changed store misses.

    One thread computes a missing value while the others asking for the same key wait
    for it (an analysis takes seconds; fifty requests must not start fifty of them).
    """

    def __init__(self, size: int = 64):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[tuple, threading.Lock] = {}

    def get(self, key: tuple, compute: Callable[[], object]) -> object:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            flight = self._computing.setdefault(key, threading.Lock())
        with flight:
            with self._lock:
                if key in self._items:  # computed by the thread we waited for
                    return self._items[key]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            with self._lock:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value


def access(request: Request) -> StoreAccess:
    return request.app.state.access


def cache(request: Request) -> ResultCache:
    return request.app.state.cache


def cached(request: Request, key: tuple, compute: Callable[[], object]) -> object:
    """``compute()`` once per key and store state; a hit opens no connection at all."""
    return cache(request).get((*key, access(request).stamp()), compute)


def cached_countries(request: Request) -> pd.DataFrame:
    """Countries with events in the store and their counts (cached until the store changes)."""
    def compute() -> pd.DataFrame:
        with access(request).cursor() as con:
            return countries_present(con)
    return cached(request, ("countries",), compute)


def present_codes(request: Request) -> frozenset[str]:
    """Country codes with events in the store."""
    return frozenset(cached_countries(request)["code"])


def records(frame: pd.DataFrame) -> list[dict]:
    """DataFrame rows as JSON-ready dicts (NaN and NaT become null, dates ISO text)."""
    if frame.empty:
        return []
    return json.loads(frame.to_json(orient="records", date_format="iso", date_unit="s"))
