"""Is the live database somewhere SQLite cannot keep it safe? Said once, when it is opened.

SQLite guards a database with file locks. Network file systems (SMB/CIFS shares,
NFS, mapped drives) implement those locks unreliably, and cloud-sync clients
(OneDrive, Dropbox, Google Drive, iCloud, Box) copy the file behind SQLite's back
and can upload it half-written or restore an older copy over it. Either way the
file can be damaged or a day's ratings lost (see sqlite.org, "How To Corrupt An
SQLite Database File", §2 and "SQLite Over a Network"). The app still opens such a
file, since the officer may have no other copy, but says so plainly at once.
Backups, being written once and read back, are fine on a shared drive.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path, PurePath

#: Folder names cloud-sync clients create, matched against each part of the path.
_SYNCED_FOLDER = re.compile(
    r"^(?:(?P<onedrive>onedrive(?:\s*-\s*.+|-.+)?)"
    r"|(?P<dropbox>dropbox(?:\s*\(.+\))?)"
    r"|(?P<google>google\s?drive(?:-.+)?|my drive|googledrive(?:-.+)?)"
    r"|(?P<icloud>icloud\s?drive|mobile documents)"
    r"|(?P<box>box|box sync|box drive)"
    r"|(?P<other>nextcloud|owncloud|pcloud drive))$",
    re.IGNORECASE,
)
_SERVICE_NAMES = {"onedrive": "OneDrive", "dropbox": "Dropbox", "google": "Google Drive", "icloud": "iCloud",
                  "box": "Box", "other": "a cloud-sync service"}
#: Windows names the OneDrive folders in these environment variables.
_ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")

SQLITE_REASON = ("SQLite, which keeps the plan, needs reliable file locking, and network drives and "
                 "cloud-synced folders (OneDrive, Dropbox, Google Drive) do not give it: the file can be "
                 "damaged, or changes lost, when the drive drops out, two computers open it, or the sync "
                 "copies it half-written.")
ADVICE = "Keep the database on this computer's own disk, and put backups on the shared drive."


def synced_service(path: Path | str, environ: Mapping[str, str] | None = None) -> str | None:
    """The cloud-sync service whose folder holds ``path`` ("OneDrive", "Dropbox", …), or None."""
    environ = os.environ if environ is None else environ
    text = os.path.abspath(os.fspath(path))
    for variable in _ONEDRIVE_VARIABLES:
        root = environ.get(variable)
        if root and _is_under(text, root):
            return "OneDrive"
    parts = PurePath(text).parts
    if any(a.casefold() == "library" and b.casefold() == "cloudstorage" for a, b in zip(parts, parts[1:], strict=False)):
        return "a cloud-sync service"  # macOS File Provider folders
    for part in parts[:-1]:
        match = _SYNCED_FOLDER.match(part.strip())
        if match:
            return _SERVICE_NAMES[match.lastgroup or "other"]
    return None


def _is_under(path: str, root: str) -> bool:
    norm = os.path.normcase
    root_text = norm(os.path.abspath(root)).rstrip("\\/")
    return norm(path) == root_text or norm(path).startswith((root_text + os.sep, root_text + "/"))


def where(path: Path | str) -> str | None:
    """"on a network drive" / "in a folder synced by OneDrive", or None when the disk is local."""
    from wsoa_desktop.services.network_drive import is_network_path

    service = synced_service(path)
    if service is not None:
        return f"in a folder synced by {service}"
    if is_network_path(path):
        return "on a network drive"
    return None


def place_warning(path: Path | str) -> str | None:
    """The warning to show when a database at ``path`` is opened, or None when its place is safe."""
    place = where(path)
    if place is None:
        return None
    return f"The database {path} is {place}. {SQLITE_REASON} {ADVICE}"
