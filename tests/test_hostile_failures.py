"""Failures while writing: an unwritable folder, a full disk, an exception or Ctrl-C while
the PDF is written, Ctrl-C in a real process. Whatever happens: one line on stderr, a
non-zero exit code, no partial file under a final name (a previous good file stays as it
was), no temporary file left behind, and the inputs unchanged."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import framing.atomic
from framing.cli import INTERRUPTED
from framing.reporting import pdf
from tests.test_hostile_input import (
    TAIL,
    assert_one_line_error,
    corpus_with,
    features,
    front_matter,
    invoke,
    temporary_files,
    tree,
)

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture
def corpus(tmp_path):
    return corpus_with(tmp_path, {"a.md": front_matter() + TAIL})


@pytest.fixture
def previous_tables(tmp_path, corpus):
    """A good earlier run of `framing features` in tmp_path/out: its files and their hashes."""
    out = tmp_path / "out"
    assert features(corpus, out).exit_code == 0
    (out / "articles.csv").write_bytes(b"previous articles\n")  # tell old from new
    return out, tree(out)


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


# --------------------------------------------------------------------------- unwritable


def test_output_folder_under_a_file(tmp_path, corpus):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    before = tree(corpus)
    result = features(corpus, blocker / "out")
    assert_one_line_error(result, str(blocker / "out"), "cannot create the output folder",
                          "choose another place with -o")
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    assert tree(corpus) == before


def test_read_only_output_folder(tmp_path, corpus):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        result = features(corpus, folder / "out")
        assert_one_line_error(result, str(folder), "cannot write here")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_permission_denied_while_writing_is_one_line(tmp_path, corpus, previous_tables,
                                                     monkeypatch):
    out, before = previous_tables

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(framing.atomic.tempfile, "mkstemp", denied)
    result = features(corpus, out)
    assert_one_line_error(result, str(out / "outlets.csv"), "Permission denied",
                          "check the disk has space and the folder is writable")
    assert tree(out) == before


# --------------------------------------------------------------------------- full disk


def test_full_disk_while_writing_a_table(tmp_path, corpus, previous_tables, monkeypatch):
    out, before = previous_tables
    real_fdopen = os.fdopen
    calls = []

    class FullDisk:
        def __init__(self, stream):
            self.stream = stream

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def write(self, data):
            self.stream.write(data[: len(data) // 2])
            disk_full()

    def fdopen(fd, *args, **kwargs):
        calls.append(fd)
        stream = real_fdopen(fd, *args, **kwargs)
        return FullDisk(stream) if len(calls) == 3 else stream  # the third table

    monkeypatch.setattr(framing.atomic.os, "fdopen", fdopen)
    corpus_before = tree(corpus)
    result = features(corpus, out)
    assert_one_line_error(result, str(out / "terms.csv"), "No space left on device",
                          "nothing was changed")
    assert tree(out) == before
    assert temporary_files(tmp_path) == []
    assert tree(corpus) == corpus_before


def ctrl_c(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize(("failure", "code", "words"), [
    (disk_full, 1, ["mentions.csv", "No space left on device", "nothing was changed"]),
    (ctrl_c, INTERRUPTED, ["interrupted (Ctrl-C)"]),
], ids=["full disk", "ctrl-c"])
def test_a_failure_while_renaming_the_tables_into_place(tmp_path, corpus, previous_tables,
                                                        monkeypatch, failure, code, words):
    out, before = previous_tables
    real_replace = os.replace
    renamed = []

    def replace(source, target):
        if str(source).endswith(".tmp"):
            renamed.append(target)
            if len(renamed) == 4:  # three tables are already in place
                failure()
        return real_replace(source, target)

    monkeypatch.setattr(framing.atomic.os, "replace", replace)
    corpus_before = tree(corpus)
    result = features(corpus, out)
    assert_one_line_error(result, *words, code=code)
    assert tree(out) == before  # the three renamed ones got their previous versions back
    assert temporary_files(tmp_path) == []
    assert tree(corpus) == corpus_before


class FakeDocument:
    """Stands in for WeasyPrint's laid-out document, so these tests need no layout."""

    def __init__(self, failure: BaseException | None) -> None:
        self.failure = failure

    def write_pdf(self, target=None, **options):
        with open(target, "wb") as stream:
            stream.write(b"%PDF-1.7\n% half a PDF")
        if self.failure is not None:
            raise self.failure


def report_run(tmp_path, corpus, monkeypatch, failure):
    """`framing report` into tmp_path/out over a previous report, the PDF failing with
    `failure`. Returns (result, previous files, input files before)."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.pdf").write_bytes(b"%PDF-1.7 the previous good report %%EOF")
    (out / "r.html").write_text("<!DOCTYPE html><p>previous</p>", encoding="utf-8")
    previous, inputs = tree(out), tree(corpus)
    monkeypatch.setattr(pdf, "layout_html", lambda html: FakeDocument(failure))
    result = invoke("report", corpus, "-o", out / "r.pdf", "--no-cache", "--quiet")
    return result, previous, inputs


@pytest.mark.parametrize(("failure", "code", "words"), [
    (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), 1, "No space left on device"),
    (RuntimeError("layout exploded"), 1, "RuntimeError: layout exploded"),
    (KeyboardInterrupt(), INTERRUPTED, "interrupted (Ctrl-C)"),
], ids=["full disk", "exception", "ctrl-c"])
def test_a_failure_while_writing_the_pdf(tmp_path, corpus, monkeypatch, failure, code, words):
    result, previous, inputs = report_run(tmp_path, corpus, monkeypatch, failure)
    line = assert_one_line_error(result, words, code=code)
    if code == 1:
        assert str(tmp_path / "out" / "r.pdf") in line and "could not write the PDF" in line
    out = tmp_path / "out"
    assert tree(out) == previous  # old PDF and HTML intact, no data folder, no temp files
    assert temporary_files(tmp_path) == []
    assert tree(corpus) == inputs


def test_ctrl_c_while_analysing(tmp_path, corpus, previous_tables, monkeypatch):
    out, before = previous_tables

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("framing.features.compute.analyse_article", interrupted)
    result = features(corpus, out)
    assert_one_line_error(result, "interrupted (Ctrl-C)", "run the command again",
                          code=INTERRUPTED)
    assert tree(out) == before


# --------------------------------------------------------------------------- real process


def children(pid: int) -> list[str]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return path.read_text().split() if path.exists() else []


def run_and_interrupt(tmp_path: Path, corpus: Path, *, wait: float,
                      in_pool: bool = False) -> tuple[int, str, float]:
    """Start `python -m framing features` in its own process group, interrupt it once the
    analysis has begun and return the exit code, stderr and seconds from the interrupt to
    the exit. Kills the group after `wait` seconds.

    Without `in_pool`: Ctrl-C as a terminal sends it, SIGINT to the whole group. With
    `in_pool`: once worker processes exist, SIGINT to the main process only; sent to the
    group, the outcome would depend on whether a worker is between two chunks (it then
    dies, which breaks the pool and ends the run at once) or inside one."""
    cache = tmp_path / "cache"
    env = {**os.environ, "FRAMING_CACHE_DIR": str(cache), "PYTHONPATH": str(PROJECT)}
    # Ctrl-C as in a terminal, even when these tests run in a background job (`cmd &` in a
    # script), whose children start with SIGINT ignored and so would never see it.
    process = subprocess.Popen(
        [sys.executable, "-m", "framing", "features", str(corpus), "-o", str(tmp_path / "out")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 120
        def started() -> bool:  # the cache file is made as the analysis starts
            if in_pool:
                return bool(children(process.pid))
            return (cache / "features.sqlite").exists()

        while not started():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the analysis never started"
            time.sleep(0.05)
        time.sleep(0.5 if in_pool else 1.0)
        if in_pool:
            os.kill(process.pid, signal.SIGINT)
        else:
            os.killpg(process.pid, signal.SIGINT)
        pressed = time.monotonic()
        try:
            _stdout, stderr = process.communicate(timeout=wait)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            _stdout, stderr = process.communicate()
            return process.returncode, stderr.decode(), float("inf")
        return process.returncode, stderr.decode(), time.monotonic() - pressed
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def long_corpus(tmp_path: Path, articles: int, *, sentences: int = 60) -> Path:
    """Articles of two paragraphs, no two sentences alike (nothing to cache)."""
    def paragraph(i: int, k: int) -> str:
        return " ".join(f"Survivors said the council ignored their warnings {i}-{k}-{j} times, "
                        "and officers treated the girls as if they had made a choice."
                        for j in range(sentences // 2))

    files = {f"a{i:04d}.md": front_matter(outlet=f"Outlet {i % 4}", headline=f"Story {i}")
             + f"{paragraph(i, 1)}\n\n{paragraph(i, 2)}" for i in range(articles)}
    return corpus_with(tmp_path, files, other=False)


def test_ctrl_c_in_a_real_process(tmp_path):
    # Below the process-pool threshold (one process), and some seconds of analysis.
    corpus = long_corpus(tmp_path, 190, sentences=400)
    before = tree(corpus)
    code, stderr, seconds = run_and_interrupt(tmp_path, corpus, wait=30)
    assert code == INTERRUPTED, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].startswith("error: interrupted (Ctrl-C)")
    assert seconds < 10
    assert not (tmp_path / "out").exists() and temporary_files(tmp_path) == []
    assert tree(corpus) == before


def test_ctrl_c_stops_the_process_pool_promptly(tmp_path):
    if not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists():
        pytest.skip("needs /proc to see the worker processes")
    # Above the threshold (a pool of workers), and far more than 5 s of analysis, so that
    # a run that waits for its workers is told from one that stops.
    corpus = long_corpus(tmp_path, 4000)
    code, stderr, seconds = run_and_interrupt(tmp_path, corpus, wait=5, in_pool=True)
    assert code == INTERRUPTED and "Traceback" not in stderr
    assert seconds < 5
    assert stderr.strip().splitlines()[-1].startswith("error: interrupted (Ctrl-C)")
