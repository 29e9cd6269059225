"""The 2017 joint action plan (seed 004) on paper: named refs whole on one line, the status
text written beside each rating, and evidence links, in PDF and Word alike."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from tests.reports.helpers import docx_text, pdf_pages, squash
from tests.services.plan_shapes import joint_plan_docx
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.produce import make_report
from wsoa_desktop.services.importing import import_file

PERIOD = "September 2017"
OWNERS = {"PW": "Paula Williams (I)", "Paula Williams": "Paula Williams (I)"}


@pytest.fixture
def joint_store(store, tmp_path: Path):  # type: ignore[no-untyped-def]
    import_file(store, joint_plan_docx(tmp_path / "SEND Joint Action Plan.docx"), owners=OWNERS)
    return store


def _lines(path: Path) -> list[str]:
    return [" ".join(line.split()) for page in pdf_pages(path) for line in page.splitlines()]


@pytest.mark.parametrize("kind", ["brag", "plan", "exceptions"])
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_a_named_ref_prints_whole_on_one_line_in_every_pdf(joint_store, tmp_path: Path, kind: str,
                                                           orientation: str) -> None:
    out = make_report(joint_store, kind, tmp_path / f"{kind}.pdf",
                      ReportOptions(period_label=PERIOD, orientation=orientation))
    lines = _lines(out)
    assert any(line.startswith("Peer Review 19") for line in lines), kind
    assert not any(line in ("Peer", "Review", "19", "Review 19") for line in lines), kind


@pytest.mark.parametrize("kind", ["brag", "exceptions"])
def test_the_word_ref_column_is_as_wide_as_the_longest_named_ref(joint_store, tmp_path: Path, kind: str) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out = make_report(joint_store, kind, tmp_path / f"{kind}.docx", ReportOptions(period_label=PERIOD))
    needed = Mm(stringWidth("Peer Review 19", "Helvetica-Bold", 9) * 25.4 / 72 + 2 * 1.9)
    tables = [t for t in docx.Document(str(out)).tables if t.rows[0].cells[0].text == "Ref"]
    assert tables
    holding = [t for t in tables if any(r.cells[0].text == "Peer Review 19" for r in t.rows[1:])]
    assert holding, kind
    for t in holding:
        assert t.columns[0].width >= needed, (kind, t.columns[0].width, needed)
        assert t.rows[1].cells[0].width >= needed
    assert "Peer Review 19" in docx_text(out)
    assert squash("Peer Review 19") in squash(docx_text(out))
