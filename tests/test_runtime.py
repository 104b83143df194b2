"""How the process runs: the collector pause and the forked helpers."""

from __future__ import annotations

import gc
import os

import pytest

from framing.runtime import collector_paused, in_background, in_thread


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_collector_paused_pauses_and_restores(collector_on):
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner pause ended the outer one"
    assert gc.isenabled()


def test_collector_paused_restores_after_an_error(collector_on):
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("stage failed")
    assert gc.isenabled()


def test_collector_paused_leaves_a_disabled_collector_disabled(collector_on):
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
    gc.enable()


def test_collector_paused_without_resuming_stays_paused(collector_on):
    with collector_paused(resume=False):
        assert not gc.isenabled()
    assert not gc.isenabled()
    gc.enable()


def test_in_background_runs_in_another_process():
    with in_background(os.getpid) as future:
        assert future.result() != os.getpid()


def test_in_thread_gives_the_result_from_another_thread():
    import threading

    future = in_thread(lambda: threading.current_thread() is threading.main_thread())
    assert future.result(timeout=10) is False


def test_in_thread_hands_on_the_error():
    def fail():
        raise ValueError("no counts")

    with pytest.raises(ValueError, match="no counts"):
        in_thread(fail).result(timeout=10)
