"""Worker processes: one BLAS thread each (the workers themselves fill the cores)."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from threadpoolctl import threadpool_info

from bilateral.scale.workers import CoderOptions, _init_worker


def test_workers_run_one_blas_thread_after_loading_the_model():
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context, initializer=_init_worker, initargs=(CoderOptions(),)) as pool:
        pools = [(info["internal_api"], info["num_threads"]) for info in pool.submit(threadpool_info).result()]
    assert pools, "the model loaded no BLAS library"  # numpy's BLAS is loaded by then
    assert all(threads == 1 for _, threads in pools), pools
