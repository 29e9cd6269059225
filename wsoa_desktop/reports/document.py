"""The page every report prints on: A4, margins, footer, "Page X of Y", metadata.

The footer names the plan and the period and the date printed, so a page that
comes loose from the agenda pack still says what it is. Page totals need the
whole document laid out first, so the canvas keeps each page's state and draws
the footers when the document is saved (one layout pass, not two).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from wsoa_desktop.reports.styles import FONT, MARGIN, MUTED, RULE, page_size, register_fonts

FOOTER_HEIGHT = 12  # points below the frame for the footer text
LANGUAGE = "en-GB"


@dataclass(frozen=True)
class PageInfo:
    """What the footer and the PDF's properties say."""

    title: str  # the document title (metadata)
    plan_title: str
    period_label: str
    subject: str
    author: str
    printed_on: date
    landscape: bool = True


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten ``text`` with an ellipsis so the footer never overlaps itself."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def numbered_canvas_class(info: PageInfo) -> type[rl_canvas.Canvas]:
    """A canvas that draws each page's footer with the total page count."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = self._pagesize
            y = MARGIN - FOOTER_HEIGHT
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, y + 10, width - MARGIN, y + 10)
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            page_text = f"Page {self._pageNumber} of {total}"
            printed = f"Printed {long_date(info.printed_on)}"
            usable = width - 2 * MARGIN
            left = info.plan_title + (f" – {info.period_label}" if info.period_label else "")
            self.drawString(MARGIN, y, _fit(left, FONT, 7.5, usable * 0.58))
            self.drawCentredString(MARGIN + usable * 0.74, y, printed)
            self.drawRightString(width - MARGIN, y, page_text)
            self.restoreState()

    return NumberedCanvas


class ReportDocument(BaseDocTemplate):
    """A4 with one frame and our footer; properties set for screen readers."""

    def __init__(self, path: Path | str, info: PageInfo) -> None:
        register_fonts()
        size = page_size(info.landscape)
        super().__init__(
            str(path), pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
            bottomMargin=MARGIN + FOOTER_HEIGHT, title=info.title, author=info.author,
            subject=info.subject, creator="WSOA Desktop", lang=LANGUAGE, displayDocTitle=1,
            initialFontName=FONT,
        )
        self.info = info
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def write(self, story: list) -> None:
        self.build(story, canvasmaker=numbered_canvas_class(self.info))
