"""Fonts, colours and paragraph styles shared by every printed report.

DejaVu Sans ships in ``resources/fonts`` and is embedded in every PDF so that
any European name (Siân, Kateřina Dvořáková, Łukasz) and typographic marks
(“ ” – ≥ →) print on any computer. Colours for ratings come from the plan's
scheme, never from here.

Symbola (``resources/fonts/Symbola.ttf``, George Douros, "free for any use"; from
Debian's ``fonts-symbola``) draws what DejaVu has no glyph for: emoji (in black and
white: ReportLab cannot draw colour emoji), flags' letters, mathematical letters and
other symbols. It is read only when a report holds such a character, and
:func:`wsoa_desktop.reports.text.font_runs` chooses it run by run.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from wsoa_desktop.paths import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
#: The fallback for characters DejaVu cannot draw (no bold: bold text uses it as it is).
FONT_SYMBOLS = "Symbola"

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#4D4D4D")
RULE = colors.HexColor("#7F7F7F")
HEADER_FILL = colors.HexColor("#1F3864")  # dark navy; white text reads in grey-scale too
HEADER_TEXT = colors.white
GROUP_FILL = colors.HexColor("#E7ECF3")  # action rows: a pale band
ZEBRA_FILL = colors.HexColor("#F7F7F7")
MARGIN = 14 * mm


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The map from a font subset's codes back to the characters, for copying text out of the PDF.

    ReportLab writes each character as four hex digits, which is wrong past U+FFFF (an emoji,
    a mathematical letter: "1F389" reads back as U+1F38 and a stray byte). PDF wants UTF-16
    there, a surrogate pair; the same for every other character. Set as ReportLab's own
    function when the fonts are registered.
    """
    lines = [f"<{i:02X}> <{chr(v).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
             for i, v in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange", f"{len(subset)} beginbfchar", *lines, "endbfchar", "endcmap",
        "CMapName currentdict /CMap defineresource pop", "end", "end"])


def _embedded_font_class() -> type:
    """ReportLab's TrueType font, with the text of each line encoded in one step.

    An embedded font maps every character to a code of the font's subset as it is
    first used; ReportLab does that one character at a time in Python for every
    line drawn, which was a third of the time of a long appendix. Once a line's
    characters all have codes in the first subset (nearly always), one
    ``str.translate`` does the same. Anything new goes the ordinary way.
    """
    from reportlab.pdfbase import ttfonts
    from reportlab.pdfbase.ttfonts import TTFont

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap

    class EmbeddedFont(TTFont):
        def first_subset_bytes(self, text: str, doc: object) -> bytes | None:
            """``text`` in the first subset's codes, or None if any character has no code there yet."""
            if self.state.get(doc) is None:
                return None
            return self.encoder(doc)(text)  # type: ignore[no-any-return]

        def encoder(self, doc: object):  # type: ignore[no-untyped-def]
            """:meth:`first_subset_bytes` for one document, with the lookups done once."""
            self._assignState(doc)
            state = self.state[doc]
            made = state.__dict__.get("_wsoa_encoder")
            if made is not None:
                return made
            assignments = state.assignments
            cache: list = [-1, frozenset(), {}]

            def encode(text: str) -> bytes | None:
                if cache[0] != len(assignments):
                    first = {chr(c): chr(n) for c, n in assignments.items() if n < 256 and c != 0xA0}
                    cache[:] = [len(assignments), frozenset(first), str.maketrans(first)]
                if cache[1].issuperset(text):
                    return text.translate(cache[2]).encode("latin-1")
                return None

            state._wsoa_encoder = encode
            return encode

        def splitString(self, text, doc, encoding="utf-8"):  # type: ignore[no-untyped-def]  # noqa: N802
            if isinstance(text, str) and text:
                data = self.first_subset_bytes(text, doc)
                if data is not None:
                    return [(0, data)]
            return super().splitString(text, doc, encoding)

    return EmbeddedFont


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the bundled TTFs once per process; returns the regular font name."""
    from reportlab.pdfbase import pdfmetrics

    font_class = _embedded_font_class()
    pdfmetrics.registerFont(font_class(FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(font_class(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    # Charts start each drawing in the default font; make that ours so no
    # unembedded Helvetica reference is left in the file.
    from reportlab.graphics.shapes import STATE_DEFAULTS

    STATE_DEFAULTS["fontName"] = FONT
    return FONT


@lru_cache(maxsize=1)
def main_font_characters() -> frozenset[str]:
    """The characters both weights of the report font draw (text of these needs no other font)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    register_fonts()
    regular, bold = (set(getFont(name).face.charToGlyph) for name in (FONT, FONT_BOLD))
    return frozenset(chr(c) for c in regular & bold)


@lru_cache(maxsize=1)
def symbol_font_characters() -> frozenset[str]:
    """Registers the fallback font (once, when first needed) and returns the characters it draws."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    font = _embedded_font_class()(FONT_SYMBOLS, str(resource_path("fonts", "Symbola.ttf")))
    pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(FONT_SYMBOLS, normal=FONT_SYMBOLS, bold=FONT_SYMBOLS, italic=FONT_SYMBOLS,
                                  boldItalic=FONT_SYMBOLS)
    return frozenset(chr(c) for c in font.face.charToGlyph)


@lru_cache(maxsize=1)
def any_font_characters() -> frozenset[str]:
    """The characters some weight of the report font draws (a few are in one weight only)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    register_fonts()
    return frozenset(chr(c) for name in (FONT, FONT_BOLD) for c in getFont(name).face.charToGlyph)


def page_size(is_landscape: bool) -> tuple[float, float]:
    return landscape(A4) if is_landscape else portrait(A4)


def hex_colour(value: str | None, default: colors.Color = colors.white) -> colors.Color:
    try:
        return colors.HexColor(value) if value else default
    except (ValueError, TypeError):
        return default


class Styles:
    """The paragraph styles of one report (created after the fonts are registered)."""

    def __init__(self, base_size: float = 8.5) -> None:
        register_fonts()
        s = base_size
        common = dict(fontName=FONT, textColor=INK, splitLongWords=1, allowWidows=0, bulletFontName=FONT)
        self.title = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=16, leading=20,
                                    textColor=HEADER_FILL, spaceAfter=6, **{k: v for k, v in common.items()
                                                                           if k not in ("fontName", "textColor")})
        self.subtitle = ParagraphStyle("subtitle", fontSize=10, leading=13, textColor=MUTED, spaceAfter=8,
                                       **{k: v for k, v in common.items() if k != "textColor"})
        self.h1 = ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=12.5, leading=16, textColor=HEADER_FILL,
                                 spaceBefore=10, spaceAfter=5, keepWithNext=1, splitLongWords=1)
        self.h2 = ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=10.5, leading=13.5, textColor=INK,
                                 spaceBefore=8, spaceAfter=4, keepWithNext=1, splitLongWords=1)
        self.table_heading = ParagraphStyle("table_heading", parent=self.h1, keepWithNext=0)
        self.table_subheading = ParagraphStyle("table_subheading", parent=self.h2, keepWithNext=0)
        self.body = ParagraphStyle("body", fontSize=9.5, leading=12.5, spaceAfter=4, **common)
        self.note = ParagraphStyle("note", fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=4,
                                   fontName=FONT, splitLongWords=1, bulletFontName=FONT)
        self.numbered = ParagraphStyle("numbered", parent=self.body, leftIndent=16, bulletIndent=2)
        self.cell = ParagraphStyle("cell", fontSize=s, leading=s * 1.25, alignment=TA_LEFT, **common)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=FONT_BOLD)
        self.cell_bullet = ParagraphStyle("cell_bullet", parent=self.cell, leftIndent=9, bulletIndent=1,
                                          spaceBefore=1)
        self.cell_center = ParagraphStyle("cell_center", parent=self.cell, alignment=TA_CENTER)
        self.cell_bold_center = ParagraphStyle("cell_bold_center", parent=self.cell_bold, alignment=TA_CENTER)
        self.head = ParagraphStyle("head", parent=self.cell, fontName=FONT_BOLD, textColor=HEADER_TEXT)
        self.head_center = ParagraphStyle("head_center", parent=self.head, alignment=TA_CENTER)
        self.small = ParagraphStyle("small", parent=self.cell, fontSize=7.5, leading=9.5, textColor=MUTED)

    def rating(self, text_colour: str) -> ParagraphStyle:
        """Centred bold text in the scheme's text colour for a rating cell."""
        return ParagraphStyle(f"rating{text_colour}", parent=self.cell_center, fontName=FONT_BOLD,
                              textColor=hex_colour(text_colour, INK))
