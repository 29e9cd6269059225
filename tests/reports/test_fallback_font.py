"""Emoji and symbols the report font has no glyph for print in the fallback font, or as a visible stand-in.

Read back from the PDF's text (the characters, not "no crash") and from its fonts: the
appendix's own layout (the grid), ReportLab paragraphs (the action plan) and the page
footer all go through ``reports/text.py``. Word keeps every character as typed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reports.helpers import docx_text, pdf_pages, squash
from tests.reports.test_any_text import _outline
from wsoa_desktop.reports.brag_appendix import write_brag_pdf
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.styles import FONT_SYMBOLS
from wsoa_desktop.reports.text import font_runs, markup
from wsoa_desktop.reports.word.brag_docx import write_brag_docx

EMOJI = "Done ✅ 🎉 👩🏽‍💻 🇬🇧 ❤️ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"
#: Newer than any shipped font (Unicode 11 and 12): no glyph anywhere.
NO_GLYPH = "Loved it 🥰 and 🪐"


def _fonts(path: Path) -> set[str]:
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_runs_choose_the_font_that_draws_each_character() -> None:
    assert font_runs("Plain Kateřina’s “notes” → ≥ 2") == [("Plain Kateřina’s “notes” → ≥ 2", None)]
    assert font_runs("On ✅ 👩🏽‍💻!") == [("On ", None), ("✅", FONT_SYMBOLS), (" ", None),
                                          ("👩🏽\u200d💻", FONT_SYMBOLS), ("!", None)]
    assert font_runs(NO_GLYPH) == [("Loved it [U+1F970] and [U+1FA90]", None)]
    # markup: escaped as ever, the emoji in the fallback font; the officer's own tags stay text
    assert markup("<b>🎉</b> & co") == f'&lt;b&gt;<font name="{FONT_SYMBOLS}">🎉</font>&lt;/b&gt; &amp; co'


def test_emoji_and_symbols_print_in_the_fallback_font(tmp_path: Path) -> None:
    outline = _outline(f"Plan {EMOJI}", f"Progress {EMOJI}\nsecond line {NO_GLYPH}", f"Lead {EMOJI}")
    outline.title = f"Title {EMOJI}"
    options = ReportOptions(columns=("lead", "progress"), printed_on=date(2022, 9, 1))
    pdf = tmp_path / "appendix.pdf"
    write_brag_pdf(outline, options, pdf)
    pages = pdf_pages(pdf)
    flat = squash("".join(pages))
    for value in (f"Plan {EMOJI}", f"Progress {EMOJI}", f"Lead {EMOJI}"):
        assert squash(value) in flat, value  # every character, emoji included, read back exactly
    assert squash("second line Loved it [U+1F970] and [U+1FA90]") in flat  # visible, not blank
    for page in pages:  # the page footer (drawn on the canvas, not a paragraph) carries the title
        footer = squash(page[:page.rindex("Printed ")].rsplit("Number of sub-actions", 1)[-1][-200:])
        assert footer.endswith(squash(f"Title {EMOJI} · ratings for August 2022")), footer
    assert {"DejaVuSans", "DejaVuSans-Bold", FONT_SYMBOLS} <= _fonts(pdf)
    word = tmp_path / "appendix.docx"
    write_brag_docx(outline, options, word)
    text = docx_text(word)
    assert f"Progress {EMOJI}\nsecond line {NO_GLYPH}" in text  # Word keeps every character as typed


def test_plain_text_does_not_load_the_fallback_font(tmp_path: Path) -> None:
    outline = _outline("Plain description", "Plain progress", "Lead")
    pdf = tmp_path / "plain.pdf"
    write_brag_pdf(outline, ReportOptions(columns=("lead", "progress")), pdf)
    assert FONT_SYMBOLS not in _fonts(pdf)


SYMBOLS = st.text(st.sampled_from(list("ab ✅🎉👩🏽\u200d💻🇬🇧❤️\ufe0f𝔘𝔫★☂♞⚽🥰🪐\n&<")), min_size=1, max_size=80)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(progress=SYMBOLS.filter(lambda t: t.strip()))
def test_any_mix_of_emoji_prints_whole_or_as_stand_ins(tmp_path_factory, progress: str) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path_factory.mktemp("mix") / "mix.pdf"
    write_brag_pdf(_outline("Description", progress, "Lead"), ReportOptions(columns=("lead", "progress")), pdf)
    expected = squash("".join(run for run, _font in font_runs(progress)))
    assert expected in squash("".join(pdf_pages(pdf)))
    assert set(expected) - set("[]U+0123456789ABCDEF") >= set(squash(progress)) - {"🥰", "🪐"}
