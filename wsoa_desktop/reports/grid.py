"""Ruled tables for long reports, laid out in one pass: the BRAG appendix's tables.

A plan of 5,000 sub-actions prints about 800 pages. ReportLab's ``Table`` of
``Paragraph`` cells parses each cell as markup and measures it three times
(height, split, draw); here a cell is plain text in one of two fonts, wrapped
once with word widths that are measured once per word, and a whole priority is
one flowable that splits itself page by page. The officer's text is never read
as markup (there is none), so ``&``, ``<b>`` and quotes print exactly as typed.

What the layout promises:

- a heading (a title row, the column header, an action's row) is never the last
  line on a page: it moves to the next page with the row that follows it;
- the column header is repeated at the top of every page a table runs onto;
- an ordinary row is never split; a row taller than ``min_split`` on both sides
  of the page break (a very long progress update) is split between lines;
- colour is never alone: a rating cell holds the rating's name on its fill, and the part
  of a split row carried onto the next page names it again ("Amber (continued)").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from math import floor

from reportlab.lib import colors
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

from wsoa_desktop.reports.styles import (
    FONT,
    FONT_BOLD,
    GROUP_FILL,
    HEADER_FILL,
    HEADER_TEXT,
    INK,
    RULE,
)
from wsoa_desktop.reports.text import font_runs, font_words, printable

CELL_SIZE = 8.5
CELL_LEADING = CELL_SIZE * 1.25
PAD_X = 4.0
PAD_TOP = 3.0
PAD_BOTTOM = 3.5
#: Baseline of a cell's first line below the cell's top padding.
FIRST_BASELINE = CELL_SIZE * 0.93
RULE_WIDTH = 0.4

ITEM, HEADER, GROUP, TITLE, NOTE = "item", "header", "group", "title", "note"
#: Rows a page may end with (a heading never ends a page).
ENDS_PAGE = (ITEM, NOTE)


@dataclass(frozen=True)
class Text:
    """One paragraph of a cell: plain text in one font, optionally after a bold label."""

    text: str
    font: str = FONT
    colour: colors.Color = INK
    label: str = ""  # printed in bold before the text ("Reason:")


@dataclass
class Cell:
    paras: list[Text] = field(default_factory=list)
    fill: colors.Color | None = None
    centred: bool = False


def continued(name: str) -> str:
    """A rating's name on the part of a row that a page break carried over: "Amber (continued)"."""
    return f"{name} (continued)"


def cell(text: str, font: str = FONT, *, colour: colors.Color = INK, fill: colors.Color | None = None,
         centred: bool = False) -> Cell:
    return Cell([Text(text, font, colour)] if text else [], fill, centred)


@dataclass(frozen=True)
class TitleStyle:
    font: str
    size: float
    leading: float
    colour: colors.Color
    space_before: float
    space_after: float


H1 = TitleStyle(FONT_BOLD, 12.5, 16.0, HEADER_FILL, 10.0, 5.0)
H2 = TitleStyle(FONT_BOLD, 10.5, 13.5, INK, 8.0, 4.0)

#: A wrapped line: its pieces (text, font, offset from the line's start), its width and colour.
Line = tuple[tuple[tuple[str, str, float], ...], float, colors.Color]


class Measure:
    """Word widths at one size, each measured once; wrapping of text into lines."""

    def __init__(self, size: float = CELL_SIZE) -> None:
        self.size = size
        self._widths: dict[str, dict[str, float]] = {}
        self._wrapped: dict[tuple, list[Line]] = {}

    def _table(self, font: str) -> dict[str, float]:
        table = self._widths.get(font)
        if table is None:
            table = self._widths[font] = {}
        return table

    def width(self, word: str, font: str) -> float:
        table = self._table(font)
        w = table.get(word)
        if w is None:
            w = table[word] = stringWidth(word, font, self.size)
        return w

    def longest_word(self, text: str, font: str) -> float:
        return max((self.width(w, font) for w in text.split()), default=0.0)

    def line_width(self, text: str, font: str) -> float:
        """Width of the text set on one line (spaces collapsed, as it prints)."""
        words = text.split()
        if not words:
            return 0.0
        return sum(self.width(w, font) for w in words) + self.width(" ", font) * (len(words) - 1)

    def wrap(self, para: Text, width: float) -> list[Line]:
        """Greedy line breaking; typed line breaks kept; a word wider than the line is cut."""
        key = (para, width)
        found = self._wrapped.get(key)
        if found is not None:
            return found
        lines: list[Line] = []
        colour = para.colour
        first = True
        for chunk in printable(para.text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            runs = font_runs(chunk)
            if len(runs) > 1 or runs[0][1] is not None:  # emoji or symbols: set in the fallback font
                mixed = font_words(chunk, para.font)
                if first and para.label:
                    mixed = [[(w, FONT_BOLD)] for w in f"{para.label}:".split()] + mixed
                lines.extend(self._wrap_mixed(mixed, width, colour))
                first = False
                continue
            words = runs[0][0].split()  # (with a stand-in for a character no font draws)
            if first and para.label:
                tokens = [(w, FONT_BOLD) for w in f"{para.label}:".split()] + [(w, para.font) for w in words]
                lines.extend(self._wrap_tokens(tokens, width, colour))
            else:
                lines.extend(self._wrap_plain(words, para.font, width, colour))
            first = False
        if len(para.text) < 60:  # short texts (targets, leads, ratings) repeat: keep them
            self._wrapped[key] = lines
        return lines

    def _wrap_plain(self, words: list[str], font: str, width: float, colour: colors.Color) -> list[Line]:
        """The common case: one font, no word wider than the line."""
        if not words:
            return [((), 0.0, colour)]
        table = self._table(font)
        size = self.size
        ws = []
        for w in words:
            ww = table.get(w)
            if ww is None:
                ww = table[w] = stringWidth(w, font, size)
            if ww > width:
                return self._wrap_tokens([(w, font) for w in words], width, colour)
            ws.append(ww)
        space = self.width(" ", font)
        out: list[Line] = []
        start = 0
        cur = ws[0]
        for i in range(1, len(ws)):
            nxt = cur + space + ws[i]
            if nxt > width:
                piece = (" ".join(words[start:i]), font, 0.0)
                out.append(((piece,), cur, colour))
                start, cur = i, ws[i]
            else:
                cur = nxt
        piece = (" ".join(words[start:]), font, 0.0)
        out.append(((piece,), cur, colour))
        return out

    def _wrap_tokens(self, tokens: list[tuple[str, str]], width: float, colour: colors.Color) -> list[Line]:
        if not tokens:
            return [((), 0.0, colour)]
        out: list[Line] = []
        cur: list[tuple[str, str]] = []
        cur_w = 0.0
        for word, font in tokens:
            ww = self.width(word, font)
            if ww > width:  # a reference list or a web address: cut it at the column edge
                if cur:
                    out.append(self._line(cur, cur_w, colour))
                    cur, cur_w = [], 0.0
                pieces = self._cut(word, font, width)
                for piece in pieces[:-1]:
                    out.append(self._line([(piece, font)], self.width(piece, font), colour))
                word = pieces[-1]
                ww = self.width(word, font)
            add = ww + (self.width(" ", cur[-1][1]) if cur else 0.0)
            if cur and cur_w + add > width:
                out.append(self._line(cur, cur_w, colour))
                cur, cur_w = [(word, font)], ww
            else:
                cur.append((word, font))
                cur_w += add
        if cur:
            out.append(self._line(cur, cur_w, colour))
        return out

    def _wrap_mixed(self, words: list[list[tuple[str, str]]], width: float, colour: colors.Color) -> list[Line]:
        """Lines of words whose pieces are in several fonts (text with emoji or symbols)."""
        if not words:
            return [((), 0.0, colour)]
        out: list[Line] = []
        pieces: list[tuple[str, str, float]] = []
        x = 0.0
        for word in words:
            ww = sum(self.width(piece, font) for piece, font in word)
            space = self.width(" ", pieces[-1][1]) if pieces else 0.0
            if pieces and x + space + ww > width:
                out.append((tuple(pieces), x, colour))
                pieces, x, space = [], 0.0, 0.0
            if ww > width:  # wider than the line (it starts one): cut it between characters
                joined = False
                for piece, font in word:
                    for ch in piece:
                        cw = stringWidth(ch, font, self.size)
                        if pieces and x + cw > width:
                            out.append((tuple(pieces), x, colour))
                            pieces, x, joined = [], 0.0, False
                        if joined and pieces[-1][1] == font:
                            pieces[-1] = (pieces[-1][0] + ch, font, pieces[-1][2])
                        else:
                            pieces.append((ch, font, x))
                            joined = True
                        x += cw
                continue
            x += space
            for piece, font in word:
                pieces.append((piece, font, x))
                x += self.width(piece, font)
        if pieces:
            out.append((tuple(pieces), x, colour))
        return out

    def _cut(self, word: str, font: str, width: float) -> list[str]:
        pieces: list[str] = []
        start = 0
        while start < len(word):
            end = start + 1
            while end < len(word) and stringWidth(word[start:end + 1], font, self.size) <= width:
                end += 1
            pieces.append(word[start:end])
            start = end
        return pieces

    def _line(self, words: list[tuple[str, str]], width: float, colour: colors.Color) -> Line:
        """Words → pieces of one font each, with where each piece starts."""
        pieces: list[tuple[str, str, float]] = []
        run: list[str] = []
        font = words[0][1]
        x = 0.0
        for word, f in words:
            if f != font:
                text = " ".join(run)
                pieces.append((text, font, x))
                x += self.line_width(text, font) + self.width(" ", font)
                run, font = [], f
            run.append(word)
        pieces.append((" ".join(run), font, x))
        return tuple(pieces), width, colour


@dataclass
class Row:
    """One row: ``item`` (ruled cells), ``header`` (the column header), ``group`` (an action's
    heading: its ref, then its text across the other columns), ``note`` (shaped like a group,
    but plain text that may end a page) or ``title`` (a heading above the table, across the
    full width, no rules)."""

    kind: str
    cells: list[Cell]
    style: TitleStyle | None = None  # titles only
    lines: list[list[Line]] | None = None  # per cell, once laid out
    height: float = 0.0

    def spans(self, n_columns: int) -> list[tuple[int, int]]:
        """(first column, last column) of each cell."""
        if self.kind == TITLE:
            return [(0, n_columns - 1)]
        if self.kind in (GROUP, NOTE):
            return [(0, 0), (1, n_columns - 1)]
        return [(i, i) for i in range(n_columns)]


class Grid(Flowable):
    """A table (or a priority's tables) that lays itself out once and splits between pages."""

    def __init__(self, rows: Sequence[Row], widths: Sequence[float], measure: Measure, *,
                 repeat: Sequence[Row] = (), min_split: float = 60.0, page_height: float = 0.0,
                 _height: float | None = None) -> None:
        super().__init__()
        self.rows = list(rows)
        self.widths = list(widths)
        self.measure = measure
        self.repeat = list(repeat)
        self.min_split = min_split
        self.page_height = page_height
        self._edges = [0.0]
        for w in self.widths:
            self._edges.append(self._edges[-1] + w)
        # A part made by split() has rows already laid out: it only needs their sum.
        self._laid_out = _height is not None
        self._height = _height or 0.0

    # -- layout -------------------------------------------------------------------------------

    def _lay_out_row(self, row: Row) -> None:
        if row.lines is not None:
            return
        n = len(self.widths)
        lines: list[list[Line]] = []
        if row.kind == TITLE:
            assert row.style is not None
            m = _title_measure(row.style.size)
            width = self._edges[-1]
            for c in row.cells:
                out: list[Line] = []
                for p in c.paras:
                    out += m.wrap(p, width)
                lines.append(out)
            row.height = (row.style.space_before + row.style.space_after
                          + row.style.leading * max(len(lines[0]) if lines else 1, 1))
        else:
            tallest = 1
            for c, (a, b) in zip(row.cells, row.spans(n), strict=False):
                width = self._edges[b + 1] - self._edges[a] - 2 * PAD_X
                out = []
                for p in c.paras:
                    out += self.measure.wrap(p, width)
                lines.append(out)
                tallest = max(tallest, len(out))
            row.height = PAD_TOP + tallest * CELL_LEADING + PAD_BOTTOM
        row.lines = lines

    def _lay_out(self) -> None:
        if not self._laid_out:
            for row in self.rows:
                self._lay_out_row(row)
            for row in self.repeat:
                self._lay_out_row(row)
            self._height = sum(r.height for r in self.rows)
            self._laid_out = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._lay_out()
        self.width, self.height = self._edges[-1], self._height
        return self.width, self.height

    # -- splitting ----------------------------------------------------------------------------

    def _split_row(self, row: Row, room: float, min_part: float,
                   any_kind: bool = False) -> tuple[Row, Row] | None:
        """Cut an item row between lines so the first part fits ``room``; None if it cannot.

        ``any_kind`` also cuts a heading (a title, an action's row, a note): only for one
        taller than a whole page (a 100,000-character priority title), which could never
        be printed otherwise.
        """
        if row.lines is None or row.kind == HEADER or (row.kind != ITEM and not any_kind):
            return None
        if row.kind == TITLE:
            return self._split_title(row, room)
        fit = floor((room - PAD_TOP - PAD_BOTTOM) / CELL_LEADING + 1e-6)
        total = max((len(c) for c in row.lines), default=0)
        rest = total - fit
        if fit < 1 or rest < 1:
            return None
        head_h = PAD_TOP + fit * CELL_LEADING + PAD_BOTTOM
        tail_h = PAD_TOP + rest * CELL_LEADING + PAD_BOTTOM
        if head_h < min_part or tail_h < min_part:
            return None
        head = Row(row.kind, row.cells, lines=[c[:fit] for c in row.lines], height=head_h)
        # The tail keeps the fills and says nothing again but the continued text, and the rating:
        # its colour would otherwise stand alone at the top of the page.
        tail_lines = [c[fit:] for c in row.lines]
        for i, (c, (a, b)) in enumerate(zip(row.cells, row.spans(len(self.widths)), strict=False)):
            if c.fill is not None and c.paras:
                again = Text(continued(c.paras[0].text), c.paras[0].font, c.paras[0].colour)
                width = self._edges[b + 1] - self._edges[a] - 2 * PAD_X
                tail_lines[i] = self.measure.wrap(again, width) + tail_lines[i]
        tallest = max((len(c) for c in tail_lines), default=rest)
        tail = Row(row.kind, row.cells, lines=tail_lines, height=PAD_TOP + tallest * CELL_LEADING + PAD_BOTTOM)
        return head, tail

    @staticmethod
    def _split_title(row: Row, room: float) -> tuple[Row, Row] | None:
        st = row.style
        assert st is not None and row.lines is not None
        lines = row.lines[0] if row.lines else []
        fit = floor((room - st.space_before) / st.leading + 1e-6)
        if fit < 1 or fit >= len(lines):
            return None
        head_style, tail_style = replace(st, space_after=0.0), replace(st, space_before=0.0)
        head = Row(TITLE, row.cells, head_style, [lines[:fit]], head_style.space_before + fit * st.leading)
        tail = Row(TITLE, row.cells, tail_style, [lines[fit:]], (len(lines) - fit) * st.leading + st.space_after)
        return head, tail

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._lay_out()
        rows = self.rows
        used = 0.0
        i = 0
        while i < len(rows) and used + rows[i].height <= availHeight + 1e-6:
            used += rows[i].height
            i += 1
        if i == len(rows):
            return [self]
        fresh_page = bool(self.page_height) and availHeight >= self.page_height - 1
        parts = self._split_row(rows[i], availHeight - used, self.min_split)
        cut = i
        if parts is None:
            # The last row on a page is an item: a heading goes over with what it heads.
            while cut > 0 and rows[cut - 1].kind not in ENDS_PAGE:
                cut -= 1
            if cut == 0:
                if not fresh_page:
                    return []
                # Even an empty page cannot hold the first row whole: break it anywhere,
                # or print the headings alone rather than never finish.
                parts = self._split_row(rows[i], availHeight - used, 0.0, any_kind=True)
                cut = i
                if parts is None and i == 0:
                    return []
        if parts is not None:
            head, tail = parts
            first, rest = rows[:i] + [head], [tail] + rows[i + 1:]
            first_h = used + head.height
            rest_h = self._height - used - rows[i].height + tail.height
        else:
            first, rest = rows[:cut], rows[cut:]
            first_h = sum(r.height for r in first)
            rest_h = self._height - first_h
        if not (rest and rest[0].kind in (HEADER, TITLE)):
            rest = self.repeat + rest
            rest_h += sum(r.height for r in self.repeat)
        return [self._part(first, first_h), self._part(rest, rest_h)]

    def _part(self, rows: list[Row], height: float) -> Grid:
        return Grid(rows, self.widths, self.measure, repeat=self.repeat, min_split=self.min_split,
                    page_height=self.page_height, _height=height)

    # -- drawing ------------------------------------------------------------------------------

    def draw(self) -> None:
        """Fills first, then the rules, then the text grouped by colour and font (few state changes)."""
        canv = self.canv
        edges = self._edges
        n = len(self.widths)
        right = edges[-1]
        y = self._height
        segments: list[tuple[float, float, float, float]] = []
        writer = TextWriter(canv)
        run_spans: list[tuple[int, int]] | None = None
        run_top = y

        def put(lines: list[Line], left: float, width: float, baseline: float, centred: bool,
                size: float, leading: float) -> None:
            current = None
            for pieces, line_w, colour in lines:
                x = left + (width - line_w) / 2 if centred else left
                if colour is not current:
                    writer.colour(colour)
                    current = colour
                for piece, font, dx in pieces:
                    writer.put(x + dx, baseline, piece, font, size, leading)
                baseline -= leading

        def close_run(at: float) -> None:
            if run_spans is not None:
                for a, _b in run_spans:
                    segments.append((edges[a], run_top, edges[a], at))
                segments.append((right, run_top, right, at))

        for row in self.rows:
            top, bottom = y, y - row.height
            y = bottom
            assert row.lines is not None
            if row.kind == TITLE:
                close_run(top)
                run_spans = None
                st = row.style
                assert st is not None
                put(row.lines[0], 0, right, top - st.space_before - st.size * 0.93, False, st.size, st.leading)
                continue
            spans = row.spans(n)
            if spans != run_spans:  # vertical rules run unbroken through rows of the same shape
                close_run(top)
                run_spans, run_top = spans, top
            if row.kind != TITLE and (not segments or segments[-1][1] != top):
                segments.append((0, top, right, top))
            band = HEADER_FILL if row.kind == HEADER else GROUP_FILL if row.kind == GROUP else None
            if band is not None:
                canv.setFillColor(band)
                canv.rect(0, bottom, right, row.height, stroke=0, fill=1)
            for c, (a, b) in zip(row.cells, spans, strict=False):
                if c.fill is not None:
                    canv.setFillColor(c.fill)
                    canv.rect(edges[a], bottom, edges[b + 1] - edges[a], row.height, stroke=0, fill=1)
            segments.append((0, bottom, right, bottom))
            baseline = top - PAD_TOP - FIRST_BASELINE
            for c, lines, (a, b) in zip(row.cells, row.lines, spans, strict=False):
                if lines:
                    put(lines, edges[a] + PAD_X, edges[b + 1] - edges[a] - 2 * PAD_X, baseline, c.centred,
                        CELL_SIZE, CELL_LEADING)
        close_run(y)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(RULE_WIDTH)
        canv.lines(segments)
        canv.drawText(writer.text)


class TextWriter:
    """Sets text piece by piece, in reading order, into one text object.

    For the embedded font, when every character of a piece already has a code in
    the font's first subset (nearly always), the PDF operators are written here
    and font and colour are selected only when they change: ReportLab's text
    object does the same work through several layers per piece, which was the
    largest cost of a long appendix. Anything else goes through the text object.
    The text stays in reading order, row by row and cell by cell, for screen
    readers and copying.
    """

    #: The operators that select each colour, worked out once per process (by identity: the
    #: colours are the styles' and schemes' own objects, kept alive here with their operators).
    _colour_ops: dict[int, tuple[colors.Color, list[str]]] = {}

    def __init__(self, canv) -> None:  # type: ignore[no-untyped-def]
        self.doc = canv._doc
        self.text = canv.beginText()
        self.code: list[str] = self.text._code
        self._colour: colors.Color | None = None
        self._font: tuple[str, float, float] | None = None
        self._fonts: dict[str, tuple] = {}

    def colour(self, colour: colors.Color) -> None:
        if colour is self._colour:
            return
        found = self._colour_ops.get(id(colour))
        if found is None or found[0] is not colour:
            before = len(self.code)
            self.text.setFillColor(colour)
            self._colour_ops[id(colour)] = (colour, self.code[before:])
        else:
            self.code.extend(found[1])
        self._colour = colour

    def put(self, x: float, y: float, piece: str, font_name: str, size: float, leading: float) -> None:
        found = self._fonts.get(font_name)
        if found is None:
            font = getFont(font_name)
            make = getattr(font, "encoder", None)
            found = self._fonts[font_name] = (font, make(self.doc) if make is not None else None)
        font, encode = found
        data = encode(piece) if encode is not None else None
        if data is None:
            self.text.setFont(font_name, size, leading)
            self.text.setTextOrigin(x, y)
            self.text._textOut(piece)
            self._font = None  # the text object chose the subset: select ours again next time
            return
        selected = (font_name, size, leading)
        if selected != self._font:
            name = font.getSubsetInternalName(0, self.doc)  # type: ignore[attr-defined]
            self.code.append(f"{name} {fp_str(size)} Tf {fp_str(leading)} TL")
            self._font = selected
        self.code.append(f"1 0 0 1 {fp_str(x, y)} Tm ({escapePDF(data)}) Tj")


_TITLE_MEASURES: dict[float, Measure] = {}


def _title_measure(size: float) -> Measure:
    m = _TITLE_MEASURES.get(size)
    if m is None:
        m = _TITLE_MEASURES[size] = Measure(size)
    return m


def header_cells(titles: Sequence[str], centred: Sequence[bool]) -> list[Cell]:
    return [Cell([Text(t, FONT_BOLD, HEADER_TEXT)], None, c) for t, c in zip(titles, centred, strict=False)]


def title_row(text: str, style: TitleStyle = H1) -> Row:
    return Row(TITLE, [Cell([Text(text, style.font, style.colour)])], style=style)


# -- column widths from the content -------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """A column: fixed columns take the width their content needs, between ``least`` and ``most``
    points; flexible columns (``most`` None) share what is left by ``share``."""

    key: str
    title: str
    most: float | None = None
    least: float = 0.0
    share: float = 1.0
    centred: bool = False
    never_wrap: bool = False  # refs: the longest must fit on one line


def fit_columns(columns: Sequence[Column], values: dict[str, list[tuple[str, str]]], total: float,
                measure: Measure, *, least_flexible: float = 110.0) -> list[float]:
    """Widths for ``columns`` filling ``total`` points, from the text each column holds.

    ``values[key]`` lists (text, font) pairs. A fixed column is as wide as its widest
    text on one line, but no wider than ``most`` and never narrower than its longest
    word (or its whole text when ``never_wrap``) nor its header's longest word.
    """
    pad = 2 * PAD_X + 0.5
    widths: list[float | None] = []
    for col in columns:
        if col.most is None:
            widths.append(None)
            continue
        head_word = measure.longest_word(col.title, FONT_BOLD)
        texts = values.get(col.key, [])
        natural = max([measure.line_width(t, f) for t, f in texts] + [measure.line_width(col.title, FONT_BOLD)])
        if col.never_wrap:
            floor_w = natural
        else:
            floor_w = max((measure.longest_word(t, f) for t, f in texts), default=0.0)
        need = max(min(natural, col.most - pad), floor_w, head_word, col.least - pad)
        widths.append(need + pad)
    fixed = sum(w for w in widths if w is not None)
    flexible = [c for c, w in zip(columns, widths, strict=False) if w is None]
    left = total - fixed
    room = least_flexible * len(flexible)
    if flexible and left < room:
        # Too much fixed content (portrait, many columns): shrink the wrappable fixed columns.
        over = room - left
        shrinkable = [i for i, (c, w) in enumerate(zip(columns, widths, strict=False))
                      if w is not None and not c.never_wrap]
        spare = sum(widths[i] for i in shrinkable) or 1.0  # type: ignore[misc]
        for i in shrinkable:
            widths[i] = max(widths[i] - over * widths[i] / spare, 30.0)  # type: ignore[operator]
        left = total - sum(w for w in widths if w is not None)
    shares = sum(c.share for c in flexible) or 1.0
    return [w if w is not None else max(left, 0.0) * c.share / shares
            for c, w in zip(columns, widths, strict=False)]
