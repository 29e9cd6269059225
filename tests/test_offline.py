"""Offline by design: in SQLite mode nothing the officer does opens a network connection.

The app's work — the window, the report preview, every report, imports of each kind
(a plan file and a ratings file too), exports, backups, verify and restore — runs in a fresh interpreter whose audit hook
records and refuses every attempt to resolve a name or open, bind or send on a network
socket (``socket.getaddrinfo``, ``socket.connect``, ``socket.__new__`` for an internet
family, ``http.client.connect``, ``urllib.Request`` …). At the end it also lists any
internet socket the process (Qt included) holds open, from ``/proc``. A control run
proves the hook catches a lookup when one happens.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HARNESS = r'''
import json, os, socket, sys

seen = []
NETWORK_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                  "socket.gethostbyname_ex", "socket.getnameinfo", "socket.bind", "socket.sendto",
                  "socket.sendmsg", "http.client.connect", "http.client.send", "urllib.Request",
                  "ftplib.connect", "smtplib.connect", "poplib.connect", "imaplib.open", "webbrowser.open"}

def refuse(event, args):
    if event == "socket.__new__":
        if args[1] == socket.AF_UNIX:
            return  # local inter-process channel, not the network
    elif event not in NETWORK_EVENTS:
        return
    elif event in ("socket.connect", "socket.bind", "socket.sendto") and isinstance(args[1], (str, bytes)):
        return  # an AF_UNIX path
    seen.append(f"{event} {args[1:]!r}"[:200])
    raise RuntimeError(f"network use refused: {event}")

sys.addaudithook(refuse)

def inet_sockets_open():
    """Internet sockets this process holds (Linux /proc), whichever library opened them."""
    try:
        inodes = {os.readlink(f"/proc/self/fd/{fd}")[8:-1] for fd in os.listdir("/proc/self/fd")
                  if os.readlink(f"/proc/self/fd/{fd}").startswith("socket:[")}
    except OSError:
        return []
    found = []
    for table in ("tcp", "tcp6", "udp", "udp6"):
        try:
            lines = open(f"/proc/self/net/{table}").read().splitlines()[1:]
        except OSError:
            continue
        found += [f"{table} {line.split()[1]}->{line.split()[2]}" for line in lines if line.split()[9] in inodes]
    return found

work = sys.argv[1]
if "--control" in sys.argv[2:]:  # prove the hook sees what a library would do, then stop
    for attempt in (lambda: socket.getaddrinfo("example.org", 443),
                    lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("192.0.2.1", 443))):
        try:
            attempt()
        except Exception:
            pass
    print(json.dumps({"network": seen}))
    raise SystemExit(0)
from wsoa_desktop import cli

db = os.path.join(work, "plan.db")
steps = [
    ["sample"], ["plans"], ["period", "new", "September 2022"],
    ["rate", "1.1.1", "Green", "--period", "September 2022", "--progress", "On track"],
    ["publish", "--summary", "September round", "--allow-not-updated"], ["versions"],
    ["report", "brag", "--period", "September 2022", "-o", os.path.join(work, "brag.pdf")],
    ["report", "brag", "--period", "September 2022", "-o", os.path.join(work, "brag.docx")],
    ["report", "plan", "-o", os.path.join(work, "plan.pdf")],
    ["report", "exceptions", "--period", "September 2022", "-o", os.path.join(work, "exceptions.docx")],
    ["report", "highlight", "--priority", "1", "--period", "September 2022", "-o", os.path.join(work, "h.pdf")],
    ["export", os.path.join(work, "plan.csv")], ["export", os.path.join(work, "plan.xlsx")],
    ["export", os.path.join(work, "plan.json")],
    ["import-ratings", os.path.join(work, "plan.json"), "--period", "September 2022", "--dry-run"],
    ["backup", os.path.join(work, "backups")],
]
results = {}
for step in steps:
    results[" ".join(os.path.basename(a) for a in step)] = cli.main(["--db", db, *step])
for name in ("plan.csv", "plan.xlsx", "wsoa.docx", "plan.json"):
    results[f"import {name}"] = cli.main(["--db", os.path.join(work, f"imported-{name}.db"), "import",
                                          os.path.join(work, name)])
backup = sorted(p for p in os.listdir(os.path.join(work, "backups")) if p.endswith(".wsoa.db"))[0]
results["verify"] = cli.main(["verify", os.path.join(work, "backups", backup)])
results["restore"] = cli.main(["--db", db, "restore", os.path.join(work, "backups", backup)])

os.environ["WSOA_BENCH_EXIT_AFTER_SHOWN"] = "1"
results["window"] = cli.main(["--db", db])
del os.environ["WSOA_BENCH_EXIT_AFTER_SHOWN"]
from wsoa_desktop.gui.report_dialog import ReportDialog
from wsoa_desktop.store.database import open_store
store = open_store(db)
dialog = ReportDialog(store, 1, "brag", period_label="September 2022", author="Officer")
import time
from PySide6.QtWidgets import QApplication
deadline = time.monotonic() + 90
while (dialog.preview_busy() or dialog.page_count() == 0) and time.monotonic() < deadline:
    QApplication.processEvents()  # the preview renders in the worker thread
    time.sleep(0.02)
results["report preview pages"] = dialog.page_count()
dialog.close()
store.close()

print(json.dumps({"results": results, "network": seen, "inet_sockets": inet_sockets_open(),
                  "qt_network_loaded": "PySide6.QtNetwork" in sys.modules}))
'''


def _run_offline(tmp_path: Path, *extra: str) -> dict:
    from tests.services.test_import_docx import build_wsoa

    work = tmp_path / "work"
    (work / "backups").mkdir(parents=True)
    build_wsoa(work / "wsoa.docx")
    script = tmp_path / "harness.py"
    script.write_text(HARNESS, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(script), str(work), *extra], env=env, capture_output=True,
                          text=True, timeout=240, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_window_reports_imports_and_backups_open_no_network_socket(tmp_path: Path) -> None:
    report = _run_offline(tmp_path)
    results = report["results"]
    assert len(results) == 24 and results["report preview pages"] >= 5
    failed = {step: code for step, code in results.items() if step != "report preview pages" and code != 0}
    assert not failed, f"steps that did not succeed: {failed}"
    assert report["network"] == []
    assert report["inet_sockets"] == []
    assert report["qt_network_loaded"] is False


def test_the_guard_catches_a_lookup_and_a_connection(tmp_path: Path) -> None:
    report = _run_offline(tmp_path, "--control")
    assert [e.split()[0] for e in report["network"]] == ["socket.getaddrinfo", "socket.__new__"]
