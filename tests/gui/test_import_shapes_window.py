"""A new officer brings the council's own plans in through the window: File ▸ Import… with each
seed-shaped document, the dry run in the dialog (owners chosen there), then the plan on screen; a
document in no shape gets the one message and nothing is imported; a reference the import made up
is changed with Edit ▸ Move…."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from tests.services import plan_shapes
from wsoa_desktop.services.plans import list_plans

BUILD = {"appendix.docx": plan_shapes.appendix_docx, "appendix.xlsx": plan_shapes.appendix_xlsx,
         "appendix.csv": plan_shapes.appendix_csv,
         "joint.docx": lambda p: plan_shapes.joint_plan_docx(p, commissioning=True),
         "joint.xlsx": lambda p: plan_shapes.joint_plan_xlsx(p, commissioning=True),
         "joint.csv": plan_shapes.joint_plan_csv}
LAST_REF = {"appendix": "2.10.1", "joint": "SJC 2.1"}


def _import(window, prompts, qtbot, path: Path, drive) -> None:  # type: ignore[no-untyped-def]
    prompts.answer("open_file", str(path))
    prompts.answer("ImportDialog", drive)
    window.findChild(QAction, "actionImport").trigger()


@pytest.mark.parametrize("name", list(BUILD))
def test_each_shape_imports_from_the_file_menu(window, prompts, qtbot, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    path = BUILD[name](tmp_path / name)
    seen: dict[str, str] = {}

    def drive(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.waitUntil(lambda: not dialog.checking() and dialog.plan is not None, timeout=30000)
        if dialog.owner_combos:  # the joint plan's "PW" and "Paula Williams": the officer says who
            for combo in dialog.owner_combos.values():
                combo.setFocus()
                index = next(i for i in range(combo.count()) if combo.itemData(i) == "Paula Williams (I)")
                while combo.currentIndex() < index:
                    qtbot.keyClick(combo, Qt.Key.Key_Down)
                qtbot.waitUntil(lambda: not dialog.checking(), timeout=30000)
        qtbot.waitUntil(dialog.import_button.isEnabled, timeout=30000)
        seen["report"] = dialog.report.toPlainText()
        seen["summary"] = dialog.summary.text()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)

    before = len(list_plans(window.store))
    _import(window, prompts, qtbot, path, drive)
    assert seen["summary"] == "Ready to import: nothing has been changed yet."
    assert "What would be created:" in seen["report"]
    assert len(list_plans(window.store)) == before + 1
    assert window.outline.title == path.stem
    shape = name.split(".")[0]
    assert window.select_ref(LAST_REF[shape])  # the new plan is the one on screen, down to its last row
    if shape == "joint":
        window.tree.setColumnWidth(0, 40)  # as a width remembered from a plan of short refs would be
        window.reload()
        metrics = window.tree.fontMetrics()  # the tree shows each named ref whole, not "Peer Revi…"
        assert window.tree.columnWidth(0) >= metrics.horizontalAdvance("Peer Review 19") + window.tree.indentation()
        assert "have no reference of their own" in seen["report"]
        assert window.outline.find("SJC 1.1").status.status_text == "Completed"
        assert "Imported joint" in window.statusBar().currentMessage()


def test_a_document_in_no_shape_gets_the_one_message_in_the_dialog(window, prompts, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "minutes.docx"
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Name", "Role"
    t.rows[1].cells[0].text, t.rows[1].cells[1].text = "Julie Day", "Chair"
    d.save(str(path))
    seen: dict[str, object] = {}

    def drive(dialog) -> bool:  # type: ignore[no-untyped-def]
        qtbot.waitUntil(lambda: not dialog.checking() and dialog.plan is not None, timeout=30000)
        seen["report"] = dialog.report.toPlainText()
        seen["summary"] = dialog.summary.text()
        seen["can_import"] = dialog.import_button.isEnabled()
        return False  # Cancel

    before = len(list_plans(window.store))
    _import(window, prompts, qtbot, path, drive)
    assert seen["can_import"] is False
    assert seen["summary"].startswith("1 problem(s) to fix")
    report = str(seen["report"])
    assert report.count("is not in a shape WSOA Desktop reads") == 1
    assert "table 1, row 1, “Name | Role”" in report and "a joint action plan" in report
    assert len(list_plans(window.store)) == before


def test_a_made_up_reference_is_changed_with_move(window, prompts, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.gui import edit_actions

    path = plan_shapes.joint_plan_csv(tmp_path / "joint.csv")

    def drive(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.waitUntil(dialog.import_button.isEnabled, timeout=30000)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)

    _import(window, prompts, qtbot, path, drive)
    assert window.select_ref("SJC 1.2")

    def rename(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.parent_combo.itemText(0).endswith("(where it is now)")
        dialog.parent_combo.setCurrentIndex(0)
        dialog.new_ref.setFocus()
        qtbot.keyClicks(dialog.new_ref, "SJC 1.20")

    prompts.answer("MoveDialog", rename)
    assert edit_actions.move_selected(window.plan_context())
    assert window.outline.find("SJC 1.20").description == "Establish  SEND Hub Working Group"
    assert window.selected_ref() == "SJC 1.20"
    window.undo_stack.undo()
    assert window.outline.find("SJC 1.2") is not None and window.outline.find("SJC 1.20") is None
