"""How the process runs: settings for big batch jobs, shared by the stages."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while millions of small objects are made.

    The collector would walk all of them again and again, and they hold no cycles: on a
    large corpus this halves the time to assemble the features and write the tables.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# The task of the process `in_background` forks: set just before the fork, read by the child.
_TASK: list = []


def _run_task():
    function, args, kwargs = _TASK[0]
    return function(*args, **kwargs)


def _child_start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the child


@contextlib.contextmanager
def in_background(function: Callable, /, *args, **kwargs) -> Iterator[Future]:
    """Run `function(*args, **kwargs)` in a forked process, while the caller goes on.

    Yields a Future for its result. The arguments reach the child through the fork, so
    nothing is copied or pickled but the result. Leaving the block early (an error, Ctrl-C)
    stops the child at once.
    """
    gc.freeze()  # objects inherited by the child stay untouched there: no copy-on-write
    executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_child_start)
    try:
        _TASK[:] = [(function, args, kwargs)]
        try:
            future = executor.submit(_run_task)  # forks the child now
        finally:
            _TASK.clear()
        yield future
    except BaseException:
        for process in (getattr(executor, "_processes", None) or {}).values():
            process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        executor.shutdown(wait=True)
    finally:
        gc.unfreeze()
