"""How the process runs: the collector pause, the worker pool, no orphans."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from framing.runtime import collector_paused, worker_pool

PROJECT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(PROJECT)}
linux_only = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc")


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


def test_worker_pool_runs_in_other_processes_and_stops_them_on_an_error():
    with worker_pool(2) as pool:
        pids = set(pool.map(_pid_after, [0.05] * 4))
    assert os.getpid() not in pids
    with pytest.raises(ZeroDivisionError), worker_pool(2) as pool:
        processes = list(pool._processes.values()) if pool.submit(int).result() == 0 else []
        raise ZeroDivisionError
    # By pid, not is_alive(): the pool's own thread may reap a worker first, and then
    # is_alive() of the same process object can still say True for a moment.
    pids = [process.pid for process in processes]
    assert pids and _wait_for(lambda: not any(map(_alive, pids)), 10), pids


def test_a_killed_worker_is_a_one_line_error_not_a_broken_pool():
    from framing.errors import WorkerError

    with pytest.raises(WorkerError, match="killed before it finished"), \
            worker_pool(2) as pool:
        list(pool.map(_killed, [0.0, 0.05]))


def _killed(seconds: float) -> None:
    """As the system's out-of-memory killer ends a worker."""
    time.sleep(seconds)
    os.kill(os.getpid(), signal.SIGKILL)


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _alive(pid: int) -> bool:
    """Running, that is: a zombie waiting to be reaped holds no memory."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    """Enough generated articles to keep two workers busy for many seconds."""
    words = ["council", "police", "report", "inquiry", "victims", "survivors", "officers",
             "said", "failed", "children", "abuse", "years", "town", "review", "evidence",
             "agency", "safeguarding", "minister", "response"]
    rng = random.Random(31)
    path = tmp_path_factory.mktemp("big") / "articles.jsonl"
    with path.open("w") as stream:
        for k in range(4000):
            paragraphs = ["\n".join(" ".join(rng.choices(words, k=12)).capitalize() + "."
                                    for _ in range(4)) for _ in range(6)]
            stream.write(json.dumps({"id": f"a{k}", "outlet": f"Outlet {k % 7}",
                                     "headline": f"Story {k}",
                                     "text": "\n\n".join(paragraphs)}) + "\n")
    return path


@linux_only
@pytest.mark.parametrize("cache", [False, True])
def test_sigkill_leaves_no_worker_behind(tmp_path, big_corpus, cache):
    command = [sys.executable, "-m", "framing", "features", str(big_corpus), "-o",
               str(tmp_path / "out"), "--quiet", *([] if cache else ["--no-cache"])]
    job = subprocess.Popen(command, cwd=tmp_path, env={**ENV, "FRAMING_CACHE_DIR": str(
        tmp_path / "cache")}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert _wait_for(lambda: len(_children(job.pid)) >= 2 or job.poll() is not None, 120)
        workers = _children(job.pid)
        assert job.poll() is None and workers, "the job ended before its workers started"
        time.sleep(0.5)  # mid-analysis
        job.send_signal(signal.SIGKILL)
        job.wait(10)
        assert _wait_for(lambda: not any(map(_alive, workers)), 5), [
            pid for pid in workers if _alive(pid)]
    finally:
        if job.poll() is None:
            job.kill()
        job.wait()
    assert not (tmp_path / "out").exists()  # nothing half-written


@linux_only
def test_a_worker_elsewhere_notices_its_parent_s_death_by_looking():
    """Where prctl is missing, a thread looks for the parent now and then."""
    script = textwrap.dedent("""
        import os, sys, time
        import framing.runtime as runtime
        parent = os.getpid()
        child = os.fork()
        if child == 0:
            sys.platform = "darwin"
            runtime.ORPHAN_CHECK_SECONDS = 0.05
            runtime.end_with_parent(parent)
            time.sleep(60)
            os._exit(0)
        time.sleep(0.3)
        print(child, flush=True)
        os._exit(0)
    """)
    done = subprocess.run([sys.executable, "-c", script], env=ENV, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    child = int(done.stdout)
    assert _wait_for(lambda: not _alive(child), 5)
