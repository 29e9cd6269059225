"""The page every report prints on: A4, margins, footer, "Page X of Y", metadata.

The footer names the plan and the period and the date printed, so a page that
comes loose from the agenda pack still says what it is; a published version's
pages also say which version, when and by whom it was published. Page totals need the
whole document laid out first, so the canvas keeps each page's state and draws
the footers when the document is saved (one layout pass, not two).

A long report is laid out as it is made: the big parts of a story are
:class:`Deferred` and built only when the layout reaches them, so page 1 of a
5,000-row appendix exists in under a second instead of after every table is
built. A caller can follow the layout page by page with :func:`watching` (the
app's preview shows the first pages early, and its Cancel stops a report
between pages).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.flowables import NullDraw

from wsoa_desktop.reports.styles import FONT, MARGIN, MUTED, RULE, page_size, register_fonts
from wsoa_desktop.reports.text import draw_runs, printable

FOOTER_HEIGHT = 12  # points below the frame for the footer text
STAMP_DROP = 9  # a published version's stamp: one line below the footer
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
    #: "Version 3, published 14 July 2022 by J Smith" on every page of a published version.
    version_stamp: str = ""


@dataclass(frozen=True)
class LayoutWatch:
    """Who follows a report's layout, in the thread that writes it.

    ``on_page(n)`` is called as page ``n`` is finished; it may raise (a Cancel) to stop
    the report, and then no file is left (the writers are atomic). With ``first_pages``
    the document stops after that many pages and saves only those, footed
    "Page 1 of …": a quick first look at a long report while the whole is made.
    """

    on_page: Callable[[int], None] | None = None
    first_pages: int = 0


_WATCH: ContextVar[LayoutWatch | None] = ContextVar("wsoa_report_layout_watch", default=None)


@contextmanager
def watching(watch: LayoutWatch) -> Iterator[None]:
    """Follow every report written in this thread inside the ``with`` (other threads are unaffected)."""
    token = _WATCH.set(watch)
    try:
        yield
    finally:
        _WATCH.reset(token)


class _FirstPagesDone(Exception):
    """The watched document has its first pages: stop the layout and save them."""


class Deferred(Flowable):
    """A part of the story built only when the layout reaches it (the same pages as building it first)."""

    def __init__(self, make: Callable[[], list[Flowable]]) -> None:
        super().__init__()
        self.make = make

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0  # never laid out itself: the document expands it first

    def draw(self) -> None:
        pass


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@lru_cache(maxsize=64)
def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten ``text`` with an ellipsis so the footer never overlaps itself (the same on every page)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = text[:int(width / (0.05 * size)) + 1]  # far more than fits (a letter is wider than 1/20 em)
    if stringWidth(text, font, size) <= width:
        return text
    # The longest prefix that fits with its ellipsis, found by halving (a plan title can be
    # 100,000 characters; taking one off at a time measured it 100,000 times).
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


def numbered_canvas_class(info: PageInfo) -> type[rl_canvas.Canvas]:
    """A canvas that draws each page's footer with the total page count."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self.first_pages_only = False

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = None if self.first_pages_only else len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int | None) -> None:
            width, _ = self._pagesize
            y = MARGIN - FOOTER_HEIGHT
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, y + 10, width - MARGIN, y + 10)
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            page_text = f"Page {self._pageNumber} of {'…' if total is None else total}"
            printed = f"Printed {long_date(info.printed_on)}"
            usable = width - 2 * MARGIN
            left = printable(info.plan_title + (f" · ratings for {info.period_label}" if info.period_label else ""))
            draw_runs(self, MARGIN, y, _fit(left, FONT, 7.5, usable * 0.58), FONT, 7.5)  # emoji too
            self.drawCentredString(MARGIN + usable * 0.74, y, printed)
            self.drawRightString(width - MARGIN, y, page_text)
            if info.version_stamp:
                draw_runs(self, MARGIN, y - STAMP_DROP, _fit(info.version_stamp, FONT, 7.5, usable), FONT, 7.5)
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
        try:
            self.build(story, canvasmaker=numbered_canvas_class(self.info))
        except _FirstPagesDone:
            self.canv.showPage()  # the page just finished
            self.canv.first_pages_only = True
            self.canv.save()

    def filterFlowables(self, flowables: list) -> None:  # noqa: N802 (ReportLab's name)
        """Build the deferred parts the layout is about to reach (keep-with-next looks ahead)."""
        i = 0
        while i < len(flowables):
            f = flowables[i]
            if isinstance(f, Deferred):
                flowables[i:i + 1] = f.make() or [NullDraw()]
                continue
            if not isinstance(f, Flowable) or not f.getKeepWithNext():
                break
            i += 1

    def afterPage(self) -> None:  # noqa: N802 (ReportLab's name)
        watch = _WATCH.get()
        if watch is None:
            return
        if watch.on_page is not None:
            watch.on_page(self.page)
        if watch.first_pages and self.page >= watch.first_pages:
            raise _FirstPagesDone
