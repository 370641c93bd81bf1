"""Write a relation or frame to Parquet, CSV or JSON Lines, chosen by the file's suffix."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from bilateral.errors import BilateralError

FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".json": "json"}


def export_format(path: str | Path) -> str:
    """The format a path asks for; raises a clear error for any other suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise BilateralError(f"{path}: unsupported output type {suffix or '(none)'}; use one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


def export(data: duckdb.DuckDBPyRelation | pd.DataFrame, path: str | Path) -> Path:
    """Write ``data`` to ``path``; the parent folder is created when missing."""
    path = Path(path)
    kind = export_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = data if isinstance(data, pd.DataFrame) else data.df()
    if kind == "parquet":
        frame.to_parquet(path, index=False)
    elif kind == "csv":
        frame.to_csv(path, index=False)
    elif kind == "jsonl":
        frame.to_json(path, orient="records", lines=True, date_format="iso", force_ascii=False)
    else:
        frame.to_json(path, orient="records", date_format="iso", force_ascii=False, indent=1)
    return path
