"""How the process runs: settings for big batch jobs, shared by the stages."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import NoReturn


@contextlib.contextmanager
def collector_paused(*, resume: bool = True) -> Iterator[None]:
    """No cyclic garbage collection while millions of small objects are made.

    The collector would walk all of them again and again, and they hold no cycles: on a
    large corpus this halves the time to assemble the features and write the tables.
    With `resume=False` it stays paused after the block: for a job whose process ends next
    (the CLI), as the first collection would walk everything the job left, for nothing
    (3.7 s after the full AllSides report, most of it WeasyPrint's boxes).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled and resume:
            gc.enable()


def _worker_start(start: Callable[[], object] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the child
    if start is not None:
        start()


@contextlib.contextmanager
def fork_pool(n_workers: int, *, start: Callable[[], object] | None = None
              ) -> Iterator[ProcessPoolExecutor]:
    """A pool of forked worker processes (each first calling `start`, if given) that stop at
    once when the block is left early: an error, or Ctrl-C in the parent."""
    gc.freeze()  # objects inherited by the workers stay untouched there: no copy-on-write
    pool = ProcessPoolExecutor(max_workers=n_workers, mp_context=multiprocessing.get_context(
        "fork"), initializer=_worker_start, initargs=(start,))
    try:
        yield pool
    except BaseException:
        _stop(pool)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        gc.unfreeze()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the pool's processes at once, whatever they are doing."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


@contextlib.contextmanager
def in_background(function: Callable, /, *args, **kwargs) -> Iterator[Future]:
    """Run `function(*args, **kwargs)` in a forked process, while the caller goes on.

    Yields a Future for its result. The arguments reach the child through the fork, so
    nothing is copied or pickled but the result. Leaving the block early (an error, Ctrl-C)
    stops the child at once.
    """
    # (A keyword argument `prepare` is refused: in_background_later takes that name.)
    with in_background_later(function, *args, prepare=None, **kwargs) as later:
        yield later()


# What the process `in_background_later` forks runs: set just before the fork.
_LATER: list = []


def _run_later():
    function, args, kwargs, receiver = _LATER[0]
    more, more_kwargs = receiver.recv()
    return function(*args, *more, **kwargs, **more_kwargs)


class Later:
    """The process `in_background_later` yields: call it to give it its job (a Future for the
    result); `stop()` ends it unused, at once."""

    def __init__(self, pool: ProcessPoolExecutor, future: Future, sender) -> None:
        self._pool, self._future, self._sender = pool, future, sender
        self.started = self.stopped = False

    def __call__(self, *more, **more_kwargs) -> Future:
        if self.started or self.stopped:
            raise RuntimeError("in_background_later: a process takes one job")
        self._sender.send((more, more_kwargs))
        self.started = True
        return self._future

    def stop(self) -> None:
        if not self.started and not self.stopped:
            self.stopped = True
            _stop(self._pool)


@contextlib.contextmanager
def in_background_later(function: Callable, /, *args, prepare: Callable[[], object] | None = None,
                        **kwargs) -> Iterator[Later]:
    """`in_background`, forked now but run later: the process first calls `prepare()`
    (imports, say) while the caller goes on, then waits for its job: calling the yielded
    Later with `*more, **more_kwargs` runs `function(*args, *more, **kwargs, **more_kwargs)`
    there, and gives a Future for its result.

    `args` and `kwargs` reach the process through the fork (not copied); what the job is
    given is pickled. Leaving the block without a job (or early: an error, Ctrl-C) stops the
    process at once.
    """
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
    with contextlib.closing(receiver), contextlib.closing(sender), fork_pool(
            1, start=prepare) as pool:
        _LATER[:] = [(function, args, kwargs, receiver)]
        try:
            future = pool.submit(_run_later)  # forks the process now
        finally:
            _LATER.clear()
        later = Later(pool, future, sender)
        yield later
        later.stop()


def in_thread(function: Callable, /, *args, **kwargs) -> Future:
    """Run `function(*args, **kwargs)` in a daemon thread of this process; a Future for its
    result (or its error).

    For work that waits on other processes or spends its time in numpy, beside a caller
    that mostly waits too. A daemon thread does not hold up the end of the process (Ctrl-C).
    """
    future: Future = Future()
    future.set_running_or_notify_cancel()

    def run() -> None:
        try:
            result = function(*args, **kwargs)
        except BaseException as error:  # handed to whoever asks for the result
            future.set_exception(error)
        else:
            future.set_result(result)

    threading.Thread(target=run, name=getattr(function, "__name__", "worker"),
                     daemon=True).start()
    return future


def end_process(code: int) -> NoReturn:
    """End the process with `code` at once, its output flushed, without freeing its objects
    one by one (the millions a big job leaves took most of a second): the system takes the
    memory back whole. For the end of the CLI only, once every file is written and closed."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)
