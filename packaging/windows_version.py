"""Windows version information for the executables, written at build time from the package version.

Explorer's Properties ▸ Details, software inventories and IT's deployment tools read
this resource to tell which release is installed. ``installer.spec`` calls
:func:`write_version_file` for each executable; PyInstaller reads the file (a
``VSVersionInfo(...)`` expression in its own format) and embeds it. On other systems
the file is written and checked but not embedded. Kept free of PyInstaller imports
so the tests can check it without the build tools.
"""

from __future__ import annotations

import re
from pathlib import Path

COMPANY = "WSOA Desktop contributors"
PRODUCT = "WSOA Desktop"
COPYRIGHT = "MIT licence; see README.md"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``"0.1.0"`` -> ``(0, 1, 0, 0)``; a suffix such as ``rc1`` or ``.dev3`` is left out."""
    match = re.match(r"^\s*(\d+(?:\.\d+){0,3})", version)
    if match is None:
        raise ValueError(f"not a version number: {version!r}")
    parts = [int(p) for p in match.group(1).split(".")]
    return tuple((parts + [0, 0, 0])[:4])  # type: ignore[return-value]


def version_info_text(version: str, exe_name: str, description: str) -> str:
    """The resource as PyInstaller's version-file text, for ``<exe_name>.exe``."""
    numbers = version_tuple(version)
    dotted = ".".join(str(n) for n in numbers)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": description,
        "FileVersion": dotted,
        "InternalName": exe_name,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# Windows version resource for {exe_name}.exe, written by packaging/windows_version.py.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '080904B0',
        [
{table}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0809, 1200])])
  ]
)
"""


def read_version_info_text(text: str) -> dict[str, object]:
    """What a version file says, read the way PyInstaller reads it (an expression of its classes).

    PyInstaller's own reader imports Windows-only modules, so this stands its classes in with
    recorders: returns ``{"filevers": …, "prodvers": …, "strings": {name: value}, "translation": …}``.
    """
    def record(kind: str):  # type: ignore[no-untyped-def]
        return lambda *args, **kwargs: {"kind": kind, "args": args, **kwargs}

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    info = eval(text, {"__builtins__": {}}, {n: record(n) for n in names})  # noqa: S307 - our own file
    strings = {s["args"][0]: s["args"][1] for table in info["kids"][0]["args"][0]
               for s in table["args"][1]}
    return {"filevers": info["ffi"]["filevers"], "prodvers": info["ffi"]["prodvers"], "strings": strings,
            "translation": info["kids"][1]["args"][0][0]["args"][1]}


def write_version_file(folder: Path, version: str, exe_name: str, description: str) -> Path:
    """Write the resource text for ``exe_name`` into ``folder``; returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"version-{exe_name.replace(' ', '-')}.txt"
    path.write_text(version_info_text(version, exe_name, description), encoding="utf-8")
    return path
