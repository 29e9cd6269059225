"""Every library the app imports is declared, and the build tools are pinned exactly.

A library that arrives only as another's dependency (SQLAlchemy under SQLModel) can
vanish or change major version under us; a build tool that floats gives a different
bundle from the same source.
"""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "wsoa_desktop"


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    """The distribution's normalised name (PEP 503) from a requirement line."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def imported_top_level_modules(package: Path) -> dict[str, set[str]]:
    """Third-party top-level modules imported anywhere in ``package`` -> the files importing them."""
    found: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "wsoa_desktop" and top != "__future__":
                    found.setdefault(top, set()).add(str(path.relative_to(package.parent)))
    return found


def test_every_imported_library_is_a_declared_dependency() -> None:
    project = _pyproject()["project"]
    # The server extra's driver (psycopg) is imported only when a server database is opened.
    declared = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["server"]}
    providers = packages_distributions()
    imported = imported_top_level_modules(PACKAGE)
    assert {"PySide6", "sqlalchemy", "sqlmodel", "reportlab"} <= set(imported)  # the scan sees imports
    undeclared = {}
    for module, files in imported.items():
        distributions = {_name(d) for d in providers.get(module, [])}
        assert distributions, f"{module} (imported in {sorted(files)}) is not installed at all"
        if not distributions & declared:
            undeclared[module] = sorted(files)
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"


def test_the_scan_would_catch_an_undeclared_import(tmp_path: Path) -> None:
    (tmp_path / "mod.py").write_text("import os\nfrom lxml import etree\nimport wsoa_desktop.cli\n")
    assert set(imported_top_level_modules(tmp_path)) == {"lxml"}
    declared = {_name(r) for r in _pyproject()["project"]["dependencies"]}
    assert not {_name(d) for d in packages_distributions()["lxml"]} & declared


def test_build_tools_are_pinned_exactly() -> None:
    build = _pyproject()["project"]["optional-dependencies"]["build"]
    names = {_name(r) for r in build}
    assert "pyinstaller" in names
    for requirement in build:
        assert re.fullmatch(r"[A-Za-z0-9._-]+(\[[a-z,]+\])?==[0-9][0-9A-Za-z.]*", requirement), \
            f"{requirement!r} is not pinned to one version"


def test_the_bundle_pins_the_server_driver_with_its_own_libpq() -> None:
    """The installed program opens server databases: psycopg and its binary libpq go in the bundle."""
    build = _pyproject()["project"]["optional-dependencies"]["build"]
    pins = {_name(r): r.split("==")[1] for r in build}
    assert "psycopg[binary]==" + pins["psycopg"] in build
    assert pins["psycopg-binary"] == pins["psycopg"]
    spec = (ROOT / "installer.spec").read_text(encoding="utf-8")
    for module in ("psycopg", "psycopg_binary", "sqlalchemy.dialects.postgresql.psycopg"):
        assert f'"{module}"' in spec, f"{module} is not named in installer.spec's hidden imports"


def test_the_version_has_one_owner() -> None:
    from wsoa_desktop import __version__

    project = _pyproject()
    assert "version" in project["project"]["dynamic"] and "version" not in project["project"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "wsoa_desktop.__version__"}
    spec = (ROOT / "installer.spec").read_text(encoding="utf-8")
    assert "wsoa_desktop" in spec and "__version__" in spec
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
