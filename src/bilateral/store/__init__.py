"""The event store (DuckDB): schema, idempotent writes, read relations and exports."""
from bilateral.store.db import DEFAULT_DB, Store, WriteCounts
from bilateral.store.export import export, export_format

__all__ = ["DEFAULT_DB", "Store", "WriteCounts", "export", "export_format"]
