"""Reports laid out as they are made: deferred parts, the first pages early, a stop between pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.reports.helpers import pdf_pages
from wsoa_desktop.reports.brag_appendix import brag_story, page_info
from wsoa_desktop.reports.document import Deferred, LayoutWatch, ReportDocument, watching
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.produce import write_report
from wsoa_desktop.reports.styles import Styles
from wsoa_desktop.services.outline import load_outline

OPTIONS = ReportOptions(columns=("lead", "progress"), printed_on=date(2022, 9, 1))


@pytest.fixture
def outline(sample_store):  # type: ignore[no-untyped-def]
    return load_outline(sample_store, 1, "August 2022")


def test_deferred_parts_print_the_same_pages_as_building_them_first(outline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lazy = write_report("brag", outline, OPTIONS, tmp_path / "lazy.pdf")
    info = page_info(outline, OPTIONS, "t", "s")
    doc = ReportDocument(tmp_path / "eager.pdf", info)
    story = brag_story(outline, OPTIONS, Styles(), doc.width, doc.height)
    # Each priority's rating list and its detailed table are built when the layout reaches them.
    assert sum(isinstance(f, Deferred) for f in story) == 2 * len(outline.priorities)
    eager: list = []
    for f in story:
        eager += f.make() if isinstance(f, Deferred) else [f]
    doc.write(eager)
    assert pdf_pages(lazy) == pdf_pages(tmp_path / "eager.pdf")
    assert len(pdf_pages(lazy)) > 5


def test_first_pages_only_are_saved_and_footed_as_unfinished(outline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    full = pdf_pages(write_report("brag", outline, OPTIONS, tmp_path / "full.pdf"))
    seen: list[int] = []
    with watching(LayoutWatch(on_page=seen.append, first_pages=2)):
        head = pdf_pages(write_report("brag", outline, OPTIONS, tmp_path / "head.pdf"))
    assert seen == [1, 2] and len(head) == 2
    assert "Page 1 of …" in head[0] and "Page 2 of …" in head[1]
    assert head[0].replace("Page 1 of …", "") == full[0].replace(f"Page 1 of {len(full)}", "")
    # outside the ``with`` nothing is watched any more
    assert len(pdf_pages(write_report("brag", outline, OPTIONS, tmp_path / "again.pdf"))) == len(full)


def test_a_stop_between_pages_leaves_no_file(outline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    class Stop(Exception):
        pass

    def stop_at_three(page: int) -> None:
        if page == 3:
            raise Stop

    out = tmp_path / "out"
    out.mkdir()
    target = out / "appendix.pdf"
    with pytest.raises(Stop), watching(LayoutWatch(on_page=stop_at_three)):
        write_report("brag", outline, OPTIONS, target)
    assert list(out.iterdir()) == []
