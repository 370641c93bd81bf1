"""Result records shared by the dynamics methods, and their conversion to plain JSON data.

Every result that makes a claim carries the ids of the events behind it, so a report
or a web page can cite the sentence each number came from.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd


def plain(value: object) -> object:
    """A JSON-ready copy of a value: frames become records, dates ISO text, NaN None."""
    if isinstance(value, Result):
        return value.to_dict()
    if isinstance(value, pd.DataFrame):
        return _records(value)
    if isinstance(value, pd.Series):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return _scalar(value)


def _records(frame: pd.DataFrame) -> list[dict]:
    """A frame as a list of plain dicts, converted column by column (a series of 900 rows costs a few ms)."""
    names = [str(k) for k in frame.columns]
    columns = [_column(frame.iloc[:, i]) for i in range(frame.shape[1])]
    return [dict(zip(names, row)) for row in zip(*columns)]


def _column(series: pd.Series) -> list:
    """One column's values as plain data: numpy numbers in bulk, anything else value by value."""
    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":
        return series.tolist()
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        return [v if math.isfinite(v) else None for v in series.tolist()]
    return [plain(v) for v in series.tolist()]


def _scalar(value: object) -> object:
    """Numpy and pandas scalars as Python ones; missing values as None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):  # periods are midnight: show them as dates
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


class Result:
    """Mixin for the frozen result records: ``to_dict()`` gives JSON-serialisable data."""

    def to_dict(self) -> dict:
        return {f.name: plain(getattr(self, f.name)) for f in dataclasses.fields(self)}


@dataclass(frozen=True, eq=False)
class EventRef(Result):
    """One cited event, enough to show it in a table; the full row is in the store by ``event_id``."""

    event_id: str
    date: str
    direction: str
    source: str | None
    target: str | None
    cameo: str
    goldstein: float | None
    sources: int
    sentence: str | None = None
    title: str | None = None
    url: str | None = None


def event_refs(frame: pd.DataFrame) -> list[EventRef]:
    """EventRef records from rows of a dyad event query (see ``Dyad.EVIDENCE_COLUMNS``)."""
    names = [f.name for f in dataclasses.fields(EventRef)]
    refs = []
    for row in frame.to_dict("records"):
        values = {name: _scalar(row.get(name)) for name in names}
        values["date"] = str(values["date"])[:10]
        values["sources"] = int(values["sources"] or 1)
        refs.append(EventRef(**values))
    return refs

