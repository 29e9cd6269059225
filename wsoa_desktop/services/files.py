"""Writing files so that a failure never leaves half a file where the old one was."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from wsoa_desktop.domain.errors import WsoaError


class FileWriteError(WsoaError):
    """A file could not be written; the old one (if any) is untouched."""


def describe_os_error(exc: OSError, path: Path) -> str:
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"There is not enough space to write {path}. Free some space or choose another folder."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{path.parent} cannot be written to (read-only or no permission). Choose another folder."
    if exc.errno == errno.ENOENT:
        return f"The folder {path.parent} does not exist. Create it or choose another."
    if exc.errno == errno.EISDIR:
        return f"{path} is a folder. Give a file name."
    return f"Cannot write {path}: {exc.strerror or exc}. Check the folder and try again."


def atomic_write(path: Path | str, write: Callable[[Path], object]) -> Path:
    """Call ``write(temp_path)`` then rename the temporary file over ``path``.

    The temporary file sits in the destination folder (so the rename is atomic)
    and is removed on any failure.
    """
    path = Path(path)
    if path.is_dir():
        raise FileWriteError(f"{path} is a folder. Give a file name.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent or ".")
    except OSError as exc:
        raise FileWriteError(describe_os_error(exc, path)) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise FileWriteError(describe_os_error(exc, path)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
