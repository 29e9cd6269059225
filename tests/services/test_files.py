"""Saving files: the file another program holds open is named, saved files get normal permissions,
and names made from the officer's text are safe on Windows."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from wsoa_desktop.services import files, lead_forms, rounds
from wsoa_desktop.services.files import (
    FileWriteError,
    atomic_write,
    describe_os_error,
    safe_file_name,
)


def windows_error(winerror: int, errno_value: int = errno.EACCES) -> PermissionError:
    """The error Windows raises for a file open in Excel or Acrobat (simulated on any system)."""
    exc = PermissionError(errno_value, "The process cannot access the file because it is being used by "
                                       "another process")
    exc.winerror = winerror  # type: ignore[attr-defined]  # set by CPython on Windows only
    return exc


@pytest.mark.parametrize("winerror", [32, 33])
def test_a_sharing_violation_names_the_file_not_the_folder(tmp_path: Path, monkeypatch, winerror: int) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old report")

    def refuse(src: object, dst: object) -> None:
        raise windows_error(winerror)

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(FileWriteError) as caught:
        atomic_write(target, lambda tmp: tmp.write_bytes(b"new report"))
    assert str(caught.value) == ("plan.pdf is open in another program (Excel, Word or a PDF viewer, perhaps). "
                                 "Close plan.pdf in the other program, then Save again.")
    assert "read-only" not in str(caught.value) and "folder" not in str(caught.value)
    assert target.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]  # no temporary file left


def test_access_denied_replacing_a_writable_file_is_the_other_program_too(tmp_path: Path, monkeypatch) -> None:
    """Excel holds a workbook so that replacing it fails with plain "access denied" (winerror 5)."""
    target = tmp_path / "forms.xlsx"
    target.write_bytes(b"old")
    monkeypatch.setattr(files.os, "replace", lambda src, dst: (_ for _ in ()).throw(windows_error(5)))
    with pytest.raises(FileWriteError, match=r"^forms\.xlsx is open in another program"):
        atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))


def test_a_read_only_folder_is_still_reported_as_the_folder(tmp_path: Path) -> None:
    exc = PermissionError(errno.EACCES, "Permission denied")
    assert "cannot be written to" in describe_os_error(exc, tmp_path / "x.pdf")
    assert "open in another program" in describe_os_error(windows_error(32), tmp_path / "x.pdf")


def test_saved_files_have_normal_permissions_honouring_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fresh = atomic_write(tmp_path / "report.pdf", lambda tmp: tmp.write_bytes(b"%PDF"))
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        os.umask(0o027)
        assert files.current_umask() == 0o027
        other = atomic_write(tmp_path / "export.csv", lambda tmp: tmp.write_text("a,b"))
        assert stat.S_IMODE(other.stat().st_mode) == 0o640
        os.chmod(fresh, 0o664)  # a file the officer shared with their group keeps that when replaced
        atomic_write(fresh, lambda tmp: tmp.write_bytes(b"%PDF-2"))
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o664
    finally:
        os.umask(old)


@pytest.mark.parametrize(("text", "suffix", "expected"), [
    ("Q3 2022/23", ".xlsx", "Q3 2022-23.xlsx"),
    ("Ann Smith - Q3 2022/23", ".xlsx", "Ann Smith - Q3 2022-23.xlsx"),
    ('Report: "final" <v2>?*|', ".pdf", "Report - final v2 -.pdf"),
    ("C:\\Plans\\August", ".csv", "C-Plans-August.csv"),
    ("CON", ".xlsx", "CON_.xlsx"),
    ("nul", "", "nul_"),
    ("com1.backup", "", "com1_.backup"),
    ("LPT9", ".pdf", "LPT9_.pdf"),
    ("Ends with dots...", ".docx", "Ends with dots.docx"),
    ("   ", ".pdf", "file.pdf"),
    ("tab\tand\nnewline", ".csv", "tab and newline.csv"),
])
def test_safe_file_names(text: str, suffix: str, expected: str) -> None:
    assert safe_file_name(text, suffix) == expected


def test_safe_file_names_are_length_limited_with_the_suffix_kept() -> None:
    name = safe_file_name("Rotherham Local Area SEND 0-25 Written Statement of Action " * 5, ".xlsx")
    assert len(name) == files.MAX_NAME_LENGTH and name.endswith(".xlsx") and not name[:-5].endswith(" ")


def test_lead_forms_for_a_period_label_with_a_slash(sample_store, tmp_path: Path) -> None:
    """ "Q3 2022/23" used to fail with "folder … does not exist"; now each lead gets a safe file."""
    rounds.new_period(sample_store, 1, "Q3 2022/23")
    paths = lead_forms.export_forms(sample_store, 1, tmp_path)
    assert paths and all(p.parent == tmp_path and p.is_file() for p in paths)
    assert all(p.name.endswith(" - Q3 2022-23.xlsx") for p in paths)
    assert len({p.name.casefold() for p in paths}) == len(paths)
    assert all(not set('\\/:*?"<>|') & set(p.name) for p in paths)


def test_leads_whose_names_clash_once_made_safe_get_separate_files() -> None:
    used: set[str] = set()
    first = lead_forms._form_file_name("Team A/B", "August 2022", used)
    second = lead_forms._form_file_name("Team A-B", "August 2022", used)
    assert first == "Team A-B - August 2022.xlsx" and second == "Team A-B - August 2022 (2).xlsx"
    long_one = lead_forms._form_file_name("x" * 300, "August 2022", used)
    assert long_one != lead_forms._form_file_name("x" * 300, "August 2022", used)
