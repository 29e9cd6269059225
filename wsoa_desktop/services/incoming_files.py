"""Files from outside (a plan to import, a returned lead form): checked before and while they are read.

A file an officer is sent may be damaged in an email, cut short on a USB stick,
saved by another program, or made to hurt. Whatever it is, reading it ends in one
of two ways: the rows it holds, or a :class:`ValidationError` whose message says
what is wrong and what to do. Never a traceback, never a reader that runs for
minutes or fills the memory, and never part of a file.

The limits, each said in the message that enforces it:

- the file on disk is at most :data:`MAX_FILE_BYTES` (a 5,000-row plan saved as
  ``.xlsx`` is about 0.4 MB, as ``.csv`` 1.7 MB; a Word WSOA with its logos a few MB);
- an ``.xlsx`` or ``.docx`` (a zip of XML files) unpacks to at most
  :data:`MAX_UNPACKED_BYTES`, and no part of it unpacks to more than
  :data:`MAX_RATIO` times its packed size once past a megabyte: a *zip bomb* (a
  small file whose sheet unpacks to gigabytes) is refused before anything is
  unpacked. The sizes a zip declares are the ones the reader is held to (Python's
  zip reader stops at the declared size and checks the CRC), so they can be trusted;
- no part declares a document type (``<!DOCTYPE``): Office never writes one, and
  it is how *XML external entities* (a cell that pulls in a file from this
  computer) and entity bombs are made. The XML readers do not resolve external
  entities either (``tests/reliability`` proves it); this refuses them plainly;
- at most :data:`MAX_ROWS` rows (four times the largest plan we benchmark), read
  from at most :data:`MAX_COLUMNS` columns;
- a cell holds at most :data:`MAX_CELL_CHARS` characters, as in Excel;
- a WSOA Desktop plan file (``.json``, for ``import`` and for ratings) is at most
  :data:`MAX_PLAN_FILE_BYTES` (it carries its evidence files), and must be JSON
  nested no deeper than a plan is: :func:`read_plan_json`.

Anything the underlying readers raise on a damaged file (``zlib.error``,
``BadZipFile``, ``KeyError`` for a missing part, XML syntax errors, lxml's "Text node
too long", a bad date serial…) is turned into "damaged or not a … file" at the
reader's boundary by :func:`damaged`.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from wsoa_desktop.domain.errors import ValidationError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_ROWS = 20_000
MAX_COLUMNS = 100
MAX_CELL_CHARS = 32_767
#: A plan file carries its evidence files (each at most 20 MB) as base64, so it may be larger.
MAX_PLAN_FILE_BYTES = 256 * 1024 * 1024
#: How much of each XML part is read to look for a document type declaration.
PROLOG_BYTES = 4096
#: What a damaged or hand-edited plan file makes a reader of its document raise (a value of the
#: wrong type, a missing entry, a date that is not one): the file is refused with :func:`damaged`.
PLAN_FILE_DAMAGE = (KeyError, TypeError, AttributeError, ValueError, IndexError, RecursionError, OverflowError)


@dataclass(frozen=True)
class FileKind:
    """What a file should be, in the officer's words."""

    suffix: str
    name: str  # "Excel workbook"
    program: str  # "Excel"


XLSX = FileKind(".xlsx", "Excel workbook", "Excel")
DOCX = FileKind(".docx", "Word document", "Word")
CSV = FileKind(".csv", "CSV file", "Excel")
PLAN_FILE = FileKind(".json", "WSOA Desktop plan file", "WSOA Desktop")
KINDS = {k.suffix: k for k in (XLSX, DOCX, CSV)}


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB" if n >= 2**20 else f"{n / 1024:,.0f} KB"


def _save_again(kind: FileKind) -> str:
    if kind is PLAN_FILE:
        return "Export the plan again from WSOA Desktop and import that copy."
    return f"Open it in {kind.program}, save it again as {kind.suffix} and import that copy."


def check_file(path: Path, kind: FileKind) -> None:
    """An ordinary file no bigger than :data:`MAX_FILE_BYTES`; for a zip, see :func:`check_package`."""
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise ValidationError(f"There is no file at {path}. Check the name.") from exc
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if not stat.S_ISREG(info.st_mode):
        raise ValidationError(f"{path.name} is not an ordinary file (a folder, device or pipe). Choose the "
                              f"{kind.name} itself.")
    if kind is PLAN_FILE and info.st_size > MAX_PLAN_FILE_BYTES:
        raise ValidationError(f"{path.name} is {_mb(info.st_size)}; a plan file to import can be at most "
                              f"{_mb(MAX_PLAN_FILE_BYTES)}. Remove large evidence files from the plan, "
                              "export it again and import that copy.")
    if kind is not PLAN_FILE and info.st_size > MAX_FILE_BYTES:
        raise ValidationError(f"{path.name} is {_mb(info.st_size)}; a file to import can be at most "
                              f"{_mb(MAX_FILE_BYTES)}. Remove pictures or other sheets, or split the plan, "
                              "and try again.")
    if kind.suffix in (".xlsx", ".docx"):
        check_package(path, kind)


def check_package(path: Path, kind: FileKind) -> None:
    """Refuse a damaged zip, a zip bomb, or XML that declares a document type, before it is read."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_UNPACKED_BYTES:
                raise ValidationError(
                    f"{path.name} unpacks to {_mb(total)}; a {kind.name} to import can unpack to at most "
                    f"{_mb(MAX_UNPACKED_BYTES)}. Remove pictures or other sheets, or split the plan.")
            for i in infos:
                if i.file_size > 2**20 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                    raise ValidationError(
                        f"{path.name} is not an ordinary {kind.name}: its part {i.filename} unpacks from "
                        f"{_mb(i.compress_size)} to {_mb(i.file_size)}, far more than a plan's text would "
                        f"(a “zip bomb”). {_save_again(kind)}")
            for i in infos:
                if i.filename.lower().endswith((".xml", ".rels", ".vml")):
                    with z.open(i) as part:
                        _check_prolog(part.read(PROLOG_BYTES), path, i.filename, kind)
    except ValidationError:
        raise
    except Exception as exc:  # BadZipFile, zlib.error, a truncated central directory, …
        raise damaged(path, kind, exc) from exc


def read_plan_json(path: Path) -> object:
    """The JSON value a plan file holds, or a plain :class:`ValidationError` (size, damage, nesting).

    Python's JSON reader recurses once per level of nesting: a file of a hundred thousand
    ``[`` would end in ``RecursionError``; a plan is a few levels deep, so that is damage.
    """
    path = Path(path)
    check_file(path, PLAN_FILE)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    try:
        return json.loads(data.decode("utf-8-sig"))  # a byte-order mark from a text editor is no damage
    except (ValueError, RecursionError, MemoryError) as exc:  # JSONDecodeError, UnicodeDecodeError, …
        raise damaged(path, PLAN_FILE, exc) from exc


def _check_prolog(head: bytes, path: Path, part: str, kind: FileKind) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    upper = text.upper()
    if "<!DOCTYPE" in upper or "<!ENTITY" in upper:
        raise ValidationError(
            f"{path.name} is not an ordinary {kind.name}: its part {part} declares a document type "
            f"(<!DOCTYPE>), which {kind.program} never writes and which can pull other files from this "
            f"computer into the import. Nothing was read. {_save_again(kind)}")


def damaged(path: Path, kind: FileKind, exc: BaseException) -> ValidationError:
    """The one message for a file a reader could not make sense of, with the reader's reason."""
    # The officer reads the reason; whoever looks into it later has the whole story in the log.
    logging.getLogger(__name__).info("%s could not be read as a %s", path, kind.name, exc_info=exc)
    reason = " ".join(str(exc).split()) or exc.__class__.__name__
    if "text node too long" in reason.lower() or isinstance(exc, MemoryError):
        return ValidationError(
            f"{path.name} holds a text far longer than a cell can hold (at most {MAX_CELL_CHARS:,} "
            f"characters). Shorten it in {kind.program}, save the file again and import that copy.")
    if len(reason) > 160:
        reason = reason[:159] + "…"
    return ValidationError(f"{path.name} is damaged or is not a readable {kind.name} ({kind.suffix}): "
                           f"{reason}. {_save_again(kind)}")


def damaged_plan_file(path: Path, exc: BaseException, *, nothing_was: str = "imported") -> ValidationError:
    """The plain refusal of a plan file whose document a reader could not make sense of (it is JSON,
    but not as the app wrote it: an entry missing, a value of the wrong type, one entry twice)."""
    from sqlalchemy.exc import IntegrityError

    if isinstance(exc, IntegrityError):
        what = "it holds one entry twice"
    elif isinstance(exc, KeyError):
        what = f"an entry lacks {exc}"
    else:
        what = " ".join(str(exc).split())[:120] or type(exc).__name__
    return ValidationError(f"{path.name} is incomplete or damaged ({what}), so nothing was {nothing_was}. "
                           "Export the plan again from WSOA Desktop.")


def too_many_rows(path: Path, what: str = "rows") -> ValidationError:
    return ValidationError(f"{path.name} has more than {MAX_ROWS:,} {what}; a plan to import can have at most "
                           f"{MAX_ROWS:,}. Remove empty or extra rows (or split the plan) and try again.")


def too_long(n: int, what: str) -> str:
    """The problem for a text over :data:`MAX_CELL_CHARS` (``what``: "The Lead cell"; the caller says where)."""
    return (f"{what} holds {n:,} characters; a cell can hold at most {MAX_CELL_CHARS:,} (as in Excel). "
            "Shorten it and import again.")
