"""One way to do each GUI thing, kept so by reading the source (issue 11, item 5).

- every modal question, file chooser and dialog runs in ``gui/messages.py`` (the seam tests answer);
- no module sets attributes on the main window: it declares what it keeps, and jobs get a PlanContext;
- no production code asks which Qt platform it runs on;
- no ``type: ignore`` in ``gui/`` (mypy checks it: see pyproject.toml).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "wsoa_desktop"
GUI = PACKAGE / "gui"

MODAL = re.compile(r"\bQMessageBox\b|\bQFileDialog\b|\bQInputDialog\b|\bQPrintDialog\b|\.exec\(\)")


def _sources(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(PACKAGE)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.py"))}


def test_only_the_messages_module_shows_modal_questions() -> None:
    found = {name: MODAL.findall(text) for name, text in _sources(GUI).items()
             if name not in ("gui/messages.py", "gui/app.py")}
    assert {name: hits for name, hits in found.items() if hits} == {}
    app = (GUI / "app.py").read_text(encoding="utf-8")
    assert MODAL.findall(app) == [".exec()"]  # the application's own event loop, nothing else


def test_no_module_adds_attributes_to_the_window() -> None:
    """``window.x = …`` (or ``setattr``/``getattr`` on it) outside the window itself."""
    found = []
    for name, text in _sources(GUI).items():
        if name == "gui/main_window.py":
            continue
        tree = ast.parse(text)
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, ast.AnnAssign | ast.AugAssign) else []
            for target in targets:
                for part in ast.walk(target):
                    owner = part.value if isinstance(part, ast.Attribute) else None
                    if isinstance(owner, ast.Name) and owner.id in ("window", "w") or \
                            isinstance(owner, ast.Attribute) and owner.attr == "window":
                        found.append(f"{name}:{node.lineno} window.{part.attr} =")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("setattr", "getattr", "hasattr") and node.args \
                    and isinstance(node.args[0], ast.Name) and node.args[0].id == "window":
                found.append(f"{name}:{node.lineno} {node.func.id}(window, …)")
    assert found == []


def test_no_production_code_checks_the_qt_platform() -> None:
    found = [name for name, text in _sources(PACKAGE).items()
             if "platformName" in text or re.search(r"[\"']offscreen[\"']", text)]
    assert found == []


def test_no_type_ignores_in_the_gui() -> None:
    found = [f"{name}:{i}" for name, text in _sources(GUI).items()
             for i, line in enumerate(text.splitlines(), 1) if "type: ignore" in line]
    assert found == []


def test_the_gui_is_in_the_type_check() -> None:
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert "wsoa_desktop/gui" in config["files"]
