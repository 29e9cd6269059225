"""Table building blocks shared by the PDF reports: columns, rating cells, styling.

Each action group (the ``1.1`` heading row and its sub-actions) is its own
ReportLab Table with the same column widths, so the tables line up as one and
layout time grows in step with the plan (one giant table is re-measured on every
page break and grows worse than linearly). The column header is repeated at the
top of every page by ``SetTopFlowables``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from wsoa_desktop.domain.outline import StatusView
from wsoa_desktop.domain.rating_schemes import RatingScheme
from wsoa_desktop.domain.status_words import not_updated_text
from wsoa_desktop.reports.styles import (
    GROUP_FILL,
    HEADER_FILL,
    INK,
    RULE,
    Styles,
    hex_colour,
)
from wsoa_desktop.reports.text import HEADER_CHARS, markup, short


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: float | None = None  # points; None shares what is left
    share: float = 1.0  # of what is left, among flexible columns
    centred: bool = False


def ref_width(refs: Sequence[str], styles: Styles, least: float = 15 * mm) -> float:
    """A Ref column as wide as the longest reference on one line ("Peer Review 19", "SJC 1.2"),
    measured in the bold cell font with the cell's padding, and never narrower than ``least``.

    A named reference is a few words; wrapped at a fixed 15 mm it printed as "Peer /
    Review / 19", which reads as three things.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    style = styles.cell_bold
    widest = max((stringWidth(" ".join(r.split()), style.fontName, style.fontSize) for r in refs), default=0.0)
    return max(least, widest + 2 * 4 + 1.5)  # LEFTPADDING and RIGHTPADDING of BASE_STYLE, and a little air


def fit_widths(columns: Sequence[Column], total: float) -> list[float]:
    """Fixed widths as given; flexible columns share the rest by ``share``."""
    fixed = sum(c.width for c in columns if c.width is not None)
    shares = sum(c.share for c in columns if c.width is None) or 1.0
    left = max(total - fixed, 40 * mm)
    return [c.width if c.width is not None else left * c.share / shares for c in columns]


BASE_STYLE = [
    ("FONT", (0, 0), (-1, -1), "DejaVuSans", 8.5),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
]


def header_row(columns: Sequence[Column], styles: Styles) -> list[Paragraph]:
    return [Paragraph(markup(short(c.title, HEADER_CHARS)), styles.head_center if c.centred else styles.head)
            for c in columns]


def header_table(columns: Sequence[Column], widths: list[float], styles: Styles) -> Table:
    """The column header on its own, for the top of each continued page."""
    t = Table([header_row(columns, styles)], colWidths=widths)
    t.setStyle(TableStyle(BASE_STYLE + [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]))
    return t


class RatingCells:
    """Rating cells for one scheme: the name, in the scheme's text colour, on its fill."""

    def __init__(self, scheme: RatingScheme, styles: Styles) -> None:
        self.scheme = scheme
        self.styles = styles
        self._styles = {r.name: styles.rating(r.text_colour) for r in scheme.ratings}
        self._fills = {r.name: hex_colour(r.colour) for r in scheme.ratings}

    def cell(self, rating: str | None) -> tuple[Paragraph | str, colors.Color | None]:
        """(cell content, fill or None). Unknown text prints as typed, unfilled."""
        definition = self.scheme.match(rating)
        if definition is None:
            text = (rating or "").strip()
            return (Paragraph(markup(text), self.styles.cell_center) if text else ""), None
        return Paragraph(markup(definition.name), self._styles[definition.name]), self._fills[definition.name]

    def status_cell(self, status: StatusView | None) -> tuple[Paragraph | str, colors.Color | None]:
        """As :meth:`cell`, with "(not updated since …)" under a carried-forward rating."""
        content, fill = self.cell(status.rating if status else None)
        marker = not_updated_text(status)
        if marker and isinstance(content, Paragraph) and fill is not None:
            name = self.scheme.match(status.rating if status else None)
            assert name is not None
            content = Paragraph(f"{markup(name.name)}<br/><font name=\"DejaVuSans\">({markup(marker)})</font>",
                                self._styles[name.name])
        return content, fill


def group_style(row_fills: list[tuple[int, int, colors.Color]], heading_rows: Sequence[int],
                span_rows: Sequence[tuple[int, int, int]], has_header: bool) -> TableStyle:
    """Grid, the header band, pale action rows, spans and rating fills."""
    cmds: list[tuple] = list(BASE_STYLE)
    if has_header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
        cmds.append(("TEXTCOLOR", (0, 0), (-1, 0), colors.white))
    for r in heading_rows:
        cmds.append(("BACKGROUND", (0, r), (-1, r), GROUP_FILL))
    for r, c0, c1 in span_rows:
        cmds.append(("SPAN", (c0, r), (c1, r)))
    for r, c, fill in row_fills:
        # Top-aligned like the rest: a middle-aligned cell cannot split across pages.
        cmds.append(("BACKGROUND", (c, r), (c, r), fill))
    cmds.append(("TEXTCOLOR", (0, 1 if has_header else 0), (-1, -1), INK))
    return TableStyle(cmds)


@dataclass
class GroupRows:
    """Rows of one action group before they become tables, with their styling by row."""

    data: list[list]
    fills: list[tuple[int, int, colors.Color]]
    heading_rows: list[int]
    spans: list[tuple[int, int, int]]
    has_header: bool


class SplittingTable(Table):
    """A Table whose row taller than a page can always be split across pages.

    ReportLab splits a row inside itself only when both parts are at least
    ``splitInRow`` tall; when what would be left is shorter, it gives up, and at the
    top of a page that is a ``LayoutError`` (a 100,000-character update with many
    line breaks could not be printed). There, and only there, the page is ended a
    little sooner so the rest is tall enough. Elsewhere on a page the table still
    moves whole to the next page when ReportLab would move it.
    """

    def split(self, availWidth: float, availHeight: float) -> list:  # noqa: N803 (ReportLab's names)
        parts = super().split(availWidth, availHeight)
        if parts or not self.splitInRow:
            return parts
        page = getattr(getattr(self, "_frame", None), "_aH", availHeight)
        near_top = availHeight >= page - max(self.splitInRow, page / 4)  # only the repeated header above it
        if near_top and availHeight >= 2 * self.splitInRow:
            return super().split(availWidth, availHeight - self.splitInRow)
        return parts


def _part(rows: GroupRows, start: int, stop: int, widths: list[float], keep: int | None,
          split_in_row: float) -> Table:
    def inside(r: int) -> bool:
        return start <= r < stop

    table = SplittingTable(rows.data[start:stop], colWidths=widths, splitByRow=1, splitInRow=split_in_row)
    style = group_style([(r - start, c, f) for r, c, f in rows.fills if inside(r)],
                        [r - start for r in rows.heading_rows if inside(r)],
                        [(r - start, c0, c1) for r, c0, c1 in rows.spans if inside(r)],
                        rows.has_header and start == 0)
    if keep is not None and keep > 0:
        style.add("NOSPLIT", (0, 0), (-1, min(keep, stop - start - 1)))
    table.setStyle(style)
    return table


def group_tables(rows: GroupRows, widths: list[float], *, keep_first: int, keep_ok: bool,
                 split_in_row: float) -> list[Table]:
    """The group as tables, none with a repeating header row.

    When the group starts a priority (it carries the column header) it is cut
    after its first ``keep_first`` rows: the caller switches the page-top header
    on between the two parts, so a continued page gets exactly one header — a
    repeated header row inside a table would also print above a row split on
    the same page.
    """
    n = len(rows.data)
    keep = keep_first - 1 if keep_ok else None
    if not rows.has_header or n <= keep_first:
        return [_part(rows, 0, n, widths, keep, split_in_row)]
    return [_part(rows, 0, keep_first, widths, keep, split_in_row),
            _part(rows, keep_first, n, widths, None, split_in_row)]
