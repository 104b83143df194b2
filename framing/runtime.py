"""How a job's processes run: the collector paused, a pool of workers that die with their
parent, and the CLI's quick exit."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import NoReturn

from framing.errors import WorkerError

PR_SET_PDEATHSIG = 1  # prctl option: the signal a process gets when its parent dies
ORPHAN_CHECK_SECONDS = 1.0


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection in the block: a job makes millions of small objects
    (articles, features, the layout's boxes) that hold no cycles, and the collector would
    walk them again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def worker_pool(n_workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of forked workers: they see the caller's objects without copying them, stop
    when the caller dies however it dies (even SIGKILL), and are stopped at once when the
    block is left early (an error, Ctrl-C)."""
    gc.freeze()  # inherited objects stay untouched by the workers' collector: no copy-on-write
    pool = ProcessPoolExecutor(max_workers=n_workers, mp_context=multiprocessing.get_context(
        "fork"), initializer=_start_worker, initargs=(os.getpid(),))
    try:
        yield pool
    except BaseException as error:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        if isinstance(error, BrokenProcessPool):
            raise WorkerError(
                "a worker process was killed before it finished (most often by the system, "
                "for lack of memory); nothing was written. Free some memory and run again, or "
                "analyse the corpus in parts") from error
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        gc.unfreeze()


def _start_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's; it stops us
    gc.enable()
    end_with_parent(parent)


def end_with_parent(parent: int) -> None:
    """End this process as soon as the process `parent` has ended: a worker left waiting
    for work that never comes would hold its memory for good."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # it died before the request was made
                    os._exit(1)
                return

    def watch() -> None:  # elsewhere: look now and then
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="orphan-check", daemon=True).start()


def end_process(code: int) -> NoReturn:
    """End the process with `code` at once, its output flushed, without freeing its objects
    one by one (the millions a big job leaves took most of a second): the system takes the
    memory back whole. For the end of the CLI only, once every file is written and closed."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)
