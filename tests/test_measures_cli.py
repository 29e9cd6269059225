"""``measures``, ``import-readings`` and ``report scorecard|dashboard`` from a terminal."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from tests.readings_sheets import write_readings

ROOT = Path(__file__).resolve().parent.parent


def run(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_readings_dry_run_then_for_real(tmp_path: Path, _sample_db: Path) -> None:
    db = tmp_path / "live.db"
    db.write_bytes(_sample_db.read_bytes())
    sheet = write_readings(tmp_path / "q2.xlsx", [("M8", "Q2 2022/23", 11900, "portal relaunch"),
                                                  ("M11", "Q2 2022/23", 176, "")])
    before = _digest(db)
    dry = run("--db", db, "import-readings", sheet, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "M8 Hits on the graduated response electronic portal: Q2 2022/23 = 11,900 (new)" in dry.stdout
    assert "2 reading(s) from q2.xlsx: 2 new" in dry.stdout and "Dry run: nothing was changed." in dry.stdout
    assert _digest(db) == before
    done = run("--db", db, "import-readings", sheet, "--by", "Performance team")
    assert done.returncode == 0, done.stderr
    assert "Imported 2 reading(s) from q2.xlsx: 2 new, 0 replacing an earlier figure." in done.stdout
    listing = run("--db", db, "measures", "--period", "September 2022")
    assert listing.returncode == 0, listing.stderr
    lines = {line.split("\t")[0]: line for line in listing.stdout.splitlines()}
    assert "latest 11,900 (Q2 2022/23)" in lines["M8"] and lines["M8"].endswith("On or ahead of trajectory")
    assert lines["M17"].endswith("Baseline to be established")
    early = run("--db", db, "measures", "--period", "August 2022")
    assert "No reading yet" in early.stdout.splitlines()[7]


def test_a_bad_sheet_exits_non_zero_and_changes_nothing(tmp_path: Path, _sample_db: Path) -> None:
    db = tmp_path / "live.db"
    db.write_bytes(_sample_db.read_bytes())
    sheet = write_readings(tmp_path / "bad.xlsx", [("M8", "Q2 2022/23", 11900, ""), ("M404", "Q2 2022/23", 1, "")])
    before = _digest(db)
    for extra in ((), ("--dry-run",)):
        done = run("--db", db, "import-readings", sheet, *extra)
        assert done.returncode == 1
        assert "Problem: bad.xlsx ▸ Scorecard, row 5: no measure “M404”" in done.stdout
        assert done.stderr.count("\n") == 1 and "Nothing was changed" in done.stderr
    assert _digest(db) == before
    wrong = run("--db", db, "import-readings", tmp_path / "figures.csv")
    assert wrong.returncode == 1 and "ending .xlsx" in wrong.stderr


def test_report_scorecard_and_dashboard(tmp_path: Path, _sample_db: Path) -> None:
    db = tmp_path / "live.db"
    db.write_bytes(_sample_db.read_bytes())
    before = _digest(db)
    for name in ("scorecard.pdf", "scorecard.xlsx"):
        done = run("--db", db, "report", "scorecard", "-o", tmp_path / name)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).stat().st_size > 2000
    done = run("--db", db, "report", "dashboard", "--period", "August 2022", "-o", tmp_path / "page.pdf")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Wrote")
    assert _digest(db) == before  # reports only read
    refused = run("--db", db, "report", "dashboard", "-o", tmp_path / "page.docx")
    assert refused.returncode == 1 and "can be written as .pdf" in refused.stderr
    no_period = run("--db", db, "report", "dashboard", "--period", "May 2031", "-o", tmp_path / "x.pdf")
    assert no_period.returncode == 1 and "no period “May 2031”" in no_period.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_report_scorecard_of_a_published_version(tmp_path: Path, _sample_db: Path) -> None:
    """``--version N`` prints the readings as published; a reading typed later is not in it."""
    from tests.reports.helpers import pdf_pages, squash
    from wsoa_desktop.services.measures import set_reading
    from wsoa_desktop.services.versions import publish
    from wsoa_desktop.store.database import open_store

    db = tmp_path / "live.db"
    db.write_bytes(_sample_db.read_bytes())
    store = open_store(db)
    set_reading(store, 1, "M8", "Q1 2022/23", 9300, by="t")
    publish(store, 1, "Q1 figures", by="Jo", allow_not_updated=True)
    set_reading(store, 1, "M8", "Q1 2022/23", 4000, by="t")
    store.close()
    for version, shown in (("1", "9,300 (Q1 2022/23)"), (None, "4,000 (Q1 2022/23)")):
        args = ["--db", db, "report", "scorecard", "--period", "Q1 2022/23", "-o", tmp_path / f"s{version}.pdf"]
        done = run(*args, *(["--version", version] if version else []))
        assert done.returncode == 0, done.stderr
        text = squash("\n".join(pdf_pages(tmp_path / f"s{version}.pdf")))
        assert squash(shown) in text
        assert (squash("Version 1, published") in text) is bool(version)
    missing = run("--db", db, "report", "dashboard", "--version", "7", "-o", tmp_path / "x.pdf")
    assert missing.returncode == 1 and "no published version 7" in missing.stderr
