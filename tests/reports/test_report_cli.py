"""``report brag|exceptions|highlight`` from a terminal: options, defaults and the not-updated warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reports.conftest import CARRIED
from tests.reports.helpers import docx_text, pdf_pages, squash
from wsoa_desktop.cli import main
from wsoa_desktop.domain import status_words as words
from wsoa_desktop.reports.options import DEFAULT_COLUMNS, parse_columns


def _report(store, tmp_path: Path, capsys, *args: str, name: str = "out.pdf") -> tuple[int, str, str, Path]:  # type: ignore[no-untyped-def]
    out = tmp_path / name
    rc = main(["--db", str(store.path), "report", *args, "-o", str(out)])
    captured = capsys.readouterr()
    return rc, captured.out, captured.err, out


@pytest.mark.parametrize("kind", [["brag"], ["exceptions"], ["highlight", "--priority", "2"]])
def test_carried_forward_ratings_warn_on_stderr_and_still_write(carried_store, tmp_path: Path, capsys,
                                                                 kind: list[str]) -> None:
    rc, out, err, path = _report(carried_store, tmp_path, capsys, *kind, "--period", CARRIED["period"])
    assert rc == 0 and path.exists() and "Wrote" in out
    lines = err.strip().splitlines()
    assert len(lines) == 1
    count = "18 of 20" if kind[0] == "highlight" else "22 of 24"
    assert lines[0].startswith("Warning: ") and count in lines[0] and "not updated" in lines[0]


def test_no_warning_when_every_rating_is_current(sample_store, tmp_path: Path, capsys) -> None:
    rc, _, err, _ = _report(sample_store, tmp_path, capsys, "brag", "--period", "August 2022")
    assert rc == 0 and err == ""


def test_flags_turn_off_reasons_sign_off_and_revised_targets(carried_store, tmp_path: Path, capsys) -> None:
    rc, _, _, path = _report(carried_store, tmp_path, capsys, "brag", "--period", CARRIED["period"],
                             "--no-reasons", "--no-sign-off", "--no-revised-targets", name="off.docx")
    assert rc == 0
    text = docx_text(path)
    for gone in ("Reason:", "Sign-off:", "(was September 2022)", words.NO_REASON):
        assert gone not in text
    assert f"(not updated since {CARRIED['since']})" in text
    rc, _, _, path = _report(carried_store, tmp_path, capsys, "exceptions", "--period", CARRIED["period"],
                             "--no-reasons", name="exc.pdf")
    assert rc == 0 and "Reason:" not in "".join(pdf_pages(path))


def _detail_header(path: Path) -> str:
    text = "\n".join(pdf_pages(path))
    detail = text[text.index("Progress by priority"):]
    return squash(detail[:detail.index("1.1 ")])


@pytest.mark.parametrize("args, shown, hidden", [
    ([], ["Lead", "ProgressUpdate"], ["RAGJuly2022", "Targetrevised"]),
    (["--columns", "none"], [], ["Lead", "ProgressUpdate"]),
    (["--no-lead"], ["ProgressUpdate"], ["Lead"]),
    (["--no-progress"], ["Lead"], ["ProgressUpdate"]),
    (["--columns", "previous"], ["RAGJuly2022"], ["Lead", "ProgressUpdate"]),
    (["--columns", "lead,progress,previous,revised"], ["Lead", "ProgressUpdate", "RAGJuly2022",
                                                        "Targetrevised"], []),
])
def test_columns_default_to_the_real_appendix_and_stay_choosable(awkward_store, tmp_path: Path, capsys,
                                                                 args: list[str], shown: list[str],
                                                                 hidden: list[str]) -> None:
    store, _ = awkward_store
    rc, _, _, path = _report(store, tmp_path, capsys, "brag", "--period", "August 2022", *args)
    assert rc == 0
    header = _detail_header(path)
    assert header.startswith("Progressbypriority") and "RefAction" in header and "TargetEndDate" in header
    for column in shown:
        assert column in header, column
    for column in hidden:
        assert column not in header, column


def test_rating_list_can_be_left_out(sample_store, tmp_path: Path, capsys) -> None:
    rc, _, _, path = _report(sample_store, tmp_path, capsys, "brag", "--no-rating-list")
    text = "\n".join(pdf_pages(path))
    assert rc == 0 and "every sub-action's rating" not in text and "Progress by priority" in text


def test_parse_columns() -> None:
    assert parse_columns(None) == DEFAULT_COLUMNS == ("lead", "progress")
    assert parse_columns("none") == parse_columns("") == parse_columns("ref-only") == ()
    assert parse_columns("revised, LEAD") == ("lead", "revised")


@pytest.mark.parametrize("name", ["v1.pdf", "v1.docx"])
def test_a_published_version_says_so_on_every_page(sample_store, tmp_path: Path, capsys, name: str) -> None:
    from wsoa_desktop.services.versions import publish

    publish(sample_store, 1, "August for committee", by="J Smith")
    rc, _, _, path = _report(sample_store, tmp_path, capsys, "brag", "--version", "1", name=name)
    assert rc == 0
    if name.endswith(".pdf"):
        pages = pdf_pages(path)
        assert len(pages) > 5
        assert all("Version 1, published" in page and "by J Smith" in page for page in pages)
    else:
        import docx

        footer = "\n".join(p.text for p in docx.Document(str(path)).sections[0].footer.paragraphs)
        assert "Version 1, published" in footer and "by J Smith" in footer
