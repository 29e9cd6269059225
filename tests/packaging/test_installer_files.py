"""The files the installer is built from: the Windows version resource and the app icon."""

from __future__ import annotations

import runpy
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from wsoa_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
windows_version = runpy.run_path(str(ROOT / "packaging" / "windows_version.py"))


def test_version_resource_says_the_package_version(tmp_path: Path) -> None:
    path = windows_version["write_version_file"](tmp_path, __version__, "WSOA Desktop", "WSOA Desktop")
    info = windows_version["read_version_info_text"](path.read_text(encoding="utf-8"))
    numbers = tuple(int(n) for n in __version__.split(".")) + (0,)
    assert info["filevers"] == info["prodvers"] == numbers
    assert info["strings"]["ProductVersion"] == __version__
    assert info["strings"]["FileVersion"] == ".".join(map(str, numbers))
    assert info["strings"]["OriginalFilename"] == "WSOA Desktop.exe"
    assert info["strings"]["ProductName"] == "WSOA Desktop"
    assert info["translation"] == [0x0809, 1200]  # English (United Kingdom), Unicode


@pytest.mark.parametrize(("text", "numbers"), [("1.2", (1, 2, 0, 0)), ("2.0.1rc1", (2, 0, 1, 0)),
                                               ("3.4.5.6.7", (3, 4, 5, 6)), ("0.1.0.dev3", (0, 1, 0, 0))])
def test_version_numbers_for_windows(text: str, numbers: tuple[int, ...]) -> None:
    assert windows_version["version_tuple"](text) == numbers


def test_a_version_without_numbers_is_refused() -> None:
    with pytest.raises(ValueError):
        windows_version["version_tuple"]("unknown")


def test_the_ico_holds_every_size_windows_asks_for() -> None:
    data = (ICONS / "wsoa-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1) and count == 7
    sizes = set()
    for i in range(count):
        width, height, _colours, _r, _planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data,
                                                                                      6 + 16 * i)
        assert width == height and bits == 32
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(data)
        sizes.add(width or 256)
    assert sizes == {16, 24, 32, 48, 64, 128, 256}


def test_the_png_and_svg_draw_the_icon(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(ICONS / "wsoa-desktop.png"))
    assert (image.width(), image.height()) == (256, 256)
    assert image.pixelColor(0, 0).alpha() == 0  # transparent corners
    # The first bar is the app's Blue, as the ratings show it.
    from wsoa_desktop.domain.rating_schemes import WSOA_BRAG

    blue = QColor(WSOA_BRAG.match("Blue").colour)  # type: ignore[union-attr]
    assert image.pixelColor(128, 72).rgb() == blue.rgb()
    root = ET.parse(ICONS / "wsoa-desktop.svg").getroot()
    assert root.tag.endswith("svg")
