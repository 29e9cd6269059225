"""Draw the app icon: a clipboard holding four BRAG bars (Blue, Green, Amber, Red).

Run ``python packaging/make_icon.py`` after changing the drawing; it writes
``resources/icons/wsoa-desktop.svg``, ``.png`` (256 px, the window icon) and ``.ico``
(16-256 px, the Windows executable icon). The outputs are committed, so a build needs
only PySide6, which the app already depends on. Each size is drawn afresh rather than
scaled, so the 16 px icon stays crisp.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402
from PySide6.QtSvg import QSvgGenerator  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from wsoa_desktop.domain.rating_schemes import WSOA_BRAG  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: The bars, top to bottom, and their lengths (share of the paper's width); the colours are the
#: app's own rating colours, read from the WSOA BRAG scheme.
BARS = (("Blue", 0.95), ("Green", 0.8), ("Amber", 0.62), ("Red", 0.42))


def draw(painter: QPainter, size: float) -> None:
    """Draw the icon into a ``size`` x ``size`` square (units are pixels at that size)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    u = size / 32.0  # the drawing is designed on a 32-unit grid
    board = QRectF(4 * u, 3 * u, 24 * u, 28 * u)
    path = QPainterPath()
    path.addRoundedRect(board, 3 * u, 3 * u)
    painter.fillPath(path, QColor("#8d6e4a"))
    paper = board.adjusted(2.5 * u, 3.5 * u, -2.5 * u, -2.5 * u)
    painter.fillRect(paper, QColor("#ffffff"))
    # The clip: a dark bar across the top of the board with a rounded tab.
    clip = QPainterPath()
    clip.addRoundedRect(QRectF(10 * u, 1 * u, 12 * u, 5.5 * u), 1.5 * u, 1.5 * u)
    painter.fillPath(clip, QColor("#4a4f57"))
    painter.fillRect(QRectF(14 * u, 2.2 * u, 4 * u, 1.6 * u), QColor("#8d6e4a"))
    # Four rating bars with a thin outline, so they read on light and dark backgrounds.
    bar_h = 3.6 * u
    gap = (paper.height() - 2 * u - 4 * bar_h) / 3
    left = paper.left() + 2 * u
    width = paper.width() - 4 * u
    pen = QPen(QColor(0, 0, 0, 60))
    pen.setWidthF(max(0.5, 0.25 * u))
    for i, (rating, share) in enumerate(BARS):
        colour = WSOA_BRAG.match(rating).colour  # type: ignore[union-attr]
        top = paper.top() + 1 * u + i * (bar_h + gap)
        rect = QRectF(left, top, width * share, bar_h)
        painter.setPen(pen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(rect, 0.8 * u, 0.8 * u)


def render_png(size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    draw(painter, size)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_file(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (supported since Windows Vista): header, directory, data."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    directory, payload = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(payload))
        payload += png
    return header + directory + payload


def write_svg(path: Path) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(256, 256))
    generator.setViewBox(QRectF(0, 0, 256, 256))
    generator.setTitle("WSOA Desktop")
    generator.setDescription("A clipboard holding four BRAG bars")
    painter = QPainter(generator)
    draw(painter, 256)
    painter.end()


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    pngs = {size: render_png(size) for size in ICO_SIZES}
    (ICONS / "wsoa-desktop.png").write_bytes(pngs[256])
    (ICONS / "wsoa-desktop.ico").write_bytes(ico_file(pngs))
    write_svg(ICONS / "wsoa-desktop.svg")
    for name in ("wsoa-desktop.svg", "wsoa-desktop.png", "wsoa-desktop.ico"):
        print(f"wrote {ICONS / name} ({(ICONS / name).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
