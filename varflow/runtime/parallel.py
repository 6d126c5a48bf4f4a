"""Large elementwise updates split across a small thread pool.

NumPy releases the GIL inside its loops, so an in-place optimizer update of a big variable can use
every core, as TensorFlow's Eigen kernels do. Chunks are contiguous slices of the flattened arrays,
so the result is exactly the single-threaded one.
"""
from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

MIN_CHUNK = 1 << 16          # elements; below about this, handing work to a thread costs more
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def worker_count() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:      # not Linux
        return os.cpu_count() or 1


def _executor(n: int) -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        with _pool_lock:
            if _pool is None:
                _pool = ThreadPoolExecutor(max_workers=n, thread_name_prefix="varflow-elementwise")
    return _pool


def elementwise(fn, arrays: dict, scalars: dict) -> None:
    """Call `fn(**arrays, **scalars)` on matching chunks of `arrays` (all of one shape and
    C-contiguous, so their flat views line up); in one call when they are small."""
    size = next(iter(arrays.values())).size
    n = min(worker_count(), size // MIN_CHUNK)
    if n < 2:
        fn(**arrays, **scalars)
        return
    flat = {k: a.reshape(-1) for k, a in arrays.items()}
    bounds = np.linspace(0, size, n + 1).astype(int)
    chunks = [{k: f[lo:hi] for k, f in flat.items()} for lo, hi in zip(bounds[:-1], bounds[1:])]
    pool = _executor(worker_count())
    futures = [pool.submit(fn, **chunk, **scalars) for chunk in chunks[1:]]
    error = None
    try:
        fn(**chunks[0], **scalars)
    except BaseException as e:     # still wait for the other chunks before reporting it
        error = e
    for f in futures:
        try:
            f.result()
        except BaseException as e:
            error = error or e
    if error is not None:
        raise error
