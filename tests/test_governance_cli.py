"""``meetings`` and ``report cover`` from a terminal, as an officer runs them."""

from __future__ import annotations

import docx

from tests.test_cli import run


def test_meetings_list_and_the_covering_report_for_one(tmp_path):
    db = tmp_path / "gov.db"
    assert run("--db", db, "sample").returncode == 0
    listed = run("--db", db, "meetings", "--all")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["1", "2022-03-08", "Improving Lives Select Commission"]
    assert lines[0].endswith("outcome recorded") and len(lines) == 3
    out = tmp_path / "cover.docx"
    done = run("--db", db, "report", "cover", "--period", "August 2022", "--meeting", "2", "-o", out,
               "--author", "Nathan Heath")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote {out}"
    d = docx.Document(str(out))
    assert d.paragraphs[0].style.name == "Title" and d.core_properties.author == "Nathan Heath"
    pdf = tmp_path / "cover.pdf"
    assert run("--db", db, "report", "cover", "--meeting", "2", "-o", pdf).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_bad_requests_get_one_line_and_write_nothing(tmp_path):
    db = tmp_path / "gov.db"
    run("--db", db, "sample", check=True)
    for args, words in (
        (("--meeting", "2", "-o", tmp_path / "cover.txt"), "covering report can be written as .docx or .pdf"),
        (("--meeting", "99", "-o", tmp_path / "cover.docx"), "no meeting 99"),
        (("-o", tmp_path / "cover.docx"), "no meeting from today on"),
        (("--meeting", "2", "--period", "May 2031", "-o", tmp_path / "cover.docx"), "no period “May 2031”"),
    ):
        r = run("--db", db, "report", "cover", *args)
        assert r.returncode != 0 and words in r.stderr, (args, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("cover*"))
    assert "No meetings in the calendar from today on" in run("--db", db, "meetings").stdout
