"""The round's commands: period new/close, rate, publish, versions, export --version."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from wsoa_desktop.cli import main
from wsoa_desktop.services import audit
from wsoa_desktop.services.outline import load_outline

ROOT = Path(__file__).resolve().parent.parent


def cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(sample_store):
    """What ``--db`` is given: the sample's file, or its server database's address."""
    return str(sample_store.location)


def test_period_new_rate_and_close(capsys, db, sample_store):
    assert cli(capsys, "--db", db, "period", "new", "September 2022", "--by", "Ann")[0] == 0
    code, out, err = cli(capsys, "--db", db, "rate", "2.2.2", "amber", "--period", "September 2022",
                         "--progress", "Slipping", "--by", "Ann")
    assert code == 1 and "reason" in err and err.count("\n") == 1
    code, out, _ = cli(capsys, "--db", db, "rate", "2.2.2", "yellow", "--period", "September 2022",
                       "--progress", "Slipping", "--reason", "Vacancy", "--by", "Ann")
    assert code == 0 and "2.2.2" in out
    node = load_outline(sample_store, 1, "September 2022").find("2.2.2")
    assert (node.rating, node.progress, node.status.reason) == ("Amber", "Slipping", "Vacancy")
    assert node.previous.rating == "Green"
    assert any(e.by == "Ann" and e.new_value == "Amber" for e in audit.history(sample_store, 1, "2.2.2"))
    assert cli(capsys, "--db", db, "period", "close", "September 2022")[0] == 0
    code, _, err = cli(capsys, "--db", db, "rate", "2.2.2", "Green", "--period", "September 2022")
    assert code == 1 and "closed" in err


def test_rate_errors_are_one_line(capsys, db):
    for args, word in ((("rate", "9.9.9", "Green", "--period", "August 2022"), "9.9.9"),
                       (("rate", "2.2.2", "Purple", "--period", "August 2022"), "Purple"),
                       (("rate", "2.2.2", "Green", "--period", "May 1999"), "May 1999"),
                       (("period", "new", "August 2022"), "already")):
        code, _, err = cli(capsys, "--db", db, *args)
        assert code == 1 and word in err and err.count("\n") == 1


def test_publish_versions_and_export_a_version_exactly(capsys, db, tmp_path):
    code, out, _ = cli(capsys, "--db", db, "publish", "--summary", "August 2022 ratings", "--by", "Ann")
    assert code == 0 and "version 1" in out
    first = tmp_path / "v1.csv"
    assert cli(capsys, "--db", db, "export", first, "--version", "1")[0] == 0
    cli(capsys, "--db", db, "period", "new", "September 2022")
    code, _, err = cli(capsys, "--db", db, "rate", "2.2.2", "Blue", "--period", "September 2022")
    assert code == 1 and "--signed-off-by BODY --on DATE --minute REF" in err
    assert cli(capsys, "--db", db, "rate", "2.2.2", "Blue", "--period", "September 2022", "--progress", "Done",
               "--signed-off-by", "SEND Executive Board", "--on", "14/09/2022", "--minute", "23/45")[0] == 0
    code, _, err = cli(capsys, "--db", db, "publish", "--summary", "September 2022 ratings", "--by", "Bob")
    assert code == 1 and "carried forward and not updated" in err and "--allow-not-updated" in err
    cli(capsys, "--db", db, "publish", "--summary", "September 2022 ratings", "--by", "Bob",
        "--allow-not-updated")
    code, out, _ = cli(capsys, "--db", db, "versions")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].startswith("1\t") and lines[0].endswith("\tAnn\tAugust 2022 ratings")
    assert lines[1].startswith("2\t") and lines[1].endswith("\tBob\tSeptember 2022 ratings")
    again = tmp_path / "again.csv"
    assert cli(capsys, "--db", db, "export", again, "--version", "1")[0] == 0
    assert again.read_bytes() == first.read_bytes()
    with (tmp_path / "v2.csv").open("w"):
        pass
    assert cli(capsys, "--db", db, "export", tmp_path / "v2.csv", "--version", "2",
               "--period", "August 2022")[0] == 0
    rows = {r[0]: r for r in csv.reader((tmp_path / "v2.csv").open(encoding="utf-8", newline=""))}
    assert rows["2.2.2"][4] == "Green"
    code, _, err = cli(capsys, "--db", db, "export", tmp_path / "x.csv", "--version", "9")
    assert code == 1 and "no published version 9" in err


def test_commands_run_from_a_terminal(tmp_path):
    db = tmp_path / "t.db"

    def run(*args):
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
                              capture_output=True, text=True, cwd=ROOT)

    assert run("sample").returncode == 0
    assert run("versions").stdout.startswith("No versions")
    assert run("publish", "--summary", "First").returncode == 0
    done = run("versions")
    assert done.returncode == 0 and done.stdout.split("\t")[0] == "1"
    missing = run("period")
    assert missing.returncode == 1 and "period new LABEL" in missing.stderr


def test_rate_names_the_version_it_read_so_a_save_in_between_is_refused(capsys, db, sample_store, monkeypatch):
    """`rate` reads and writes at once: another officer saving between the two is refused, not overwritten."""
    from wsoa_desktop.services import rounds, status
    from wsoa_desktop.store.database import open_store

    assert cli(capsys, "--db", db, "period", "new", "September 2022", "--by", "Ann")[0] == 0
    read = status.status_state

    def read_then_ben_saves(store, plan_id, ref, period):  # type: ignore[no-untyped-def]
        state = read(store, plan_id, ref, period)
        ben = open_store(db)
        rounds.rate(ben, plan_id, ref, period, "Green", progress="Ben's progress", by="Ben Hall",
                    seen=state.version)
        ben.close()
        return state

    monkeypatch.setattr(status, "status_state", read_then_ben_saves)
    code, _, err = cli(capsys, "--db", db, "rate", "2.2.2", "Amber", "--period", "September 2022",
                       "--progress", "Ann's progress", "--reason", "Vacancy", "--by", "Ann Lee")
    assert code == 1
    assert err.startswith("wsoa-desktop: 2.2.2 was changed by Ben Hall at ") and "run your command again" in err
    monkeypatch.setattr(status, "status_state", read)
    node = load_outline(sample_store, 1, "September 2022").find("2.2.2")
    assert (node.rating, node.progress) == ("Green", "Ben's progress")
    code, _, _ = cli(capsys, "--db", db, "rate", "2.2.2", "Amber", "--period", "September 2022",
                     "--progress", "Ann's progress", "--reason", "Vacancy", "--by", "Ann Lee")
    assert code == 0
    assert load_outline(sample_store, 1, "September 2022").find("2.2.2").progress == "Ann's progress"
