"""Word output, the exception, highlight and plan reports, and the command line."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.reports.conftest import AWKWARD, LONG_PROGRESS, NAMES
from tests.reports.helpers import assert_in_order, docx_text, leaf_refs, pdf_pages, squash
from wsoa_desktop.cli import main
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.produce import make_report
from wsoa_desktop.services.outline import load_outline

ROOT = Path(__file__).resolve().parents[2]


def test_brag_docx_has_real_tables_shading_names_and_repeating_header(sample_store, tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    out = tmp_path / "appendix.docx"
    make_report(sample_store, "brag", out, ReportOptions(period_label="August 2022", author="Officer A"))
    d = docx.Document(str(out))
    assert d.core_properties.title == "Appendix 2 – BRAG rating of progress — August 2022"
    assert d.core_properties.author == "Officer A"
    assert d.core_properties.language == "en-GB"
    assert any(p.style.name.startswith("Heading") for p in d.paragraphs)
    text = docx_text(out)
    outline = load_outline(sample_store, 1, "August 2022")
    assert_in_order(text, [f"\n{r}\n" for r in leaf_refs(outline)])
    # The rating list (Ref | Action | Target End Date | RAG), then the detail with Lead and Progress.
    ref_tables = [t for t in d.tables if t.rows[0].cells[0].text == "Ref"]
    assert len(ref_tables) == 8
    assert [c.text for c in ref_tables[0].rows[0].cells] == ["Ref", "Action", "Target End Date",
                                                              "RAG August 2022"]
    assert [c.text for c in ref_tables[4].rows[0].cells] == ["Ref", "Action", "Lead", "Target End Date",
                                                              "RAG August 2022", "Progress Update"]
    for t in ref_tables:
        assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # Every rated cell is shaded with the rating's colour and says its name.
    red = outline.scheme.get("Red")
    for tables, column in ((ref_tables[:4], 3), (ref_tables[4:], 4)):
        shaded = []
        for t in tables:
            for row in t.rows[1:]:
                cell = row.cells[column]
                shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
                if cell.text == "Red":
                    shaded.append(shd.get(qn("w:fill")))
        assert shaded == [red.colour.lstrip("#").upper()] * 2
    for d_ in outline.scheme.ratings:
        assert d_.meaning in text


def test_docx_keeps_awkward_text_exactly(awkward_store, tmp_path: Path) -> None:
    store, _ = awkward_store
    out = tmp_path / "awkward.docx"
    make_report(store, "brag", out, ReportOptions(period_label="August 2022", columns=("lead", "progress")))
    text = docx_text(out)
    for value in list(AWKWARD.values()) + NAMES + [LONG_PROGRESS, "Tom & Jerry’s <WSOA> 2025"]:
        assert value in text
    out2 = tmp_path / "exceptions.docx"
    make_report(store, "exceptions", out2, ReportOptions(period_label="August 2022"))
    text2 = docx_text(out2)
    assert "Slipped <again> & again" in text2
    assert "Worse than July 2022 (was Green)" in text2


def test_exceptions_pdf_lists_red_amber_overdue_and_worse(awkward_store, tmp_path: Path) -> None:
    store, _ = awkward_store
    out = tmp_path / "exceptions.pdf"
    make_report(store, "exceptions", out, ReportOptions(period_label="August 2022", printed_on=date(2023, 1, 5)))
    flat = squash("\n".join(pdf_pages(out)))
    assert squash("Worse than July 2022 (was Green)") in flat
    assert squash(AWKWARD["bold"]) in flat  # 1.1.1: Red, overdue and worse
    assert squash("1.1.3") in flat  # Amber (typed "Yellow")
    assert squash(AWKWARD["draft"]) not in flat  # Green, target free text: not an exception


def test_highlight_docx_and_portrait_plan(awkward_store, tmp_path: Path) -> None:
    from pypdf import PdfReader

    store, _ = awkward_store
    out = tmp_path / "highlight.docx"
    make_report(store, "highlight", out, ReportOptions(period_label="August 2022", priority_ref="1"))
    text = docx_text(out)
    assert "Highlight report – Priority 1 – EHC <Plans> & QA — August 2022" in text
    assert "From 52.5% to 75% & rising" in text  # the key impact measure
    assert "Since July 2022: 1 improved, 0 unchanged, 1 worse, 0 not updated, 1 not comparable." in text
    plan = tmp_path / "plan.pdf"
    make_report(store, "plan", plan, ReportOptions(orientation="portrait", appendix_number="1"))
    page = PdfReader(str(plan)).pages[0]
    assert float(page.mediabox.width) < float(page.mediabox.height)
    flat = squash("".join(pdf_pages(plan)))
    for value in ("Fewer <tribunals>", "Łukasz Nowak & Co", "Lead Officers – Siân Jones – Head of Service",
                  "This priority has no actions yet."):
        assert squash(value) in flat


def test_highlight_and_plan_reports(sample_store, tmp_path: Path) -> None:
    out = tmp_path / "highlight.pdf"
    make_report(sample_store, "highlight", out, ReportOptions(period_label="August 2022", priority_ref="2"))
    text = "\n".join(pdf_pages(out))
    assert "Highlight report – Priority 2 – Graduated Response — August 2022" in " ".join(text.split())
    assert "2.5.3" in text and "2.5.5" in text  # the two Red items
    assert "1.1.1" not in text
    out = tmp_path / "plan.pdf"
    make_report(sample_store, "plan", out, ReportOptions(appendix_number="1"))
    plan_text = "\n".join(pdf_pages(out))
    outline = load_outline(sample_store, 1)
    assert_in_order(plan_text, [f"\n{r}\n" for r in leaf_refs(outline)])
    assert "Key Impact Measures" in plan_text and "Delivery Partners" in plan_text
    assert squash("Increased number of EHC plans audited rated as good or better from 52.5% to 75%") in squash(
        plan_text)


def _cli(db: Path, *args: str) -> int:
    return main(["--db", str(db), "report", *args])


@pytest.mark.parametrize("args, message", [
    (["brag", "--period", "Sept 2099"], "There is no period"),
    (["brag", "--columns", "lead,colour"], "is not a column"),
    (["highlight", "--priority", "9"], "There is no priority"),
    (["brag", "--version", "99"], "version"),
])
def test_cli_bad_input_is_one_line_and_writes_nothing(sample_store, tmp_path: Path, capsys, args, message) -> None:
    db = Path(sample_store.path) if hasattr(sample_store, "path") else tmp_path / "sample.db"
    out = tmp_path / "out.pdf"
    assert _cli(db, *args, "-o", str(out)) == 1
    err = capsys.readouterr().err.strip()
    assert message.casefold() in err.casefold() and len(err.splitlines()) == 1
    assert not out.exists()
    assert list(tmp_path.glob(".out.pdf.*")) == []


def test_cli_refuses_wrong_file_type_and_keeps_the_old_file(sample_store, tmp_path: Path, capsys) -> None:
    db = tmp_path / "sample.db"
    assert _cli(db, "plan", "-o", str(tmp_path / "plan.docx")) == 1
    assert ".pdf" in capsys.readouterr().err
    old = tmp_path / "appendix.pdf"
    old.write_bytes(b"the old appendix")
    assert _cli(db, "brag", "--period", "No such period", "-o", str(old)) == 1
    assert old.read_bytes() == b"the old appendix"
    assert _cli(db, "brag", "--period", "August 2022", "--portrait", "--appendix", "4", "-o", str(old)) == 0
    assert "Appendix 4" in pdf_pages(old)[0]


def test_failure_while_writing_leaves_the_old_file(sample_store, tmp_path: Path, monkeypatch) -> None:
    import wsoa_desktop.reports.produce as produce

    old = tmp_path / "appendix.pdf"
    old.write_bytes(b"old")

    def boom(kind, outline, options, path, suffix):  # type: ignore[no-untyped-def]
        Path(path).write_bytes(b"half")
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(produce, "render", boom)
    with pytest.raises(RuntimeError):
        make_report(sample_store, "brag", old, ReportOptions())
    assert old.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".appendix")] == []


def test_report_path_imports_no_qt_alembic_or_sqlalchemy(sample_store, tmp_path: Path) -> None:
    db = tmp_path / "sample.db"
    out = tmp_path / "a.pdf"
    code = (
        "import sys; from wsoa_desktop.cli import main\n"
        f"rc = main(['--db', {str(db)!r}, 'report', 'brag', '-o', {str(out)!r}])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'alembic', 'sqlalchemy', 'sqlmodel'))\n"
        "print(rc, bad)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert res.stdout.strip().splitlines()[-1] == "0 []", res.stderr
    assert out.exists()


def test_read_only_outline_equals_the_service_outline(awkward_store, sample_store, tmp_path: Path) -> None:
    """The command line's fast reader must see exactly what load_outline sees."""
    from wsoa_desktop.reports.read_only_outline import fast_outline

    store, plan_id = awkward_store
    for st, pid, periods in ((store, plan_id, ["August 2022", "July 2022", None]),
                             (sample_store, 1, ["August 2022", None])):
        for period in periods:
            assert fast_outline(Path(st.path), pid, period) == load_outline(st, pid, period)


def test_fast_path_errors_match(sample_store, tmp_path: Path) -> None:
    from wsoa_desktop.domain.errors import WsoaError
    from wsoa_desktop.reports.read_only_outline import fast_outline

    with pytest.raises(WsoaError, match="There is no period “May 1999”"):
        fast_outline(Path(sample_store.path), None, "May 1999")
    with pytest.raises(WsoaError, match="No plan matches"):
        fast_outline(Path(sample_store.path), "Nonesuch", None)
    assert fast_outline(tmp_path / "missing.db", None, None) is None


def test_cli_reports_a_published_version_as_published(sample_store, tmp_path: Path) -> None:
    from wsoa_desktop.services.periods import set_status
    from wsoa_desktop.services.versions import publish

    publish(sample_store, 1, "August for committee", by="test")
    set_status(sample_store, 1, "2.5.3", "August 2022", "Green", by="test")  # changed after publishing
    db = Path(sample_store.path)
    published, current = tmp_path / "v1.docx", tmp_path / "now.docx"
    assert _cli(db, "brag", "--version", "1", "-o", str(published)) == 0
    assert _cli(db, "brag", "--period", "August 2022", "-o", str(current)) == 0
    import docx

    def rating_of(path: Path, ref: str) -> str:
        for t in docx.Document(str(path)).tables:
            for row in t.rows:
                if row.cells[0].text == ref:
                    return row.cells[3].text
        raise AssertionError(ref)

    assert rating_of(published, "2.5.3") == "Red"
    assert rating_of(current, "2.5.3") == "Green"
