"""Writing outputs whole or not at all: temporary files in the same folder, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from framing.errors import FramingError


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FramingError(
            f"{folder}: cannot create the output folder ({error.strerror or error}); "
            "choose another place with -o"
        ) from None


@contextlib.contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """Yield a temporary path beside `final`; on success rename it onto `final`.

    On any failure (including KeyboardInterrupt) the temporary file is removed and
    `final` is left as it was.
    """
    final = Path(final)
    _ensure_folder(final.parent)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    except OSError as error:
        raise FramingError(
            f"{final}: cannot write here ({error.strerror or error}); "
            "check that the folder is writable or choose another with -o"
        ) from None
    os.close(handle)
    temporary = Path(name)
    os.chmod(temporary, _default_mode())
    try:
        yield temporary
        os.replace(temporary, final)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


class OutputError(FramingError, OSError):
    """An output file could not be written: the OS error, stated so the user can act on it.

    A FramingError (the CLI shows it as one line) and an OSError (with the original errno)."""


def _write_error(final: Path, error: OSError, *, unchanged: bool = True) -> OutputError:
    outcome = " (nothing was changed)" if unchanged else ""
    problem = OutputError(
        f"{final}: could not write ({error.strerror or error}); check the disk has space and "
        f"the folder is writable{outcome}"
    )
    problem.errno = error.errno
    return problem


def _backup(final: Path) -> Path | None:
    """A hard link to `final` under a temporary name (None when there is no `final`)."""
    if not final.exists():
        return None
    handle, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".old", dir=final.parent)
    os.close(handle)
    os.unlink(name)
    os.link(final, name)
    return Path(name)


def write_files_atomically(contents: Mapping[Path, bytes | Iterable[bytes]]) -> list[Path]:
    """Write every file to a temporary name first, then rename them all into place. A file's
    contents are bytes, or pieces of bytes made as they are written (a big table need not be
    held whole).

    All or nothing: when a write or a rename fails (disk full, Ctrl-C), the files renamed
    so far get their previous versions back (or are removed if they are new), so the set
    on disk is the previous one and no temporary file is left behind.
    """
    staged: list[tuple[Path, Path]] = []
    # (final, its previous version or None if there was none, whether that is known)
    renamed: list[tuple[Path, Path | None, bool]] = []
    restorable = True
    try:
        for final, data in contents.items():
            final = Path(final)
            _ensure_folder(final.parent)
            try:
                handle, name = tempfile.mkstemp(
                    prefix=f".{final.name}.", suffix=".tmp", dir=final.parent
                )
                staged.append((Path(name), final))
                with os.fdopen(handle, "wb") as stream:
                    if isinstance(data, bytes | bytearray | memoryview):
                        stream.write(data)
                    else:
                        for piece in data:
                            stream.write(piece)
                os.chmod(name, _default_mode())
            except OSError as error:
                raise _write_error(final, error) from None
        for temporary, final in staged:
            try:
                previous, known = _backup(final), True
            except OSError:  # no hard links here: the previous version cannot be kept
                previous, known = None, False
                restorable = False
            renamed.append((final, previous, known))
            try:
                os.replace(temporary, final)
            except OSError as error:
                renamed.pop()
                if previous is not None:
                    with contextlib.suppress(OSError):
                        previous.unlink()
                raise _write_error(final, error, unchanged=restorable) from None
    except BaseException:
        for final, previous, known in reversed(renamed):
            with contextlib.suppress(OSError):
                if previous is not None:
                    # A no-op when the interruption came before the rename (the backup is
                    # still a hard link to `final` itself): then only the backup goes.
                    os.replace(previous, final)
                    previous.unlink(missing_ok=True)
                elif known:
                    final.unlink()
        for temporary, _final in staged:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise
    for _final, previous, _known in renamed:
        if previous is not None:
            with contextlib.suppress(OSError):
                previous.unlink()
    return [final for _temporary, final in staged]
