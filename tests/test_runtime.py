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


def _pid_and(*values, **named):
    return os.getpid(), values, named


def test_in_background_later_runs_with_the_arguments_of_the_fork_and_of_start():
    from framing.runtime import in_background_later

    shared = ["made before the fork"]
    with in_background_later(_pid_and, shared, prepare=lambda: None, at="fork") as start:
        shared.append("made after it")  # the process has its own copy from the fork
        future = start("from start", then="start")
        pid, values, named = future.result(timeout=30)
    assert pid != os.getpid()
    assert values == (["made before the fork"], "from start")
    assert named == {"at": "fork", "then": "start"}


def test_in_background_later_prepares_while_the_caller_goes_on(tmp_path):
    import time

    from framing.runtime import in_background_later

    def prepare():
        (tmp_path / "prepared").touch()

    with in_background_later(os.path.exists, prepare=prepare) as start:
        deadline = time.monotonic() + 30
        while not (tmp_path / "prepared").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert (tmp_path / "prepared").exists(), "prepare() ran only when started"
        assert start(str(tmp_path / "prepared")).result(timeout=30) is True


def test_in_background_later_never_started_is_stopped_at_once():
    import time

    from framing.runtime import in_background_later

    began = time.monotonic()
    with in_background_later(os.getpid, prepare=lambda: time.sleep(30)):
        pass
    assert time.monotonic() - began < 10, "the unused process was waited for"


def test_in_background_later_is_stopped_by_an_error_in_the_block():
    import time

    from framing.runtime import in_background_later

    began = time.monotonic()
    with pytest.raises(ValueError), in_background_later(time.sleep) as start:
        start(30)
        raise ValueError("stage failed")
    assert time.monotonic() - began < 10, "the running process was waited for"
