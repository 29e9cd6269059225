"""Is a path on a network drive? SQLite warns against keeping a live database there.

(Backups may go to the shared drive; the live database should stay on this
computer's disk.)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "sshfs", "afs", "davfs", "fuse.davfs",
    "ncpfs", "glusterfs", "fuse.glusterfs", "ceph", "9p", "fuse.rclone", "lustre", "gpfs",
}


def _linux_mount_type(path: Path, mounts_text: str) -> str | None:
    best, best_type = "", None
    target = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) \
                and len(mount_point) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def is_network_path(path: Path | str, *, mounts_text: str | None = None) -> bool:
    """Is ``path`` on a network drive? SQLite warns against live databases there.

    Windows: UNC paths and mapped network drives. Linux: the file system type of
    the mount holding the path (``mounts_text`` stands in for /proc/mounts in tests).
    """
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return True
    if sys.platform == "win32":
        try:
            import ctypes

            drive = os.path.splitdrive(os.path.abspath(text))[0]
            if drive:
                return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4  # DRIVE_REMOTE
        except (AttributeError, OSError):
            return False
        return False
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    resolved = Path(os.path.abspath(text))
    kind = _linux_mount_type(resolved, mounts_text)
    return kind is not None and (kind in NETWORK_FILESYSTEMS or kind.startswith("fuse.sshfs"))
