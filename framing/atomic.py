"""Writing outputs whole or not at all: temporary files in the same folder, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Mapping
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


def write_files_atomically(contents: Mapping[Path, bytes]) -> list[Path]:
    """Write every file to a temporary name first, then rename them all into place."""
    staged: list[tuple[Path, Path]] = []
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
                    stream.write(data)
                os.chmod(name, _default_mode())
            except OSError as error:
                raise FramingError(
                    f"{final}: could not write ({error.strerror or error}); check the disk "
                    "has space and the folder is writable"
                ) from None
        for temporary, final in staged:
            os.replace(temporary, final)
    except BaseException:
        for temporary, _final in staged:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise
    return [final for _temporary, final in staged]
