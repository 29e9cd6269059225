"""The BRAG appendix PDF, read back with pypdf."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.reports.conftest import AWKWARD, LONG_PROGRESS, NAMES, REF_LIST
from tests.reports.helpers import assert_in_order, leaf_refs, pdf_pages, squash
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.produce import make_report
from wsoa_desktop.reports.progress_summary import summarise
from wsoa_desktop.services.outline import load_outline


@pytest.fixture
def sample_pdf(sample_store, tmp_path: Path) -> tuple[Path, object]:  # type: ignore[no-untyped-def]
    out = tmp_path / "appendix.pdf"
    opts = ReportOptions(period_label="August 2022", author="Test Officer", printed_on=date(2022, 9, 1))
    make_report(sample_store, "brag", out, opts)
    return out, load_outline(sample_store, 1, "August 2022")


def test_title_period_refs_in_order_and_footer(sample_pdf) -> None:  # type: ignore[no-untyped-def]
    path, outline = sample_pdf
    pages = pdf_pages(path)
    text = "\n".join(pages)
    flat = squash(text)
    assert squash("Appendix 2 – BRAG rating of progress — August 2022") in flat
    assert squash(outline.title) in flat
    assert "RAGAugust2022" in flat
    refs = leaf_refs(outline)
    assert len(refs) == 75
    # Every sub-action in order in the rating list, then again in the detailed tables.
    detail = text.index("Progress by priority")
    assert_in_order(text[:detail], [f"\n{r} " for r in refs])
    assert_in_order(text[detail:], [f"\n{r} " for r in refs])
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {len(pages)}" in page
        assert "Printed 1 September 2022" in page
    assert len(pages) > 2


def test_ratings_legend_and_summary_counts(sample_pdf) -> None:  # type: ignore[no-untyped-def]
    path, outline = sample_pdf
    text = "\n".join(pdf_pages(path))
    for d in outline.scheme.ratings:
        assert d.name in text
        assert squash(d.meaning) in squash(text)
    assert "Yellow" not in text  # the seed's synonym prints as the scheme's name
    summary = summarise(outline)
    # Each priority's row of counts, then the total, in the order they print.
    for row in summary.rows + [summary.total]:
        numbers = [row.counts[n] for n in summary.rating_names] + [row.not_updated, row.not_rated, row.total]
        assert " ".join(str(n) for n in numbers) in " ".join(text.split())
    assert summary.total.total == 75
    assert summary.total.counts["Blue"] == 3 and summary.total.counts["Red"] == 2


def test_metadata_language_and_embedded_fonts(sample_pdf) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    path, outline = sample_pdf
    reader = PdfReader(str(path))
    meta = reader.metadata
    assert meta.title == "Appendix 2 – BRAG rating of progress — August 2022"
    assert meta.author == "Test Officer"
    assert "August 2022" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    fonts = {k: v for page in reader.pages for k, v in page["/Resources"]["/Font"].items()}
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"


def test_awkward_text_prints_exactly(awkward_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, plan_id = awkward_store
    out = tmp_path / "awkward.pdf"
    make_report(store, "brag", out, ReportOptions(period_label="August 2022", columns=("lead", "progress",
                                                                                       "previous", "revised")))
    pages = pdf_pages(out)
    flat = squash("\n".join(pages))
    for text in list(AWKWARD.values()) + NAMES + ["Tom & Jerry’s <WSOA> 2025", "Slipped <again> & again",
                                                  REF_LIST, "Empty priority"]:
        assert squash(text) in flat, text
    assert "This priority has no actions yet." in "\n".join(pages)
    # The 3,000-character update runs over pages; each piece of it is there, in order.
    assert len(LONG_PROGRESS) >= 3000
    # Read as one text without the page footers and the column header repeated on each page.
    import re

    no_breaks = re.sub(r"RefActionLead.*?ProgressUpdate", "",
                       squash("".join("\n".join(page.splitlines()[:-3]) for page in pages)))
    # Each page the row is carried onto names its ratings again (colour is never alone: this
    # period's Green and July's Amber), just before the progress text goes on; without those
    # labels the text is exact and in order.
    carried = sum("nextstep≥2" in squash(page) for page in pages) - 1
    assert carried >= 1
    again = r"(?:(?:Blue|Green|Amber|Red|Grey)\(continued\))+"
    assert re.findall(again, no_breaks) == ["Green(continued)Amber(continued)"] * carried
    no_breaks = re.sub(again, "", no_breaks)
    pieces = [squash(LONG_PROGRESS[i:i + 150]) for i in range(0, len(LONG_PROGRESS), 150)]
    assert_in_order(no_breaks, pieces)
    # The previous period's column and the direction of travel (1 better, 0 same, 1 worse, 1 other).
    assert "RAGJuly2022" in flat
    assert squash("Improved ↑") in flat
    assert "1. EHC <Plans> & QA 1 0 1 0 1" in " ".join("\n".join(pages).split())


def test_portrait_and_empty_plan(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from wsoa_desktop.services.plans import create_plan

    create_plan(store, "Empty plan", by="test")
    out = tmp_path / "empty.pdf"
    make_report(store, "brag", out, ReportOptions(orientation="portrait", appendix_number="3"))
    reader = PdfReader(str(out))
    page = reader.pages[0]
    assert float(page.mediabox.width) < float(page.mediabox.height)
    text = "\n".join(pdf_pages(out))
    assert "Appendix 3 – BRAG rating of progress — no period" in " ".join(text.split())
    assert "no priorities or actions yet" in text


def test_direction_of_travel_uses_the_previous_period(awkward_store) -> None:  # type: ignore[no-untyped-def]
    store, plan_id = awkward_store
    outline = load_outline(store, plan_id, "August 2022")
    total = summarise(outline).total
    # 1.1.1 Green → Red is worse; 1.1.2 Amber → Green is better; 1.1.3 unrated before.
    assert (total.improved, total.worse, total.unchanged, total.not_compared) == (1, 1, 0, 1)
