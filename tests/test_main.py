"""`python -m framing`: the process ends at once when a command is done, its output whole."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from framing import cli
from framing.features.output_tables import TABLES

PROJECT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(PROJECT)}


def framing(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "framing", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=300)


def test_a_command_s_output_and_files_are_whole_when_the_process_ends(tmp_path):
    done = framing("features", "-o", "out", "--no-cache", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"wrote {Path('out') / name}" for name in TABLES]
    result = CliRunner().invoke(cli.app, ["features", "-o", str(tmp_path / "in-process"),
                                          "--no-cache", "--quiet"])
    assert result.exit_code == 0, result.output
    for name in TABLES:
        assert (tmp_path / "out" / name).read_bytes() == (
            tmp_path / "in-process" / name).read_bytes(), name


def test_exit_codes_and_messages_are_kept(tmp_path):
    (tmp_path / "bad.jsonl.gz").write_bytes(b"not gzip")
    bad = framing("features", "bad.jsonl.gz", "-o", "out", "--quiet", cwd=tmp_path)
    assert bad.returncode == 1
    assert bad.stderr.startswith("error: bad.jsonl.gz: is not a valid gzip file")
    assert not (tmp_path / "out").exists()
    usage = framing("features", "--no-such-option", cwd=tmp_path)
    assert usage.returncode == 2 and "No such option" in usage.stderr
    assert framing("-h", cwd=tmp_path).returncode == 0


def test_end_process_flushes_what_was_printed(tmp_path):
    code = ("import sys; from framing.runtime import end_process; print('out', end=''); "
            "sys.stderr.write('err'); end_process(3)")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=ENV,
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (3, "out", "err")


def test_only_the_last_job_s_objects_are_kept(tmp_path):
    runner = CliRunner()
    for k in range(2):
        result = runner.invoke(cli.app, ["features", "-o", str(tmp_path / str(k)),
                                         "--no-cache", "--quiet"])
        assert result.exit_code == 0, result.output
        [job] = cli._LAST_JOB
        assert job.report is None and job.written[0].parent == tmp_path / str(k)
    result = runner.invoke(cli.app, ["report", "-o", str(tmp_path / "r.pdf"), "--no-cache",
                                     "--quiet", "--no-html", "--no-data"])
    assert result.exit_code == 0, result.output
    [job] = cli._LAST_JOB
    assert type(job.report).__name__ == "Report" and len(job.features.corpus.articles) == 5
