import os

import pytest

from framing.atomic import atomic_path, write_files_atomically
from framing.errors import FramingError


def test_atomic_path_replaces_only_on_success(tmp_path):
    final = tmp_path / "report.pdf"
    final.write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt), atomic_path(final) as temporary:
        temporary.write_bytes(b"half")
        raise KeyboardInterrupt
    assert final.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]

    with atomic_path(final) as temporary:
        temporary.write_bytes(b"new")
    assert final.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_written_files_get_ordinary_permissions(tmp_path):
    (path,) = write_files_atomically({tmp_path / "a.csv": b"x"})
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_failure_midway_leaves_no_file(tmp_path, monkeypatch):
    calls = {"n": 0}
    real_replace = os.replace

    def failing_replace(src, dst):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_files_atomically({tmp_path / "a.csv": b"a", tmp_path / "b.csv": b"b"})
    assert not (tmp_path / "b.csv").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_unwritable_folder_is_a_clear_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(FramingError, match="locked"):
            write_files_atomically({folder / "a.csv": b"a"})
    finally:
        folder.chmod(0o700)


def test_contents_may_come_in_pieces(tmp_path):
    from framing.atomic import write_files_atomically

    target = tmp_path / "out" / "table.csv"
    write_files_atomically({target: (piece for piece in (b"a,b\n", b"1,2\n"))})
    assert target.read_bytes() == b"a,b\n1,2\n"
