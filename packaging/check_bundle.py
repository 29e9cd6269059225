"""Check a built bundle the way IT and the officer will use it, with no Python in sight.

``python packaging/check_bundle.py dist/wsoa-desktop-VERSION`` (``packaging/build`` runs it).
Every program run here is the bundle's own executable, started with a bare environment:
a fresh home folder, ``PATH`` without the build's virtual environment, no ``PYTHONPATH``
or ``PYTHONHOME``, from a scratch folder — so nothing can come from the source tree or the
build's Python. It checks:

- what is inside: both executables, the sample plan, fonts, icons, migrations, the Qt
  modules the app uses, and the absence of those it does not (QML/Quick, virtual keyboard,
  network plugins, translations, QtNetwork, Pillow's unused codecs); on Linux, that every library loads
  (``ldd`` finds all dependencies);
- the Windows version resources written for the executables;
- ``--version``, ``sample``, opening a database of the first schema (migrations run),
  ``report brag`` (PDF and Word, whose footer needs python-docx's templates on disk),
  ``report plan``, ``report exceptions`` (Word), ``export`` and ``import`` of a
  spreadsheet holding a picture, ``backup`` and ``verify``, ``backup`` into the folder
  set by a ``wsoa-desktop.ini`` beside the executable, the window (both executables)
  under the offscreen platform with the start-up check that quits, and the log file;
- server mode without a server: ``--db postgresql://nobody@127.0.0.1:1/none plans`` must
  fail with the one-line "Cannot reach the database …" (the bundled psycopg and its libpq
  tried to connect), never "the PostgreSQL driver is not installed";
- server mode with a server, when PostgreSQL's ``initdb``/``pg_ctl`` are on the machine (CI
  installs Debian's): ``sample``, ``plans`` and ``report brag`` (PDF) against a throwaway
  server (tests/pg_server.py), by the bundled program; skipped, and said so, without them
  (``--require-server`` makes their absence a failure);
- and prints the figures: bundle size (fails over ``--max-mb``) and start-up times of the
  bundle against ``python main.py``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wsoa_desktop import __version__  # noqa: E402

WINDOWED = "WSOA Desktop"
CONSOLE = "wsoa-desktop"
PERIOD = "August 2022"
#: Paths (relative to the bundle's _internal folder, lower-case, / separators) that must not be there.
MUST_BE_ABSENT = [
    (r"qt6(qml|quick|virtualkeyboard)", "QML/Quick and the virtual keyboard"),
    (r"webengine", "WebEngine"),
    (r"qt63d|multimedia", "3D and Multimedia"),
    (r"/translations/[^/]+\.qm$", "Qt translations"),
    (r"plugins/(tls|networkinformation)/", "network plugins"),
    (r"pyside6/qtnetwork\.", "the QtNetwork module"),
    (r"(^|/)pil/_(avif|webp|imagingft|imagingcms)", "Pillow's unused codecs"),
    (r"pyside6/qtopengl(widgets)?\.", "the QtOpenGL Python bindings"),
    (r"^(mypy|mypyc|ast_serialize)/", "mypy (type checking)"),
    (r"^lxml/(objectify|sax)\.|^lxml/(html|isoschematron)/", "lxml's unused extras"),
]
#: (pattern, what) that must each match at least one path.
MUST_BE_PRESENT = [
    (r"pyside6/qtpdf\.", "QtPdf (report preview)"),
    (r"pyside6/qtpdfwidgets\.", "QtPdfWidgets (report preview)"),
    (r"pyside6/qtprintsupport\.", "QtPrintSupport (printing)"),
    (r"plugins/platforms/(lib)?qoffscreen", "the offscreen platform"),
    (r"resources/sample/rotherham_wsoa_2022\.json$", "the sample plan"),
    (r"resources/fonts/dejavusans\.ttf$", "the fonts"),
    (r"resources/fonts/symbola\.ttf$", "the emoji and symbols font"),
    (r"resources/icons/wsoa-desktop\.png$", "the icon"),
    (r"wsoa_desktop/store/migrations/versions/0001_initial\.py$", "the migrations"),
    (r"wsoa_desktop/store/migrations/env\.py$", "the migration environment"),
    (r"^psycopg-[0-9.]+\.dist-info/", "psycopg (server mode; its modules are in the archive)"),
    (r"(^|/)psycopg_binary/(_psycopg|pq)\.", "psycopg's compiled implementation"),
    (r"libpq[^/]*\.(so|dll)", "libpq (server mode)"),
]


class CheckFailed(Exception):
    pass


def exe(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if sys.platform == "win32" else name)


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with no trace of the build's Python."""
    venv_bin = str(Path(sys.executable).parent)
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                           if p and p != venv_bin and not p.startswith(str(ROOT)))
    env = {"HOME": str(home), "PATH": path, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_STATE_HOME": str(home / "state"), "XDG_RUNTIME_DIR": str(home / "runtime")}
    for name in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP", "LOCALAPPDATA", "APPDATA", "USERPROFILE"):
        if name in os.environ and sys.platform == "win32":
            env[name] = os.environ[name]
    (home / "runtime").mkdir(parents=True, exist_ok=True, mode=0o700)
    env.update(extra)
    return env


def run(program: Path, *args: str, env: dict[str, str], cwd: Path,
        expect: int = 0, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(program), *args], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)
    shown = " ".join([program.name, *args])
    if done.returncode != expect:
        raise CheckFailed(f"`{shown}` exited {done.returncode} (expected {expect}):\n"
                          f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    print(f"  ok  {shown}")
    return done


def check_contents(bundle: Path) -> None:
    internal = bundle / "_internal"
    for name in (WINDOWED, CONSOLE):
        program = exe(bundle, name)
        if not (program.is_file() and os.access(program, os.X_OK)):
            raise CheckFailed(f"{program} is missing or not executable")
    paths = [p.relative_to(internal).as_posix().lower() for p in internal.rglob("*")]
    for pattern, what in MUST_BE_ABSENT:
        found = [p for p in paths if re.search(pattern, p)]
        if found:
            raise CheckFailed(f"{what} should not be in the bundle: {found[:5]}")
    present = list(MUST_BE_PRESENT)
    if any("PySide6.QtCharts" in p.read_text(encoding="utf-8")
           for p in (ROOT / "wsoa_desktop").rglob("*.py")):
        present.append((r"pyside6/qtcharts\.", "QtCharts (the Dashboard)"))
    for pattern, what in present:
        if not any(re.search(pattern, p) for p in paths):
            raise CheckFailed(f"{what} is missing from the bundle")
    print(f"  ok  contents: {len(MUST_BE_PRESENT)} kinds present, {len(MUST_BE_ABSENT)} kinds absent")
    if sys.platform.startswith("linux") and shutil.which("ldd"):
        lib_dirs = sorted({str(p.parent) for p in internal.rglob("*.so*")} | {str(internal)})
        env = dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join(lib_dirs))
        missing = []
        for lib in sorted(internal.rglob("*.so*")):
            if lib.is_symlink() or not lib.is_file():
                continue
            out = subprocess.run(["ldd", str(lib)], env=env, capture_output=True, text=True).stdout
            missing += [f"{lib.name}: {line.strip()}" for line in out.splitlines() if "not found" in line
                        and not _optional_system_library(lib, line)]
        if missing:
            raise CheckFailed("libraries in the bundle miss dependencies:\n" + "\n".join(missing[:20]))
        print("  ok  every library in the bundle finds its dependencies (ldd)")


def _optional_system_library(lib: Path, line: str) -> bool:
    """A desktop library (GTK, Wayland) that the build machine lacks and the desktop provides.

    What the spec's filters could break is a Qt, PySide or Python library the bundle ships:
    those must always be found.
    """
    return re.search(r"lib(qt6|pyside6|shiboken6|icu|python)", line.lower()) is None


def check_version_resource(build_dir: Path) -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    from windows_version import read_version_info_text, version_tuple

    for name in (WINDOWED, CONSOLE):
        path = build_dir / f"version-{name.replace(' ', '-')}.txt"
        info = read_version_info_text(path.read_text(encoding="utf-8"))
        strings = info["strings"]
        assert isinstance(strings, dict)
        if info["filevers"] != version_tuple(__version__) or strings.get("ProductVersion") != __version__ \
                or strings.get("OriginalFilename") != f"{name}.exe":
            raise CheckFailed(f"the version resource {path} does not say {__version__} for {name}.exe")
    print(f"  ok  Windows version resources say {__version__}")


def check_programs(bundle: Path, scratch: Path) -> dict[str, float]:
    console, windowed = exe(bundle, CONSOLE), exe(bundle, WINDOWED)
    home = scratch / "home"
    env = bare_env(home)
    work = scratch / "work"
    work.mkdir()
    db = work / "plan.db"
    out = run(console, "--version", env=env, cwd=work).stdout.strip()
    if out != f"WSOA Desktop {__version__}":
        raise CheckFailed(f"--version printed {out!r}")
    run(console, "--db", str(db), "sample", env=env, cwd=work)
    old = work / "old-schema.db"
    shutil.copy(ROOT / "tests" / "fixtures" / "databases" / "schema_0001_initial.db", old)
    run(console, "--db", str(old), "plans", env=env, cwd=work)
    for name in ("brag.pdf", "brag.docx"):
        run(console, "--db", str(db), "report", "brag", "--period", PERIOD, "-o", str(work / name),
            env=env, cwd=work)
    run(console, "--db", str(db), "report", "plan", "-o", str(work / "plan.pdf"), env=env, cwd=work)
    run(console, "--db", str(db), "report", "exceptions", "--period", PERIOD, "-o",
        str(work / "exceptions.docx"), env=env, cwd=work)
    for pdf in ("brag.pdf", "plan.pdf"):
        if not (work / pdf).read_bytes().startswith(b"%PDF-") or (work / pdf).stat().st_size < 5000:
            raise CheckFailed(f"{pdf} is not a PDF report")
    with zipfile.ZipFile(work / "brag.docx") as docx:
        if "Blue" not in docx.read("word/document.xml").decode("utf-8"):
            raise CheckFailed("brag.docx does not hold the ratings")
    run(console, "--db", str(db), "export", str(work / "plan.xlsx"), env=env, cwd=work)
    _add_picture(work / "plan.xlsx", work / "with-picture.xlsx")
    dry = run(console, "--db", str(work / "import.db"), "import", str(work / "with-picture.xlsx"),
              "--dry-run", env=env, cwd=work)
    if "75 sub-actions" not in dry.stdout:
        raise CheckFailed(f"the dry run of a spreadsheet with a picture did not find the sub-actions:\n"
                          f"{dry.stdout}")
    backups = work / "backups"
    backups.mkdir()
    run(console, "--db", str(db), "backup", str(backups), env=env, cwd=work)
    made = sorted(backups.glob("*.wsoa.db"))
    if len(made) != 1 or not made[0].with_name(made[0].name + ".sha256").is_file():
        raise CheckFailed(f"backup wrote {sorted(p.name for p in backups.iterdir())}")
    run(console, "verify", str(made[0]), env=env, cwd=work)
    ini = bundle / "wsoa-desktop.ini"
    ini.write_text("[wsoa-desktop]\nbackup_folder = site backups\n", encoding="utf-8")
    (bundle / "site backups").mkdir()
    try:
        run(console, "--db", str(db), "backup", env=env, cwd=work)
    finally:
        ini.unlink()
    if not list((bundle / "site backups").glob("*.wsoa.db")):
        raise CheckFailed("backup without DIR did not use backup_folder from wsoa-desktop.ini")
    shutil.rmtree(bundle / "site backups")
    window_env = bare_env(home, WSOA_BENCH_EXIT_AFTER_SHOWN="1")
    shown = {}
    for program in (windowed, console):
        done = run(program, "--db", str(db), env=window_env, cwd=work, timeout=120)
        shown[program.name] = float(done.stdout.strip().splitlines()[-1])
    log_files = list((home / "state").rglob("wsoa-desktop.log"))
    if not log_files or "installed build" not in log_files[0].read_text(encoding="utf-8"):
        raise CheckFailed(f"no log file was written under {home / 'state'}")
    print(f"  ok  log file {log_files[0].relative_to(home)}")
    return shown


#: A server address where nothing listens: the driver must be there to find that out.
NO_SERVER = "postgresql://nobody@127.0.0.1:1/none"


def check_server_mode(bundle: Path, scratch: Path, require_server: bool) -> str:
    """The bundled driver: a one-line "cannot reach" without a server, real work with one."""
    console = exe(bundle, CONSOLE)
    home = scratch / "server-home"
    env = bare_env(home)
    work = scratch / "server-work"
    work.mkdir()
    done = run(console, "--db", NO_SERVER, "plans", env=env, cwd=work, expect=1)
    said = (done.stdout + done.stderr).strip()
    if "not installed" in said or "server extra" in said or len(said.splitlines()) != 1 \
            or "Cannot reach the database none on 127.0.0.1:1" not in said:
        raise CheckFailed(f"server mode without a server should say it cannot reach it, in one line; "
                          f"it said:\n{said}")
    print("  ok  server mode: the bundled driver says it cannot reach a server that is not there")
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import PgServer, binaries_present

    if not binaries_present():
        if require_server:
            raise CheckFailed("PostgreSQL's initdb/pg_ctl are not on this machine (--require-server)")
        print("  --  server mode against a real server skipped: no PostgreSQL binaries here")
        return "driver only (no PostgreSQL binaries to start a server)"
    try:
        server = PgServer()
    except RuntimeError as exc:
        if require_server:
            raise CheckFailed(f"could not start a throwaway PostgreSQL server: {exc}") from exc
        print(f"  --  server mode against a real server skipped: {exc}")
        return "driver only (a throwaway server would not start)"
    try:
        db = server.new_database()
        run(console, "--db", db, "sample", env=env, cwd=work)
        plans = run(console, "--db", db, "plans", env=env, cwd=work).stdout
        if "Rotherham" not in plans:
            raise CheckFailed(f"`plans` on the server did not list the sample plan:\n{plans}")
        pdf = work / "server-brag.pdf"
        run(console, "--db", db, "report", "brag", "--period", PERIOD, "-o", str(pdf), env=env, cwd=work)
        if not pdf.read_bytes().startswith(b"%PDF-") or pdf.stat().st_size < 5000:
            raise CheckFailed("the BRAG report from the server database is not a PDF report")
    finally:
        server.stop()
    return "driver, and sample + plans + report brag on a throwaway server"


def _add_picture(source: Path, target: Path) -> None:
    """The exported plan with a logo on its sheet, as councils' templates often have."""
    import io

    from openpyxl import load_workbook
    from openpyxl.drawing.image import Image
    from PIL import Image as PILImage

    png = io.BytesIO()
    PILImage.new("RGB", (40, 20), (31, 95, 173)).save(png, format="PNG")
    png.seek(0)
    wb = load_workbook(source)
    wb.active.add_image(Image(png), "H2")
    wb.save(target)


def bundle_megabytes(bundle: Path) -> float:
    total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1_000_000


def start_up_figures(bundle: Path, scratch: Path, runs: int) -> list[tuple[str, float, float]]:
    """(what, first run, median of the next runs) in seconds, whole process, wall clock."""
    db = scratch / "work" / "plan.db"
    home = scratch / "timing-home"
    bundled = bare_env(home)
    source = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(home / "src-state"),
                  XDG_CONFIG_HOME=str(home / "src-config"))
    main = [sys.executable, str(ROOT / "main.py")]
    cases = [
        ("--version, bundle", [str(exe(bundle, CONSOLE)), "--version"], bundled),
        ("--version, python main.py", [*main, "--version"], source),
        ("window shown, bundle", [str(exe(bundle, WINDOWED)), "--db", str(db)],
         dict(bundled, WSOA_BENCH_EXIT_AFTER_SHOWN="1")),
        ("window shown, python main.py", [*main, "--db", str(db)],
         dict(source, WSOA_BENCH_EXIT_AFTER_SHOWN="1")),
    ]
    figures = []
    for what, argv, env in cases:
        times = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            subprocess.run(argv, env=env, cwd=scratch, capture_output=True, check=True, timeout=120)
            times.append(time.perf_counter() - started)
        figures.append((what, times[0], statistics.median(times[1:])))
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--build-dir", type=Path, help="PyInstaller's work folder (version resources)")
    parser.add_argument("--max-mb", type=float, default=220.0)
    parser.add_argument("--runs", type=int, default=3, help="timed runs after the first")
    parser.add_argument("--require-server", action="store_true",
                        help="fail when no throwaway PostgreSQL server can be started (CI)")
    args = parser.parse_args()
    bundle = args.bundle.resolve()
    try:
        print(f"Checking {bundle}")
        check_contents(bundle)
        if args.build_dir:
            check_version_resource(args.build_dir)
        with tempfile.TemporaryDirectory(prefix="wsoa-bundle-check-") as tmp:
            scratch = Path(tmp)
            shown = check_programs(bundle, scratch)
            server_mode = check_server_mode(bundle, scratch, args.require_server)
            figures = start_up_figures(bundle, scratch, args.runs)
        size = bundle_megabytes(bundle)
        print(f"\nBundle size: {size:.1f} MB (goal under {args.max_mb:.0f} MB)")
        print(f"Server mode proved: {server_mode}")
        print("Window shown (seconds since process start, as the app measures it): "
              + ", ".join(f"{k} {v:.2f}" for k, v in shown.items()))
        print(f"Start-up, whole process (first run; median of the next {args.runs}):")
        for what, first, median in figures:
            print(f"  {what:30} {first:6.2f} s   {median:6.2f} s")
        if size > args.max_mb:
            raise CheckFailed(f"the bundle is {size:.1f} MB, over {args.max_mb:.0f} MB")
    except CheckFailed as exc:
        print(f"bundle check FAILED: {exc}", file=sys.stderr)
        return 1
    print("Bundle check passed.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
