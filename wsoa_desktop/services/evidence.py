"""Evidence for an action: a file copied into the database, or a link.

Files are stored inside the database so that a backup carries them; a size limit
keeps the database a size a shared drive and an email can still carry.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, select

from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user, transaction
from wsoa_desktop.services.files import atomic_write
from wsoa_desktop.services.plan_items import find_action
from wsoa_desktop.services.row_versions import claim
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import Action, Evidence, id_of

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class EvidenceView:
    id: int
    ref: str
    title: str
    filename: str
    size: int
    link: str
    added_by: str
    added_at: datetime
    #: The row's version when listed: what removing it names as seen.
    version: int = 1

    @property
    def is_link(self) -> bool:
        return bool(self.link)


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MB"


def read_evidence_file(path: Path) -> bytes:
    """The bytes of an ordinary file, at most :data:`MAX_FILE_BYTES`, read with a hard cap.

    The size the system reports is not trusted: a device (``/dev/zero``) never ends,
    a pipe blocks, and a file the system makes up as it is read (``/proc/self/maps``)
    reports 0 bytes and then holds more. So only a regular file is opened (checked
    again on the open handle, without blocking), at most one byte over the limit is
    read, and what was read must be exactly as long as the file said it was.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as exc:
        raise ValidationError(f"There is no file at {path}. Choose the evidence file again.") from exc
    except IsADirectoryError as exc:
        raise ValidationError(f"{path} is a folder. Choose a file, or add a link to the folder.") from exc
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}. Check the file is not "
                              "open elsewhere and that you may read it.") from exc
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ValidationError(f"{path} is a folder. Choose a file, or add a link to the folder.")
        raise ValidationError(f"{path.name} is not an ordinary file (it is a device, a pipe or a "
                              "socket). Save the evidence as a file and attach that.")
    with os.fdopen(fd, "rb") as f:
        if info.st_size > MAX_FILE_BYTES:
            raise ValidationError(_too_big(path, f"{_mib(info.st_size)}"))
        try:
            content = f.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}. Check the file is not "
                                  "open elsewhere and that you may read it.") from exc
    if len(content) > MAX_FILE_BYTES:
        raise ValidationError(_too_big(path, f"over {_mib(MAX_FILE_BYTES)}"))
    if len(content) != info.st_size:
        raise ValidationError(f"{path.name} is not an ordinary saved file: it said it held {info.st_size} "
                              f"bytes and held {len(content)} (it changed while it was read, or the system "
                              "makes it up as it is read). Save a copy of it as a file and attach that.")
    if not content:
        raise ValidationError(f"{path.name} is empty (0 bytes). Choose the file that holds the evidence.")
    return content


def _too_big(path: Path, size: str) -> str:
    return (f"{path.name} is {size}; evidence files can be at most {_mib(MAX_FILE_BYTES)}. "
            "Attach a smaller file (a PDF of the key pages), or add a link to where the file is kept.")


def attach_file(store: Store, plan_id: int, ref: str, path: Path | str, *, title: str = "",
                by: str | None = None, session: Session | None = None) -> int:
    """Copy a file into the database as evidence for ``ref``."""
    path = Path(path)
    content = read_evidence_file(path)
    who = by or default_user()
    with transaction(store, session) as s:
        action = find_action(s, plan_id, ref)
        row = Evidence(action_id=id_of(action), title=title.strip() or path.name, filename=path.name,
                       content=content, size=len(content), added_by=who)
        s.add(row)
        s.flush()
        audit.record(s, plan_id, who, "evidence", action.ref, "file", None,
                     f"{row.title} ({path.name}, {_mib(len(content))})", "create")
        return id_of(row)


def attach_link(store: Store, plan_id: int, ref: str, link: str, *, title: str = "",
                by: str | None = None, session: Session | None = None) -> int:
    """Record where evidence is kept (a web address or a shared-drive path)."""
    link = (link or "").strip()
    if not link:
        raise ValidationError("Type the link or the folder path where the evidence is kept.")
    who = by or default_user()
    with transaction(store, session) as s:
        action = find_action(s, plan_id, ref)
        row = Evidence(action_id=id_of(action), title=title.strip() or link, link=link, added_by=who)
        s.add(row)
        s.flush()
        audit.record(s, plan_id, who, "evidence", action.ref, "link", None, f"{row.title} ({link})",
                     "create")
        return id_of(row)


def list_evidence(store: Store, plan_id: int, ref: str) -> list[EvidenceView]:
    """An item's evidence, without loading file contents."""
    with store.session() as s:
        action = find_action(s, plan_id, ref)
        # (SQLModel's select() is typed for up to four columns; seven are read here.)
        rows = s.exec(select(Evidence.id, Evidence.title, Evidence.filename, Evidence.size,  # type: ignore[call-overload]
                             Evidence.link, Evidence.added_by, Evidence.added_at, Evidence.version)
                      .where(Evidence.action_id == action.id).order_by(col(Evidence.id))).all()
        return [EvidenceView(int(r[0]), action.ref, r[1], r[2], int(r[3]), r[4], r[5], r[6], int(r[7] or 1))
                for r in rows]


def save_copy(store: Store, plan_id: int, evidence_id: int, target: Path | str) -> Path:
    """Write a stored evidence file out (to open it or send it on)."""
    with store.session() as s:
        row = s.get(Evidence, evidence_id)
        action = s.get(Action, row.action_id) if row is not None else None
        if row is None or action is None or action.plan_id != plan_id:
            raise NotFoundError(f"There is no evidence {evidence_id} in this plan.")
        if row.content is None:
            raise ValidationError(f"“{row.title}” is a link ({row.link}), not a stored file.")
        content = bytes(row.content)
    return atomic_write(Path(target), lambda tmp: tmp.write_bytes(content))


def remove_evidence(store: Store, plan_id: int, evidence_id: int, *, by: str | None = None,
                    seen: int | None = None) -> None:
    """Remove one piece of evidence (audited). ``seen`` is its version as listed: evidence someone else
    changed since is refused; evidence someone else removed says so."""
    with store.write() as s:
        row = s.get(Evidence, evidence_id)
        action = s.get(Action, row.action_id) if row is not None else None
        if row is None or action is None or action.plan_id != plan_id:
            if seen is not None:  # it was listed: someone removed it since
                raise NotFoundError("That evidence was removed by someone else since the list was shown: "
                                    "the list now shows what is kept.")
            raise NotFoundError(f"There is no evidence {evidence_id} in this plan.")
        claim(s, "evidence", evidence_id, seen, plan_id=plan_id, ref=action.ref, label=f"“{row.title}”")
        audit.record(s, plan_id, by or default_user(), "evidence", action.ref,
                     "link" if row.link else "file", row.title, None, "delete")
        s.delete(row)
