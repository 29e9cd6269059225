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
from wsoa_desktop.services.evidence import attach_file, attach_link
from wsoa_desktop.services.importing import import_file

PERIOD = "September 2017"
OWNERS = {"PW": "Paula Williams (I)", "Paula Williams": "Paula Williams (I)"}


@pytest.fixture
def joint_store(store, tmp_path: Path):  # type: ignore[no-untyped-def]
    plan_id, _ = import_file(store, joint_plan_docx(tmp_path / "SEND Joint Action Plan.docx"), owners=OWNERS)
    attach_link(store, plan_id, "SEND 4", "https://example.org/ehc?a=1&b=<2>", title="EHC <timeliness> & audit")
    minutes = tmp_path / "panel minutes.txt"
    minutes.write_text("Minutes", encoding="utf-8")
    attach_file(store, plan_id, "SEND 4", minutes, title="Evidence Challenge Panel")
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


@pytest.mark.parametrize("kind", ["brag", "plan", "exceptions"])
def test_status_text_and_evidence_print_under_the_progress_in_pdf(joint_store, tmp_path: Path, kind: str) -> None:
    out = make_report(joint_store, kind, tmp_path / f"{kind}.pdf", ReportOptions(period_label=PERIOD))
    text = squash("\n".join(pdf_pages(out)))
    # SEND 4 is Red (from its cell's colour) and "Behind Schedule": an exception as well.
    assert squash("Status: Behind Schedule") in text, kind
    assert squash("Evidence: EHC <timeliness> & audit – https://example.org/ehc?a=1&b=<2>") in text, kind
    assert squash("Evidence: Evidence Challenge Panel (panel minutes.txt)") in text, kind
    if kind != "exceptions":  # SEND 1 is Amber and on time: not an exception
        assert squash("Status: On track") in text, kind


@pytest.mark.parametrize("kind", ["brag", "exceptions"])
def test_status_text_and_evidence_print_in_word(joint_store, tmp_path: Path, kind: str) -> None:
    out = make_report(joint_store, kind, tmp_path / f"{kind}.docx", ReportOptions(period_label=PERIOD))
    text = docx_text(out)
    assert "Status: Behind Schedule" in text
    assert "Evidence: EHC <timeliness> & audit – https://example.org/ehc?a=1&b=<2>" in text
    assert "Evidence: Evidence Challenge Panel (panel minutes.txt)" in text


def test_a_published_version_prints_the_evidence_it_was_published_with(joint_store, tmp_path: Path) -> None:
    from wsoa_desktop.services.versions import publish, version_outline

    publish(joint_store, 1, "September update", by="Officer", allow_not_updated=True)
    node = version_outline(joint_store, 1, 14).find("SEND 4")
    assert [e.text for e in node.evidence] == ["EHC <timeliness> & audit – https://example.org/ehc?a=1&b=<2>",
                                               "Evidence Challenge Panel (panel minutes.txt)"]
    assert node.status.status_text.startswith("Behind Schedule")
