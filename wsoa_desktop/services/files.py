"""Writing files so that a failure never leaves half a file where the old one was.

Also the two things every saved file needs: a plain message when the operating
system says no (naming the file another program holds open, rather than blaming
the folder), and a safe file name when the name is made from the officer's text
(a period label such as "Q3 2022/23", a lead's name).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from wsoa_desktop.domain.errors import WsoaError

#: Windows error codes for a file another program has open: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
SHARING_VIOLATIONS = frozenset({32, 33})
#: Windows refuses these as file names, with or without an extension.
RESERVED_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                            *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
                            "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"})
#: Characters no Windows file name may hold (and "/" on every system), plus control characters.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
#: A file name short enough for Windows' classic 260-character paths in a typical folder.
MAX_NAME_LENGTH = 100


class FileWriteError(WsoaError):
    """A file could not be written; the old one (if any) is untouched."""


def is_sharing_violation(exc: OSError) -> bool:
    """Did Windows refuse because another program (Excel, Word, Acrobat) has the file open?"""
    return getattr(exc, "winerror", None) in SHARING_VIOLATIONS


def in_use_message(path: Path) -> str:
    return (f"{path.name} is open in another program (Excel, Word or a PDF viewer, perhaps). "
            f"Close {path.name} in the other program, then Save again.")


def describe_os_error(exc: OSError, path: Path) -> str:
    """A plain message for a failure to write ``path``: what happened and what to do."""
    if is_sharing_violation(exc):
        return in_use_message(path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"There is not enough space to write {path}. Free some space or choose another folder."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{path.parent} cannot be written to (read-only or no permission). Choose another folder."
    if exc.errno == errno.ENOENT:
        return f"The folder {path.parent} does not exist. Create it or choose another."
    if exc.errno == errno.EISDIR:
        return f"{path} is a folder. Give a file name."
    return f"Cannot write {path}: {exc.strerror or exc}. Check the folder and try again."


def describe_replace_error(exc: OSError, path: Path) -> str:
    """A failure at the last step, putting the finished file in place of ``path``.

    The new file was already written beside ``path``, so the folder is writable:
    a refusal now is about the existing file. On Windows that is almost always a
    program holding it open (Excel opens a workbook, and Acrobat a PDF, so that
    it cannot be replaced); otherwise the file itself is marked read-only.
    """
    if is_sharing_violation(exc):
        return in_use_message(path)
    if exc.errno in (errno.EACCES, errno.EPERM) and path.exists():
        if os.access(path, os.W_OK):  # on Windows, False only for the read-only attribute
            return in_use_message(path)
        return (f"{path.name} is read-only, so it cannot be replaced. Save under another name, or clear "
                "its read-only setting and Save again.")
    return describe_os_error(exc, path)


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows.

    ``os.umask`` can only be read by setting it, which for a moment would let a
    file made by another thread be world-writable; Linux reports it in /proc.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _give_normal_permissions(tmp: Path, target: Path) -> None:
    """A temporary file is private (0600); the saved file gets what any new file would get.

    Replacing a file keeps its permissions; a new one gets 0666 less the umask, as
    if the program had simply created it. (Windows has no such modes.)
    """
    if os.name == "nt":
        return
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        mode = 0o666 & ~current_umask()
    try:
        os.chmod(tmp, mode)
    except OSError:
        pass  # some network shares refuse chmod; the file is still written


def atomic_write(path: Path | str, write: Callable[[Path], object]) -> Path:
    """Call ``write(temp_path)`` then rename the temporary file over ``path``.

    The temporary file sits in the destination folder (so the rename is atomic)
    and is removed on any failure. The file ends with normal permissions (the
    umask's, or the replaced file's), not the temporary file's private ones.
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
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise FileWriteError(describe_os_error(exc, path)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _give_normal_permissions(tmp, path)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise FileWriteError(describe_replace_error(exc, path)) from exc
    return path


def safe_file_name(text: str, suffix: str = "", *, fallback: str = "file",
                   max_length: int = MAX_NAME_LENGTH) -> str:
    """A file name made from the officer's text that every system (Windows above all) accepts.

    "Q3 2022/23" becomes "Q3 2022-23"; characters Windows forbids (``\\ / : * ? " < > |``)
    and control characters become "-" or spaces; trailing dots and spaces go (Windows
    drops them silently); a reserved device name (CON, PRN, AUX, NUL, COM1, LPT1 …) gets
    a "_" after it; and the name is cut to ``max_length`` characters, ``suffix`` included.
    """
    name = re.sub(r"\s*:\s+", " - ", text)  # "Update: August" -> "Update - August"
    name = re.sub(r"[/\\|:]", "-", name)  # "Q3 2022/23" -> "Q3 2022-23", "10:30" -> "10-30"
    name = _FORBIDDEN.sub(" ", name)
    name = re.sub(r"\s+", " ", name).strip()
    name = re.sub(r"-{2,}", "-", name)
    room = max(1, max_length - len(suffix))
    name = name[:room].rstrip(". ") or fallback
    stem = name.split(".", 1)[0].strip()
    if stem.upper() in RESERVED_NAMES:
        name = name[:len(stem)] + "_" + name[len(stem):]
    return name + suffix
