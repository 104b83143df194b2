"""How the process runs: settings for big batch jobs, shared by the stages."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


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
