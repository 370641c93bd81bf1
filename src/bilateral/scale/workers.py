"""Coding on every core: worker processes that load the model once and code batches of articles.

The parent process reads, cleans and writes; workers only code. Batches go out in input order
and come back in input order, with at most ``2 * workers`` batches in flight, so memory stays
flat whatever the input size and the output does not depend on the number of workers.
``workers=1`` codes in the calling process (no pickling, no start-up cost).
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from bilateral.model import Article, Event, Sentence

Item = TypeVar("Item")


class Coded(NamedTuple):
    """What a worker sends back for one article (plain records: the parent never imports spaCy)."""

    article: Article
    sentences: list[Sentence]
    events: list[Event]


@dataclass(frozen=True)
class CoderOptions:
    """How each process builds its coder (plain values: they cross process boundaries)."""

    profile: str = "gdelt"
    prescan: bool = True


def default_workers() -> int:
    """All the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def build_worker_coder(options: CoderOptions):
    """A coder for one of several coding processes on a machine (local workers, Spark's Python workers)."""
    coder = build_coder(options)
    from threadpoolctl import threadpool_limits

    # One BLAS thread each: the processes already fill the cores, and idle BLAS threads spin.
    # Only libraries already loaded are limited, so this comes after the model has loaded numpy.
    threadpool_limits(1)
    return coder


def build_coder(options: CoderOptions, coder=None):
    """A ``SentenceCoder`` for these options (around ``coder`` when one is given)."""
    from bilateral.scale.sentences import SentenceCoder

    if isinstance(coder, SentenceCoder):
        return coder
    if coder is None:
        from bilateral.coding import Coder

        coder = Coder(profile=options.profile)
    return SentenceCoder(coder, prescan=options.prescan)


class LocalEngine:
    """Codes batches in this process."""

    def __init__(self, options: CoderOptions, coder=None):
        self.options, self._given, self._coder = options, coder, None

    def map(self, items: Iterable[Item], work: Callable[[Item], list[Article]]) -> Iterator[tuple[Item, list[Coded]]]:
        """(item, coded articles of ``work(item)``) for each item, in order."""
        for item in items:
            articles = work(item)
            yield item, (_plain(self._sentence_coder().code_batch(articles)) if articles else [])

    def _sentence_coder(self):
        if self._coder is None:  # loaded on first use: a run with nothing new loads no model
            self._coder = build_coder(self.options, self._given)
        return self._coder

    def close(self) -> None:
        """Nothing to release."""


class PoolEngine:
    """Codes batches in ``workers`` spawned processes, each loading the model once.

    Spawned, not forked: the parent holds a DuckDB connection and threads, which a fork would
    copy in an undefined state.
    """

    def __init__(self, workers: int, options: CoderOptions):
        self.workers = workers
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker, initargs=(options,),
        )

    def map(self, items: Iterable[Item], work: Callable[[Item], list[Article]]) -> Iterator[tuple[Item, list[Coded]]]:
        """(item, coded articles of ``work(item)``) for each item, in order; bounded in flight."""
        pending: deque[tuple[Item, Future | None]] = deque()
        for item in items:
            articles = work(item)
            pending.append((item, self.pool.submit(_code_in_worker, articles) if articles else None))
            if len(pending) >= 2 * self.workers:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())

    def close(self) -> None:
        """Stop the workers (pending batches are cancelled)."""
        self.pool.shutdown(wait=True, cancel_futures=True)


def _result(entry: tuple[Item, Future | None]) -> tuple[Item, list[Coded]]:
    item, future = entry
    return item, (future.result() if future is not None else [])


def coding_engine(workers: int, options: CoderOptions, coder=None) -> LocalEngine | PoolEngine:
    """The engine for ``workers`` processes (1 = this process; a given ``coder`` forces that)."""
    if workers <= 1 or coder is not None:
        return LocalEngine(options, coder)
    return PoolEngine(workers, options)


_WORKER_CODER = None


def _init_worker(options: CoderOptions) -> None:
    """Load the model once per worker process."""
    global _WORKER_CODER
    _exit_with_parent()
    _WORKER_CODER = build_worker_coder(options)


def _exit_with_parent() -> None:
    """End this worker when its parent ends: a parent killed with SIGKILL would leave it idle, holding the model."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (parent.join(), os._exit(1)), name="exit-with-parent", daemon=True).start()


def _code_in_worker(articles: list[Article]) -> list[Coded]:
    return _plain(_WORKER_CODER.code_batch(articles))


def _plain(coded: list) -> list[Coded]:
    return [Coded(c.article, c.sentences, c.events) for c in coded]
