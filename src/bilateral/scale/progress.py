"""A progress bar for long coding runs: documents, sentences and events per second, on stderr.

Shown only when stderr is a terminal and no CI is declared, so logs, pipes and tests stay clean.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text


def wanted(stream=None) -> bool:
    """True when a live bar would be read by a person: a terminal, outside CI."""
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("CI")


class _Rates(ProgressColumn):
    """Totals and per-second rates of the three counters kept in the task's fields."""

    def render(self, task: Task) -> Text:
        elapsed = max(task.elapsed or 0.0, 1e-9)
        parts = [f"{task.fields[name]:,} {name} ({task.fields[name] / elapsed:,.0f}/s)"
                 for name in ("documents", "sentences", "events")]
        return Text("  ".join(parts))


@contextmanager
def coding_progress(enabled: bool | None = None) -> Iterator:
    """A context giving a ``progress(documents, sentences, events)`` callback (None when off)."""
    if enabled is None:
        enabled = wanted()
    if not enabled:
        yield None
        return
    bar = Progress(SpinnerColumn(), TextColumn("coding"), _Rates(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=False, refresh_per_second=4)
    task = bar.add_task("coding", total=None, documents=0, sentences=0, events=0)
    totals = {"documents": 0, "sentences": 0, "events": 0}

    def progress(documents: int, sentences: int, events: int) -> None:
        totals["documents"] += documents
        totals["sentences"] += sentences
        totals["events"] += events
        bar.update(task, **totals)

    with bar:
        yield progress
