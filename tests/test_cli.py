"""The command line, run as a user runs it."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args, env_db=None, check=False):
    import os

    env = dict(os.environ)
    if env_db is not None:
        env["WSOA_DB"] = str(env_db)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env=env, check=check)


def test_sample_twice_plans_and_export_csv(tmp_path, cli_db):
    db = cli_db  # a new file, or an empty server database
    assert run("--db", db, "sample").returncode == 0
    second = run("--db", db, "sample")
    assert second.returncode == 0 and "already" in second.stdout
    plans = run("--db", db, "plans")
    assert plans.returncode == 0
    assert plans.stdout.count("Rotherham Local Area SEND 0-25 Written Statement of Action") == 1
    out = tmp_path / "plan.csv"
    assert run("--db", db, "export", out).returncode == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfRef,Action,Lead,Target End Date,RAG,Progress Update,")
    with out.open(encoding="utf-8-sig", newline="") as fh:  # a BOM, so Excel on Windows reads UTF-8
        rows = list(csv.reader(fh))
    # The six contract columns, unchanged, then the carried-forward marker and the status text.
    assert rows[0] == ["Ref", "Action", "Lead", "Target End Date", "RAG", "Progress Update", "Not Updated",
                       "Status Text"]
    refs = [r[0] for r in rows[1:]]
    assert len(refs) == 4 + 23 + 75
    assert refs[:3] == ["1", "1.1", "1.1.1"]
    by_ref = {r[0]: r for r in rows[1:]}
    assert by_ref["1"][1].startswith("The variability in the quality of EHC plans")
    assert by_ref["1.1.3"][2] == "Julie Day; Vicki Ingram"
    assert by_ref["2.2.3"][4] == "Amber"
    assert by_ref["1.1.1"][4] == ""
    assert by_ref["2.4.3"][5].startswith("Review of arrangements")


def test_db_from_environment_and_json_export(tmp_path):
    db = tmp_path / "env.db"
    assert run("sample", env_db=db).returncode == 0
    out = tmp_path / "plan.json"
    assert run("export", out, "--period", "August 2022", env_db=db).returncode == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["plan"]["title"].startswith("Rotherham")
    assert len(doc["priorities"]) == 4
    assert doc["periods"][0]["label"] == "August 2022"


def test_errors_are_one_line_and_non_zero(tmp_path, cli_db):
    db = cli_db
    run("--db", db, "sample", check=True)
    bad_period = run("--db", db, "export", tmp_path / "x.csv", "--period", "Nope 2030")
    assert bad_period.returncode != 0
    assert len(bad_period.stderr.strip().splitlines()) == 1 and "Nope 2030" in bad_period.stderr
    assert not (tmp_path / "x.csv").exists()
    bad_type = run("--db", db, "export", tmp_path / "x.pdf")
    assert bad_type.returncode != 0 and ".pdf" in bad_type.stderr
    not_ours = tmp_path / "notes.db"
    not_ours.write_text("hello")
    refused = run("--db", not_ours, "plans")
    assert refused.returncode != 0 and "not a WSOA Desktop database" in refused.stderr
    assert not_ours.read_text() == "hello"


def test_command_line_work_never_imports_qt(tmp_path):
    db = tmp_path / "noqt.db"
    code = ("import sys; from wsoa_desktop.cli import main; "
            f"main(['--db', {str(db)!r}, 'sample']); main(['--db', {str(db)!r}, 'export', "
            f"{str(tmp_path / 'a.csv')!r}]); print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_domain_services_and_store_import_no_qt():
    code = ("import sys, pkgutil, importlib, wsoa_desktop\n"
            "for m in pkgutil.walk_packages(wsoa_desktop.__path__, 'wsoa_desktop.'):\n"
            "    if '.gui' in m.name or m.name.endswith('app_launcher') or '.migrations' in m.name: continue\n"
            "    importlib.import_module(m.name)\n"
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
