"""User text into ReportLab Paragraph markup, exactly as typed.

Officers type ``&``, ``<b>`` and ``<draft v2>`` as words; Paragraph reads markup,
so every character that means something to it is escaped here, and only here.
Line breaks the officer typed become ``<br/>`` so paragraphs keep their shape.
Long unbroken words (references lists, URLs) are split at the column edge by the
style's ``splitLongWords``, so nothing runs outside its cell.

Long text (:func:`paragraphs`): ReportLab measures a paragraph again from its first
word every time a table row or a page splits it, so one progress update of 100,000
characters took over a minute to print and, with many line breaks, could not be
split at all (``LayoutError``). Text longer than :data:`PIECE` characters is
therefore printed as several paragraphs — cut at the officer's own line breaks
where it can, else between words — each of which keeps its line breaks for the
width it was measured at. The text on paper is the same; only the cost changes.

Characters the report font cannot draw (:func:`font_runs`): an emoji, a flag, a
mathematical letter would print as nothing. Such runs of text are set in the
fallback font (Symbola, see :mod:`~wsoa_desktop.reports.styles`); a character no
shipped font draws prints as a visible stand-in, ``[U+1F970]``, so nothing the
officer typed disappears from the paper without trace. Invisible characters
(joiners, variation selectors) that no font has are left out: they draw nothing
anyway. Word output keeps every character as typed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

_ENTITIES = {'"': "&quot;"}

#: Characters the embedded font cannot draw would print as boxes; these are
#: controls (C0, DEL, C1) and non-characters that never belong in a printed cell.
_CONTROL = {c: None for c in [*range(32), *range(127, 160), 0xFFFE, 0xFFFF] if c not in (9, 10, 13)}


def printable(text: str) -> str:
    """The text without control characters (they would print as boxes); line breaks kept."""
    return text.translate(_CONTROL)


def markup(text: str | None) -> str:
    """Escape ``text`` for a Paragraph, keeping line breaks and repeated spaces.

    Runs the report font cannot draw are set in the fallback font (see :func:`font_runs`).
    """
    if not text:
        return ""
    clean = str(text).translate(_CONTROL).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if not _drawn_by_main_font().issuperset(clean):
        out = []
        for run, font in font_runs(clean):
            escaped = escape(run, _ENTITIES).replace("\n", "<br/>")
            out.append(escaped if font is None else f'<font name="{font}">{escaped}</font>')
        return "".join(out)
    lines = [escape(line, _ENTITIES) for line in clean.split("\n")]
    return "<br/>".join(lines)


@lru_cache(maxsize=1)
def _drawn_by_main_font() -> frozenset[str]:
    from wsoa_desktop.reports.styles import main_font_characters

    return main_font_characters() | {"\n", "\r", "\t"}


def _invisible(c: str) -> bool:
    """A character that draws nothing: a joiner, a direction mark, a variation selector, a tag."""
    o = ord(c)
    return unicodedata.category(c) == "Cf" or 0xFE00 <= o <= 0xFE0F or 0xE0100 <= o <= 0xE01EF


def stand_in(c: str) -> str:
    """What prints for a character no shipped font can draw: its code point, visibly."""
    return f"[U+{ord(c):04X}]"


def font_runs(text: str) -> list[tuple[str, str | None]]:
    """``text`` as runs, each with the font that draws it: None for the report's own font (the
    paragraph's or cell's, regular or bold), or the fallback font's name (emoji and symbols).

    A character no shipped font draws becomes :func:`stand_in`; an invisible one no font has is left
    out; a space no font has becomes a plain space. Text the report font draws whole (nearly all)
    is one run, found in one set lookup.
    """
    main = _drawn_by_main_font()
    if main.issuperset(text):
        return [(text, None)]
    from wsoa_desktop.reports.styles import (
        FONT_SYMBOLS,
        any_font_characters,
        symbol_font_characters,
    )

    symbols = symbol_font_characters()
    some = any_font_characters()
    runs: list[tuple[str, str | None]] = []
    for c in text:
        font: str | None = None
        if c in main:
            # a joiner or selector inside an emoji sequence stays with it
            if runs and runs[-1][1] == FONT_SYMBOLS and c in symbols and _invisible(c):
                font = FONT_SYMBOLS
        elif c in symbols:
            font = FONT_SYMBOLS
        elif c in some:
            pass  # one weight of the report font has it (a few Arabic letters)
        elif _invisible(c):
            continue
        elif unicodedata.category(c) in ("Zs", "Zl", "Zp"):
            c = " "
        else:
            c = stand_in(c)
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + c, font)
        else:
            runs.append((c, font))
    return runs


_SPACES = re.compile(r"(\s+)")


def font_words(text: str, font: str) -> list[list[tuple[str, str]]]:
    """``text`` as words (split at white space), each word its pieces with the font that draws each.

    For layouts that set words themselves (the BRAG appendix's grid); ``font`` is the cell's.
    """
    words: list[list[tuple[str, str]]] = []
    word: list[tuple[str, str]] = []
    for run, run_font in font_runs(text):
        for piece in _SPACES.split(run):
            if not piece:
                continue
            if piece.isspace():
                if word:
                    words.append(word)
                    word = []
            else:
                word.append((piece, run_font or font))
    if word:
        words.append(word)
    return words


def draw_runs(canv: Any, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draw one line of the officer's text on a canvas (a page footer), each run in a font that has it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for run, run_font in font_runs(text):
        name = run_font or font
        canv.setFont(name, size)
        canv.drawString(x, y, run)
        x += stringWidth(run, name, size)
    canv.setFont(font, size)


def bold(text: str | None) -> str:
    """Escaped text in bold (the markup is ours, the text is the officer's)."""
    inner = markup(text)
    return f"<b>{inner}</b>" if inner else ""


#: Text longer than this prints as several paragraphs (see the module notes).
PIECE = 1_500


class MeasuredOnce(Paragraph):
    """A Paragraph that keeps its lines for the width it was last wrapped at.

    A table measures every cell of a row again on each attempt to split it across
    a page; a piece of a long text is then measured once, not once per attempt.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (ReportLab's names)
        kept = self.__dict__.get("_measured")
        if kept is not None and kept[0] == availWidth:
            self.width, self.height, self.blPara, self._wrapWidths = kept[1]
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._measured = (availWidth, (self.width, self.height, self.blPara, self._wrapWidths))
        return size


def pieces(text: str, size: int = PIECE) -> list[str]:
    """``text`` in pieces of at most ``size`` characters, cut at line breaks where it can, else between words.

    Joined with line breaks where they were cut at one (and directly elsewhere), the
    pieces are the text again: nothing is added or lost.
    """
    out: list[str] = []
    rest = text.replace("\r\n", "\n").replace("\r", "\n")
    while len(rest) > size:
        cut = rest.rfind("\n", size // 2, size + 1)
        if cut > 0:
            out.append(rest[:cut])
            rest = rest[cut + 1:]
            continue
        cut = rest.rfind(" ", size // 2, size + 1)
        if cut <= 0:
            cut = size  # one long word: split it (splitLongWords would anyway)
        out.append(rest[:cut])
        rest = rest[cut:]
    out.append(rest)
    return out


_FOLLOWING: dict[int, tuple[ParagraphStyle, ParagraphStyle]] = {}


def _following_styles(style: ParagraphStyle) -> tuple[ParagraphStyle, ParagraphStyle]:
    """Styles for the pieces after the first: no space before; (middle, last) with no space after the middle."""
    found = _FOLLOWING.get(id(style))
    if found is None or found[1].parent is not style:
        last = ParagraphStyle(f"{style.name}-continued", parent=style, spaceBefore=0, firstLineIndent=0)
        # only the last piece keeps with what follows (a heading's pieces together are taller than a page)
        middle = ParagraphStyle(f"{style.name}-middle", parent=last, spaceAfter=0, keepWithNext=0)
        found = _FOLLOWING[id(style)] = (middle, last)
    return found


def paragraphs(text: str | None, style: ParagraphStyle, *, strong: bool = False,
               **options: Any) -> Paragraph | list[Paragraph]:
    """The officer's text as a Paragraph, or (when long) as a list of pieces that print as one.

    ``strong`` prints it in bold; ``options`` (``bulletText``) go to the first piece.
    A table cell or a story takes either.
    """
    text = text or ""
    to_markup = bold if strong else markup
    if len(text) <= PIECE:
        return Paragraph(to_markup(text), style, **options)
    parts = pieces(text)
    middle, last = _following_styles(style)
    first_style = ParagraphStyle(f"{style.name}-first", parent=style, spaceAfter=0, keepWithNext=0)
    out: list[Paragraph] = [MeasuredOnce(to_markup(parts[0]), first_style, **options)]
    out += [MeasuredOnce(to_markup(p), middle) for p in parts[1:-1]]
    out.append(MeasuredOnce(to_markup(parts[-1]), last))
    return out


def flowables(text: str | None, style: ParagraphStyle, *, strong: bool = False, **options: Any) -> list[Paragraph]:
    """As :func:`paragraphs`, always a list (to add to a story or to a cell's list)."""
    found = paragraphs(text, style, strong=strong, **options)
    return found if isinstance(found, list) else [found]


#: The most characters of the officer's text a summary row shows.
LABEL_CHARS = 200
#: The most a column title shows ("RAG " and a period's label): a header repeats at the top of
#: every page, and its columns are narrow.
HEADER_CHARS = 60


def short(text: str | None, limit: int = LABEL_CHARS) -> str:
    """A label for a column header or a summary row, cut to ``limit`` characters with an ellipsis.

    A header repeats at the top of every page, so it must fit on one; the full text
    (a period's label, a priority's title) is printed whole elsewhere in the report.
    """
    text = " ".join((text or "").split()) if text and len(text) > limit else (text or "")
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
