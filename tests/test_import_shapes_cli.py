"""A new officer brings the plans the council already has, from a terminal: every shape in every
format it comes in imports with ``import FILE [--dry-run]``, and a document in no shape gets one message."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from tests.services import plan_shapes

ROOT = Path(__file__).resolve().parent.parent
OWNERS = ["--owner", "PW=PW (I)", "--owner", "Paula Williams=PW (I)"]
#: (builder, file name, extra import arguments, what the dry run says it would create, refs printed)
SHAPES = {
    "appendix.docx": (plan_shapes.appendix_docx, [], "2 priorities, 5 actions and 9 sub-actions", ["2.10.1"]),
    "appendix.xlsx": (plan_shapes.appendix_xlsx, [], "2 priorities, 5 actions and 9 sub-actions", ["2.10.1"]),
    "appendix.csv": (plan_shapes.appendix_csv, [], "2 priorities, 5 actions and 9 sub-actions", ["2.10.1"]),
    "joint.docx": (lambda p: plan_shapes.joint_plan_docx(p, commissioning=True), OWNERS,
                   "3 sections, 10 actions and 5 sub-actions", ["SEND 10", "Peer Review 19", "SJC 1.4"]),
    "joint.xlsx": (lambda p: plan_shapes.joint_plan_xlsx(p, commissioning=True), OWNERS,
                   "3 sections, 10 actions and 5 sub-actions", ["SEND 10", "Peer Review 19", "SJC 2.1"]),
    "joint.csv": (plan_shapes.joint_plan_csv, [], "3 sections, 10 actions and 5 sub-actions",
                  ["SEND 2", "Peer Review 2", "SJC 1.1"]),
}


def run(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT)


@pytest.mark.parametrize("name", list(SHAPES))
def test_each_shape_dry_runs_then_imports_from_the_command_line(tmp_path: Path, name: str) -> None:
    build, extra, created, refs = SHAPES[name]
    path = build(tmp_path / name)
    db = tmp_path / "plans.db"
    dry = run("--db", db, "import", path, "--dry-run", *extra)
    assert dry.returncode == 0, dry.stderr
    assert f"Would create {created}" in dry.stdout and "Dry run: nothing was changed." in dry.stdout
    for ref in refs:
        assert f"\n  {ref} " in dry.stdout, ref
    assert not db.exists()
    done = run("--db", db, "import", path, *extra)
    assert done.returncode == 0, done.stderr
    listed = run("--db", db, "export", tmp_path / "back.csv")
    assert listed.returncode == 0, listed.stderr
    exported = (tmp_path / "back.csv").read_text(encoding="utf-8-sig")
    for ref in refs:
        assert f"\n{ref}," in exported, ref


def test_a_document_in_no_known_shape_gets_the_one_message(tmp_path: Path) -> None:
    path = tmp_path / "minutes.docx"
    d = docx.Document()
    d.add_paragraph("Minutes of the SEND Executive Board, 14 July 2022")
    t = d.add_table(rows=2, cols=2)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Name", "Role"
    t.rows[1].cells[0].text, t.rows[1].cells[1].text = "Julie Day", "Chair"
    d.save(str(path))
    db = tmp_path / "plans.db"
    assert run("--db", db, "init").returncode == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for extra in (["--dry-run"], []):
        out = run("--db", db, "import", path, *extra)
        assert out.returncode != 0
        said = out.stdout + out.stderr
        assert said.count("is not in a shape WSOA Desktop reads") == 1
        assert "table 1, row 1, “Name | Role”" in said
        assert "a BRAG appendix" in said and "a joint action plan" in said and "(.json)" in said
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
